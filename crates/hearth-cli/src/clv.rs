//! `hearth clv`: BG/NBD (and Gamma-Gamma when spend is known) fitted on a transactions CSV or a
//! ready summary, with each customer's P(alive), expected purchases, expected spend and CLV.

use crate::input::{CustomerIds, Table};
use crate::report::{json_number, number, Report};
use crate::rfm::{date_arg, read_transactions, TransactionColumns};
use crate::CliError;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use hearth_analytics::bgnbd::{self, RepeatSummary};
use hearth_analytics::clv::{model_clv, ClvHorizon, TimeUnit};
use hearth_analytics::gamma_gamma::{self, SpendSummary};
use hearth_analytics::summary::{summarize, Transaction};
use hearth_analytics::{AnalyticsError, Silent};
use serde_json::json;
use std::path::{Path, PathBuf};

/// Time unit flag.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum UnitArg {
    /// Days.
    Day,
    /// Weeks (7 days).
    Week,
    /// Months (365.25 / 12 days).
    Month,
}

/// Arguments of `hearth clv`.
#[derive(Args, Debug)]
pub struct ClvArgs {
    /// Transactions CSV (one row per purchase); or use --summary.
    #[arg(required_unless_present = "summary", conflicts_with = "summary")]
    input: Option<PathBuf>,
    /// A ready summary CSV with columns id, x, t_x, T and optionally zbar (mean repeat spend).
    #[arg(long)]
    summary: Option<PathBuf>,
    /// Last day of the calibration window (transactions mode).
    #[arg(long, value_parser = date_arg, required_unless_present = "summary")]
    calibration_end: Option<NaiveDate>,
    /// Time unit of the summary, the horizon and the discount rate (transactions mode).
    #[arg(long, value_enum, default_value = "week")]
    unit: UnitArg,
    /// Horizon in time units: 12 months of weekly data is 52.
    #[arg(long, default_value_t = 52.0)]
    horizon: f64,
    /// Discount rate per time unit.
    #[arg(long, default_value_t = 0.0)]
    discount_rate: f64,
    #[command(flatten)]
    columns: TransactionColumns,
}

struct Customer {
    id: String,
    repeat: RepeatSummary,
    mean_spend: Option<f64>,
}

fn from_summary(path: &Path) -> Result<Vec<Customer>, CliError> {
    let table = Table::read(path)?;
    let (id, x, t_x, big_t) = (
        table.column("id")?,
        table.column("x")?,
        table.column("t_x")?,
        table.column("T")?,
    );
    let zbar = table.column("zbar").ok();
    let customers: Vec<Customer> = (0..table.len())
        .map(|i| {
            Ok(Customer {
                id: table.value(i, id).non_empty()?.to_string(),
                repeat: RepeatSummary {
                    x: table.value(i, x).number()?,
                    t_x: table.value(i, t_x).number()?,
                    big_t: table.value(i, big_t).number()?,
                },
                mean_spend: zbar
                    .map(|column| table.value(i, column).number())
                    .transpose()?,
            })
        })
        .collect::<Result<_, CliError>>()?;
    // Name the file line of a summary the model refuses.
    for (row, customer) in customers.iter().enumerate() {
        if let Err(AnalyticsError::InvalidValue { field, reason, .. }) =
            bgnbd::validate_summary(row, &customer.repeat)
        {
            return Err(CliError::Usage(format!(
                "{}: line {}, column {field:?}: {reason}",
                path.display(),
                row + 2
            )));
        }
    }
    Ok(customers)
}

fn from_transactions(
    args: &ClvArgs,
    path: &Path,
    end: NaiveDate,
    unit: TimeUnit,
) -> Result<Vec<Customer>, CliError> {
    let table = Table::read(path)?;
    let raw = read_transactions(&table, &args.columns)?;
    let ids = CustomerIds::new(raw.iter().map(|t| t.customer.as_str()));
    let transactions: Vec<Transaction> = raw
        .iter()
        .map(|t| Transaction {
            customer_id: ids.of(&t.customer),
            date: t.date,
            amount: t.amount_cents as f64 / 100.0,
        })
        .collect();
    Ok(summarize(&transactions, end, unit)
        .into_iter()
        .map(|s| Customer {
            id: ids.name(s.customer_id).to_string(),
            repeat: s.repeat,
            mean_spend: Some(s.mean_repeat_spend),
        })
        .collect())
}

/// Runs `hearth clv`.
pub fn run(args: &ClvArgs) -> Result<Report, CliError> {
    let unit = match args.unit {
        UnitArg::Day => TimeUnit::Day,
        UnitArg::Week => TimeUnit::Week,
        UnitArg::Month => TimeUnit::Month,
    };
    let customers = match (&args.summary, &args.input, args.calibration_end) {
        (Some(path), _, _) => from_summary(path)?,
        (None, Some(path), Some(end)) => from_transactions(args, path, end, unit)?,
        _ => {
            return Err(CliError::Usage(
                "give a transactions file with --calibration-end, or --summary".into(),
            ))
        }
    };
    let repeat: Vec<RepeatSummary> = customers.iter().map(|c| c.repeat).collect();
    let bgnbd_fit = bgnbd::fit(&repeat, &mut Silent)?;
    let spenders: Vec<SpendSummary> = customers
        .iter()
        .filter_map(|c| {
            let spend = c.mean_spend?;
            (c.repeat.x > 0.0 && spend > 0.0).then_some(SpendSummary {
                x: c.repeat.x,
                mean_spend: spend,
            })
        })
        .collect();
    let gamma_gamma_fit = if spenders.len() >= 2 {
        Some(gamma_gamma::fit(&spenders, &mut Silent)?)
    } else {
        None
    };
    let horizon = ClvHorizon {
        horizon: args.horizon,
        discount_rate: args.discount_rate,
    };
    let p = bgnbd_fit.params;
    eprintln!(
        "hearth: BG/NBD r={:.4} alpha={:.4} a={:.4} b={:.4} log_likelihood={:.2}",
        p.r, p.alpha, p.a, p.b, bgnbd_fit.log_likelihood
    );
    if let Some(fit) = &gamma_gamma_fit {
        eprintln!(
            "hearth: Gamma-Gamma p={:.4} q={:.4} gamma={:.4}",
            fit.params.p, fit.params.q, fit.params.gamma
        );
    }

    let mut rows = Vec::with_capacity(customers.len());
    let mut json_rows = Vec::with_capacity(customers.len());
    for c in &customers {
        let p_alive = p.p_alive(&c.repeat);
        let expected = p.conditional_expected_purchases(&c.repeat, args.horizon)?;
        let spend = gamma_gamma_fit
            .as_ref()
            .zip(c.mean_spend)
            .map(|(fit, mean)| fit.params.expected_average_spend(c.repeat.x, mean));
        let clv = spend
            .map(|spend| model_clv(&p, &c.repeat, spend, &horizon))
            .transpose()?;
        rows.push(vec![
            c.id.clone(),
            number(c.repeat.x),
            number(c.repeat.t_x),
            number(c.repeat.big_t),
            number(p_alive),
            number(expected),
            spend.map(number).unwrap_or_default(),
            clv.map(number).unwrap_or_default(),
        ]);
        json_rows.push(json!({
            "customer_id": c.id, "x": c.repeat.x, "t_x": c.repeat.t_x, "T": c.repeat.big_t,
            "p_alive": json_number(p_alive), "expected_purchases": json_number(expected),
            "expected_spend": spend.map(json_number), "clv": clv.map(json_number),
        }));
    }
    Ok(Report {
        header: vec![
            "customer_id",
            "x",
            "t_x",
            "T",
            "p_alive",
            "expected_purchases",
            "expected_spend",
            "clv",
        ],
        rows,
        json: json!({
            "unit": format!("{:?}", args.unit).to_lowercase(),
            "horizon": args.horizon,
            "discount_rate": args.discount_rate,
            "bgnbd": { "r": p.r, "alpha": p.alpha, "a": p.a, "b": p.b, "log_likelihood": bgnbd_fit.log_likelihood },
            "gamma_gamma": gamma_gamma_fit.map(|fit| json!({
                "p": fit.params.p, "q": fit.params.q, "gamma": fit.params.gamma,
                "log_likelihood": fit.log_likelihood,
            })),
            "customers": json_rows,
        }),
    })
}
