//! Choosing one of a fixed set of values: a `<select>` named in the user's language, the names of
//! lifecycle stages, and a number of days for a setting.

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

/// A setting's number of days (1 to 365) in a labelled input: `label`, the input, "days". A typed
/// value is kept by `save` and shown through `days`.
#[component]
pub fn DaysInput(label: Msg, days: RwSignal<u32>, save: fn(u32)) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="days-setting">
            {i18n.text(label)} " "
            <input
                type="number"
                min="1"
                max="365"
                prop:value=move || days.get().to_string()
                on:change=move |event| {
                    if let Ok(chosen) = event_target_value(&event).parse::<u32>() {
                        let chosen = chosen.clamp(1, 365);
                        save(chosen);
                        days.set(chosen);
                    }
                }
            />
            " " {i18n.text(Msg::DaysWord)}
        </label>
    }
}
