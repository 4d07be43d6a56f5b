//! The page's wasm keeps the linker's relocations so `scripts/split-page-wasm.sh` can cut it into
//! the main module and one chunk per lazy route; the worker and the tests link as usual.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=hearth-app=--emit-relocs");
    }
}
