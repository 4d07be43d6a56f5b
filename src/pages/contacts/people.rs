//! The customers page: how many people the workspace holds, a form to add one, and the list of
//! everyone with quick search, filters and sorting.

use crate::app::{use_app_href, use_page_title};
use crate::components::count_card::CountCard;
use crate::components::record_form::RecordForm;
use crate::components::record_list::{record_list, People};
use crate::components::save_outcome::{use_save, SaveOutcomeView};
use crate::i18n::{use_i18n, Msg};
use crate::routes;
use crate::store::StoreName;
use crate::workspace::{now_utc, use_workspace};
use hearth_domain::entity::{Entity as _, Places};
use hearth_domain::Person;
use leptos::prelude::*;

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

/// The short form that adds a person; the rest is typed on their page.
#[component]
fn NewPersonForm() -> impl IntoView {
    let save = use_save::<Person>(true);
    view! {
        <RecordForm base=Person::blank(now_utc()) place=Places::CREATE id="new-person" heading=Msg::NewPerson save clear_after_save=true/>
        <SaveOutcomeView action=save saved=Msg::SavedPerson/>
    }
}
