//! `hearth rfm`: RFM scores and segments from a transactions CSV (one row per order).

use crate::input::{parse_date, CustomerIds, Table};
use crate::report::{cents, Report};
use crate::CliError;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use hearth_analytics::rfm::{rfm, OrderRecord, Ties};
use serde_json::json;
use std::path::PathBuf;

/// Columns of a transactions CSV.
#[derive(Args, Debug)]
pub struct TransactionColumns {
    /// Column with the customer id.
    #[arg(long, default_value = "customer_id")]
    pub customer_column: String,
    /// Column with the date (YYYY-MM-DD or YYYYMMDD).
    #[arg(long, default_value = "date")]
    pub date_column: String,
    /// Column with the amount (a decimal with at most two places).
    #[arg(long, default_value = "amount")]
    pub amount_column: String,
}

/// How tied values are scored.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TiesArg {
    /// Ties broken by customer id (pandas rank(method="first")).
    First,
    /// Tied values share a score.
    Equal,
}

/// Arguments of `hearth rfm`.
#[derive(Args, Debug)]
pub struct RfmArgs {
    /// Transactions CSV, one row per order.
    input: PathBuf,
    /// Date recency is measured to; orders after it are ignored.
    #[arg(long, value_parser = date_arg)]
    as_of: NaiveDate,
    /// How tied values are scored.
    #[arg(long, value_enum, default_value = "first")]
    ties: TiesArg,
    #[command(flatten)]
    columns: TransactionColumns,
}

/// Parses a date flag.
pub fn date_arg(text: &str) -> Result<NaiveDate, String> {
    parse_date(text).ok_or_else(|| format!("{text:?} is not a date (YYYY-MM-DD or YYYYMMDD)"))
}

/// A transaction read from the CSV.
pub struct RawTransaction {
    pub customer: String,
    pub date: NaiveDate,
    pub amount_cents: i64,
}

/// Reads every transaction of `table`.
pub fn read_transactions(
    table: &Table,
    columns: &TransactionColumns,
) -> Result<Vec<RawTransaction>, CliError> {
    let (customer, date, amount) = (
        table.column(&columns.customer_column)?,
        table.column(&columns.date_column)?,
        table.column(&columns.amount_column)?,
    );
    (0..table.len())
        .map(|i| {
            Ok(RawTransaction {
                customer: table.value(i, customer).non_empty()?.to_string(),
                date: table.value(i, date).date()?,
                amount_cents: table.value(i, amount).cents()?,
            })
        })
        .collect()
}

/// Runs `hearth rfm`.
pub fn run(args: &RfmArgs) -> Result<Report, CliError> {
    let table = Table::read(&args.input)?;
    let transactions = read_transactions(&table, &args.columns)?;
    let ids = CustomerIds::new(transactions.iter().map(|t| t.customer.as_str()));
    let orders: Vec<OrderRecord> = transactions
        .iter()
        .map(|t| OrderRecord {
            customer_id: ids.of(&t.customer),
            date: t.date,
            amount_cents: t.amount_cents,
        })
        .collect();
    let ties = match args.ties {
        TiesArg::First => Ties::First,
        TiesArg::Equal => Ties::Equal,
    };
    let scored = rfm(&orders, args.as_of, ties)?;
    let rows = scored
        .iter()
        .map(|row| {
            vec![
                ids.name(row.customer_id).to_string(),
                row.recency_days.to_string(),
                row.frequency.to_string(),
                cents(row.monetary_cents),
                row.r.to_string(),
                row.f.to_string(),
                row.m.to_string(),
                row.segment.name().to_string(),
            ]
        })
        .collect();
    let json_rows: Vec<serde_json::Value> = scored
        .iter()
        .map(|row| {
            json!({
                "customer_id": ids.name(row.customer_id),
                "recency": row.recency_days,
                "frequency": row.frequency,
                "monetary": row.monetary_cents as f64 / 100.0,
                "R": row.r, "F": row.f, "M": row.m,
                "segment": row.segment.name(),
            })
        })
        .collect();
    Ok(Report {
        header: vec![
            "customer_id",
            "recency",
            "frequency",
            "monetary",
            "R",
            "F",
            "M",
            "segment",
        ],
        rows,
        json: json!({ "as_of": args.as_of.to_string(), "customers": json_rows }),
    })
}
