//! A person's page: their details with an edit form, their timeline (activities, tasks, orders,
//! deals, tickets) filterable by kind, forms to log an activity and add a task, and delete.

use crate::app::{use_app_href, use_page_title};
use crate::components::choice::{lifecycle_msg, ChoiceSelect};
use crate::components::custom_fields::use_custom_fields;
use crate::components::record_form::RecordForm;
use crate::components::record_page::{keep, shaped, use_routed_record, DeleteRecord, Loaded};
use crate::components::save_outcome::{
    use_edit_save, use_save, EditOutcomeView, SaveOutcome, SaveOutcomeView,
};
use crate::components::timeline::{kind_msg, TimelineList};
use crate::i18n::{use_i18n, Msg};
use crate::pages::analytics::PersonInsights;
use crate::pages::contacts::tasks::NewTaskForm;
use crate::pages::sales::order::NewOrder;
use crate::routes;
use crate::store::{Store, StoreName, StoreResult, Subject, TimelineRecords};
use crate::workspace::now_utc;
use hearth_domain::custom_fields::value_text;
use hearth_domain::entity::Places;
use hearth_domain::timeline::{self, Entry, EntryKind};
use hearth_domain::{
    Activity, ActivityId, ActivityKind, Company, CompanyId, DealId, EntityKind, Person, PersonId,
    TrashedRecord,
};
use leptos::prelude::*;
use std::rc::Rc;

/// The person, their company and their timeline.
#[derive(Clone)]
struct PersonData {
    person: Person,
    company: Option<Company>,
    timeline: Vec<Entry>,
}

/// What a person's or a company's page reads: the timeline's stores and companies.
pub const RECORD_PAGE_STORES: &[StoreName] = &[
    StoreName::People,
    StoreName::Companies,
    StoreName::Activities,
    StoreName::Tasks,
    StoreName::Orders,
    StoreName::Deals,
    StoreName::Tickets,
];

/// A timeline's records as its entries, newest first.
pub fn timeline_entries(records: &TimelineRecords) -> Vec<Entry> {
    timeline::merge(
        &records.activities,
        &records.tasks,
        &records.orders,
        &records.deals,
        &records.tickets,
    )
}

async fn load(store: Rc<Store>, id: u32) -> StoreResult<Option<PersonData>> {
    let Some(person) = store.get::<Person>(id).await? else {
        return Ok(None);
    };
    let company = match person.company_id {
        Some(company) => store.get::<Company>(company.0).await?,
        None => None,
    };
    let records = store.timeline_of(Subject::Person(person.id)).await?;
    Ok(Some(PersonData {
        person,
        company,
        timeline: timeline_entries(&records),
    }))
}

const ACTIVITY_KINDS: [ActivityKind; 4] = [
    ActivityKind::Note,
    ActivityKind::Call,
    ActivityKind::Email,
    ActivityKind::Meeting,
];

/// The page at `/customers/:id`.
#[component]
pub fn PersonPage() -> impl IntoView {
    use_page_title(Msg::NavCustomers);
    let i18n = use_i18n();
    let data = use_routed_record(RECORD_PAGE_STORES, load);
    let (current, shape) = keep(data, |d: &PersonData| d.person.id.0);
    let back = use_app_href(routes::CUSTOMERS);
    view! {
        <p><a href=back>{i18n.text(Msg::BackToCustomers)}</a></p>
        {shaped(shape, Msg::PersonNotFound, move |id| view! { <PersonView id=PersonId(id) current/> }.into_any())}
    }
}

#[component]
fn PersonView(id: PersonId, current: RwSignal<Loaded<PersonData>>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = move || current.with(|c| c.clone().and_then(Result::ok).flatten());
    let Some(first) = current.with_untracked(|c| c.clone().and_then(Result::ok).flatten()) else {
        return ().into_any();
    };
    let text =
        move |get: fn(&PersonData) -> String| move || shown().map(|d| get(&d)).unwrap_or_default();
    let detail = move |label: Msg, get: fn(&PersonData) -> String| {
        view! {
            <dt>{move || i18n.t(label)}</dt>
            <dd>{text(get)}</dd>
        }
    };
    let timeline = Memo::new(move |_| shown().map(|d| d.timeline).unwrap_or_default());
    let custom_defs = use_custom_fields(EntityKind::Person);
    view! {
        <h1>{text(|d| d.person.display_name())}</h1>
        <div class="person-layout">
            <div>
                <section class="card" aria-labelledby="details-heading">
                    <h2 id="details-heading">{i18n.text(Msg::Details)}</h2>
                    <dl class="details">
                        {detail(Msg::Emails, |d| d.person.emails.join(", "))}
                        {detail(Msg::Phones, |d| d.person.phones.join(", "))}
                        {detail(Msg::Company, |d| d.company.as_ref().map(|c| c.name.clone()).unwrap_or_default())}
                        {detail(Msg::JobTitle, |d| d.person.job_title.clone())}
                        <dt>{i18n.text(Msg::Lifecycle)}</dt>
                        <dd>{move || shown().map(|d| i18n.t(lifecycle_msg(d.person.lifecycle))).unwrap_or_default()}</dd>
                        {detail(Msg::Tags, |d| d.person.tags.join(", "))}
                        {detail(Msg::Owner, |d| d.person.owner.clone())}
                        {detail(Msg::Notes, |d| d.person.notes.clone())}
                        {move || {
                            let defs = custom_defs.get().unwrap_or_default();
                            let values = shown().map(|d| d.person.custom).unwrap_or_default();
                            defs.into_iter()
                                .map(|def| {
                                    let text = values.get(&def.key).map(value_text).unwrap_or_default();
                                    view! { <dt>{def.label}</dt><dd>{text}</dd> }
                                })
                                .collect_view()
                        }}
                    </dl>
                </section>
                <PersonInsights person=id/>
                <EditPerson person=first.person.clone()/>
                <DeleteRecord
                    record=Signal::derive(move || shown().map(|d| TrashedRecord::Person(d.person)))
                    label=Msg::DeletePerson
                    back=routes::CUSTOMERS
                />
            </div>
            <div>
                <LogActivity person_id=Some(id)/>
                <NewTaskForm person=Some(id)/>
                <NewOrder person_id=id company_id=first.person.company_id/>
                <TimelineList timeline/>
            </div>
        </div>
    }
    .into_any()
}

/// The edit form, filled from the stored copy it saves over (and filled again after a save or a
/// reload).
#[component]
fn EditPerson(person: Person) -> impl IntoView {
    let _i18n = use_i18n();
    let save = use_edit_save(person);
    let form = move || {
        let base = save.base.get();
        view! { <RecordForm base place=Places::FORM id="edit" heading=Msg::Edit save=save.action/> }
            .into_any()
    };
    view! {
        {form}
        <EditOutcomeView save saved=Msg::SavedChanges/>
    }
}

/// The form that logs a note, call, email or meeting with `person_id`, and on `deal_id` and
/// `company_id` when given.
#[component]
pub fn LogActivity(
    person_id: Option<PersonId>,
    #[prop(optional_no_strip)] company_id: Option<CompanyId>,
    #[prop(optional_no_strip)] deal_id: Option<DealId>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(ActivityKind::Note);
    let summary = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let log = use_save::<Activity>(true);
    Effect::new(move || {
        if let Some(SaveOutcome::Saved) = log.value().get() {
            summary.set(String::new());
            body.set(String::new());
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        log.dispatch(Ok(Activity {
            uid: Default::default(),
            revision: 0,
            id: ActivityId(0),
            kind: kind.get(),
            summary: summary.get().trim().to_string(),
            body: body.get().trim().to_string(),
            person_id,
            company_id,
            deal_id,
            author: String::new(),
            occurred_at: now_utc(),
            created_at: now_utc(),
            updated_at: now_utc(),
        }));
    };
    view! {
        <section class="card" aria-labelledby="log-heading">
            <h2 id="log-heading">{i18n.text(Msg::LogActivity)}</h2>
            <form on:submit=on_submit class="form-grid" novalidate>
                <div class="field">
                    <label for="activity-kind">{i18n.text(Msg::ActivityType)}</label>
                    <ChoiceSelect
                        choices=&ACTIVITY_KINDS
                        value=kind
                        label=|k| kind_msg(EntryKind::Activity(k))
                        attr:id="activity-kind"
                    />
                </div>
                <div class="field">
                    <label for="activity-summary">{i18n.text(Msg::Summary)}</label>
                    <input id="activity-summary" type="text" bind:value=summary/>
                </div>
                <div class="field wide">
                    <label for="activity-body">{i18n.text(Msg::Body)}</label>
                    <textarea id="activity-body" rows="2" bind:value=body></textarea>
                </div>
                <div class="form-actions">
                    <button type="submit" disabled=move || log.pending().get()>{i18n.text(Msg::LogIt)}</button>
                </div>
            </form>
            <SaveOutcomeView action=log saved=Msg::Logged/>
        </section>
    }
}
