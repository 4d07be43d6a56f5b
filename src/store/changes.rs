//! Several writes and deletes, across stores, that land together in one transaction or not at all:
//! what bulk edits, moving records to the trash and back, and merging duplicates are made of.

use super::pages::PageWrites;
use super::uids::{ensure_uid, set_uid, uid_of};
use super::{to_js, validated, Record, Store, StoreError, StoreName, StoreResult, Touched};
use hearth_analytics::facts::OrderFacts;
use hearth_domain::duplicates::{self, MergeField};
use hearth_domain::entity::Entity as _;
use hearth_domain::*;
use idb::{Query, TransactionMode};
use std::future::IntoFuture;
use wasm_bindgen::JsValue;

/// Runs `$body` with `$record`, a trashed record of any kind, bound to `$name` as its own type.
macro_rules! trashed {
    ($record:expr, $name:ident => $body:expr) => {
        match $record {
            TrashedRecord::Person($name) => $body,
            TrashedRecord::Company($name) => $body,
            TrashedRecord::Product($name) => $body,
            TrashedRecord::Order($name) => $body,
            TrashedRecord::Ticket($name) => $body,
            TrashedRecord::Deal($name) => $body,
            TrashedRecord::Campaign($name) => $body,
        }
    };
}

/// The store holding records like `_record`.
fn store_of<R: Record>(_record: &R) -> StoreName {
    R::STORE
}

/// What a write expects to find stored under its key: check-and-set, so a write made from a stale
/// copy fails with [`StoreError::Conflict`] instead of overwriting someone else's change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// The stored record has this revision (0: there may be none yet).
    Revision(u64),
    /// Nothing is stored under the key, or the tombstone at this revision (a record coming back
    /// from the trash: trashed by this release as a tombstone, or by an older one that removed it).
    AbsentOrTombstone(u64),
    /// Anything or nothing (trash entries, which only this app's actions write).
    Anything,
}

enum Change {
    /// Insert or replace under the record's own id, if what is stored is as expected.
    Put {
        key: u32,
        value: JsValue,
        expect: Expect,
    },
    /// Insert under a new id from the store's key generator.
    Add(JsValue),
    /// Delete the record with this id, if what is stored is as expected.
    Delete { key: u32, expect: Expect },
}

impl Change {
    /// The id it writes or deletes, if known (an add to a store with a key generator has none
    /// until it is written).
    fn key(&self) -> Option<u32> {
        match self {
            Change::Put { key, .. } | Change::Delete { key, .. } => Some(*key),
            Change::Add(value) => super::key_of(value),
        }
    }

    fn checked(&self) -> Option<(u32, Expect)> {
        match self {
            Change::Put { key, expect, .. } | Change::Delete { key, expect } => {
                (*expect != Expect::Anything).then_some((*key, *expect))
            }
            Change::Add(_) => None,
        }
    }
}

/// Sets the `revision` a record is stored with.
fn set_revision(store: &'static str, value: &JsValue, revision: u64) -> StoreResult<()> {
    js_sys::Reflect::set(value, &"revision".into(), &JsValue::from(revision as f64))
        .map(drop)
        .map_err(|e| StoreError::Browser(format!("{store}: {e:?}")))
}

/// The revision of a stored record (records written before revisions existed have none: 0).
pub(super) fn stored_revision(value: &JsValue) -> u64 {
    js_sys::Reflect::get(value, &"revision".into())
        .ok()
        .and_then(|revision| revision.as_f64())
        .map_or(0, |revision| revision as u64)
}

/// Validated, serialized changes waiting for [`Store::apply`].
#[derive(Default)]
pub struct ChangeSet {
    changes: Vec<(StoreName, Change)>,
    durability: super::Durability,
}

impl ChangeSet {
    /// Commits with relaxed durability (a bulk batch; see [`super::Durability`]).
    pub fn relaxed(mut self) -> ChangeSet {
        self.durability = super::Durability::Relaxed;
        self
    }

    /// Writes `record` under its id if the stored copy still has `record`'s revision (validated
    /// now: an invalid record fails before anything runs); it is stored one revision up.
    pub fn put<R: Record>(&mut self, record: &R) -> StoreResult<()> {
        self.put_expecting(record, Expect::Revision(record.revision()))
    }

    fn put_expecting<R: Record>(&mut self, record: &R, expect: Expect) -> StoreResult<()> {
        validated(record)?;
        let name = R::STORE.as_str();
        let value = to_js(name, record)?;
        set_revision(name, &value, record.revision() + 1)?;
        self.changes.push((
            R::STORE,
            Change::Put {
                key: record.key(),
                value,
                expect,
            },
        ));
        Ok(())
    }

    /// Adds `record` under a new id, as its first revision.
    pub fn add<R: Record>(&mut self, record: &R) -> StoreResult<()> {
        validated(record)?;
        let name = R::STORE.as_str();
        let value = to_js(name, record)?;
        // Without a key the store's key generator assigns the next id.
        js_sys::Reflect::delete_property(&value.clone().into(), &"id".into())
            .map_err(|e| StoreError::Browser(format!("{e:?}")))?;
        set_revision(name, &value, 1)?;
        ensure_uid(&value).map_err(|e| StoreError::Browser(format!("{name}: {e:?}")))?;
        self.changes.push((R::STORE, Change::Add(value)));
        Ok(())
    }

    /// Adds `record` under its own id, as its first revision: the write fails
    /// ([`StoreError::Constraint`]) if anything is stored under that id, so it needs no read to
    /// check (an import's new records, numbered before they are written).
    pub fn create<R: Record>(&mut self, record: &R) -> StoreResult<()> {
        validated(record)?;
        let name = R::STORE.as_str();
        let value = to_js(name, record)?;
        set_revision(name, &value, 1)?;
        ensure_uid(&value).map_err(|e| StoreError::Browser(format!("{name}: {e:?}")))?;
        self.changes.push((R::STORE, Change::Add(value)));
        Ok(())
    }

    /// Deletes `record` if the stored copy still has its revision.
    pub fn delete<R: Record>(&mut self, record: &R) {
        self.changes.push((
            R::STORE,
            Change::Delete {
                key: record.key(),
                expect: Expect::Revision(record.revision()),
            },
        ));
    }

    /// Deletes the trash entry with `id`.
    /// Deletes record `id` of `store` whatever its revision (settings-like records).
    pub(super) fn delete_any(&mut self, store: StoreName, id: u32) {
        self.changes.push((
            store,
            Change::Delete {
                key: id,
                expect: Expect::Anything,
            },
        ));
    }

    pub fn delete_trash_entry(&mut self, id: TrashId) {
        self.changes.push((
            StoreName::Trash,
            Change::Delete {
                key: id.0,
                expect: Expect::Anything,
            },
        ));
    }

    /// Moves `record` to the trash under `batch`, if the stored copy is still `record` (a stale
    /// copy is refused, so the trash never holds an older version than the one deleted): the
    /// record stays in its store as a tombstone, one revision up, and the trash lists it.
    pub fn trash(
        &mut self,
        record: TrashedRecord,
        deleted_at: chrono::DateTime<chrono::Utc>,
        batch: u64,
    ) -> StoreResult<()> {
        trashed!(&record, live => {
            let mut tombstone = live.clone();
            tombstone.set_deleted_at(Some(deleted_at));
            self.put(&tombstone)?
        });
        self.add(&TrashEntry {
            uid: Default::default(),
            revision: 0,
            id: TrashId(0),
            record,
            deleted_at,
            batch,
        })
    }

    /// Writes a trashable record back as it was (an undo), if the stored copy has `record`'s
    /// revision: an undo carries the revision its own change wrote, so a later edit refuses it.
    pub fn put_back(&mut self, record: &TrashedRecord) -> StoreResult<()> {
        trashed!(record, earlier => self.put(earlier))
    }

    /// Writes a trashed record (`record` as it was when trashed) back over its tombstone, if the
    /// tombstone is as the trash left it.
    pub fn untrash(&mut self, record: &TrashedRecord) -> StoreResult<()> {
        trashed!(record, trashed => {
            // The tombstone is one revision up from the copy the trash holds.
            let tombstone = trashed.revision + 1;
            let mut live = trashed.clone();
            live.set_revision(tombstone);
            live.set_deleted_at(None);
            self.put_expecting(&live, Expect::AbsentOrTombstone(tombstone))
        })
    }

    /// Removes the tombstone of a trashed record for good ("Empty trash"), if it is still the
    /// tombstone the trash left (a record restored meanwhile is not touched).
    pub fn purge(&mut self, record: &TrashedRecord) {
        let (store, key, revision) =
            trashed!(record, trashed => (store_of(trashed), trashed.key(), trashed.revision));
        self.changes.push((
            store,
            Change::Delete {
                key,
                expect: Expect::AbsentOrTombstone(revision + 1),
            },
        ));
    }

    /// The values of the puts, in their order: after [`Store::apply`] each holds the uid it was
    /// stored with.
    pub(super) fn put_values(&self) -> Vec<JsValue> {
        self.changes
            .iter()
            .filter_map(|(_, change)| match change {
                Change::Put { value, .. } => Some(value.clone()),
                _ => None,
            })
            .collect()
    }

    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The stores and ids the changes touch, for change tracking (adds report their store only).
    pub fn touched(&self) -> Touched {
        let mut touched = Touched::default();
        for (store, change) in &self.changes {
            touched.add(*store, change.key());
        }
        touched
    }
}

/// The records a merge re-pointed from the merged-away person to the survivor, by kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MovedRecords {
    /// Activities.
    pub activities: Vec<Activity>,
    /// Tasks.
    pub tasks: Vec<Task>,
    /// Orders.
    pub orders: Vec<Order>,
    /// Deals.
    pub deals: Vec<Deal>,
    /// Tickets.
    pub tickets: Vec<Ticket>,
}

/// The last request of an apply; requests of one transaction complete in order, so awaiting it
/// awaits them all.
/// What [`Store::apply_changes`] did.
#[derive(Default)]
pub(super) struct Applied {
    /// The stores and ids written.
    pub touched: Touched,
    /// The ids paged stores gave the records added without one, in the order they were added.
    pub added: Vec<u32>,
}

/// Compares the stored copy of a checked change's record with what the change expects; a put
/// carries over the uid the record was first stored with.
fn check(
    change: &Change,
    name: &'static str,
    key: u32,
    expect: Expect,
    stored: Option<JsValue>,
) -> StoreResult<()> {
    if let (Some(stored), Change::Put { value, .. }) = (&stored, change) {
        if let (None, Some(uid)) = (uid_of(value), uid_of(stored)) {
            set_uid(value, &uid).map_err(|e| StoreError::Browser(format!("{e:?}")))?;
        }
    }
    let as_expected = match (expect, &stored) {
        (Expect::Revision(0), None) | (Expect::AbsentOrTombstone(_), None) => true,
        (Expect::Revision(revision), Some(value)) => stored_revision(value) == revision,
        (Expect::AbsentOrTombstone(revision), Some(value)) => {
            stored_revision(value) == revision && super::pages::is_tombstone(value)
        }
        _ => false,
    };
    if as_expected {
        Ok(())
    } else {
        Err(StoreError::Conflict {
            store: name,
            id: key,
        })
    }
}

/// Reads the pages the changes to paged stores need, in one round per store (two when records
/// are added without an id: those get the store's next ids, and their pages are read after).
/// Returns the ids given.
async fn read_pages(
    transaction: &idb::Transaction,
    changes: &[(StoreName, Change)],
    pages: &mut PageWrites,
    version: u32,
) -> StoreResult<Vec<u32>> {
    let mut paged: Vec<StoreName> = changes
        .iter()
        .map(|(store, _)| *store)
        .filter(|store| store.paged_at(version))
        .collect();
    hearth_domain::sort::sort_by(&mut paged, StoreName::cmp);
    paged.dedup();
    // The pages of every id the changes name (after new records got theirs, only those).
    async fn read_named(
        transaction: &idb::Transaction,
        changes: &[(StoreName, Change)],
        paged: &[StoreName],
        pages: &mut PageWrites,
    ) -> StoreResult<()> {
        for &store in paged {
            let ids = changes
                .iter()
                .filter(|(of, _)| *of == store)
                .filter_map(|(_, change)| change.key());
            pages.read(transaction, store, ids).await?;
        }
        Ok(())
    }
    read_named(transaction, changes, &paged, pages).await?;
    let mut added = Vec::new();
    for (store, change) in changes {
        if let (true, Change::Add(value)) = (store.paged_at(version), change) {
            if super::key_of(value).is_none() {
                let id = pages.take_id(*store);
                js_sys::Reflect::set(value, &"id".into(), &JsValue::from(id))
                    .map_err(|e| StoreError::Browser(format!("{e:?}")))?;
                added.push(id);
            }
        }
    }
    read_named(transaction, changes, &paged, pages).await?;
    Ok(added)
}

/// Appends the order facts' correction for the orders `changes` write: each named once, with the
/// revenue lines of what the last change to it writes (none for a deletion, a tombstone or an
/// order that is not revenue).
async fn correct_order_facts(
    transaction: &idb::Transaction,
    changes: &[(StoreName, Change)],
) -> StoreResult<()> {
    let mut written: Vec<(u32, Option<&JsValue>)> = Vec::new();
    for (_, change) in changes
        .iter()
        .rev()
        .filter(|(s, _)| *s == StoreName::Orders)
    {
        let Some(id) = change.key() else {
            continue;
        };
        if written.iter().any(|&(named, _)| named == id) {
            continue;
        }
        let value = match change {
            Change::Put { value, .. } | Change::Add(value) => Some(value),
            Change::Delete { .. } => None,
        };
        written.push((id, value));
    }
    let mut lines = OrderFacts::default();
    for &(_, value) in &written {
        let Some(value) = value else {
            continue;
        };
        let order: Order = super::from_js(StoreName::Orders.as_str(), value.clone())?;
        if order.deleted_at.is_none() && order.is_revenue() {
            lines.push_order(&order);
        }
    }
    let named: Vec<u32> = written.iter().map(|&(id, _)| id).collect();
    super::facts::correct(transaction, &named, &lines).await
}

enum Pending {
    Put(idb::request::PutStoreRequest),
    Add(idb::request::AddStoreRequest),
    Delete(idb::request::DeleteStoreRequest),
}

impl Store {
    /// Applies `changes` in one read-write transaction over the stores they touch: first every
    /// check-and-set (one read per checked key, in the same transaction, so nothing can slip in
    /// between), then the writes. A record whose stored revision moved fails the whole set with
    /// [`StoreError::Conflict`] and nothing is written.
    pub async fn apply(&self, changes: ChangeSet) -> StoreResult<Touched> {
        self.apply_changes(changes)
            .await
            .map(|applied| applied.touched)
    }

    /// [`Store::apply`], also telling the ids paged stores gave the records added without one.
    pub(super) async fn apply_changes(&self, changes: ChangeSet) -> StoreResult<Applied> {
        let Some((last_store, _)) = changes.changes.last() else {
            return Ok(Applied::default());
        };
        let last_name = last_store.as_str();
        let mut stores: Vec<StoreName> = changes.changes.iter().map(|(store, _)| *store).collect();
        // A few orders written correct the order facts in this transaction (the facts store in
        // it, it is not cleared); more drop them.
        let order_writes = stores.iter().filter(|&&s| s == StoreName::Orders).count();
        let corrects_facts = self.is_paged(StoreName::Orders)
            && (1..=super::facts::MAX_CORRECTED_ORDERS).contains(&order_writes);
        if corrects_facts {
            stores.push(StoreName::OrderFacts);
        }
        hearth_domain::sort::sort_by_key(&mut stores, |store| store.as_str());
        stores.dedup();
        let transaction =
            self.transaction_with(&stores, TransactionMode::ReadWrite, changes.durability)?;
        let outcome = async {
            let mut pages = PageWrites::default();
            let added =
                read_pages(&transaction, &changes.changes, &mut pages, self.version).await?;
            let mut checks = Vec::new();
            for (index, (store, change)) in changes.changes.iter().enumerate() {
                let Some((key, expect)) = change.checked() else {
                    continue;
                };
                if self.is_paged(*store) {
                    let stored = pages.get(*store, key).cloned();
                    check(
                        &changes.changes[index].1,
                        store.as_str(),
                        key,
                        expect,
                        stored,
                    )?;
                    continue;
                }
                let name = store.as_str();
                let idb_error = move |e| StoreError::from_idb(name, e);
                let object_store = transaction.object_store(name).map_err(idb_error)?;
                // Listening now: answers that arrive before their turn to be awaited are kept.
                let read = object_store
                    .get(Query::Key(JsValue::from(key)))
                    .map_err(idb_error)?
                    .into_future();
                checks.push((index, name, key, expect, read));
            }
            for (index, name, key, expect, read) in checks {
                let stored = read.await.map_err(|e| StoreError::from_idb(name, e))?;
                check(&changes.changes[index].1, name, key, expect, stored)?;
            }
            // Before the writes: nothing below awaits until their last request.
            if corrects_facts {
                correct_order_facts(&transaction, &changes.changes).await?;
            }
            let mut last = None;
            for (store, change) in &changes.changes {
                let name = store.as_str();
                let idb_error = move |e| StoreError::from_idb(name, e);
                // A record without a stored uid to carry over gets a new one.
                if let Change::Put { value, .. } = change {
                    ensure_uid(value).map_err(|e| StoreError::Browser(format!("{e:?}")))?;
                }
                if self.is_paged(*store) {
                    match change {
                        Change::Put { value, .. } => pages.put(*store, value.clone())?,
                        Change::Add(value) => {
                            let key = super::key_of(value).unwrap_or_default();
                            if pages.get(*store, key).is_some() {
                                return Err(StoreError::Constraint {
                                    store: name,
                                    detail: format!("a record with id {key} exists"),
                                });
                            }
                            pages.put(*store, value.clone())?;
                        }
                        Change::Delete { key, .. } => pages.delete(*store, *key),
                    }
                    continue;
                }
                let object_store = transaction.object_store(name).map_err(idb_error)?;
                last = Some(match change {
                    Change::Put { value, .. } => {
                        Pending::Put(object_store.put(value, None).map_err(idb_error)?)
                    }
                    Change::Add(value) => {
                        Pending::Add(object_store.add(value, None).map_err(idb_error)?)
                    }
                    Change::Delete { key, .. } => Pending::Delete(
                        object_store
                            .delete(Query::Key(JsValue::from(*key)))
                            .map_err(idb_error)?,
                    ),
                });
            }
            // Requests answer in order: the last one made answering means all have.
            if let Some(pages_written) = pages.flush(&transaction, self.version)? {
                pages_written.await?;
                return Ok(added);
            }
            let idb_error = move |e| StoreError::from_idb(last_name, e);
            match last {
                Some(Pending::Put(request)) => request.await.map(drop).map_err(idb_error)?,
                Some(Pending::Add(request)) => request.await.map(drop).map_err(idb_error)?,
                Some(Pending::Delete(request)) => request.await.map(drop).map_err(idb_error)?,
                None => {}
            }
            Ok(added)
        }
        .await;
        let added = Store::finish(last_name, transaction, outcome).await?;
        // After the writes: records added to a paged store have their ids by now.
        let touched = changes.touched();
        self.committed(&touched);
        Ok(Applied { touched, added })
    }

    /// The records that point at `person`: what a merge moves.
    pub async fn records_of_person(&self, person: PersonId) -> StoreResult<MovedRecords> {
        let records = self.timeline_of(super::Subject::Person(person)).await?;
        Ok(MovedRecords {
            activities: records.activities,
            tasks: records.tasks,
            orders: records.orders,
            deals: records.deals,
            tickets: records.tickets,
        })
    }

    /// Moves `records` to the trash in one transaction, as one restorable `batch`.
    pub async fn trash(
        &self,
        records: &[TrashedRecord],
        deleted_at: chrono::DateTime<chrono::Utc>,
        batch: u64,
    ) -> StoreResult<()> {
        let mut changes = ChangeSet::default();
        for record in records {
            changes.trash(record.clone(), deleted_at, batch)?;
        }
        self.apply(changes).await.map(drop)
    }

    /// Puts trashed records back and removes their entries, in one transaction. A record that no
    /// longer passes validation fails the whole restore, naming it.
    pub async fn restore(&self, entries: &[TrashEntry]) -> StoreResult<()> {
        let mut changes = ChangeSet::default();
        for entry in entries {
            changes.untrash(&entry.record)?;
            changes.delete_trash_entry(entry.id);
        }
        self.apply(changes).await.map(drop)
    }

    /// Every trash entry of one `batch`.
    pub async fn trash_batch(&self, batch: u64) -> StoreResult<Vec<TrashEntry>> {
        self.find_by_index(
            "by_batch",
            super::KeyRange::Only(JsValue::from(batch as f64)),
        )
        .await
    }

    /// Merges `other` into `survivor` in one transaction: the survivor takes the fields in
    /// `from_other` and the union of both lists, every activity, task, order, deal and ticket of
    /// `other` moves to the survivor, and `other` goes to the trash under `batch`. Returns what
    /// moved, so the merge can be undone.
    pub async fn merge_people(
        &self,
        survivor: &Person,
        other: &Person,
        from_other: &[MergeField],
        now: chrono::DateTime<chrono::Utc>,
        batch: u64,
    ) -> StoreResult<MovedRecords> {
        let merged = duplicates::merge(survivor, other, from_other, now);
        let moved = self.records_of_person(other.id).await?;
        let mut changes = ChangeSet::default();
        changes.put(&merged)?;
        moved.repoint(survivor.id, &mut changes)?;
        changes.trash(TrashedRecord::Person(other.clone()), now, batch)?;
        self.apply(changes).await?;
        Ok(moved.revised())
    }
}

impl MovedRecords {
    /// The records as they were, each with the revision its move wrote: what undoing the merge
    /// expects to find stored.
    fn revised(mut self) -> MovedRecords {
        fn up<R: Record>(records: &mut [R]) {
            records
                .iter_mut()
                .for_each(|record| record.set_revision(record.revision() + 1));
        }
        up(&mut self.activities);
        up(&mut self.tasks);
        up(&mut self.orders);
        up(&mut self.deals);
        up(&mut self.tickets);
        self
    }

    /// Adds every record here to `changes`, pointed at `person`.
    pub fn repoint(&self, person: PersonId, changes: &mut ChangeSet) -> StoreResult<()> {
        self.write(Some(person), changes)
    }

    /// Adds every record here to `changes` exactly as it is (undoing a merge).
    pub fn put_back(&self, changes: &mut ChangeSet) -> StoreResult<()> {
        self.write(None, changes)
    }

    fn write(&self, person: Option<PersonId>, changes: &mut ChangeSet) -> StoreResult<()> {
        fn each<R: Record + Clone>(
            records: &[R],
            set: impl Fn(&mut R),
            changes: &mut ChangeSet,
        ) -> StoreResult<()> {
            for record in records {
                let mut record = record.clone();
                set(&mut record);
                changes.put(&record)?;
            }
            Ok(())
        }
        let Some(person) = person else {
            each(&self.activities, |_| {}, changes)?;
            each(&self.tasks, |_| {}, changes)?;
            each(&self.orders, |_| {}, changes)?;
            each(&self.deals, |_| {}, changes)?;
            return each(&self.tickets, |_| {}, changes);
        };
        each(&self.activities, |r| r.person_id = Some(person), changes)?;
        each(&self.tasks, |r| r.person_id = Some(person), changes)?;
        each(&self.orders, |r| r.person_id = person, changes)?;
        each(&self.deals, |r| r.person_id = Some(person), changes)?;
        each(&self.tickets, |r| r.person_id = Some(person), changes)
    }
}
