//! Companies: the list with a form to add one, and a company's page with its details, an edit
//! form, its people and the activity of the company and everyone there.

use crate::app::{use_app_href, use_page_title};
use crate::components::count_card::CountCard;
use crate::components::record_form::RecordForm;
use crate::components::record_list::{record_list, ListKind, RowOf};
use crate::components::record_page::{keep, shaped, use_routed_record, DeleteRecord, Loaded};
use crate::components::save_outcome::{use_edit_save, use_save, EditOutcomeView, SaveOutcomeView};
use crate::components::timeline::TimelineList;
use crate::i18n::{use_i18n, Msg};
use crate::pages::contacts::person::{timeline_entries, RECORD_PAGE_STORES};
use crate::routes;
use crate::store::{Store, StoreName, StoreResult, Subject};
use crate::workspace::{now_utc, use_workspace};
use hearth_domain::entity::{Entity as _, EntityRow, Places};
use hearth_domain::timeline::Entry;
use hearth_domain::{Company, Person, TrashedRecord};
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;

/// The list of companies.
#[derive(Debug, Clone, Copy)]
pub struct Companies;

impl ListKind for Companies {
    type Entity = Company;
    const STORES: &'static [StoreName] = &[
        StoreName::Companies,
        StoreName::People,
        StoreName::CustomFields,
    ];
    const LIST_PATH: &'static str = routes::COMPANIES;
    const DOM_ID: &'static str = "companies";
    const HEADING: Msg = Msg::AllCompanies;
    const TABLE_LABEL: Msg = Msg::CompaniesTable;
    const SEARCH_LABEL: Msg = Msg::SearchCompanies;
    const SEARCH_HINT: Msg = Msg::SearchCompaniesHint;
    const SHOWING: Msg = Msg::ShowingCompanies;
    const SELECT_ALL: Msg = Msg::SelectAllMatchingCompanies;
    const BULK_ACTIONS: Msg = Msg::BulkActionsCompanies;
    const EMPTY: Msg = Msg::NoCompaniesYet;

    async fn load(store: Rc<Store>) -> StoreResult<Vec<RowOf<Companies>>> {
        let mut people_at: HashMap<u32, usize> = HashMap::new();
        for person in store.all::<Person>().await? {
            if let Some(company) = person.company_id {
                *people_at.entry(company.0).or_default() += 1;
            }
        }
        Ok(store
            .all::<Company>()
            .await?
            .into_iter()
            .map(|company| {
                let people = people_at.get(&company.id.0).copied().unwrap_or(0);
                EntityRow::new(company, people)
            })
            .collect())
    }

    async fn load_ids(store: Rc<Store>, ids: &[u32]) -> StoreResult<Vec<RowOf<Companies>>> {
        let mut rows = Vec::with_capacity(ids.len());
        for company in store.get_many::<Company>(ids).await? {
            let people = store.people_at(company.id).await?;
            rows.push(EntityRow::new(company, people));
        }
        Ok(rows)
    }
}

/// The page at `/companies`.
#[component]
pub fn CompaniesPage() -> impl IntoView {
    use_page_title(Msg::NavCompanies);
    let i18n = use_i18n();
    let counts = use_workspace().counts();
    view! {
        <h1>{i18n.text(Msg::NavCompanies)}</h1>
        <div class="count-grid">
            <CountCard label=Msg::Companies store=StoreName::Companies counts/>
        </div>
        <NewCompany/>
        {record_list::<Companies>()}
    }
}

/// The form that adds a company.
#[component]
fn NewCompany() -> impl IntoView {
    let save = use_save::<Company>(true);
    view! {
        <RecordForm base=Company::blank(now_utc()) place=Places::CREATE id="new-company" heading=Msg::NewCompany save clear_after_save=true/>
        <SaveOutcomeView action=save saved=Msg::SavedCompany/>
    }
}

/// The form that edits `company`, filled from the stored copy it saves over (and filled again
/// after a save or a reload).
#[component]
fn EditCompany(company: Company) -> impl IntoView {
    let save = use_edit_save(company);
    let form = move || {
        let base = save.base.get();
        view! { <RecordForm base place=Places::FORM id="edit-company" heading=Msg::Edit save=save.action/> }
            .into_any()
    };
    view! {
        {form}
        <EditOutcomeView save saved=Msg::SavedChanges/>
    }
}

/// A company, its people, and the merged timeline of the company and its people.
#[derive(Clone, PartialEq)]
struct CompanyData {
    company: Company,
    people: Vec<Person>,
    timeline: Vec<Entry>,
}

async fn load(store: Rc<Store>, id: u32) -> StoreResult<Option<CompanyData>> {
    let Some(company) = store.get::<Company>(id).await? else {
        return Ok(None);
    };
    let records = store.timeline_of(Subject::Company(company.id)).await?;
    Ok(Some(CompanyData {
        timeline: timeline_entries(&records),
        people: records.people,
        company,
    }))
}

/// The page at `/companies/:id`.
#[component]
pub fn CompanyPage() -> impl IntoView {
    use_page_title(Msg::NavCompanies);
    let i18n = use_i18n();
    let data = use_routed_record(RECORD_PAGE_STORES, load);
    let (current, shape) = keep(data, |d: &CompanyData| d.company.id.0);
    let back = use_app_href(routes::COMPANIES);
    view! {
        <p><a href=back>{i18n.text(Msg::BackToCompanies)}</a></p>
        {shaped(shape, Msg::CompanyNotFound, move |_| view! { <CompanyView current/> }.into_any())}
    }
}

#[component]
fn CompanyView(current: RwSignal<Loaded<CompanyData>>) -> impl IntoView {
    let i18n = use_i18n();
    let person_href = use_app_href(&routes::record_prefix(routes::CUSTOMERS));
    let shown = move || current.with(|c| c.clone().and_then(Result::ok).flatten());
    let Some(first) = current.with_untracked(|c| c.clone().and_then(Result::ok).flatten()) else {
        return ().into_any();
    };
    let text = move |get: fn(&Company) -> String| {
        move || shown().map(|d| get(&d.company)).unwrap_or_default()
    };
    let detail = move |label: Msg, get: fn(&Company) -> String| {
        view! { <dt>{move || i18n.t(label)}</dt><dd>{text(get)}</dd> }
    };
    let timeline = Memo::new(move |_| shown().map(|d| d.timeline).unwrap_or_default());
    let people = move || {
        shown()
            .map(|d| d.people)
            .unwrap_or_default()
            .into_iter()
            .map(|person| view! {
                <li><a href=format!("{person_href}{}", person.id.0)>{person.display_name()}</a> " " <span class="hint">{person.job_title.clone()}</span></li>
            })
            .collect_view()
    };
    view! {
        <h1>{text(|c| c.name.clone())}</h1>
        <div class="person-layout">
            <div>
                <section class="card" aria-labelledby="company-details-heading">
                    <h2 id="company-details-heading">{i18n.text(Msg::Details)}</h2>
                    <dl class="details">
                        {detail(Msg::Domain, |c| c.domain.clone())}
                        {detail(Msg::Industry, |c| c.industry.clone())}
                        {detail(Msg::Employees, |c| c.employees.map(|n| n.to_string()).unwrap_or_default())}
                        {detail(Msg::City, |c| c.address.city.clone())}
                        {detail(Msg::Owner, |c| c.owner.clone())}
                        {detail(Msg::Tags, |c| c.tags.join(", "))}
                    </dl>
                </section>
                <EditCompany company=first.company.clone()/>
                <DeleteRecord
                    record=Signal::derive(move || shown().map(|d| TrashedRecord::Company(d.company)))
                    label=Msg::DeleteCompany
                    back=routes::COMPANIES
                />
            </div>
            <div>
                <section aria-labelledby="company-people-heading">
                    <h2 id="company-people-heading">{i18n.text(Msg::People)}</h2>
                    <ul class="company-people">{people}</ul>
                </section>
                <TimelineList timeline/>
            </div>
        </div>
    }
    .into_any()
}
