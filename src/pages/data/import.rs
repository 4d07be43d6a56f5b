//! The import wizard: pick or drop a file, check how it is read (encoding, delimiter, first rows),
//! map its columns to fields (suggested, remembered per header shape), say which date format an
//! ambiguous column uses and which field finds existing records, run the dry run (counts, every
//! problem by line, column and reason, downloadable), then import with progress and cancel. The
//! worker does all the reading; the page never holds the file's bytes.

use super::history::ImportHistory;
use crate::analysis::bridge::{use_analyses, CANCELLED};
use crate::analysis::import::{CHECKING_STAGE, IMPORTING_STAGE};
use crate::analysis::protocol::{
    Analysis, AnalysisKind, ImportCheck, ImportJob, ImportPreview, ImportStep, Report,
};
use crate::app::{use_app_href, use_page_title};
use crate::components::download::download;
use crate::i18n::{format_count, key_text, store_error_text, use_i18n, Lang, Msg};
use crate::routes;
use crate::store::{StoreName, Touched};
use crate::workspace::{now_utc, today_utc, use_workspace};
use hearth_domain::export::spreadsheet_safe;
use hearth_domain::imports::{ImportRecord, ImportStatus};
use hearth_domain::list::Field;
use hearth_domain::EntityKind;
use hearth_import::coerce::DateFormat;
use hearth_import::encoding::TextEncoding;
use hearth_import::mapping::{default_upsert_key, Target, UPSERT_KEYS};
use hearth_import::reconcile::ImportSettings;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// A kind of record a file can be imported as.
pub(super) struct ImportKind {
    /// The kind.
    pub kind: EntityKind,
    /// Its name: the name of its list.
    pub name: Msg,
    /// Its list, once it has one (orders get theirs with the sales pages).
    pub path: Option<&'static str>,
    /// What its records are counted as on the import button: rows, or orders (several rows each).
    pub counted_as: Msg,
    /// For a kind whose rows name other records: the choice to create those that do not exist,
    /// and the dry run's count of them.
    pub names: Option<(Msg, Msg)>,
}

/// What a file can be imported as.
pub(super) const IMPORTABLE: [ImportKind; 6] = [
    ImportKind {
        kind: EntityKind::Person,
        name: Msg::NavCustomers,
        path: Some(routes::CUSTOMERS),
        counted_as: Msg::RowsWord,
        names: Some((Msg::CreateMissingCompanies, Msg::ImportCompaniesCreated)),
    },
    ImportKind {
        kind: EntityKind::Company,
        name: Msg::NavCompanies,
        path: Some(routes::COMPANIES),
        counted_as: Msg::RowsWord,
        names: None,
    },
    ImportKind {
        kind: EntityKind::Product,
        name: Msg::Products,
        path: Some(routes::PRODUCTS),
        counted_as: Msg::RowsWord,
        names: None,
    },
    ImportKind {
        kind: EntityKind::Order,
        name: Msg::NavOrders,
        path: None,
        counted_as: Msg::OrdersWord,
        names: Some((Msg::CreateMissingCustomers, Msg::ImportCustomersCreated)),
    },
    ImportKind {
        kind: EntityKind::Ticket,
        name: Msg::NavTickets,
        path: None,
        counted_as: Msg::RowsWord,
        names: Some((Msg::CreateMissingRequesters, Msg::ImportRequestersCreated)),
    },
    ImportKind {
        kind: EntityKind::Deal,
        name: Msg::NavDeals,
        path: None,
        counted_as: Msg::RowsWord,
        names: Some((Msg::CreateMissingContacts, Msg::ImportContactsCreated)),
    },
];

/// What an import or a revert writes, through the worker's connection (which this tab's and the
/// others' listeners never hear of): the records of every importable kind and those their rows
/// name, the order facts (an order write drops them), the history, undo records and trash.
pub(super) fn import_writes() -> Touched {
    let mut touched = Touched::default();
    for store in [
        StoreName::People,
        StoreName::Companies,
        StoreName::Products,
        StoreName::Orders,
        StoreName::OrderFacts,
        StoreName::Tickets,
        StoreName::Deals,
        StoreName::Pipelines,
        StoreName::Imports,
        StoreName::ImportBatches,
        StoreName::Trash,
    ] {
        touched.add(store, None);
    }
    touched
}

/// How files of `kind` are imported.
pub(super) fn import_kind(kind: EntityKind) -> &'static ImportKind {
    IMPORTABLE
        .iter()
        .find(|importable| importable.kind == kind)
        .unwrap_or(&IMPORTABLE[0])
}

/// Problems the page lists; the download has them all.
const PROBLEMS_SHOWN: usize = 100;

/// A target's label in `lang`.
fn target_label(target: &Target, lang: Lang) -> String {
    if target.custom {
        target.label.clone()
    } else {
        key_text(&target.label, lang)
    }
}

fn date_format_msg(format: DateFormat) -> Msg {
    match format {
        DateFormat::Iso => Msg::DateIso,
        DateFormat::Compact => Msg::DateCompact,
        DateFormat::Dotted => Msg::DateDotted,
        DateFormat::DayMonthYear => Msg::DateDayMonthYear,
        DateFormat::MonthDayYear => Msg::DateMonthDayYear,
        DateFormat::ExcelSerial => Msg::DateExcelSerial,
    }
}

fn date_format_value(format: DateFormat) -> &'static str {
    match format {
        DateFormat::Iso => "iso",
        DateFormat::Compact => "compact",
        DateFormat::Dotted => "dotted",
        DateFormat::DayMonthYear => "dmy",
        DateFormat::MonthDayYear => "mdy",
        DateFormat::ExcelSerial => "excel",
    }
}

fn delimiter_msg(delimiter: u8) -> Msg {
    match delimiter {
        b';' => Msg::DelimiterSemicolon,
        b'\t' => Msg::DelimiterTab,
        b'|' => Msg::DelimiterPipe,
        _ => Msg::DelimiterComma,
    }
}

/// Where the wizard stands.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// Waiting for a file.
    Choose,
    /// Reading the file's start.
    Previewing,
    /// Showing the start and the mapping.
    Map(Arc<ImportPreview>),
    /// Running the dry run.
    Checking(Arc<ImportPreview>),
    /// Showing the dry run.
    Checked(Arc<ImportPreview>, Arc<ImportCheck>),
    /// Writing.
    Importing,
    /// Finished (done, cancelled or stopped).
    Finished(Arc<ImportRecord>),
}

/// How far a running job is.
#[derive(Debug, Clone, Copy, PartialEq)]
struct JobProgress {
    done: usize,
    total: usize,
    started_ms: f64,
    now_ms: f64,
}

fn performance_now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}

/// The problems of a dry run as CSV (UTF-8 with a byte order mark): line, column, reason.
fn problems_csv(check: &ImportCheck, lang: Lang) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record([
        Msg::Line.text(lang),
        Msg::Column.text(lang),
        Msg::Problem.text(lang),
    ]);
    for problem in &check.problems {
        let _ = writer.write_record([
            problem.line.to_string(),
            spreadsheet_safe(&problem.column).into_owned(),
            Msg::for_problem(&problem.problem).text(lang).to_string(),
        ]);
    }
    let csv = String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default();
    format!("\u{feff}{csv}")
}

/// The page at `/import`.
#[component]
pub fn ImportPage() -> impl IntoView {
    use_page_title(Msg::ImportTitle);
    let i18n = use_i18n();
    let workspace = use_workspace();
    let analyses = use_analyses();
    let entity = RwSignal::new(EntityKind::Person);
    let file: StoredValue<Option<web_sys::File>, LocalStorage> = StoredValue::new_local(None);
    let step = RwSignal::new(Step::Choose);
    let encoding = RwSignal::new(None::<TextEncoding>);
    let delimiter = RwSignal::new(None::<u8>);
    let mapping = RwSignal::new(Vec::<Option<Field>>::new());
    let dates = RwSignal::new(Vec::<Option<DateFormat>>::new());
    let upsert_key = RwSignal::new(None::<Field>);
    let create_missing = RwSignal::new(true);
    let progress = RwSignal::new(None::<JobProgress>);
    let error = RwSignal::new(None::<String>);
    let dragging = RwSignal::new(false);

    // The fields the worker said the file's kind has (with the user's own).
    let field_targets = Memo::new(move |_| match step.get() {
        Step::Map(preview) | Step::Checking(preview) | Step::Checked(preview, _) => {
            preview.targets.clone()
        }
        _ => Vec::new(),
    });

    // Runs one step of the job on the chosen file; progress lands in `progress`.
    let run = move |import_step: ImportStep| {
        let chosen = file.get_value();
        async move {
            let file = chosen.ok_or_else(|| i18n.t(Msg::ImportChooseFile).to_string())?;
            let started_ms = performance_now();
            progress.set(Some(JobProgress {
                done: 0,
                total: 0,
                started_ms,
                now_ms: started_ms,
            }));
            let job = Analysis::Import(ImportJob {
                entity: entity.get_untracked(),
                now: now_utc(),
                step: import_step,
            });
            let outcome = analyses
                .run_on_file_to_end(
                    job,
                    Some(file.into()),
                    today_utc(),
                    workspace.analysis_version_untracked(),
                    move |stage, done, total| {
                        if stage == CHECKING_STAGE || stage == IMPORTING_STAGE {
                            progress.set(Some(JobProgress {
                                done,
                                total,
                                started_ms,
                                now_ms: performance_now(),
                            }));
                        }
                    },
                )
                .await;
            progress.set(None);
            outcome
        }
    };

    let read_start = move || {
        step.set(Step::Previewing);
        error.set(None);
        let lang = i18n.lang.get_untracked();
        let job = ImportStep::Preview {
            chinese: lang == Lang::Zh,
            encoding: encoding.get_untracked(),
            delimiter: delimiter.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match run(job).await {
                Ok(Report::ImportPreview(preview)) => {
                    let headers = &preview.preview.headers;
                    let remembered =
                        crate::settings::load_import_mapping(entity.get_untracked().key(), headers);
                    let chosen = remembered.unwrap_or_else(|| preview.mapping.clone());
                    dates.set(vec![None; headers.len()]);
                    upsert_key.set(default_upsert_key(&chosen));
                    mapping.set(chosen);
                    step.set(Step::Map(preview));
                }
                Ok(_) => step.set(Step::Choose),
                Err(reason) => {
                    error.set(Some(reason));
                    step.set(Step::Choose);
                }
            }
        });
    };

    let choose = move |chosen: web_sys::File| {
        file.set_value(Some(chosen));
        encoding.set(None);
        delimiter.set(None);
        read_start();
    };

    // Built-in options by their label in the user's language, so a file this app exported in
    // Chinese reads back.
    let option_labels = move || -> Vec<(String, String)> {
        field_targets
            .get_untracked()
            .iter()
            .flat_map(|target| target.options.clone())
            .flat_map(|option| {
                Lang::ALL
                    .into_iter()
                    .map(move |lang| (key_text(&option, lang), option.clone()))
            })
            .collect()
    };

    let settings_of = move |preview: &ImportPreview| ImportSettings {
        shape: hearth_import::source::FileShape {
            encoding: encoding
                .get_untracked()
                .unwrap_or(preview.preview.shape.encoding),
            delimiter: delimiter
                .get_untracked()
                .unwrap_or(preview.preview.shape.delimiter),
        },
        mapping: mapping.get_untracked(),
        dates: dates.get_untracked(),
        upsert_key: upsert_key.get_untracked(),
        create_missing: create_missing.get_untracked(),
        option_labels: option_labels(),
    };

    // A mapped date column whose rows fit several formats, still without the user's choice.
    let undecided_date = move |preview: &ImportPreview| -> Option<String> {
        let targets = field_targets.get();
        let mapping = mapping.get();
        let dates = dates.get();
        preview
            .preview
            .headers
            .iter()
            .enumerate()
            .find(|(at, _)| {
                let is_date = mapping
                    .get(*at)
                    .cloned()
                    .flatten()
                    .is_some_and(|field| targets.iter().any(|t| t.field == field && t.date));
                let choices = preview.preview.date_choices.get(*at).map_or(0, Vec::len);
                is_date && choices > 1 && dates.get(*at).cloned().flatten().is_none()
            })
            .map(|(_, header)| header.clone())
    };

    let check = move |preview: Arc<ImportPreview>| {
        let settings = settings_of(&preview);
        crate::settings::save_import_mapping(
            entity.get_untracked().key(),
            &preview.preview.headers,
            &settings.mapping,
        );
        error.set(None);
        step.set(Step::Checking(preview.clone()));
        leptos::task::spawn_local(async move {
            match run(ImportStep::Check(settings)).await {
                Ok(Report::ImportChecked(checked)) => step.set(Step::Checked(preview, checked)),
                Ok(_) => step.set(Step::Map(preview)),
                Err(reason) => {
                    if reason != CANCELLED {
                        error.set(Some(reason));
                    }
                    step.set(Step::Map(preview));
                }
            }
        });
    };

    let import = move |(preview, checked): (Arc<ImportPreview>, Arc<ImportCheck>)| {
        let settings = settings_of(&preview);
        step.set(Step::Importing);
        error.set(None);
        leptos::task::spawn_local(async move {
            let outcome = run(ImportStep::Write {
                settings,
                file_name: file
                    .with_value(|f| f.as_ref().map(web_sys::File::name))
                    .unwrap_or_default(),
                rows: checked.counts.rows,
            })
            .await;
            workspace.announce(&import_writes());
            match outcome {
                Ok(Report::Imported(id)) => {
                    let stored = match workspace.store() {
                        Some(store) => store.get::<ImportRecord>(id.0).await,
                        None => Ok(None),
                    };
                    match stored {
                        Ok(Some(record)) => step.set(Step::Finished(Arc::new(record))),
                        Ok(None) => step.set(Step::Choose),
                        Err(problem) => {
                            error.set(Some(store_error_text(&problem, i18n.lang.get_untracked())));
                            step.set(Step::Choose);
                        }
                    }
                }
                Ok(_) => step.set(Step::Checked(preview, checked)),
                Err(reason) => {
                    error.set(Some(reason));
                    step.set(Step::Checked(preview, checked));
                }
            }
        });
    };

    let cancel = move |_| analyses.cancel(AnalysisKind::Import);

    let start_over = move |_| {
        file.set_value(None);
        error.set(None);
        step.set(Step::Choose);
    };

    let on_file_input = move |event: web_sys::Event| {
        let input: Option<web_sys::HtmlInputElement> =
            event.target().and_then(|target| target.dyn_into().ok());
        if let Some(chosen) = input
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        {
            choose(chosen);
        }
    };
    let on_drop = move |event: web_sys::DragEvent| {
        event.prevent_default();
        dragging.set(false);
        let dropped = event
            .data_transfer()
            .and_then(|transfer| transfer.files())
            .and_then(|files| files.get(0));
        if let Some(chosen) = dropped {
            choose(chosen);
        }
    };

    let progress_view =
        move || {
            progress.get().map(|progress| {
            let importing = matches!(step.get(), Step::Importing);
            let elapsed = ((progress.now_ms - progress.started_ms) / 1000.0).max(0.001);
            let rate = progress.done as f64 / elapsed;
            let left = if rate > 0.0 && progress.total > progress.done {
                Some(((progress.total - progress.done) as f64 / rate).ceil() as u64)
            } else {
                None
            };
            let label = if importing {
                Msg::ImportProgress
            } else {
                Msg::CheckProgress
            };
            let percent = (progress.done * 100).checked_div(progress.total).unwrap_or(0);
            view! {
                <div class="progress import-progress">
                    <progress
                        max=progress.total.max(1)
                        value=progress.done
                        aria-label=move || i18n.t(label)
                    ></progress>
                    <p aria-live="polite">
                        {if importing {
                            format!(
                                "{} / {} {} · {} {}",
                                format_count(progress.done as u64),
                                format_count(progress.total as u64),
                                i18n.t(Msg::RowsWord),
                                format_count(rate as u64),
                                i18n.t(Msg::RowsPerSecond),
                            )
                        } else {
                            format!("{percent} %")
                        }}
                        {left.map(|seconds| format!(" · {} {seconds} s", i18n.t(Msg::TimeLeft)))}
                    </p>
                    <button type="button" on:click=cancel>{i18n.text(Msg::Cancel)}</button>
                </div>
            }
        })
        };

    view! {
        <h1>{i18n.text(Msg::ImportTitle)}</h1>
        <p class="lead">{i18n.text(Msg::ImportLead)}</p>
        <section class="import-wizard" aria-labelledby="import-file-heading">
            <h2 id="import-file-heading">{i18n.text(Msg::ImportStepFile)}</h2>
            <div class="import-choose">
                <label>
                    {i18n.text(Msg::ImportAs)}
                    <select
                        prop:value=move || entity.get().key()
                        disabled=move || !matches!(step.get(), Step::Choose | Step::Map(_) | Step::Checked(..) | Step::Finished(_))
                        on:change=move |event| {
                            let key = event_target_value(&event);
                            if let Some(importable) = IMPORTABLE.iter().find(|importable| importable.kind.key() == key) {
                                entity.set(importable.kind);
                                if file.with_value(Option::is_some) {
                                    read_start();
                                }
                            }
                        }
                    >
                        {IMPORTABLE
                            .iter()
                            .map(|importable| {
                                let label = importable.name;
                                view! { <option value=importable.kind.key()>{move || i18n.t(label)}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <div
                    class="drop-zone"
                    class:dragging=move || dragging.get()
                    on:dragover=move |event: web_sys::DragEvent| {
                        event.prevent_default();
                        dragging.set(true);
                    }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=on_drop
                >
                    <label>
                        {i18n.text(Msg::ImportPickFile)}
                        <input type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" on:change=on_file_input/>
                    </label>
                    <p>{i18n.text(Msg::ImportDropHint)}</p>
                </div>
            </div>
            {move || error.get().map(|reason| view! {
                <p role="alert" class="errors">{i18n.text(Msg::ErrorPrefix)} " " {reason.clone()}</p>
            })}
            {move || match step.get() {
                Step::Choose | Step::Previewing => ().into_any(),
                Step::Map(preview) | Step::Checking(preview) => {
                    let checking = matches!(step.get_untracked(), Step::Checking(_));
                    view! {
                        <FileShapeChoice preview=preview.clone() encoding delimiter on_change=Callback::new(move |()| read_start())/>
                        <PreviewTable preview=preview.clone()/>
                        <MappingTable preview=preview.clone() targets=field_targets mapping dates/>
                        <UpsertChoice entity targets=field_targets mapping upsert_key create_missing/>
                        {
                            let waiting = preview.clone();
                            move || undecided_date(&waiting).map(|header| view! {
                                <p class="hint" role="status">{i18n.text(Msg::ImportSayDateFormat)} " " {header.clone()}</p>
                            })
                        }
                        <div class="button-row">
                            <button
                                type="button"
                                class="primary"
                                disabled={
                                    let waiting = preview.clone();
                                    move || checking || undecided_date(&waiting).is_some()
                                }
                                on:click={
                                    let preview = preview.clone();
                                    move |_| check(preview.clone())
                                }
                            >
                                {i18n.text(Msg::ImportCheck)}
                            </button>
                            <button type="button" on:click=start_over>{i18n.text(Msg::ImportOtherFile)}</button>
                        </div>
                    }
                    .into_any()
                }
                Step::Checked(preview, checked) => view! {
                    <DryRun checked=checked.clone() entity/>
                    <div class="button-row">
                        <button
                            type="button"
                            class="primary"
                            disabled=checked.counts.created + checked.counts.updated == 0
                            on:click={
                                let (preview, checked) = (preview.clone(), checked.clone());
                                move |_| import((preview.clone(), checked.clone()))
                            }
                        >
                            {i18n.text(Msg::ImportRun)}
                            " "
                            {format_count(checked.counts.created + checked.counts.updated)}
                            " "
                            {move || i18n.t(import_kind(entity.get()).counted_as)}
                        </button>
                        <button type="button" on:click=move |_| step.set(Step::Map(preview.clone()))>
                            {i18n.text(Msg::ImportBackToMapping)}
                        </button>
                    </div>
                }
                .into_any(),
                Step::Importing => ().into_any(),
                Step::Finished(record) => {
                    let importable = import_kind(record.entity);
                    let list = importable.path.map(|path| (importable.name, use_app_href(path)));
                    view! {
                        <ImportSummary record=record.clone()/>
                        <div class="button-row">
                            {list.map(|(label, href)| view! { <a href=href>{i18n.text(Msg::ImportOpenList)} " " {move || i18n.t(label)}</a> })}
                            <button type="button" on:click=start_over>{i18n.text(Msg::ImportAnother)}</button>
                        </div>
                    }
                    .into_any()
                }
            }}
            {progress_view}
        </section>
        <ImportHistory running=Signal::derive(move || matches!(step.get(), Step::Importing))/>
    }
}

/// The encoding and delimiter a file is read with, detected and overridable.
#[component]
fn FileShapeChoice(
    preview: Arc<ImportPreview>,
    encoding: RwSignal<Option<TextEncoding>>,
    delimiter: RwSignal<Option<u8>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shape = preview.preview.shape;
    let detected = preview.preview.detected_by.is_some();
    view! {
        <div class="file-shape">
            <label>
                {i18n.text(Msg::Encoding)}
                <select
                    prop:value=shape.encoding.name()
                    on:change=move |event| {
                        let name = event_target_value(&event);
                        encoding.set(TextEncoding::ALL.into_iter().find(|e| e.name() == name));
                        on_change.run(());
                    }
                >
                    {TextEncoding::ALL
                        .into_iter()
                        .map(|choice| view! { <option value=choice.name()>{choice.name()}</option> })
                        .collect_view()}
                </select>
            </label>
            {detected.then(|| view! { <span class="hint">{i18n.text(Msg::Detected)}</span> })}
            <label>
                {i18n.text(Msg::Delimiter)}
                <select
                    prop:value=(shape.delimiter as char).to_string()
                    on:change=move |event| {
                        let value = event_target_value(&event);
                        delimiter.set(value.bytes().next());
                        on_change.run(());
                    }
                >
                    {hearth_import::sniff::DELIMITERS
                        .into_iter()
                        .map(|choice| {
                            let msg = delimiter_msg(choice);
                            view! { <option value=(choice as char).to_string()>{move || i18n.t(msg)}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            {preview.preview.malformed.then(|| view! {
                <p role="alert" class="errors">{i18n.text(Msg::ImportMalformed)}</p>
            })}
        </div>
    }
}

/// The file's first rows as a table.
#[component]
fn PreviewTable(preview: Arc<ImportPreview>) -> impl IntoView {
    let i18n = use_i18n();
    let headers = preview.preview.headers.clone();
    let rows = preview.preview.rows.clone();
    view! {
        <h2>{i18n.text(Msg::ImportFirstRows)}</h2>
        <div class="table-scroll">
            <table class="records import-preview">
                <thead>
                    <tr>{headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| view! {
                            <tr>{row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}</tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One row per column: its header, an example, the field it sets, and for an ambiguous date
/// column the format.
#[component]
fn MappingTable(
    preview: Arc<ImportPreview>,
    targets: Memo<Vec<Target>>,
    mapping: RwSignal<Vec<Option<Field>>>,
    dates: RwSignal<Vec<Option<DateFormat>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let columns: Vec<(usize, String, String, Vec<DateFormat>)> = preview
        .preview
        .headers
        .iter()
        .enumerate()
        .map(|(at, header)| {
            let example = preview
                .preview
                .rows
                .iter()
                .filter_map(|row| row.get(at))
                .find(|cell| !cell.trim().is_empty())
                .cloned()
                .unwrap_or_default();
            let choices = preview
                .preview
                .date_choices
                .get(at)
                .cloned()
                .unwrap_or_default();
            (at, header.clone(), example, choices)
        })
        .collect();
    view! {
        <h2>{i18n.text(Msg::ImportMapping)}</h2>
        <table class="records import-mapping">
            <thead>
                <tr>
                    <th scope="col">{i18n.text(Msg::Column)}</th>
                    <th scope="col">{i18n.text(Msg::Example)}</th>
                    <th scope="col">{i18n.text(Msg::ImportsInto)}</th>
                </tr>
            </thead>
            <tbody>
                {columns
                    .into_iter()
                    .map(|(at, header, example, choices)| {
                        let label = header.clone();
                        let is_date = move || {
                            let mapped = mapping.with(|m| m.get(at).cloned().flatten());
                            mapped.is_some_and(|field| {
                                targets.with(|t| t.iter().any(|t| t.field == field && t.date))
                            })
                        };
                        let choices = Arc::new(choices);
                        view! {
                            <tr>
                                <th scope="row">{header}</th>
                                <td class="example">{example}</td>
                                <td>
                                    <select
                                        aria-label=format!("{} {label}", Msg::ImportsInto.text(i18n.lang.get_untracked()))
                                        prop:value=move || mapping.with(|m| m.get(at).cloned().flatten().as_ref().map(Field::token).unwrap_or_default())
                                        on:change=move |event| {
                                            let field = Field::from_token(&event_target_value(&event));
                                            mapping.update(|m| {
                                                // A field is set by one column only.
                                                if let Some(field) = &field {
                                                    for other in m.iter_mut() {
                                                        if other.as_ref() == Some(field) {
                                                            *other = None;
                                                        }
                                                    }
                                                }
                                                if let Some(slot) = m.get_mut(at) {
                                                    *slot = field;
                                                }
                                            });
                                        }
                                    >
                                        <option value="">{i18n.text(Msg::DoNotImport)}</option>
                                        {move || {
                                            let lang = i18n.lang.get();
                                            targets
                                                .get()
                                                .into_iter()
                                                .map(|target| view! {
                                                    <option value=target.field.token()>{target_label(&target, lang)}</option>
                                                })
                                                .collect_view()
                                        }}
                                    </select>
                                    {
                                        let choices = choices.clone();
                                        let header = label.clone();
                                        move || (is_date() && choices.len() > 1).then(|| {
                                            let choices = choices.clone();
                                            view! {
                                                <select
                                                    aria-label=format!("{} {header}", Msg::DateFormat.text(i18n.lang.get_untracked()))
                                                    prop:value=move || dates.with(|d| d.get(at).cloned().flatten().map(date_format_value).unwrap_or_default())
                                                    on:change=move |event| {
                                                        let value = event_target_value(&event);
                                                        let format = DateFormat::ALL.into_iter().find(|f| date_format_value(*f) == value);
                                                        dates.update(|d| if let Some(slot) = d.get_mut(at) { *slot = format; });
                                                    }
                                                >
                                                    <option value="">{i18n.text(Msg::ChooseDateFormat)}</option>
                                                    {choices
                                                        .iter()
                                                        .map(|format| {
                                                            let msg = date_format_msg(*format);
                                                            view! { <option value=date_format_value(*format)>{move || i18n.t(msg)}</option> }
                                                        })
                                                        .collect_view()}
                                                </select>
                                            }
                                        })
                                    }
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// Which field finds the record a row updates, and whether named companies are created.
#[component]
fn UpsertChoice(
    entity: RwSignal<EntityKind>,
    targets: Memo<Vec<Target>>,
    mapping: RwSignal<Vec<Option<Field>>>,
    upsert_key: RwSignal<Option<Field>>,
    create_missing: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Keys the file has a column for.
    let candidates = move || {
        let mapped = mapping.get();
        let lang = i18n.lang.get();
        targets
            .get()
            .into_iter()
            .filter(|target| {
                matches!(&target.field, Field::Builtin(key) if UPSERT_KEYS.contains(&key.as_ref()))
                    && mapped.contains(&Some(target.field.clone()))
            })
            .map(|target| (target.field.token(), target_label(&target, lang)))
            .collect::<Vec<_>>()
    };
    view! {
        <div class="upsert">
            <label>
                {i18n.text(Msg::UpsertKey)}
                <select
                    prop:value=move || upsert_key.get().as_ref().map(Field::token).unwrap_or_default()
                    on:change=move |event| upsert_key.set(Field::from_token(&event_target_value(&event)))
                >
                    <option value="">{i18n.text(Msg::UpsertNone)}</option>
                    {move || candidates()
                        .into_iter()
                        .map(|(value, label)| view! { <option value=value>{label}</option> })
                        .collect_view()}
                </select>
            </label>
            <p class="hint">{i18n.text(Msg::UpsertHint)}</p>
            {move || import_kind(entity.get()).names.map(|(choice, _)| view! {
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || create_missing.get()
                        on:change=move |event| create_missing.set(event_target_checked(&event))
                    />
                    {i18n.text(choice)}
                </label>
            })}
            <Show when=move || import_kind(entity.get()).kind == EntityKind::Order>
                <p class="hint">{i18n.text(Msg::ImportOrdersHint)}</p>
            </Show>
        </div>
    }
}

/// A dry run's counts and problems.
#[component]
fn DryRun(checked: Arc<ImportCheck>, entity: RwSignal<EntityKind>) -> impl IntoView {
    let i18n = use_i18n();
    let counts = checked.counts.clone();
    let mut figures = vec![
        (Msg::ImportNew, counts.created),
        (Msg::ImportUpdated, counts.updated),
        (Msg::ImportUnchanged, counts.unchanged),
        (Msg::ImportInvalid, counts.invalid),
    ];
    if let Some((_, created)) = import_kind(entity.get_untracked()).names {
        figures.push((created, counts.references_created));
    }
    let problems: Vec<_> = checked
        .problems
        .iter()
        .take(PROBLEMS_SHOWN)
        .cloned()
        .collect();
    let more = checked.problems.len().saturating_sub(PROBLEMS_SHOWN) as u64 + checked.left_out;
    let download_problems = {
        let checked = checked.clone();
        move |_| {
            let csv = problems_csv(&checked, i18n.lang.get_untracked());
            download("import-problems.csv", "text/csv;charset=utf-8", &csv);
        }
    };
    let has_problems = !checked.problems.is_empty();
    view! {
        <h2>{i18n.text(Msg::DryRunTitle)}</h2>
        <p>{format_count(counts.rows)} " " {i18n.text(Msg::RowsRead)}</p>
        <dl class="import-counts">
            {figures
                .into_iter()
                .map(|(label, count)| view! {
                    <div>
                        <dt>{move || i18n.t(label)}</dt>
                        <dd>{format_count(count)}</dd>
                    </div>
                })
                .collect_view()}
        </dl>
        {checked.malformed.then(|| view! { <p role="alert" class="errors">{i18n.text(Msg::ImportMalformed)}</p> })}
        {has_problems.then(|| view! {
            <h3>{i18n.text(Msg::ImportProblems)}</h3>
            <table class="records import-problems">
                <thead>
                    <tr>
                        <th scope="col">{i18n.text(Msg::Line)}</th>
                        <th scope="col">{i18n.text(Msg::Column)}</th>
                        <th scope="col">{i18n.text(Msg::Problem)}</th>
                    </tr>
                </thead>
                <tbody>
                    {problems
                        .into_iter()
                        .map(|problem| {
                            let msg = Msg::for_problem(&problem.problem);
                            view! {
                                <tr>
                                    <td>{problem.line}</td>
                                    <td>{problem.column.clone()}</td>
                                    <td>{move || i18n.t(msg)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {(more > 0).then(|| view! { <p>"+ " {format_count(more)} " " {i18n.text(Msg::MoreProblems)}</p> })}
            <button type="button" on:click=download_problems.clone()>{i18n.text(Msg::DownloadProblems)}</button>
        })}
    }
}

/// What an import did, in words.
#[component]
pub(super) fn ImportSummary(record: Arc<ImportRecord>) -> impl IntoView {
    let i18n = use_i18n();
    let counts = record.counts.clone();
    let created_msg = import_kind(record.entity)
        .names
        .map_or(Msg::ImportCompaniesCreated, |(_, created)| created);
    let status = match &record.status {
        ImportStatus::Done => Msg::ImportDone,
        ImportStatus::Cancelled => Msg::ImportCancelledKept,
        ImportStatus::Failed { .. } => Msg::ImportStoppedKept,
        ImportStatus::Running => Msg::ImportInterrupted,
        ImportStatus::Reverted { .. } => Msg::ImportReverted,
    };
    let error = match &record.status {
        ImportStatus::Failed { error } => Some(error.clone()),
        _ => None,
    };
    view! {
        <div class="import-summary" role="status">
            <p>
                <strong>{move || i18n.t(status)}</strong>
                " "
                {format_count(counts.created)} " " {i18n.text(Msg::ImportNew)} ", "
                {format_count(counts.updated)} " " {i18n.text(Msg::ImportUpdated)} ", "
                {format_count(counts.unchanged)} " " {i18n.text(Msg::ImportUnchanged)} ", "
                {format_count(counts.invalid)} " " {i18n.text(Msg::ImportInvalid)}
                {(counts.references_created > 0).then(|| view! {
                    ", " {format_count(counts.references_created)} " " {i18n.text(created_msg)}
                })}
            </p>
            {error.map(|error| view! { <p class="errors">{error}</p> })}
        </div>
    }
}
