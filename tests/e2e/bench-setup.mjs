// What the browser benchmarks share: the release build served on a port of their own, Debian's
// Chromium with a persistent profile, the large sample written into that profile once, a median.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";

/** Serves `dist/` on `port` and opens Chromium on `profile`; `close()` ends both. */
export async function openBench(profile, port, viewport = { width: 1280, height: 900 }) {
  const server = spawn("node", ["serve.mjs", "../../dist", String(port), "/"], { cwd: new URL(".", import.meta.url).pathname });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
    viewport,
  });
  const close = async () => {
    await context.close();
    server.kill();
  };
  return { origin: `http://127.0.0.1:${port}`, context, close };
}

/** Loads the large sample (100,000 customers) into the profile's workspace unless it holds it already. */
export async function ensureLargeSample(page, origin) {
  await page.goto(`${origin}/settings`);
  await page.getByRole("heading", { name: "Workspace" }).waitFor({ timeout: 300_000 });
  if (await page.getByText("This workspace holds the large demo (100,000 customers).").isVisible()) return;
  const started = Date.now();
  await page.getByRole("button", { name: "Load the large sample (100,000 customers)" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, replace everything" }).click();
  await page.getByRole("status").filter({ hasText: "Workspace replaced" }).waitFor({ timeout: 1_800_000 });
  console.log(`large sample written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The middle value of `values` (the upper one of an even count). */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
