//! The benchmark workloads of the Hearth analytics engine, over in-memory inputs, timed by a clock
//! the caller passes: `std::time::Instant` natively, `performance.now()` in the browser, so native
//! and wasm runs measure exactly the same work.

use hearth_analytics::bgnbd::{self, RepeatSummary};
use hearth_analytics::itemsets::{frequent_itemsets, Baskets, Fraction};
use hearth_analytics::kmeans::{hamerly, kmeans_plus_plus, Matrix};
use hearth_analytics::Silent;
use serde_json::json;
use std::error::Error;

#[cfg(target_arch = "wasm32")]
mod wasm;

/// Features per point.
pub const DIMENSIONS: usize = 8;
/// Clusters of the k-means workload.
pub const CLUSTERS: usize = 8;
/// Minimum support of the FP-growth workload.
pub const MIN_SUPPORT: &str = "0.002";
/// How often the FP-growth and BG/NBD workloads run; the fastest run counts.
pub const REPEATS: usize = 3;
/// k-means runs once for each seed 0..KMEANS_SEEDS.
pub const KMEANS_SEEDS: u64 = 5;

/// The benchmark inputs as the generator writes them.
pub struct Inputs {
    /// One basket per line, items separated by commas.
    pub baskets_csv: String,
    /// Row-major points, `DIMENSIONS` values each.
    pub points: Vec<f64>,
    /// `id,x,t_x,T` with a header.
    pub summaries_csv: String,
}

/// Runs every workload on `inputs`; `now` returns seconds from any fixed origin.
pub fn run_workloads(
    inputs: Inputs,
    now: &mut dyn FnMut() -> f64,
) -> Result<serde_json::Value, Box<dyn Error>> {
    let mut timed =
        |work: &mut dyn FnMut() -> Result<(), Box<dyn Error>>| -> Result<f64, Box<dyn Error>> {
            let mut best = f64::INFINITY;
            for _ in 0..REPEATS {
                let started = now();
                work()?;
                best = best.min(now() - started);
            }
            Ok(best)
        };

    let baskets = Baskets::from_names(inputs.baskets_csv.lines().map(|line| line.split(',')));
    let min_count = Fraction::parse(MIN_SUPPORT, "support")?.min_count(baskets.baskets.len());
    let mut itemsets = Vec::new();
    let fp_seconds = timed(&mut || {
        itemsets = frequent_itemsets(&baskets, min_count, None, &mut Silent)?;
        Ok(())
    })?;

    let summaries: Vec<RepeatSummary> = inputs
        .summaries_csv
        .lines()
        .skip(1)
        .map(|line| {
            let f: Vec<f64> = line
                .split(',')
                .map(|v| v.parse().unwrap_or(f64::NAN))
                .collect();
            RepeatSummary {
                x: f[1],
                t_x: f[2],
                big_t: f[3],
            }
        })
        .collect();
    let mut fit = None;
    let bg_seconds = timed(&mut || {
        fit = Some(bgnbd::fit(&summaries, &mut Silent)?);
        Ok(())
    })?;
    let fit = fit.ok_or("BG/NBD did not run")?;

    let points = Matrix::new(inputs.points.len() / DIMENSIONS, DIMENSIONS, inputs.points)?;
    // One restart per seed: which local optimum a single k-means++ draw reaches is luck, so both
    // sides run the same seeds and are compared on totals.
    let mut km_runs = Vec::new();
    for seed in 0..KMEANS_SEEDS {
        let started = now();
        let initial = kmeans_plus_plus(&points, CLUSTERS, seed)?;
        let clustering = hamerly(&points, &initial, 300, &mut Silent)?;
        km_runs.push(json!({
            "seed": seed, "seconds": now() - started,
            "inertia": clustering.inertia, "iterations": clustering.iterations,
        }));
    }
    let km_seconds: f64 = km_runs
        .iter()
        .map(|run| run["seconds"].as_f64().unwrap_or(0.0))
        .sum();

    let by_length = |k: usize| itemsets.iter().filter(|s| s.items.len() == k).count();
    Ok(json!({
        "fpgrowth": {
            "seconds": fp_seconds, "baskets": baskets.baskets.len(), "min_count": min_count,
            "itemsets": itemsets.len(), "by_length": (1..=6).map(by_length).collect::<Vec<_>>(),
        },
        "kmeans": { "seconds": km_seconds, "points": points.rows(), "k": CLUSTERS, "runs": km_runs },
        "bgnbd": {
            "seconds": bg_seconds, "customers": summaries.len(),
            "r": fit.params.r, "alpha": fit.params.alpha, "a": fit.params.a, "b": fit.params.b,
            "log_likelihood": fit.log_likelihood,
        },
    }))
}
