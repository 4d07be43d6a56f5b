//! The customers page: how many people the workspace holds, a form to add one, and the list of
//! everyone with quick search, filters and sorting.

use crate::app::{use_app_href, use_page_title};
use crate::components::count_card::CountCard;
use crate::components::record_list::{record_list, People};
use crate::components::save_outcome::{use_save, SaveButton, SaveOutcome, SaveOutcomeView};
use crate::i18n::{use_i18n, Msg};
use crate::routes;
use crate::store::StoreName;
use crate::workspace::{now_utc, use_workspace};
use hearth_domain::validate::normalize_email;
use hearth_domain::Person;
use leptos::prelude::*;

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

    view! {
        <h1>{move || i18n.t(Msg::NavCustomers)}</h1>
        <div class="count-grid">
            <CountCard label=Msg::People store=StoreName::People counts/>
        </div>
        <p class="page-links">
            <a href=use_app_href(routes::DUPLICATES)>{move || i18n.t(Msg::FindDuplicates)}</a>
        </p>
        <NewPersonForm/>
        {record_list::<People>()}
    }
}

#[component]
fn NewPersonForm() -> impl IntoView {
    let i18n = use_i18n();
    let first_name = RwSignal::new(String::new());
    let last_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());

    let save = use_save::<Person>(true);
    Effect::new(move || {
        if let Some(SaveOutcome::Saved) = save.value().get() {
            for field in [first_name, last_name, email, phone] {
                field.set(String::new());
            }
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
        save.dispatch(Ok(person));
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
                <SaveButton pending=save.pending()/>
            </form>
            <SaveOutcomeView action=save saved=Msg::SavedPerson/>
        </section>
    }
}
