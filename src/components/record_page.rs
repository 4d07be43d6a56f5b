//! A record's page keeps its layout while the record reloads: the shape of the page (loading,
//! failed, missing, or which record) changes only when another record shows, so the forms on it
//! (and their "saved" messages) survive the reload their own saves cause.

use crate::i18n::{use_i18n, Msg};
use crate::store::{Store, StoreResult};
use crate::workspace::use_workspace;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
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

/// The record whose id is the route's `:id`, read by `load` and read again whenever data changes.
pub fn use_routed_record<T, F, Fut>(load: F) -> LocalResource<Result<Option<T>, String>>
where
    T: 'static,
    F: Fn(Rc<Store>, u32) -> Fut + Copy + 'static,
    Fut: Future<Output = StoreResult<Option<T>>> + 'static,
{
    let workspace = use_workspace();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<u32>().ok())));
    LocalResource::new(move || {
        workspace.data_version.track();
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
        Shape::Loading => view! { <p role="status">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
        Shape::Failed(error) => view! {
            <p role="alert">{move || i18n.t(Msg::ErrorPrefix)} " " {error.clone()}</p>
        }
        .into_any(),
        Shape::Missing => view! {
            <h1>{move || i18n.t(Msg::NotFoundTitle)}</h1>
            <p>{move || i18n.t(missing)}</p>
        }
        .into_any(),
        Shape::Found(id) => found(id),
    }
}
