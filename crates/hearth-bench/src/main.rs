//! `hearth-bench`: writes the benchmark inputs (the same files the Python references read) and times
//! the engine on them, printing one JSON document.
//!
//! ```text
//! hearth-bench generate DIR   # baskets.csv, points.f64, summaries.csv
//! hearth-bench run DIR        # JSON timings and results
//! hearth-bench reports         # the app's four analytics reports on the demo and 100k workspaces
//! ```
//! `bench/run.sh` drives both sides and prints the comparison; the workloads live in the library so
//! the wasm build (`bench/wasm.mjs`) runs the same ones in Chromium.

use hearth_analytics::bgnbd::BgNbdParams;
use hearth_bench::{run_workloads, Inputs, CLUSTERS, DIMENSIONS};
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Normal, Poisson, Zipf};
use rand_pcg::Pcg64Mcg;
use std::error::Error;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

const SEED: u64 = 20_261_128;
const BASKETS: usize = 100_000;
const ITEMS: u64 = 1_000;
const MEAN_BASKET: f64 = 10.0;
const POINTS: usize = 1_000_000;
const CUSTOMERS: usize = 100_000;

fn generate(dir: &Path) -> Result<(), Box<dyn Error>> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Pcg64Mcg::seed_from_u64(SEED);

    // Baskets: sizes 1 + Poisson(9), items drawn by a Zipf law over 1,000 items, no repeats.
    let zipf = Zipf::new(ITEMS as f64, 1.0)?;
    let size = Poisson::new(MEAN_BASKET - 1.0)?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("baskets.csv"))?);
    for _ in 0..BASKETS {
        let n = 1 + size.sample(&mut rng) as usize;
        let mut basket: Vec<u64> = Vec::with_capacity(n);
        while basket.len() < n.min(ITEMS as usize) {
            let item = zipf.sample(&mut rng) as u64;
            if !basket.contains(&item) {
                basket.push(item);
            }
        }
        let line: Vec<String> = basket.iter().map(|item| format!("i{item}")).collect();
        writeln!(out, "{}", line.join(","))?;
    }
    out.flush()?;

    // Points: eight Gaussian blobs in eight dimensions, little-endian f64, row-major.
    let centres: Vec<[f64; DIMENSIONS]> = (0..CLUSTERS)
        .map(|_| std::array::from_fn(|_| rng.random_range(-6.0..6.0)))
        .collect();
    let spreads: Vec<Normal<f64>> = (0..CLUSTERS)
        .map(|j| Normal::new(0.0, 1.0 + j as f64 * 0.25))
        .collect::<Result<_, _>>()?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("points.f64"))?);
    for i in 0..POINTS {
        let centre = &centres[i % CLUSTERS];
        for value in centre {
            out.write_all(&(value + spreads[i % CLUSTERS].sample(&mut rng)).to_le_bytes())?;
        }
    }
    out.flush()?;

    // Customers: BG/NBD in continuous time with the CDNOW parameters, cohorts observed 1..=52 weeks.
    let truth = BgNbdParams {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("summaries.csv"))?);
    writeln!(out, "id,x,t_x,T")?;
    let mut id = 0;
    for cohort in 1..=52u64 {
        let size = CUSTOMERS / 52 + usize::from(cohort <= (CUSTOMERS % 52) as u64);
        for s in truth.simulate(size, cohort as f64, SEED + cohort)? {
            id += 1;
            writeln!(out, "{id},{},{},{}", s.x, s.t_x, s.big_t)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn run(dir: &Path) -> Result<(), Box<dyn Error>> {
    let bytes = std::fs::read(dir.join("points.f64"))?;
    let inputs = Inputs {
        baskets_csv: std::fs::read_to_string(dir.join("baskets.csv"))?,
        points: bytes
            .chunks_exact(8)
            .map(|chunk| f64::from_le_bytes(chunk.try_into().expect("8 bytes")))
            .collect(),
        summaries_csv: std::fs::read_to_string(dir.join("summaries.csv"))?,
    };
    let origin = Instant::now();
    let report = run_workloads(inputs, &mut || origin.elapsed().as_secs_f64())?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}

/// Times the analytics pages' reports natively on the generated demo and benchmark workspaces.
fn reports() -> Result<(), Box<dyn Error>> {
    use hearth_analytics::facts::OrderFacts;
    use hearth_analytics::reports::{baskets, clv, deals, rfm, sales, segments};
    use hearth_analytics::Silent;
    use hearth_domain::demo::{generate, DemoConfig};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).ok_or("date")?;
    for (name, config) in [
        ("demo", DemoConfig::standard(today)),
        ("100k", DemoConfig::benchmark(today)),
    ] {
        let workspace = generate(&config);
        let facts = OrderFacts::from_orders(&workspace.orders);
        let timed = |report: &str, run: &mut dyn FnMut() -> Result<(), Box<dyn Error>>| {
            let start = Instant::now();
            let result = run();
            println!(
                "{name}\t{report}\t{:.3} s\t{} lines",
                start.elapsed().as_secs_f64(),
                facts.len()
            );
            result
        };
        timed("rfm", &mut || {
            Ok(rfm::rfm_report(&facts, today, &mut Silent).map(drop)?)
        })?;
        timed("clv", &mut || {
            Ok(
                clv::clv_report(&facts, today, clv::ClvSettings::default(), &mut Silent)
                    .map(drop)?,
            )
        })?;
        timed("segments", &mut || {
            let settings = segments::SegmentSettings::default();
            Ok(segments::segments_report(&facts, &[], today, settings, &mut Silent).map(drop)?)
        })?;
        timed("baskets", &mut || {
            let settings = baskets::BasketSettings::default();
            Ok(baskets::baskets_report(&facts, settings, &mut Silent).map(drop)?)
        })?;
        // The sales reports over the last year, every owner: what the sales page asks for first.
        timed("sales", &mut || {
            let filter = deals::SalesFilter {
                from: today - chrono::Days::new(365),
                to: today,
                owner: None,
            };
            std::hint::black_box(sales::sales_reports(
                &facts,
                &workspace.people,
                &workspace.products,
                &workspace.deals,
                &workspace.pipelines,
                filter,
                today,
            ));
            Ok(())
        })?;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [command, dir] if command == "generate" => generate(Path::new(dir)),
        [command, dir] if command == "run" => run(Path::new(dir)),
        [command] if command == "reports" => reports(),
        _ => Err("usage: hearth-bench generate DIR | run DIR | reports".into()),
    }
}
