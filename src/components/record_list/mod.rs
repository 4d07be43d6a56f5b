//! Record lists of any entity: every record held in memory as list rows, so quick search,
//! the filter builder and sorting answer at once; only the rows in view are in the DOM. The query
//! lives in the page's URL (`?view=`), so a filtered list can be bookmarked and shared. What
//! differs between the kinds of record is the entity's field table and a [`ListKind`].

use crate::app::use_app_href;
use crate::components::download::download;
use crate::components::save_outcome::{SaveOutcome, SaveOutcomeView};
use crate::i18n::{format_count, key_text, label_text, store_error_text, use_i18n, Lang, Msg};
use crate::routes;
use crate::store::{ChangeSet, StoreError};
use crate::store::{Store, StoreName, StoreResult};
use crate::workspace::use_workspace;
use crate::workspace::{now_utc, LastAction, Undo};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use hearth_domain::entity::{
    add_tag, field_of, fields_of, value_text, Entity, EntityRow, FieldKind, FieldRef, Label, Places,
};
use hearth_domain::list::{
    click_span, Condition, Field, Filter, ListQuery, Operator, Row, Sort, Value,
};
use hearth_domain::Revised as _;
use hearth_domain::{CustomFieldDef, EntityKind, SavedView, SavedViewId, TrashedRecord};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::any::Any;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;

mod bulk;
mod cache;
mod export;
mod filter;
mod model;
mod table;
mod views;

use bulk::*;
pub use cache::{ListCache, ListData};
use export::*;
use filter::*;
use model::*;
use table::*;
use views::*;

/// Pixel height of one table row; the CSS gives rows exactly this height.
const ROW_HEIGHT: f64 = 40.0;
/// Pixel height of the scrolling viewport.
const VIEWPORT_HEIGHT: f64 = 560.0;
/// Rows rendered beyond each edge of the viewport, so fast scrolling never shows a gap.
const OVERSCAN: usize = 10;
/// Rows of the preview shown while a large list loads: a screenful.
const PREVIEW_ROWS: usize = 15;
/// What differs between one list of records and another, besides the entity's field table.
pub trait ListKind: Copy + Send + Sync + 'static {
    /// The records listed.
    type Entity: Entity + crate::store::Record + Into<TrashedRecord>;
    /// The stores its rows are read from: a write to any of them refreshes the list, a write to
    /// any other leaves it as it is.
    const STORES: &'static [StoreName];
    /// The list's address; a record's page is below it.
    const LIST_PATH: &'static str;
    /// Prefix of the list's element ids (the search field is `{DOM_ID}-search`).
    const DOM_ID: &'static str;
    /// Heading of the list.
    const HEADING: Msg;
    /// Label of the scrolling table.
    const TABLE_LABEL: Msg;
    /// Label of the quick search field.
    const SEARCH_LABEL: Msg;
    /// Placeholder of the quick search field.
    const SEARCH_HINT: Msg;
    /// "Showing {shown} of {total} …".
    const SHOWING: Msg;
    /// Label of the checkbox that selects every matching row.
    const SELECT_ALL: Msg;
    /// Label of the toolbar acting on the selected rows.
    const BULK_ACTIONS: Msg;
    /// What an empty list says.
    const EMPTY: Msg;
    /// How long, in ms, a read list stays true while nothing is written: rows showing what time
    /// changes (a ticket's clocks) are read again when the list is opened after it. `None`: until
    /// a write.
    const FRESH_FOR_MS: Option<f64> = None;
    /// Files besides CSV the list offers of its results (people: vCard).
    const EXPORTS: &'static [ListExport<Self>] = &[];
    /// Reads every row from the store.
    fn load(store: Rc<Store>) -> impl Future<Output = StoreResult<Vec<RowOf<Self>>>>;
    /// Reads the newest `limit` rows only: what the list shows first while [`ListKind::load`]
    /// reads everything (a 100,000-person read takes seconds). Empty when not worth it.
    fn load_preview(
        _store: Rc<Store>,
        _limit: usize,
    ) -> impl Future<Output = StoreResult<Vec<RowOf<Self>>>> {
        async { Ok(Vec::new()) }
    }
    /// Reads the rows of the records `ids` that exist (a refresh after they changed).
    fn load_ids(
        store: Rc<Store>,
        ids: &[u32],
    ) -> impl Future<Output = StoreResult<Vec<RowOf<Self>>>>;
}

/// Writes a list's file from every row and the positions of those shown.
pub type ExportWriter<K> = fn(&[Arc<RowOf<K>>], &[usize]) -> String;

/// A file a list offers of the rows it shows, besides CSV.
pub struct ListExport<K: ListKind> {
    /// The button's label.
    pub label: Msg,
    /// The file's name.
    pub file_name: &'static str,
    /// Its media type.
    pub mime: &'static str,
    /// Its text, from every row and the positions of those shown, in their order.
    pub write: ExportWriter<K>,
}

/// A row of `K`'s list.
pub type RowOf<K> = EntityRow<<K as ListKind>::Entity>;

/// The kind of record `K` lists.
fn kind_of<K: ListKind>() -> EntityKind {
    <K::Entity as Entity>::KIND
}

/// `E`'s fields that appear at `place`, each with its label.
fn fields_at<E: Entity>(custom_fields: &[CustomFieldDef], place: Places) -> Vec<(Field, Label)> {
    fields_of::<E>(custom_fields)
        .into_iter()
        .filter(|field| field.is_in(place))
        .map(|field| (field.field(), field.label()))
        .collect()
}

const OPERATORS: [(Operator, Msg); 8] = [
    (Operator::Contains, Msg::OpContains),
    (Operator::NotContains, Msg::OpNotContains),
    (Operator::Is, Msg::OpIs),
    (Operator::IsNot, Msg::OpIsNot),
    (Operator::IsEmpty, Msg::OpIsEmpty),
    (Operator::IsNotEmpty, Msg::OpIsNotEmpty),
    (Operator::GreaterThan, Msg::OpGreaterThan),
    (Operator::LessThan, Msg::OpLessThan),
];

/// What a cell shows for `field` of `row`.
fn cell_text<E: Entity>(row: &EntityRow<E>, field: &FieldRef<E>, lang: Lang) -> String {
    display_text(field, &row.record, &row.joined, lang)
}

/// What `field` of `record` (with what a list joins to it) shows wherever a record is shown: a
/// built-in option's label, money as a decimal, a yes or no, a day.
pub fn display_text<E: Entity>(
    field: &FieldRef<E>,
    record: &E,
    joined: &E::Joined,
    lang: Lang,
) -> String {
    let kind = field.kind();
    match field.read(record, joined) {
        // A built-in select's value is an option key; a custom one's is the user's own text.
        Value::Text(key) if matches!(kind, FieldKind::Select(options) if !options.is_empty()) => {
            key_text(&key, lang)
        }
        Value::Bool(yes) => (if yes { Msg::Yes } else { Msg::No })
            .text(lang)
            .to_string(),
        value => value_text(&value, kind),
    }
}

/// A field as the value of a `<select>` option, and back.
fn field_key(field: &Field) -> String {
    serde_json::to_string(field).unwrap_or_default()
}

fn field_from_key(key: &str) -> Option<Field> {
    serde_json::from_str(key).ok()
}

/// The query in the page's address, if any: from the router, whose location is already the new
/// one when a link inside the app leads to a filtered list (the window's is not yet).
fn query_from_url() -> ListQuery {
    leptos_router::hooks::use_query_map()
        .with_untracked(|query| query.get("view"))
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// The address of the list at `path` showing `query`: what a link to a filtered list points at.
pub fn list_address(path: &str, query: &ListQuery) -> String {
    if *query == ListQuery::default() {
        return path.to_string();
    }
    let json = serde_json::to_string(query).unwrap_or_default();
    format!("{path}?view={}", js_sys::encode_uri_component(&json))
}

/// Puts the query in the page's address without a navigation, so the list can be shared.
fn query_to_url(query: &ListQuery) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    let address = list_address(&path, query);
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
    }
}

/// The searchable, filterable, sortable list of `K`'s records.
pub fn record_list<K: ListKind>() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    // The newest rows, read and painted first on the first load, so a large list shows at once
    // while everything else is read.
    let preview = RwSignal::new(None::<Vec<RowOf<K>>>);
    let cache = expect_context::<ListCache>();
    let data = LocalResource::new(move || {
        let version = workspace.track(K::STORES);
        let first_load = preview.with_untracked(Option::is_none);
        async move {
            let read = cache.is_read::<K>(version);
            if let (true, false, Some(store)) = (first_load, read, workspace.store()) {
                // Everything is read beside the preview, not after it: the database reads the
                // next pages while the page draws.
                spawn_local(async move {
                    let _ = cache.list::<K>(workspace, version).await;
                });
                let rows = K::load_preview(store, PREVIEW_ROWS)
                    .await
                    .unwrap_or_default();
                preview.set(Some(rows));
                after_paint().await;
            }
            cache.list::<K>(workspace, version).await
        }
    });
    let query = RwSignal::new(query_from_url());
    Effect::new(move || query.with(query_to_url));
    let columns = RwSignal::new(
        <K::Entity as Entity>::DEFAULT_COLUMNS
            .iter()
            .map(|key| Field::builtin(key))
            .collect::<Vec<_>>(),
    );
    // Kept across reloads of the data, so a selection survives the edits made to it, and the
    // column chooser stays open while another tab or a save changes the rows under it.
    let selection = RwSignal::new(HashSet::<u32>::new());
    let chooser_open = RwSignal::new(false);
    let record_href = use_app_href(&routes::record_prefix(K::LIST_PATH));

    view! {
        <section aria-labelledby=format!("{}-list-heading", K::DOM_ID) class="record-list">
            <h2 id=format!("{}-list-heading", K::DOM_ID)>{move || i18n.t(K::HEADING)}</h2>
            {saved_views(kind_of::<K>(), K::HEADING, query, columns)}
            {move || match data.get() {
                None => match preview.get() {
                    Some(rows) if !rows.is_empty() && query.with(|q| *q == ListQuery::default()) => {
                        let count = rows.len();
                        let rows = rows.into_iter().map(Arc::new).collect();
                        let model = Arc::new(ListData::<K> { rows, custom_fields: Vec::new() });
                        preview_table(model, count, columns, record_href.clone())
                    }
                    _ => view! { <p role="status">{i18n.text(Msg::Loading)}</p> }.into_any(),
                },
                Some(Err(error)) => view! {
                    <p role="alert">{i18n.text(Msg::ErrorPrefix)} " " {error.clone()}</p>
                }
                .into_any(),
                Some(Ok(data)) => {
                    list_body(data, query, columns, chooser_open, selection, record_href.clone())
                }
            }}
        </section>
    }
}

fn list_body<K: ListKind>(
    data: Arc<ListData<K>>,
    query: RwSignal<ListQuery>,
    columns: RwSignal<Vec<Field>>,
    chooser_open: RwSignal<bool>,
    selection: RwSignal<HashSet<u32>>,
    record_href: String,
) -> AnyView {
    let total = data.rows.len();
    let results = {
        let data = data.clone();
        Memo::new(move |_| query.with(|query| Arc::new(query.run(&data.rows))))
    };
    let custom_fields = Arc::new(data.custom_fields.clone());
    let csv: FileWriter = {
        let (data, custom_fields) = (data.clone(), custom_fields.clone());
        Rc::new(move |lang| {
            results.with_untracked(|results| {
                columns.with_untracked(|columns| {
                    list_csv::<K::Entity>(&data.rows, results, columns, &custom_fields, lang)
                })
            })
        })
    };
    let exports = K::EXPORTS
        .iter()
        .map(|export| {
            let data = data.clone();
            let write: FileWriter = Rc::new(move |_| {
                results.with_untracked(|results| (export.write)(&data.rows, results))
            });
            (export.label, export.file_name, export.mime, write)
        })
        .collect();
    let parts = ListParts {
        dom_id: K::DOM_ID,
        search_label: K::SEARCH_LABEL,
        search_hint: K::SEARCH_HINT,
        showing: K::SHOWING,
        empty: K::EMPTY,
        total,
        results,
        chooser: column_chooser(data.fields_at(Places::LIST), columns, chooser_open),
        filter_fields: Arc::new(data.fields_at(Places::FILTER)),
        bulk: bulk_actions(data.clone(), selection, K::BULK_ACTIONS),
        table: (total > 0).then(|| {
            let labels = (K::TABLE_LABEL, K::SELECT_ALL);
            virtual_table(
                data,
                results,
                query,
                columns,
                selection,
                labels,
                record_href,
            )
        }),
        csv,
        exports,
    };
    list_toolbar_and_table(query, parts).into_any()
}

/// A file's text, written in the user's language when it has words of its own.
type FileWriter = Rc<dyn Fn(Lang) -> String>;

/// What a list's toolbar and table are made of, with everything that depends on the kind of
/// record already built: the one piece of the list compiled once, not once per kind.
struct ListParts {
    dom_id: &'static str,
    search_label: Msg,
    search_hint: Msg,
    showing: Msg,
    empty: Msg,
    total: usize,
    results: Memo<Arc<Vec<usize>>>,
    chooser: AnyView,
    filter_fields: Arc<Vec<(Field, Label)>>,
    bulk: AnyView,
    /// `None` for an empty list.
    table: Option<AnyView>,
    csv: FileWriter,
    /// Each other file: its button's label, its name, its media type, its text.
    exports: Vec<(Msg, &'static str, &'static str, FileWriter)>,
}

fn list_toolbar_and_table(query: RwSignal<ListQuery>, parts: ListParts) -> impl IntoView {
    let i18n = use_i18n();
    let ListParts {
        dom_id,
        search_label,
        search_hint,
        showing,
        empty,
        total,
        results,
        chooser,
        filter_fields,
        bulk,
        table,
        csv,
        exports,
    } = parts;
    let search = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        query.update(|query| query.search = text);
    };
    let shown = move || {
        let shown = results.with(|r| r.len());
        i18n.t(showing)
            .replace("{shown}", &format_count(shown as u64))
            .replace("{total}", &format_count(total as u64))
    };

    view! {
        <div class="list-toolbar">
            <div class="field search-field">
                <label for=format!("{dom_id}-search")>{move || i18n.t(search_label)}</label>
                <input
                    id=format!("{dom_id}-search")
                    type="search"
                    autocomplete="off"
                    placeholder=move || i18n.t(search_hint)
                    prop:value=move || query.with(|q| q.search.clone())
                    on:input=search
                />
            </div>
            {chooser}
            <button
                type="button"
                class="quiet"
                on:click=move |_| {
                    let text = csv(i18n.lang.get_untracked());
                    download(&format!("{dom_id}.csv"), "text/csv;charset=utf-8", &text);
                }
            >
                {i18n.text(Msg::ExportCsv)}
            </button>
            {exports
                .into_iter()
                .map(|(label, file_name, mime, write)| {
                    view! {
                        <button
                            type="button"
                            class="quiet"
                            on:click=move |_| {
                                let text = write(i18n.lang.get_untracked());
                                download(file_name, mime, &text);
                            }
                        >
                            {move || i18n.t(label)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
        {filter_builder(query, filter_fields)}
        {bulk}
        {match table {
            None => view! { <p class="empty">{move || i18n.t(empty)}</p> }.into_any(),
            Some(table) => table,
        }}
        <p class="list-footer" aria-live="polite">{shown}</p>
    }
}
