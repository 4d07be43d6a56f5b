// Benchmarks the deals board as a user meets it: from navigating to /board until every column of
// the first pipeline shows its count and cards ("opens"), then a card dragged to the next column:
// when it shows there, and when IndexedDB holds the move ("stored"), with the longest main-thread
// task over each.
// Usage (after `make build`):
//   node tests/e2e/bench-board.mjs demo [RUNS]           # a fresh profile, the demo workspace
//   node tests/e2e/bench-board.mjs PROFILE_DIR [RUNS]    # e.g. the large sample (5,000 deals) kept by bench-people.mjs
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const target = process.argv[2] ?? "demo";
const runs = Number(process.argv[3] ?? 3);
const profile = target === "demo" ? mkdtempSync(join(tmpdir(), "hearth-board-")) : target;
const port = 4185;
const origin = `http://127.0.0.1:${port}`;
const server = spawn("node", ["serve.mjs", "../../dist", String(port), "/"], { cwd: new URL(".", import.meta.url).pathname });
await new Promise((resolve) => setTimeout(resolve, 500));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
  viewport: { width: 1600, height: 900 },
});
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const watchLongTasks = () => {
  window.__longTasks = [];
  window.__observer?.disconnect();
  window.__observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(e.duration)));
  window.__observer.observe({ type: "longtask", buffered: true });
};
try {
  const page = await context.newPage();
  page.setDefaultTimeout(300_000);
  await page.addInitScript(watchLongTasks);
  if (target !== "demo") {
    // The large sample, written once into the profile (as bench-people.mjs keeps it).
    await page.goto(`${origin}/settings`);
    await page.getByRole("heading", { name: "Workspace" }).waitFor();
    if (!(await page.getByText("This workspace holds the large demo (100,000 customers).").isVisible())) {
      const started = Date.now();
      await page.getByRole("button", { name: "Load the large sample (100,000 customers)" }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Yes, replace everything" }).click();
      await page.getByRole("status").filter({ hasText: "Workspace replaced" }).waitFor({ timeout: 1_800_000 });
      console.log(`large sample written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  }
  await page.goto(`${origin}/`);
  await page.getByRole("group", { name: "People" }).filter({ hasNotText: "…" }).waitFor();
  await page.getByRole("group", { name: "Deals" }).filter({ hasNotText: "…" }).waitFor();
  const deals = await page.getByRole("group", { name: "Deals" }).locator(".count-value").textContent();
  console.log(`workspace: ${deals} deals`);
  const opens = [];
  const commits = [];
  for (let run = 0; run < runs; run++) {
    // Open: from a click on the navigation (on Settings, a page that reads little) to the columns drawn.
    await page.goto(`${origin}/settings`);
    await page.getByRole("heading", { name: "Workspace" }).waitFor();
    await page.waitForTimeout(1000);
    await page.evaluate(watchLongTasks);
    const started = Date.now();
    await page.getByRole("navigation").getByRole("link", { name: "Deals board" }).click();
    await page.locator(".board-column").first().locator(".deal-card").first().waitFor();
    const open = Date.now() - started;
    const openLongest = await page.evaluate(() => Math.max(0, ...window.__longTasks));
    const total = await page.locator(".deal-card").count();

    // Drag the first card of the first column onto the second column.
    const columns = page.locator(".board-column");
    const card = columns.first().locator(".deal-card").first();
    const title = await card.getAttribute("aria-label");
    const dealId = Number((await card.getAttribute("id")).replace("deal-card-", ""));
    const nextStage = await columns.nth(1).getAttribute("data-stage");
    const from = await card.locator(".card-amount").boundingBox();
    const to = await columns.nth(1).boundingBox();
    await page.evaluate(watchLongTasks);
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 8 });
    const dropped = Date.now();
    await page.mouse.up();
    // Shown: the card drawn in its new column, its menu on that stage.
    const moved = page.locator(`.board-column[data-stage="${nextStage}"] .deal-card[aria-label="${title}"] select`);
    await moved.waitFor();
    await page.waitForFunction(
      ([stage, name]) => {
        const cards = [...document.querySelectorAll(`.board-column[data-stage="${stage}"] .deal-card`)];
        const card = cards.find((c) => c.getAttribute("aria-label") === name);
        return card && card.querySelector("select").value === stage;
      },
      [nextStage, title],
    );
    const shown = Date.now() - dropped;
    // The write itself: IndexedDB holds the deal in its new stage.
    await page.evaluate(async ([stage, id]) => {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open("hearth-crm.workspace");
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (;;) {
        const deal = await new Promise((resolve) => {
          const request = db.transaction("deals").objectStore("deals").get(id);
          request.onsuccess = () => resolve(request.result);
        });
        if (String(deal.stage_id) === stage) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      db.close();
    }, [nextStage, dealId]);
    const committed = Date.now() - dropped;
    const dragLongest = await page.evaluate(() => Math.max(0, ...window.__longTasks));
    opens.push(open);
    commits.push(committed);
    console.log(
      `run ${run + 1}: opened in ${open} ms (${total} cards drawn, longest task ${openLongest.toFixed(0)} ms); ` +
        `card in its new column ${shown} ms after the drop, stored in IndexedDB by ${committed} ms (longest task ${dragLongest.toFixed(0)} ms)`,
    );
  }
  console.log(`median: opened in ${median(opens)} ms, drag stored by ${median(commits)} ms`);
} finally {
  await context.close();
  server.kill();
}
