//! Record lists (people, companies): every record held in memory as list rows, so quick search,
//! the filter builder and sorting answer at once; only the rows in view are in the DOM. The query
//! lives in the page's URL (`?view=`), so a filtered list can be bookmarked and shared. What
//! differs between the kinds of record is a [`ListKind`].

use crate::app::use_app_href;
use crate::components::save_outcome::{SaveOutcome, SaveOutcomeView};
use crate::i18n::{format_count, store_error_text, use_i18n, Lang, Msg};
use crate::pages::people::{lifecycle_msg, ChoiceSelect, LIFECYCLE_STAGES};
use crate::store::{ChangeSet, Record as _, StoreError};
use crate::store::{Store, StoreName, StoreResult, Touched};
use crate::workspace::use_workspace;
use crate::workspace::{now_utc, LastAction, Undo};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use hearth_domain::export::spreadsheet_safe;
use hearth_domain::list::{
    add_tag, click_span, lifecycle_key, set_field, BulkEditable, CompanyRow, Condition, Field,
    Filter, ListQuery, Operator, PersonRow, Row, Sort, Value,
};
use hearth_domain::{
    Company, CustomFieldDef, EntityKind, LifecycleStage, Person, SavedView, SavedViewId,
    TrashedRecord,
};
use leptos::prelude::*;
use std::any::Any;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Pixel height of one table row; the CSS gives rows exactly this height.
const ROW_HEIGHT: f64 = 40.0;
/// Pixel height of the scrolling viewport.
const VIEWPORT_HEIGHT: f64 = 560.0;
/// Rows rendered beyond each edge of the viewport, so fast scrolling never shows a gap.
const OVERSCAN: usize = 10;
/// Rows of the preview shown while a large list loads: a screenful.
const PREVIEW_ROWS: usize = 15;
/// What differs between the list of people and the list of companies.
pub trait ListKind: Copy + Send + Sync + 'static {
    /// The list's row.
    type Row: Row + Clone + Send + Sync + 'static;
    /// The record behind a row, which bulk actions change, put back on undo, and trash.
    type Record: BulkEditable + crate::store::Record + Clone + Into<TrashedRecord> + 'static;
    /// The kind of record, for its custom fields and saved views.
    const ENTITY: EntityKind;
    /// The stores its rows are read from: a write to any of them refreshes the list, a write to
    /// any other leaves it as it is.
    const STORES: &'static [StoreName];
    /// The built-in fields, in column-chooser order.
    const FIELDS: &'static [Field];
    /// The columns a new list shows.
    const DEFAULT_COLUMNS: &'static [Field];
    /// A record's page, before its id.
    const RECORD_PATH: &'static str;
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
    /// Reads every row from the store.
    fn load(store: Rc<Store>) -> impl Future<Output = StoreResult<Vec<Self::Row>>>;
    /// Reads the newest `limit` rows only: what the list shows first while [`ListKind::load`]
    /// reads everything (a 100,000-person read takes seconds). Empty when not worth it.
    fn load_preview(
        _store: Rc<Store>,
        _limit: usize,
    ) -> impl Future<Output = StoreResult<Vec<Self::Row>>> {
        async { Ok(Vec::new()) }
    }
    /// Reads the rows of the records `ids` that exist (a refresh after they changed).
    fn load_ids(store: Rc<Store>, ids: &[u32])
        -> impl Future<Output = StoreResult<Vec<Self::Row>>>;
    /// The record behind `row`.
    fn record(row: &Self::Row) -> &Self::Record;
}

/// The list of people.
#[derive(Debug, Clone, Copy)]
pub struct People;

impl ListKind for People {
    type Row = PersonRow;
    type Record = Person;
    const ENTITY: EntityKind = EntityKind::Person;
    const STORES: &'static [StoreName] = &[
        StoreName::People,
        StoreName::Companies,
        StoreName::CustomFields,
    ];
    const FIELDS: &'static [Field] = &Field::PERSON;
    const DEFAULT_COLUMNS: &'static [Field] = &[
        Field::Name,
        Field::Email,
        Field::Phone,
        Field::Company,
        Field::Lifecycle,
        Field::Tags,
    ];
    const RECORD_PATH: &'static str = "/customers/";
    const DOM_ID: &'static str = "people";
    const HEADING: Msg = Msg::AllPeople;
    const TABLE_LABEL: Msg = Msg::PeopleTable;
    const SEARCH_LABEL: Msg = Msg::SearchPeople;
    const SEARCH_HINT: Msg = Msg::SearchPeopleHint;
    const SHOWING: Msg = Msg::ShowingOf;
    const SELECT_ALL: Msg = Msg::SelectAllMatching;
    const BULK_ACTIONS: Msg = Msg::BulkActions;
    const EMPTY: Msg = Msg::NoPeopleYet;

    async fn load(store: Rc<Store>) -> StoreResult<Vec<PersonRow>> {
        let people = store.all::<Person>().await?;
        let companies = store.all::<Company>().await?;
        Ok(person_rows(people, companies))
    }

    async fn load_preview(store: Rc<Store>, limit: usize) -> StoreResult<Vec<PersonRow>> {
        let people = store.newest::<Person>(limit).await?;
        rows_with_their_companies(store, people).await
    }

    async fn load_ids(store: Rc<Store>, ids: &[u32]) -> StoreResult<Vec<PersonRow>> {
        let people = store.get_many::<Person>(ids).await?;
        rows_with_their_companies(store, people).await
    }

    fn record(row: &PersonRow) -> &Person {
        &row.person
    }
}

/// The rows of `people`, with their companies' names read for them.
async fn rows_with_their_companies(
    store: Rc<Store>,
    people: Vec<Person>,
) -> StoreResult<Vec<PersonRow>> {
    let mut wanted: Vec<u32> = people
        .iter()
        .filter_map(|p| p.company_id)
        .map(|c| c.0)
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let companies = store.get_many::<Company>(&wanted).await?;
    Ok(person_rows(people, companies))
}

/// The rows of `people`, with the names of their `companies`.
fn person_rows(people: Vec<Person>, companies: Vec<Company>) -> Vec<PersonRow> {
    let company_names: HashMap<u32, String> = companies
        .into_iter()
        .map(|company| (company.id.0, company.name))
        .collect();
    people
        .into_iter()
        .map(|person| {
            let company = person
                .company_id
                .and_then(|id| company_names.get(&id.0).cloned())
                .unwrap_or_default();
            PersonRow::new(person, company)
        })
        .collect()
}

/// The list of companies.
#[derive(Debug, Clone, Copy)]
pub struct Companies;

impl ListKind for Companies {
    type Row = CompanyRow;
    type Record = Company;
    const ENTITY: EntityKind = EntityKind::Company;
    const STORES: &'static [StoreName] = &[
        StoreName::Companies,
        StoreName::People,
        StoreName::CustomFields,
    ];
    const FIELDS: &'static [Field] = &Field::COMPANY;
    const DEFAULT_COLUMNS: &'static [Field] = &[
        Field::Name,
        Field::Domain,
        Field::Industry,
        Field::Employees,
        Field::PeopleCount,
        Field::City,
    ];
    const RECORD_PATH: &'static str = "/companies/";
    const DOM_ID: &'static str = "companies";
    const HEADING: Msg = Msg::AllCompanies;
    const TABLE_LABEL: Msg = Msg::CompaniesTable;
    const SEARCH_LABEL: Msg = Msg::SearchCompanies;
    const SEARCH_HINT: Msg = Msg::SearchCompaniesHint;
    const SHOWING: Msg = Msg::ShowingCompanies;
    const SELECT_ALL: Msg = Msg::SelectAllMatchingCompanies;
    const BULK_ACTIONS: Msg = Msg::BulkActionsCompanies;
    const EMPTY: Msg = Msg::NoCompaniesYet;

    async fn load(store: Rc<Store>) -> StoreResult<Vec<CompanyRow>> {
        let mut people_at: HashMap<u32, usize> = HashMap::new();
        for person in store.all::<Person>().await? {
            if let Some(company) = person.company_id {
                *people_at.entry(company.0).or_default() += 1;
            }
        }
        Ok(store
            .all::<Company>()
            .await?
            .into_iter()
            .map(|company| {
                let people = people_at.get(&company.id.0).copied().unwrap_or(0);
                CompanyRow::new(company, people)
            })
            .collect())
    }

    async fn load_ids(store: Rc<Store>, ids: &[u32]) -> StoreResult<Vec<CompanyRow>> {
        let mut rows = Vec::with_capacity(ids.len());
        for company in store.get_many::<Company>(ids).await? {
            let people = store.people_at(company.id).await?;
            rows.push(CompanyRow::new(company, people));
        }
        Ok(rows)
    }

    fn record(row: &CompanyRow) -> &Company {
        &row.company
    }
}

/// Everything a list shows, loaded once per version of its stores.
pub struct ListData<K: ListKind> {
    /// In store (id) order; shared, so refreshing a few records copies no other row.
    rows: Vec<Arc<K::Row>>,
    custom_fields: Vec<CustomFieldDef>,
}

impl<K: ListKind> ListData<K> {
    /// Every row, in store order.
    pub fn rows(&self) -> &[Arc<K::Row>] {
        &self.rows
    }

    /// These rows with the records `ids` replaced by `fresh` (the rows of those that still
    /// exist), in one pass: what a save, a delete or a restore changes in a 100,000-row list.
    fn patched(&self, ids: &BTreeSet<u32>, fresh: Vec<K::Row>) -> ListData<K> {
        let mut fresh: Vec<K::Row> = fresh;
        fresh.sort_by_key(Row::id);
        let mut fresh = fresh.into_iter().map(Arc::new).peekable();
        let mut rows = Vec::with_capacity(self.rows.len() + fresh.len());
        for row in &self.rows {
            let id = row.id();
            while let Some(new) = fresh.next_if(|new| new.id() < id) {
                rows.push(new);
            }
            if !ids.contains(&id) {
                rows.push(row.clone());
            } else if let Some(new) = fresh.next_if(|new| new.id() == id) {
                rows.push(new);
            }
        }
        rows.extend(fresh);
        ListData {
            rows,
            custom_fields: self.custom_fields.clone(),
        }
    }
}

/// A list being read or read, shared by every view that wants it.
type SharedLoad = Shared<LocalBoxFuture<'static, Result<Arc<dyn Any + Send + Sync>, String>>>;

/// One list in the cache.
struct Cached {
    /// The version of the list's stores it is read at.
    version: u64,
    /// The workspace's whole version when the read started: what changed since is what a refresh
    /// reads again.
    data_version: u64,
    load: SharedLoad,
}

/// Lists being read or already read, by kind, with the version of their stores they are read at
/// ([`crate::workspace::Workspace::track`] of [`ListKind::STORES`]): coming back to a list whose
/// data has not changed shows it at once, and leaving a list while it loads and coming back joins
/// the same read instead of starting another. When only some of the list's own records changed
/// since (a save, a delete, a bulk edit), only those are read again. Provided by the app root.
#[derive(Clone, Copy)]
pub struct ListCache(StoredValue<HashMap<EntityKind, Cached>, LocalStorage>);

impl ListCache {
    /// An empty cache.
    pub fn new() -> ListCache {
        ListCache(StoredValue::new_local(HashMap::new()))
    }

    /// Whether `K`'s list at `version` of its stores has been read already.
    fn is_read<K: ListKind>(self, version: u64) -> bool {
        self.0.with_value(|lists| {
            lists
                .get(&K::ENTITY)
                .is_some_and(|cached| cached.version == version && cached.load.peek().is_some())
        })
    }

    /// `K`'s list at `version` of its stores: the read already made or running, else a refresh of
    /// the records changed since the last read, else a new read.
    pub async fn list<K: ListKind>(
        self,
        workspace: crate::workspace::Workspace,
        version: u64,
    ) -> Result<Arc<ListData<K>>, String> {
        let shared = self.0.try_update_value(|lists| {
            let previous = lists.get(&K::ENTITY);
            if let Some(cached) = previous.filter(|cached| cached.version == version) {
                return cached.load.clone();
            }
            let refresh = previous.and_then(|cached| {
                let read = cached.load.peek()?.as_ref().ok()?.clone();
                let read = read.downcast::<ListData<K>>().ok()?;
                let ids = own_records_touched::<K>(&workspace.touched_since(cached.data_version)?)?;
                Some((read, ids))
            });
            let data_version = workspace.data_version_untracked();
            let read = async move {
                let data: Arc<dyn Any + Send + Sync> = match refresh {
                    Some((read, ids)) => refreshed::<K>(workspace, read, ids).await?,
                    None => load::<K>(workspace).await?,
                };
                Ok(data)
            };
            let load = read.boxed_local().shared();
            lists.insert(
                K::ENTITY,
                Cached {
                    version,
                    data_version,
                    load: load.clone(),
                },
            );
            load
        });
        let data = shared.ok_or("the list cache is gone")?.await?;
        data.downcast::<ListData<K>>()
            .map_err(|_| "the list cache holds another kind".to_string())
    }
}

/// The ids of `K`'s own records that `touched` names, if nothing else the list reads changed
/// (a renamed company changes people's rows too, a new custom field the columns: read again).
fn own_records_touched<K: ListKind>(touched: &Touched) -> Option<BTreeSet<u32>> {
    let own = <K::Record as crate::store::Record>::STORE;
    let mut ids = BTreeSet::new();
    for store in K::STORES {
        match touched.ids(*store) {
            None => {}
            Some(Some(touched_ids)) if *store == own => ids.extend(touched_ids),
            Some(_) => return None,
        }
    }
    Some(ids)
}

/// `read` with the records `ids` read again.
async fn refreshed<K: ListKind>(
    workspace: crate::workspace::Workspace,
    read: Arc<ListData<K>>,
    ids: BTreeSet<u32>,
) -> Result<Arc<ListData<K>>, String> {
    if ids.is_empty() {
        return Ok(read);
    }
    let store = workspace.store().ok_or("storage is not open")?;
    let wanted: Vec<u32> = ids.iter().copied().collect();
    let fresh = K::load_ids(store, &wanted)
        .await
        .map_err(|e| e.to_string())?;
    Ok(Arc::new(read.patched(&ids, fresh)))
}

impl Default for ListCache {
    fn default() -> ListCache {
        ListCache::new()
    }
}

async fn load<K: ListKind>(
    workspace: crate::workspace::Workspace,
) -> Result<Arc<ListData<K>>, String> {
    let Some(store) = workspace.store() else {
        return Ok(Arc::new(ListData {
            rows: Vec::new(),
            custom_fields: Vec::new(),
        }));
    };
    let custom_fields = store
        .all::<CustomFieldDef>()
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|def| def.entity == K::ENTITY)
        .collect();
    let rows = K::load(store).await.map_err(|e| e.to_string())?;
    Ok(Arc::new(ListData {
        rows: rows.into_iter().map(Arc::new).collect(),
        custom_fields,
    }))
}

/// The message naming a built-in field.
fn field_msg(field: &Field) -> Option<Msg> {
    Some(match field {
        Field::Name => Msg::Name,
        Field::Email => Msg::Email,
        Field::Phone => Msg::Phone,
        Field::Company => Msg::Company,
        Field::JobTitle => Msg::JobTitle,
        Field::Lifecycle => Msg::Lifecycle,
        Field::Source => Msg::Source,
        Field::Owner => Msg::Owner,
        Field::Tags => Msg::Tags,
        Field::City => Msg::City,
        Field::Created => Msg::Created,
        Field::Updated => Msg::Updated,
        Field::Domain => Msg::Domain,
        Field::Industry => Msg::Industry,
        Field::Employees => Msg::Employees,
        Field::PeopleCount => Msg::People,
        Field::Custom(_) => return None,
    })
}

/// A field's label: the translated name of a built-in field, the user's label of a custom one.
fn field_label(field: &Field, custom_fields: &[CustomFieldDef], lang: Lang) -> String {
    match field {
        Field::Custom(key) => custom_fields
            .iter()
            .find(|def| &def.key == key)
            .map_or_else(|| key.clone(), |def| def.label.clone()),
        built_in => field_msg(built_in).map_or_else(String::new, |msg| msg.text(lang).into()),
    }
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
fn cell_text(row: &impl Row, field: &Field, lang: Lang) -> String {
    match row.value(field) {
        Value::Text(key) if *field == Field::Lifecycle => LIFECYCLE_STAGES
            .into_iter()
            .find(|stage| hearth_domain::list::lifecycle_key(*stage) == key)
            .map_or(key, |stage| lifecycle_msg(stage).text(lang).to_string()),
        Value::Empty => String::new(),
        Value::Text(text) => text,
        Value::List(items) => items.join(", "),
        Value::Number(n) => n.to_string(),
        Value::Date(date) => date.to_string(),
        Value::Time(time) => time.date_naive().to_string(),
        Value::Bool(yes) => (if yes { Msg::Yes } else { Msg::No })
            .text(lang)
            .to_string(),
    }
}

/// A field as the value of a `<select>` option, and back.
fn field_key(field: &Field) -> String {
    serde_json::to_string(field).unwrap_or_default()
}

fn field_from_key(key: &str) -> Option<Field> {
    serde_json::from_str(key).ok()
}

/// The query in the page's address, if any.
fn query_from_url() -> ListQuery {
    let search = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("view="))
        .and_then(|encoded| js_sys::decode_uri_component(encoded).ok())
        .and_then(|json| serde_json::from_str(&String::from(json)).ok())
        .unwrap_or_default()
}

/// Puts the query in the page's address without a navigation, so the list can be shared.
fn query_to_url(query: &ListQuery) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    let address = if *query == ListQuery::default() {
        path
    } else {
        let json = serde_json::to_string(query).unwrap_or_default();
        format!("{path}?view={}", js_sys::encode_uri_component(&json))
    };
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
    let preview = RwSignal::new(None::<Vec<K::Row>>);
    let cache = expect_context::<ListCache>();
    let data = LocalResource::new(move || {
        let version = workspace.track(K::STORES);
        let first_load = preview.with_untracked(Option::is_none);
        async move {
            let read = cache.is_read::<K>(version);
            if let (true, false, Some(store)) = (first_load, read, workspace.store()) {
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
    let columns = RwSignal::new(K::DEFAULT_COLUMNS.to_vec());
    // Kept across reloads of the data, so a selection survives the edits made to it.
    let selection = RwSignal::new(HashSet::<u32>::new());

    view! {
        <section aria-labelledby=format!("{}-list-heading", K::DOM_ID) class="record-list">
            <h2 id=format!("{}-list-heading", K::DOM_ID)>{move || i18n.t(K::HEADING)}</h2>
            {saved_views::<K>(query, columns)}
            {move || match data.get() {
                None => match preview.get() {
                    Some(rows) if !rows.is_empty() && query.with(|q| *q == ListQuery::default()) => {
                        preview_table::<K>(rows, columns).into_any()
                    }
                    _ => view! { <p role="status">{move || i18n.t(Msg::Loading)}</p> }.into_any(),
                },
                Some(Err(error)) => view! {
                    <p role="alert">{move || i18n.t(Msg::ErrorPrefix)} " " {error.clone()}</p>
                }
                .into_any(),
                Some(Ok(data)) => list_body(data, query, columns, selection).into_any(),
            }}
        </section>
    }
}

/// The rows at `results` as CSV: a header of column labels, then one line per row with the
/// cells as the table shows them, each safe to open in a spreadsheet.
fn list_csv<R: Row>(
    rows: &[R],
    results: &[usize],
    columns: &[Field],
    custom_fields: &[CustomFieldDef],
    lang: Lang,
) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header: Vec<String> = columns
        .iter()
        .map(|f| field_label(f, custom_fields, lang))
        .collect();
    let _ = writer.write_record(
        header
            .iter()
            .map(|cell| spreadsheet_safe(cell).into_owned()),
    );
    for &index in results {
        let cells: Vec<String> = columns
            .iter()
            .map(|f| cell_text(&rows[index], f, lang))
            .collect();
        let _ = writer.write_record(cells.iter().map(|cell| spreadsheet_safe(cell).into_owned()));
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Offers `text` as a file download named `name`, made in the page (nothing is uploaded).
fn download(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(link) = link {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Resolves once the browser has painted a frame: a long read started after it cannot delay
/// what is already on screen.
async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let after_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(resolve.unchecked_ref());
            }
        });
        let _ = window.request_animation_frame(after_frame.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The newest rows in a plain table, shown until the whole list has loaded.
fn preview_table<K: ListKind>(rows: Vec<K::Row>, columns: RwSignal<Vec<Field>>) -> impl IntoView {
    let i18n = use_i18n();
    let record_href = use_app_href(K::RECORD_PATH);
    let columns = columns.get_untracked();
    let lang = i18n.lang.get_untracked();
    let header = columns
        .iter()
        .map(|field| view! { <th scope="col">{field_label(field, &[], lang)}</th> })
        .collect_view();
    let body = rows
        .iter()
        .map(|row| {
            let href = format!("{record_href}{}", row.id());
            view! { <tr><td class="select"></td>{row_cells(row, &columns, lang, &href)}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-viewport" style=format!("height:{VIEWPORT_HEIGHT}px")>
            <table class="records virtual">
                <thead>
                    <tr><th class="select"></th>{header}</tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <p class="list-footer" role="status">{move || i18n.t(Msg::LoadingEveryone)}</p>
    }
}

/// The cells of `row` for `columns`; the name links to the record's page at `href`.
fn row_cells(row: &impl Row, columns: &[Field], lang: Lang, href: &str) -> impl IntoView {
    columns
        .iter()
        .map(|field| {
            let text = cell_text(row, field, lang);
            if *field == Field::Name {
                view! { <td><a href=href.to_string()>{text}</a></td> }.into_any()
            } else {
                view! { <td>{text}</td> }.into_any()
            }
        })
        .collect_view()
}

fn list_body<K: ListKind>(
    data: Arc<ListData<K>>,
    query: RwSignal<ListQuery>,
    columns: RwSignal<Vec<Field>>,
    selection: RwSignal<HashSet<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = data.rows.len();
    let results = {
        let data = data.clone();
        Memo::new(move |_| query.with(|query| Arc::new(query.run(&data.rows))))
    };
    let custom_fields = Arc::new(data.custom_fields.clone());
    let search = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        query.update(|query| query.search = text);
    };
    let shown = move || {
        let shown = results.with(|r| r.len());
        i18n.t(K::SHOWING)
            .replace("{shown}", &format_count(shown as u64))
            .replace("{total}", &format_count(total as u64))
    };

    view! {
        <div class="list-toolbar">
            <div class="field search-field">
                <label for=format!("{}-search", K::DOM_ID)>{move || i18n.t(K::SEARCH_LABEL)}</label>
                <input
                    id=format!("{}-search", K::DOM_ID)
                    type="search"
                    autocomplete="off"
                    placeholder=move || i18n.t(K::SEARCH_HINT)
                    prop:value=move || query.with(|q| q.search.clone())
                    on:input=search
                />
            </div>
            {column_chooser::<K>(columns, custom_fields.clone())}
            <button
                type="button"
                class="quiet"
                on:click={
                    let (data, custom_fields) = (data.clone(), custom_fields.clone());
                    move |_| {
                        let lang = i18n.lang.get_untracked();
                        let csv = results.with_untracked(|results| {
                            columns.with_untracked(|columns| {
                                list_csv(&data.rows, results, columns, &custom_fields, lang)
                            })
                        });
                        download(&format!("{}.csv", K::DOM_ID), &csv);
                    }
                }
            >
                {move || i18n.t(Msg::ExportCsv)}
            </button>
        </div>
        {filter_builder::<K>(query, custom_fields.clone())}
        {bulk_actions(data.clone(), selection)}
        {if total == 0 {
            view! { <p class="empty">{move || i18n.t(K::EMPTY)}</p> }.into_any()
        } else {
            virtual_table(data, results, query, columns, custom_fields, selection).into_any()
        }}
        <p class="list-footer" aria-live="polite">{shown}</p>
    }
}

/// The table: a sticky header with sort buttons, and only the rows within the viewport (plus
/// [`OVERSCAN`]) in the DOM, between two spacer rows that keep the scrollbar true.
fn virtual_table<K: ListKind>(
    data: Arc<ListData<K>>,
    results: Memo<Arc<Vec<usize>>>,
    query: RwSignal<ListQuery>,
    columns: RwSignal<Vec<Field>>,
    custom_fields: Arc<Vec<CustomFieldDef>>,
    selection: RwSignal<HashSet<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let scroll_top = RwSignal::new(0.0f64);
    // The record whose checkbox was clicked last: shift-click selects from there while it is among
    // the results (a search may have narrowed them since).
    let anchor = RwSignal::new(None::<u32>);
    let all_selected =
        move || results.with(|r| !r.is_empty() && selection.with(|s| s.len() == r.len()));
    let toggle_all = {
        let data = data.clone();
        move |_| {
            if all_selected() {
                selection.set(HashSet::new());
            } else {
                let ids = results.with(|r| r.iter().map(|&i| data.rows[i].id()).collect());
                selection.set(ids);
            }
        }
    };
    let window = Memo::new(move |_| {
        let count = results.with(|r| r.len());
        let first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
        let visible = (VIEWPORT_HEIGHT / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
        (first.min(count), (first + visible).min(count))
    });
    let on_scroll = move |ev: leptos::ev::Event| {
        if let Some(element) = event_target::<web_sys::Element>(&ev).into() {
            scroll_top.set(f64::from(element.scroll_top()));
        }
    };
    let record_href = use_app_href(K::RECORD_PATH);
    let header = {
        let custom_fields = custom_fields.clone();
        move || {
            columns
                .get()
                .into_iter()
                .map(|field| {
                    let label = {
                        let custom_fields = custom_fields.clone();
                        let field = field.clone();
                        move || field_label(&field, &custom_fields, i18n.lang.get())
                    };
                    let sorted = {
                        let field = field.clone();
                        move || {
                            query.with(|q| match &q.sort {
                                Some(sort) if sort.field == field => {
                                    if sort.descending {
                                        "descending"
                                    } else {
                                        "ascending"
                                    }
                                }
                                _ => "none",
                            })
                        }
                    };
                    // Ascending, descending, then back to the default order.
                    let toggle = move |_| {
                        query.update(|q| {
                            q.sort = match q.sort.take() {
                                Some(sort) if sort.field == field && !sort.descending => {
                                    Some(Sort {
                                        field: field.clone(),
                                        descending: true,
                                    })
                                }
                                Some(sort) if sort.field == field => None,
                                _ => Some(Sort {
                                    field: field.clone(),
                                    descending: false,
                                }),
                            }
                        })
                    };
                    view! {
                        <th scope="col" aria-sort=sorted>
                            <button type="button" class="sort-button" on:click=toggle>
                                {label}
                            </button>
                        </th>
                    }
                })
                .collect_view()
        }
    };
    let body = move || {
        let (first, last) = window.get();
        let results = results.get();
        let columns = columns.get();
        let lang = i18n.lang.get();
        let top = first as f64 * ROW_HEIGHT;
        let bottom = (results.len() - last) as f64 * ROW_HEIGHT;
        let spacer = |height: f64| {
            (height > 0.0).then(|| {
                view! { <tr class="spacer" aria-hidden="true" style=format!("height:{height}px")></tr> }
            })
        };
        let rows = results[first..last]
            .iter()
            .enumerate()
            .map(|(offset, &index)| {
                let row = &data.rows[index];
                let id = row.id();
                let position = first + offset;
                let href = format!("{record_href}{id}");
                let select_label = format!("{} {}", Msg::Select.text(lang), row.name());
                let results = results.clone();
                let rows = data.clone();
                let on_click = move |ev: leptos::ev::MouseEvent| {
                    let select = !selection.with(|s| s.contains(&id));
                    let id_of = |i: usize| rows.rows[results[i]].id();
                    let span = click_span(
                        results.len(),
                        id_of,
                        anchor.get_untracked(),
                        position,
                        ev.shift_key(),
                    );
                    selection.update(|s| {
                        for i in span {
                            if select {
                                s.insert(id_of(i));
                            } else {
                                s.remove(&id_of(i));
                            }
                        }
                    });
                    anchor.set(Some(id));
                };
                let select_cell = view! {
                    <td class="select">
                        <input
                            type="checkbox"
                            aria-label=select_label
                            prop:checked=move || selection.with(|s| s.contains(&id))
                            on:click=on_click
                        />
                    </td>
                };
                let cells = row_cells(row, &columns, lang, &href);
                view! { <tr aria-rowindex=first + offset + 2>{select_cell}{cells}</tr> }
            })
            .collect_view();
        view! { {spacer(top)} {rows} {spacer(bottom)} }
    };

    view! {
        <div
            class="table-viewport"
            style=format!("height:{VIEWPORT_HEIGHT}px")
            on:scroll=on_scroll
            on:keydown=move_between_rows
            tabindex="0"
            role="region"
            aria-label=move || i18n.t(K::TABLE_LABEL)
        >
            <table class="records virtual" aria-rowcount=move || results.with(|r| r.len()) + 1>
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col" class="select">
                            <input
                                type="checkbox"
                                aria-label=move || i18n.t(K::SELECT_ALL)
                                prop:checked=all_selected
                                on:change=toggle_all
                            />
                        </th>
                        {header}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// ↑ and ↓ on a row's link move the focus to the link of the row above or below (the viewport
/// scrolls along, and the virtual window follows the scroll).
fn move_between_rows(ev: web_sys::KeyboardEvent) {
    let down = match ev.key().as_str() {
        "ArrowDown" => true,
        "ArrowUp" => false,
        _ => return,
    };
    let Some(row) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .filter(|e| e.tag_name() == "A")
        .and_then(|link| link.closest("tr").ok().flatten())
    else {
        return;
    };
    let next = if down {
        row.next_element_sibling()
    } else {
        row.previous_element_sibling()
    };
    let link = next
        .and_then(|r| r.query_selector("a").ok().flatten())
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(link) = link {
        ev.prevent_default();
        let _ = link.focus();
    }
}

/// Checkboxes choosing which columns the table shows.
fn column_chooser<K: ListKind>(
    columns: RwSignal<Vec<Field>>,
    custom_fields: Arc<Vec<CustomFieldDef>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let choices = all_fields::<K>(&custom_fields);
    view! {
        <details class="column-chooser">
            <summary>{move || i18n.t(Msg::Columns)}</summary>
            <fieldset aria-label=move || i18n.t(Msg::Columns)>
                {choices
                    .into_iter()
                    .map(|field| {
                        let custom_fields = custom_fields.clone();
                        let label_field = field.clone();
                        let checked_field = field.clone();
                        let toggle = move |_| {
                            columns.update(|columns| {
                                if let Some(at) = columns.iter().position(|c| *c == field) {
                                    if columns.len() > 1 {
                                        columns.remove(at);
                                    }
                                } else {
                                    columns.push(field.clone());
                                }
                            })
                        };
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || columns.with(|c| c.contains(&checked_field))
                                    on:change=toggle
                                />
                                {move || field_label(&label_field, &custom_fields, i18n.lang.get())}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </details>
    }
}

/// `K`'s built-in fields followed by its custom fields.
fn all_fields<K: ListKind>(custom_fields: &[CustomFieldDef]) -> Vec<Field> {
    K::FIELDS
        .iter()
        .cloned()
        .chain(
            custom_fields
                .iter()
                .map(|def| Field::Custom(def.key.clone())),
        )
        .collect()
}

/// The filter group a builder part edits: the top level, or one of its nested groups.
type GroupAt = Option<usize>;

/// The group at `at` of `filter`, if it exists.
fn group_mut(filter: &mut Filter, at: GroupAt) -> Option<&mut Filter> {
    match at {
        None => Some(filter),
        Some(g) => filter.groups.get_mut(g),
    }
}

fn group_ref(filter: &Filter, at: GroupAt) -> Option<&Filter> {
    match at {
        None => Some(filter),
        Some(g) => filter.groups.get(g),
    }
}

/// "Filter field 2" at the top level, "Group 1 filter field 2" inside a group.
fn control_label(i18n: crate::i18n::I18n, group: GroupAt, what: Msg, number: usize) -> String {
    match group {
        None => format!("{} {number}", i18n.t(what)),
        Some(g) => format!(
            "{} {} {} {number}",
            i18n.t(Msg::Group),
            g + 1,
            i18n.t(what).to_lowercase()
        ),
    }
}

/// The filter builder: conditions (field, operator, value) joined by AND or OR, and groups of
/// conditions with their own join, for mixed logic such as (A and B) or C.
fn filter_builder<K: ListKind>(
    query: RwSignal<ListQuery>,
    custom_fields: Arc<Vec<CustomFieldDef>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let fields: Arc<Vec<Field>> = Arc::new(all_fields::<K>(&custom_fields));
    let add_group = move |_| {
        query.update(|q| {
            q.filter.groups.push(Filter {
                conditions: vec![new_condition()],
                ..Filter::default()
            })
        })
    };
    let groups = {
        let (fields, custom_fields) = (fields.clone(), custom_fields.clone());
        move || {
            let count = query.with(|q| q.filter.groups.len());
            (0..count)
                .map(|g| {
                    let legend = format!("{} {}", i18n.t(Msg::Group), g + 1);
                    let remove_label = format!("{} {}", i18n.t(Msg::RemoveGroup), g + 1);
                    view! {
                        <li>
                            <fieldset class="filter-group">
                                <legend>{legend}</legend>
                                {group_editor(query, Some(g), fields.clone(), custom_fields.clone())}
                                <button
                                    type="button"
                                    class="quiet"
                                    on:click=move |_| query.update(|q| {
                                        if g < q.filter.groups.len() {
                                            q.filter.groups.remove(g);
                                        }
                                    })
                                >
                                    {remove_label}
                                </button>
                            </fieldset>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    view! {
        <fieldset class="filter-builder">
            <legend>{move || i18n.t(Msg::Filters)}</legend>
            {group_editor(query, None, fields, custom_fields)}
            <ol class="filter-groups">{groups}</ol>
            <button type="button" class="quiet" on:click=add_group>{move || i18n.t(Msg::AddGroup)}</button>
        </fieldset>
    }
}

fn new_condition() -> Condition {
    Condition {
        field: Field::Name,
        operator: Operator::Contains,
        value: String::new(),
    }
}

/// One group's join, its conditions, and a button adding a condition.
fn group_editor(
    query: RwSignal<ListQuery>,
    group: GroupAt,
    fields: Arc<Vec<Field>>,
    custom_fields: Arc<Vec<CustomFieldDef>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let match_all = move || query.with(|q| group_ref(&q.filter, group).is_none_or(|f| f.match_all));
    let set_join = move |ev: leptos::ev::Event| {
        let all = event_target_value(&ev) == "all";
        query.update(|q| {
            if let Some(filter) = group_mut(&mut q.filter, group) {
                filter.match_all = all;
            }
        });
    };
    let add = move |_| {
        query.update(|q| {
            if let Some(filter) = group_mut(&mut q.filter, group) {
                filter.conditions.push(new_condition());
            }
        })
    };
    let conditions = move || {
        let count = query.with(|q| group_ref(&q.filter, group).map_or(0, |f| f.conditions.len()));
        (0..count)
            .map(|at| {
                let fields = fields.clone();
                let custom_fields = custom_fields.clone();
                view! { <ConditionRow group at query fields custom_fields/> }
            })
            .collect_view()
    };
    let join_id = match group {
        None => "filter-join".to_string(),
        Some(g) => format!("filter-join-{g}"),
    };
    view! {
        <div class="filter-join">
            <label for=join_id.clone()>{move || i18n.t(Msg::Match)}</label>
            <select id=join_id on:change=set_join>
                <option value="all" selected=match_all>{move || i18n.t(Msg::MatchAll)}</option>
                <option value="any" selected=move || !match_all()>{move || i18n.t(Msg::MatchAny)}</option>
            </select>
        </div>
        <ol class="conditions">{conditions}</ol>
        <button type="button" on:click=add>{move || i18n.t(Msg::AddFilter)}</button>
    }
}

#[component]
fn ConditionRow(
    group: GroupAt,
    at: usize,
    query: RwSignal<ListQuery>,
    fields: Arc<Vec<Field>>,
    custom_fields: Arc<Vec<CustomFieldDef>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let condition = move || {
        query.with(|q| group_ref(&q.filter, group).and_then(|f| f.conditions.get(at).cloned()))
    };
    let edit = move |change: &dyn Fn(&mut Condition)| {
        query.update(|q| {
            if let Some(condition) =
                group_mut(&mut q.filter, group).and_then(|f| f.conditions.get_mut(at))
            {
                change(condition);
            }
        })
    };
    let number = at + 1;
    let label = move |what: Msg| control_label(i18n, group, what, number);
    let field_options = fields
        .iter()
        .map(|field| {
            let key = field_key(field);
            let selected_field = field.clone();
            let label_field = field.clone();
            let custom_fields = custom_fields.clone();
            view! {
                <option value=key selected=move || condition().is_some_and(|c| c.field == selected_field)>
                    {move || field_label(&label_field, &custom_fields, i18n.lang.get())}
                </option>
            }
        })
        .collect_view();
    let operator_options = OPERATORS
        .iter()
        .map(|&(operator, msg)| {
            let key = serde_json::to_string(&operator).unwrap_or_default();
            view! {
                <option value=key selected=move || condition().is_some_and(|c| c.operator == operator)>
                    {move || i18n.t(msg)}
                </option>
            }
        })
        .collect_view();
    let needs_value = move || {
        condition().is_some_and(|c| !matches!(c.operator, Operator::IsEmpty | Operator::IsNotEmpty))
    };
    view! {
        <li class="condition">
            <select
                aria-label=move || label(Msg::FilterField)
                on:change=move |ev| {
                    if let Some(field) = field_from_key(&event_target_value(&ev)) {
                        edit(&|c| c.field = field.clone());
                    }
                }
            >
                {field_options}
            </select>
            <select
                aria-label=move || label(Msg::FilterOperator)
                on:change=move |ev| {
                    if let Ok(operator) = serde_json::from_str::<Operator>(&event_target_value(&ev)) {
                        edit(&|c| c.operator = operator);
                    }
                }
            >
                {operator_options}
            </select>
            <Show when=needs_value>
                <input
                    type="text"
                    aria-label=move || label(Msg::FilterValue)
                    prop:value=move || condition().map(|c| c.value).unwrap_or_default()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        edit(&|c| c.value = value.clone());
                    }
                />
            </Show>
            <button
                type="button"
                aria-label=move || label(Msg::RemoveFilter)
                on:click=move |_| query.update(|q| {
                    if let Some(filter) = group_mut(&mut q.filter, group) {
                        if at < filter.conditions.len() {
                            filter.conditions.remove(at);
                        }
                    }
                })
            >
                "×"
            </button>
        </li>
    }
}

/// What a bulk action does to each selected record.
#[derive(Clone)]
enum BulkEdit {
    AddTag(String),
    /// Set a field to what a text means (see `list::set_field`); a custom field carries its kind.
    SetField {
        field: Field,
        text: String,
        kind: Option<hearth_domain::CustomFieldKind>,
    },
}

impl BulkEdit {
    fn apply(&self, record: &mut impl BulkEditable) -> Result<(), hearth_domain::Problem> {
        match self {
            BulkEdit::AddTag(tag) => {
                add_tag(record, tag);
                Ok(())
            }
            BulkEdit::SetField { field, text, kind } => {
                set_field(record, field, text, kind.as_ref())
            }
        }
    }

    fn done_msg(&self) -> Msg {
        match self {
            BulkEdit::AddTag(_) => Msg::DoneTagged,
            BulkEdit::SetField {
                field: Field::Lifecycle,
                ..
            } => Msg::DoneLifecycleSet,
            BulkEdit::SetField {
                field: Field::Owner,
                ..
            } => Msg::DoneOwnerAssigned,
            BulkEdit::SetField { .. } => Msg::DoneFieldSet,
        }
    }
}

/// The toolbar acting on the selected records: tag, set lifecycle (people), assign owner, set a
/// field, delete to trash. Each action is one transaction and can be undone from the undo bar.
fn bulk_actions<K: ListKind>(
    data: Arc<ListData<K>>,
    selection: RwSignal<HashSet<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let tag = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let lifecycle = RwSignal::new(LifecycleStage::Customer);
    let has_lifecycle = K::Record::SETTABLE.contains(&Field::Lifecycle);
    let set_field = RwSignal::new(K::Record::SETTABLE[0].clone());
    let set_text = RwSignal::new(String::new());
    let settable: Vec<(Field, String, Option<hearth_domain::CustomFieldKind>)> =
        K::Record::SETTABLE
            .iter()
            .map(|field| (field.clone(), String::new(), None))
            .chain(data.custom_fields.iter().map(|def| {
                (
                    Field::Custom(def.key.clone()),
                    def.label.clone(),
                    Some(def.kind.clone()),
                )
            }))
            .collect();
    let kinds: HashMap<Field, Option<hearth_domain::CustomFieldKind>> = settable
        .iter()
        .map(|(f, _, k)| (f.clone(), k.clone()))
        .collect();
    let failure = RwSignal::new(None::<String>);
    let selected = move || {
        selection.with(|s| {
            data.rows
                .iter()
                .filter(|row| s.contains(&row.id()))
                .map(|row| K::record(row).clone())
                .collect::<Vec<K::Record>>()
        })
    };
    let selected = Arc::new(selected);
    let edit = Action::new_local({
        let selected = selected.clone();
        move |edit: &BulkEdit| {
            let (edit, before, store) = (edit.clone(), selected(), workspace.store());
            async move {
                let store = store.ok_or_else(|| {
                    store_error_text(&StoreError::NotOpen, i18n.lang.get_untracked())
                })?;
                let now = now_utc();
                let mut changes = ChangeSet::default();
                for record in &before {
                    let mut after = record.clone();
                    edit.apply(&mut after).map_err(|problem| {
                        let lang = i18n.lang.get_untracked();
                        format!(
                            "{} {}",
                            Msg::Value.text(lang),
                            Msg::for_problem(&problem).text(lang)
                        )
                    })?;
                    after.set_updated_at(now);
                    changes
                        .put(&after)
                        .map_err(|e| store_error_text(&e, i18n.lang.get_untracked()))?;
                }
                store
                    .apply(changes)
                    .await
                    .map_err(|e| store_error_text(&e, i18n.lang.get_untracked()))?;
                workspace.done(LastAction {
                    label: edit.done_msg(),
                    count: before.len(),
                    // Undo expects each record as this edit stored it: one revision up.
                    undo: Undo::PutBack(
                        before
                            .into_iter()
                            .map(|mut record| {
                                record.set_revision(record.revision() + 1);
                                record.into()
                            })
                            .collect(),
                    ),
                });
                Ok::<(), String>(())
            }
        }
    });
    let delete = Action::new_local(move |_: &()| {
        let (before, store) = (selected(), workspace.store());
        async move {
            let store = store
                .ok_or_else(|| store_error_text(&StoreError::NotOpen, i18n.lang.get_untracked()))?;
            let now = now_utc();
            let batch = now.timestamp_millis() as u64;
            let count = before.len();
            let records: Vec<TrashedRecord> = before.into_iter().map(Into::into).collect();
            store
                .trash(&records, now, batch)
                .await
                .map_err(|e| store_error_text(&e, i18n.lang.get_untracked()))?;
            selection.set(HashSet::new());
            workspace.done(LastAction {
                label: Msg::DoneDeleted,
                count,
                undo: Undo::Untrash(batch),
            });
            Ok::<(), String>(())
        }
    });
    Effect::new(move || {
        let outcome = edit.value().get().or_else(|| delete.value().get());
        failure.set(outcome.and_then(Result::err));
    });
    let count = move || selection.with(HashSet::len);
    let busy = move || edit.pending().get() || delete.pending().get();
    view! {
        <Show when=move || count() != 0>
            <div class="bulk-actions" role="toolbar" aria-label=move || i18n.t(K::BULK_ACTIONS)>
                <strong>{move || i18n.t(Msg::SelectedCount).replace("{count}", &format_count(count() as u64))}</strong>
                <div class="bulk-group">
                    <input type="text" aria-label=move || i18n.t(Msg::TagToAdd) placeholder=move || i18n.t(Msg::TagToAdd) bind:value=tag/>
                    <button
                        type="button"
                        disabled=busy
                        on:click=move |_| {
                            let text = tag.get().trim().to_string();
                            if !text.is_empty() {
                                edit.dispatch(BulkEdit::AddTag(text));
                            }
                        }
                    >
                        {move || i18n.t(Msg::AddTag)}
                    </button>
                </div>
                {has_lifecycle.then(|| view! {
                    <div class="bulk-group">
                        <ChoiceSelect choices=&LIFECYCLE_STAGES value=lifecycle label=lifecycle_msg attr:aria-label=move || i18n.t(Msg::LifecycleToSet)/>
                        <button
                            type="button"
                            disabled=busy
                            on:click=move |_| {
                                let text = lifecycle_key(lifecycle.get()).to_string();
                                edit.dispatch(BulkEdit::SetField { field: Field::Lifecycle, text, kind: None });
                            }
                        >
                            {move || i18n.t(Msg::SetLifecycle)}
                        </button>
                    </div>
                })}
                <div class="bulk-group">
                    <input type="text" aria-label=move || i18n.t(Msg::OwnerToAssign) placeholder=move || i18n.t(Msg::OwnerToAssign) bind:value=owner/>
                    <button
                        type="button"
                        disabled=busy
                        on:click=move |_| {
                            edit.dispatch(BulkEdit::SetField { field: Field::Owner, text: owner.get(), kind: None });
                        }
                    >
                        {move || i18n.t(Msg::AssignOwner)}
                    </button>
                </div>
                <div class="bulk-group">
                    <select
                        aria-label=move || i18n.t(Msg::FieldToSet)
                        on:change=move |ev| {
                            if let Some(field) = field_from_key(&event_target_value(&ev)) {
                                set_field.set(field);
                            }
                        }
                    >
                        {settable
                            .iter()
                            .cloned()
                            .map(|(field, custom_label, _)| {
                                let key = field_key(&field);
                                let chosen = field.clone();
                                view! {
                                    <option value=key selected=move || set_field.with(|f| *f == chosen)>
                                        {move || field_msg(&field).map_or(custom_label.clone(), |msg| i18n.t(msg).to_string())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <input type="text" aria-label=move || i18n.t(Msg::Value) placeholder=move || i18n.t(Msg::Value) bind:value=set_text/>
                    <button
                        type="button"
                        disabled=busy
                        on:click={
                            let kinds = kinds.clone();
                            move |_| {
                                let field = set_field.get();
                                let kind = kinds.get(&field).cloned().flatten();
                                edit.dispatch(BulkEdit::SetField { field, text: set_text.get(), kind });
                            }
                        }
                    >
                        {move || i18n.t(Msg::SetField)}
                    </button>
                </div>
                <button type="button" class="danger" disabled=busy on:click=move |_| { delete.dispatch(()); }>
                    {move || i18n.t(Msg::DeleteSelected)}
                </button>
                <button type="button" on:click=move |_| selection.set(HashSet::new())>
                    {move || i18n.t(Msg::ClearSelection)}
                </button>
                {move || failure.get().map(|reason| view! {
                    <p role="alert" class="errors">{move || i18n.t(Msg::ErrorPrefix)} " " {reason.clone()}</p>
                })}
            </div>
        </Show>
    }
}

/// Named views of the list (query and columns), kept in the workspace: pick one to apply it,
/// save the current one under a name, or delete one.
fn saved_views<K: ListKind>(
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
            let mut views = store.saved_views_of(K::ENTITY).await.unwrap_or_default();
            views.sort_by_key(|view| view.name.to_lowercase());
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
            entity: K::ENTITY,
            name: view_name.clone(),
            filter: query.with_untracked(|q| serde_json::to_string(q).unwrap_or_default()),
            columns: columns.with_untracked(|c| c.iter().map(field_key).collect()),
            sort: None,
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
                <label for="saved-view">{move || i18n.t(Msg::SavedViews)}</label>
                <select id="saved-view" on:change=move |ev| apply(event_target_value(&ev).parse().ok())>
                    <option value="" selected=move || chosen.get().is_none()>{move || i18n.t(K::HEADING)}</option>
                    {move || views.get().unwrap_or_default().into_iter().map(|view| {
                        let id = view.id.0;
                        view! { <option value=id.to_string() selected=move || chosen.get() == Some(id)>{view.name}</option> }
                    }).collect_view()}
                </select>
                <Show when=move || chosen.get().is_some()>
                    <button type="button" class="quiet" on:click=move |_| { if let Some(id) = chosen.get() { delete.dispatch(id); } }>
                        {move || i18n.t(Msg::DeleteView)}
                    </button>
                </Show>
            </div>
            <form class="field inline" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save.dispatch(name.get().trim().to_string()); } novalidate>
                <label for="view-name">{move || i18n.t(Msg::ViewName)}</label>
                <input id="view-name" type="text" bind:value=name/>
                <button type="submit">{move || i18n.t(Msg::SaveView)}</button>
            </form>
            <SaveOutcomeView action=save saved=Msg::ViewSaved/>
        </div>
    }
}
