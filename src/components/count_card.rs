//! A labelled record count, as the dashboard and list pages show it.

use crate::i18n::{format_count, use_i18n, Msg};
use crate::store::{RecordCounts, StoreName};
use leptos::prelude::*;

/// One count with its label; `counts` is the shared counts resource.
#[component]
pub fn CountCard(
    label: Msg,
    store: StoreName,
    counts: LocalResource<Result<RecordCounts, String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label_id = format!("count-{}", store.as_str());
    let value = move || {
        counts
            .get()
            .and_then(|counts| counts.ok())
            .map(|counts| format_count(u64::from(counts.get(store))))
            .unwrap_or_else(|| "…".to_string())
    };
    view! {
        <div class="count-card" role="group" aria-labelledby=label_id.clone()>
            <span class="count-label" id=label_id.clone()>{move || i18n.t(label)}</span>
            <span class="count-value">{value}</span>
        </div>
    }
}
