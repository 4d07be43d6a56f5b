//! Saved views: named queries and columns kept in the workspace.

use super::*;

/// Named views of the list (query and columns), kept in the workspace: pick one to apply it,
/// save the current one under a name, or delete one. Views of `kind`'s list, headed `heading`
/// (its default view); compiled once for every kind of list.
pub(super) fn saved_views(
    kind: EntityKind,
    heading: Msg,
    query: RwSignal<ListQuery>,
    columns: RwSignal<Vec<Field>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let views = LocalResource::new(move || {
        workspace.track(&[StoreName::SavedViews]);
        let store = workspace.store();
        async move {
            let Some(store) = store else {
                return Vec::new();
            };
            let mut views = store.saved_views_of(kind).await.unwrap_or_default();
            hearth_domain::sort::sort_by_key(&mut views, |view| view.name.to_lowercase());
            views
        }
    });
    let chosen = RwSignal::new(None::<u32>);
    let name = RwSignal::new(String::new());
    let apply = move |id: Option<u32>| {
        chosen.set(id);
        let view = views
            .get_untracked()
            .and_then(|views| views.into_iter().find(|v| Some(v.id.0) == id));
        if let Some(view) = view {
            if let Ok(saved) = serde_json::from_str::<ListQuery>(&view.filter) {
                query.set(saved);
            }
            let saved_columns: Vec<Field> = view
                .columns
                .iter()
                .filter_map(|key| field_from_key(key))
                .collect();
            if !saved_columns.is_empty() {
                columns.set(saved_columns);
            }
        }
    };
    let save = Action::new_local(move |view_name: &String| {
        let view = SavedView {
            uid: Default::default(),
            revision: 0,
            id: SavedViewId(0),
            entity: kind,
            name: view_name.clone(),
            filter: query.with_untracked(|q| serde_json::to_string(q).unwrap_or_default()),
            columns: columns.with_untracked(|c| c.iter().map(field_key).collect()),
            sort: None,
            created_at: crate::workspace::now_utc(),
            updated_at: crate::workspace::now_utc(),
        };
        let store = workspace.store();
        async move {
            let Some(store) = store else {
                return SaveOutcome::not_open();
            };
            match store.insert(view).await {
                Ok(saved) => {
                    chosen.set(Some(saved.id.0));
                    name.set(String::new());
                    SaveOutcome::Saved
                }
                Err(error) => SaveOutcome::of(Err::<(), _>(error)),
            }
        }
    });
    let delete = Action::new_local(move |id: &u32| {
        let (id, store) = (*id, workspace.store());
        async move {
            let Some(store) = store else {
                return SaveOutcome::not_open();
            };
            let outcome = SaveOutcome::of(store.delete::<SavedView>(id).await);
            chosen.set(None);
            outcome
        }
    });
    view! {
        <div class="saved-views">
            <div class="field inline">
                <label for="saved-view">{i18n.text(Msg::SavedViews)}</label>
                <select id="saved-view" on:change=move |ev| apply(event_target_value(&ev).parse().ok())>
                    <option value="" selected=move || chosen.get().is_none()>{move || i18n.t(heading)}</option>
                    {move || views.get().unwrap_or_default().into_iter().map(|view| {
                        let id = view.id.0;
                        view! { <option value=id.to_string() selected=move || chosen.get() == Some(id)>{view.name}</option> }
                    }).collect_view()}
                </select>
                <Show when=move || chosen.get().is_some()>
                    <button type="button" class="quiet" on:click=move |_| { if let Some(id) = chosen.get() { delete.dispatch(id); } }>
                        {i18n.text(Msg::DeleteView)}
                    </button>
                </Show>
            </div>
            <form class="field inline" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save.dispatch(name.get().trim().to_string()); } novalidate>
                <label for="view-name">{i18n.text(Msg::ViewName)}</label>
                <input id="view-name" type="text" bind:value=name/>
                <button type="submit">{i18n.text(Msg::SaveView)}</button>
            </form>
            <SaveOutcomeView action=save saved=Msg::ViewSaved/>
        </div>
    }
}
