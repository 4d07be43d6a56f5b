//! A record's page keeps its layout while the record reloads: the shape of the page (loading,
//! failed, missing, or which record) changes only when another record shows, so the forms on it
//! (and their "saved" messages) survive the reload their own saves cause.

use crate::app::use_app_href;
use crate::components::record_list::display_text;
use crate::components::save_outcome::{SaveOutcome, SaveOutcomeView};
use crate::i18n::{label_text, use_i18n, Lang, Msg};
use crate::store::{ChangeSet, Store, StoreName, StoreResult};
use crate::workspace::{now_utc, use_workspace, LastAction, Undo};
use hearth_domain::entity::{fields_of, Entity, Places};
use hearth_domain::list::Field;
use hearth_domain::CustomFieldDef;
use hearth_domain::TrashedRecord;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use std::future::Future;
use std::rc::Rc;

/// The last loaded state of a record: `None` before the first load.
pub type Loaded<T> = Option<Result<Option<T>, String>>;

/// What a record's page shows, without the data that fills it in.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// The first load is running.
    Loading,
    /// Storage failed; the message says why.
    Failed(String),
    /// No record has this id.
    Missing,
    /// The record with this id.
    Found(u32),
}

/// The record whose id is the route's `:id`, read by `load` and read again whenever one of the
/// `stores` it reads from is written.
pub fn use_routed_record<T, F, Fut>(
    stores: &'static [StoreName],
    load: F,
) -> LocalResource<Result<Option<T>, String>>
where
    T: 'static,
    F: Fn(Rc<Store>, u32) -> Fut + Copy + 'static,
    Fut: Future<Output = StoreResult<Option<T>>> + 'static,
{
    let workspace = use_workspace();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<u32>().ok())));
    LocalResource::new(move || {
        workspace.track(stores);
        let (store, id) = (workspace.store(), id.get());
        async move {
            match (store, id) {
                (Some(store), Some(id)) => load(store, id).await.map_err(|e| e.to_string()),
                _ => Ok(None),
            }
        }
    })
}

/// Follows `data`, keeping the last loaded value while it reloads, and the page's [`Shape`].
pub fn keep<T>(
    data: LocalResource<Result<Option<T>, String>>,
    id_of: fn(&T) -> u32,
) -> (RwSignal<Loaded<T>>, Memo<Shape>)
where
    T: Clone + Send + Sync + 'static,
{
    let current = RwSignal::new(None);
    Effect::new(move || {
        if let Some(loaded) = data.get() {
            current.set(Some(loaded));
        }
    });
    let shape = Memo::new(move |_| {
        current.with(|loaded: &Loaded<T>| match loaded {
            None => Shape::Loading,
            Some(Err(error)) => Shape::Failed(error.clone()),
            Some(Ok(None)) => Shape::Missing,
            Some(Ok(Some(record))) => Shape::Found(id_of(record)),
        })
    });
    (current, shape)
}

/// The page for `shape`: a loading status, the error, "not found" saying `missing`, or `found`.
pub fn shaped<F>(shape: Memo<Shape>, missing: Msg, found: F) -> impl IntoView
where
    F: Fn(u32) -> AnyView + Send + Sync + 'static,
{
    let i18n = use_i18n();
    move || match shape.get() {
        Shape::Loading => view! { <p role="status">{i18n.text(Msg::Loading)}</p> }.into_any(),
        Shape::Failed(error) => view! {
            <p role="alert">{i18n.text(Msg::ErrorPrefix)} " " {error.clone()}</p>
        }
        .into_any(),
        Shape::Missing => view! {
            <h1>{i18n.text(Msg::NotFoundTitle)}</h1>
            <p>{move || i18n.t(missing)}</p>
        }
        .into_any(),
        Shape::Found(id) => found(id),
    }
}

/// The `<dt>`/`<dd>` pairs of a record's details: every list field of its table but its name (the
/// page's heading), custom ones (`defs`) too, as a list cell shows them.
pub fn detail_rows<E: Entity>(
    record: &E,
    joined: &E::Joined,
    defs: &[CustomFieldDef],
    lang: Lang,
) -> AnyView {
    fields_of::<E>(defs)
        .into_iter()
        .filter(|field| field.is_in(Places::LIST) && field.field() != Field::builtin(E::NAME_FIELD))
        .map(|field| {
            let text = display_text(&field, record, joined, lang);
            view! { <dt>{label_text(&field.label(), lang)}</dt><dd>{text}</dd> }
        })
        .collect_view()
        .into_any()
}

/// A button that moves the page's record to the trash after a confirmation, offers undo, and
/// goes back to the list at `back`. `record` is the page's current copy: the one deleted (a copy
/// that went stale meanwhile is refused by the store, never trashed).
#[component]
pub fn DeleteRecord(
    #[prop(into)] record: Signal<Option<TrashedRecord>>,
    label: Msg,
    back: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let confirming = RwSignal::new(false);
    let navigate = use_navigate();
    let list = use_app_href(back);
    let delete = Action::new_local(move |_: &()| {
        let (record, store) = (record.get_untracked(), workspace.store());
        async move {
            let (Some(store), Some(record)) = (store, record) else {
                return SaveOutcome::not_open();
            };
            let now = now_utc();
            let batch = now.timestamp_millis() as u64;
            let mut changes = ChangeSet::default();
            if let Err(error) = changes.trash(record, now, batch) {
                return SaveOutcome::of(Err::<(), _>(error));
            }
            let outcome = SaveOutcome::of(store.apply(changes).await);
            if let SaveOutcome::Saved = outcome {
                workspace.done(LastAction {
                    label: Msg::DoneDeleted,
                    count: 1,
                    undo: Undo::Untrash(batch),
                });
            }
            outcome
        }
    });
    Effect::new(move || {
        if let Some(SaveOutcome::Saved) = delete.value().get() {
            navigate(&list, Default::default());
        }
    });
    view! {
        <section class="danger-zone">
            <button type="button" class="danger" on:click=move |_| confirming.set(true)>
                {move || i18n.t(label)}
            </button>
            <Show when=move || confirming.get()>
                <div class="confirm" role="alertdialog" aria-labelledby="delete-question">
                    <p id="delete-question">{i18n.text(Msg::ConfirmDeleteRecord)}</p>
                    <div class="button-row">
                        <button
                            type="button"
                            class="danger"
                            on:click=move |_| { delete.dispatch(()); }
                        >
                            {i18n.text(Msg::YesDelete)}
                        </button>
                        <button type="button" on:click=move |_| confirming.set(false)>
                            {i18n.text(Msg::Cancel)}
                        </button>
                    </div>
                </div>
            </Show>
            <SaveOutcomeView action=delete saved=Msg::DoneDeleted/>
        </section>
    }
}
