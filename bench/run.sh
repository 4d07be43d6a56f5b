#!/usr/bin/env bash
# Reproducible benchmark: the engine against scikit-learn, mlxtend, lifetimes and pyfim on the same
# generated data. Creates a Python venv from PyPI (once), builds the engine, writes the data, runs
# both sides and prints the comparison table. Usage: bench/run.sh [WORK_DIR]   (default /tmp/hearth-bench)
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
"$work/venv/bin/python" -W ignore bench/compare.py "$work/data" "$work/engine.json"
