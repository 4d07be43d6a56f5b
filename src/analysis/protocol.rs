//! The messages between the page and the analytics worker: jobs go out as JSON strings, answers
//! come back as postcard bytes in a transferred buffer (decoding them compiles no field-name
//! matching into the page's wasm, and a big report is not parsed from text). So no type of a
//! [`Message`] may skip a field when serialized (`skip_serializing_if`) or need a self-describing
//! format. Besides the analyses, the worker generates
//! the demo workspace: the generator stays out of the page's wasm, and the page stays responsive
//! while a benchmark-size company is built.

use crate::i18n::ValueFormat;
use crate::store::backup::RestoreMode;
use chrono::{DateTime, NaiveDate, Utc};
use hearth_analytics::reports::baskets::{BasketSettings, BasketsReport};
use hearth_analytics::reports::campaigns::MarketingReport;
use hearth_analytics::reports::clv::{ClvReport, ClvSettings};
use hearth_analytics::reports::deals::SalesFilter;
use hearth_analytics::reports::kpis::SalesReport;
use hearth_analytics::reports::rfm::RfmReport;
use hearth_analytics::reports::sales::SalesReports;
use hearth_analytics::reports::segments::{SegmentSettings, SegmentsReport};
use hearth_analytics::reports::service::{ServiceFilter, ServiceReport};
use hearth_domain::imports::ImportCounts;
use hearth_domain::list::Field;
use hearth_domain::{EntityKind, ImportId};
use hearth_import::backup::BackupHeader;
use hearth_import::encoding::TextEncoding;
use hearth_import::reconcile::ImportSettings;
use hearth_import::rows::RowProblem;
use hearth_import::source::Preview;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The four analyses, without their settings: what results are cached under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnalysisKind {
    /// RFM scores and segments.
    Rfm,
    /// Lifetime value.
    Clv,
    /// k-means segments.
    Segments,
    /// Association rules.
    Baskets,
    /// The people who bought some products.
    Buyers,
    /// The dashboard's monthly sales.
    Sales,
    /// The sales reports.
    SalesReports,
    /// The service report.
    Service,
    /// The marketing report.
    Marketing,
    /// Replacing the workspace (the demo, the large demo, or nothing).
    Replace,
    /// Previewing, checking or importing a file.
    Import,
    /// Writing a backup, reading one, or restoring one.
    Backup,
}

/// The stage in which the worker writes a replacement workspace; its steps are records.
pub const WRITING_STAGE: &str = "writing";

/// An analysis with its settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Analysis {
    /// RFM scores and segments.
    Rfm,
    /// Lifetime value.
    Clv(ClvSettings),
    /// k-means segments.
    Segments(SegmentSettings),
    /// Association rules.
    Baskets(BasketSettings),
    /// The people who bought every one of these products (a rule's antecedent, to target them).
    Buyers(Vec<u32>),
    /// Revenue, orders and new customers of the last twelve months.
    Sales,
    /// The sales reports for a range of dates and an owner.
    SalesReports(SalesFilter),
    /// The service report (tickets, their targets and ratings) for a range of dates.
    Service(ServiceFilter),
    /// Every campaign measured against the orders of its targets and its control group.
    Marketing,
    /// Replace the workspace: with the generated demo company ending on the request's day, or
    /// with nothing but the pipeline a new deal goes into.
    Replace(ReplaceJob),
    /// A step of importing the file sent with the request.
    Import(ImportJob),
    /// A backup job (restores read the file sent with the request).
    Backup(BackupJob),
}

/// What to replace the workspace with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Replacement {
    /// The generated demo company.
    Demo,
    /// The generated company at benchmark scale: 100,000 customers, about a million order lines.
    Large,
    /// Nothing: an empty workspace.
    Empty,
}

/// A replacement of the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReplaceJob {
    /// What replaces it.
    pub with: Replacement,
    /// When (the empty workspace's pipeline is created then).
    pub now: chrono::DateTime<chrono::Utc>,
}

/// What a backup job does.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupJob {
    /// Write a backup of the workspace, made at this instant (milliseconds since 1970).
    Write {
        /// When.
        now: i64,
    },
    /// Read the header of the backup sent with the request: what it holds.
    Inspect,
    /// Restore the backup sent with the request.
    Restore(RestoreMode),
}

/// A backup written in the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupFile {
    /// A `blob:` address of the file, made by the worker (valid while it runs).
    pub url: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Records in it.
    pub records: u64,
}

/// A step of importing a file of records of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportJob {
    /// What the file holds.
    pub entity: EntityKind,
    /// The page's clock: new and changed records are stamped with it.
    pub now: DateTime<Utc>,
    /// What to do.
    pub step: ImportStep,
}

/// What an import job does with its file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStep {
    /// Read the start: encoding, delimiter, headers, first rows, suggested mapping.
    Preview {
        /// The user reads Chinese: a file neither UTF-8 nor UTF-16 is GB18030, not Windows-1252.
        chinese: bool,
        /// The encoding the user chose, else detected.
        encoding: Option<TextEncoding>,
        /// The delimiter the user chose, else detected.
        delimiter: Option<u8>,
    },
    /// Read every row as the import would, writing nothing: the dry run.
    Check(ImportSettings),
    /// Import it, in batches, with an entry in the history.
    Write {
        /// How to read it.
        settings: ImportSettings,
        /// The file's name, for the history.
        file_name: String,
        /// Rows the dry run counted (for progress).
        rows: u64,
    },
    /// Undo an earlier import (no file): in the worker, since a large one rewrites many records.
    Revert(ImportId),
}

/// The start of a file and how its columns would be mapped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// What the start shows.
    pub preview: Preview,
    /// The suggested field per column.
    pub mapping: Vec<Option<Field>>,
    /// The fields a column can be mapped to.
    pub targets: Vec<hearth_import::mapping::Target>,
    /// The file's size in bytes.
    pub bytes: u64,
}

/// A dry run's findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportCheck {
    /// What the rows would do.
    pub counts: ImportCounts,
    /// Every problem (up to the importer's limit), with line, column and reason.
    pub problems: Vec<RowProblem>,
    /// Problems beyond the limit, left out.
    pub left_out: u64,
    /// Whether bytes were invalid in the chosen encoding.
    pub malformed: bool,
}

impl Analysis {
    /// Whether the job stops when asked (it checks between batches of I/O) rather than only by
    /// terminating the worker, as the engine's CPU-bound loops need.
    pub fn stops_when_asked(&self) -> bool {
        matches!(
            self,
            Analysis::Replace(_) | Analysis::Import(_) | Analysis::Backup(_)
        )
    }

    /// Which analysis it is.
    pub fn kind(&self) -> AnalysisKind {
        match self {
            Analysis::Rfm => AnalysisKind::Rfm,
            Analysis::Clv(_) => AnalysisKind::Clv,
            Analysis::Segments(_) => AnalysisKind::Segments,
            Analysis::Baskets(_) => AnalysisKind::Baskets,
            Analysis::Buyers(_) => AnalysisKind::Buyers,
            Analysis::Sales => AnalysisKind::Sales,
            Analysis::SalesReports(_) => AnalysisKind::SalesReports,
            Analysis::Service(_) => AnalysisKind::Service,
            Analysis::Marketing => AnalysisKind::Marketing,
            Analysis::Replace(_) => AnalysisKind::Replace,
            Analysis::Import(_) => AnalysisKind::Import,
            Analysis::Backup(_) => AnalysisKind::Backup,
        }
    }
}

/// Page → worker: a job to run, or one to stop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Inbound {
    /// Run this job.
    Run(Request),
    /// Stop job `id` at its next check (jobs that [`Analysis::stops_when_asked`]); it answers
    /// [`Message::Cancelled`] with nothing written.
    Cancel {
        /// The job.
        id: u32,
    },
    /// Draw a chart; answered by [`Message::Drawn`] with the picture beside it.
    Draw(DrawRequest),
}

/// Page → worker: a chart to draw off the page (plotters stays out of the page's wasm), at the
/// canvas's size in device pixels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrawRequest {
    /// Chosen by the page; the answer carries it.
    pub id: u32,
    /// What to draw, as [`Chart::flatten`](hearth_charts::Chart::flatten) writes it: the
    /// numbers...
    pub numbers: Vec<f64>,
    /// ...and the labels.
    pub labels: Vec<String>,
    /// Horizontal axis title.
    pub x_title: String,
    /// Vertical axis title.
    pub y_title: String,
    /// How the value axis writes its numbers.
    pub format: ValueFormat,
    /// The dark theme's colours, else the light one's.
    pub dark: bool,
    /// Width in device pixels.
    pub width: u32,
    /// Height in device pixels.
    pub height: u32,
    /// Device pixels per CSS pixel.
    pub scale: f64,
}

/// Page → worker: run `analysis` on the workspace in `database` as of a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Chosen by the page; every answer carries it.
    pub id: u32,
    /// The IndexedDB database holding the workspace.
    pub database: String,
    /// "Today" for recency and forecasts (the page's clock, so tests can fix it).
    pub as_of: NaiveDate,
    /// What to run.
    pub analysis: Analysis,
}

/// A finished analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
/// Each report behind an `Arc`, so pages share one copy however many views read it.
pub enum Report {
    /// RFM.
    Rfm(Arc<RfmReport>),
    /// Lifetime value.
    Clv(Arc<ClvReport>),
    /// Segments.
    Segments(Arc<SegmentsReport>),
    /// Baskets.
    Baskets(Arc<BasketsReport>),
    /// Person ids, ascending.
    Buyers(Arc<Vec<u32>>),
    /// Monthly sales.
    Sales(Arc<SalesReport>),
    /// The sales reports.
    SalesReports(Arc<SalesReports>),
    /// The service report.
    Service(Arc<ServiceReport>),
    /// The marketing report.
    Marketing(Arc<MarketingReport>),
    /// The workspace is replaced: this many records written.
    Replaced(usize),
    /// A file's start and its suggested mapping.
    ImportPreview(Arc<ImportPreview>),
    /// A dry run's findings.
    ImportChecked(Arc<ImportCheck>),
    /// An import ended (done, cancelled or failed): its entry in the history (which says how).
    Imported(ImportId),
    /// An import was reverted.
    Reverted(crate::store::Reverted),
    /// A backup was written.
    Backup(BackupFile),
    /// What a backup file holds.
    BackupContents(Arc<BackupHeader>),
    /// A backup was restored: this many records written.
    Restored(u64),
}

impl Report {
    /// The RFM report, if it is one.
    pub fn rfm(&self) -> Option<&Arc<RfmReport>> {
        match self {
            Report::Rfm(report) => Some(report),
            _ => None,
        }
    }

    /// The lifetime value report, if it is one.
    pub fn clv(&self) -> Option<&Arc<ClvReport>> {
        match self {
            Report::Clv(report) => Some(report),
            _ => None,
        }
    }

    /// The segments report, if it is one.
    pub fn segments(&self) -> Option<&Arc<SegmentsReport>> {
        match self {
            Report::Segments(report) => Some(report),
            _ => None,
        }
    }

    /// The baskets report, if it is one.
    pub fn baskets(&self) -> Option<&Arc<BasketsReport>> {
        match self {
            Report::Baskets(report) => Some(report),
            _ => None,
        }
    }

    /// The buyers, if this is a buyers answer.
    pub fn buyers(&self) -> Option<&Arc<Vec<u32>>> {
        match self {
            Report::Buyers(people) => Some(people),
            _ => None,
        }
    }

    /// The monthly sales, if this is a sales report.
    pub fn sales(&self) -> Option<&Arc<SalesReport>> {
        match self {
            Report::Sales(report) => Some(report),
            _ => None,
        }
    }

    /// The sales reports, if these are they.
    pub fn sales_reports(&self) -> Option<&Arc<SalesReports>> {
        match self {
            Report::SalesReports(reports) => Some(reports),
            _ => None,
        }
    }

    /// The service report, if it is one.
    pub fn service(&self) -> Option<&Arc<ServiceReport>> {
        match self {
            Report::Service(report) => Some(report),
            _ => None,
        }
    }

    /// The marketing report, if it is one.
    pub fn marketing(&self) -> Option<&Arc<MarketingReport>> {
        match self {
            Report::Marketing(report) => Some(report),
            _ => None,
        }
    }
}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Message {
    /// The worker's wasm is loaded and listening; requests sent before this would be lost.
    Ready,
    /// Request `id` is at `stage`, `done` of `total` steps through it.
    Progress {
        /// Request id.
        id: u32,
        /// What it is doing (an engine stage name).
        stage: String,
        /// Steps done (records written, customers scored, ...).
        done: usize,
        /// Steps in the stage.
        total: usize,
    },
    /// Request `id` finished.
    Done {
        /// Request id.
        id: u32,
        /// The result.
        report: Box<Report>,
        /// Order lines analysed.
        lines: usize,
    },
    /// Request `id` stopped when asked; nothing it would have written was written.
    Cancelled {
        /// Request id.
        id: u32,
    },
    /// Chart `id` is drawn: posted as `[this, ImageBitmap]`, with its marks' pixel boxes here.
    Drawn {
        /// Request id.
        id: u32,
        /// Hit areas of the marks, in device pixels, as
        /// [`flatten_hits`](hearth_charts::flatten_hits) writes them.
        hits: Vec<i32>,
    },
    /// Request `id` failed; `error` says why in words a user can act on.
    Failed {
        /// Request id.
        id: u32,
        /// What went wrong.
        error: String,
    },
}
