//! The only module that talks to IndexedDB: opening and migrating the workspace database, and typed
//! reads and writes of domain records, each operation in exactly one transaction.
//!
//! Records are written as plain JS objects (serde-wasm-bindgen, JSON-compatible) so indexes can see
//! their fields. A failed request aborts its transaction, so an operation either lands whole or not at all.

pub mod backup;
mod changes;
pub mod durability;
mod facts;
pub use facts::MAX_CORRECTED_ORDERS;
mod imports;
mod pages;
mod queries;
pub mod schema;

pub use changes::{ChangeSet, MovedRecords};
pub use imports::{Importable, NamedRecords, Reverted};
pub use queries::{PartyNames, PersonLinked, Subject, TimelineRecords, TIMELINE_STORES};
pub use touched::Touched;

mod touched;
mod uids;

use hearth_domain::demo::DemoWorkspace;
use hearth_domain::imports::{ImportBatch, ImportRecord};
use hearth_domain::*;
use idb::{
    CursorDirection, Database, DatabaseEvent, Event, Factory, IndexParams, KeyPath,
    ObjectStoreParams, Query, Request, TransactionMode,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

pub use schema::{IndexDef, StoreName, SCHEMA_VERSION};

/// Every database name starts with the app's own prefix: GitHub Pages serves all of a user's projects
/// from one origin, which they share IndexedDB with.
pub const DATABASE_PREFIX: &str = "hearth-crm.";

/// The database the app itself uses.
pub const WORKSPACE_DATABASE: &str = "hearth-crm.workspace";

/// What can go wrong in storage, in terms a user can act on.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    /// The background worker that wrote for the page failed; its message says why.
    #[error("{0}")]
    Worker(String),
    /// The operation was cancelled before it finished; nothing was written.
    #[error("cancelled: nothing was written")]
    Cancelled,
    /// The workspace has not finished opening.
    #[error("storage is not open")]
    NotOpen,
    /// The browser offers no IndexedDB (some private modes) or refused to open it.
    #[error("this browser offers no IndexedDB storage: {0}")]
    Unavailable(String),
    /// A record failed validation; nothing was written.
    #[error("{store} record {id} is invalid: {}", display_list(.errors))]
    Invalid {
        /// Store of the record.
        store: &'static str,
        /// Id of the record (0 for a new one).
        id: u32,
        /// Every invalid field.
        errors: Vec<FieldError>,
    },
    /// The record changed since it was read (in another tab, or by another action): the write was
    /// made from a stale copy and nothing was written.
    #[error("{store} record {id} was changed elsewhere since it was read")]
    Conflict {
        /// Store written to.
        store: &'static str,
        /// Id of the record.
        id: u32,
    },
    /// A unique index already holds the value; nothing was written.
    #[error("{store}: another record already has this value ({detail})")]
    Constraint {
        /// Store written to.
        store: &'static str,
        /// The browser's message.
        detail: String,
    },
    /// The browser's storage quota is used up; nothing was written.
    #[error("storage is full. {0}")]
    QuotaExceeded(String),
    /// A stored value does not match the record type.
    #[error("{store}: stored data cannot be read or written: {detail}")]
    Serialization {
        /// Store read from or written to.
        store: &'static str,
        /// What serde said.
        detail: String,
    },
    /// The transaction was aborted, by the browser or by an earlier failure in it.
    #[error("the change was rolled back: {0}")]
    Aborted(String),
    /// Any other browser error.
    #[error("IndexedDB failed: {0}")]
    Browser(String),
}

fn display_list(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl StoreError {
    fn from_idb(store: &'static str, error: idb::Error) -> StoreError {
        match error {
            idb::Error::DomException(exception) => StoreError::from_exception(store, &exception),
            other => StoreError::Browser(format!("{store}: {other}")),
        }
    }

    fn from_exception(store: &'static str, exception: &web_sys::DomException) -> StoreError {
        let detail = exception.message();
        match exception.name().as_str() {
            "ConstraintError" => StoreError::Constraint { store, detail },
            "QuotaExceededError" => StoreError::QuotaExceeded(detail),
            // Chromium's word for a full disk (before its quota is reached): the detail is a file
            // path of the profile, of no use to the user.
            "UnknownError" if detail.contains("NO_SPACE") => {
                StoreError::QuotaExceeded(String::new())
            }
            "AbortError" => StoreError::Aborted(detail),
            name => StoreError::Browser(format!("{store}: {name}: {detail}")),
        }
    }
}

/// Which index keys a lookup wants.
#[derive(Debug, Clone)]
pub enum KeyRange {
    /// Exactly this key.
    Only(JsValue),
    /// This key or any greater one.
    AtLeast(JsValue),
}

impl KeyRange {
    fn into_query(self, store: &'static str) -> StoreResult<Query> {
        match self {
            KeyRange::Only(key) => Ok(Query::Key(key)),
            KeyRange::AtLeast(lower) => idb::KeyRange::lower_bound(&lower, Some(false))
                .map(Query::KeyRange)
                .map_err(|e| StoreError::from_idb(store, e)),
        }
    }
}

/// Result of a storage operation.
pub type StoreResult<T> = Result<T, StoreError>;

/// A domain type that lives in one object store under a numeric id, with a revision that every
/// write counts up (see [`ChangeSet::put`]).
pub trait Record: Serialize + DeserializeOwned + Validate + Revised {
    /// The store that holds it.
    const STORE: StoreName;
    /// Its key.
    fn key(&self) -> u32;
    /// Sets its key after the database assigned one.
    fn set_key(&mut self, key: u32);
    /// Its globally unique id (empty before its first write).
    fn uid(&self) -> &Uid;
    /// Sets its globally unique id (the store does, on the first write).
    fn set_uid(&mut self, uid: Uid);
    /// Whether it is a tombstone (a deleted person or company): reads skip those.
    fn is_tombstone(&self) -> bool {
        false
    }
    /// A page of these records (see `pages`) decoded from its stored text, `None` when it does
    /// not decode whole. Only the paged kinds implement it: each kind's text decoder costs the
    /// page's wasm kilobytes.
    fn decode_page(_text: &str) -> Option<Vec<Self>>
    where
        Self: Sized,
    {
        None
    }
}

macro_rules! record {
    ($($type:ty => $store:ident, $id:ident $(, $tombstone:ident)? $(+ $decode_page:ident)?;)+) => {$(
        impl Record for $type {
            $(
                fn $tombstone(&self) -> bool {
                    self.deleted_at.is_some()
                }
            )?
            $(
                fn $decode_page(text: &str) -> Option<Vec<Self>> {
                    serde_json::from_str(text).ok()
                }
            )?
            const STORE: StoreName = StoreName::$store;
            fn key(&self) -> u32 {
                self.id.0
            }
            fn set_key(&mut self, key: u32) {
                self.id = $id(key);
            }
            fn uid(&self) -> &Uid {
                &self.uid
            }
            fn set_uid(&mut self, uid: Uid) {
                self.uid = uid;
            }
        }
    )+};
}

record! {
    Person => People, PersonId, is_tombstone + decode_page;
    Company => Companies, CompanyId, is_tombstone;
    Product => Products, ProductId, is_tombstone;
    Order => Orders, OrderId, is_tombstone + decode_page;
    Pipeline => Pipelines, PipelineId;
    Deal => Deals, DealId, is_tombstone;
    Activity => Activities, ActivityId;
    Task => Tasks, TaskId;
    Ticket => Tickets, TicketId, is_tombstone + decode_page;
    Campaign => Campaigns, CampaignId, is_tombstone;
    CustomFieldDef => CustomFields, CustomFieldId;
    SavedView => SavedViews, SavedViewId;
    TrashEntry => Trash, TrashId;
    ImportRecord => Imports, ImportId;
    ImportBatch => ImportBatches, ImportBatchId;
}

/// How the current workspace came to be; stored in `meta` under [`WorkspaceInfo::KEY`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "origin", rename_all = "snake_case")]
pub enum WorkspaceInfo {
    /// Generated demo data.
    Demo {
        /// Generator seed.
        seed: u64,
        /// The generator's end date.
        end_date: chrono::NaiveDate,
        /// How many people it generated (0 when written before this was recorded).
        #[serde(default)]
        people: usize,
    },
    /// Started empty by the user.
    Empty,
}

impl WorkspaceInfo {
    /// The `meta` key it is stored under.
    pub const KEY: &'static str = "workspace";
}

#[derive(Serialize, Deserialize)]
struct MetaEntry<T> {
    key: String,
    value: T,
}

/// Record counts of every record store, read in one transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordCounts(Vec<(StoreName, u32)>);

impl RecordCounts {
    /// The count of one store (0 if it was not counted).
    pub fn get(&self, store: StoreName) -> u32 {
        self.0
            .iter()
            .find(|(name, _)| *name == store)
            .map_or(0, |(_, count)| *count)
    }

    /// Whether every record store is empty.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|(_, count)| *count == 0)
    }
}

/// A stored record that could not be read as its type (written by a broken release, or edited by
/// hand): skipped by every list read, and named here so the user can see what is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordProblem {
    /// The store it is in.
    pub store: &'static str,
    /// Its key, if it has a numeric one.
    pub id: Option<u32>,
    /// What serde said.
    pub detail: String,
}

/// How sure a commit is to survive a crash of the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// The browser's default: flushed to disk before the commit is reported.
    #[default]
    Default,
    /// Reported once the operating system has the data: an import's batches, which a power cut
    /// may lose whole (never half) and the history then shows as interrupted.
    Relaxed,
}

/// Called after every committed write with what it touched.
type CommitListener = Box<dyn Fn(&Touched)>;

/// An open workspace database.
pub struct Store {
    /// The schema version the database is at (older only in tests that build an old database).
    version: u32,
    database: Database,
    raw: web_sys::IdbDatabase,
    on_commit: std::cell::RefCell<Option<CommitListener>>,
    problems: std::cell::RefCell<Vec<RecordProblem>>,
}

fn to_js<T: Serialize>(store: &'static str, value: &T) -> StoreResult<JsValue> {
    let failed = |detail: String| StoreError::Serialization { store, detail };
    let text = serde_json::to_string(value).map_err(|error| failed(error.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|error| failed(format!("{error:?}")))
}

/// [`pages::write_snapshots`] in a read-write transaction of its own over `store`.
async fn write_snapshots(
    database: &web_sys::IdbDatabase,
    store: StoreName,
    snapshots: &[pages::Snapshot],
) -> StoreResult<()> {
    let name = store.as_str();
    let transaction = database
        .transaction_with_str_and_mode(name, web_sys::IdbTransactionMode::Readwrite)
        .map(idb::Transaction::from)
        .map_err(|e| StoreError::Browser(format!("{name}: {e:?}")))?;
    pages::write_snapshots(&transaction, store, snapshots).await
}

fn from_js<T: DeserializeOwned>(store: &'static str, value: JsValue) -> StoreResult<T> {
    let failed = |detail: String| StoreError::Serialization { store, detail };
    let text = js_sys::JSON::stringify(&value).map_err(|error| failed(format!("{error:?}")))?;
    serde_json::from_str(&String::from(text)).map_err(|error| failed(error.to_string()))
}

/// The numeric key of a stored record (its `id`), if it has one.
fn key_of(value: &JsValue) -> Option<u32> {
    js_sys::Reflect::get(value, &"id".into())
        .ok()
        .and_then(|id| id.as_f64())
        .map(|id| id as u32)
}

fn validated<R: Record>(record: &R) -> StoreResult<()> {
    record.validate().map_err(|errors| StoreError::Invalid {
        store: R::STORE.as_str(),
        id: record.key(),
        errors,
    })
}

/// Runs the schema steps between `old_version` (exclusive) and `new_version` (inclusive).
fn migrate(
    database: &Database,
    upgrade: &web_sys::IdbTransaction,
    old_version: u32,
    new_version: u32,
) -> Result<(), String> {
    let text = |error: idb::Error| error.to_string();
    let added = |since: u32| old_version < since && since <= new_version;
    {
        let new_stores = StoreName::RECORDS
            .into_iter()
            .chain([StoreName::Meta, StoreName::OrderFacts])
            .filter(|store| added(store.since()));
        for store in new_stores {
            if store.paged_at(new_version) {
                // Pages have keys of their own (`pages`), no key path, no key generator.
                database
                    .create_object_store(store.as_str(), ObjectStoreParams::new())
                    .map_err(text)?;
                continue;
            }
            let mut params = ObjectStoreParams::new();
            params.key_path(Some(KeyPath::new_single(store.key_path())));
            // Records get their ids from the database's key generator when created in the app;
            // explicit ids (demo, import) advance the generator past them.
            params.auto_increment(StoreName::RECORDS.contains(&store));
            database
                .create_object_store(store.as_str(), params)
                .map_err(text)?;
        }
    }
    // Stores that existed as one object per record and are paged from this upgrade on.
    let to_page: Vec<StoreName> = StoreName::RECORDS
        .into_iter()
        .filter(|store| {
            store.since() <= old_version
                && !store.paged_at(old_version)
                && store.paged_at(new_version)
        })
        .collect();
    // Records stored before version 5 get their uid and revision; stores created just now are
    // empty, and stores paged now get theirs as they move.
    if old_version > 0 && added(schema::RECORD_METADATA_SINCE) {
        let existing: Vec<&str> = StoreName::RECORDS
            .into_iter()
            .filter(|store| store.since() <= old_version && !to_page.contains(store))
            .map(StoreName::as_str)
            .collect();
        uids::add_metadata(upgrade, &existing).map_err(|error| format!("{error:?}"))?;
    }
    let upgrade = idb::Transaction::from(upgrade.clone());
    for index in schema::INDEXES.iter().filter(|index| {
        index.since <= old_version
            && index.until.is_some_and(added)
            && !to_page.contains(&index.store)
    }) {
        upgrade
            .object_store(index.store.as_str())
            .and_then(|object_store| object_store.delete_index(index.name))
            .map_err(text)?;
    }
    for index in schema::INDEXES
        .iter()
        .filter(|index| added(index.since) && index.exists_at(new_version))
    {
        let object_store = upgrade.object_store(index.store.as_str()).map_err(text)?;
        let key_path = match index.key_path {
            [single] => KeyPath::new_single(single),
            several => KeyPath::new_array(several.iter().copied()),
        };
        let mut params = IndexParams::new();
        params.unique(index.unique).multi_entry(index.multi_entry);
        object_store
            .create_index(index.name, key_path, Some(params))
            .map_err(text)?;
    }
    let upgrade: web_sys::IdbTransaction = upgrade.into();
    for store in to_page {
        pages::page_stored_records(&upgrade, store).map_err(|error| format!("{error:?}"))?;
    }
    Ok(())
}

impl Store {
    /// Opens (creating or migrating) the database `name` at the current schema version.
    pub async fn open(name: &str) -> StoreResult<Store> {
        Store::open_at_version(name, SCHEMA_VERSION).await
    }

    /// Opens `name` at an explicit schema `version`: older versions exist so tests can build a
    /// database as an earlier release left it.
    pub async fn open_at_version(name: &str, version: u32) -> StoreResult<Store> {
        Store::open_watched(name, version, || {}, || {}, || {}).await
    }

    /// Opens `name` at `version`, calling `on_blocked` while an older connection (another tab)
    /// holds the database open, `on_outdated` once a newer version's open (another tab
    /// running a newer build) closed this connection: it closes itself so that open can go on;
    /// and `on_lost` when the browser closed it (its disk filled up, or the site's data was
    /// cleared): a new connection is needed.
    pub async fn open_watched(
        name: &str,
        version: u32,
        on_blocked: impl FnOnce() + 'static,
        on_outdated: impl FnOnce() + 'static,
        on_lost: impl FnOnce() + 'static,
    ) -> StoreResult<Store> {
        debug_assert!(
            name.starts_with(DATABASE_PREFIX),
            "database names carry the app prefix"
        );
        let factory = Factory::new().map_err(|e| StoreError::Unavailable(e.to_string()))?;
        let mut request = factory
            .open(name, Some(version))
            .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        request.on_upgrade_needed(move |event| {
            let old_version = event.old_version().unwrap_or(0);
            let upgrade = event
                .target()
                .ok()
                .and_then(|request| request.transaction())
                .map(web_sys::IdbTransaction::from);
            let Some(upgrade) = upgrade else {
                web_sys::console::error_1(&"schema upgrade has no transaction".into());
                return;
            };
            let result = event
                .database()
                .map_err(|e| e.to_string())
                .and_then(|database| migrate(&database, &upgrade, old_version, version));
            if let Err(error) = result {
                // A half-done upgrade never commits: aborting it fails the open, and the database
                // stays at its old version with everything in it.
                web_sys::console::error_1(&format!("schema upgrade failed: {error}").into());
                let _ = upgrade.abort();
            }
        });
        request.on_blocked(move |_| on_blocked());
        let database = request.await.map_err(|e| StoreError::from_idb("open", e))?;
        // The raw connection too: bulk writes open transactions with options idb does not pass.
        let raw: web_sys::IdbDatabase = database.into();
        let mut database = idb::Database::try_from(JsValue::from(raw.clone()))
            .map_err(|e| StoreError::from_idb("open", e))?;
        // The `close` event fires only when the browser closes the connection, never on close().
        raw.set_onclose(Some(
            wasm_bindgen::closure::Closure::once_into_js(on_lost).unchecked_ref(),
        ));
        database.on_version_change(move |event| {
            if let Some(database) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::IdbDatabase>().ok())
            {
                database.close();
            }
            on_outdated();
        });
        Ok(Store {
            version: raw.version() as u32,
            database,
            raw,
            on_commit: Default::default(),
            problems: Default::default(),
        })
    }

    /// Deletes the database `name` and everything in it.
    pub async fn delete_database(name: &str) -> StoreResult<()> {
        let factory = Factory::new().map_err(|e| StoreError::Unavailable(e.to_string()))?;
        factory
            .delete(name)
            .map_err(|e| StoreError::from_idb("delete", e))?
            .await
            .map_err(|e| StoreError::from_idb("delete", e))
    }

    /// Closes the connection (after running transactions finish).
    pub fn close(self) {
        self.database.close();
    }

    /// The schema version the open database has.
    pub fn version(&self) -> StoreResult<u32> {
        self.database
            .version()
            .map_err(|e| StoreError::from_idb("version", e))
    }

    /// The index names of `store` as the database has them.
    pub fn index_names(&self, store: StoreName) -> StoreResult<Vec<String>> {
        let name = store.as_str();
        let transaction = self.transaction(&[store], TransactionMode::ReadOnly)?;
        let object_store = transaction
            .object_store(name)
            .map_err(|e| StoreError::from_idb(name, e))?;
        Ok(object_store.index_names())
    }

    fn transaction(
        &self,
        stores: &[StoreName],
        mode: TransactionMode,
    ) -> StoreResult<idb::Transaction> {
        self.transaction_with(stores, mode, Durability::Default)
    }

    /// A transaction over `stores`; see [`Durability`].
    fn transaction_with(
        &self,
        stores: &[StoreName],
        mode: TransactionMode,
        durability: Durability,
    ) -> StoreResult<idb::Transaction> {
        // Order facts mirror orders: a write to orders that does not rewrite the facts itself drops
        // them in the same transaction, so they are never stale (the next analysis rebuilds them).
        let drops_facts = mode == TransactionMode::ReadWrite
            && stores.contains(&StoreName::Orders)
            && !stores.contains(&StoreName::OrderFacts);
        let mut names: Vec<&str> = stores.iter().map(|store| store.as_str()).collect();
        if drops_facts {
            names.push(StoreName::OrderFacts.as_str());
        }
        let first = names.first().copied().unwrap_or("?");
        let transaction = match durability {
            Durability::Default => self
                .database
                .transaction(&names, mode)
                .map_err(|e| StoreError::from_idb(first, e))?,
            Durability::Relaxed => {
                let options = web_sys::IdbTransactionOptions::new();
                options.set_durability(web_sys::IdbTransactionDurability::Relaxed);
                let names: Vec<js_sys::JsString> = names
                    .iter()
                    .map(|name| js_sys::JsString::from(*name))
                    .collect();
                let mode = match mode {
                    TransactionMode::ReadOnly => web_sys::IdbTransactionMode::Readonly,
                    _ => web_sys::IdbTransactionMode::Readwrite,
                };
                self.raw
                    .transaction_with_str_sequence_and_mode_and_options(&names, mode, &options)
                    .map(idb::Transaction::from)
                    .map_err(|e| StoreError::Browser(format!("{first}: {e:?}")))?
            }
        };
        if drops_facts {
            let name = StoreName::OrderFacts.as_str();
            transaction
                .object_store(name)
                .and_then(|object_store| object_store.clear())
                .map_err(|e| StoreError::from_idb(name, e))?;
        }
        Ok(transaction)
    }

    /// A transaction over the store of `R` alone, and that object store.
    fn single<R: Record>(
        &self,
        mode: TransactionMode,
    ) -> StoreResult<(idb::Transaction, idb::ObjectStore)> {
        let name = R::STORE.as_str();
        let transaction = self.transaction(&[R::STORE], mode)?;
        let object_store = transaction
            .object_store(name)
            .map_err(|e| StoreError::from_idb(name, e))?;
        Ok((transaction, object_store))
    }

    /// Commits a read-write transaction after `outcome` succeeded, else rolls it back: the one way
    /// every write ends.
    async fn finish<T>(
        store: &'static str,
        transaction: idb::Transaction,
        outcome: StoreResult<T>,
    ) -> StoreResult<T> {
        match outcome {
            Ok(value) => Store::commit(store, transaction).await.map(|()| value),
            Err(error) => Err(Store::roll_back(store, transaction, error)),
        }
    }

    /// Waits for a read-write transaction to commit.
    async fn commit(store: &'static str, transaction: idb::Transaction) -> StoreResult<()> {
        // A handle kept to ask, after the await, why the transaction aborted.
        let raw: web_sys::IdbTransaction = transaction.into();
        let result = idb::Transaction::from(raw.clone())
            .commit()
            .map_err(|e| StoreError::from_idb(store, e))?
            .await
            .map_err(|e| StoreError::from_idb(store, e))?;
        if result.is_committed() {
            Ok(())
        } else {
            // The transaction's error says why it aborted: a full disk is "storage is full".
            Err(match raw.error() {
                Some(exception) => StoreError::from_exception(store, &exception),
                None => StoreError::Aborted(store.to_string()),
            })
        }
    }

    /// Rolls back `transaction` after `error` and returns what caused the failure: when the error is
    /// only the abort, the transaction's own error names the request that failed first.
    fn roll_back(
        store: &'static str,
        transaction: idb::Transaction,
        error: StoreError,
    ) -> StoreError {
        let cause = transaction.error();
        // The browser may already be aborting it after a failed request; a second abort is harmless.
        let _ = transaction.abort();
        match (error, cause) {
            (StoreError::Aborted(_), Some(exception)) => {
                StoreError::from_exception(store, &exception)
            }
            (error, _) => error,
        }
    }

    /// Calls `listener` after every write this connection commits, with the stores and ids it
    /// touched: how the app's caches and other tabs hear of changes, whichever page wrote.
    pub fn on_commit(&self, listener: impl Fn(&Touched) + 'static) {
        *self.on_commit.borrow_mut() = Some(Box::new(listener));
    }

    /// The stored records that reads skipped because they could not be decoded, each once.
    pub fn problems(&self) -> Vec<RecordProblem> {
        self.problems.borrow().clone()
    }

    /// Decodes `values` as records of `R`, skipping tombstones, and skipping (and remembering) any
    /// that do not decode: one broken record never fails a whole list, the palette or an analysis.
    fn decode_all<R: Record>(&self, values: impl IntoIterator<Item = JsValue>) -> Vec<R> {
        let name = R::STORE.as_str();
        values
            .into_iter()
            .filter_map(|value| {
                let id = key_of(&value);
                match from_js::<R>(name, value) {
                    Ok(record) => (!record.is_tombstone()).then_some(record),
                    Err(error) => {
                        self.note_problem(name, id, error);
                        None
                    }
                }
            })
            .collect()
    }

    fn note_problem(&self, store: &'static str, id: Option<u32>, error: StoreError) {
        let problem = RecordProblem {
            store,
            id,
            detail: error.to_string(),
        };
        let mut problems = self.problems.borrow_mut();
        if !problems
            .iter()
            .any(|known| known.store == store && known.id == id)
        {
            problems.push(problem);
        }
    }

    /// Whether this database keeps `store`'s records in pages (see `pages`).
    fn is_paged(&self, store: StoreName) -> bool {
        store.paged_at(self.version)
    }

    /// Tells the commit listener about a committed write.
    fn committed(&self, touched: &Touched) {
        if let Some(listener) = self.on_commit.borrow().as_ref() {
            listener(touched);
        }
    }

    /// Writes one record under its id after validating it, if the stored copy still has its
    /// revision ([`StoreError::Conflict`] if not); returns it as stored, one revision up.
    pub async fn put<R: Record + Clone>(&self, record: &R) -> StoreResult<R> {
        let mut stored = self.put_all(std::slice::from_ref(record)).await?;
        stored
            .pop()
            .ok_or(StoreError::Aborted(R::STORE.as_str().into()))
    }

    /// Writes several records of one kind in one transaction, each checked and set as
    /// [`Store::put`]: all of them or, on any failure, none. Returns them as stored.
    pub async fn put_all<R: Record + Clone>(&self, records: &[R]) -> StoreResult<Vec<R>> {
        let mut changes = ChangeSet::default();
        for record in records {
            changes.put(record)?;
        }
        let written = changes.put_values();
        self.apply(changes).await?;
        Ok(records
            .iter()
            .zip(written)
            .map(|(record, value)| {
                let mut stored = record.clone();
                stored.set_revision(record.revision() + 1);
                if let Some(uid) = uids::uid_of(&value) {
                    stored.set_uid(Uid(uid));
                }
                stored
            })
            .collect())
    }

    /// Adds a new record, letting the database choose its id; returns the record with that id,
    /// at revision 1.
    pub async fn insert<R: Record>(&self, mut record: R) -> StoreResult<R> {
        let name = R::STORE.as_str();
        validated(&record)?;
        record.set_revision(1);
        if record.uid().is_empty() {
            record.set_uid(uids::new_uid());
        }
        if self.is_paged(R::STORE) {
            let mut changes = ChangeSet::default();
            changes.add(&record)?;
            let applied = self.apply_changes(changes).await?;
            let key = applied.added.first().copied();
            record.set_key(key.ok_or(StoreError::Aborted(name.into()))?);
            return Ok(record);
        }
        let value = to_js(name, &record)?;
        // Without a key the store's key generator assigns the next id and writes it into the object.
        js_sys::Reflect::delete_property(&value.clone().into(), &"id".into())
            .map_err(|e| StoreError::Browser(format!("{e:?}")))?;
        let idb_error = move |e| StoreError::from_idb(name, e);
        let (transaction, object_store) = self.single::<R>(TransactionMode::ReadWrite)?;
        let added = async {
            object_store
                .add(&value, None)
                .map_err(idb_error)?
                .await
                .map_err(idb_error)
        }
        .await;
        let key = Store::finish(name, transaction, added).await?;
        let key = key
            .as_f64()
            .ok_or_else(|| StoreError::Browser(format!("{name}: non-numeric key")))?;
        record.set_key(key as u32);
        self.committed(&Touched::one(R::STORE, record.key()));
        Ok(record)
    }

    /// Reads one record by id.
    pub async fn get<R: Record>(&self, id: u32) -> StoreResult<Option<R>> {
        let values = self.stored_values(R::STORE, &[id]).await?;
        let record: Option<R> = values
            .into_iter()
            .next()
            .map(|value| from_js(R::STORE.as_str(), value))
            .transpose()?;
        Ok(record.filter(|record| !record.is_tombstone()))
    }

    /// The records of `R` that `ids` name (each read once, however often it is named) and that
    /// exist, in id order: the records a list's rows refer to.
    pub async fn get_named<R: Record>(
        &self,
        ids: impl IntoIterator<Item = u32>,
    ) -> StoreResult<Vec<R>> {
        let mut ids: Vec<u32> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        self.get_many(&ids).await
    }

    /// The records of `R` with these ids that exist, read in one transaction.
    pub async fn get_many<R: Record>(&self, ids: &[u32]) -> StoreResult<Vec<R>> {
        // Many records of a paged kind: their pages decoded in Rust, as `all` does, instead of
        // a JavaScript object made and read per record (a ticket list names 40,000 people).
        if self.is_paged(R::STORE) && ids.len() > pages::PAGE_RECORDS as usize {
            return self.get_many_paged(ids).await;
        }
        let values = self.stored_values(R::STORE, ids).await?;
        Ok(self.decode_all(values))
    }

    /// [`Store::get_many`] of many records of a paged store: the pages holding them, each
    /// decoded whole (record by record if it does not decode whole), the records asked for kept,
    /// in id order.
    async fn get_many_paged<R: Record>(&self, ids: &[u32]) -> StoreResult<Vec<R>> {
        let wanted: std::collections::HashSet<u32> = ids.iter().copied().collect();
        let mut records = Vec::with_capacity(ids.len());
        self.pages_holding(R::STORE, ids, |text| {
            match R::decode_page(text) {
                Some(page) => {
                    records.extend(page.into_iter().filter(|r| wanted.contains(&r.key())))
                }
                None => records.extend(self.decode_records_of_page::<R>(text, &wanted)?),
            }
            Ok(())
        })
        .await?;
        Ok(records)
    }

    /// The names of the people `ids` that are stored (deleted ones too), by id. Many people are
    /// read by their pages with only their names decoded: a list of 50,000 tickets names 40,000.
    pub async fn person_names(
        &self,
        ids: impl IntoIterator<Item = u32>,
    ) -> StoreResult<std::collections::HashMap<u32, String>> {
        let mut ids: Vec<u32> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        if !self.is_paged(StoreName::People) || ids.len() <= pages::PAGE_RECORDS as usize {
            let people: Vec<Person> = self.get_many(&ids).await?;
            return Ok(people
                .into_iter()
                .map(|person| (person.id.0, person.display_name()))
                .collect());
        }
        let wanted: std::collections::HashSet<u32> = ids.iter().copied().collect();
        let mut names = std::collections::HashMap::with_capacity(ids.len());
        self.pages_holding(StoreName::People, &ids, |text| {
            match serde_json::from_str::<Vec<PersonName>>(text) {
                Ok(page) => names.extend(
                    page.into_iter()
                        .filter(|p| wanted.contains(&p.id.0))
                        .map(|p| (p.id.0, p.display_name())),
                ),
                Err(_) => names.extend(
                    self.decode_records_of_page::<Person>(text, &wanted)?
                        .into_iter()
                        .map(|p| (p.id.0, p.display_name())),
                ),
            }
            Ok(())
        })
        .await?;
        Ok(names)
    }

    /// Reads the pages of `store` holding the records `ids`, a few a request as `all` reads them
    /// (each answer lets the page paint, so no decoding holds it long; the next pages are read
    /// while these are decoded), and hands each page's text to `each`.
    async fn pages_holding(
        &self,
        store: StoreName,
        ids: &[u32],
        mut each: impl FnMut(&str) -> StoreResult<()>,
    ) -> StoreResult<()> {
        let numbers: Vec<u32> = ids
            .iter()
            .map(|&id| pages::page_of(id))
            .collect::<std::collections::BTreeSet<u32>>()
            .into_iter()
            .collect();
        let request = |chunk: &[u32]| {
            let transaction = self.transaction(&[store], TransactionMode::ReadOnly)?;
            pages::request_texts_of_pages(&transaction, store, chunk)
        };
        let mut chunks = numbers.chunks(pages::PAGES_PER_READ as usize);
        let mut reading = chunks.next().map(request).transpose()?;
        while let Some(read) = reading.take() {
            let texts = read.await?;
            // The next pages are read while these are decoded.
            reading = chunks.next().map(request).transpose()?;
            for text in texts {
                each(&text)?;
            }
        }
        Ok(())
    }

    /// The records `wanted` of a page that does not decode whole, each decoded on its own (a
    /// broken one skipped and named, as `decode_all` does).
    fn decode_records_of_page<R: Record>(
        &self,
        text: &str,
        wanted: &std::collections::HashSet<u32>,
    ) -> StoreResult<Vec<R>> {
        let values: Vec<JsValue> = pages::page_records(R::STORE, text)?
            .into_iter()
            .filter(|value| key_of(value).is_some_and(|id| wanted.contains(&id)))
            .collect();
        Ok(self.decode_all::<R>(values))
    }

    /// The stored values (tombstones included) of `store` with these ids, in one transaction.
    /// Not generic, as every raw read here: each record type then costs only its decoding.
    async fn stored_values(&self, store: StoreName, ids: &[u32]) -> StoreResult<Vec<JsValue>> {
        let name = store.as_str();
        let idb_error = move |e| StoreError::from_idb(name, e);
        let transaction = self.transaction(&[store], TransactionMode::ReadOnly)?;
        if self.is_paged(store) {
            return pages::records(&transaction, store, ids).await;
        }
        let object_store = transaction.object_store(name).map_err(idb_error)?;
        // Each request listens from the start: an answer that arrives before its turn to be
        // awaited is kept.
        let requests = ids
            .iter()
            .map(|&id| {
                object_store
                    .get(Query::Key(JsValue::from(id)))
                    .map(std::future::IntoFuture::into_future)
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(idb_error)?;
        let mut values = Vec::with_capacity(ids.len());
        for request in requests {
            values.extend(request.await.map_err(idb_error)?);
        }
        Ok(values)
    }

    /// Deletes one record by id (nothing happens if it does not exist): for settings-like records
    /// (saved views, custom field definitions); people and companies go to the trash instead.
    pub async fn delete<R: Record>(&self, id: u32) -> StoreResult<()> {
        if self.is_paged(R::STORE) {
            let mut changes = ChangeSet::default();
            changes.delete_any(R::STORE, id);
            return self.apply(changes).await.map(drop);
        }
        let name = R::STORE.as_str();
        let idb_error = move |e| StoreError::from_idb(name, e);
        let (transaction, object_store) = self.single::<R>(TransactionMode::ReadWrite)?;
        let deleted = async {
            object_store
                .delete(Query::Key(JsValue::from(id)))
                .map_err(idb_error)?
                .await
                .map_err(idb_error)
        }
        .await;
        Store::finish(name, transaction, deleted).await?;
        self.committed(&Touched::one(R::STORE, id));
        Ok(())
    }

    /// Every record of `R` whose index `index_name` (see [`schema::INDEXES`]) has a key in `range`,
    /// in index order.
    pub async fn find_by_index<R: Record>(
        &self,
        index_name: &str,
        range: KeyRange,
    ) -> StoreResult<Vec<R>> {
        let values = self.index_values(R::STORE, index_name, range).await?;
        Ok(self.decode_all(values))
    }

    /// The stored values [`Store::find_by_index`] decodes. A paged store answers its references'
    /// indexes from the page summaries (one key at a time) and `by_deleted` (the tombstones,
    /// whatever the range).
    pub(super) async fn index_values(
        &self,
        store: StoreName,
        index_name: &str,
        range: KeyRange,
    ) -> StoreResult<Vec<JsValue>> {
        let name = store.as_str();
        let idb_error = move |e| StoreError::from_idb(name, e);
        let transaction = self.transaction(&[store], TransactionMode::ReadOnly)?;
        if !self.is_paged(store) {
            return transaction
                .object_store(name)
                .and_then(|object_store| object_store.index(index_name))
                .map_err(idb_error)?
                .get_all(Some(range.into_query(name)?), None)
                .map_err(idb_error)?
                .await
                .map_err(idb_error);
        }
        if index_name != "by_deleted" {
            let reference = store
                .references()
                .iter()
                .find(|reference| reference.index() == index_name);
            let (Some(reference), KeyRange::Only(key)) = (reference, range) else {
                return Err(StoreError::Browser(format!(
                    "{name}: no index {index_name}"
                )));
            };
            let key = key.as_f64().map_or(0, |key| key as u32);
            return pages::referring(&transaction, store, *reference, &[key]).await;
        }
        let summaries = pages::summaries(&transaction, store).await?;
        let tombstones: Vec<u32> = summaries
            .iter()
            .flat_map(|summary| {
                let ids = summary.ids.iter().zip(&summary.deleted);
                ids.filter(|(_, deleted)| **deleted).map(|(id, _)| *id)
            })
            .collect();
        pages::records(&transaction, store, &tombstones).await
    }

    /// Every record of `R`, by id (lists filter and sort them in memory). Read in chunks of
    /// [`READ_CHUNK`] records (or pages of them), each its own request and transaction, so that
    /// turning a large store into records never holds the page for more than a moment; a write
    /// between chunks is seen by the chunks after it.
    pub async fn all<R: Record>(&self) -> StoreResult<Vec<R>> {
        if self.is_paged(R::STORE) {
            return self.all_paged().await;
        }
        let mut records: Vec<R> = Vec::new();
        let mut from = Some(0);
        while let Some(start) = from {
            let (values, next) = self.values_from(R::STORE, start).await?;
            records.extend(self.decode_all::<R>(values));
            from = next;
        }
        Ok(records)
    }

    /// [`Store::all`] of a paged store: each page's text decoded straight into records, about
    /// four times faster than making JavaScript objects of it and reading those. A page that does
    /// not decode whole is read record by record, so only its broken records are skipped and
    /// named.
    async fn all_paged<R: Record>(&self) -> StoreResult<Vec<R>> {
        if let Some(layout) = R::STORE.snapshot_layout(self.version) {
            let (records, snapshots) = self.read_with_snapshots::<R>(layout, true).await?;
            if !snapshots.is_empty() {
                // Written after the read, not awaited by it: a lost race or a full disk leaves
                // the pages stale, and the next read writes them.
                let database = self.raw.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = write_snapshots(&database, R::STORE, &snapshots).await;
                });
            }
            return Ok(records);
        }
        let request = |start| {
            let transaction = self.transaction(&[R::STORE], TransactionMode::ReadOnly)?;
            pages::request_page_texts(&transaction, R::STORE, start)
        };
        let mut records: Vec<R> = Vec::new();
        let mut reading = Some(request(0)?);
        while let Some(read) = reading.take() {
            let (texts, next) = read.await?;
            // The next pages are read while these are decoded.
            reading = next.map(request).transpose()?;
            for text in texts {
                let (page, _) = self.decode_page_text::<R>(&text)?;
                records.extend(page.into_iter().filter(|r| !r.is_tombstone()));
            }
        }
        Ok(records)
    }

    /// The records of a page's stored text, and whether it decoded whole: one that does not is
    /// read record by record, so only its broken records are skipped and named (and, as
    /// `decode_all` reads, its tombstones too).
    fn decode_page_text<R: Record>(&self, text: &str) -> StoreResult<(Vec<R>, bool)> {
        match R::decode_page(text) {
            Some(records) => Ok((records, true)),
            None => {
                let values = pages::page_records(R::STORE, text)?;
                Ok((self.decode_all::<R>(values), false))
            }
        }
    }

    /// Writes the list snapshot of every page of `R` without a current one (after a bulk write,
    /// so that the next full read is as fast as ever). Nothing for a kind without snapshots.
    pub async fn refresh_snapshots<R: Record>(&self) -> StoreResult<()> {
        let Some(layout) = R::STORE.snapshot_layout(self.version) else {
            return Ok(());
        };
        let (_, snapshots) = self.read_with_snapshots::<R>(layout, false).await?;
        write_snapshots(&self.raw, R::STORE, &snapshots).await
    }

    /// The live records of a store keeping list snapshots, read in one transaction: each page's
    /// snapshot in `layout` decoded (postcard: a third of the page's JSON, about 1.5× faster), when
    /// `decode_kept`; a page without one, or whose snapshot does not decode, read as text and
    /// decoded. Also the snapshots of the pages read as text that decoded whole, to store.
    async fn read_with_snapshots<R: Record>(
        &self,
        layout: u32,
        decode_kept: bool,
    ) -> StoreResult<(Vec<R>, Vec<pages::Snapshot>)> {
        let transaction = self.transaction(&[R::STORE], TransactionMode::ReadOnly)?;
        let kept = pages::request_snapshots(&transaction, R::STORE, layout)?.await?;
        let mut decoded: std::collections::BTreeMap<u32, Vec<R>> = Default::default();
        let mut stale: Vec<(u32, JsValue)> = Vec::new();
        for (number, kept) in kept {
            match kept {
                pages::Kept::Snapshot(_) if !decode_kept => {}
                pages::Kept::Snapshot(bytes) => match postcard::from_bytes::<Vec<R>>(&bytes) {
                    Ok(records) => {
                        decoded.insert(number, records);
                    }
                    // A slot holding a snapshot may be written over (see `write_snapshots`).
                    Err(_) => stale.push((number, JsValue::NULL)),
                },
                pages::Kept::Stale(read_with) => stale.push((number, read_with)),
            }
        }
        let mut snapshots = Vec::new();
        if !stale.is_empty() {
            let numbers: Vec<u32> = stale.iter().map(|(number, _)| *number).collect();
            let texts = pages::request_texts_of_pages(&transaction, R::STORE, &numbers)?.await?;
            for ((number, read_with), text) in stale.into_iter().zip(texts) {
                let (records, whole) = self.decode_page_text::<R>(&text)?;
                // A page with broken records keeps being read as text, so they stay named.
                if whole {
                    let bytes = layout.to_le_bytes().to_vec();
                    if let Ok(encoded) = postcard::to_extend(&records, bytes) {
                        snapshots.push((number, read_with, encoded));
                    }
                }
                decoded.insert(number, records);
            }
        }
        // Sized once: 100,000 records moved on every doubling cost a tenth of the read.
        let mut records = Vec::with_capacity(decoded.values().map(Vec::len).sum());
        for page in decoded.into_values() {
            records.extend(page.into_iter().filter(|record| !record.is_tombstone()));
        }
        Ok((records, snapshots))
    }

    /// A chunk of `store`'s stored values from id `start` on (a paged store's from page `start`),
    /// and where the next chunk starts (`None` at the end).
    async fn values_from(
        &self,
        store: StoreName,
        start: u32,
    ) -> StoreResult<(Vec<JsValue>, Option<u32>)> {
        let transaction = self.transaction(&[store], TransactionMode::ReadOnly)?;
        self.values_in(&transaction, store, start).await
    }

    /// [`Store::values_from`] in `transaction`.
    pub(super) async fn values_in(
        &self,
        transaction: &idb::Transaction,
        store: StoreName,
        start: u32,
    ) -> StoreResult<(Vec<JsValue>, Option<u32>)> {
        let name = store.as_str();
        let idb_error = move |e| StoreError::from_idb(name, e);
        if self.is_paged(store) {
            return pages::read_pages(transaction, store, start).await;
        }
        let object_store = transaction.object_store(name).map_err(idb_error)?;
        let after = start.checked_sub(1);
        let values = read_chunk(&object_store, after).await.map_err(idb_error)?;
        let full = values.len() == READ_CHUNK as usize;
        // The next chunk starts after the last stored key, decodable or not.
        let next = values
            .last()
            .and_then(key_of)
            .map(|id| id.saturating_add(1));
        Ok((values, next.filter(|_| full)))
    }

    /// Up to `limit` records of `R` with the highest ids (the newest), newest first.
    pub async fn newest<R: Record>(&self, limit: usize) -> StoreResult<Vec<R>> {
        let values = self.newest_values(R::STORE, limit).await?;
        let mut records: Vec<R> = self.decode_all(values);
        records.truncate(limit);
        Ok(records)
    }

    /// The stored values of `store` from the highest id down, until `limit` live ones.
    async fn newest_values(&self, store: StoreName, limit: usize) -> StoreResult<Vec<JsValue>> {
        let name = store.as_str();
        let idb_error = move |e| StoreError::from_idb(name, e);
        let transaction = self.transaction(&[store], TransactionMode::ReadOnly)?;
        let mut values = Vec::new();
        let mut live = 0;
        let mut enough = |value: JsValue| {
            live += usize::from(!pages::is_tombstone(&value));
            values.push(value);
            live >= limit
        };
        if self.is_paged(store) {
            pages::newest(&transaction, store, &mut enough).await?;
            return Ok(values);
        }
        let cursor = transaction
            .object_store(name)
            .map_err(idb_error)?
            .open_cursor(None, Some(CursorDirection::Prev))
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        let Some(cursor) = cursor else {
            return Ok(values);
        };
        let mut cursor = cursor.into_managed();
        while let Some(value) = cursor.value().map_err(idb_error)? {
            if enough(value) {
                break;
            }
            cursor.next(None).await.map_err(idb_error)?;
        }
        Ok(values)
    }

    /// Counts the records of every record store in one read transaction.
    /// Tombstones (deleted people and companies) are not counted: their `by_deleted` index holds
    /// exactly them.
    pub async fn counts(&self) -> StoreResult<RecordCounts> {
        let transaction = self.transaction(&StoreName::RECORDS, TransactionMode::ReadOnly)?;
        let mut counts = Vec::with_capacity(StoreName::RECORDS.len());
        for store in StoreName::RECORDS {
            let name = store.as_str();
            let idb_error = move |e| StoreError::from_idb(name, e);
            if self.is_paged(store) {
                let summaries = pages::summaries(&transaction, store).await?;
                counts.push((store, summaries.iter().map(|summary| summary.live).sum()));
                continue;
            }
            let object_store = transaction.object_store(name).map_err(idb_error)?;
            let mut count = object_store
                .count(None)
                .map_err(idb_error)?
                .await
                .map_err(idb_error)?;
            if store.keeps_tombstones() {
                let tombstones = object_store
                    .index("by_deleted")
                    .and_then(|index| index.count(None))
                    .map_err(idb_error)?
                    .await
                    .map_err(idb_error)?;
                count = count.saturating_sub(tombstones);
            }
            counts.push((store, count));
        }
        Ok(RecordCounts(counts))
    }

    /// How the workspace was created, or `None` for a database that was never initialized.
    pub async fn workspace_info(&self) -> StoreResult<Option<WorkspaceInfo>> {
        self.meta(WorkspaceInfo::KEY).await
    }

    /// The workspace fact kept under `key` in `meta`, `None` if none is.
    pub async fn meta<T: DeserializeOwned>(&self, key: &str) -> StoreResult<Option<T>> {
        let name = StoreName::Meta.as_str();
        let transaction = self.transaction(&[StoreName::Meta], TransactionMode::ReadOnly)?;
        let value = transaction
            .object_store(name)
            .and_then(|object_store| object_store.get(Query::Key(key.into())))
            .map_err(|e| StoreError::from_idb(name, e))?
            .await
            .map_err(|e| StoreError::from_idb(name, e))?;
        let entry: Option<MetaEntry<T>> = value.map(|value| from_js(name, value)).transpose()?;
        Ok(entry.map(|entry| entry.value))
    }

    /// Keeps `value` under `key` in `meta` (replacing what was there), a change every view
    /// tracking `meta` sees.
    pub async fn put_meta<T: Serialize>(&self, key: &str, value: T) -> StoreResult<()> {
        let name = StoreName::Meta.as_str();
        let entry = to_js(
            name,
            &MetaEntry {
                key: key.to_string(),
                value,
            },
        )?;
        let transaction = self.transaction(&[StoreName::Meta], TransactionMode::ReadWrite)?;
        let outcome = async {
            transaction
                .object_store(name)
                .and_then(|object_store| object_store.put(&entry, None))
                .map_err(|e| StoreError::from_idb(name, e))?
                .await
                .map(drop)
                .map_err(|e| StoreError::from_idb(name, e))
        }
        .await;
        Store::finish(name, transaction, outcome).await?;
        let mut touched = Touched::default();
        touched.add(StoreName::Meta, None);
        self.committed(&touched);
        Ok(())
    }

    /// Replaces every record with `workspace`, in one transaction: on any failure the previous
    /// workspace stays as it was. `progress(written, total)` is called between batches; when it
    /// answers false the replacement stops and rolls back ([`StoreError::Cancelled`]).
    pub async fn replace_workspace(
        &self,
        workspace: &DemoWorkspace,
        info: WorkspaceInfo,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> StoreResult<()> {
        let mut all_stores = StoreName::RECORDS.to_vec();
        all_stores.extend([StoreName::Meta, StoreName::OrderFacts]);
        let facts = hearth_analytics::facts::OrderFacts::from_orders(&workspace.orders);
        let batches = workspace_batches(workspace)?;
        let total: usize = batches.iter().map(|(_, values)| values.len()).sum();
        let transaction = self.transaction(&all_stores, TransactionMode::ReadWrite)?;
        let outcome = async {
            for store in StoreName::RECORDS
                .into_iter()
                .chain([StoreName::OrderFacts])
            {
                let name = store.as_str();
                transaction
                    .object_store(name)
                    .and_then(|object_store| object_store.clear())
                    .map_err(|e| StoreError::from_idb(name, e))?;
            }
            let mut written = 0;
            progress(written, total);
            let mut pages = pages::PageWrites::default();
            for (store, values) in &batches {
                let name = store.as_str();
                let object_store = transaction
                    .object_store(name)
                    .map_err(|e| StoreError::from_idb(name, e))?;
                if self.is_paged(*store) {
                    pages.cleared(*store);
                    for chunk in values.chunks(pages::PAGE_RECORDS as usize) {
                        let ids = chunk.iter().filter_map(key_of);
                        pages.read(&transaction, *store, ids).await?;
                        for value in chunk {
                            pages.put(*store, value.clone())?;
                        }
                        pages.write(&transaction, self.version).await?;
                        written += chunk.len();
                        if !progress(written, total) {
                            return Err(StoreError::Cancelled);
                        }
                    }
                    continue;
                }
                for chunk in values.chunks(PROGRESS_BATCH) {
                    let mut last = None;
                    for value in chunk {
                        last = Some(
                            object_store
                                .put(value, None)
                                .map_err(|e| StoreError::from_idb(name, e))?,
                        );
                    }
                    // Awaiting an IndexedDB request keeps the transaction alive and lets the page paint.
                    if let Some(request) = last {
                        request.await.map_err(|e| StoreError::from_idb(name, e))?;
                    }
                    written += chunk.len();
                    if !progress(written, total) {
                        return Err(StoreError::Cancelled);
                    }
                }
            }
            facts::write(&transaction, &facts).await?;
            let meta = StoreName::Meta.as_str();
            let entry = to_js(
                meta,
                &MetaEntry {
                    key: WorkspaceInfo::KEY.to_string(),
                    value: info,
                },
            )?;
            transaction
                .object_store(meta)
                .and_then(|object_store| object_store.put(&entry, None))
                .map_err(|e| StoreError::from_idb(meta, e))?
                .await
                .map_err(|e| StoreError::from_idb(meta, e))?;
            Ok(())
        }
        .await;
        Store::finish("workspace", transaction, outcome).await?;
        self.committed(&Touched::everything());
        Ok(())
    }
}

/// Records per request when a whole store is read: about a tenth of a second of work each.
pub const READ_CHUNK: u32 = 10_000;

/// The next [`READ_CHUNK`] records of `object_store` by id, after id `after` (from the start when
/// `None`); fewer means the store is read to its end.
async fn read_chunk(
    object_store: &idb::ObjectStore,
    after: Option<u32>,
) -> Result<Vec<JsValue>, idb::Error> {
    let after = match after {
        Some(id) => Some(Query::KeyRange(idb::KeyRange::lower_bound(
            &JsValue::from(id),
            Some(true),
        )?)),
        None => None,
    };
    object_store.get_all(after, Some(READ_CHUNK))?.await
}

/// Records written between two progress reports while a workspace is replaced.
const PROGRESS_BATCH: usize = 1_000;

/// Validates and converts every record of `workspace`, store by store, before any transaction starts:
/// a bad record fails the operation with nothing touched.
fn workspace_batches(workspace: &DemoWorkspace) -> StoreResult<Vec<(StoreName, Vec<JsValue>)>> {
    fn batch<R: Record>(records: &[R]) -> StoreResult<(StoreName, Vec<JsValue>)> {
        let values = records
            .iter()
            .map(|record| {
                validated(record)?;
                let value = to_js(R::STORE.as_str(), record)?;
                uids::ensure_uid(&value).map_err(|e| StoreError::Browser(format!("{e:?}")))?;
                Ok(value)
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok((R::STORE, values))
    }
    Ok(vec![
        batch(&workspace.companies)?,
        batch(&workspace.people)?,
        batch(&workspace.products)?,
        batch(&workspace.campaigns)?,
        batch(&workspace.orders)?,
        batch(&workspace.pipelines)?,
        batch(&workspace.deals)?,
        batch(&workspace.activities)?,
        batch(&workspace.tasks)?,
        batch(&workspace.tickets)?,
        batch(&workspace.custom_fields)?,
    ])
}
