//! Companies: the list with a form to add one, and a company's page with its details, an edit
//! form, its people and the activity of the company and everyone there.

use crate::app::{use_app_href, use_page_title};
use crate::components::count_card::CountCard;
use crate::components::custom_fields::{
    read_values, texts_of, use_custom_fields, CustomFieldInputs,
};
use crate::components::record_list::{record_list, Companies};
use crate::components::record_page::{keep, shaped, use_routed_record, DeleteRecord, Loaded};
use crate::components::save_outcome::{
    use_edit_save, use_save, EditOutcomeView, SaveButton, SaveOutcome, SaveOutcomeView,
};
use crate::components::timeline::{split_list, TimelineList};
use crate::i18n::{use_i18n, Msg};
use crate::pages::contacts::person::{timeline_entries, RECORD_PAGE_STORES};
use crate::routes;
use crate::store::{Store, StoreName, StoreResult, Subject};
use crate::workspace::{now_utc, use_workspace};
use hearth_domain::timeline::Entry;
use hearth_domain::EntityKind;
use hearth_domain::{Company, CompanyId, Person, TrashedRecord};
use leptos::prelude::*;
use std::rc::Rc;

/// A company as typed into the form: trimmed, the domain lower-cased.
fn company_from_form(
    base: Company,
    name: &str,
    domain: &str,
    industry: &str,
    employees: &str,
) -> Company {
    Company {
        name: name.trim().to_string(),
        domain: domain.trim().to_lowercase(),
        industry: industry.trim().to_string(),
        employees: employees.trim().parse().ok(),
        ..base
    }
}

fn empty_company() -> Company {
    let now = now_utc();
    Company {
        deleted_at: None,
        uid: Default::default(),
        revision: 0,
        id: CompanyId(0),
        name: String::new(),
        domain: String::new(),
        industry: String::new(),
        employees: None,
        address: Default::default(),
        owner: String::new(),
        tags: Vec::new(),
        notes: String::new(),
        custom: Default::default(),
        created_at: now,
        updated_at: now,
    }
}

/// The page at `/companies`.
#[component]
pub fn CompaniesPage() -> impl IntoView {
    use_page_title(Msg::NavCompanies);
    let i18n = use_i18n();
    let counts = use_workspace().counts();
    view! {
        <h1>{move || i18n.t(Msg::NavCompanies)}</h1>
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
        <CompanyForm base=empty_company() editing=false action=save/>
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
        view! { <CompanyForm base editing=true action=save.action/> }.into_any()
    };
    view! {
        {form}
        <EditOutcomeView save saved=Msg::SavedChanges/>
    }
}

/// A company's fields, adding a new one or editing `base`; `action` saves what was typed.
#[component]
fn CompanyForm(
    base: Company,
    editing: bool,
    action: Action<Result<Company, Vec<hearth_domain::FieldError>>, SaveOutcome>,
) -> impl IntoView {
    let i18n = use_i18n();
    let save = action;
    let name = RwSignal::new(base.name.clone());
    let domain = RwSignal::new(base.domain.clone());
    let industry = RwSignal::new(base.industry.clone());
    let employees = RwSignal::new(base.employees.map(|n| n.to_string()).unwrap_or_default());
    let tags = RwSignal::new(base.tags.join(", "));
    let custom_defs = use_custom_fields(EntityKind::Company);
    let custom_texts = RwSignal::new(texts_of(&base.custom));
    // Custom values that do not parse fail before the store is asked.
    Effect::new(move || {
        if let Some(SaveOutcome::Saved) = save.value().get() {
            if !editing {
                for field in [name, domain, industry, employees, tags] {
                    field.set(String::new());
                }
                custom_texts.set(Default::default());
            }
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut company = company_from_form(
            base.clone(),
            &name.get(),
            &domain.get(),
            &industry.get(),
            &employees.get(),
        );
        company.tags = split_list(&tags.get());
        company.updated_at = now_utc();
        let defs = custom_defs.get().unwrap_or_default();
        let custom = custom_texts.with(|texts| read_values(&defs, texts, &company.custom));
        save.dispatch(custom.map(|custom| Company { custom, ..company }));
    };
    let id = if editing {
        "edit-company"
    } else {
        "new-company"
    };
    let heading = if editing { Msg::Edit } else { Msg::NewCompany };
    let input = move |suffix: &'static str, label: Msg, value: RwSignal<String>| {
        let input_id = format!("{id}-{suffix}");
        view! {
            <div class="field">
                <label for=input_id.clone()>{move || i18n.t(label)}</label>
                <input id=input_id type="text" bind:value=value/>
            </div>
        }
    };
    view! {
        <section class="card" aria-labelledby=format!("{id}-heading")>
            <h2 id=format!("{id}-heading")>{move || i18n.t(heading)}</h2>
            <form on:submit=on_submit class="form-grid" novalidate>
                {input("name", Msg::CompanyName, name)}
                {input("domain", Msg::Domain, domain)}
                {input("industry", Msg::Industry, industry)}
                {input("employees", Msg::Employees, employees)}
                {input("tags", Msg::Tags, tags)}
                {move || custom_defs.get().map(|defs| view! { <CustomFieldInputs defs texts=custom_texts prefix=id/> })}
                <SaveButton pending=save.pending()/>
            </form>
        </section>
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
        <p><a href=back>{move || i18n.t(Msg::BackToCompanies)}</a></p>
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
                    <h2 id="company-details-heading">{move || i18n.t(Msg::Details)}</h2>
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
                    <h2 id="company-people-heading">{move || i18n.t(Msg::People)}</h2>
                    <ul class="company-people">{people}</ul>
                </section>
                <TimelineList timeline/>
            </div>
        </div>
    }
    .into_any()
}
