// Measures a first visit: page load until the demo workspace is written and the dashboard counts it,
// over several fresh browser contexts. Usage (after `make build`): node tests/e2e/bench-first-visit.mjs [RUNS]
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";

const runs = Number(process.argv[2] ?? 5);
const server = spawn("node", ["serve.mjs", "../../dist", "4181", "/"], { cwd: new URL(".", import.meta.url).pathname });
await new Promise((resolve) => setTimeout(resolve, 500));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});
const timings = [];
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const started = Date.now();
    await page.goto("http://127.0.0.1:4181/");
    await page.getByRole("group", { name: "People" }).getByText("2,000").waitFor({ timeout: 120_000 });
    const seeded = Date.now() - started;
    const reopenStarted = Date.now();
    await page.reload();
    await page.getByRole("group", { name: "People" }).getByText("2,000").waitFor();
    timings.push({ firstVisitMs: seeded, reloadMs: Date.now() - reopenStarted });
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
const median = (key) => timings.map((t) => t[key]).sort((a, b) => a - b)[Math.floor(timings.length / 2)];
console.log(JSON.stringify(timings));
console.log(`first visit (seed ~27k records) median ${median("firstVisitMs")} ms; reload median ${median("reloadMs")} ms`);
