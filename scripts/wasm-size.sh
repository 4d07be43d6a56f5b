#!/usr/bin/env bash
# Prints each wasm of a release build, raw and brotli-compressed, and fails when the page's wasm
# (the one every visit downloads; the worker's loads on first use) is over its brotli budget.
# Usage: scripts/wasm-size.sh [DIST_DIR] [PAGE_BUDGET_BYTES]   (defaults: dist 600000)
set -euo pipefail
dist=${1:-dist}
budget=${2:-600000}
shopt -s nullglob
files=("$dist"/*.wasm)
if [ ${#files[@]} -eq 0 ]; then
    echo "no wasm in $dist: run make build first" >&2
    exit 1
fi
status=0
for file in "${files[@]}"; do
    raw=$(stat -c %s "$file")
    compressed=$(brotli -c -q 11 "$file" | wc -c)
    printf '%s: %s bytes raw, %s bytes brotli\n' "$file" "$raw" "$compressed"
    case $(basename "$file") in
        hearth-app-*)
            if [ "$compressed" -gt "$budget" ]; then
                echo "the page's wasm is over its budget of $budget bytes brotli" >&2
                status=1
            fi
            ;;
    esac
done
exit $status
