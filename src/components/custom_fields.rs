//! The user's own fields on a record's form: one input per field definition, read back into typed
//! values with errors named by the field's label.

use crate::i18n::{use_i18n, Msg};
use crate::store::StoreName;
use crate::workspace::use_workspace;
use hearth_domain::custom_fields::{parse_value, value_text};
use hearth_domain::{CustomFieldDef, CustomFieldKind, CustomValue, EntityKind, FieldError};
use leptos::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// The custom field definitions of `entity`, by label, refreshed when data changes.
pub fn use_custom_fields(entity: EntityKind) -> LocalResource<Vec<CustomFieldDef>> {
    let workspace = use_workspace();
    LocalResource::new(move || {
        workspace.track(&[StoreName::CustomFields]);
        let store = workspace.store();
        async move {
            let Some(store) = store else {
                return Vec::new();
            };
            let mut defs: Vec<CustomFieldDef> = store
                .all::<CustomFieldDef>()
                .await
                .unwrap_or_default()
                .into_iter()
                .filter(|def| def.entity == entity)
                .collect();
            defs.sort_by_key(|def| def.label.to_lowercase());
            defs
        }
    })
}

/// The texts a form starts with for `values`.
pub fn texts_of(values: &BTreeMap<String, CustomValue>) -> HashMap<String, String> {
    values
        .iter()
        .map(|(key, value)| (key.clone(), value_text(value)))
        .collect()
}

/// The typed values of the form's `texts` for `defs`, keeping `previous` values of fields that
/// are no longer defined; or every problem, named by the field's label.
pub fn read_values(
    defs: &[CustomFieldDef],
    texts: &HashMap<String, String>,
    previous: &BTreeMap<String, CustomValue>,
) -> Result<BTreeMap<String, CustomValue>, Vec<FieldError>> {
    let mut values = previous.clone();
    let mut errors = Vec::new();
    for def in defs {
        let text = texts.get(&def.key).map_or("", String::as_str);
        match parse_value(&def.kind, text) {
            Ok(Some(value)) => {
                values.insert(def.key.clone(), value);
            }
            Ok(None) => {
                values.remove(&def.key);
            }
            Err(problem) => errors.push(FieldError {
                field: def.label.clone(),
                problem,
            }),
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

/// One labelled input per definition, editing `texts` (by field key); `prefix` keeps ids unique.
#[component]
pub fn CustomFieldInputs(
    defs: Vec<CustomFieldDef>,
    texts: RwSignal<HashMap<String, String>>,
    prefix: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    defs.into_iter()
        .map(|def| {
            let id = format!("{prefix}-custom-{}", def.key);
            let key = def.key.clone();
            let value = {
                let key = key.clone();
                move || texts.with(|t| t.get(&key).cloned().unwrap_or_default())
            };
            let set = {
                let key = key.clone();
                move |text: String| texts.update(|t| {
                    t.insert(key.clone(), text);
                })
            };
            let input = match &def.kind {
                CustomFieldKind::Checkbox => {
                    let set = set.clone();
                    view! {
                        <input id=id.clone() type="checkbox" prop:checked=move || value() == "true"
                            on:change=move |ev| set(event_target_checked(&ev).to_string())/>
                    }
                    .into_any()
                }
                CustomFieldKind::SingleSelect { options } => {
                    let options = options.clone();
                    let set = set.clone();
                    let unset = value.clone();
                    let choices = options
                        .into_iter()
                        .map(|option| {
                            let (chosen, label, value) = (option.clone(), option.clone(), value.clone());
                            view! { <option value=option selected=move || value() == chosen>{label}</option> }
                        })
                        .collect_view();
                    view! {
                        <select id=id.clone() on:change=move |ev| set(event_target_value(&ev))>
                            <option value="" selected=move || unset().is_empty()>{move || i18n.t(Msg::NoneChosen)}</option>
                            {choices}
                        </select>
                    }
                    .into_any()
                }
                kind => {
                    let input_type = match kind {
                        CustomFieldKind::Date => "date",
                        CustomFieldKind::Url => "url",
                        _ => "text",
                    };
                    let set = set.clone();
                    view! {
                        <input id=id.clone() type=input_type prop:value=value on:input=move |ev| set(event_target_value(&ev))/>
                    }
                    .into_any()
                }
            };
            let hint = match &def.kind {
                CustomFieldKind::MultiSelect { options } => Some(options.join(", ")),
                CustomFieldKind::Currency | CustomFieldKind::Number => Some("0.00".to_string()),
                _ => None,
            };
            view! {
                <div class="field">
                    <label for=id>{def.label.clone()}</label>
                    {input}
                    {hint.map(|hint| view! { <span class="hint">{hint}</span> })}
                </div>
            }
        })
        .collect_view()
}
