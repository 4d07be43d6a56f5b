// Benchmarks the four analyses and the sales reports as a user runs them: wall time from "Run analysis" to the result on
// screen (the worker's own figure, "Computed in … ms", is printed beside it) and the longest
// main-thread task while the analysis ran and its result was drawn.
// Usage (after `make build`):
//   node tests/e2e/bench-analytics.mjs demo [RUNS]             # a fresh profile, the demo workspace
//   node tests/e2e/bench-analytics.mjs PROFILE_DIR [RUNS]      # e.g. the large sample kept by bench-people.mjs
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureLargeSample, median, openBench } from "./bench-setup.mjs";

const target = process.argv[2] ?? "demo";
const runs = Number(process.argv[3] ?? 3);
const profile = target === "demo" ? mkdtempSync(join(tmpdir(), "hearth-analytics-")) : target;
const { origin, context, close } = await openBench(profile, 4183);
const ANALYSES = [
  ["RFM", "/analytics/rfm"],
  ["Lifetime value", "/analytics/clv"],
  ["Segments", "/analytics/segments"],
  ["Baskets", "/analytics/baskets"],
  ["Sales reports", "/sales-reports"],
];
try {
  const page = await context.newPage();
  page.setDefaultTimeout(300_000);
  // The large sample, written once into the profile (as bench-people.mjs keeps it).
  if (target !== "demo") await ensureLargeSample(page, origin);
  await page.goto(`${origin}/`);
  await page.getByRole("group", { name: "People" }).filter({ hasNotText: "…" }).waitFor();
  const people = await page.getByRole("group", { name: "People" }).locator(".count-value").textContent();
  console.log(`workspace: ${people} people`);
  const rows = [];
  for (const [name, path] of ANALYSES) {
    await page.goto(`${origin}${path}`);
    const times = [];
    for (let run = 0; run < runs; run++) {
      await page.evaluate(() => {
        window.__longTasks = [];
        window.__observer?.disconnect();
        window.__observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(e.duration)));
        window.__observer.observe({ type: "longtask", buffered: false });
      });
      const started = Date.now();
      await page.getByRole("button", { name: "Run analysis" }).click();
      const status = page.getByRole("status").filter({ hasText: "Computed in" });
      // A second run replaces the first one's status: wait for the progress bar to go first.
      await page.getByRole("progressbar", { name: "Analysis progress" }).waitFor({ state: "detached" });
      await status.waitFor();
      // Let the result's charts paint before reading the long tasks.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
      const wall = Date.now() - started;
      const worker = Number((await status.textContent()).match(/Computed in (\d+) ms/)[1]);
      const longest = await page.evaluate(() => Math.max(0, ...window.__longTasks));
      times.push({ wall, worker, longest });
      console.log(`${name} run ${run + 1}: ${wall} ms on screen, worker ${worker} ms, longest main-thread task ${longest.toFixed(0)} ms`);
    }
    rows.push({
      name,
      first: times[0],
      median: { wall: median(times.map((t) => t.wall)), worker: median(times.map((t) => t.worker)) },
      longest: Math.max(...times.map((t) => t.longest)),
    });
  }
  // One order edited as a user does (a tag added from the orders list): the write corrects the
  // order facts in its own transaction, so RFM runs without rebuilding them.
  await page.goto(`${origin}/orders`);
  await page.getByText(/^Showing [\d,]+ of [\d,]+ orders$/).waitFor();
  // The first row's box (the first box of all selects every row).
  await page.getByRole("table").getByRole("checkbox").nth(1).check();
  const toolbar = page.getByRole("toolbar", { name: "Actions on the selected orders" });
  await toolbar.getByLabel("Tag to add").fill(`bench-${Date.now()}`);
  const editStarted = Date.now();
  await toolbar.getByRole("button", { name: "Add tag" }).click();
  await page.getByRole("status").filter({ hasText: /Tagged: 1 / }).waitFor();
  const edited = Date.now() - editStarted;
  // To RFM as a user goes, through the app's links: the page and its worker are already running
  // (a `goto` would time their start-up too).
  await page.getByRole("navigation").getByRole("link", { name: "Analytics" }).click();
  await page.getByRole("link", { name: "RFM segments" }).first().click();
  await page.getByRole("button", { name: "Run analysis" }).waitFor();
  const afterEditStarted = Date.now();
  await page.getByRole("button", { name: "Run analysis" }).click();
  await page.getByRole("progressbar", { name: "Analysis progress" }).waitFor({ state: "detached" });
  const afterEdit = page.getByRole("status").filter({ hasText: "Computed in" });
  await afterEdit.waitFor();
  console.log(`one order edited in ${edited} ms; RFM then: ${Date.now() - afterEditStarted} ms on screen, worker ${(await afterEdit.textContent()).match(/Computed in (\d+) ms/)[1]} ms`);

  // Once more with the order facts dropped (as a write of many orders does): the worker rebuilds
  // them from every order object before it can answer.
  await page.goto(`${origin}/analytics/rfm`);
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open("hearth-crm.workspace");
    open.onsuccess = () => {
      const transaction = open.result.transaction("order_facts", "readwrite");
      transaction.objectStore("order_facts").clear();
      transaction.oncomplete = () => { open.result.close(); resolve(); };
      transaction.onerror = () => reject(transaction.error);
    };
    open.onerror = () => reject(open.error);
  }));
  const rebuildStarted = Date.now();
  await page.getByRole("button", { name: "Run analysis" }).click();
  await page.getByRole("progressbar", { name: "Analysis progress" }).waitFor({ state: "detached" });
  const rebuilt = page.getByRole("status").filter({ hasText: "Computed in" });
  await rebuilt.waitFor();
  console.log(`RFM with the order facts rebuilt first: ${Date.now() - rebuildStarted} ms on screen, worker ${(await rebuilt.textContent()).match(/Computed in (\d+) ms/)[1]} ms`);

  console.log("\n| analysis | first run on screen (worker) ms | median on screen (worker) ms | longest main-thread task ms |");
  console.log("|---|---|---|---|");
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.first.wall} (${r.first.worker}) | ${r.median.wall} (${r.median.worker}) | ${r.longest.toFixed(0)} |`);
  }
} finally {
  await close();
}
