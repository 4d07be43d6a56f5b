//! Choosing one of a fixed set of values: a `<select>` named in the user's language, and the
//! names of lifecycle stages.

use crate::i18n::{use_i18n, Msg};
use hearth_domain::LifecycleStage;
use leptos::prelude::*;

/// The message naming a lifecycle stage.
pub fn lifecycle_msg(stage: LifecycleStage) -> Msg {
    match stage {
        LifecycleStage::Lead => Msg::LifecycleLead,
        LifecycleStage::Prospect => Msg::LifecycleProspect,
        LifecycleStage::Customer => Msg::LifecycleCustomer,
        LifecycleStage::Churned => Msg::LifecycleChurned,
    }
}

/// A `<select>` of `choices` editing `value`, each named by `label`; `attr:` attributes (an id,
/// a label) land on the `<select>`.
#[component]
pub fn ChoiceSelect<T>(
    choices: &'static [T],
    value: RwSignal<T>,
    label: fn(T) -> Msg,
) -> impl IntoView
where
    T: Copy + PartialEq + std::fmt::Debug + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <select on:change=move |ev| {
            let chosen = event_target_value(&ev);
            if let Some(choice) = choices.iter().find(|c| format!("{c:?}") == chosen) {
                value.set(*choice);
            }
        }>
            {choices
                .iter()
                .map(|&choice| view! {
                    <option value=format!("{choice:?}") selected=move || value.get() == choice>
                        {move || i18n.t(label(choice))}
                    </option>
                })
                .collect_view()}
        </select>
    }
}
