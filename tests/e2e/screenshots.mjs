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
    for (const path of ["/", "/customers", "/customers/1", "/companies", "/companies/1", "/products", "/products/1", "/deals", "/board", "/deals/1", "/orders", "/orders/1", "/tickets", "/tickets/1", "/import", "/tasks", "/duplicates", "/settings"]) {
      await page.goto(`http://127.0.0.1:4180${path}`);
      await page.waitForTimeout(800);
      const name = `${lang}-${scheme}${path === "/" ? "-dashboard" : path.replaceAll("/", "-")}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage: true });
    }
    for (const path of ["/analytics", "/analytics/rfm", "/analytics/segments", "/analytics/clv", "/analytics/baskets", "/sales-reports", "/service-report"]) {
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
  // The records core's states: a save refused because another tab saved first, and a workspace
  // whose database was cleared; at desktop width and on a phone.
  for (const [lang, scheme, width, height] of [["en", "light", 1280, 800], ["zh", "dark", 1280, 800], ["en", "dark", 390, 844], ["zh", "light", 390, 844]]) {
    const context = await browser.newContext({ colorScheme: scheme, deviceScaleFactor: 1, viewport: { width, height } });
    const page = await context.newPage();
    await page.goto("http://127.0.0.1:4180/");
    await page.evaluate((lang) => localStorage.setItem("hearth-crm.lang", JSON.stringify(lang === "zh" ? "Zh" : "En")), lang);
    await page.reload();
    await page.getByRole("group").first().waitFor();
    await page.waitForFunction(() => !document.body.innerText.includes("…"), null, { timeout: 60_000 });
    const other = await context.newPage();
    await page.goto("http://127.0.0.1:4180/customers/1");
    await other.goto("http://127.0.0.1:4180/customers/1");
    await page.locator("#edit-job-title").fill("Buyer");
    await page.locator("#edit-job-title").press("Enter");
    await page.waitForTimeout(500);
    await other.locator("#edit-owner").fill("Mia");
    await other.locator("#edit-owner").press("Enter");
    await other.getByRole("alert").first().waitFor();
    await other.getByRole("alert").first().scrollIntoViewIfNeeded();
    await other.screenshot({ path: `${out}/${lang}-${scheme}-${width}-conflict.png` });
    await other.close();
    await page.evaluate(() => new Promise((resolve) => { const r = indexedDB.deleteDatabase("hearth-crm.workspace"); r.onsuccess = resolve; }));
    await page.screenshot({ path: `${out}/${lang}-${scheme}-${width}-changed-under-page.png` });
    await page.reload();
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.screenshot({ path: `${out}/${lang}-${scheme}-${width}-data-gone.png` });
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
