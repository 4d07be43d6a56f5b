//! One form for every entity, drawn from its field table: the fields of a place (the short form
//! that adds a record, or the edit form), built-in and custom alike, each input chosen by the
//! field's kind. What is typed is applied to the copy the form was filled from and handed to a
//! save action, which reports problems field by field.

use crate::components::custom_fields::use_custom_fields;
use crate::components::save_outcome::{SaveButton, SaveOutcome};
use crate::i18n::{label_text, use_i18n, Msg};
use crate::store::{Record, Store};
use crate::workspace::{now_utc, use_workspace};
use hearth_domain::entity::{apply_form, fields_of, Entity, FieldKind, FieldRef, Label, Places};
use hearth_domain::list::Field;
use hearth_domain::{CustomFieldDef, EntityKind, FieldError};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// What a form's save action takes: the record typed, or the problems found before the store.
pub type FormSave<E> = Action<Result<E, Vec<FieldError>>, SaveOutcome>;

/// The texts a form over `record` starts with, for every field of `fields`.
fn texts_of<E: Entity>(record: &E, fields: &[FieldRef<E>]) -> BTreeMap<Field, String> {
    // Inserted one by one: collecting into a map sorts first, a sort compiled once per entity.
    let mut texts = BTreeMap::new();
    for field in fields {
        texts.insert(field.field(), field.edit_text(record));
    }
    texts
}

/// The form over `base` with the fields of `place` ([`Places::CREATE`] to add a record,
/// [`Places::FORM`] to edit one); `id` prefixes the element ids and names the heading. After a
/// save it starts again from `base` when `clear_after_save` (a form that adds records).
#[component]
pub fn RecordForm<E>(
    base: E,
    place: Places,
    id: &'static str,
    heading: Msg,
    save: FormSave<E>,
    #[prop(optional)] clear_after_save: bool,
) -> impl IntoView
where
    E: Entity + Record,
{
    let custom_defs = use_custom_fields(E::KIND);
    let base = std::sync::Arc::new(base);
    let describe: Describe = {
        let base = base.clone();
        std::sync::Arc::new(move |defs: &[CustomFieldDef]| {
            let fields = placed::<E>(defs, place);
            let inputs = fields
                .iter()
                .map(|field| InputSpec {
                    key: field.field(),
                    label: field.label(),
                    kind: field.kind(),
                    options: field.options(),
                })
                .collect();
            (inputs, texts_of(&*base, &fields))
        })
    };
    let submit: Submit = std::sync::Arc::new(move |defs, texts| {
        let fields = placed::<E>(defs, place);
        let by = crate::settings::load_user_name();
        save.dispatch(apply_form(&*base, &fields, place, texts, &by, now_utc()));
    });
    let saved = clear_after_save
        .then(|| Signal::derive(move || matches!(save.value().get(), Some(SaveOutcome::Saved))));
    let parts = FormParts {
        id,
        heading,
        custom_defs,
        describe,
        submit,
        pending: save.pending().into(),
        saved,
    };
    form_shell(parts)
}

/// `E`'s fields at `place` (built-in and `defs`), times left out: the store sets those.
fn placed<E: Entity>(defs: &[CustomFieldDef], place: Places) -> Vec<FieldRef<E>> {
    fields_of::<E>(defs)
        .into_iter()
        .filter(|field| field.is_in(place) && field.kind() != FieldKind::Time)
        .collect()
}

/// A form's inputs and their starting texts, for the custom fields given.
type Describe = std::sync::Arc<
    dyn Fn(&[CustomFieldDef]) -> (Vec<InputSpec>, BTreeMap<Field, String>) + Send + Sync,
>;

/// Saves what the form's texts say, for the custom fields given.
type Submit = std::sync::Arc<dyn Fn(&[CustomFieldDef], &BTreeMap<Field, String>) + Send + Sync>;

/// Everything of a form that depends on its entity, already built: the rest of the form is
/// compiled once, not once per kind of record.
struct FormParts {
    id: &'static str,
    heading: Msg,
    custom_defs: LocalResource<Vec<CustomFieldDef>>,
    describe: Describe,
    submit: Submit,
    pending: Signal<bool>,
    /// Set when a save went through, for a form that starts again after one.
    saved: Option<Signal<bool>>,
}

/// The form's state (the texts typed, custom fields joining when they arrive) and markup.
fn form_shell(parts: FormParts) -> AnyView {
    let FormParts {
        id,
        heading,
        custom_defs,
        describe,
        submit,
        pending,
        saved,
    } = parts;
    let described = {
        let describe = describe.clone();
        Memo::new(move |_| describe(&custom_defs.get().unwrap_or_default()))
    };
    let texts = RwSignal::new(describe(&[]).1);
    // Custom fields arrive after the first render: their texts join what is already typed.
    Effect::new(move || {
        described.with(|(_, fresh)| {
            texts.update(|texts| {
                for (field, text) in fresh {
                    texts.entry(field.clone()).or_insert_with(|| text.clone());
                }
            })
        });
    });
    Effect::new(move || {
        if saved.is_some_and(|saved| saved.get()) {
            texts.set(described.with_untracked(|(_, fresh)| fresh.clone()));
        }
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let defs = custom_defs.get_untracked().unwrap_or_default();
        texts.with_untracked(|texts| submit(&defs, texts));
    };
    let inputs = Signal::derive(move || described.with(|(inputs, _)| inputs.clone()));
    form_view(id, heading, inputs, texts, Box::new(on_submit), pending)
}

/// What an input needs of its field, whatever the entity: the form's markup is compiled once,
/// not once per kind of record.
#[derive(Clone, PartialEq)]
struct InputSpec {
    key: Field,
    label: Label,
    kind: FieldKind,
    options: Vec<(String, Label)>,
}

/// The form's section around the `inputs` editing `texts`.
fn form_view(
    id: &'static str,
    heading: Msg,
    inputs: Signal<Vec<InputSpec>>,
    texts: RwSignal<BTreeMap<Field, String>>,
    on_submit: Box<dyn FnMut(leptos::ev::SubmitEvent)>,
    pending: Signal<bool>,
) -> AnyView {
    let i18n = use_i18n();
    let inputs = move || {
        inputs
            .get()
            .into_iter()
            .map(|input| field_input(id, input, texts))
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby=format!("{id}-heading")>
            <h2 id=format!("{id}-heading")>{move || i18n.t(heading)}</h2>
            // The app validates and explains errors in the user's language; the browser's own
            // popups would not.
            <form on:submit=on_submit class="form-grid" novalidate>
                {inputs}
                <SaveButton pending/>
            </form>
        </section>
    }
    .into_any()
}

/// One labelled input for `field`, editing its text in `texts`.
fn field_input(
    form: &'static str,
    field: InputSpec,
    texts: RwSignal<BTreeMap<Field, String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let InputSpec {
        key,
        label,
        kind,
        options,
    } = field;
    let element_id = match &key {
        Field::Builtin(name) => format!("{form}-{}", name.replace('_', "-")),
        Field::Custom(name) => format!("{form}-custom-{name}"),
    };
    let value = {
        let key = key.clone();
        move || texts.with(|t| t.get(&key).cloned().unwrap_or_default())
    };
    let set = {
        let key = key.clone();
        move |text: String| {
            texts.update(|t| {
                t.insert(key.clone(), text);
            })
        }
    };
    let input = match kind {
        FieldKind::Checkbox => view! {
            <input id=element_id.clone() type="checkbox" prop:checked=move || value() == "true"
                on:change=move |ev| set(event_target_checked(&ev).to_string())/>
        }
        .into_any(),
        FieldKind::LongText => view! {
            <textarea id=element_id.clone() rows="3" prop:value=value
                on:input=move |ev| set(event_target_value(&ev))></textarea>
        }
        .into_any(),
        FieldKind::Select(builtin) => {
            let options = options.clone();
            // A built-in select always holds one of its options; a custom one may be empty.
            let none = builtin.is_empty().then(|| {
                view! { <option value="">{i18n.text(Msg::NoneChosen)}</option> }
            });
            let choices = options
                .into_iter()
                .map(|(option, label)| {
                    let (value, chosen) = (value.clone(), option.clone());
                    view! {
                        <option value=option selected=move || value() == chosen>
                            {move || label_text(&label, i18n.lang.get())}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <select id=element_id.clone() on:change=move |ev| set(event_target_value(&ev))>
                    {none}
                    {choices}
                </select>
            }
            .into_any()
        }
        FieldKind::Reference(entity) => {
            // A search box narrows the menu to a few names: a workspace of 100,000 people is no
            // menu to scroll. Every name is read only once the field is reached for.
            let wanted = RwSignal::new(false);
            let query = RwSignal::new(String::new());
            let choices = use_reference_choices(entity, wanted, value.clone());
            let value = value.clone();
            let options = move || {
                let chosen = value();
                let query = query.get().to_lowercase();
                let (mut shown, others): (Vec<_>, Vec<_>) = choices
                    .get()
                    .unwrap_or_default()
                    .into_iter()
                    .partition(|(id, _)| id.to_string() == chosen);
                shown.extend(
                    others
                        .into_iter()
                        .filter(|(_, name)| name.to_lowercase().contains(&query))
                        .take(REFERENCE_CHOICES),
                );
                shown
                    .into_iter()
                    .map(|(id, name)| {
                        let id = id.to_string();
                        let selected = id == chosen;
                        view! { <option value=id selected=selected>{name}</option> }
                    })
                    .collect_view()
            };
            let label = label.clone();
            view! {
                <input type="search" class="reference-search"
                    aria-label=move || format!("{} {}", i18n.t(Msg::FindIn), label_text(&label, i18n.lang.get()))
                    placeholder=move || i18n.t(Msg::TypeToFind)
                    on:focus=move |_| wanted.set(true)
                    on:input=move |ev| query.set(event_target_value(&ev))/>
                <select id=element_id.clone() on:focus=move |_| wanted.set(true)
                    on:change=move |ev| set(event_target_value(&ev))>
                    <option value="">{i18n.text(Msg::NoneChosen)}</option>
                    {options}
                </select>
            }
            .into_any()
        }
        kind => {
            let input_type = match kind {
                FieldKind::Date => "date",
                FieldKind::Url => "url",
                _ => "text",
            };
            let input_mode = match kind {
                FieldKind::Number | FieldKind::Currency => "decimal",
                _ => "text",
            };
            view! {
                <input id=element_id.clone() type=input_type inputmode=input_mode prop:value=value
                    on:input=move |ev| set(event_target_value(&ev))/>
            }
            .into_any()
        }
    };
    let hint = match kind {
        FieldKind::Emails | FieldKind::Phones => Some(Signal::derive(move || {
            i18n.t(Msg::CommaSeparated).to_string()
        })),
        FieldKind::Tags => Some(Signal::derive(move || i18n.t(Msg::TagsHint).to_string())),
        FieldKind::MultiSelect => {
            let options: Vec<String> = options.into_iter().map(|(o, _)| o).collect();
            let options = options.join(", ");
            Some(Signal::derive(move || options.clone()))
        }
        FieldKind::Currency => Some(Signal::derive(move || i18n.t(Msg::AmountHint).to_string())),
        _ => None,
    };
    let wide = kind == FieldKind::LongText;
    // A checkbox sits beside its label, as checkboxes do.
    let inline = kind == FieldKind::Checkbox;
    view! {
        <div class="field" class:wide=wide class:inline=inline>
            <label for=element_id>{move || label_text(&label, i18n.lang.get())}</label>
            {input}
            {hint.map(|hint| view! { <span class="hint">{hint}</span> })}
        </div>
    }
}

/// How many names a reference's menu offers besides the chosen one: the search box finds others.
const REFERENCE_CHOICES: usize = 50;

/// The records of `entity` a reference can point to, as (id, name) by name: all of them once
/// `wanted`, before that only the one `chosen` names (an edit form shows its name).
fn use_reference_choices(
    entity: EntityKind,
    wanted: RwSignal<bool>,
    chosen: impl Fn() -> String + Send + Sync + 'static,
) -> LocalResource<Vec<(u32, String)>> {
    let workspace = use_workspace();
    LocalResource::new(move || {
        if let Some(store) = Store::reference_store(entity) {
            workspace.track(&[store]);
        }
        let store = workspace.store();
        // The chosen id is read untracked: typing in another field does not read again.
        let only =
            (!wanted.get()).then(|| untrack(&chosen).parse::<u32>().ok().into_iter().collect());
        async move {
            let Some(store) = store else {
                return Vec::new();
            };
            let only: Option<Vec<u32>> = only;
            let mut choices = store
                .names_of(entity, only.as_deref())
                .await
                .unwrap_or_default();
            hearth_domain::sort::sort_by_key(&mut choices, |(_, name)| name.to_lowercase());
            choices
        }
    })
}
