//! Backups in the store: every record store (and `meta`) read as the JSON text of each stored
//! record, a frame at a time; a restore writes frames back in one transaction, replacing the
//! workspace or merging into it by record id and revision, so a damaged file, a cancel or a full
//! disk leaves the workspace as it was.

use super::changes::stored_revision;
use super::{key_of, pages, Store, StoreError, StoreName, StoreResult, Touched};
use idb::{Query, TransactionMode};
use std::future::IntoFuture;
use wasm_bindgen::{JsCast, JsValue};

/// The stores a backup holds, in the order they are written: every record store and `meta`
/// (the order facts are derived from the orders and rebuilt): [`StoreName::ALL`] but its last.
pub const BACKED_UP: &[StoreName] = StoreName::ALL.split_at(StoreName::ALL.len() - 1).0;

/// How a restore treats the workspace it lands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RestoreMode {
    /// Everything here is replaced by the backup.
    Replace,
    /// A record of the backup is written where none has its id, or where the stored one has an
    /// older revision; everything else here stays (and this workspace's own `meta`).
    Merge,
}

/// One frame of a backup: its store and the JSON text of `{"records":[…]}`.
pub struct RestoreFrame {
    /// Where its records go.
    pub store: StoreName,
    /// The frame's JSON line.
    pub line: String,
}

/// Hands out a backup's frames, `None` at the end (after checking the file's checksums).
pub type FrameSource<'a> = &'a mut dyn FnMut() -> Result<Option<RestoreFrame>, String>;

impl Store {
    /// The records of `store`, tombstones included (what a backup holds of it).
    pub async fn stored_count(&self, store: StoreName) -> StoreResult<u64> {
        let transaction = self.transaction(&[store], TransactionMode::ReadOnly)?;
        self.stored_count_in(&transaction, store).await
    }

    /// [`Store::stored_count`] in `transaction`.
    pub(super) async fn stored_count_in(
        &self,
        transaction: &idb::Transaction,
        store: StoreName,
    ) -> StoreResult<u64> {
        let name = store.as_str();
        let idb_error = move |e| StoreError::from_idb(name, e);
        if self.is_paged(store) {
            let summaries = pages::summaries(transaction, store).await?;
            return Ok(summaries
                .iter()
                .map(|summary| summary.ids.len() as u64)
                .sum());
        }
        let count = transaction
            .object_store(name)
            .map_err(idb_error)?
            .count(None)
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        Ok(u64::from(count))
    }

    /// Reads every record of `store` as the JSON text of what is stored, `chunk` records at a
    /// time, each chunk its own transaction, handed to `frame`.
    pub async fn dump(
        &self,
        store: StoreName,
        chunk: u32,
        frame: &mut dyn FnMut(Vec<String>) -> Result<(), String>,
    ) -> StoreResult<()> {
        let name = store.as_str();
        let idb_error = move |e| StoreError::from_idb(name, e);
        let stringify = |value: &JsValue| {
            js_sys::JSON::stringify(value)
                .map(String::from)
                .map_err(|e| StoreError::Browser(format!("{name}: {e:?}")))
        };
        if self.is_paged(store) {
            let mut from = Some(0);
            while let Some(page) = from {
                let transaction = self.transaction(&[store], TransactionMode::ReadOnly)?;
                let (values, next) = pages::read_pages(&transaction, store, page).await?;
                for values in values.chunks(chunk.max(1) as usize) {
                    let texts = values.iter().map(stringify);
                    frame(texts.collect::<StoreResult<Vec<String>>>()?)
                        .map_err(StoreError::Worker)?;
                }
                from = next;
            }
            return Ok(());
        }
        let mut after: Option<JsValue> = None;
        loop {
            let transaction = self.transaction(&[store], TransactionMode::ReadOnly)?;
            let object_store = transaction.object_store(name).map_err(idb_error)?;
            let range = match &after {
                Some(key) => Some(Query::KeyRange(
                    idb::KeyRange::lower_bound(key, Some(true)).map_err(idb_error)?,
                )),
                None => None,
            };
            let values = object_store
                .get_all(range, Some(chunk))
                .map_err(idb_error)?
                .await
                .map_err(idb_error)?;
            let full = values.len() == chunk as usize;
            let key_path = store.key_path();
            after = values
                .last()
                .and_then(|value| js_sys::Reflect::get(value, &key_path.into()).ok());
            let texts = values
                .iter()
                .map(stringify)
                .collect::<StoreResult<Vec<String>>>()?;
            frame(texts).map_err(StoreError::Worker)?;
            if !full {
                return Ok(());
            }
        }
    }

    /// Writes the frames of a backup in one transaction (see [`RestoreMode`]); `progress` hears
    /// the records written so far and answers false to stop (nothing is then written). Returns
    /// the records written.
    pub async fn restore_backup(
        &self,
        mode: RestoreMode,
        frames: FrameSource<'_>,
        progress: &mut dyn FnMut(u64) -> bool,
    ) -> StoreResult<u64> {
        let mut stores = BACKED_UP.to_vec();
        stores.push(StoreName::OrderFacts);
        let transaction = self.transaction(&stores, TransactionMode::ReadWrite)?;
        let outcome = async {
            let clear: &[StoreName] = match mode {
                RestoreMode::Replace => &stores,
                // The facts follow the orders, which a merge may change.
                RestoreMode::Merge => &[StoreName::OrderFacts],
            };
            let mut pages = pages::PageWrites::default();
            for store in clear {
                let name = store.as_str();
                transaction
                    .object_store(name)
                    .and_then(|object_store| object_store.clear())
                    .map_err(|e| StoreError::from_idb(name, e))?;
                if self.is_paged(*store) {
                    pages.cleared(*store);
                }
            }
            let mut written = 0u64;
            while let Some(frame) = frames().map_err(StoreError::Worker)? {
                if mode == RestoreMode::Merge && frame.store == StoreName::Meta {
                    continue;
                }
                let name = frame.store.as_str();
                let idb_error = move |e| StoreError::from_idb(name, e);
                let damaged = || StoreError::Worker(format!("{name}: a frame that is not JSON"));
                let parsed = js_sys::JSON::parse(&frame.line).map_err(|_| damaged())?;
                let records: js_sys::Array = js_sys::Reflect::get(&parsed, &"records".into())
                    .ok()
                    .and_then(|records| records.dyn_into().ok())
                    .ok_or_else(damaged)?;
                if self.is_paged(frame.store) {
                    let records: Vec<JsValue> = records.iter().collect();
                    let ids: Vec<u32> = records
                        .iter()
                        .map(|r| key_of(r).ok_or_else(damaged))
                        .collect::<StoreResult<_>>()?;
                    pages.read(&transaction, frame.store, ids).await?;
                    for record in records {
                        let keep_stored = mode == RestoreMode::Merge
                            && key_of(&record)
                                .and_then(|id| pages.get(frame.store, id))
                                .is_some_and(|stored| {
                                    stored_revision(stored) >= stored_revision(&record)
                                });
                        if !keep_stored {
                            pages.put(frame.store, record)?;
                            written += 1;
                        }
                    }
                    pages.write(&transaction, self.version).await?;
                    if !progress(written) {
                        return Err(StoreError::Cancelled);
                    }
                    continue;
                }
                let object_store = transaction.object_store(name).map_err(idb_error)?;
                let records: Vec<JsValue> = match mode {
                    RestoreMode::Replace => records.iter().collect(),
                    RestoreMode::Merge => {
                        // Every read first (each listening from the start), then the writes.
                        let mut reads = Vec::new();
                        for record in records.iter() {
                            let key = key_of(&record).ok_or_else(damaged)?;
                            let read = object_store
                                .get(Query::Key(JsValue::from(key)))
                                .map_err(idb_error)?
                                .into_future();
                            reads.push((record, read));
                        }
                        let mut newer = Vec::new();
                        for (record, read) in reads {
                            let stored = read.await.map_err(idb_error)?;
                            let keep_stored = stored.is_some_and(|stored| {
                                stored_revision(&stored) >= stored_revision(&record)
                            });
                            if !keep_stored {
                                newer.push(record);
                            }
                        }
                        newer
                    }
                };
                let mut last = None;
                for record in &records {
                    last = Some(object_store.put(record, None).map_err(idb_error)?);
                }
                // Awaiting a request keeps the transaction alive between frames.
                if let Some(request) = last {
                    request.await.map_err(idb_error)?;
                }
                written += records.len() as u64;
                if !progress(written) {
                    return Err(StoreError::Cancelled);
                }
            }
            Ok(written)
        }
        .await;
        let written = Store::finish("backup", transaction, outcome).await?;
        self.committed(&Touched::everything());
        Ok(written)
    }
}
