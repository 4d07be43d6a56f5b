//! The workloads compiled to wasm: `runBenchmarks` is called from a page in headless Chromium with
//! the same inputs the native run reads, timed with `performance.now()`.

use crate::{run_workloads, Inputs};
use wasm_bindgen::prelude::*;

/// Runs every workload and returns the same JSON as the native `hearth-bench run`.
#[wasm_bindgen(js_name = runBenchmarks)]
pub fn run_benchmarks(
    baskets_csv: String,
    points: Vec<f64>,
    summaries_csv: String,
) -> Result<String, JsError> {
    let performance = web_sys::window()
        .and_then(|window| window.performance())
        .ok_or_else(|| JsError::new("no performance clock"))?;
    let mut now = || performance.now() / 1_000.0;
    let report = run_workloads(
        Inputs {
            baskets_csv,
            points,
            summaries_csv,
        },
        &mut now,
    )
    .map_err(|error| JsError::new(&error.to_string()))?;
    Ok(report.to_string())
}
