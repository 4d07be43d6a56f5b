//! Several writes and deletes, across stores, that land together in one transaction or not at all:
//! what bulk edits, moving records to the trash and back, and merging duplicates are made of.

use super::{to_js, validated, Record, Store, StoreError, StoreName, StoreResult};
use hearth_domain::duplicates::{self, MergeField};
use hearth_domain::*;
use idb::{Query, TransactionMode};
use wasm_bindgen::JsValue;

enum Change {
    /// Insert or replace under the record's own id.
    Put(JsValue),
    /// Insert under a new id from the store's key generator.
    Add(JsValue),
    /// Delete the record with this id.
    Delete(u32),
}

/// Validated, serialized changes waiting for [`Store::apply`].
#[derive(Default)]
pub struct ChangeSet {
    changes: Vec<(StoreName, Change)>,
}

impl ChangeSet {
    /// Writes `record` under its id (validated now: an invalid record fails before anything runs).
    pub fn put<R: Record>(&mut self, record: &R) -> StoreResult<()> {
        validated(record)?;
        let value = to_js(R::STORE.as_str(), record)?;
        self.changes.push((R::STORE, Change::Put(value)));
        Ok(())
    }

    /// Adds `record` under a new id.
    pub fn add<R: Record>(&mut self, record: &R) -> StoreResult<()> {
        validated(record)?;
        let value = to_js(R::STORE.as_str(), record)?;
        // Without a key the store's key generator assigns the next id.
        js_sys::Reflect::delete_property(&value.clone().into(), &"id".into())
            .map_err(|e| StoreError::Browser(format!("{e:?}")))?;
        self.changes.push((R::STORE, Change::Add(value)));
        Ok(())
    }

    /// Deletes the `R` with `id`.
    pub fn delete<R: Record>(&mut self, id: u32) {
        self.changes.push((R::STORE, Change::Delete(id)));
    }

    /// Moves `record` to the trash under `batch`.
    pub fn trash(
        &mut self,
        record: TrashedRecord,
        deleted_at: chrono::DateTime<chrono::Utc>,
        batch: u64,
    ) -> StoreResult<()> {
        match &record {
            TrashedRecord::Person(person) => self.delete::<Person>(person.id.0),
            TrashedRecord::Company(company) => self.delete::<Company>(company.id.0),
        }
        self.add(&TrashEntry {
            id: TrashId(0),
            record,
            deleted_at,
            batch,
        })
    }

    /// Writes a person or company back as it was (a restore, an undo).
    pub fn put_back(&mut self, record: &TrashedRecord) -> StoreResult<()> {
        match record {
            TrashedRecord::Person(person) => self.put(person),
            TrashedRecord::Company(company) => self.put(company),
        }
    }

    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
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
enum Pending {
    Put(idb::request::PutStoreRequest),
    Add(idb::request::AddStoreRequest),
    Delete(idb::request::DeleteStoreRequest),
}

impl Store {
    /// Applies `changes` in one read-write transaction over the stores they touch.
    pub async fn apply(&self, changes: ChangeSet) -> StoreResult<()> {
        let Some((last_store, _)) = changes.changes.last() else {
            return Ok(());
        };
        let last_name = last_store.as_str();
        let mut stores: Vec<StoreName> = changes.changes.iter().map(|(store, _)| *store).collect();
        stores.sort_by_key(|store| store.as_str());
        stores.dedup();
        let transaction = self.transaction(&stores, TransactionMode::ReadWrite)?;
        let outcome = async {
            let mut last = None;
            for (store, change) in &changes.changes {
                let name = store.as_str();
                let idb_error = move |e| StoreError::from_idb(name, e);
                let object_store = transaction.object_store(name).map_err(idb_error)?;
                last = Some(match change {
                    Change::Put(value) => {
                        Pending::Put(object_store.put(value, None).map_err(idb_error)?)
                    }
                    Change::Add(value) => {
                        Pending::Add(object_store.add(value, None).map_err(idb_error)?)
                    }
                    Change::Delete(id) => Pending::Delete(
                        object_store
                            .delete(Query::Key(JsValue::from(*id)))
                            .map_err(idb_error)?,
                    ),
                });
            }
            let idb_error = move |e| StoreError::from_idb(last_name, e);
            match last {
                Some(Pending::Put(request)) => request.await.map(drop).map_err(idb_error),
                Some(Pending::Add(request)) => request.await.map(drop).map_err(idb_error),
                Some(Pending::Delete(request)) => request.await.map(drop).map_err(idb_error),
                None => Ok(()),
            }
        }
        .await;
        Store::finish(last_name, transaction, outcome).await
    }

    /// Every record of `R` whose `person_id` is `person`.
    async fn of_person<R: Record>(&self, person: PersonId) -> StoreResult<Vec<R>> {
        self.find_by_index("by_person", super::KeyRange::Only(JsValue::from(person.0)))
            .await
    }

    /// The records that point at `person`: what a merge moves.
    pub async fn records_of_person(&self, person: PersonId) -> StoreResult<MovedRecords> {
        Ok(MovedRecords {
            activities: self.of_person(person).await?,
            tasks: self.of_person(person).await?,
            orders: self.of_person(person).await?,
            deals: self.of_person(person).await?,
            tickets: self.of_person(person).await?,
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
        self.apply(changes).await
    }

    /// Puts trashed records back and removes their entries, in one transaction. A record that no
    /// longer passes validation fails the whole restore, naming it.
    pub async fn restore(&self, entries: &[TrashEntry]) -> StoreResult<()> {
        let mut changes = ChangeSet::default();
        for entry in entries {
            changes.put_back(&entry.record)?;
            changes.delete::<TrashEntry>(entry.id.0);
        }
        self.apply(changes).await
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
        Ok(moved)
    }
}

impl MovedRecords {
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
