//! The toolbar acting on the selected records: tag, set a field, assign an owner, delete; each
//! one transaction, undoable.

use super::*;

/// What a bulk action does to each selected record.
#[derive(Clone)]
pub(super) enum BulkEdit {
    AddTag(String),
    /// Set a field to what a text means (see `list::set_field`); a custom field carries its kind.
    SetField {
        field: Field,
        text: String,
        kind: Option<hearth_domain::CustomFieldKind>,
    },
}

impl BulkEdit {
    fn apply(&self, record: &mut impl BulkEditable) -> Result<(), hearth_domain::Problem> {
        match self {
            BulkEdit::AddTag(tag) => {
                add_tag(record, tag);
                Ok(())
            }
            BulkEdit::SetField { field, text, kind } => {
                set_field(record, field, text, kind.as_ref())
            }
        }
    }

    fn done_msg(&self) -> Msg {
        match self {
            BulkEdit::AddTag(_) => Msg::DoneTagged,
            BulkEdit::SetField {
                field: Field::Lifecycle,
                ..
            } => Msg::DoneLifecycleSet,
            BulkEdit::SetField {
                field: Field::Owner,
                ..
            } => Msg::DoneOwnerAssigned,
            BulkEdit::SetField { .. } => Msg::DoneFieldSet,
        }
    }
}

/// The toolbar acting on the selected records: tag, set lifecycle (people), assign owner, set a
/// field, delete to trash. Each action is one transaction and can be undone from the undo bar.
pub(super) fn bulk_actions<K: ListKind>(
    data: Arc<ListData<K>>,
    selection: RwSignal<HashSet<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let tag = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let lifecycle = RwSignal::new(LifecycleStage::Customer);
    let has_lifecycle = K::Record::SETTABLE.contains(&Field::Lifecycle);
    let set_field = RwSignal::new(K::Record::SETTABLE[0].clone());
    let set_text = RwSignal::new(String::new());
    let settable: Vec<(Field, String, Option<hearth_domain::CustomFieldKind>)> =
        K::Record::SETTABLE
            .iter()
            .map(|field| (field.clone(), String::new(), None))
            .chain(data.custom_fields.iter().map(|def| {
                (
                    Field::Custom(def.key.clone()),
                    def.label.clone(),
                    Some(def.kind.clone()),
                )
            }))
            .collect();
    let kinds: HashMap<Field, Option<hearth_domain::CustomFieldKind>> = settable
        .iter()
        .map(|(f, _, k)| (f.clone(), k.clone()))
        .collect();
    let failure = RwSignal::new(None::<String>);
    let selected = move || {
        selection.with(|s| {
            data.rows
                .iter()
                .filter(|row| s.contains(&row.id()))
                .map(|row| K::record(row).clone())
                .collect::<Vec<K::Record>>()
        })
    };
    let selected = Arc::new(selected);
    let edit = Action::new_local({
        let selected = selected.clone();
        move |edit: &BulkEdit| {
            let (edit, before, store) = (edit.clone(), selected(), workspace.store());
            async move {
                let store = store.ok_or_else(|| {
                    store_error_text(&StoreError::NotOpen, i18n.lang.get_untracked())
                })?;
                let now = now_utc();
                let mut changes = ChangeSet::default();
                for record in &before {
                    let mut after = record.clone();
                    edit.apply(&mut after).map_err(|problem| {
                        let lang = i18n.lang.get_untracked();
                        format!(
                            "{} {}",
                            Msg::Value.text(lang),
                            Msg::for_problem(&problem).text(lang)
                        )
                    })?;
                    after.set_updated_at(now);
                    changes
                        .put(&after)
                        .map_err(|e| store_error_text(&e, i18n.lang.get_untracked()))?;
                }
                store
                    .apply(changes)
                    .await
                    .map_err(|e| store_error_text(&e, i18n.lang.get_untracked()))?;
                workspace.done(LastAction {
                    label: edit.done_msg(),
                    count: before.len(),
                    // Undo expects each record as this edit stored it: one revision up.
                    undo: Undo::PutBack(
                        before
                            .into_iter()
                            .map(|mut record| {
                                record.set_revision(record.revision() + 1);
                                record.into()
                            })
                            .collect(),
                    ),
                });
                Ok::<(), String>(())
            }
        }
    });
    let delete = Action::new_local(move |_: &()| {
        let (before, store) = (selected(), workspace.store());
        async move {
            let store = store
                .ok_or_else(|| store_error_text(&StoreError::NotOpen, i18n.lang.get_untracked()))?;
            let now = now_utc();
            let batch = now.timestamp_millis() as u64;
            let count = before.len();
            let records: Vec<TrashedRecord> = before.into_iter().map(Into::into).collect();
            store
                .trash(&records, now, batch)
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
            <div class="bulk-actions" role="toolbar" aria-label=move || i18n.t(K::BULK_ACTIONS)>
                <strong>{move || i18n.t(Msg::SelectedCount).replace("{count}", &format_count(count() as u64))}</strong>
                <div class="bulk-group">
                    <input type="text" aria-label=move || i18n.t(Msg::TagToAdd) placeholder=move || i18n.t(Msg::TagToAdd) bind:value=tag/>
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
                        {move || i18n.t(Msg::AddTag)}
                    </button>
                </div>
                {has_lifecycle.then(|| view! {
                    <div class="bulk-group">
                        <ChoiceSelect choices=&LIFECYCLE_STAGES value=lifecycle label=lifecycle_msg attr:aria-label=move || i18n.t(Msg::LifecycleToSet)/>
                        <button
                            type="button"
                            disabled=busy
                            on:click=move |_| {
                                let text = lifecycle_key(lifecycle.get()).to_string();
                                edit.dispatch(BulkEdit::SetField { field: Field::Lifecycle, text, kind: None });
                            }
                        >
                            {move || i18n.t(Msg::SetLifecycle)}
                        </button>
                    </div>
                })}
                <div class="bulk-group">
                    <input type="text" aria-label=move || i18n.t(Msg::OwnerToAssign) placeholder=move || i18n.t(Msg::OwnerToAssign) bind:value=owner/>
                    <button
                        type="button"
                        disabled=busy
                        on:click=move |_| {
                            edit.dispatch(BulkEdit::SetField { field: Field::Owner, text: owner.get(), kind: None });
                        }
                    >
                        {move || i18n.t(Msg::AssignOwner)}
                    </button>
                </div>
                <div class="bulk-group">
                    <select
                        aria-label=move || i18n.t(Msg::FieldToSet)
                        on:change=move |ev| {
                            if let Some(field) = field_from_key(&event_target_value(&ev)) {
                                set_field.set(field);
                            }
                        }
                    >
                        {settable
                            .iter()
                            .cloned()
                            .map(|(field, custom_label, _)| {
                                let key = field_key(&field);
                                let chosen = field.clone();
                                view! {
                                    <option value=key selected=move || set_field.with(|f| *f == chosen)>
                                        {move || field_msg(&field).map_or(custom_label.clone(), |msg| i18n.t(msg).to_string())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <input type="text" aria-label=move || i18n.t(Msg::Value) placeholder=move || i18n.t(Msg::Value) bind:value=set_text/>
                    <button
                        type="button"
                        disabled=busy
                        on:click={
                            let kinds = kinds.clone();
                            move |_| {
                                let field = set_field.get();
                                let kind = kinds.get(&field).cloned().flatten();
                                edit.dispatch(BulkEdit::SetField { field, text: set_text.get(), kind });
                            }
                        }
                    >
                        {move || i18n.t(Msg::SetField)}
                    </button>
                </div>
                <button type="button" class="danger" disabled=busy on:click=move |_| { delete.dispatch(()); }>
                    {move || i18n.t(Msg::DeleteSelected)}
                </button>
                <button type="button" on:click=move |_| selection.set(HashSet::new())>
                    {move || i18n.t(Msg::ClearSelection)}
                </button>
                {move || failure.get().map(|reason| view! {
                    <p role="alert" class="errors">{move || i18n.t(Msg::ErrorPrefix)} " " {reason.clone()}</p>
                })}
            </div>
        </Show>
    }
}
