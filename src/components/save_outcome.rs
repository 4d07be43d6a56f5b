//! What saving a record produced, and how a form reports it: a status line, the validation
//! problems field by field, a conflict with a newer stored copy (reload it or merge into it), or
//! the storage failure.

use crate::i18n::{store_error_text, use_i18n, Msg};
use crate::store::{Record, StoreError};
use crate::workspace::use_workspace;
use hearth_domain::revisions::merge_fields;
use hearth_domain::FieldError;
use leptos::prelude::*;

/// What saving produced.
#[derive(Debug, Clone)]
pub enum SaveOutcome {
    /// Stored.
    Saved,
    /// Refused by validation; nothing was written.
    Invalid(Vec<FieldError>),
    /// The record changed elsewhere since the form was filled; nothing was written.
    Conflict,
    /// The store failed; nothing was written.
    Failed(StoreError),
}

impl SaveOutcome {
    /// The outcome of a store write.
    pub fn of<T>(result: Result<T, StoreError>) -> SaveOutcome {
        match result {
            Ok(_) => SaveOutcome::Saved,
            Err(StoreError::Invalid { errors, .. }) => SaveOutcome::Invalid(errors),
            Err(StoreError::Conflict { .. }) => SaveOutcome::Conflict,
            Err(error) => SaveOutcome::Failed(error),
        }
    }

    /// The outcome when the workspace has no open store.
    pub fn not_open() -> SaveOutcome {
        SaveOutcome::Failed(StoreError::NotOpen)
    }
}

/// Writes `changes` (or reports why there is nothing to write) to `store`. Not generic: every
/// action that builds its own [`ChangeSet`](crate::store::ChangeSet) shares this one future
/// instead of compiling a write per record type.
pub async fn apply_outcome(
    store: Option<std::rc::Rc<crate::store::Store>>,
    changes: Result<crate::store::ChangeSet, SaveOutcome>,
) -> SaveOutcome {
    let Some(store) = store else {
        return SaveOutcome::not_open();
    };
    match changes {
        Ok(changes) => SaveOutcome::of(store.apply(changes).await),
        Err(outcome) => outcome,
    }
}

/// A change set holding what `write` puts into it, or what to report when it refuses (an invalid
/// record, one that cannot be stored): what an action hands [`apply_outcome`].
pub fn one_change(
    write: impl FnOnce(&mut crate::store::ChangeSet) -> crate::store::StoreResult<()>,
) -> Result<crate::store::ChangeSet, SaveOutcome> {
    let mut changes = crate::store::ChangeSet::default();
    match write(&mut changes) {
        Ok(()) => Ok(changes),
        Err(error) => Err(SaveOutcome::of(Err::<(), _>(error))),
    }
}

/// An action that writes a record: adding it under a new id when `add`, else over the stored
/// copy it was made from (check-and-set). Problems a form found before asking the store come in
/// as `Err` and are reported as they are. The store tells the views that read it.
pub fn use_save<R: Record + Clone + 'static>(
    add: bool,
) -> Action<Result<R, Vec<FieldError>>, SaveOutcome> {
    let workspace = use_workspace();
    Action::new_local(move |record: &Result<R, Vec<FieldError>>| {
        let changes = record.as_ref().map_err(|e| SaveOutcome::Invalid(e.clone()));
        let changes = changes.and_then(|record| {
            one_change(|changes| {
                if add {
                    changes.add(record)
                } else {
                    changes.put(record)
                }
            })
        });
        apply_outcome(workspace.store(), changes)
    })
}

/// An edit form's save: `base` is the stored copy the form's inputs were filled from. A save
/// writes over that revision only; once stored, `base` becomes the stored copy. When the record
/// changed elsewhere meanwhile, the form can reload the newer copy or merge the user's changes
/// into it field by field.
pub struct EditSave<R: Record + Clone + Send + Sync + 'static> {
    /// The copy the form was filled from; setting it refills the form.
    pub base: RwSignal<R>,
    /// Saves an edited copy of `base`.
    pub action: Action<Result<R, Vec<FieldError>>, SaveOutcome>,
    /// The edit that last met a conflict, for merging.
    attempt: RwSignal<Option<R>>,
    /// Fields a merge took from the user where the other side had changed them too.
    overridden: RwSignal<Vec<String>>,
    workspace: crate::workspace::Workspace,
}

// Signals are handles: an `EditSave` copies whatever `R` is.
impl<R: Record + Clone + Send + Sync + 'static> Clone for EditSave<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: Record + Clone + Send + Sync + 'static> Copy for EditSave<R> {}

/// The [`EditSave`] of a form over `initial`.
pub fn use_edit_save<R>(initial: R) -> EditSave<R>
where
    R: Record + Clone + Send + Sync + 'static,
{
    let workspace = use_workspace();
    let base = RwSignal::new(initial);
    let attempt = RwSignal::new(None::<R>);
    let overridden = RwSignal::new(Vec::new());
    // The copy the running save writes: once stored, one revision up, it is the new base.
    let written = StoredValue::new(None::<R>);
    let action = Action::new_local(move |record: &Result<R, Vec<FieldError>>| {
        let changes = record.as_ref().map_err(|e| SaveOutcome::Invalid(e.clone()));
        let changes = changes.and_then(|record| {
            written.set_value(Some(record.clone()));
            one_change(|changes| changes.put(record))
        });
        apply_outcome(workspace.store(), changes)
    });
    Effect::new(move || match action.value().get() {
        Some(SaveOutcome::Saved) => {
            if let Some(mut stored) = written.try_update_value(Option::take).flatten() {
                stored.set_revision(stored.revision() + 1);
                attempt.set(None);
                base.set(stored);
            }
        }
        Some(SaveOutcome::Conflict) => attempt.set(written.get_value()),
        _ => {}
    });
    EditSave {
        base,
        action,
        attempt,
        overridden,
        workspace,
    }
}

impl<R: Record + Clone + Send + Sync + 'static> EditSave<R> {
    /// Reads the stored copy: what "reload" shows and "merge" merges into.
    async fn current(self) -> Option<R> {
        let store = self.workspace.store()?;
        let key = self.base.with_untracked(R::key);
        store.get::<R>(key).await.ok().flatten()
    }

    /// Refills the form with the stored copy, dropping the user's edit.
    fn reload(self) {
        leptos::task::spawn_local(async move {
            if let Some(current) = self.current().await {
                self.attempt.set(None);
                self.action.value().set(None);
                self.base.set(current);
            }
        });
    }

    /// Writes the user's changes into the stored copy, field by field, and saves that.
    fn merge(self) {
        leptos::task::spawn_local(async move {
            let (Some(current), Some(mine)) = (self.current().await, self.attempt.get_untracked())
            else {
                return;
            };
            let merged = self
                .base
                .with_untracked(|base| merge_fields(base, &mine, &current));
            if let Some(merged) = merged {
                self.overridden.set(merged.both_changed);
                self.action.dispatch(Ok(merged.record));
            }
        });
    }
}

/// Reports the latest outcome of an edit form's `save`, with "reload" and "merge my changes"
/// when it met a conflict.
#[component]
pub fn EditOutcomeView<R: Record + Clone + Send + Sync + 'static>(
    save: EditSave<R>,
    saved: Msg,
) -> impl IntoView {
    let i18n = use_i18n();
    let conflict = move || matches!(save.action.value().get(), Some(SaveOutcome::Conflict));
    let overridden = move || {
        let fields = save.overridden.get();
        let saved = matches!(save.action.value().get(), Some(SaveOutcome::Saved));
        (saved && !fields.is_empty()).then(|| {
            view! {
                <p role="status">{i18n.text(Msg::MergedOverriding)} " " {fields.join(", ")}</p>
            }
        })
    };
    view! {
        <SaveOutcomeView action=save.action saved/>
        {overridden}
        <Show when=conflict>
            <div class="button-row">
                <button type="button" on:click=move |_| save.reload()>{i18n.text(Msg::ReloadRecord)}</button>
                <button type="button" on:click=move |_| save.merge()>{i18n.text(Msg::MergeMyChanges)}</button>
            </div>
        </Show>
    }
}

/// A form's submit button: "Save", or "Saving…" and disabled while `pending`.
#[component]
pub fn SaveButton(#[prop(into)] pending: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-actions">
            <button type="submit" disabled=move || pending.get()>
                {move || i18n.t(if pending.get() { Msg::Saving } else { Msg::Save })}
            </button>
        </div>
    }
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
                        // A line item's field says which line, counted from 1 as the form does.
                        let line = error
                            .field
                            .strip_prefix("lines[")
                            .and_then(|rest| rest.split_once("]."))
                            .and_then(|(at, _)| at.parse::<usize>().ok())
                            .map_or(String::new(), |at| format!(" {}", at + 1));
                        view! {
                            <li>
                                {move || field.map_or(field_name.clone(), |msg| i18n.t(msg).to_string())}
                                {line}
                                " "
                                {move || i18n.t(problem)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        Some(SaveOutcome::Conflict) => view! {
            <p role="alert" class="errors">{i18n.text(Msg::ChangedElsewhere)}</p>
        }
        .into_any(),
        Some(SaveOutcome::Failed(error)) => view! {
            <p role="alert" class="errors">{move || store_error_text(&error, i18n.lang.get())}</p>
        }
        .into_any(),
    }
    }
}
