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
