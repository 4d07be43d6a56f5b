//! The IndexedDB schema as data: every object store and index with the schema version that added it.
//!
//! Opening at version N runs each step whose version lies in (old, N], so a database from any older
//! release migrates forward, and tests can create one at an older version.

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 17;

/// The object stores: one per kind of record, plus `meta` for workspace-level facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StoreName {
    /// People.
    People,
    /// Companies.
    Companies,
    /// Products.
    Products,
    /// Orders with embedded line items.
    Orders,
    /// Pipelines with embedded stages.
    Pipelines,
    /// Deals.
    Deals,
    /// Activities.
    Activities,
    /// Tasks.
    Tasks,
    /// Tickets.
    Tickets,
    /// Campaigns.
    Campaigns,
    /// Custom field definitions.
    CustomFields,
    /// Saved list views.
    SavedViews,
    /// Deleted people and companies, until restored or emptied.
    Trash,
    /// The import history: one record per import.
    Imports,
    /// What each written batch of an import needs to be reverted.
    ImportBatches,
    /// Workspace facts (how it was created, data version), keyed by `key`.
    Meta,
    /// The lines of revenue orders as typed-array columns in chunks, for analytics: derived from
    /// `Orders`, cleared by every transaction that writes orders, rebuilt on the next analysis.
    OrderFacts,
}

impl StoreName {
    /// Every store that holds records (all but `Meta` and the derived `OrderFacts`), in the order a
    /// workspace is written.
    pub const RECORDS: [StoreName; 15] = [
        StoreName::Companies,
        StoreName::People,
        StoreName::Products,
        StoreName::Campaigns,
        StoreName::Orders,
        StoreName::Pipelines,
        StoreName::Deals,
        StoreName::Activities,
        StoreName::Tasks,
        StoreName::Tickets,
        StoreName::CustomFields,
        StoreName::SavedViews,
        StoreName::Trash,
        StoreName::Imports,
        StoreName::ImportBatches,
    ];

    /// Every store: the record stores, then `Meta` and `OrderFacts`.
    pub const ALL: [StoreName; 17] = {
        let mut all = [StoreName::Meta; 17];
        let mut i = 0;
        while i < StoreName::RECORDS.len() {
            all[i] = StoreName::RECORDS[i];
            i += 1;
        }
        all[16] = StoreName::OrderFacts;
        all
    };

    /// The stores analyses read (through the order facts and the reports' lookups): a write to
    /// any other (a saved view, a note) leaves analysis results current.
    pub const ANALYSED: [StoreName; 9] = [
        StoreName::People,
        StoreName::Companies,
        StoreName::Products,
        StoreName::Orders,
        StoreName::OrderFacts,
        StoreName::Pipelines,
        StoreName::Deals,
        StoreName::Tickets,
        StoreName::CustomFields,
    ];

    /// The store named `name` ([`StoreName::as_str`]'s inverse).
    pub fn from_name(name: &str) -> Option<StoreName> {
        StoreName::ALL
            .into_iter()
            .find(|store| store.as_str() == name)
    }

    /// The IndexedDB object store name.
    pub fn as_str(self) -> &'static str {
        match self {
            StoreName::People => "people",
            StoreName::Companies => "companies",
            StoreName::Products => "products",
            StoreName::Orders => "orders",
            StoreName::Pipelines => "pipelines",
            StoreName::Deals => "deals",
            StoreName::Activities => "activities",
            StoreName::Tasks => "tasks",
            StoreName::Tickets => "tickets",
            StoreName::Campaigns => "campaigns",
            StoreName::CustomFields => "custom_fields",
            StoreName::SavedViews => "saved_views",
            StoreName::Trash => "trash",
            StoreName::Imports => "imports",
            StoreName::ImportBatches => "import_batches",
            StoreName::Meta => "meta",
            StoreName::OrderFacts => "order_facts",
        }
    }

    /// The schema version that created the store.
    pub fn since(self) -> u32 {
        match self {
            StoreName::Trash => 3,
            StoreName::OrderFacts => 4,
            StoreName::Imports | StoreName::ImportBatches => 8,
            _ => STORES_SINCE,
        }
    }

    /// Whether deleted records stay in the store as tombstones (every imported entity).
    pub fn keeps_tombstones(self) -> bool {
        matches!(
            self,
            StoreName::People
                | StoreName::Companies
                | StoreName::Products
                | StoreName::Orders
                | StoreName::Tickets
                | StoreName::Deals
        )
    }

    /// Whether a database at schema `version` keeps this store's records in pages
    /// (`super::pages`) rather than one object per record.
    pub fn paged_at(self, version: u32) -> bool {
        match self {
            StoreName::People => version >= PEOPLE_PAGED_SINCE,
            StoreName::Orders => version >= ORDERS_PAGED_SINCE,
            StoreName::Tickets => version >= TICKETS_PAGED_SINCE,
            _ => false,
        }
    }

    /// The compact layout of the list snapshot kept beside each of this store's pages (see
    /// `super::pages`) at schema `version`; `None` for a store without one.
    pub fn snapshot_layout(self, version: u32) -> Option<u32> {
        match self {
            StoreName::People if version >= LIST_SNAPSHOTS_SINCE => {
                Some(hearth_domain::compact::PERSON_LAYOUT)
            }
            _ => None,
        }
    }

    /// The references a paged store is looked up by, kept in its page summaries.
    pub fn references(self) -> &'static [super::pages::Reference] {
        match self {
            StoreName::People => &[super::pages::Reference::Company],
            StoreName::Orders | StoreName::Tickets => &[super::pages::Reference::Person],
            _ => &[],
        }
    }

    /// The key path of the store's records.
    pub fn key_path(self) -> &'static str {
        match self {
            StoreName::Meta => "key",
            _ => "id",
        }
    }
}

/// An index the UI looks records up by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexDef {
    /// The store it indexes.
    pub store: StoreName,
    /// Index name.
    pub name: &'static str,
    /// Key path; several entries make a compound key.
    pub key_path: &'static [&'static str],
    /// One index entry per array element (tags, emails).
    pub multi_entry: bool,
    /// Whether two records may not share a key.
    pub unique: bool,
    /// The schema version that added it.
    pub since: u32,
    /// The schema version that dropped it, if one did.
    pub until: Option<u32>,
}

impl IndexDef {
    /// Whether a database at schema `version` has it.
    pub fn exists_at(&self, version: u32) -> bool {
        self.since <= version && self.until.is_none_or(|until| version < until)
    }
}

const fn index(
    store: StoreName,
    name: &'static str,
    key_path: &'static [&'static str],
    since: u32,
) -> IndexDef {
    IndexDef {
        store,
        name,
        key_path,
        multi_entry: false,
        unique: false,
        since,
        until: None,
    }
}

/// `index`, dropped at schema version `until`.
const fn dropped(index: IndexDef, until: u32) -> IndexDef {
    IndexDef {
        until: Some(until),
        ..index
    }
}

const fn multi_entry(
    store: StoreName,
    name: &'static str,
    field: &'static [&'static str],
    since: u32,
) -> IndexDef {
    IndexDef {
        multi_entry: true,
        ..index(store, name, field, since)
    }
}

/// The version that moved people into pages of records (one IndexedDB value per 1,024 people).
pub const PEOPLE_PAGED_SINCE: u32 = 13;

/// The version that moved orders into pages of records.
pub const ORDERS_PAGED_SINCE: u32 = 14;

/// The version that moved tickets into pages of records.
pub const TICKETS_PAGED_SINCE: u32 = 16;

/// The version that keeps a compact list snapshot beside each page of people
/// ([`StoreName::snapshot_layout`]). Nothing moves: a page without one is read as before and its
/// snapshot written then. The version is raised so that an older release, which writes pages
/// without marking their snapshots stale, can no longer open the database beside this one.
pub const LIST_SNAPSHOTS_SINCE: u32 = 17;

/// The version that created every store but those [`StoreName::since`] names.
pub const STORES_SINCE: u32 = 1;

/// Every index, with the version that added it.
pub const INDEXES: &[IndexDef] = &[
    dropped(
        index(StoreName::People, "by_company", &["company_id"], 1),
        13,
    ),
    dropped(
        index(StoreName::People, "by_updated", &["updated_at"], 1),
        11,
    ),
    dropped(
        index(StoreName::People, "by_lifecycle", &["lifecycle"], 1),
        11,
    ),
    dropped(index(StoreName::Companies, "by_name", &["name"], 1), 11),
    IndexDef {
        unique: true,
        ..index(StoreName::Products, "by_sku", &["sku"], 1)
    },
    dropped(index(StoreName::Orders, "by_person", &["person_id"], 1), 14),
    dropped(index(StoreName::Orders, "by_date", &["date"], 1), 11),
    index(
        StoreName::Deals,
        "by_stage",
        &["pipeline_id", "stage_id"],
        1,
    ),
    index(StoreName::Deals, "by_person", &["person_id"], 1),
    index(StoreName::Deals, "by_company", &["company_id"], 1),
    index(StoreName::Activities, "by_person", &["person_id"], 1),
    index(StoreName::Activities, "by_company", &["company_id"], 1),
    index(StoreName::Activities, "by_deal", &["deal_id"], 1),
    index(StoreName::Tasks, "by_due", &["due_at"], 1),
    index(StoreName::Tasks, "by_person", &["person_id"], 1),
    dropped(
        index(StoreName::Tickets, "by_person", &["person_id"], 1),
        16,
    ),
    dropped(index(StoreName::Tickets, "by_status", &["status"], 1), 16),
    index(StoreName::CustomFields, "by_entity", &["entity"], 1),
    index(StoreName::SavedViews, "by_entity", &["entity"], 1),
    // Version 2: look people and companies up by any email or tag, and companies by web domain.
    dropped(
        multi_entry(StoreName::People, "by_email", &["emails"], 2),
        11,
    ),
    dropped(multi_entry(StoreName::People, "by_tag", &["tags"], 2), 11),
    dropped(
        multi_entry(StoreName::Companies, "by_tag", &["tags"], 2),
        11,
    ),
    dropped(index(StoreName::Companies, "by_domain", &["domain"], 2), 11),
    // Version 3: the trash, restorable by the action that filled it.
    index(StoreName::Trash, "by_batch", &["batch"], 3),
    // Version 5: every record has a globally unique id; people and companies are found by it
    // (what merging two browsers' workspaces matches on).
    dropped(
        IndexDef {
            unique: true,
            ..index(StoreName::People, "by_uid", &["uid"], 5)
        },
        13,
    ),
    IndexDef {
        unique: true,
        ..index(StoreName::Companies, "by_uid", &["uid"], 5)
    },
    // Version 6: a deleted person or company stays as a tombstone; this index holds exactly the
    // tombstones (live records have no `deleted_at`), so counts leave them out.
    dropped(
        index(StoreName::People, "by_deleted", &["deleted_at"], 6),
        13,
    ),
    index(StoreName::Companies, "by_deleted", &["deleted_at"], 6),
    // Version 7: products are an entity like people and companies, deleted as tombstones too.
    index(StoreName::Products, "by_deleted", &["deleted_at"], 7),
    // Version 8: the import history, and each import's batches found by the import.
    index(StoreName::ImportBatches, "by_import", &["import"], 8),
    // Version 9: orders are an entity an import creates and a revert tombstones.
    dropped(
        index(StoreName::Orders, "by_deleted", &["deleted_at"], 9),
        14,
    ),
    // Version 10: tickets too.
    dropped(
        index(StoreName::Tickets, "by_deleted", &["deleted_at"], 10),
        16,
    ),
    // Version 11 drops the people, companies and orders indexes nothing looks records up by
    // (lists, search and imports filter in memory): each cost every bulk write of those stores.
    // Version 12: deals are an entity an import creates and a revert tombstones.
    index(StoreName::Deals, "by_deleted", &["deleted_at"], 12),
    // Version 13 keeps people in pages (`PEOPLE_PAGED_SINCE`): their page summaries hold what these
    // indexes did (company, tombstones); the uid index goes until sync needs it.
    // Version 14 keeps orders in pages (`ORDERS_PAGED_SINCE`): their summaries hold the customer
    // and the tombstones.
    // Version 15: a deal's page lists the tasks on it.
    index(StoreName::Tasks, "by_deal", &["deal_id"], 15),
    // Version 16 keeps tickets in pages (`TICKETS_PAGED_SINCE`): their summaries hold the
    // requester and the tombstones.
];

/// The version whose step rewrites every stored record, giving it a uid and a revision.
pub const RECORD_METADATA_SINCE: u32 = 5;
