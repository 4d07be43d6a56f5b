//! Settings: language, theme, and replacing the workspace with demo data or nothing.

use crate::app::{use_page_title, ThemeChoice, UserName};
use crate::components::choice::DaysInput;
use crate::components::progress::ReplaceProgressBar;
use crate::components::save_outcome::{apply_outcome, one_change, SaveOutcome, SaveOutcomeView};
use crate::i18n::{store_error_text, use_i18n, Lang, Msg};
use crate::settings::Theme;
use crate::store::{StoreError, StoreName, WorkspaceInfo};
use crate::workspace::{today_utc, use_workspace, Replacement};
use hearth_domain::custom_fields::key_for;
use hearth_domain::demo::DemoConfig;
use hearth_domain::{CustomFieldDef, CustomFieldId, CustomFieldKind, EntityKind};
use leptos::prelude::*;

fn theme_msg(theme: Theme) -> Msg {
    match theme {
        Theme::System => Msg::ThemeSystem,
        Theme::Light => Msg::ThemeLight,
        Theme::Dark => Msg::ThemeDark,
    }
}

/// A fieldset of radio buttons choosing one of `choices` into `selected`; `label` names a choice
/// (reactively, so labels follow the language).
#[component]
fn RadioGroup<T, L>(
    legend: Msg,
    name: &'static str,
    choices: &'static [T],
    selected: RwSignal<T>,
    label: L,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
    L: Fn(T) -> &'static str + Copy + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <fieldset>
            <legend>{move || i18n.t(legend)}</legend>
            {choices
                .iter()
                .map(|&choice| {
                    view! {
                        <label class="choice">
                            <input
                                type="radio"
                                name=name
                                prop:checked=move || selected.get() == choice
                                on:change=move |_| selected.set(choice)
                            />
                            {move || label(choice)}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    use_page_title(Msg::NavSettings);
    let i18n = use_i18n();
    let ThemeChoice(theme) = expect_context::<ThemeChoice>();
    view! {
        <h1>{i18n.text(Msg::NavSettings)}</h1>
        <section aria-labelledby="appearance-heading" class="card">
            <h2 id="appearance-heading">{i18n.text(Msg::Appearance)}</h2>
            <RadioGroup
                legend=Msg::Language
                name="language"
                choices=&Lang::ALL
                selected=i18n.lang
                label=|lang: Lang| lang.native_name()
            />
            <RadioGroup
                legend=Msg::Theme
                name="theme"
                choices=&Theme::ALL
                selected=theme
                label=move |choice: Theme| i18n.t(theme_msg(choice))
            />
        </section>
        <YouSettings/>
        <SalesSettings/>
        <crate::pages::service::levels::ServiceLevelSettings/>
        <CustomFieldsSettings/>
        <StorageSettings/>
        <crate::pages::data::backup::BackupSettings/>
        <WorkspaceSettings/>
    }
}

/// Storage use in megabytes, or gigabytes from a thousand megabytes on, one decimal.
fn megabytes(bytes: f64) -> String {
    if bytes >= 1e9 {
        format!("{:.1} GB", bytes / 1e9)
    } else {
        format!("{:.1} MB", bytes / 1e6)
    }
}

/// Whether the browser keeps the data, how much room it takes, and the stored records that could
/// not be read.
#[component]
fn StorageSettings() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let status = LocalResource::new(move || {
        workspace.data_version();
        crate::store::durability::storage_status()
    });
    let problems = move || {
        workspace.data_version();
        workspace
            .store()
            .map(|store| store.problems())
            .unwrap_or_default()
    };
    view! {
        <section aria-labelledby="storage-heading" class="card">
            <h2 id="storage-heading">{i18n.text(Msg::Storage)}</h2>
            {move || status.get().flatten().map(|status| view! {
                <dl class="details">
                    <dt>{i18n.text(Msg::StoragePersisted)}</dt>
                    <dd>{move || i18n.t(if status.persisted { Msg::Yes } else { Msg::StorageNotPersisted })}</dd>
                    <dt>{i18n.text(Msg::StorageUsed)}</dt>
                    <dd>{format!("{} / {}", megabytes(status.usage), megabytes(status.quota))}</dd>
                </dl>
            })}
            {move || {
                let problems = problems();
                (!problems.is_empty()).then(|| view! {
                    <h3>{i18n.text(Msg::Problems)}</h3>
                    <p>{i18n.text(Msg::ProblemsHint)}</p>
                    <ul aria-label=i18n.text(Msg::Problems)>
                        {problems.into_iter().map(|problem| view! {
                            <li>{format!("{} #{}", problem.store, problem.id.map_or("?".to_string(), |id| id.to_string()))}</li>
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

#[component]
fn YouSettings() -> impl IntoView {
    let i18n = use_i18n();
    let UserName(name) = expect_context::<UserName>();
    view! {
        <section aria-labelledby="you-heading" class="card">
            <h2 id="you-heading">{i18n.text(Msg::You)}</h2>
            <div class="field">
                <label for="user-name">{i18n.text(Msg::YourName)}</label>
                <input id="user-name" type="text" autocomplete="name" bind:value=name/>
            </div>
            <p class="hint">{i18n.text(Msg::YourNameHint)}</p>
        </section>
    }
}

/// When the deals board marks an open deal stale.
#[component]
fn SalesSettings() -> impl IntoView {
    let i18n = use_i18n();
    let days = RwSignal::new(crate::settings::load_stale_days());
    view! {
        <section aria-labelledby="sales-settings-heading" class="card">
            <h2 id="sales-settings-heading">{i18n.text(Msg::SalesSettings)}</h2>
            <DaysInput label=Msg::StaleAfter days save=crate::settings::save_stale_days/>
        </section>
    }
}

/// The kinds of record a user can add fields to, as "Applies to" offers them.
const CUSTOM_FIELD_ENTITIES: [(EntityKind, Msg); 3] = [
    (EntityKind::Person, Msg::People),
    (EntityKind::Company, Msg::Companies),
    (EntityKind::Product, Msg::Products),
];

const FIELD_KINDS: [(&str, Msg); 8] = [
    ("text", Msg::KindText),
    ("number", Msg::KindNumber),
    ("date", Msg::KindDate),
    ("single_select", Msg::KindSingleSelect),
    ("multi_select", Msg::KindMultiSelect),
    ("checkbox", Msg::KindCheckbox),
    ("url", Msg::KindUrl),
    ("currency", Msg::KindCurrency),
];

fn field_kind(name: &str, options: Vec<String>) -> CustomFieldKind {
    match name {
        "number" => CustomFieldKind::Number,
        "date" => CustomFieldKind::Date,
        "single_select" => CustomFieldKind::SingleSelect { options },
        "multi_select" => CustomFieldKind::MultiSelect { options },
        "checkbox" => CustomFieldKind::Checkbox,
        "url" => CustomFieldKind::Url,
        "currency" => CustomFieldKind::Currency,
        _ => CustomFieldKind::Text,
    }
}

fn kind_msg(kind: &CustomFieldKind) -> Msg {
    match kind {
        CustomFieldKind::Text => Msg::KindText,
        CustomFieldKind::Number => Msg::KindNumber,
        CustomFieldKind::Date => Msg::KindDate,
        CustomFieldKind::SingleSelect { .. } => Msg::KindSingleSelect,
        CustomFieldKind::MultiSelect { .. } => Msg::KindMultiSelect,
        CustomFieldKind::Checkbox => Msg::KindCheckbox,
        CustomFieldKind::Url => Msg::KindUrl,
        CustomFieldKind::Currency => Msg::KindCurrency,
    }
}

/// Defining the user's own fields on people and companies.
#[component]
fn CustomFieldsSettings() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let defs = crate::components::custom_fields::use_all_custom_fields();
    let label = RwSignal::new(String::new());
    let entity = RwSignal::new(EntityKind::Person);
    let kind = RwSignal::new("text".to_string());
    let options = RwSignal::new(String::new());
    let add = Action::new_local(move |def: &CustomFieldDef| {
        let written = apply_outcome(workspace.store(), one_change(|changes| changes.add(def)));
        async move {
            let outcome = written.await;
            if let SaveOutcome::Saved = outcome {
                label.set(String::new());
                options.set(String::new());
                workspace.changed();
            }
            outcome
        }
    });
    let remove = Action::new_local(move |id: &u32| {
        let (id, store) = (*id, workspace.store());
        async move {
            if let Some(store) = store {
                let _ = store.delete::<CustomFieldDef>(id).await;
                workspace.changed();
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let taken: Vec<String> = defs
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|d| d.key)
            .collect();
        let choices: Vec<String> = options
            .get()
            .split(',')
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_string)
            .collect();
        add.dispatch(CustomFieldDef {
            uid: Default::default(),
            revision: 0,
            id: CustomFieldId(0),
            entity: entity.get(),
            key: key_for(&label.get(), &taken),
            label: label.get().trim().to_string(),
            kind: field_kind(&kind.get(), choices),
            created_at: crate::workspace::now_utc(),
            updated_at: crate::workspace::now_utc(),
        });
    };
    let entity_msg = |entity: EntityKind| {
        CUSTOM_FIELD_ENTITIES
            .iter()
            .find(|(kind, _)| *kind == entity)
            .map_or(Msg::People, |(_, msg)| *msg)
    };
    view! {
        <section aria-labelledby="custom-fields-heading" class="card">
            <h2 id="custom-fields-heading">{i18n.text(Msg::CustomFields)}</h2>
            <p class="hint">{i18n.text(Msg::CustomFieldsHint)}</p>
            {move || {
                let defs = defs.get().unwrap_or_default();
                if defs.is_empty() {
                    return view! { <p class="empty">{i18n.text(Msg::NoCustomFields)}</p> }.into_any();
                }
                view! {
                    <ul class="custom-fields">
                        {defs.into_iter().map(|def| {
                            let id = def.id.0;
                            let (kind, applies) = (kind_msg(&def.kind), entity_msg(def.entity));
                            let delete_label = format!("{} {}", Msg::DeleteField.text(i18n.lang.get_untracked()), def.label);
                            view! {
                                <li>
                                    <strong>{def.label.clone()}</strong>
                                    " · " {move || i18n.t(applies)} " · " {move || i18n.t(kind)}
                                    <button type="button" class="quiet" aria-label=delete_label on:click=move |_| { remove.dispatch(id); }>
                                        {i18n.text(Msg::DeleteField)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <form class="form-grid" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="custom-field-label">{i18n.text(Msg::FieldLabel)}</label>
                    <input id="custom-field-label" type="text" bind:value=label/>
                </div>
                <div class="field">
                    <label for="custom-field-entity">{i18n.text(Msg::AppliesTo)}</label>
                    <select id="custom-field-entity" on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        if let Some((kind, _)) = CUSTOM_FIELD_ENTITIES.iter().find(|(kind, _)| kind.key() == chosen) {
                            entity.set(*kind);
                        }
                    }>
                        {CUSTOM_FIELD_ENTITIES.into_iter().map(|(kind, msg)| view! {
                            <option value=kind.key()>{move || i18n.t(msg)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="custom-field-kind">{i18n.text(Msg::FieldType)}</label>
                    <select id="custom-field-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        {FIELD_KINDS.into_iter().map(|(name, msg)| view! { <option value=name>{move || i18n.t(msg)}</option> }).collect_view()}
                    </select>
                </div>
                <Show when=move || kind.with(|k| k.ends_with("select"))>
                    <div class="field">
                        <label for="custom-field-options">{i18n.text(Msg::FieldOptions)}</label>
                        <input id="custom-field-options" type="text" bind:value=options/>
                    </div>
                </Show>
                <div class="form-actions">
                    <button type="submit">{i18n.text(Msg::AddField)}</button>
                </div>
            </form>
            <SaveOutcomeView action=add saved=Msg::FieldAdded/>
        </section>
    }
}

#[component]
fn WorkspaceSettings() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let pending = RwSignal::new(None::<Replacement>);
    let info = LocalResource::new(move || {
        workspace.track(&[StoreName::Meta]);
        let store = workspace.store();
        async move {
            match store {
                Some(store) => store.workspace_info().await.ok().flatten(),
                None => None,
            }
        }
    });
    let analyses = crate::analysis::bridge::use_analyses();
    let replace = Action::new_local(move |with: &Replacement| {
        let with = *with;
        async move { workspace.replace(with).await }
    });
    // The worker's replacement stops between batches when asked; nothing is replaced then.
    let stoppable = move || workspace.replacing.get().is_some();
    let describe = move || match info.get().flatten() {
        Some(WorkspaceInfo::Demo { people, .. })
            if people > DemoConfig::standard(today_utc()).people as usize =>
        {
            i18n.t(Msg::WorkspaceLargeDemo)
        }
        Some(WorkspaceInfo::Demo { .. }) => i18n.t(Msg::WorkspaceDemo),
        Some(WorkspaceInfo::Empty) => i18n.t(Msg::WorkspaceEmpty),
        None => "",
    };

    view! {
        <section aria-labelledby="workspace-heading" class="card">
            <h2 id="workspace-heading">{i18n.text(Msg::Workspace)}</h2>
            <p>{describe}</p>
            <div class="button-row">
                <button
                    type="button"
                    disabled=move || replace.pending().get()
                    on:click=move |_| pending.set(Some(Replacement::Demo))
                >
                    {i18n.text(Msg::ResetToDemo)}
                </button>
                <button
                    type="button"
                    disabled=move || replace.pending().get()
                    on:click=move |_| pending.set(Some(Replacement::Large))
                >
                    {i18n.text(Msg::LoadLargeSample)}
                </button>
                <button
                    type="button"
                    class="danger"
                    disabled=move || replace.pending().get()
                    on:click=move |_| pending.set(Some(Replacement::Empty))
                >
                    {i18n.text(Msg::StartEmpty)}
                </button>
            </div>
            <ReplaceProgressBar label=Msg::ReplacingWorkspace/>
            <Show when=stoppable>
                <button type="button" on:click=move |_| analyses.cancel(crate::analysis::protocol::AnalysisKind::Replace)>
                    {i18n.text(Msg::StopReplacing)}
                </button>
            </Show>
            {move || {
                pending
                    .get()
                    .map(|with| {
                        let body = match with {
                            Replacement::Demo => Msg::ConfirmResetBody,
                            Replacement::Large => Msg::ConfirmLargeBody,
                            Replacement::Empty => Msg::ConfirmEmptyBody,
                        };
                        view! {
                            <div
                                class="confirm"
                                role="alertdialog"
                                aria-labelledby="confirm-title"
                                aria-describedby="confirm-body"
                            >
                                <h3 id="confirm-title">{i18n.text(Msg::ConfirmReplaceTitle)}</h3>
                                <p id="confirm-body">{move || i18n.t(body)}</p>
                                <div class="button-row">
                                    <button
                                        type="button"
                                        class="danger"
                                        on:click=move |_| {
                                            pending.set(None);
                                            replace.dispatch(with);
                                        }
                                    >
                                        {i18n.text(Msg::Confirm)}
                                    </button>
                                    <button type="button" autofocus on:click=move |_| pending.set(None)>
                                        {i18n.text(Msg::Cancel)}
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
            {move || match replace.value().get() {
                Some(Ok(())) => view! { <p role="status" class="success">{i18n.text(Msg::WorkspaceReplaced)}</p> }.into_any(),
                Some(Err(StoreError::Cancelled)) => view! {
                    <p role="status">{i18n.text(Msg::ReplacingStopped)}</p>
                }
                .into_any(),
                Some(Err(error)) => view! {
                    <p role="alert" class="errors">{move || store_error_text(&error, i18n.lang.get())}</p>
                }
                .into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}
