//! A labelled number, as the dashboard and list pages show it.

use crate::i18n::{format_count, use_i18n, Msg};
use crate::store::{RecordCounts, StoreName};
use leptos::prelude::*;

/// One figure with its label; `value` is `None` while loading. `id` names the label element.
#[component]
pub fn StatCard(label: Msg, id: String, value: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let label_id = format!("stat-{id}");
    view! {
        <div class="count-card" role="group" aria-labelledby=label_id.clone()>
            <span class="count-label" id=label_id.clone()>{move || i18n.t(label)}</span>
            <span class="count-value">{move || value.get().unwrap_or_else(|| "…".to_string())}</span>
        </div>
    }
}

/// How many records of `store` there are; `counts` is the shared counts resource.
#[component]
pub fn CountCard(
    label: Msg,
    store: StoreName,
    counts: LocalResource<Result<RecordCounts, String>>,
) -> impl IntoView {
    let value = Signal::derive(move || {
        counts
            .get()
            .and_then(|counts| counts.ok())
            .map(|counts| format_count(u64::from(counts.get(store))))
    });
    view! { <StatCard label id=store.as_str().to_string() value/> }
}
