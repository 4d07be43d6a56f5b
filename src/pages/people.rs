//! The customers page: how many people the workspace holds, a form to add one, and the newest people.

use crate::app::use_page_title;
use crate::components::count_card::CountCard;
use crate::i18n::{use_i18n, Msg};
use crate::store::{StoreError, StoreName};
use crate::workspace::{now_utc, use_workspace};
use hearth_domain::validate::normalize_email;
use hearth_domain::{FieldError, LifecycleStage, Person};
use leptos::prelude::*;

/// How many of the newest people the page lists.
const NEWEST_LIMIT: usize = 25;

fn lifecycle_msg(stage: LifecycleStage) -> Msg {
    match stage {
        LifecycleStage::Lead => Msg::LifecycleLead,
        LifecycleStage::Prospect => Msg::LifecycleProspect,
        LifecycleStage::Customer => Msg::LifecycleCustomer,
        LifecycleStage::Churned => Msg::LifecycleChurned,
    }
}

/// The person the form describes, not yet stored.
fn person_from_form(first_name: &str, last_name: &str, email: &str, phone: &str) -> Person {
    let non_empty = |value: String| {
        if value.is_empty() {
            vec![]
        } else {
            vec![value]
        }
    };
    Person {
        emails: non_empty(normalize_email(email)),
        phones: non_empty(phone.trim().to_string()),
        ..Person::new(first_name.trim(), last_name.trim(), now_utc())
    }
}

/// The customers page.
#[component]
pub fn Customers() -> impl IntoView {
    use_page_title(Msg::NavCustomers);
    let i18n = use_i18n();
    let workspace = use_workspace();
    let counts = workspace.counts();
    let newest = LocalResource::new(move || {
        workspace.data_version.track();
        let store = workspace.store();
        async move {
            match store {
                Some(store) => store
                    .newest::<Person>(NEWEST_LIMIT)
                    .await
                    .map_err(|e| e.to_string()),
                None => Ok(Vec::new()),
            }
        }
    });

    view! {
        <h1>{move || i18n.t(Msg::NavCustomers)}</h1>
        <div class="count-grid">
            <CountCard label=Msg::People store=StoreName::People counts/>
        </div>
        <NewPersonForm/>
        <section aria-labelledby="newest-heading">
            <h2 id="newest-heading">{move || i18n.t(Msg::RecentlyAdded)}</h2>
            {move || match newest.get() {
                None => view! { <p role="status">"…"</p> }.into_any(),
                Some(Err(error)) => view! {
                    <p role="alert">{move || i18n.t(Msg::ErrorPrefix)} " " {error.clone()}</p>
                }
                .into_any(),
                Some(Ok(people)) if people.is_empty() => view! {
                    <p class="empty">{move || i18n.t(Msg::NoPeopleYet)}</p>
                }
                .into_any(),
                Some(Ok(people)) => view! { <PeopleTable people/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn PeopleTable(people: Vec<Person>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="records">
            <thead>
                <tr>
                    <th scope="col">{move || i18n.t(Msg::Name)}</th>
                    <th scope="col">{move || i18n.t(Msg::Email)}</th>
                    <th scope="col">{move || i18n.t(Msg::Lifecycle)}</th>
                </tr>
            </thead>
            <tbody>
                {people
                    .into_iter()
                    .map(|person| {
                        let stage = lifecycle_msg(person.lifecycle);
                        view! {
                            <tr>
                                <td>{person.display_name()}</td>
                                <td>{person.primary_email().unwrap_or_default().to_string()}</td>
                                <td>{move || i18n.t(stage)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// What saving the form produced.
#[derive(Debug, Clone)]
enum SaveOutcome {
    Saved,
    Invalid(Vec<FieldError>),
    Failed(String),
}

#[component]
fn NewPersonForm() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());

    let save = Action::new_local(move |person: &Person| {
        let person = person.clone();
        let store = workspace.store();
        async move {
            let Some(store) = store else {
                return SaveOutcome::Failed("storage is not open".into());
            };
            match store.insert(person).await {
                Ok(_) => SaveOutcome::Saved,
                Err(StoreError::Invalid { errors, .. }) => SaveOutcome::Invalid(errors),
                Err(error) => SaveOutcome::Failed(error.to_string()),
            }
        }
    });
    Effect::new(move || {
        if let Some(SaveOutcome::Saved) = save.value().get() {
            for field in [first_name, last_name, email, phone] {
                field.set(String::new());
            }
            workspace.changed();
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let person = person_from_form(
            &first_name.get(),
            &last_name.get(),
            &email.get(),
            &phone.get(),
        );
        save.dispatch(person);
    };
    let text_input =
        move |id: &'static str, label: Msg, kind: &'static str, value: RwSignal<String>| {
            view! {
                <div class="field">
                    <label for=id>{move || i18n.t(label)}</label>
                    <input id=id type=kind bind:value=value/>
                </div>
            }
        };

    view! {
        <section aria-labelledby="new-person-heading" class="card">
            <h2 id="new-person-heading">{move || i18n.t(Msg::NewPerson)}</h2>
            // The app validates and explains errors in the user's language; the browser's own popups would not.
            <form on:submit=on_submit class="form-grid" novalidate>
                {text_input("person-first-name", Msg::FirstName, "text", first_name)}
                {text_input("person-last-name", Msg::LastName, "text", last_name)}
                {text_input("person-email", Msg::Email, "email", email)}
                {text_input("person-phone", Msg::Phone, "tel", phone)}
                <div class="form-actions">
                    <button type="submit" disabled=move || save.pending().get()>
                        {move || i18n.t(if save.pending().get() { Msg::Saving } else { Msg::Save })}
                    </button>
                </div>
            </form>
            {move || match save.value().get() {
                None => ().into_any(),
                Some(SaveOutcome::Saved) => view! {
                    <p role="status" class="success">{move || i18n.t(Msg::SavedPerson)}</p>
                }
                .into_any(),
                Some(SaveOutcome::Invalid(errors)) => view! {
                    <ul role="alert" class="errors">
                        {errors
                            .into_iter()
                            .map(|error| {
                                let field = Msg::for_person_field(&error.field);
                                let problem = Msg::for_problem(&error.problem);
                                let field_name = error.field.clone();
                                view! {
                                    <li>
                                        {move || field.map_or(field_name.clone(), |msg| i18n.t(msg).to_string())}
                                        " "
                                        {move || i18n.t(problem)}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
                Some(SaveOutcome::Failed(reason)) => view! {
                    <p role="alert" class="errors">{move || i18n.t(Msg::ErrorPrefix)} " " {reason.clone()}</p>
                }
                .into_any(),
            }}
        </section>
    }
}
