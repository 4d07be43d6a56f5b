//! Keyboard access to everything: Ctrl/Cmd+K opens a palette that jumps to any page or person,
//! `?` lists the shortcuts, `/` focuses the list's search, `n` starts a new person, Ctrl/Cmd+S
//! saves the form being edited.

use crate::app::use_app_href;
use crate::components::nav::PAGES;
use crate::components::record_list::{ListCache, ListKind};
use crate::i18n::{use_i18n, Msg};
use crate::pages::contacts::people::People;
use crate::routes;
use crate::workspace::use_workspace;
use hearth_domain::list::{fold, ListQuery, Row};
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

/// People listed at most in the palette.
const PEOPLE_SHOWN: usize = 8;

/// One thing the palette can open.
#[derive(Debug, Clone, PartialEq)]
struct Target {
    label: String,
    hint: Msg,
    path: String,
}

/// Whether the key event comes from a field the user is typing into.
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || element.has_attribute("contenteditable")
        })
}

/// Focuses the first element `selector` matches; whether there was one.
fn focus_first(selector: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|e| e.focus().is_ok())
        .unwrap_or(false)
}

/// Submits the form that holds the focused field, as its own Save button would.
fn submit_focused_form() {
    let form = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.closest("form").ok().flatten())
        .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok());
    if let Some(form) = form {
        let _ = form.request_submit();
    }
}

/// The global shortcuts, the palette and the shortcut help.
#[component]
pub fn CommandPalette() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let navigate = use_navigate();
    let palette: NodeRef<html::Dialog> = NodeRef::new();
    let help: NodeRef<html::Dialog> = NodeRef::new();
    let input: NodeRef<html::Input> = NodeRef::new();
    let text = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let customers_href = use_app_href(routes::CUSTOMERS);
    let person_href = use_app_href(&routes::record_prefix(routes::CUSTOMERS));
    // Everyone, read once the palette is first opened: the same read (and cache) as the
    // customers list.
    let requested = RwSignal::new(false);
    let cache = expect_context::<ListCache>();
    let people = LocalResource::new(move || {
        let (version, requested) = (
            workspace.track(<People as ListKind>::STORES),
            requested.get(),
        );
        async move {
            if requested {
                cache.list::<People>(workspace, version).await.ok()
            } else {
                None
            }
        }
    });
    let page_targets: Vec<(String, Msg)> = PAGES
        .iter()
        .map(|&(path, msg)| (use_app_href(path), msg))
        .collect();
    let targets =
        Memo::new(move |_| {
            let lang = i18n.lang.get();
            let wanted = fold(&text.get());
            let mut found: Vec<Target> = page_targets
                .iter()
                .filter(|(_, msg)| fold(msg.text(lang)).contains(wanted.trim()))
                .map(|(path, msg)| Target {
                    label: msg.text(lang).to_string(),
                    hint: Msg::PaletteGoToPage,
                    path: path.clone(),
                })
                .collect();
            if !wanted.trim().is_empty() {
                people.with(|data| {
                    if let Some(Some(data)) = data {
                        let rows = data.rows();
                        let query = ListQuery {
                            search: wanted.clone(),
                            ..ListQuery::default()
                        };
                        found.extend(query.run(rows).into_iter().take(PEOPLE_SHOWN).map(|i| {
                            Target {
                                label: rows[i].name(),
                                hint: Msg::PalettePerson,
                                path: format!("{person_href}{}", rows[i].id()),
                            }
                        }));
                    }
                });
            }
            found
        });
    let show_palette = move || {
        if let Some(dialog) = palette.get_untracked() {
            text.set(String::new());
            active.set(0);
            requested.set(true);
            let _ = dialog.show_modal();
            if let Some(input) = input.get_untracked() {
                let _ = input.focus();
            }
        }
    };
    let close_palette = move || {
        if let Some(dialog) = palette.get_untracked() {
            dialog.close();
        }
    };
    let go = {
        let navigate = navigate.clone();
        move |path: String| {
            close_palette();
            navigate(&path, Default::default());
        }
    };
    let shortcuts = {
        let navigate = navigate.clone();
        move |ev: web_sys::KeyboardEvent| {
            let command = ev.ctrl_key() || ev.meta_key();
            match ev.key().as_str() {
                "k" | "K" if command => {
                    ev.prevent_default();
                    show_palette();
                }
                "s" | "S" if command => {
                    ev.prevent_default();
                    submit_focused_form();
                }
                "?" if !typing(&ev) => {
                    if let Some(dialog) = help.get_untracked() {
                        let _ = dialog.show_modal();
                    }
                }
                "/" if !typing(&ev)
                    && !command
                    // Any list's quick search: people, companies, products.
                    && focus_first(".record-list .search-field input") =>
                {
                    ev.prevent_default();
                }
                "n" if !typing(&ev) && !command && !ev.alt_key() => {
                    ev.prevent_default();
                    if !focus_first("#new-person-first-name") {
                        navigate(&customers_href, Default::default());
                        // The page renders on the next frames; focus its first field then.
                        set_timeout(
                            || {
                                focus_first("#new-person-first-name");
                            },
                            std::time::Duration::from_millis(50),
                        );
                    }
                }
                _ => {}
            }
        }
    };
    let handle = window_event_listener(leptos::ev::keydown, shortcuts);
    on_cleanup(move || handle.remove());
    let on_input_key = {
        let go = go.clone();
        move |ev: web_sys::KeyboardEvent| {
            let count = targets.with(Vec::len);
            match ev.key().as_str() {
                "ArrowDown" if count > 0 => {
                    ev.prevent_default();
                    active.update(|a| *a = (*a + 1) % count);
                }
                "ArrowUp" if count > 0 => {
                    ev.prevent_default();
                    active.update(|a| *a = (*a + count - 1) % count);
                }
                "Enter" => {
                    ev.prevent_default();
                    if let Some(target) = targets.with(|t| t.get(active.get_untracked()).cloned()) {
                        go(target.path);
                    }
                }
                _ => {}
            }
        }
    };
    let options = move || {
        let go = go.clone();
        targets
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, target)| {
                let go = go.clone();
                let path = target.path.clone();
                view! {
                    <li
                        role="option"
                        id=format!("palette-option-{index}")
                        aria-selected=move || (active.get() == index).to_string()
                        on:click=move |_| go(path.clone())
                    >
                        <span>{target.label}</span>
                        <span class="hint">{move || i18n.t(target.hint)}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let shortcut_rows = [
        ("Ctrl/⌘ K", Msg::ShortcutPalette),
        ("/", Msg::ShortcutSearch),
        ("n", Msg::ShortcutNewPerson),
        ("Ctrl/⌘ S", Msg::ShortcutSave),
        ("↑ ↓", Msg::ShortcutListMove),
        ("?", Msg::ShortcutHelp),
        ("Esc", Msg::ShortcutClose),
    ];
    view! {
        <dialog node_ref=palette class="palette" aria-labelledby="palette-title">
            <h2 id="palette-title" class="visually-hidden">{i18n.text(Msg::PaletteTitle)}</h2>
            <input
                node_ref=input
                type="text"
                role="combobox"
                aria-expanded="true"
                aria-controls="palette-options"
                aria-activedescendant=move || format!("palette-option-{}", active.get())
                aria-label=i18n.text(Msg::PaletteTitle)
                placeholder=i18n.text(Msg::PalettePlaceholder)
                prop:value=move || text.get()
                on:input=move |ev| { text.set(event_target_value(&ev)); active.set(0); }
                on:keydown=on_input_key
            />
            <ul id="palette-options" role="listbox" aria-label=i18n.text(Msg::PaletteTitle)>{options}</ul>
        </dialog>
        <dialog node_ref=help class="help" aria-labelledby="help-title">
            <h2 id="help-title">{i18n.text(Msg::KeyboardShortcuts)}</h2>
            <table class="records">
                <tbody>
                    {shortcut_rows.into_iter().map(|(keys, msg)| view! {
                        <tr><th scope="row"><kbd>{keys}</kbd></th><td>{move || i18n.t(msg)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <form method="dialog"><button type="submit">{i18n.text(Msg::Close)}</button></form>
        </dialog>
    }
}
