// Benchmarks the service and marketing screens at scale as a user opens them: the tickets list
// (each ticket's clocks judged as it is read) from its address to "Showing N of N tickets", a
// campaign's page to its figures, and the service and marketing reports from "Run analysis" to
// their result on screen, with the longest main-thread task over each. The large sample (100,000
// customers, 50,000 tickets) is written into the profile once, as the other benchmarks keep it.
// Usage (after `make build`): node tests/e2e/bench-service.mjs PROFILE_DIR [RUNS]
import { ensureLargeSample, median, openBench } from "./bench-setup.mjs";

const profile = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
if (!profile) throw new Error("usage: node tests/e2e/bench-service.mjs PROFILE_DIR [RUNS]");
const { origin, context, close } = await openBench(profile, 4185);

/** Starts counting long tasks on the page. */
const watch = (page) =>
  page.evaluate(() => {
    window.__longTasks = [];
    window.__observer?.disconnect();
    window.__observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(e.duration)));
    window.__observer.observe({ type: "longtask", buffered: false });
  });
const longest = (page) => page.evaluate(() => Math.max(0, ...(window.__longTasks ?? [])));

try {
  const page = await context.newPage();
  page.setDefaultTimeout(300_000);
  await ensureLargeSample(page, origin);
  await page.goto(`${origin}/`);
  await page.getByRole("group", { name: "Tickets", exact: true }).filter({ hasNotText: "…" }).waitFor();
  const tickets = await page.getByRole("group", { name: "Tickets", exact: true }).locator(".count-value").textContent();
  console.log(`workspace: ${tickets} tickets`);
  const rows = [];

  // The tickets list, from its address (a page load: wasm start, database open): the newest
  // tickets shown first, then every ticket read with its requester's name and its clocks.
  const list = [];
  for (let run = 0; run < runs; run++) {
    await page.goto(`${origin}/settings`);
    const started = Date.now();
    await page.goto(`${origin}/tickets`);
    await watch(page);
    await page.locator("table.virtual tbody tr:not(.spacer)").first().waitFor();
    const firstRows = Date.now() - started;
    await page.getByText(/^Showing ([\d,]+) of \1 tickets$/).waitFor();
    list.push({ first: firstRows, wall: Date.now() - started, longest: await longest(page) });
    console.log(`tickets list run ${run + 1}: first rows ${firstRows} ms, every ticket ${list.at(-1).wall} ms, longest task after load ${list.at(-1).longest.toFixed(0)} ms`);
  }
  rows.push(["Tickets list opened, first rows shown (page load)", median(list.map((r) => r.first)), "—"]);
  rows.push(["Tickets list opened, every ticket read (page load)", median(list.map((r) => r.wall)), Math.max(...list.map((r) => r.longest))]);

  // A campaign's page: its details, target list and figures (the worker measures every campaign).
  await page.goto(`${origin}/campaigns`);
  await page.getByText(/^Showing ([\d,]+) of \1 campaigns$/).waitFor();
  const campaignHref = await page.locator("table.virtual tbody tr:not(.spacer) a").first().getAttribute("href");
  const campaign = [];
  for (let run = 0; run < runs; run++) {
    await page.goto(`${origin}/settings`);
    const started = Date.now();
    await page.goto(`${origin}${campaignHref}`);
    await watch(page);
    await page.getByRole("group", { name: "ROI" }).filter({ hasText: "%" }).waitFor();
    await page.getByRole("region", { name: "Target list" }).getByRole("link").first().waitFor();
    campaign.push({ wall: Date.now() - started, longest: await longest(page) });
    const computed = await page.getByRole("status").filter({ hasText: "Computed in" }).textContent();
    console.log(`campaign page run ${run + 1}: ${campaign.at(-1).wall} ms (${computed}), longest task ${campaign.at(-1).longest.toFixed(0)} ms`);
  }
  rows.push(["Campaign page opened with its figures (page load)", median(campaign.map((r) => r.wall)), Math.max(...campaign.map((r) => r.longest))]);

  for (const [name, path] of [["Service report", "/service-report"], ["Marketing report", "/marketing-report"]]) {
    await page.goto(`${origin}${path}`);
    await page.getByRole("status").filter({ hasText: "Computed in" }).waitFor();
    const times = [];
    for (let run = 0; run < runs; run++) {
      await watch(page);
      const started = Date.now();
      await page.getByRole("button", { name: "Run analysis" }).click();
      await page.getByRole("progressbar", { name: "Analysis progress" }).waitFor({ state: "detached" });
      const status = page.getByRole("status").filter({ hasText: "Computed in" });
      await status.waitFor();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
      const worker = Number((await status.textContent()).match(/Computed in (\d+) ms/)[1]);
      times.push({ wall: Date.now() - started, worker, longest: await longest(page) });
      console.log(`${name} run ${run + 1}: ${times.at(-1).wall} ms on screen, worker ${worker} ms, longest task ${times.at(-1).longest.toFixed(0)} ms`);
    }
    rows.push([`${name} (run, on screen; worker ${median(times.map((t) => t.worker))} ms)`, median(times.map((t) => t.wall)), Math.max(...times.map((t) => t.longest))]);
  }

  console.log("\n| measure | median ms | longest main-thread task ms |");
  console.log("|---|---|---|");
  for (const [name, wall, task] of rows) console.log(`| ${name} | ${wall} | ${typeof task === "number" ? task.toFixed(0) : task} |`);
} finally {
  await close();
}
