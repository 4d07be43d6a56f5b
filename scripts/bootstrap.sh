#!/usr/bin/env bash
# Installs every tool that building, serving and testing Hearth needs, from the package registries only
# (crates.io, npm, Debian apt). Idempotent: each step checks for the exact version first and skips.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
# wasm-bindgen-cli must equal the wasm-bindgen library version the lockfile chose.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
export PATH="/usr/local/bin:$HOME/.cargo/bin:$PATH"

log() { printf 'bootstrap: %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# `cargo install --locked` fails when the published lockfile pins a version the registry mirror lacks
# ("failed to select a version for the requirement `NAME = ...` (locked to X)"). Unpack the crate,
# relock just the named packages, and install from that path.
cargo_install_locked() {
    local crate=$1 version=$2 out
    if out=$(cargo install --locked "$crate" --version "$version" 2>&1); then
        return 0
    fi
    if ! grep -q 'failed to select a version for the requirement' <<<"$out"; then
        printf '%s\n' "$out" >&2
        return 1
    fi
    log "$crate $version pins crates the registry lacks; relocking them"
    local archive work
    archive=$(find "$HOME/.cargo/registry/cache" -name "$crate-$version.crate" | head -n 1)
    work=$(mktemp -d)
    tar -xzf "$archive" -C "$work"
    (
        cd "$work/$crate-$version"
        for _ in $(seq 1 20); do
            if out=$(cargo fetch --locked 2>&1); then
                exec cargo install --locked --path . --root "$HOME/.cargo"
            fi
            missing=$(grep -o 'failed to select a version for the requirement `[^ ]*' <<<"$out" \
                | head -n 1 | sed 's/.*`//')
            if [ -z "$missing" ]; then
                printf '%s\n' "$out" >&2
                exit 1
            fi
            log "relocking $missing"
            cargo update -p "$missing"
        done
        exit 1
    )
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

# chromium runs the browser tests, a CJK font lets its screenshots show the Chinese UI, and brotli
# measures the compressed wasm size (`make size`).
APT_PACKAGES=(chromium chromium-driver fonts-wqy-zenhei brotli)
missing_packages=()
for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
        missing_packages+=("$package")
done
if [ ${#missing_packages[@]} -gt 0 ]; then
    log "installing ${missing_packages[*]} (apt)"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing_packages[@]}"
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    log "installing trunk $TRUNK_VERSION (about 12 minutes on 2 cores)"
    cargo_install_locked trunk "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 6 minutes)"
    cargo_install_locked wasm-bindgen-cli "$WASM_BINDGEN_VERSION"
fi

# Cuts the page's wasm into the main module and one chunk per lazy route (scripts/split-page-wasm.sh,
# Trunk's post-build hook); the splitter that reads Leptos's `#[lazy]` split points.
WASM_SPLIT_VERSION=0.2.4
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    log "installing wasm-split-cli (wasm_split_cli_support $WASM_SPLIT_VERSION, about 2 minutes)"
    cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

# Debian's binaryen (108) corrupts wasm-bindgen's output; npm's binaryen goes first on PATH.
if ! /usr/local/bin/wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
    log "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
    as_root npm install -g --prefix /usr/local "binaryen@$BINARYEN_VERSION.0.0"
fi

# Playwright must never download a browser: the tests drive Debian's /usr/bin/chromium.
PLAYWRIGHT_VERSION=$(node -p "require('./tests/e2e/package.json').devDependencies['@playwright/test']")
installed_playwright=$(node -p "require('./tests/e2e/node_modules/@playwright/test/package.json').version" 2>/dev/null || true)
if [ "$installed_playwright" != "$PLAYWRIGHT_VERSION" ]; then
    log "installing the end-to-end test packages (npm ci)"
    (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

# Trunk builds with `cargo --offline`: have every crate in the local registry first.
cargo fetch --quiet

log "ready: trunk $TRUNK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, wasm-split $WASM_SPLIT_VERSION, wasm-opt $BINARYEN_VERSION, $(chromium --version 2>/dev/null)"
