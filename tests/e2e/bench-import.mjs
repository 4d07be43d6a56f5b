// Benchmarks an import through the wizard as a user does: a generated CSV chosen in the file input,
// the dry run, then the import itself, each timed from its click to its result on screen; the
// longest main-thread task and the page's peak JS heap during the import; then the people list's
// cold first paint and the time until every row is searchable. Starts from an empty workspace in a
// fresh profile. `people`: N people with 500 company names (created by the import). `orders`: N
// order lines, 1 to 4 per order, of N/10 customers named by email and 500 products by SKU (all
// created by the import).
// Usage (after `make build`): node tests/e2e/bench-import.mjs [ROWS] [people|orders]
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const rows = Number(process.argv[2] ?? 100_000);
const kind = process.argv[3] ?? "people";
const port = 4183;
const origin = `http://127.0.0.1:${port}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-bench-import-"));
const file = path.join(dir, `${kind}.csv`);
const lines = [];
if (kind === "orders") {
  lines.push("Order ID,Customer email,Order date,SKU,Qty,Unit price");
  const customers = Math.max(1, Math.round(rows / 10));
  for (let i = 0, order = 0; i < rows; order++) {
    const day = new Date(Date.UTC(2024, 0, 1) + (order % 730) * 86_400_000).toISOString().slice(0, 10);
    for (let line = 0; line <= order % 4 && i < rows; line++, i++) {
      lines.push(`W-${order},cust${(order * 7919) % customers}@bench.example,${day},SKU-${(order + line * 37) % 500},${1 + (i % 3)},${(4 + (i % 50)).toFixed(2)}`);
    }
  }
} else {
  const cities = ["Shanghai", "Berlin", "Lagos", "Lima", "Oslo", "Austin", "Pune", "Osaka"];
  lines.push("First name,Last name,Email,Phone,Company,City,Job title");
  for (let i = 0; i < rows; i++) {
    lines.push(
      `Person${i},Tester${i % 977},person${i}@bench.example,+1 555 ${String(1_000_000 + i).slice(1, 4)} ${String(i % 10_000).padStart(4, "0")},` +
        `Company ${i % 500},${cities[i % cities.length]},Buyer`,
    );
  }
}
fs.writeFileSync(file, lines.join("\n") + "\n");
const bytes = fs.statSync(file).size;

const server = spawn("node", ["serve.mjs", "../../dist", String(port), "/"], { cwd: new URL(".", import.meta.url).pathname });
await new Promise((resolve) => setTimeout(resolve, 500));
const context = await chromium.launchPersistentContext(path.join(dir, "profile"), {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--enable-precise-memory-info"],
  viewport: { width: 1280, height: 900 },
});
try {
  const page = await context.newPage();
  page.setDefaultTimeout(600_000);
  await page.goto(`${origin}/`);
  await page.getByRole("group", { name: "People" }).filter({ hasText: "2,000" }).waitFor();
  await page.goto(`${origin}/settings`);
  await page.getByRole("button", { name: "Start empty" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, replace everything" }).click();
  await page.getByRole("status").filter({ hasText: "Workspace replaced" }).waitFor();

  await page.goto(`${origin}/import`);
  if (kind === "orders") await page.getByLabel("Import as").selectOption("order");
  let started = Date.now();
  await page.getByLabel("Choose a CSV file").setInputFiles(file);
  await page.getByRole("heading", { name: "2. First rows" }).waitFor();
  const preview = Date.now() - started;

  started = Date.now();
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.getByRole("heading", { name: "4. What the import will do" }).waitFor();
  const dryRun = Date.now() - started;

  // Long tasks and the heap, watched from the page while the import runs.
  await page.evaluate(() => {
    window.__bench = { longest: 0, heap: 0 };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__bench.longest = Math.max(window.__bench.longest, entry.duration);
    }).observe({ type: "longtask" });
    const sample = () => {
      window.__bench.heap = Math.max(window.__bench.heap, performance.memory?.usedJSHeapSize ?? 0);
      window.__bench.timer = setTimeout(sample, 50);
    };
    sample();
  });
  started = Date.now();
  await page.getByRole("button", { name: /^Import [\d,]+ (rows|orders)$/ }).click();
  await page.getByRole("status").filter({ hasText: "Imported:" }).first().waitFor();
  const imported = Date.now() - started;
  const watched = await page.evaluate(() => window.__bench);
  const summary = await page.getByRole("status").filter({ hasText: "Imported:" }).first().innerText();

  // The list after the import: a cold load of its address, first rows, then every row read;
  // once right after the import, then three more times.
  const openList = async () => {
    await page.goto(`${origin}/settings`);
    const opened = Date.now();
    await page.goto(`${origin}/customers`);
    await page.locator("table.virtual tbody tr:not(.spacer)").first().waitFor();
    const firstPaint = Date.now() - opened;
    await page.getByText(/^Showing ([\d,]+) of \1 people$/).waitFor();
    return [firstPaint, Date.now() - opened];
  };
  const [firstPaint, searchable] = await openList();
  const reopened = [];
  for (let i = 0; i < 3; i++) reopened.push(await openList());

  console.log(`file: ${rows.toLocaleString("en-US")} ${kind} rows, ${(bytes / 1e6).toFixed(1)} MB`);
  console.log(`preview ${preview} ms; dry run ${(dryRun / 1000).toFixed(2)} s; import ${(imported / 1000).toFixed(2)} s (${Math.round(rows / (imported / 1000)).toLocaleString("en-US")} rows/s)`);
  console.log(`during the import: longest main-thread task ${Math.round(watched.longest)} ms, peak page JS heap ${(watched.heap / 1e6).toFixed(1)} MB`);
  console.log(`summary: ${summary.replace(/\s+/g, " ")}`);
  console.log(`people list after: cold first paint ${firstPaint} ms, all rows searchable ${(searchable / 1000).toFixed(2)} s`);
  console.log(`opened again: ${reopened.map(([paint, all]) => `first paint ${paint} ms, all rows searchable ${(all / 1000).toFixed(2)} s`).join("; ")}`);
} finally {
  await context.close();
  server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}
