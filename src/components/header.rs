//! The top bar: the app's name, the language switcher and the light/dark toggle.

use crate::app::{use_app_href, ThemeChoice};
use crate::i18n::{use_i18n, Lang, Msg};
use crate::routes;
use crate::settings::{is_dark, Theme};
use leptos::prelude::*;
use leptos_router::components::A;

/// The banner at the top of every page.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let ThemeChoice(theme) = expect_context::<ThemeChoice>();
    let toggle_theme = move |_| {
        let next = if is_dark(theme.get_untracked()) {
            Theme::Light
        } else {
            Theme::Dark
        };
        theme.set(next);
    };
    view! {
        <header class="topbar">
            <A href=use_app_href(routes::DASHBOARD) exact=true>
                <span class="brand">{i18n.text(Msg::AppName)}</span>
            </A>
            <span class="privacy">{i18n.text(Msg::PrivacyNote)}</span>
            <div class="topbar-controls">
                <label class="visually-hidden" for="language-select">
                    {i18n.text(Msg::Language)}
                </label>
                <select
                    id="language-select"
                    on:change=move |event| {
                        let lang = if event_target_value(&event) == "zh" { Lang::Zh } else { Lang::En };
                        i18n.lang.set(lang);
                    }
                >
                    {Lang::ALL
                        .into_iter()
                        .map(|lang| {
                            let value = if lang == Lang::Zh { "zh" } else { "en" };
                            view! {
                                <option value=value selected=move || i18n.lang.get() == lang>
                                    {lang.native_name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button
                    type="button"
                    class="theme-toggle"
                    aria-label=i18n.text(Msg::ToggleTheme)
                    aria-pressed=move || is_dark(theme.get()).to_string()
                    on:click=toggle_theme
                >
                    {move || if is_dark(theme.get()) { "☾" } else { "☀" }}
                </button>
            </div>
        </header>
    }
}
