//! `hearth check-import`: a dry run of importing a file of people, companies, products, orders or
//! tickets: its encoding and delimiter detected, each header mapped to a field, every row read as
//! the app's import reads it; prints each problem with its line, column and reason, and (as JSON)
//! the counts and the mapping. Nothing is written anywhere.

use crate::report::Report;
use crate::CliError;
use clap::{Args, ValueEnum};
use hearth_domain::demo::default_pipeline;
use hearth_domain::entity::stage_names;
use hearth_domain::entity::Entity;
use hearth_domain::list::Field;
use hearth_domain::{Company, Deal, EntityKind, Order, Person, Product, Ticket, Validate};
use hearth_import::mapping::{default_upsert_key, suggest};
use hearth_import::reconcile::{ImportSettings, Importer, Names};
use hearth_import::source::{preview, FileError, Preview, PREVIEW_BYTES};
use serde_json::json;
use std::io::Read;
use std::path::PathBuf;

/// What the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportEntity {
    /// People.
    People,
    /// Companies.
    Companies,
    /// Products.
    Products,
    /// Orders: a row per order, or a row per line item grouped by order number.
    Orders,
    /// Service tickets.
    Tickets,
    /// Deals, their stages named as in a new workspace's pipeline.
    Deals,
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

/// Rows read between two looks at the counts (the dry run writes nothing, so any size does).
const BATCH_ROWS: usize = 10_000;

/// Runs the dry run.
pub fn run(args: &CheckImportArgs) -> Result<Report, CliError> {
    let open = || {
        std::fs::File::open(&args.file)
            .map_err(|e| CliError::Usage(format!("{}: {e}", args.file.display())))
    };
    let mut start = Vec::with_capacity(PREVIEW_BYTES);
    open()?
        .take(PREVIEW_BYTES as u64)
        .read_to_end(&mut start)
        .map_err(|e| CliError::Usage(format!("{}: {e}", args.file.display())))?;
    let whole = start.len() < PREVIEW_BYTES;
    let preview = preview(&start, whole, args.chinese, None, None).map_err(usage)?;
    match args.entity {
        ImportEntity::People => check::<Person>(open()?, &preview),
        ImportEntity::Companies => check::<Company>(open()?, &preview),
        ImportEntity::Products => check::<Product>(open()?, &preview),
        ImportEntity::Orders => check::<Order>(open()?, &preview),
        ImportEntity::Tickets => check::<Ticket>(open()?, &preview),
        ImportEntity::Deals => check::<Deal>(open()?, &preview),
    }
}

fn usage(error: FileError) -> CliError {
    CliError::Usage(error.to_string())
}

fn check<E: Entity + Validate>(file: std::fs::File, preview: &Preview) -> Result<Report, CliError> {
    let mapping = suggest::<E>(&preview.headers, &[]);
    let settings = ImportSettings {
        shape: preview.shape,
        mapping: mapping.clone(),
        dates: Vec::new(),
        upsert_key: default_upsert_key(&mapping),
        create_missing: true,
        option_labels: Vec::new(),
    };
    let now = chrono::DateTime::<chrono::Utc>::default();
    // Nothing is stored: every record a row names is one the import would create, and a deal's
    // stage is one of those a new workspace starts with.
    let names = [EntityKind::Person, EntityKind::Company, EntityKind::Product]
        .into_iter()
        .fold(Names::new(true), |names, kind| names.with(kind, [], 1))
        .with_stages(stage_names(&[default_pipeline(now)]));
    let reader = std::io::BufReader::with_capacity(1 << 20, file);
    let mut importer =
        Importer::<E, _>::new(reader, &settings, &[], Vec::new(), 1, names, now).map_err(usage)?;
    while importer.next_batch(BATCH_ROWS).map_err(usage)?.is_some() {}
    let counts = importer.counts();
    let (problems, left_out) = importer.problems();
    let mapped: Vec<serde_json::Value> = preview
        .headers
        .iter()
        .zip(&mapping)
        .map(|(header, field)| {
            let field = field.as_ref().map(Field::token);
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
        "encoding": preview.shape.encoding.name(),
        "delimiter": (preview.shape.delimiter as char).to_string(),
        "malformed_bytes": importer.had_malformed_bytes(),
        "rows": counts.rows,
        "valid": counts.created + counts.updated + counts.unchanged,
        "invalid": counts.invalid,
        "problems_left_out": left_out,
        "mapping": mapped,
        "problems": problems,
    });
    Ok(Report {
        header: vec!["line", "column", "problem"],
        rows,
        json,
    })
}
