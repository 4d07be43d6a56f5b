//! `hearth kmeans`: k-means on chosen numeric columns of a CSV, or an elbow table for a k range.

use crate::input::Table;
use crate::report::{json_number, number, Report};
use crate::CliError;
use clap::Args;
use hearth_analytics::kmeans::{
    elbow, hamerly, kmeans, knee, silhouette, Clustering, KMeansConfig, Matrix,
};
use hearth_analytics::Silent;
use serde_json::json;
use std::path::PathBuf;

/// Arguments of `hearth kmeans`.
#[derive(Args, Debug)]
pub struct KmeansArgs {
    /// Features CSV with a header.
    input: PathBuf,
    /// Numeric columns to cluster on, e.g. recency,frequency,monetary.
    #[arg(long, value_delimiter = ',', required = true)]
    columns: Vec<String>,
    /// Number of clusters, or a range K1..K2 for an elbow table.
    #[arg(long)]
    k: String,
    /// Replace every value v by ln(1 + v) first.
    #[arg(long)]
    log1p: bool,
    /// Standardize each column (population std) after log1p.
    #[arg(long)]
    standardize: bool,
    /// k-means++ restarts; the lowest inertia wins.
    #[arg(long, default_value_t = 10)]
    restarts: usize,
    /// Random seed.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Most Lloyd iterations per run.
    #[arg(long, default_value_t = 300)]
    max_iter: usize,
    /// 0-based data rows to use as initial centroids (one k only; replaces k-means++ and restarts).
    #[arg(long, value_delimiter = ',')]
    init_rows: Vec<usize>,
    /// A column to echo next to each label, such as the customer id.
    #[arg(long)]
    id_column: Option<String>,
}

fn parse_k(text: &str) -> Result<(usize, usize), CliError> {
    let bad = || {
        CliError::Usage(format!(
            "--k takes K or K1..K2 with 1 <= K1 <= K2, got {text:?}"
        ))
    };
    let (low, high) = match text.split_once("..") {
        Some((low, high)) => (
            low.trim().parse().map_err(|_| bad())?,
            high.trim().parse().map_err(|_| bad())?,
        ),
        None => {
            let k = text.trim().parse().map_err(|_| bad())?;
            (k, k)
        }
    };
    if low == 0 || low > high {
        return Err(bad());
    }
    Ok((low, high))
}

/// Mean of each original column per cluster, with cluster sizes: profiles in the data's own units.
fn profiles(original: &Matrix, clustering: &Clustering) -> Vec<serde_json::Value> {
    let k = clustering.centroids.rows();
    (0..k)
        .map(|cluster| {
            let members: Vec<usize> = (0..original.rows())
                .filter(|&i| clustering.labels[i] as usize == cluster)
                .collect();
            let means: Vec<f64> = (0..original.cols())
                .map(|c| {
                    members.iter().map(|&i| original.row(i)[c]).sum::<f64>()
                        / members.len().max(1) as f64
                })
                .collect();
            json!({ "cluster": cluster, "size": members.len(), "means": means })
        })
        .collect()
}

/// Runs `hearth kmeans`.
pub fn run(args: &KmeansArgs) -> Result<Report, CliError> {
    let table = Table::read(&args.input)?;
    let columns: Vec<usize> = args
        .columns
        .iter()
        .map(|c| table.column(c.trim()))
        .collect::<Result<_, _>>()?;
    let mut values = Vec::with_capacity(table.len() * columns.len());
    for i in 0..table.len() {
        for &c in &columns {
            values.push(table.value(i, c).number()?);
        }
    }
    let original = Matrix::new(table.len(), columns.len(), values)?;
    let mut data = original.clone();
    if args.log1p {
        data.log1p()?;
    }
    if args.standardize {
        data.standardize();
    }
    let (low, high) = parse_k(&args.k)?;
    let config = KMeansConfig {
        k: low,
        max_iterations: args.max_iter,
        restarts: args.restarts,
        seed: args.seed,
    };

    if low != high {
        if !args.init_rows.is_empty() {
            return Err(CliError::Usage("--init-rows needs a single --k".into()));
        }
        let rows = elbow(&data, low..=high, &config, &mut Silent)?;
        let knee = knee(
            &rows
                .iter()
                .map(|row| (row.k, row.inertia))
                .collect::<Vec<_>>(),
        );
        return Ok(Report {
            header: vec!["k", "inertia", "silhouette", "knee"],
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        r.k.to_string(),
                        number(r.inertia),
                        r.silhouette.map(number).unwrap_or_default(),
                        (knee == Some(r.k)).to_string(),
                    ]
                })
                .collect(),
            json: json!({
                "elbow": rows.iter().map(|r| json!({
                    "k": r.k, "inertia": json_number(r.inertia), "silhouette": r.silhouette.map(json_number),
                })).collect::<Vec<_>>(),
                "knee": knee,
            }),
        });
    }

    let clustering = if args.init_rows.is_empty() {
        kmeans(&data, &config, &mut Silent)?
    } else {
        if args.init_rows.len() != low {
            return Err(CliError::Usage(format!(
                "--init-rows names {} rows for k = {low}",
                args.init_rows.len()
            )));
        }
        hamerly(
            &data,
            &data.select_rows(&args.init_rows)?,
            args.max_iter,
            &mut Silent,
        )?
    };
    let score = if low >= 2 && low < data.rows() {
        Some(silhouette(&data, &clustering.labels, args.seed)?)
    } else {
        None
    };
    eprintln!(
        "hearth: k={low} inertia={} silhouette={} iterations={}",
        clustering.inertia,
        score.map(number).unwrap_or_else(|| "n/a".into()),
        clustering.iterations
    );
    let ids = args
        .id_column
        .as_deref()
        .map(|name| table.column(name))
        .transpose()?;
    let rows = (0..table.len())
        .map(|i| {
            let mut row = vec![i.to_string()];
            if let Some(column) = ids {
                row.push(table.value(i, column).text.to_string());
            }
            row.push(clustering.labels[i].to_string());
            row
        })
        .collect();
    let header = if ids.is_some() {
        vec!["row", "id", "label"]
    } else {
        vec!["row", "label"]
    };
    let centroids: Vec<&[f64]> = (0..clustering.centroids.rows())
        .map(|j| clustering.centroids.row(j))
        .collect();
    Ok(Report {
        header,
        rows,
        json: json!({
            "k": low,
            "columns": args.columns,
            "inertia": json_number(clustering.inertia),
            "silhouette": score.map(json_number),
            "iterations": clustering.iterations,
            "centroids": centroids,
            "profiles": profiles(&original, &clustering),
            "labels": clustering.labels,
        }),
    })
}
