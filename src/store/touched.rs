//! What a committed write touched: the stores, and within each the record ids when known. Caches
//! refresh only what a write touched, and other tabs hear of it through a `BroadcastChannel`.

use super::StoreName;
use std::collections::{BTreeMap, BTreeSet};

/// The stores a write touched and, per store, the ids it wrote or deleted (`None`: ids unknown,
/// such as records added under new ids or a store replaced whole).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched(BTreeMap<StoreName, Option<BTreeSet<u32>>>);

impl Touched {
    /// Record `id` of `store` alone.
    pub fn one(store: StoreName, id: u32) -> Touched {
        let mut touched = Touched::default();
        touched.add(store, Some(id));
        touched
    }

    /// Every store, whole (a workspace replaced).
    pub fn everything() -> Touched {
        // Inserted one by one: collecting into a map sorts first, one more compiled sort.
        let mut touched = Touched::default();
        for store in StoreName::ALL {
            touched.0.insert(store, None);
        }
        touched
    }

    /// Adds record `id` of `store`, or the whole store when the id is unknown.
    pub fn add(&mut self, store: StoreName, id: Option<u32>) {
        let ids = self.0.entry(store).or_insert_with(|| Some(BTreeSet::new()));
        match (ids, id) {
            (Some(ids), Some(id)) => {
                ids.insert(id);
            }
            (ids, None) => *ids = None,
            (None, Some(_)) => {}
        }
    }

    /// Every store touched.
    pub fn stores(&self) -> impl Iterator<Item = StoreName> + '_ {
        self.0.keys().copied()
    }

    /// The ids touched in `store`: `None` if the store was not touched, `Some(None)` if ids are
    /// unknown.
    pub fn ids(&self, store: StoreName) -> Option<Option<&BTreeSet<u32>>> {
        self.0.get(&store).map(Option::as_ref)
    }

    /// The ids of `own` it touched, if it touched no other store of `read` and knows those ids:
    /// what a view reading `read` reads again instead of everything (a renamed company changes
    /// people's rows too, a new custom field a list's columns: those read everything again).
    pub fn only_records_of(&self, own: StoreName, read: &[StoreName]) -> Option<BTreeSet<u32>> {
        let mut ids = BTreeSet::new();
        for store in read {
            match self.ids(*store) {
                None => {}
                Some(Some(touched)) if *store == own => ids.extend(touched),
                Some(_) => return None,
            }
        }
        Some(ids)
    }

    /// Whether nothing was touched.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds everything `other` touched.
    pub fn extend(&mut self, other: &Touched) {
        for (store, ids) in &other.0 {
            match ids {
                None => self.add(*store, None),
                Some(ids) if ids.is_empty() => {
                    self.0
                        .entry(*store)
                        .or_insert_with(|| Some(BTreeSet::new()));
                }
                Some(ids) => ids.iter().for_each(|id| self.add(*store, Some(*id))),
            }
        }
    }

    /// A compact text form for other tabs: `store:1,2;store:*`.
    pub fn encode(&self) -> String {
        self.0
            .iter()
            .map(|(store, ids)| {
                let ids = match ids {
                    None => "*".to_string(),
                    Some(ids) => ids.iter().map(u32::to_string).collect::<Vec<_>>().join(","),
                };
                format!("{}:{ids}", store.as_str())
            })
            .collect::<Vec<_>>()
            .join(";")
    }

    /// Reads [`Touched::encode`]'s form; unknown stores and malformed parts are skipped.
    pub fn decode(text: &str) -> Touched {
        let mut touched = Touched::default();
        for part in text.split(';') {
            let Some((name, ids)) = part.split_once(':') else {
                continue;
            };
            let Some(store) = StoreName::from_name(name) else {
                continue;
            };
            if ids == "*" {
                touched.add(store, None);
                continue;
            }
            touched
                .0
                .entry(store)
                .or_insert_with(|| Some(BTreeSet::new()));
            for id in ids.split(',').filter_map(|id| id.parse().ok()) {
                touched.add(store, Some(id));
            }
        }
        touched
    }
}
