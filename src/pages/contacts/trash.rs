//! The trash: deleted people and companies, newest first, each restorable; emptying it deletes
//! them for good.

use crate::app::use_page_title;
use crate::i18n::{store_error_text, use_i18n, Msg};
use crate::store::{ChangeSet, StoreError, StoreName};
use crate::workspace::use_workspace;
use hearth_domain::TrashEntry;
use leptos::prelude::*;

/// The page at `/trash`.
#[component]
pub fn TrashPage() -> impl IntoView {
    use_page_title(Msg::Trash);
    let i18n = use_i18n();
    let workspace = use_workspace();
    let entries = LocalResource::new(move || {
        workspace.track(&[StoreName::Trash]);
        let store = workspace.store();
        async move {
            let Some(store) = store else {
                return Ok(Vec::new());
            };
            let mut entries = store
                .all::<TrashEntry>()
                .await
                .map_err(|e| store_error_text(&e, i18n.lang.get_untracked()))?;
            hearth_domain::sort::sort_by(&mut entries, |a, b| {
                b.deleted_at.cmp(&a.deleted_at).then(b.id.cmp(&a.id))
            });
            Ok::<_, String>(entries)
        }
    });
    let restore = Action::new_local(move |entry: &TrashEntry| {
        let (entry, store) = (entry.clone(), workspace.store());
        async move {
            let store = store
                .ok_or_else(|| store_error_text(&StoreError::NotOpen, i18n.lang.get_untracked()))?;
            store
                .restore(std::slice::from_ref(&entry))
                .await
                .map_err(|e| store_error_text(&e, i18n.lang.get_untracked()))?;
            // Restoring is itself the undo of a delete, so it leaves nothing to undo.
            workspace.last_action.set(None);
            Ok::<(), String>(())
        }
    });
    let empty = Action::new_local(move |_: &()| {
        let store = workspace.store();
        async move {
            let store = store
                .ok_or_else(|| store_error_text(&StoreError::NotOpen, i18n.lang.get_untracked()))?;
            let mut changes = ChangeSet::default();
            for entry in store
                .all::<TrashEntry>()
                .await
                .map_err(|e| store_error_text(&e, i18n.lang.get_untracked()))?
            {
                changes.purge(&entry.record);
                changes.delete_trash_entry(entry.id);
            }
            store
                .apply(changes)
                .await
                .map_err(|e| store_error_text(&e, i18n.lang.get_untracked()))?;
            workspace.last_action.set(None);
            Ok::<(), String>(())
        }
    });
    let confirming = RwSignal::new(false);
    view! {
        <h1>{i18n.text(Msg::Trash)}</h1>
        <p class="lead">{i18n.text(Msg::TrashHint)}</p>
        {move || match entries.get() {
            None => view! { <p>{i18n.text(Msg::Loading)}</p> }.into_any(),
            Some(Err(error)) => view! { <p role="alert">{i18n.text(Msg::ErrorPrefix)} " " {error.clone()}</p> }.into_any(),
            Some(Ok(entries)) if entries.is_empty() => view! {
                <p class="empty">{i18n.text(Msg::TrashEmpty)}</p>
            }
            .into_any(),
            Some(Ok(entries)) => view! {
                <table class="records">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.text(Msg::Name)}</th>
                            <th scope="col">{i18n.text(Msg::DeletedAt)}</th>
                            <th scope="col"><span class="visually-hidden">{i18n.text(Msg::Restore)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {entries
                            .into_iter()
                            .map(|entry| {
                                let name = entry.record.display_name();
                                let label = format!("{} {name}", Msg::Restore.text(i18n.lang.get_untracked()));
                                let when = entry.deleted_at.format("%Y-%m-%d %H:%M UTC").to_string();
                                view! {
                                    <tr>
                                        <td>{name}</td>
                                        <td>{when}</td>
                                        <td>
                                            <button type="button" aria-label=label on:click=move |_| { restore.dispatch(entry.clone()); }>
                                                {i18n.text(Msg::Restore)}
                                            </button>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                <div class="danger-zone">
                    <button type="button" class="danger" on:click=move |_| confirming.set(true)>
                        {i18n.text(Msg::EmptyTrash)}
                    </button>
                    <Show when=move || confirming.get()>
                        <div class="confirm" role="alertdialog" aria-labelledby="empty-question">
                            <p id="empty-question">{i18n.text(Msg::ConfirmEmptyTrash)}</p>
                            <div class="button-row">
                                <button type="button" class="danger" on:click=move |_| { confirming.set(false); empty.dispatch(()); }>
                                    {i18n.text(Msg::EmptyTrash)}
                                </button>
                                <button type="button" on:click=move |_| confirming.set(false)>{i18n.text(Msg::Cancel)}</button>
                            </div>
                        </div>
                    </Show>
                </div>
            }
            .into_any(),
        }}
        {move || {
            let failed = restore.value().get().and_then(Result::err).or_else(|| empty.value().get().and_then(Result::err));
            failed.map(|reason| view! { <p role="alert" class="errors">{i18n.text(Msg::ErrorPrefix)} " " {reason.clone()}</p> })
        }}
    }
}
