//! `hearth check-import`: a dry run of importing a file of people, companies or products: its
//! encoding and delimiter detected, each header mapped to a field, every row read as the app's
//! import reads it; prints each problem with its line, column and reason, and (as JSON) the
//! counts and the mapping. Nothing is written anywhere.

use crate::report::Report;
use crate::CliError;
use clap::{Args, ValueEnum};
use hearth_domain::entity::Entity;
use hearth_domain::list::Field;
use hearth_domain::{Company, Person, Product, Validate};
use hearth_import::encoding::{detect, StreamDecoder};
use hearth_import::mapping::suggest;
use hearth_import::rows::Plan;
use hearth_import::sniff::detect_delimiter;
use serde_json::json;
use std::path::PathBuf;

/// Rows read to tell each column's decimal mark and date format.
const SAMPLE_ROWS: usize = 200;

/// What the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportEntity {
    /// People.
    People,
    /// Companies.
    Companies,
    /// Products.
    Products,
}

/// Arguments of `hearth check-import`.
#[derive(Args)]
pub struct CheckImportArgs {
    /// What the file holds.
    #[arg(long, value_enum)]
    entity: ImportEntity,
    /// Read a file without a byte order mark that is not UTF-8 as GB18030 (what Chinese Excel
    /// writes) rather than Windows-1252.
    #[arg(long)]
    chinese: bool,
    /// The CSV (or semicolon, tab or pipe separated) file.
    file: PathBuf,
}

/// Runs the dry run.
pub fn run(args: &CheckImportArgs) -> Result<Report, CliError> {
    let bytes = std::fs::read(&args.file)
        .map_err(|e| CliError::Usage(format!("{}: {e}", args.file.display())))?;
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let detected = detect(sample, args.chinese);
    let mut decoder = StreamDecoder::new(detected.encoding);
    let text = decoder.decode(&bytes, true);
    let mut sample_end = text.len().min(64 * 1024);
    while !text.is_char_boundary(sample_end) {
        sample_end -= 1;
    }
    let delimiter = detect_delimiter(&text[..sample_end]);
    let file = FileFacts {
        encoding: detected.encoding.name(),
        delimiter,
        malformed: decoder.had_malformed_bytes(),
    };
    match args.entity {
        ImportEntity::People => check::<Person>(&text, file),
        ImportEntity::Companies => check::<Company>(&text, file),
        ImportEntity::Products => check::<Product>(&text, file),
    }
}

/// What was told of the file itself.
struct FileFacts {
    encoding: &'static str,
    delimiter: u8,
    malformed: bool,
}

fn check<E: Entity + Validate>(text: &str, file: FileFacts) -> Result<Report, CliError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(file.delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| CliError::Usage(format!("line 1: {e}")))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let mapping = suggest::<E>(&headers, &[]);
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| CliError::Usage(format!("{e}")))?;
        let line = record.position().map_or(0, |p| p.line());
        records.push((line, record));
    }
    let samples: Vec<Vec<String>> = records
        .iter()
        .take(SAMPLE_ROWS)
        .map(|(_, r)| r.iter().map(str::to_string).collect())
        .collect();
    let plan = Plan::<E>::new(&headers, &mapping, &[], &samples);
    let blank = E::blank(chrono::DateTime::<chrono::Utc>::default());
    let mut problems = Vec::new();
    let mut invalid = 0usize;
    for (line, record) in &records {
        let cells: Vec<&str> = record.iter().collect();
        if let Err(found) = plan.record(&blank, &cells, *line) {
            invalid += 1;
            problems.extend(found);
        }
    }
    let mapped: Vec<serde_json::Value> = headers
        .iter()
        .zip(&mapping)
        .map(|(header, field)| {
            let field = field.as_ref().map(|field| match field {
                Field::Builtin(key) => key.to_string(),
                Field::Custom(key) => format!("custom:{key}"),
            });
            json!({ "header": header, "field": field })
        })
        .collect();
    let rows: Vec<Vec<String>> = problems
        .iter()
        .map(|p| vec![p.line.to_string(), p.column.clone(), p.problem.to_string()])
        .collect();
    let problems: Vec<serde_json::Value> = problems
        .iter()
        .map(|p| json!({ "line": p.line, "column": p.column, "problem": p.problem.to_string() }))
        .collect();
    let json = json!({
        "encoding": file.encoding,
        "delimiter": (file.delimiter as char).to_string(),
        "malformed_bytes": file.malformed,
        "rows": records.len(),
        "valid": records.len() - invalid,
        "invalid": invalid,
        "mapping": mapped,
        "problems": problems,
    });
    Ok(Report {
        header: vec!["line", "column", "problem"],
        rows,
        json,
    })
}
