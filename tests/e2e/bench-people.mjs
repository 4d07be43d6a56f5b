// Benchmarks the people list on the large sample (100,000 people): first paint of the list (opening
// its address, and navigating to it in the running app), data ready, quick-search keystroke to updated results, filter apply, frame times / long tasks while
// scrolling, and a single save (a new person) to the list showing it. The large workspace is written once into a persistent profile and reused.
// Usage (after `make build`): node tests/e2e/bench-people.mjs [PROFILE_DIR] [RUNS]
import { ensureLargeSample, median, openBench } from "./bench-setup.mjs";

const profile = process.argv[2] ?? "/tmp/hearth-bench-profile";
const runs = Number(process.argv[3] ?? 5);
const { origin, context, close } = await openBench(profile, 4182);
try {
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await ensureLargeSample(page, origin);

  const results = [];
  for (let run = 0; run < runs; run++) {
    // Opening the address directly: page load, wasm start, database open, first rows.
    const loadStarted = Date.now();
    await page.goto(`${origin}/customers`);
    await page.locator("table.virtual tbody tr:not(.spacer)").first().waitFor();
    const pageLoadFirstPaint = Date.now() - loadStarted;
    // Navigating from another page of the running app (Settings, which reads nothing large).
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    const started = Date.now();
    await page.getByRole("link", { name: "Customers" }).click();
    await page.locator("table.virtual tbody tr:not(.spacer)").first().waitFor();
    const firstPaint = Date.now() - started;
    // Every row read (the runs add a person each, so the total is read off the page).
    await page.getByText(/^Showing ([\d,]+) of \1 people$/).waitFor();
    const ready = Date.now() - started;

    // Keystroke to results: the input event runs the query synchronously; the next frame shows it.
    const typeAndPaint = (selector, text) => page.evaluate(async ([selector, text]) => {
      const input = document.querySelector(selector);
      const started = performance.now();
      input.value = text;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return performance.now() - started;
    }, [selector, text]);
    const search = [];
    for (const text of ["m", "ma", "mar", "mari", "maria", ""]) search.push(await typeAndPaint("#people-search", text));

    await page.getByRole("button", { name: "Add filter" }).click();
    await page.getByLabel("Filter field 1").selectOption({ label: "Lifecycle" });
    await page.getByLabel("Filter operator 1").selectOption({ label: "is" });
    const filter = await typeAndPaint('input[aria-label="Filter value 1"]', "customer");
    await page.getByRole("button", { name: "Remove filter 1" }).click();

    // Scroll the table for two seconds, a step per frame, watching frame gaps and long tasks.
    const scroll = await page.evaluate(async () => {
      const viewport = document.querySelector(".table-viewport");
      const longTasks = [];
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
      observer.observe({ type: "longtask", buffered: false });
      const frames = [];
      let last = performance.now();
      const end = last + 2000;
      await new Promise((resolve) => {
        const step = (now) => {
          frames.push(now - last);
          last = now;
          viewport.scrollTop += 480;
          if (now < end) requestAnimationFrame(step); else resolve();
        };
        requestAnimationFrame(step);
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      observer.disconnect();
      frames.sort((a, b) => a - b);
      return { frames: frames.length, p95FrameMs: frames[Math.floor(frames.length * 0.95)], maxFrameMs: frames.at(-1), longestTaskMs: Math.max(0, ...longTasks) };
    });
    // A single save to the list showing it: a new person, from the click (in the page) to the
    // footer counting them, observed in the page so no driver round trip is counted.
    const form = page.getByRole("region", { name: "New person" });
    await form.getByLabel("First name").fill(`Bench ${run}`);
    await form.getByLabel("Last name").fill(`Save ${Date.now()}`);
    const saveToList = await page.evaluate(() => new Promise((resolve) => {
      const footer = document.querySelector(".list-footer");
      const total = Number(footer.textContent.match(/of ([\d,]+) people/)[1].replaceAll(",", "")) + 1;
      const wanted = `Showing ${total.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} people`;
      const started = performance.now();
      const observer = new MutationObserver(() => {
        if (document.querySelector(".list-footer")?.textContent === wanted) {
          observer.disconnect();
          resolve(performance.now() - started);
        }
      });
      observer.observe(document.querySelector(".record-list"), { subtree: true, childList: true, characterData: true });
      document.querySelector('section[aria-labelledby="new-person-heading"] button[type=submit]').click();
    }));
    results.push({ pageLoadFirstPaint, firstPaint, ready, searchMs: Math.max(...search), filterMs: filter, ...scroll, saveToList });
    console.log(JSON.stringify(results.at(-1)));
  }
  const summary = {};
  for (const key of Object.keys(results[0])) summary[key] = median(results.map((r) => r[key]));
  console.log(`median of ${runs}: ${JSON.stringify(summary)}`);
} finally {
  await close();
}
