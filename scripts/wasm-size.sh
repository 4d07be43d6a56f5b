#!/usr/bin/env bash
# Prints the release build's wasm, raw and brotli-compressed: the page's main module (every visit
# downloads it), each lazy route's chunk and the chunks they share (fetched on a route's first
# visit), and the worker's (loaded on first use). Fails when the main module is over its budget.
# Usage: scripts/wasm-size.sh [DIST_DIR] [PAGE_BUDGET_BYTES]   (defaults: dist 600000)
set -euo pipefail
dist=${1:-dist}
budget=${2:-600000}
shopt -s nullglob
brotli_size() { brotli -c -q 11 "$1" | wc -c; }
report() { printf '%s: %s bytes raw, %s bytes brotli\n' "$1" "$(stat -c %s "$1")" "$2"; }

pages=("$dist"/hearth-app-*_bg.wasm)
if [ ${#pages[@]} -ne 1 ]; then
    echo "no single page wasm in $dist: run make build first" >&2
    exit 1
fi
page_size=$(brotli_size "${pages[0]}")
report "${pages[0]}" "$page_size"
for route in "$dist"/hearth-app-*-split_*.wasm; do
    report "$route" "$(brotli_size "$route")"
done
shared=0 count=0
for chunk in "$dist"/hearth-app-*-chunk_*.wasm; do
    shared=$((shared + $(brotli_size "$chunk"))) count=$((count + 1))
done
printf '%s chunks shared by lazy routes: %s bytes brotli in all\n' "$count" "$shared"
for worker in "$dist"/hearth-worker*.wasm; do
    report "$worker" "$(brotli_size "$worker")"
done
if [ "$page_size" -gt "$budget" ]; then
    echo "the page's main wasm is over its budget of $budget bytes brotli" >&2
    exit 1
fi
