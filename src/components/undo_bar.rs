//! The bar that reports the last bulk edit, delete or merge and offers to undo it.

use crate::i18n::{format_count, store_error_text, use_i18n, Msg};
use crate::store::StoreError;
use crate::workspace::use_workspace;
use leptos::prelude::*;

/// Shown while there is an action to undo; Undo reverses it in one transaction.
#[component]
pub fn UndoBar() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    // A record changed since the action: undo refuses (None), and there is nothing left to undo.
    let undo = Action::new_local(move |_: &()| async move {
        workspace.undo().await.map_err(|error| match error {
            StoreError::Conflict { .. } => {
                workspace.last_action.set(None);
                None
            }
            other => Some(store_error_text(&other, i18n.lang.get_untracked())),
        })
    });
    let message = move || {
        workspace.last_action.get().map(|action| {
            i18n.t(Msg::RecordsAffected)
                .replace("{label}", i18n.t(action.label))
                .replace("{count}", &format_count(action.count as u64))
        })
    };
    view! {
        <div class="undo-bar" role="status" aria-live="polite">
            {move || message().map(|text| view! {
                <span>{text}</span>
                <button type="button" disabled=move || undo.pending().get() on:click=move |_| { undo.dispatch(()); }>
                    {i18n.text(Msg::Undo)}
                </button>
                <button type="button" class="quiet" on:click=move |_| workspace.last_action.set(None)>
                    {i18n.text(Msg::Dismiss)}
                </button>
            })}
            {move || match undo.value().get() {
                Some(Err(Some(reason))) => Some(view! {
                    <span class="errors" role="alert">{reason.clone()}</span>
                }.into_any()),
                Some(Err(None)) => Some(view! {
                    <span class="errors" role="alert">{i18n.text(Msg::UndoRefused)}</span>
                }.into_any()),
                _ => None,
            }}
        </div>
    }
}
