//! What saving a record produced, and how a form reports it: a status line, the validation
//! problems field by field, or the storage failure.

use crate::i18n::{use_i18n, Msg};
use crate::store::{Record, StoreError};
use crate::workspace::use_workspace;
use hearth_domain::FieldError;
use leptos::prelude::*;

/// What saving produced.
#[derive(Debug, Clone)]
pub enum SaveOutcome {
    /// Stored.
    Saved,
    /// Refused by validation; nothing was written.
    Invalid(Vec<FieldError>),
    /// The store failed; nothing was written.
    Failed(String),
}

impl SaveOutcome {
    /// The outcome of a store write.
    pub fn of<T>(result: Result<T, StoreError>) -> SaveOutcome {
        match result {
            Ok(_) => SaveOutcome::Saved,
            Err(StoreError::Invalid { errors, .. }) => SaveOutcome::Invalid(errors),
            Err(error) => SaveOutcome::Failed(error.to_string()),
        }
    }

    /// The outcome when the workspace has no open store.
    pub fn not_open() -> SaveOutcome {
        SaveOutcome::Failed("storage is not open".into())
    }
}

/// An action that writes a record (adding it under a new id when `add`, else under its own) and,
/// once stored, tells the workspace its data changed. Problems a form found before asking the
/// store come in as `Err` and are reported as they are.
pub fn use_save<R: Record + Clone + 'static>(
    add: bool,
) -> Action<Result<R, Vec<FieldError>>, SaveOutcome> {
    let workspace = use_workspace();
    Action::new_local(move |record: &Result<R, Vec<FieldError>>| {
        let (record, store) = (record.clone(), workspace.store());
        async move {
            let record = match record {
                Ok(record) => record,
                Err(errors) => return SaveOutcome::Invalid(errors),
            };
            let Some(store) = store else {
                return SaveOutcome::not_open();
            };
            let outcome = if add {
                SaveOutcome::of(store.insert(record).await)
            } else {
                SaveOutcome::of(store.put(&record).await)
            };
            if let SaveOutcome::Saved = outcome {
                workspace.changed();
            }
            outcome
        }
    })
}

/// Reports the latest outcome of `action`; `saved` is the status text after a success.
#[component]
pub fn SaveOutcomeView<I: 'static>(action: Action<I, SaveOutcome>, saved: Msg) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        match action.value().get() {
        None => ().into_any(),
        Some(SaveOutcome::Saved) => view! {
            <p role="status" class="success">{move || i18n.t(saved)}</p>
        }
        .into_any(),
        Some(SaveOutcome::Invalid(errors)) => view! {
            <ul role="alert" class="errors">
                {errors
                    .into_iter()
                    .map(|error| {
                        let field = Msg::for_field(&error.field);
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
    }
    }
}
