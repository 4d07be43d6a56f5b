//! `hearth`: the Hearth analytics engine on CSV files, for analysts' scripts, and a dry run of
//! importing a file. Each subcommand reads
//! CSV, writes CSV (header, then rows) or JSON to stdout, and reports bad input on stderr with the
//! file line, exiting non-zero.

mod baskets;
mod clv;
mod import_check;
mod input;
mod kmeans;
mod report;
mod rfm;

use clap::{Parser, Subcommand};
use report::Format;
use std::process::ExitCode;

/// Customer analytics on CSV files: RFM, lifetime value, frequent itemsets, association rules and
/// k-means segmentation.
#[derive(Parser)]
#[command(name = "hearth", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv, global = true)]
    format: Format,
}

#[derive(Subcommand)]
enum Command {
    /// Recency, frequency and monetary value per customer, scored 1-5, with segments.
    Rfm(rfm::RfmArgs),
    /// BG/NBD and Gamma-Gamma fits and per-customer lifetime value.
    Clv(clv::ClvArgs),
    /// Frequent itemsets (FP-growth).
    Itemsets(baskets::ItemsetArgs),
    /// Association rules with support, confidence, lift, leverage and conviction.
    Rules(baskets::RuleArgs),
    /// k-means clustering, or an elbow table for a range of k.
    Kmeans(kmeans::KmeansArgs),
    /// A dry run of importing people, companies or products: every problem with its line,
    /// column and reason; counts and the column mapping as JSON.
    CheckImport(import_check::CheckImportArgs),
}

/// Anything that stops a command.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Input(#[from] input::InputError),
    #[error("{0}")]
    Analytics(#[from] hearth_analytics::AnalyticsError),
    #[error("{0}")]
    Usage(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let report = match &cli.command {
        Command::Rfm(args) => rfm::run(args),
        Command::Clv(args) => clv::run(args),
        Command::Itemsets(args) => baskets::itemsets(args),
        Command::Rules(args) => baskets::rules(args),
        Command::Kmeans(args) => kmeans::run(args),
        Command::CheckImport(args) => import_check::run(args),
    };
    let result = report.map(|report| report.write(cli.format, std::io::stdout().lock()));
    match result {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Ok(Err(error)) => {
            eprintln!("hearth: cannot write the output: {error}");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("hearth: {error}");
            ExitCode::FAILURE
        }
    }
}
