import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
const server = spawn("node", ["serve.mjs", "../../dist", "4191", "/"], { cwd: "/work/main/tests/e2e" });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
for (const [lang, scheme, width, height] of [["en", "light", 1366, 850], ["zh", "dark", 1366, 850], ["en", "dark", 390, 844], ["zh", "light", 390, 844]]) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height } });
  const page = await context.newPage();
  await page.goto("http://127.0.0.1:4191/");
  await page.evaluate((lang) => localStorage.setItem("hearth-crm.lang", JSON.stringify(lang === "zh" ? "Zh" : "En")), lang);
  await page.reload();
  await page.locator(".count-card").first().waitFor();
  await page.waitForFunction(() => !document.body.innerText.includes("…"), null, { timeout: 60_000 });
  await page.goto("http://127.0.0.1:4191/board");
  await page.locator(".deal-card").first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/shots/${lang}-${scheme}-${width}-board.png` });
  await page.locator("details summary").click();
  await page.locator("details summary").scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/shots/${lang}-${scheme}-${width}-stages.png` });
  await page.locator(".deal-card a").first().click();
  await page.locator("#deal-stage").waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/shots/${lang}-${scheme}-${width}-deal.png`, fullPage: true });
  await context.close();
}
await browser.close(); server.kill();
