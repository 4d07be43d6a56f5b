//! Settings: language, theme, and replacing the workspace with demo data or nothing.

use crate::app::{use_page_title, ThemeChoice, UserName};
use crate::components::progress::ReplaceProgressBar;
use crate::i18n::{use_i18n, Lang, Msg};
use crate::settings::Theme;
use crate::store::WorkspaceInfo;
use crate::workspace::{today_utc, use_workspace, Replacement};
use hearth_domain::demo::DemoConfig;
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
        <h1>{move || i18n.t(Msg::NavSettings)}</h1>
        <section aria-labelledby="appearance-heading" class="card">
            <h2 id="appearance-heading">{move || i18n.t(Msg::Appearance)}</h2>
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
        <WorkspaceSettings/>
    }
}

#[component]
fn YouSettings() -> impl IntoView {
    let i18n = use_i18n();
    let UserName(name) = expect_context::<UserName>();
    view! {
        <section aria-labelledby="you-heading" class="card">
            <h2 id="you-heading">{move || i18n.t(Msg::You)}</h2>
            <div class="field">
                <label for="user-name">{move || i18n.t(Msg::YourName)}</label>
                <input id="user-name" type="text" autocomplete="name" bind:value=name/>
            </div>
            <p class="hint">{move || i18n.t(Msg::YourNameHint)}</p>
        </section>
    }
}

#[component]
fn WorkspaceSettings() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let pending = RwSignal::new(None::<Replacement>);
    let info = LocalResource::new(move || {
        workspace.data_version.track();
        let store = workspace.store();
        async move {
            match store {
                Some(store) => store.workspace_info().await.ok().flatten(),
                None => None,
            }
        }
    });
    let replace = Action::new_local(move |with: &Replacement| {
        let with = *with;
        async move {
            workspace
                .replace(with)
                .await
                .map_err(|error| error.to_string())
        }
    });
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
            <h2 id="workspace-heading">{move || i18n.t(Msg::Workspace)}</h2>
            <p>{describe}</p>
            <div class="button-row">
                <button
                    type="button"
                    disabled=move || replace.pending().get()
                    on:click=move |_| pending.set(Some(Replacement::Demo))
                >
                    {move || i18n.t(Msg::ResetToDemo)}
                </button>
                <button
                    type="button"
                    disabled=move || replace.pending().get()
                    on:click=move |_| pending.set(Some(Replacement::Large))
                >
                    {move || i18n.t(Msg::LoadLargeSample)}
                </button>
                <button
                    type="button"
                    class="danger"
                    disabled=move || replace.pending().get()
                    on:click=move |_| pending.set(Some(Replacement::Empty))
                >
                    {move || i18n.t(Msg::StartEmpty)}
                </button>
            </div>
            <ReplaceProgressBar label=Msg::ReplacingWorkspace/>
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
                                <h3 id="confirm-title">{move || i18n.t(Msg::ConfirmReplaceTitle)}</h3>
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
                                        {move || i18n.t(Msg::Confirm)}
                                    </button>
                                    <button type="button" autofocus on:click=move |_| pending.set(None)>
                                        {move || i18n.t(Msg::Cancel)}
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
            {move || match replace.value().get() {
                Some(Ok(())) => view! { <p role="status" class="success">{move || i18n.t(Msg::WorkspaceReplaced)}</p> }.into_any(),
                Some(Err(reason)) => view! {
                    <p role="alert" class="errors">{move || i18n.t(Msg::ErrorPrefix)} " " {reason.clone()}</p>
                }
                .into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}
