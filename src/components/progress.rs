//! The progress bar of a running workspace replacement, with the record count written so far.

use crate::i18n::{format_count, use_i18n, Msg};
use crate::workspace::use_workspace;
use leptos::prelude::*;

/// Shows how many records of a running replacement are written; nothing when none runs.
#[component]
pub fn ReplaceProgressBar(label: Msg) -> impl IntoView {
    let i18n = use_i18n();
    let progress = use_workspace().progress;
    move || {
        progress.get().map(|progress| {
            view! {
                <div class="progress">
                    <progress
                        max=progress.total.max(1)
                        value=progress.written
                        aria-label=move || i18n.t(label)
                    ></progress>
                    <p>
                        {format_count(progress.written as u64)}
                        " / "
                        {format_count(progress.total as u64)}
                    </p>
                </div>
            }
        })
    }
}
