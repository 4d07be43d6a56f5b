// Runs the analytics benchmark workloads compiled to wasm in headless Chromium, on the same files as
// the native run, and writes their JSON report. Used by bench/run.sh.
// Usage: node tests/e2e/bench-wasm.mjs WORK_DIR OUT_JSON
//   WORK_DIR holds data/ (from hearth-bench generate) and pkg/ (wasm-bindgen --target web output).
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";

const [workArg, outArg] = process.argv.slice(2);
const work = resolve(workArg);
await writeFile(
  join(work, "index.html"),
  `<!DOCTYPE html><meta charset="utf-8"><title>hearth wasm bench</title>
<script type="module">
  import init, { runBenchmarks } from "./pkg/hearth_bench.js";
  window.runHearthBench = async () => {
    await init();
    const [baskets, points, summaries] = await Promise.all([
      fetch("data/baskets.csv").then((r) => r.text()),
      fetch("data/points.f64").then((r) => r.arrayBuffer()),
      fetch("data/summaries.csv").then((r) => r.text()),
    ]);
    return runBenchmarks(baskets, new Float64Array(points), summaries);
  };
</script>`,
);
const server = spawn("node", [new URL("serve.mjs", import.meta.url).pathname, work, "4190", "/"]);
await new Promise((done) => setTimeout(done, 500));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
});
try {
  const page = await browser.newPage();
  await page.goto("http://127.0.0.1:4190/index.html");
  // V8 compiles wasm with a baseline tier first and has no on-stack replacement for it, so a
  // function's first long call runs unoptimised: a full warm-up pass precedes the measured one.
  await page.evaluate(() => window.runHearthBench());
  const report = await page.evaluate(() => window.runHearthBench());
  await writeFile(outArg, report);
  console.log(`wasm report written to ${outArg}`);
} finally {
  await browser.close();
  server.kill();
}
