//! Imports as records: each import has an id and an entry in the history (what it read and did,
//! how it ended), and each batch it wrote keeps what reverting it needs (the ids it created, the
//! copies before it of the records it changed, the revisions it left them at).

use crate::model::{EntityKind, TrashedRecord};
use crate::validate::{FieldError, Validate};
use crate::{ImportBatchId, ImportId, Uid};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What an import's rows did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCounts {
    /// Rows read (the header not counted).
    pub rows: u64,
    /// Records the rows create (a row is a record, or one line of an order).
    pub created: u64,
    /// Stored records the rows change.
    pub updated: u64,
    /// Stored records the rows match exactly.
    pub unchanged: u64,
    /// Records whose rows have problems (none of their rows is written).
    pub invalid: u64,
    /// Referenced records the rows create (companies named by people, an order's customers).
    pub references_created: u64,
}

/// How an import stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// Writing; an import left in this state by a closed tab kept the batches it wrote.
    Running,
    /// Every row was read and every valid row written.
    Done,
    /// Stopped by the user; the batches written before are kept.
    Cancelled,
    /// Stopped by an error (storage full, a record changed meanwhile); earlier batches are kept.
    Failed {
        /// What went wrong.
        error: String,
    },
    /// Undone: what it created is in the trash, what it changed is back as it was.
    Reverted {
        /// When.
        #[serde(with = "chrono::serde::ts_milliseconds")]
        at: DateTime<Utc>,
        /// Records left as they were because they changed after the import.
        skipped: u64,
    },
}

/// One import in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportRecord {
    /// Its id.
    pub id: ImportId,
    /// Counted up by every write (check-and-set).
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id.
    #[serde(default)]
    pub uid: Uid,
    /// What the file held.
    pub entity: EntityKind,
    /// The file's name.
    pub file_name: String,
    /// The file's size in bytes.
    pub bytes: u64,
    /// When it started.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub started_at: DateTime<Utc>,
    /// When it ended (`None` while running, or when a closed tab stopped it).
    #[serde(default, with = "chrono::serde::ts_milliseconds_option")]
    pub finished_at: Option<DateTime<Utc>>,
    /// What the rows written so far did.
    pub counts: ImportCounts,
    /// How it stands.
    pub status: ImportStatus,
}

/// What reverting one written batch of an import needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportBatch {
    /// Its id.
    pub id: ImportBatchId,
    /// Counted up by every write.
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id.
    #[serde(default)]
    pub uid: Uid,
    /// The import it belongs to.
    pub import: ImportId,
    /// Ids of the records (of the import's entity) it created.
    pub created: Vec<u32>,
    /// Ids of the companies it created because its rows named them.
    pub created_companies: Vec<u32>,
    /// Ids of the people it created because its rows named them (an order's customers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub created_people: Vec<u32>,
    /// Ids of the products it created because its rows named them (an order's lines).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub created_products: Vec<u32>,
    /// The records it changed, as they were before the import first changed them.
    pub previous: Vec<TrashedRecord>,
    /// Every record it wrote (companies too) with the revision it left it at: a record whose
    /// stored revision moved on since was changed by someone else, and a revert leaves it.
    pub written: Vec<(EntityKind, u32, u64)>,
}

impl Validate for ImportRecord {
    /// Written only by the import job, from values it computed.
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl Validate for ImportBatch {
    /// Holds records exactly as they were stored; they are validated again when put back.
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}
