// Takes screenshots of every page in English and Chinese, light and dark, for a person to look at.
// Usage (with `make build` done and the suite's server running or started here):
//   node tests/e2e/screenshots.mjs [OUT_DIR]
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";

const out = process.argv[2] ?? "screenshots";
const server = spawn("node", ["serve.mjs", "../../dist", "4180", "/"], { cwd: new URL(".", import.meta.url).pathname });
await new Promise((resolve) => setTimeout(resolve, 500));
await mkdir(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});
try {
  for (const [lang, scheme] of [["en", "light"], ["zh", "dark"], ["en", "dark"], ["zh", "light"]]) {
    const context = await browser.newContext({ colorScheme: scheme, deviceScaleFactor: 1, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto("http://127.0.0.1:4180/");
    await page.evaluate((lang) => localStorage.setItem("hearth-crm.lang", JSON.stringify(lang === "zh" ? "Zh" : "En")), lang);
    await page.reload();
    await page.getByRole("group").first().waitFor();
    await page.waitForFunction(() => !document.body.innerText.includes("…"), null, { timeout: 60_000 });
    for (const path of ["/", "/customers", "/customers/1", "/companies", "/companies/1", "/tasks", "/duplicates", "/settings"]) {
      await page.goto(`http://127.0.0.1:4180${path}`);
      await page.waitForTimeout(800);
      const name = `${lang}-${scheme}${path === "/" ? "-dashboard" : path.replaceAll("/", "-")}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage: true });
    }
    for (const path of ["/analytics", "/analytics/rfm", "/analytics/segments", "/analytics/clv", "/analytics/baskets"]) {
      await page.goto(`http://127.0.0.1:4180${path}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      const run = page.getByRole("button", { name: /^(Run analysis|运行分析)$/ });
      if (await run.count()) {
        await run.click();
        await page.getByText(/^(Computed in|计算用时)/).waitFor({ timeout: 120_000 });
      }
      await page.waitForTimeout(800);
      await page.screenshot({ path: `${out}/${lang}-${scheme}${path.replaceAll("/", "-")}.png`, fullPage: true });
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
