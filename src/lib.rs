//! Hearth CRM, the browser app: a Leptos single-page app over the pure `hearth-domain` and
//! `hearth-analytics` crates, storing every record in this browser's IndexedDB.
//!
//! `main.rs` only mounts [`app::App`]; the pieces live in the modules below.

pub mod analysis;
pub mod app;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod routes;
pub mod settings;
pub mod sla;
pub mod store;
pub mod tasks;
pub mod workspace;

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Talc instead of the standard library's dlmalloc: smaller wasm (the worker's by 19 KB brotli),
/// and no slower at the two million small allocations of a 100,000-person list's read.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
