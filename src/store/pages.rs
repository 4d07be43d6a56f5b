//! Paged stores: the records of a large kind kept [`PAGE_RECORDS`] to an IndexedDB value (their
//! JSON text), by id, with a summary beside each page (its ids, which are tombstones, the
//! references lookups need) and the store's next id. IndexedDB charges about 0.1 ms per stored
//! value whatever its size (STORAGE-NOTES): a page costs about what one record did, so writing
//! 100,000 people writes a hundred values, not 100,000. Records stay JavaScript objects at this
//! layer (parsed and stringified by the browser's JSON), so every record kind shares this code.

use super::{key_of, StoreError, StoreName, StoreResult};
use idb::{Query, Transaction};
use std::collections::{BTreeMap, BTreeSet};
use std::future::{Future, IntoFuture};
use wasm_bindgen::{JsCast, JsValue};

/// Records per page: a page of people is about 300 KB of JSON, parsed or written in a few ms.
pub const PAGE_RECORDS: u32 = 1024;

/// Pages per request when a whole store is read: about a tenth of a second of decoding each.
pub(super) const PAGES_PER_READ: u32 = 10;

/// The page that holds record `id`.
pub fn page_of(id: u32) -> u32 {
    id / PAGE_RECORDS
}

/// A record field a paged store is looked up by, kept in the page summaries (what an index on
/// one object per record did).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// `company_id`, looked up as `by_company`.
    Company,
    /// `person_id`, looked up as `by_person`.
    Person,
}

impl Reference {
    fn field(self) -> &'static str {
        match self {
            Reference::Company => "company_id",
            Reference::Person => "person_id",
        }
    }

    /// The index name lookups use for it (as before the store was paged).
    pub fn index(self) -> &'static str {
        match self {
            Reference::Company => "by_company",
            Reference::Person => "by_person",
        }
    }
}

fn key(kind: &str, number: u32) -> JsValue {
    js_sys::Array::of2(&kind.into(), &number.into()).into()
}

fn page_key(number: u32) -> JsValue {
    key("page", number)
}

fn summary_key(number: u32) -> JsValue {
    key("summary", number)
}

fn snapshot_key(number: u32) -> JsValue {
    key("list", number)
}

/// The number `n` of a key `[kind, n]`.
fn number_of(key: &JsValue) -> Option<u32> {
    let number = js_sys::Reflect::get(key, &1.into()).ok()?.as_f64()?;
    Some(number as u32)
}

fn next_id_key() -> JsValue {
    js_sys::Array::of1(&"next".into()).into()
}

/// Keys `[kind, from]` to `[kind, u32::MAX]`.
fn range(store: &'static str, kind: &str, from: u32) -> StoreResult<Query> {
    idb::KeyRange::bound(&key(kind, from), &key(kind, u32::MAX), None, None)
        .map(Query::KeyRange)
        .map_err(|e| StoreError::from_idb(store, e))
}

fn browser(store: &'static str, error: JsValue) -> StoreError {
    StoreError::Browser(format!("{store}: {error:?}"))
}

fn object_store(transaction: &Transaction, store: StoreName) -> StoreResult<idb::ObjectStore> {
    transaction
        .object_store(store.as_str())
        .map_err(|e| StoreError::from_idb(store.as_str(), e))
}

/// Whether a stored record is a tombstone.
pub(super) fn is_tombstone(value: &JsValue) -> bool {
    js_sys::Reflect::get(value, &"deleted_at".into())
        .is_ok_and(|at| !at.is_null() && !at.is_undefined())
}

/// One page: its records in id order.
#[derive(Default)]
pub(super) struct Page {
    ids: Vec<u32>,
    records: Vec<JsValue>,
}

impl Page {
    /// The page stored as `text` (a JSON array of records).
    fn parse(store: &'static str, text: &JsValue) -> StoreResult<Page> {
        let damaged = || StoreError::Serialization {
            store,
            detail: "a page that is not a JSON array of records".into(),
        };
        let text = text.as_string().ok_or_else(damaged)?;
        let array: js_sys::Array = js_sys::JSON::parse(&text)
            .ok()
            .and_then(|value| value.dyn_into().ok())
            .ok_or_else(damaged)?;
        let mut page = Page::default();
        for value in array.iter() {
            page.ids.push(key_of(&value).ok_or_else(damaged)?);
            page.records.push(value);
        }
        Ok(page)
    }

    /// Its records, in id order (tombstones included).
    pub(super) fn into_records(self) -> Vec<JsValue> {
        self.records
    }

    fn get(&self, id: u32) -> Option<&JsValue> {
        self.ids
            .binary_search(&id)
            .ok()
            .map(|index| &self.records[index])
    }

    fn put(&mut self, id: u32, value: JsValue) {
        match self.ids.binary_search(&id) {
            Ok(index) => self.records[index] = value,
            Err(index) => {
                self.ids.insert(index, id);
                self.records.insert(index, value);
            }
        }
    }

    fn remove(&mut self, id: u32) {
        if let Ok(index) = self.ids.binary_search(&id) {
            self.ids.remove(index);
            self.records.remove(index);
        }
    }

    fn text(&self, store: &'static str) -> StoreResult<JsValue> {
        let array: js_sys::Array = self.records.iter().collect();
        js_sys::JSON::stringify(&array)
            .map(JsValue::from)
            .map_err(|e| browser(store, e))
    }

    /// `{ids, deleted, live, <reference field>…}`: what counts and lookups read without the page.
    fn summary(&self, store: StoreName) -> StoreResult<JsValue> {
        let name = store.as_str();
        let summary = js_sys::Object::new();
        let set = |field: &str, value: &JsValue| {
            js_sys::Reflect::set(&summary, &field.into(), value)
                .map(drop)
                .map_err(|e| browser(name, e))
        };
        let deleted: Vec<u8> = self
            .records
            .iter()
            .map(|r| u8::from(is_tombstone(r)))
            .collect();
        let live = deleted.iter().filter(|&&d| d == 0).count();
        set("ids", &js_sys::Uint32Array::from(&self.ids[..]).into())?;
        set("deleted", &js_sys::Uint8Array::from(&deleted[..]).into())?;
        set("live", &JsValue::from(live as u32))?;
        for reference in store.references() {
            let values: Vec<u32> = self
                .records
                .iter()
                .map(|record| {
                    js_sys::Reflect::get(record, &reference.field().into())
                        .ok()
                        .and_then(|value| value.as_f64())
                        .map_or(0, |value| value as u32)
                })
                .collect();
            set(
                reference.field(),
                &js_sys::Uint32Array::from(&values[..]).into(),
            )?;
        }
        Ok(summary.into())
    }
}

/// A page's summary as read back.
pub(super) struct Summary {
    /// Its records' ids.
    pub ids: Vec<u32>,
    /// Per id, whether it is a tombstone.
    pub deleted: Vec<bool>,
    /// Live records.
    pub live: u32,
    value: JsValue,
}

impl Summary {
    fn read(value: JsValue) -> Summary {
        let array =
            |field: &str| js_sys::Reflect::get(&value, &field.into()).unwrap_or(JsValue::UNDEFINED);
        let ids = array("ids")
            .dyn_into::<js_sys::Uint32Array>()
            .map(|ids| ids.to_vec())
            .unwrap_or_default();
        let deleted = array("deleted")
            .dyn_into::<js_sys::Uint8Array>()
            .map(|deleted| deleted.to_vec().into_iter().map(|d| d != 0).collect())
            .unwrap_or_default();
        let live = array("live").as_f64().unwrap_or(0.0) as u32;
        Summary {
            ids,
            deleted,
            live,
            value,
        }
    }

    /// The live records' ids whose `reference` is `key`.
    pub fn referring(&self, reference: Reference, key: u32) -> Vec<u32> {
        let values = js_sys::Reflect::get(&self.value, &reference.field().into())
            .ok()
            .and_then(|values| values.dyn_into::<js_sys::Uint32Array>().ok())
            .map(|values| values.to_vec())
            .unwrap_or_default();
        self.ids
            .iter()
            .zip(values)
            .zip(&self.deleted)
            .filter(|((_, value), deleted)| *value == key && !**deleted)
            .map(|((id, _), _)| *id)
            .collect()
    }
}

/// Every page summary of `store`, in page order.
pub(super) async fn summaries(
    transaction: &Transaction,
    store: StoreName,
) -> StoreResult<Vec<Summary>> {
    let name = store.as_str();
    let values = object_store(transaction, store)?
        .get_all(Some(range(name, "summary", 0)?), None)
        .map_err(|e| StoreError::from_idb(name, e))?
        .await
        .map_err(|e| StoreError::from_idb(name, e))?;
    Ok(values.into_iter().map(Summary::read).collect())
}

/// The live records of `store` whose `reference` is one of `keys`, in id order per key (what an
/// index lookup on one object per record gave).
pub(super) async fn referring(
    transaction: &Transaction,
    store: StoreName,
    reference: Reference,
    keys: &[u32],
) -> StoreResult<Vec<JsValue>> {
    let summaries = summaries(transaction, store).await?;
    let ids: Vec<u32> = keys
        .iter()
        .flat_map(|&key| {
            summaries
                .iter()
                .flat_map(move |summary| summary.referring(reference, key))
        })
        .collect();
    records(transaction, store, &ids).await
}

/// The stored records (tombstones included) with these ids, read in one round of requests.
pub(super) async fn records(
    transaction: &Transaction,
    store: StoreName,
    ids: &[u32],
) -> StoreResult<Vec<JsValue>> {
    let mut pages = PageWrites::default();
    pages.read(transaction, store, ids.iter().copied()).await?;
    Ok(ids
        .iter()
        .filter_map(|&id| pages.get(store, id).cloned())
        .collect())
}

/// Up to [`PAGES_PER_READ`] pages of `store` from page `from` on, their records in id order, and
/// the page to read next (`None` at the end).
pub(super) async fn read_pages(
    transaction: &Transaction,
    store: StoreName,
    from: u32,
) -> StoreResult<(Vec<JsValue>, Option<u32>)> {
    let (texts, next) = stored_pages(transaction, store, from).await?;
    let mut records = Vec::new();
    for text in &texts {
        records.extend(Page::parse(store.as_str(), text)?.into_records());
    }
    Ok((records, next))
}

/// Up to [`PAGES_PER_READ`] pages of `store` from page `from` on as stored (each the JSON text of
/// its records' array), and the page to read next (`None` at the end): for a caller that decodes
/// the text itself, without making JavaScript objects of it. The requests are made by this call,
/// not when the answer is awaited, so a caller can decode one read while the next is read.
pub(super) fn request_page_texts(
    transaction: &Transaction,
    store: StoreName,
    from: u32,
) -> StoreResult<impl Future<Output = StoreResult<(Vec<String>, Option<u32>)>>> {
    let pages = request_pages(transaction, store, from)?;
    Ok(async move {
        let (texts, next) = pages.await?;
        let damaged = || StoreError::Serialization {
            store: store.as_str(),
            detail: "a page that is not the JSON text of its records".into(),
        };
        let texts = texts
            .iter()
            .map(|text| text.as_string().ok_or_else(damaged))
            .collect::<StoreResult<Vec<String>>>()?;
        Ok((texts, next))
    })
}

/// Up to [`PAGES_PER_READ`] stored pages of `store` from page `from` on, and the page after the
/// last of them when there may be more.
async fn stored_pages(
    transaction: &Transaction,
    store: StoreName,
    from: u32,
) -> StoreResult<(Vec<JsValue>, Option<u32>)> {
    request_pages(transaction, store, from)?.await
}

/// [`stored_pages`], requested now and answered when awaited.
fn request_pages(
    transaction: &Transaction,
    store: StoreName,
    from: u32,
) -> StoreResult<impl Future<Output = StoreResult<(Vec<JsValue>, Option<u32>)>>> {
    let name = store.as_str();
    let idb_error = move |e| StoreError::from_idb(name, e);
    let object_store = object_store(transaction, store)?;
    // Both requests listen from the start, so the second's answer is kept while the first is
    // awaited.
    let keys = object_store
        .get_all_keys(Some(range(name, "page", from)?), Some(PAGES_PER_READ))
        .map_err(idb_error)?
        .into_future();
    let texts = object_store
        .get_all(Some(range(name, "page", from)?), Some(PAGES_PER_READ))
        .map_err(idb_error)?
        .into_future();
    Ok(async move {
        let keys = keys.await.map_err(idb_error)?;
        let texts = texts.await.map_err(idb_error)?;
        let last = keys.last().and_then(number_of).map(|number| number + 1);
        let full = texts.len() == PAGES_PER_READ as usize;
        Ok((texts, last.filter(|_| full)))
    })
}

/// The stored pages `numbers` of `store` as their text (each the JSON of its records' array),
/// read in one round of requests made by this call; a page that does not exist is left out.
pub(super) fn request_texts_of_pages(
    transaction: &Transaction,
    store: StoreName,
    numbers: &[u32],
) -> StoreResult<impl Future<Output = StoreResult<Vec<String>>>> {
    let name = store.as_str();
    let idb_error = move |e| StoreError::from_idb(name, e);
    let object_store = object_store(transaction, store)?;
    // Every request is made now and listens from the start: an answer that arrives before its
    // turn is kept.
    let reads = numbers
        .iter()
        .map(|&number| {
            object_store
                .get(Query::Key(page_key(number)))
                .map(IntoFuture::into_future)
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(idb_error)?;
    Ok(async move {
        let mut texts = Vec::with_capacity(reads.len());
        for read in reads {
            if let Some(text) = read.await.map_err(idb_error)? {
                texts.push(text.as_string().ok_or_else(|| StoreError::Serialization {
                    store: name,
                    detail: "a page that is not the JSON text of its records".into(),
                })?);
            }
        }
        Ok(texts)
    })
}

/// The records of a page read by [`read_page_texts`] as JavaScript objects (to decode one by one
/// when the page as a whole did not decode).
pub(super) fn page_records(store: StoreName, text: &str) -> StoreResult<Vec<JsValue>> {
    Page::parse(store.as_str(), &JsValue::from_str(text)).map(Page::into_records)
}

/// The records of the page with the highest ids first, then the one before it, newest first,
/// until `enough` says stop.
pub(super) async fn newest(
    transaction: &Transaction,
    store: StoreName,
    enough: &mut dyn FnMut(JsValue) -> bool,
) -> StoreResult<()> {
    let name = store.as_str();
    let idb_error = move |e| StoreError::from_idb(name, e);
    let cursor = object_store(transaction, store)?
        .open_cursor(
            Some(range(name, "page", 0)?),
            Some(idb::CursorDirection::Prev),
        )
        .map_err(idb_error)?
        .await
        .map_err(idb_error)?;
    let Some(cursor) = cursor else {
        return Ok(());
    };
    let mut cursor = cursor.into_managed();
    while let Some(text) = cursor.value().map_err(idb_error)? {
        for record in Page::parse(name, &text)?.into_records().into_iter().rev() {
            if enough(record) {
                return Ok(());
            }
        }
        cursor.next(None).await.map_err(idb_error)?;
    }
    Ok(())
}

/// The next id `store` gives (one past every id it ever held).
pub(super) async fn next_id(transaction: &Transaction, store: StoreName) -> StoreResult<u32> {
    let name = store.as_str();
    let value = object_store(transaction, store)?
        .get(Query::Key(next_id_key()))
        .map_err(|e| StoreError::from_idb(name, e))?
        .await
        .map_err(|e| StoreError::from_idb(name, e))?;
    Ok(value
        .and_then(|next| next.as_f64())
        .map_or(1, |next| next as u32))
}

/// The pages a read-write transaction read and changed, written back by [`PageWrites::write`].
#[derive(Default)]
pub(super) struct PageWrites {
    pages: BTreeMap<(StoreName, u32), Page>,
    next: BTreeMap<StoreName, u32>,
    changed: BTreeSet<(StoreName, u32)>,
    /// Stores cleared in this transaction: a page not read yet is empty, no need to ask.
    cleared: BTreeSet<StoreName>,
}

impl PageWrites {
    /// Treats `store` as cleared in this transaction (its pages start empty, ids from 1).
    pub fn cleared(&mut self, store: StoreName) {
        self.cleared.insert(store);
        self.next.insert(store, 1);
        self.pages.retain(|(page_store, _), _| *page_store != store);
    }

    /// Reads, in one round of requests, the pages of `store` holding `ids` that are not read yet,
    /// and the store's next id.
    pub async fn read(
        &mut self,
        transaction: &Transaction,
        store: StoreName,
        ids: impl IntoIterator<Item = u32>,
    ) -> StoreResult<()> {
        let name = store.as_str();
        let idb_error = move |e| StoreError::from_idb(name, e);
        // Inserted one by one: collecting into a set sorts first, a sort compiled per caller.
        let mut wanted = BTreeSet::new();
        for number in ids.into_iter().map(page_of) {
            if !self.pages.contains_key(&(store, number)) {
                wanted.insert(number);
            }
        }
        if self.cleared.contains(&store) {
            for number in wanted {
                self.pages.insert((store, number), Page::default());
            }
            return Ok(());
        }
        let object_store = object_store(transaction, store)?;
        // Every request listens from the start: an answer that arrives before its turn is kept.
        let next = (!self.next.contains_key(&store))
            .then(|| {
                object_store
                    .get(Query::Key(next_id_key()))
                    .map(IntoFuture::into_future)
            })
            .transpose()
            .map_err(idb_error)?;
        let reads = wanted
            .into_iter()
            .map(|number| {
                object_store
                    .get(Query::Key(page_key(number)))
                    .map(|request| (number, request.into_future()))
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(idb_error)?;
        if let Some(next) = next {
            let next = next.await.map_err(idb_error)?;
            let next = next
                .and_then(|next| next.as_f64())
                .map_or(1, |next| next as u32);
            self.next.insert(store, next);
        }
        for (number, read) in reads {
            let page = match read.await.map_err(idb_error)? {
                Some(text) => Page::parse(name, &text)?,
                None => Page::default(),
            };
            self.pages.insert((store, number), page);
        }
        Ok(())
    }

    /// The stored record `id` of `store`, as this transaction changed it (its page must be read).
    pub fn get(&self, store: StoreName, id: u32) -> Option<&JsValue> {
        self.pages.get(&(store, page_of(id)))?.get(id)
    }

    /// The next id of `store`, taken (its next id must be read).
    pub fn take_id(&mut self, store: StoreName) -> u32 {
        let next = self.next.entry(store).or_insert(1);
        let id = *next;
        *next += 1;
        id
    }

    /// Stores `value` (a record with an `id`) in its page, which must be read.
    pub fn put(&mut self, store: StoreName, value: JsValue) -> StoreResult<()> {
        let id = key_of(&value).ok_or_else(|| StoreError::Serialization {
            store: store.as_str(),
            detail: "a record without an id".into(),
        })?;
        let number = page_of(id);
        self.pages
            .entry((store, number))
            .or_default()
            .put(id, value);
        self.changed.insert((store, number));
        let next = self.next.entry(store).or_insert(1);
        *next = (*next).max(id.saturating_add(1));
        Ok(())
    }

    /// Removes record `id` from its page, which must be read.
    pub fn delete(&mut self, store: StoreName, id: u32) {
        let number = page_of(id);
        if let Some(page) = self.pages.get_mut(&(store, number)) {
            page.remove(id);
            self.changed.insert((store, number));
        }
    }

    /// Writes every changed page with its summary (deletes an emptied one) and the next ids, and
    /// waits for the writes. Pages stay read for later changes.
    pub async fn write(&mut self, transaction: &Transaction, version: u32) -> StoreResult<()> {
        match self.flush(transaction, version)? {
            Some(last) => last.await.map(drop),
            None => Ok(()),
        }
    }

    /// [`PageWrites::write`] without waiting: the last request made, for a caller that made
    /// requests of its own before (a request awaited only after it answered is never heard).
    /// A written page's list snapshot (schema `version` keeping them) is marked stale, not
    /// rewritten: writing it would cost decoding the page, which the next full read does anyway.
    pub fn flush(
        &mut self,
        transaction: &Transaction,
        version: u32,
    ) -> StoreResult<Option<impl std::future::Future<Output = StoreResult<JsValue>>>> {
        let changed = std::mem::take(&mut self.changed);
        for &(store, number) in &changed {
            let name = store.as_str();
            let idb_error = move |e| StoreError::from_idb(name, e);
            let object_store = object_store(transaction, store)?;
            let page = &self.pages[&(store, number)];
            let snapshots = store.snapshot_layout(version).is_some();
            if page.ids.is_empty() {
                object_store
                    .delete(Query::Key(page_key(number)))
                    .map_err(idb_error)?;
                object_store
                    .delete(Query::Key(summary_key(number)))
                    .map_err(idb_error)?;
                if snapshots {
                    object_store
                        .delete(Query::Key(snapshot_key(number)))
                        .map_err(idb_error)?;
                }
            } else {
                if snapshots {
                    object_store
                        .put(&stale_mark(), Some(&snapshot_key(number)))
                        .map_err(idb_error)?;
                }
                object_store
                    .put(&page.text(name)?, Some(&page_key(number)))
                    .map_err(idb_error)?;
                object_store
                    .put(&page.summary(store)?, Some(&summary_key(number)))
                    .map_err(idb_error)?;
            }
        }
        // Inserted one by one: collecting into a set sorts first, one more compiled sort.
        let mut stores = BTreeSet::new();
        for &(store, _) in &changed {
            stores.insert(store);
        }
        let mut last = None;
        for store in stores {
            let name = store.as_str();
            let next = self.next.get(&store).copied().unwrap_or(1);
            // Only the last request becomes a future: a dropped future's listener would be called
            // after it was freed, an exception that aborts the transaction.
            let request = object_store(transaction, store)?
                .put(&JsValue::from(next), Some(&next_id_key()))
                .map_err(|e| StoreError::from_idb(name, e))?;
            last = Some((name, request));
        }
        Ok(last.map(|(name, request)| {
            let request = request.into_future();
            async move { request.await.map_err(|e| StoreError::from_idb(name, e)) }
        }))
    }
}

/// A mark that a page was written after its list snapshot: a number no other write draws, so a
/// snapshot made from the page as read is stored only while the mark read with it is still there
/// ([`write_snapshots`]).
fn stale_mark() -> JsValue {
    JsValue::from(js_sys::Math::random())
}

/// What `["list", n]` holds for page `n` of a store keeping list snapshots.
pub(super) enum Kept {
    /// The page's records in their compact form (postcard, in the store's layout).
    Snapshot(Vec<u8>),
    /// No snapshot in the current layout: the mark a write left, a snapshot in another layout,
    /// or `undefined` when there never was one. Handed back to [`write_snapshots`].
    Stale(JsValue),
}

/// The numbers of every page of `store` with what each keeps as its list snapshot in `layout`
/// (a little-endian `u32` layout number, then the records), requested now, in one transaction
/// with the reads that follow.
pub(super) fn request_snapshots(
    transaction: &Transaction,
    store: StoreName,
    layout: u32,
) -> StoreResult<impl Future<Output = StoreResult<Vec<(u32, Kept)>>>> {
    let name = store.as_str();
    let idb_error = move |e| StoreError::from_idb(name, e);
    let object_store = object_store(transaction, store)?;
    let pages = object_store
        .get_all_keys(Some(range(name, "page", 0)?), None)
        .map_err(idb_error)?
        .into_future();
    let kept_keys = object_store
        .get_all_keys(Some(range(name, "list", 0)?), None)
        .map_err(idb_error)?
        .into_future();
    let kept = object_store
        .get_all(Some(range(name, "list", 0)?), None)
        .map_err(idb_error)?
        .into_future();
    Ok(async move {
        let pages = pages.await.map_err(idb_error)?;
        let kept_keys = kept_keys.await.map_err(idb_error)?;
        let kept = kept.await.map_err(idb_error)?;
        let mut kept: BTreeMap<u32, JsValue> =
            kept_keys.iter().filter_map(number_of).zip(kept).collect();
        let prefix = layout.to_le_bytes();
        Ok(pages
            .iter()
            .filter_map(number_of)
            .map(|page| {
                let value = kept.remove(&page).unwrap_or(JsValue::UNDEFINED);
                let kept = match value.dyn_ref::<js_sys::Uint8Array>() {
                    Some(bytes)
                        if bytes.length() >= 4 && bytes.subarray(0, 4).to_vec() == prefix =>
                    {
                        Kept::Snapshot(bytes.subarray(4, bytes.length()).to_vec())
                    }
                    _ => Kept::Stale(value),
                };
                (page, kept)
            })
            .collect())
    })
}

/// A page's list snapshot to store: its number, the [`Kept::Stale`] value read with the page it
/// was made from, and its bytes (layout number included).
pub(super) type Snapshot = (u32, JsValue, Vec<u8>);

/// Stores each of `snapshots` whose page was not written since it was read, in `transaction`
/// (read-write over `store`). A write leaves a new mark (or deletes the slot of a page it
/// emptied), so the page is as read when its slot holds what was read with it, or a snapshot.
pub(super) async fn write_snapshots(
    transaction: &Transaction,
    store: StoreName,
    snapshots: &[Snapshot],
) -> StoreResult<()> {
    let name = store.as_str();
    let idb_error = move |e| StoreError::from_idb(name, e);
    let object_store = object_store(transaction, store)?;
    // Every read listens from the start: an answer that arrives before its turn is kept.
    let reads = snapshots
        .iter()
        .map(|(number, _, _)| {
            object_store
                .get(Query::Key(snapshot_key(*number)))
                .map(IntoFuture::into_future)
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(idb_error)?;
    let mut last = None;
    for ((number, read_with, bytes), read) in snapshots.iter().zip(reads) {
        let now = read.await.map_err(idb_error)?.unwrap_or(JsValue::UNDEFINED);
        let snapshot = now.is_object();
        if snapshot || js_sys::Object::is(&now, read_with) {
            let value = js_sys::Uint8Array::from(&bytes[..]);
            last = Some(
                object_store
                    .put(&value, Some(&snapshot_key(*number)))
                    .map_err(idb_error)?,
            );
        }
    }
    // Only the last request becomes a future (see `PageWrites::flush`).
    if let Some(last) = last {
        last.into_future().await.map_err(idb_error)?;
    }
    Ok(())
}

/// Schema steps [`super::schema::PEOPLE_PAGED_SINCE`], [`super::schema::ORDERS_PAGED_SINCE`] and
/// [`super::schema::TICKETS_PAGED_SINCE`], inside the upgrade transaction: the records of
/// `store`, one object each until now, move into pages. The old object store is renamed, read
/// through a cursor (each record given a uid and revision if an older release left it without:
/// step 5's work, which this step does for the stores it pages), written as pages and deleted. A
/// failure aborts the upgrade, so the database stays at its old version, whole.
pub(super) fn page_stored_records(
    upgrade: &web_sys::IdbTransaction,
    store: StoreName,
) -> Result<(), JsValue> {
    let name = store.as_str();
    let old_name = format!("{name}_objects");
    upgrade.object_store(name)?.set_name(&old_name);
    upgrade.db().create_object_store(name)?;
    // Filled by the walk, written when it ends.
    let pages = std::rc::Rc::new(std::cell::RefCell::new((
        BTreeMap::<u32, Page>::new(),
        1u32,
    )));
    let read = pages.clone();
    let transaction = upgrade.clone();
    let old = old_name.clone();
    super::uids::walk_in_upgrade(
        upgrade,
        &old_name,
        move |cursor, value| {
            super::uids::give_metadata(&value)?;
            let id = key_of(&value).ok_or("a record without an id")?;
            let (pages, next) = &mut *read.borrow_mut();
            *next = (*next).max(id.saturating_add(1));
            pages.entry(page_of(id)).or_default().put(id, value);
            cursor.continue_()
        },
        move || {
            let (pages, next) = std::mem::take(&mut *pages.borrow_mut());
            let paged = transaction.object_store(name)?;
            let failed = |e: StoreError| JsValue::from(e.to_string());
            for (number, page) in pages {
                paged.put_with_key(&page.text(name).map_err(failed)?, &page_key(number))?;
                paged.put_with_key(&page.summary(store).map_err(failed)?, &summary_key(number))?;
            }
            paged.put_with_key(&JsValue::from(next), &next_id_key())?;
            transaction.db().delete_object_store(&old)
        },
    )
}
