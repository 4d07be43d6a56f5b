//! Imports in the store: each batch lands in one transaction with what reverting it needs and the
//! history entry's new counts, so a cancel, a closed tab or a full disk between batches leaves
//! whole batches and a history that says how far it got; a revert undoes an import in one.

use super::{ChangeSet, Record, Store, StoreError, StoreName, StoreResult};
use hearth_domain::entity::Entity;
use hearth_domain::imports::{ImportBatch, ImportRecord, ImportStatus};
use hearth_domain::{
    Company, Deal, EntityKind, ImportId, Order, Person, Product, Ticket, TrashedRecord,
};
use idb::{CursorDirection, TransactionMode};
use std::collections::HashMap;
use wasm_bindgen::JsValue;

/// What a revert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Reverted {
    /// Records moved to the trash (created by the import) or put back as they were (changed by it).
    pub reverted: u64,
    /// Records left alone because they changed after the import.
    pub skipped: u64,
}

/// A record kind an import writes.
pub trait Importable: Record + Entity + Into<TrashedRecord> {
    /// The record, if `trashed` is one of this kind.
    fn from_trashed(trashed: &TrashedRecord) -> Option<&Self>;
}

macro_rules! importable {
    ($($type:ident),+) => {$(
        impl Importable for $type {
            fn from_trashed(trashed: &TrashedRecord) -> Option<&$type> {
                match trashed {
                    TrashedRecord::$type(record) => Some(record),
                    _ => None,
                }
            }
        }
    )+};
}

importable!(Person, Company, Product, Order, Ticket, Deal);

/// The records a batch of an import creates because its rows named them (a person's company, an
/// order's customer and products).
#[derive(Debug, Clone, Default)]
pub struct NamedRecords {
    /// Companies named by people.
    pub companies: Vec<Company>,
    /// Customers named by orders.
    pub people: Vec<Person>,
    /// Products named by order lines.
    pub products: Vec<Product>,
}

impl Store {
    /// One more than the largest key in `store` (tombstones included, so no id is ever given
    /// twice): where an import numbers its new records.
    pub async fn next_key(&self, store: StoreName) -> StoreResult<u32> {
        let name = store.as_str();
        let idb_error = move |e| StoreError::from_idb(name, e);
        let transaction = self.transaction(&[store], TransactionMode::ReadOnly)?;
        if self.is_paged(store) {
            return super::pages::next_id(&transaction, store).await;
        }
        let cursor = transaction
            .object_store(name)
            .map_err(idb_error)?
            .open_key_cursor(None, Some(CursorDirection::Prev))
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        let last = match cursor {
            Some(cursor) => cursor.key().map_err(idb_error)?.as_f64().unwrap_or(0.0),
            None => 0.0,
        };
        Ok(last as u32 + 1)
    }

    /// Writes one batch of an import in one transaction: the records its rows named that did
    /// not exist, its new records (refused if anything is stored under their ids), its changed
    /// records (checked and set against the revision they were read at), what reverting it needs,
    /// and the history entry `import` (its counts so far), which is returned one revision up.
    pub async fn write_import_batch<E: Importable + Clone>(
        &self,
        import: &ImportRecord,
        created: &[E],
        updated: &[E],
        named: &NamedRecords,
        undo: &ImportBatch,
    ) -> StoreResult<ImportRecord> {
        let mut changes = ChangeSet::default().relaxed();
        for company in &named.companies {
            changes.create(company)?;
        }
        for person in &named.people {
            changes.create(person)?;
        }
        for product in &named.products {
            changes.create(product)?;
        }
        for record in created {
            changes.create(record)?;
        }
        for record in updated {
            changes.put(record)?;
        }
        changes.add(undo)?;
        changes.put(import)?;
        self.apply(changes).await?;
        let mut stored = import.clone();
        stored.revision += 1;
        Ok(stored)
    }

    /// The history, newest first.
    pub async fn imports(&self) -> StoreResult<Vec<ImportRecord>> {
        let mut imports: Vec<ImportRecord> = self.all().await?;
        imports.reverse();
        Ok(imports)
    }

    /// Undoes import `id` in one transaction: what it created goes to the trash (one trash batch),
    /// what it changed is put back as it was before the import; a record changed since the
    /// import is left as it is and counted. The history entry says it was reverted.
    pub async fn revert_import(
        &self,
        id: ImportId,
        now: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<Reverted> {
        let import: ImportRecord = self.get(id.0).await?.ok_or(StoreError::Conflict {
            store: StoreName::Imports.as_str(),
            id: id.0,
        })?;
        let batches: Vec<ImportBatch> = self.by_index("by_import", JsValue::from(id.0)).await?;
        // The revision each record was last written at by this import.
        let mut written: HashMap<(EntityKind, u32), u64> = HashMap::new();
        for batch in &batches {
            for (kind, record, revision) in &batch.written {
                let last = written.entry((*kind, *record)).or_default();
                *last = (*last).max(*revision);
            }
        }
        let mut changes = ChangeSet::default();
        let mut outcome = Reverted::default();
        let trash_batch = now.timestamp_millis() as u64;
        let mut revert = ReversalPlan {
            changes: &mut changes,
            outcome: &mut outcome,
            written: &written,
            now,
            trash_batch,
        };
        match import.entity {
            EntityKind::Person => revert.add::<Person>(self, &batches).await?,
            EntityKind::Company => revert.add::<Company>(self, &batches).await?,
            EntityKind::Product => revert.add::<Product>(self, &batches).await?,
            EntityKind::Order => revert.add::<Order>(self, &batches).await?,
            EntityKind::Ticket => revert.add::<Ticket>(self, &batches).await?,
            EntityKind::Deal => revert.add::<Deal>(self, &batches).await?,
            // No import writes campaigns (see `analysis::import::run`).
            EntityKind::Campaign => {}
        }
        let named = |ids: fn(&ImportBatch) -> &Vec<u32>| -> Vec<u32> {
            batches
                .iter()
                .flat_map(|b| ids(b).iter().copied())
                .collect()
        };
        revert
            .trash_created::<Company>(self, &named(|b| &b.created_companies))
            .await?;
        revert
            .trash_created::<Person>(self, &named(|b| &b.created_people))
            .await?;
        revert
            .trash_created::<Product>(self, &named(|b| &b.created_products))
            .await?;
        let mut reverted = import;
        reverted.status = ImportStatus::Reverted {
            at: now,
            skipped: outcome.skipped,
        };
        changes.put(&reverted)?;
        self.apply(changes).await?;
        Ok(outcome)
    }
}

/// The changes that revert an import, gathered kind by kind.
struct ReversalPlan<'a> {
    changes: &'a mut ChangeSet,
    outcome: &'a mut Reverted,
    written: &'a HashMap<(EntityKind, u32), u64>,
    now: chrono::DateTime<chrono::Utc>,
    trash_batch: u64,
}

impl ReversalPlan<'_> {
    /// Whether `record` is still as the import left it.
    fn untouched<E: Importable>(&mut self, record: &E) -> bool {
        let unchanged = self.written.get(&(E::KIND, record.key())) == Some(&record.revision());
        if !unchanged {
            self.outcome.skipped += 1;
        }
        unchanged
    }

    /// Trashes the records of `E` with ids `created`, where untouched since.
    async fn trash_created<E: Importable + Clone>(
        &mut self,
        store: &Store,
        created: &[u32],
    ) -> StoreResult<()> {
        for record in store.get_many::<E>(created).await? {
            if self.untouched(&record) {
                self.changes
                    .trash(record.into(), self.now, self.trash_batch)?;
                self.outcome.reverted += 1;
            }
        }
        Ok(())
    }

    /// Reverts the records of `E` that `batches` created or changed.
    async fn add<E: Importable + Clone>(
        &mut self,
        store: &Store,
        batches: &[ImportBatch],
    ) -> StoreResult<()> {
        let created: Vec<u32> = batches
            .iter()
            .flat_map(|batch| batch.created.iter().copied())
            .collect();
        self.trash_created::<E>(store, &created).await?;
        let previous: Vec<&E> = batches
            .iter()
            .flat_map(|batch| batch.previous.iter().filter_map(E::from_trashed))
            .collect();
        let ids: Vec<u32> = previous.iter().map(|record| record.key()).collect();
        let current: HashMap<u32, E> = store
            .get_many::<E>(&ids)
            .await?
            .into_iter()
            .map(|record| (record.key(), record))
            .collect();
        for before in previous {
            let Some(now) = current.get(&before.key()) else {
                self.outcome.skipped += 1;
                continue;
            };
            if self.untouched(now) {
                // As it was, written over the import's copy (check-and-set against that).
                let mut back = before.clone();
                back.set_revision(now.revision());
                self.changes.put(&back)?;
                self.outcome.reverted += 1;
            }
        }
        Ok(())
    }
}
