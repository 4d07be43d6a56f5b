//! Typed lookups by the records' indexes: pages ask for "the timeline of this person" or "the
//! saved views of people", never name an index or build a key themselves, and each lookup is one
//! transaction however many indexes it reads.

use super::{Record, Store, StoreError, StoreName, StoreResult};
use chrono::{DateTime, Utc};
use hearth_domain::sort::sort_by_key;
use hearth_domain::*;
use idb::{Query, TransactionMode};
use std::collections::HashMap;
use std::future::IntoFuture;
use wasm_bindgen::JsValue;

/// A record that points at a person through its `by_person` index.
pub trait PersonLinked: Record {}
impl PersonLinked for Activity {}
impl PersonLinked for Task {}
impl PersonLinked for Order {}
impl PersonLinked for Deal {}
impl PersonLinked for Ticket {}

/// Whose timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A person's own.
    Person(PersonId),
    /// A company's and everyone's who works there.
    Company(CompanyId),
    /// What was logged and planned on a deal: its activities and tasks.
    Deal(DealId),
}

/// What a timeline is made of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimelineRecords {
    /// The people of a company (empty for a person's timeline).
    pub people: Vec<Person>,
    /// Notes, calls, emails and meetings.
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

/// The stores a timeline reads.
pub const TIMELINE_STORES: [StoreName; 6] = [
    StoreName::People,
    StoreName::Activities,
    StoreName::Tasks,
    StoreName::Orders,
    StoreName::Deals,
    StoreName::Tickets,
];

/// Records as (id, the texts naming it), and the id the next new one gets.
pub type ReferenceKeys = (Vec<(u32, Vec<String>)>, u32);

impl Store {
    /// The store holding the records of `kind` a reference field can point to; `None` for kinds
    /// nothing refers to.
    pub fn reference_store(kind: EntityKind) -> Option<StoreName> {
        Some(match kind {
            EntityKind::Person => StoreName::People,
            EntityKind::Company => StoreName::Companies,
            EntityKind::Product => StoreName::Products,
            _ => return None,
        })
    }

    /// The names rows joining people and companies show: of the people `people` (only those:
    /// people are stored in pages, and reading one reads the page around them) and of every
    /// company, by id.
    pub async fn party_names(
        &self,
        people: impl IntoIterator<Item = u32>,
    ) -> StoreResult<PartyNames> {
        Ok(PartyNames {
            people: self.person_names(people).await?,
            companies: self
                .names_of(EntityKind::Company, None)
                .await?
                .into_iter()
                .collect(),
        })
    }

    /// The (id, name) of every live record of `kind` (see [`Store::reference_store`]), or only
    /// of those with the ids `only`.
    pub async fn names_of(
        &self,
        kind: EntityKind,
        only: Option<&[u32]>,
    ) -> StoreResult<Vec<(u32, String)>> {
        async fn names<E: entity::Entity + Record>(
            store: &Store,
            only: Option<&[u32]>,
        ) -> StoreResult<Vec<(u32, String)>> {
            let records = match only {
                Some(ids) => store.get_named::<E>(ids.iter().copied()).await?,
                None => store.all::<E>().await?,
            };
            Ok(records
                .into_iter()
                .map(|record| (record.id(), record.name()))
                .collect())
        }
        match kind {
            EntityKind::Person => names::<Person>(self, only).await,
            EntityKind::Company => names::<Company>(self, only).await,
            EntityKind::Product => names::<Product>(self, only).await,
            _ => Ok(Vec::new()),
        }
    }

    /// Every live record of `kind` with the texts an import row names it by (a person's external
    /// id and emails, a product's SKU and name), and the id a new one gets.
    pub async fn reference_keys(&self, kind: EntityKind) -> StoreResult<ReferenceKeys> {
        async fn keys<E: entity::Entity + Record>(store: &Store) -> StoreResult<ReferenceKeys> {
            let records = store
                .all::<E>()
                .await?
                .into_iter()
                .map(|record| (record.id(), record.reference_keys()))
                .collect();
            Ok((records, store.next_key(<E as Record>::STORE).await?))
        }
        match kind {
            EntityKind::Person => keys::<Person>(self).await,
            EntityKind::Company => keys::<Company>(self).await,
            EntityKind::Product => keys::<Product>(self).await,
            _ => Ok((Vec::new(), 1)),
        }
    }

    /// Every `R` of `person`.
    pub async fn by_person<R: PersonLinked>(&self, person: PersonId) -> StoreResult<Vec<R>> {
        self.by_index::<R>("by_person", JsValue::from(person.0))
            .await
    }

    /// How many people work at `company`, counted in its index.
    pub async fn people_at(&self, company_id: CompanyId) -> StoreResult<usize> {
        let name = StoreName::People.as_str();
        let idb_error = move |e| StoreError::from_idb(name, e);
        let transaction = self.transaction(&[StoreName::People], TransactionMode::ReadOnly)?;
        if self.is_paged(StoreName::People) {
            let summaries = super::pages::summaries(&transaction, StoreName::People).await?;
            let company = super::pages::Reference::Company;
            return Ok(summaries
                .iter()
                .map(|summary| summary.referring(company, company_id.0).len())
                .sum());
        }
        let count = transaction
            .object_store(name)
            .and_then(|people| people.index("by_company"))
            .and_then(|index| index.count(Some(Query::Key(JsValue::from(company_id.0)))))
            .map_err(idb_error)?
            .await
            .map_err(idb_error)?;
        Ok(count as usize)
    }

    /// The saved views of lists of `entity`.
    pub async fn saved_views_of(&self, entity: EntityKind) -> StoreResult<Vec<SavedView>> {
        self.by_index::<SavedView>("by_entity", JsValue::from_str(entity.key()))
            .await
    }

    /// When an activity was last logged on each deal that has one, by deal id: what marks a deal
    /// stale. Only activities on a deal are in its index, so the others are never read.
    pub async fn last_deal_activity(&self) -> StoreResult<HashMap<u32, DateTime<Utc>>> {
        let logged: Vec<Activity> = self
            .find_by_index("by_deal", super::KeyRange::AtLeast(JsValue::from(0)))
            .await?;
        let mut last = HashMap::new();
        for activity in logged {
            if let Some(deal) = activity.deal_id {
                let at = last.entry(deal.0).or_insert(activity.occurred_at);
                *at = activity.occurred_at.max(*at);
            }
        }
        Ok(last)
    }

    /// Every record of `R` whose index `index` holds `key`.
    pub(super) async fn by_index<R: Record>(
        &self,
        index: &str,
        key: JsValue,
    ) -> StoreResult<Vec<R>> {
        self.find_by_index(index, super::KeyRange::Only(key)).await
    }

    /// The records of `subject`'s timeline, read in one transaction (a company's people in one
    /// before it): for a company, its own
    /// activities and deals and everything of each person who works there (a record pointing at
    /// both the company and one of its people is counted once).
    pub async fn timeline_of(&self, subject: Subject) -> StoreResult<TimelineRecords> {
        let mut records = TimelineRecords::default();
        let people: Vec<u32> = match subject {
            Subject::Person(person) => vec![person.0],
            Subject::Deal(_) => Vec::new(),
            Subject::Company(company) => {
                records.people = self
                    .by_index::<Person>("by_company", JsValue::from(company.0))
                    .await?;
                records.people.iter().map(|person| person.id.0).collect()
            }
        };
        let transaction = self.transaction(&TIMELINE_STORES, TransactionMode::ReadOnly)?;
        // Paged orders and tickets are found through their summaries, reads of their own: done
        // before the other requests are made, so none of those waits unheard.
        let mut paged = Vec::new();
        for store in [StoreName::Orders, StoreName::Tickets] {
            paged.push(if self.is_paged(store) {
                let person = super::pages::Reference::Person;
                Some(super::pages::referring(&transaction, store, person, &people).await?)
            } else {
                None
            });
        }
        let paged_tickets = paged.pop().flatten();
        let paged_orders = paged.pop().flatten();
        let lookup = |store: StoreName, index: &str, key: u32| {
            let name = store.as_str();
            transaction
                .object_store(name)
                .and_then(|object_store| object_store.index(index))
                .and_then(|index| index.get_all(Some(Query::Key(JsValue::from(key))), None))
                .map_err(|e| StoreError::from_idb(name, e))
                // Listening now: an answer that arrives before its turn to be awaited is kept.
                .map(|request| (name, request.into_future()))
        };
        // Every request is made before any is awaited: one round of the transaction.
        let mut activities = Vec::new();
        let mut deals = Vec::new();
        if let Subject::Company(company) = subject {
            activities.push(lookup(StoreName::Activities, "by_company", company.0)?);
            deals.push(lookup(StoreName::Deals, "by_company", company.0)?);
        }
        let (mut tasks, mut orders, mut tickets) = (Vec::new(), Vec::new(), Vec::new());
        if let Subject::Deal(deal) = subject {
            activities.push(lookup(StoreName::Activities, "by_deal", deal.0)?);
            tasks.push(lookup(StoreName::Tasks, "by_deal", deal.0)?);
        }
        for &person in &people {
            activities.push(lookup(StoreName::Activities, "by_person", person)?);
            tasks.push(lookup(StoreName::Tasks, "by_person", person)?);
            if paged_orders.is_none() {
                orders.push(lookup(StoreName::Orders, "by_person", person)?);
            }
            deals.push(lookup(StoreName::Deals, "by_person", person)?);
            if paged_tickets.is_none() {
                tickets.push(lookup(StoreName::Tickets, "by_person", person)?);
            }
        }
        async fn all<R: Record>(
            store: &Store,
            requests: Vec<(
                &'static str,
                idb::request::futures::GetAllStoreRequestFuture,
            )>,
        ) -> StoreResult<Vec<R>> {
            let mut found = Vec::new();
            for (name, request) in requests {
                let values = request.await.map_err(|e| StoreError::from_idb(name, e))?;
                found.extend(store.decode_all::<R>(values));
            }
            Ok(found)
        }
        records.activities = all(self, activities).await?;
        records.tasks = all(self, tasks).await?;
        records.orders = match paged_orders {
            Some(values) => self.decode_all(values),
            None => all(self, orders).await?,
        };
        records.deals = all(self, deals).await?;
        records.tickets = match paged_tickets {
            Some(values) => self.decode_all(values),
            None => all(self, tickets).await?,
        };
        sort_by_key(&mut records.activities, |a| a.id);
        records.activities.dedup_by_key(|a| a.id);
        sort_by_key(&mut records.deals, |d| d.id);
        records.deals.dedup_by_key(|d| d.id);
        Ok(records)
    }
}

/// People's and companies' names by id (see [`Store::party_names`]).
#[derive(Debug, Default)]
pub struct PartyNames {
    /// People's display names.
    pub people: std::collections::HashMap<u32, String>,
    /// Companies' names.
    pub companies: std::collections::HashMap<u32, String>,
}

impl PartyNames {
    /// The person's name and the company's, empty where there is none.
    pub fn of(&self, person: Option<u32>, company: Option<u32>) -> (String, String) {
        let name = |names: &std::collections::HashMap<u32, String>, id: Option<u32>| {
            id.and_then(|id| names.get(&id).cloned())
                .unwrap_or_default()
        };
        (name(&self.people, person), name(&self.companies, company))
    }
}
