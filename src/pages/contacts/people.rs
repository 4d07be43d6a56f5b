//! The customers page: how many people the workspace holds, a form to add one, and the list of
//! everyone with quick search, filters and sorting.

use crate::app::{use_app_href, use_page_title};
use crate::components::count_card::CountCard;
use crate::components::record_form::RecordForm;
use crate::components::record_list::{record_list, ListExport, ListKind, RowOf};
use crate::components::save_outcome::{use_save, SaveOutcomeView};
use crate::i18n::{use_i18n, Msg};
use crate::routes;
use crate::store::StoreName;
use crate::store::{Store, StoreResult};
use crate::workspace::{now_utc, use_workspace};
use hearth_domain::entity::{Entity as _, EntityRow, Places};
use hearth_domain::export::vcards;
use hearth_domain::{Company, Person};
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;

/// The list of people.
#[derive(Debug, Clone, Copy)]
pub struct People;

impl ListKind for People {
    type Entity = Person;
    const EXPORTS: &'static [ListExport<People>] = &[ListExport {
        label: Msg::ExportVcard,
        file_name: "people.vcf",
        mime: "text/vcard;charset=utf-8",
        write: |rows, shown| {
            vcards(
                shown
                    .iter()
                    .map(|&at| (&rows[at].record, rows[at].joined.as_str())),
            )
        },
    }];
    const STORES: &'static [StoreName] = &[
        StoreName::People,
        StoreName::Companies,
        StoreName::CustomFields,
    ];
    const LIST_PATH: &'static str = routes::CUSTOMERS;
    const DOM_ID: &'static str = "people";
    const HEADING: Msg = Msg::AllPeople;
    const TABLE_LABEL: Msg = Msg::PeopleTable;
    const SEARCH_LABEL: Msg = Msg::SearchPeople;
    const SEARCH_HINT: Msg = Msg::SearchPeopleHint;
    const SHOWING: Msg = Msg::ShowingOf;
    const SELECT_ALL: Msg = Msg::SelectAllMatching;
    const BULK_ACTIONS: Msg = Msg::BulkActions;
    const EMPTY: Msg = Msg::NoPeopleYet;

    async fn load(store: Rc<Store>) -> StoreResult<Vec<RowOf<People>>> {
        // Both read at once: the companies' requests wait on IndexedDB while people decode.
        let (people, companies) =
            futures::future::join(store.all::<Person>(), store.all::<Company>()).await;
        Ok(person_rows(people?, companies?))
    }

    async fn load_preview(store: Rc<Store>, limit: usize) -> StoreResult<Vec<RowOf<People>>> {
        let people = store.newest::<Person>(limit).await?;
        rows_with_their_companies(store, people).await
    }

    async fn load_ids(store: Rc<Store>, ids: &[u32]) -> StoreResult<Vec<RowOf<People>>> {
        let people = store.get_many::<Person>(ids).await?;
        rows_with_their_companies(store, people).await
    }
}

/// The rows of `people`, with their companies' names read for them.
async fn rows_with_their_companies(
    store: Rc<Store>,
    people: Vec<Person>,
) -> StoreResult<Vec<RowOf<People>>> {
    let companies = store
        .get_named::<Company>(people.iter().filter_map(|p| p.company_id.map(|c| c.0)))
        .await?;
    Ok(person_rows(people, companies))
}

/// The rows of `people`, with the names of their `companies`.
fn person_rows(people: Vec<Person>, companies: Vec<Company>) -> Vec<RowOf<People>> {
    let company_names: HashMap<u32, String> = companies
        .into_iter()
        .map(|company| (company.id.0, company.name))
        .collect();
    people
        .into_iter()
        .map(|person| {
            let company = person
                .company_id
                .and_then(|id| company_names.get(&id.0).cloned())
                .unwrap_or_default();
            EntityRow::new(person, company)
        })
        .collect()
}

/// The customers page.
#[component]
pub fn Customers() -> impl IntoView {
    use_page_title(Msg::NavCustomers);
    let i18n = use_i18n();
    let workspace = use_workspace();
    let counts = workspace.counts();

    view! {
        <h1>{i18n.text(Msg::NavCustomers)}</h1>
        <div class="count-grid">
            <CountCard label=Msg::People store=StoreName::People counts/>
        </div>
        <p class="page-links">
            <a href=use_app_href(routes::DUPLICATES)>{i18n.text(Msg::FindDuplicates)}</a>
        </p>
        <NewPersonForm/>
        {record_list::<People>()}
    }
}

/// The short form that adds a person; the rest is typed on their page.
#[component]
fn NewPersonForm() -> impl IntoView {
    let save = use_save::<Person>(true);
    view! {
        <RecordForm base=Person::blank(now_utc()) place=Places::CREATE id="new-person" heading=Msg::NewPerson save clear_after_save=true/>
        <SaveOutcomeView action=save saved=Msg::SavedPerson/>
    }
}
