# Hearth CRM: `make serve` to use it, `make test` to check it. Both bootstrap the toolchain first.
SHELL := /bin/bash
export PATH := /usr/local/bin:$(HOME)/.cargo/bin:$(PATH)
# Trunk would otherwise ask crates.io whether it is up to date.
export TRUNK_SKIP_VERSION_CHECK := true
WASM := --target wasm32-unknown-unknown

.PHONY: serve test bootstrap lint test-native test-wasm build e2e size

## Install what is missing, build, and serve the app on http://127.0.0.1:8080
serve: bootstrap
	trunk serve --release

## Lint, native tests, browser tests of the store, end-to-end tests of the release build, wasm budget
test: bootstrap lint test-native test-wasm e2e size

bootstrap:
	scripts/bootstrap.sh

lint:
	cargo fmt --all --check
	cargo clippy -p hearth-domain -p hearth-import -p hearth-analytics -p hearth-charts -p hearth-cli -p hearth-bench --all-targets -- -D warnings
	cargo clippy -p hearth-app $(WASM) --all-targets -- -D warnings

test-native:
	cargo test -p hearth-domain -p hearth-import -p hearth-analytics -p hearth-charts -p hearth-cli

test-wasm:
	cargo test -p hearth-app $(WASM) --lib --tests

## Release builds: dist/ served at /, dist-pages/ served at /hearth/ as GitHub Pages does
build:
	trunk build --release
	trunk build --release --public-url /hearth/ --dist dist-pages

e2e: build
	cd tests/e2e && npx playwright test

## Print the release wasm sizes, raw and brotli; fail if the page's is over 700 KB brotli (after make build)
size:
	scripts/wasm-size.sh dist 700000
