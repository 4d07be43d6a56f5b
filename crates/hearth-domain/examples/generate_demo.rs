//! Writes a generated workspace as CSV files, for benchmarks and for trying the CLI:
//! `customers.csv` (one row per person) and `order_lines.csv` (one row per order line).
//!
//! ```text
//! cargo run --release -p hearth-domain --example generate_demo -- \
//!     --size benchmark --end-date 2026-11-28 [--seed 7] --out /tmp/hearth-bench
//! ```

use chrono::NaiveDate;
use hearth_domain::demo::{generate, DemoConfig};
use std::error::Error;
use std::path::PathBuf;
use std::time::Instant;

struct Args {
    config: DemoConfig,
    out: PathBuf,
}

fn parse_args() -> Result<Args, Box<dyn Error>> {
    let mut size = "standard".to_string();
    let mut end_date = None;
    let mut seed = None;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--size" => size = value()?,
            "--end-date" => end_date = Some(NaiveDate::parse_from_str(&value()?, "%Y-%m-%d")?),
            "--seed" => seed = Some(value()?.parse::<u64>()?),
            "--out" => out = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown flag {other}").into()),
        }
    }
    let end_date =
        end_date.ok_or("--end-date YYYY-MM-DD is required (the generator reads no clock)")?;
    let mut config = match size.as_str() {
        "standard" => DemoConfig::standard(end_date),
        "benchmark" => DemoConfig::benchmark(end_date),
        other => return Err(format!("--size is standard or benchmark, not {other}").into()),
    };
    if let Some(seed) = seed {
        config.seed = seed;
    }
    Ok(Args {
        config,
        out: out.ok_or("--out DIR is required")?,
    })
}

fn main() -> Result<(), Box<dyn Error>> {
    let args = parse_args()?;
    let started = Instant::now();
    let workspace = generate(&args.config);
    let generated_in = started.elapsed();
    std::fs::create_dir_all(&args.out)?;

    let mut customers = csv::Writer::from_path(args.out.join("customers.csv"))?;
    customers.write_record([
        "customer_id",
        "first_name",
        "last_name",
        "email",
        "company_id",
        "lifecycle",
    ])?;
    for person in &workspace.people {
        customers.write_record([
            person.id.to_string(),
            person.first_name.clone(),
            person.last_name.clone(),
            person.primary_email().unwrap_or_default().to_string(),
            person
                .company_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            format!("{:?}", person.lifecycle).to_lowercase(),
        ])?;
    }
    customers.flush()?;

    let mut lines = csv::Writer::from_path(args.out.join("order_lines.csv"))?;
    lines.write_record([
        "order_id",
        "customer_id",
        "date",
        "product_id",
        "quantity",
        "amount",
    ])?;
    for order in workspace.orders.iter().filter(|order| order.is_revenue()) {
        for line in &order.lines {
            lines.write_record([
                order.id.to_string(),
                order.person_id.to_string(),
                order.date.to_string(),
                line.product_id.to_string(),
                line.quantity.to_string(),
                line.amount()
                    .map_err(std::io::Error::other)?
                    .to_decimal_string(),
            ])?;
        }
    }
    lines.flush()?;

    println!(
        "generated {} people, {} orders, {} order lines in {:.2?}; wrote {}",
        workspace.people.len(),
        workspace.orders.len(),
        workspace.order_line_count(),
        generated_in,
        args.out.display()
    );
    Ok(())
}
