#!/usr/bin/env bash
# Reproducible benchmark: the engine against scikit-learn, mlxtend, lifetimes and pyfim on the same
# generated data, and the engine compiled to wasm in headless Chromium. Creates a Python venv from
# PyPI (once), builds the engine, writes the data, runs every side and prints the comparison tables.
# Needs the toolchain from scripts/bootstrap.sh (wasm-bindgen, Chromium, Playwright). Usage: bench/run.sh [WORK_DIR]   (default /tmp/hearth-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/hearth-bench}
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet numpy pandas scikit-learn mlxtend lifetimes pyfim
fi
cargo build --release --quiet -p hearth-bench
target/release/hearth-bench generate "$work/data"
target/release/hearth-bench run "$work/data" > "$work/engine.json"
# The same run on one thread: what the single-threaded wasm build is compared with.
RAYON_NUM_THREADS=1 target/release/hearth-bench run "$work/data" > "$work/engine-1thread.json"
# The same workloads compiled to wasm, run in headless Chromium.
cargo build --release --quiet --target wasm32-unknown-unknown -p hearth-bench --lib
wasm-bindgen --target web --out-dir "$work/pkg" target/wasm32-unknown-unknown/release/hearth_bench.wasm
node tests/e2e/bench-wasm.mjs "$work" "$work/wasm.json"
"$work/venv/bin/python" -W ignore bench/compare.py "$work/data" "$work/engine.json" "$work/engine-1thread.json" "$work/wasm.json"
