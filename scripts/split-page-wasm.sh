#!/usr/bin/env bash
# Trunk's post-build hook: replaces the page's wasm that Trunk built in one piece by the same code
# cut at Leptos's `#[lazy]` split points (trunk-rs/trunk#1022: Trunk cannot do it itself).
#   1. wasm-split-cli reads rustc's output (linked with --emit-relocs, see build.rs) and writes the
#      main module, a chunk per lazy route and `__wasm_split.js`, which fetches a chunk on first use;
#   2. wasm-bindgen writes the page's JS glue under the very name Trunk gave it, so index.html's
#      loader is unchanged (its rust link sets data-integrity="none": the files change after Trunk),
#      keeping the function table and globals the chunks import from the main module;
#   3. wasm-opt -O2 on every module, as Trunk did with the whole.
set -euo pipefail

staging=${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}
source_dir=${TRUNK_SOURCE_DIR:?}
case "${TRUNK_PROFILE:-debug}" in
    release) profile_dir=wasm-release ;;
    *) profile_dir=debug ;;
esac
rustc_wasm="${CARGO_TARGET_DIR:-$source_dir/target}/wasm32-unknown-unknown/$profile_dir/hearth-app.wasm"

glue=$(cd "$staging" && ls hearth-app-*.js)
name=${glue%.js}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

wasm-split-cli --target web --out-name "$name" "$rustc_wasm" "$work/split"
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$work/bound" --out-name "$name" "$work/split/$name.wasm"

# The chunk loader is named after the build like the glue, so no cache serves one build's loader to another.
sed "s|from \"./__wasm_split.js\"|from \"./$name-split.js\"|" "$work/bound/$name.js" > "$staging/$name.js"
wasm-opt -O2 "$work/bound/${name}_bg.wasm" -o "$staging/${name}_bg.wasm"
# Chunks are named after the build too (the splitter numbers them: chunk_17 means another thing
# in the next build), and the loader fetches them by those names. One wasm-opt per core.
find "$work/split" -name '*.wasm' ! -name "$name.wasm" -printf '%f\n' |
    xargs -P "$(nproc)" -I{} wasm-opt -O2 "$work/split/{}" -o "$staging/$name-{}"
sed -E "s#\"\./(chunk_|split_)#\"./$name-\1#g" "$work/split/__wasm_split.js" > "$staging/$name-split.js"
