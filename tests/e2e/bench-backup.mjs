// Benchmarks backup and restore of the 100,000-customer workspace from Settings as a user does
// them: "Download a backup" to the file saved, then "Start empty", choosing the file, and
// "Replace this workspace with it" to "Restored"; the longest main-thread task during each. The
// large sample is written first into a fresh profile (itself timed: "Load the large sample").
// Usage (after `make build`): node tests/e2e/bench-backup.mjs
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const port = 4184;
const origin = `http://127.0.0.1:${port}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-bench-backup-"));
const server = spawn("node", ["serve.mjs", "../../dist", String(port), "/"], { cwd: new URL(".", import.meta.url).pathname });
await new Promise((resolve) => setTimeout(resolve, 500));
const context = await chromium.launchPersistentContext(path.join(dir, "profile"), {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  viewport: { width: 1280, height: 900 },
  acceptDownloads: true,
});
const watchLongTasks = (page) =>
  page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: "longtask" });
  });
try {
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  await page.goto(`${origin}/`);
  await page.getByRole("group", { name: "People" }).filter({ hasText: "2,000" }).waitFor();
  await page.goto(`${origin}/settings`);
  let started = Date.now();
  await page.getByRole("button", { name: "Load the large sample (100,000 customers)" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, replace everything" }).click();
  await page.getByRole("status").filter({ hasText: "Workspace replaced" }).waitFor();
  const large = Date.now() - started;

  const section = page.getByRole("region", { name: "Backup and restore" });
  await watchLongTasks(page);
  started = Date.now();
  const download = page.waitForEvent("download");
  await section.getByRole("button", { name: "Download a backup" }).click();
  const file = path.join(dir, "backup.gz");
  await (await download).saveAs(file);
  const backup = Date.now() - started;
  const backupLongest = await page.evaluate(() => window.__longest);
  const bytes = fs.statSync(file).size;

  await page.getByRole("button", { name: "Start empty" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, replace everything" }).click();
  await page.getByRole("status").filter({ hasText: "Workspace replaced" }).waitFor();
  await section.getByLabel("Restore from a backup file").setInputFiles(file);
  const contents = section.getByRole("region", { name: "What the backup holds" });
  await contents.getByRole("button", { name: "Replace this workspace with it" }).click();
  await watchLongTasks(page);
  started = Date.now();
  await contents.getByRole("alertdialog").getByRole("button", { name: "Yes, restore" }).click();
  await section.getByRole("status").filter({ hasText: "Restored:" }).waitFor();
  const restore = Date.now() - started;
  const restoreLongest = await page.evaluate(() => window.__longest);
  const restored = await section.getByRole("status").filter({ hasText: "Restored:" }).innerText();

  console.log(`large sample written in ${(large / 1000).toFixed(1)} s`);
  console.log(`backup ${(backup / 1000).toFixed(2)} s to the saved file (${(bytes / 1e6).toFixed(1)} MB), longest main-thread task ${Math.round(backupLongest)} ms`);
  console.log(`restore (replace) ${(restore / 1000).toFixed(2)} s, longest main-thread task ${Math.round(restoreLongest)} ms; ${restored}`);
} finally {
  await context.close();
  server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}
