//! The toolbar acting on the selected records: tag, set a field, assign an owner, delete; each
//! one transaction, undoable.

use super::*;

/// What a bulk action does to each selected record.
#[derive(Clone)]
pub(super) enum BulkEdit {
    AddTag(String),
    /// Set a field to what a text means (see [`FieldRef::write`]).
    SetField {
        field: Field,
        text: String,
    },
}

impl BulkEdit {
    /// Changes `record` (shown with `joined`) at `at`; a field is looked up among `E`'s and
    /// `custom_fields`, and written by the record itself where its value needs `joined`.
    pub(super) fn apply<E: Entity>(
        &self,
        record: &mut E,
        joined: &E::Joined,
        custom_fields: &[CustomFieldDef],
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), hearth_domain::Problem> {
        match self {
            BulkEdit::AddTag(tag) => {
                add_tag(record, tag);
                Ok(())
            }
            BulkEdit::SetField { field, text } => {
                let field = field_of::<E>(field, custom_fields)
                    .filter(|field| field.is_in(Places::BULK))
                    .ok_or(hearth_domain::Problem::NotAnOption)?;
                record
                    .bulk_write(joined, &field.field().token(), text, at)
                    .unwrap_or_else(|| field.write(record, text))
            }
        }
    }

    fn done_msg(&self) -> Msg {
        match self {
            BulkEdit::AddTag(_) => Msg::DoneTagged,
            BulkEdit::SetField { field, .. } if *field == LIFECYCLE => Msg::DoneLifecycleSet,
            BulkEdit::SetField { field, .. } if *field == OWNER => Msg::DoneOwnerAssigned,
            BulkEdit::SetField { .. } => Msg::DoneFieldSet,
        }
    }
}

/// The field the lifecycle control sets, where the entity has one.
const LIFECYCLE: Field = Field::builtin("lifecycle");
/// The field the owner control sets, where the entity has one.
const OWNER: Field = Field::builtin("owner");

/// The toolbar acting on the selected records: tag, set lifecycle (people), assign owner, set a
/// field, delete to trash. Each action is one transaction and can be undone from the undo bar.
pub(super) fn bulk_actions(
    model: Arc<dyn ListModel>,
    selection: RwSignal<HashSet<u32>>,
    label: Msg,
) -> AnyView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let tag = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let settable = model.fields_at(Places::BULK);
    // The lifecycle control offers the options of the entity's lifecycle field, if it has one.
    let lifecycle_options = model.bulk_options(&LIFECYCLE);
    let has_owner = model.bulk_options(&OWNER).is_some();
    let lifecycle = RwSignal::new(
        lifecycle_options
            .as_ref()
            .and_then(|options| {
                // Customers are what a bulk lifecycle change makes most often.
                let customer = options.iter().find(|(key, _)| key == "customer");
                customer.or(options.first())
            })
            .map(|(key, _)| key.clone())
            .unwrap_or_default(),
    );
    let set_field = RwSignal::new(
        settable
            .first()
            .map_or(Field::NAME, |(field, _)| field.clone()),
    );
    let set_text = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<String>);
    let edit = Action::new_local({
        let model = model.clone();
        move |edit: &BulkEdit| {
            let lang = i18n.lang.get_untracked();
            let changes = selection.with_untracked(|ids| model.bulk_changes(ids, edit, lang));
            let (edit, store) = (edit.clone(), workspace.store());
            async move {
                let store = store.ok_or_else(|| store_error_text(&StoreError::NotOpen, lang))?;
                let (changes, before) = changes?;
                store
                    .apply(changes)
                    .await
                    .map_err(|e| store_error_text(&e, lang))?;
                workspace.done(LastAction {
                    label: edit.done_msg(),
                    count: before.len(),
                    undo: Undo::PutBack(before),
                });
                Ok::<(), String>(())
            }
        }
    });
    let delete = Action::new_local(move |_: &()| {
        let (before, store) = (
            selection.with_untracked(|ids| model.trashed(ids)),
            workspace.store(),
        );
        async move {
            let store = store
                .ok_or_else(|| store_error_text(&StoreError::NotOpen, i18n.lang.get_untracked()))?;
            let now = now_utc();
            let batch = now.timestamp_millis() as u64;
            let count = before.len();
            store
                .trash(&before, now, batch)
                .await
                .map_err(|e| store_error_text(&e, i18n.lang.get_untracked()))?;
            selection.set(HashSet::new());
            workspace.done(LastAction {
                label: Msg::DoneDeleted,
                count,
                undo: Undo::Untrash(batch),
            });
            Ok::<(), String>(())
        }
    });
    Effect::new(move || {
        let outcome = edit.value().get().or_else(|| delete.value().get());
        failure.set(outcome.and_then(Result::err));
    });
    let count = move || selection.with(HashSet::len);
    let busy = move || edit.pending().get() || delete.pending().get();
    view! {
        <Show when=move || count() != 0>
            <div class="bulk-actions" role="toolbar" aria-label=move || i18n.t(label)>
                <strong>{move || i18n.t(Msg::SelectedCount).replace("{count}", &format_count(count() as u64))}</strong>
                <div class="bulk-group">
                    <input type="text" aria-label=i18n.text(Msg::TagToAdd) placeholder=i18n.text(Msg::TagToAdd) bind:value=tag/>
                    <button
                        type="button"
                        disabled=busy
                        on:click=move |_| {
                            let text = tag.get().trim().to_string();
                            if !text.is_empty() {
                                edit.dispatch(BulkEdit::AddTag(text));
                            }
                        }
                    >
                        {i18n.text(Msg::AddTag)}
                    </button>
                </div>
                {lifecycle_options.clone().map(|options| view! {
                    <div class="bulk-group">
                        <select
                            aria-label=i18n.text(Msg::LifecycleToSet)
                            on:change=move |ev| lifecycle.set(event_target_value(&ev))
                        >
                            {options
                                .into_iter()
                                .map(|(key, label)| {
                                    let chosen = key.clone();
                                    view! {
                                        <option value=key selected=move || lifecycle.with(|l| *l == chosen)>
                                            {move || label_text(&label, i18n.lang.get())}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <button
                            type="button"
                            disabled=busy
                            on:click=move |_| {
                                edit.dispatch(BulkEdit::SetField { field: LIFECYCLE, text: lifecycle.get() });
                            }
                        >
                            {i18n.text(Msg::SetLifecycle)}
                        </button>
                    </div>
                })}
                {has_owner.then(|| view! {
                    <div class="bulk-group">
                        <input type="text" aria-label=i18n.text(Msg::OwnerToAssign) placeholder=i18n.text(Msg::OwnerToAssign) bind:value=owner/>
                        <button
                            type="button"
                            disabled=busy
                            on:click=move |_| {
                                edit.dispatch(BulkEdit::SetField { field: OWNER, text: owner.get() });
                            }
                        >
                            {i18n.text(Msg::AssignOwner)}
                        </button>
                    </div>
                })}
                <div class="bulk-group">
                    <select
                        aria-label=i18n.text(Msg::FieldToSet)
                        on:change=move |ev| {
                            if let Some(field) = field_from_key(&event_target_value(&ev)) {
                                set_field.set(field);
                            }
                        }
                    >
                        {settable
                            .iter()
                            .cloned()
                            .map(|(field, label)| {
                                let key = field_key(&field);
                                view! {
                                    <option value=key selected=move || set_field.with(|f| *f == field)>
                                        {move || label_text(&label, i18n.lang.get())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <input type="text" aria-label=i18n.text(Msg::Value) placeholder=i18n.text(Msg::Value) bind:value=set_text/>
                    <button
                        type="button"
                        disabled=busy
                        on:click=move |_| {
                            edit.dispatch(BulkEdit::SetField { field: set_field.get(), text: set_text.get() });
                        }
                    >
                        {i18n.text(Msg::SetField)}
                    </button>
                </div>
                <button type="button" class="danger" disabled=busy on:click=move |_| { delete.dispatch(()); }>
                    {i18n.text(Msg::DeleteSelected)}
                </button>
                <button type="button" on:click=move |_| selection.set(HashSet::new())>
                    {i18n.text(Msg::ClearSelection)}
                </button>
                {move || failure.get().map(|reason| view! {
                    <p role="alert" class="errors">{i18n.text(Msg::ErrorPrefix)} " " {reason.clone()}</p>
                })}
            </div>
        </Show>
    }
    .into_any()
}
