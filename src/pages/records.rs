//! A page for records whose own issue has not filled it yet: heading, description and record counts.

use crate::app::use_page_title;
use crate::components::count_card::CountCard;
use crate::i18n::{use_i18n, Msg};
use crate::store::StoreName;
use crate::workspace::use_workspace;
use leptos::prelude::*;

/// Heading `title` and how many records of each of `cards` this browser holds.
#[component]
pub fn RecordsPage(title: Msg, cards: &'static [(Msg, StoreName)]) -> impl IntoView {
    use_page_title(title);
    let i18n = use_i18n();
    let counts = use_workspace().counts();
    view! {
        <h1>{move || i18n.t(title)}</h1>
        <p class="lead">{i18n.text(Msg::PageComingDescription)}</p>
        <div class="count-grid">
            {cards.iter().map(|&(label, store)| view! { <CountCard label store counts/> }).collect_view()}
        </div>
    }
}
