//! The list cache: every list read once per version of its stores, shared by the views that
//! want it, and refreshed by reading again only the records a write touched.

use super::*;

/// Everything a list shows, loaded once per version of its stores.
pub struct ListData<K: ListKind> {
    /// In store (id) order; shared, so refreshing a few records copies no other row.
    pub(super) rows: Vec<Arc<RowOf<K>>>,
    /// The custom fields of the list's kind of record.
    pub(super) custom_fields: Vec<CustomFieldDef>,
}

impl<K: ListKind> ListData<K> {
    /// Every row, in store order.
    pub fn rows(&self) -> &[Arc<RowOf<K>>] {
        &self.rows
    }

    /// These rows with the records `ids` replaced by `fresh` (the rows of those that still
    /// exist), in one pass: what a save, a delete or a restore changes in a 100,000-row list.
    fn patched(&self, ids: &BTreeSet<u32>, fresh: Vec<RowOf<K>>) -> ListData<K> {
        let mut fresh: Vec<RowOf<K>> = fresh;
        hearth_domain::sort::sort_by_key(&mut fresh, Row::id);
        let mut fresh = fresh.into_iter().map(Arc::new).peekable();
        let mut rows = Vec::with_capacity(self.rows.len() + fresh.len());
        for row in &self.rows {
            let id = row.id();
            while let Some(new) = fresh.next_if(|new| new.id() < id) {
                rows.push(new);
            }
            if !ids.contains(&id) {
                rows.push(row.clone());
            } else if let Some(new) = fresh.next_if(|new| new.id() == id) {
                rows.push(new);
            }
        }
        rows.extend(fresh);
        ListData {
            rows,
            custom_fields: self.custom_fields.clone(),
        }
    }
}

/// A list being read or read, shared by every view that wants it.
pub(super) type SharedLoad =
    Shared<LocalBoxFuture<'static, Result<Arc<dyn Any + Send + Sync>, String>>>;

/// One list in the cache.
pub(super) struct Cached {
    /// The version of the list's stores it is read at.
    version: u64,
    /// The workspace's whole version when the read started: what changed since is what a refresh
    /// reads again.
    data_version: u64,
    /// When the read started (ms since the epoch).
    read_at: f64,
    load: SharedLoad,
}

impl Cached {
    /// Whether it is the read of `version` of `K`'s stores, and not too old for `K`.
    fn is_current<K: ListKind>(&self, version: u64) -> bool {
        self.version == version
            && K::FRESH_FOR_MS.is_none_or(|fresh| js_sys::Date::now() - self.read_at < fresh)
    }
}

/// Lists being read or already read, by kind, with the version of their stores they are read at
/// ([`crate::workspace::Workspace::track`] of [`ListKind::STORES`]): coming back to a list whose
/// data has not changed shows it at once, and leaving a list while it loads and coming back joins
/// the same read instead of starting another. When only some of the list's own records changed
/// since (a save, a delete, a bulk edit), only those are read again. Provided by the app root.
#[derive(Clone, Copy)]
pub struct ListCache(StoredValue<HashMap<EntityKind, Cached>, LocalStorage>);

impl ListCache {
    /// An empty cache.
    pub fn new() -> ListCache {
        ListCache(StoredValue::new_local(HashMap::new()))
    }

    /// Whether `K`'s list at `version` of its stores has been read already.
    pub(super) fn is_read<K: ListKind>(self, version: u64) -> bool {
        self.0.with_value(|lists| {
            lists.get(&kind_of::<K>()).is_some_and(|cached| {
                cached.is_current::<K>(version) && cached.load.peek().is_some()
            })
        })
    }

    /// `K`'s list at `version` of its stores: the read already made or running, else a refresh of
    /// the records changed since the last read, else a new read.
    pub async fn list<K: ListKind>(
        self,
        workspace: crate::workspace::Workspace,
        version: u64,
    ) -> Result<Arc<ListData<K>>, String> {
        let shared = self.0.try_update_value(|lists| {
            let previous = lists.get(&kind_of::<K>());
            if let Some(cached) = previous.filter(|cached| cached.is_current::<K>(version)) {
                return cached.load.clone();
            }
            // A list too old for its kind is read whole again: time changed every row.
            let aged = previous.is_some_and(|cached| cached.version == version);
            let refresh = previous.filter(|_| !aged).and_then(|cached| {
                let read = cached.load.peek()?.as_ref().ok()?.clone();
                let read = read.downcast::<ListData<K>>().ok()?;
                let own = <K::Entity as crate::store::Record>::STORE;
                let ids = workspace
                    .touched_since(cached.data_version)?
                    .only_records_of(own, K::STORES)?;
                Some((read, ids))
            });
            let data_version = workspace.data_version_untracked();
            let read = async move {
                let data: Arc<dyn Any + Send + Sync> = match refresh {
                    Some((read, ids)) => refreshed::<K>(workspace, read, ids).await?,
                    None => load::<K>(workspace).await?,
                };
                Ok(data)
            };
            let load = read.boxed_local().shared();
            lists.insert(
                kind_of::<K>(),
                Cached {
                    version,
                    data_version,
                    read_at: js_sys::Date::now(),
                    load: load.clone(),
                },
            );
            load
        });
        let data = shared.ok_or("the list cache is gone")?.await?;
        data.downcast::<ListData<K>>()
            .map_err(|_| "the list cache holds another kind".to_string())
    }
}

/// `read` with the records `ids` read again.
pub(super) async fn refreshed<K: ListKind>(
    workspace: crate::workspace::Workspace,
    read: Arc<ListData<K>>,
    ids: BTreeSet<u32>,
) -> Result<Arc<ListData<K>>, String> {
    if ids.is_empty() {
        return Ok(read);
    }
    let store = workspace.store().ok_or("storage is not open")?;
    let wanted: Vec<u32> = ids.iter().copied().collect();
    let fresh = K::load_ids(store, &wanted)
        .await
        .map_err(|e| e.to_string())?;
    Ok(Arc::new(read.patched(&ids, fresh)))
}

impl Default for ListCache {
    fn default() -> ListCache {
        ListCache::new()
    }
}

pub(super) async fn load<K: ListKind>(
    workspace: crate::workspace::Workspace,
) -> Result<Arc<ListData<K>>, String> {
    let Some(store) = workspace.store() else {
        return Ok(Arc::new(ListData {
            rows: Vec::new(),
            custom_fields: Vec::new(),
        }));
    };
    let custom_fields = store
        .all::<CustomFieldDef>()
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|def| def.entity == kind_of::<K>())
        .collect();
    let rows = K::load(store).await.map_err(|e| e.to_string())?;
    Ok(Arc::new(ListData {
        rows: rows.into_iter().map(Arc::new).collect(),
        custom_fields,
    }))
}
