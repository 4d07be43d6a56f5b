//! A command's result, written as CSV (a header line, then one line per row) or as one JSON document.

use clap::ValueEnum;
use std::io::Write;

/// Output format of every subcommand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A header line, then one line per result row.
    #[default]
    Csv,
    /// One JSON document.
    Json,
}

/// What a command produced: its rows for CSV, and the whole result for JSON.
pub struct Report {
    /// CSV column names.
    pub header: Vec<&'static str>,
    /// CSV rows.
    pub rows: Vec<Vec<String>>,
    /// The JSON document.
    pub json: serde_json::Value,
}

impl Report {
    /// Writes the report to `out` in `format`.
    pub fn write(&self, format: Format, out: impl Write) -> std::io::Result<()> {
        match format {
            Format::Csv => {
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(&self.header).map_err(io_error)?;
                for row in &self.rows {
                    writer.write_record(row).map_err(io_error)?;
                }
                writer.flush()
            }
            Format::Json => {
                let mut out = out;
                serde_json::to_writer_pretty(&mut out, &self.json)?;
                writeln!(out)
            }
        }
    }
}

/// The I/O error inside a CSV writer error, so a closed pipe stays recognisable.
fn io_error(error: csv::Error) -> std::io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// A float for CSV: shortest exact form, `inf` for infinity.
pub fn number(value: f64) -> String {
    if value.is_infinite() {
        if value > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        }
    } else {
        format!("{value}")
    }
}

/// A float for JSON: `null` for infinity or NaN, which JSON cannot hold.
pub fn json_number(value: f64) -> serde_json::Value {
    serde_json::Number::from_f64(value).map_or(serde_json::Value::Null, serde_json::Value::Number)
}

/// Cents as a plain decimal: `-1234.05`.
pub fn cents(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    format!(
        "{sign}{}.{:02}",
        value.unsigned_abs() / 100,
        value.unsigned_abs() % 100
    )
}
