//! Backup and restore, in Settings: download the whole workspace as one compressed file (made in
//! the worker, with progress), see when the last backup was made (with a reminder after the
//! number of days the user chose), and restore a file: first what it holds, then replace the
//! workspace with it or merge it in.

use crate::analysis::backup::BACKUP_STAGE;
use crate::analysis::bridge::{use_analyses, CANCELLED};
use crate::analysis::protocol::{Analysis, AnalysisKind, BackupJob, Report};
use crate::components::choice::DaysInput;
use crate::i18n::{format_count, use_i18n, Msg};
use crate::settings::{load_backup_reminder_days, load_last_backup, save_backup_reminder_days};
use crate::store::backup::RestoreMode;
use crate::store::StoreName;
use crate::workspace::{now_utc, today_utc, use_workspace};
use hearth_import::backup::BackupHeader;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// A store's name as the restore summary lists it.
fn store_msg(store: StoreName) -> Msg {
    match store {
        StoreName::People => Msg::NavCustomers,
        StoreName::Companies => Msg::NavCompanies,
        StoreName::Products => Msg::Products,
        StoreName::Orders => Msg::NavOrders,
        StoreName::Pipelines => Msg::Pipelines,
        StoreName::Deals => Msg::NavDeals,
        StoreName::Activities => Msg::Activities,
        StoreName::Tasks => Msg::NavTasks,
        StoreName::Tickets => Msg::NavTickets,
        StoreName::Campaigns => Msg::NavCampaigns,
        StoreName::CustomFields => Msg::CustomFields,
        StoreName::SavedViews => Msg::StoreSavedViews,
        StoreName::Trash => Msg::Trash,
        StoreName::Imports => Msg::ImportHistory,
        StoreName::ImportBatches => Msg::StoreImportBatches,
        StoreName::Meta | StoreName::OrderFacts => Msg::StoreMeta,
    }
}

/// Where a backup or restore stands.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// A backup was downloaded: records and bytes.
    BackedUp(u64, u64),
    /// A file was read: what it holds.
    Inspected(Arc<BackupHeader>),
    /// A backup was restored: records written.
    Restored(u64),
    /// Stopped by the user.
    Cancelled,
    /// Failed, saying why.
    Failed(String),
}

/// The section in Settings.
#[component]
pub fn BackupSettings() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let analyses = use_analyses();
    let last_backup = RwSignal::new(load_last_backup());
    let reminder_days = RwSignal::new(load_backup_reminder_days());
    let progress = RwSignal::new(None::<(usize, usize)>);
    let outcome = RwSignal::new(None::<Outcome>);
    let file: StoredValue<Option<web_sys::File>, LocalStorage> = StoredValue::new_local(None);
    let confirming = RwSignal::new(None::<RestoreMode>);

    let run = move |job: BackupJob| {
        let chosen = file.get_value().map(web_sys::Blob::from);
        let blob = match job {
            BackupJob::Write { .. } => None,
            _ => chosen,
        };
        async move {
            progress.set(Some((0, 0)));
            let result = analyses
                .run_on_file_to_end(
                    Analysis::Backup(job),
                    blob,
                    today_utc(),
                    workspace.analysis_version_untracked(),
                    move |stage, done, total| {
                        if stage == BACKUP_STAGE {
                            progress.set(Some((done, total)));
                        }
                    },
                )
                .await;
            progress.set(None);
            result
        }
    };
    let finish = move |result: Result<Report, String>| {
        outcome.set(Some(match result {
            Ok(Report::Backup(backup)) => {
                let now = now_utc();
                let link = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.create_element("a").ok())
                    .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
                if let Some(link) = link {
                    link.set_href(&backup.url);
                    link.set_download(&format!("hearth-backup-{}.gz", now.format("%Y-%m-%d")));
                    link.click();
                }
                crate::settings::save_last_backup(now.timestamp_millis());
                last_backup.set(Some(now.timestamp_millis()));
                Outcome::BackedUp(backup.records, backup.bytes)
            }
            Ok(Report::BackupContents(header)) => Outcome::Inspected(header),
            Ok(Report::Restored(records)) => {
                // The worker wrote through its own connection: every store changed.
                workspace.changed();
                Outcome::Restored(records)
            }
            Ok(_) => Outcome::Failed(String::new()),
            Err(error) if error == CANCELLED || error == "cancelled" => Outcome::Cancelled,
            Err(error) => Outcome::Failed(error),
        }));
    };
    let backup = move |_| {
        let job = BackupJob::Write {
            now: now_utc().timestamp_millis(),
        };
        leptos::task::spawn_local(async move { finish(run(job).await) });
    };
    let on_file = move |event: web_sys::Event| {
        let input: Option<web_sys::HtmlInputElement> =
            event.target().and_then(|target| target.dyn_into().ok());
        let chosen = input.and_then(|input| input.files()).and_then(|f| f.get(0));
        if let Some(chosen) = chosen {
            file.set_value(Some(chosen));
            leptos::task::spawn_local(async move { finish(run(BackupJob::Inspect).await) });
        }
    };
    let restore = move |mode: RestoreMode| {
        confirming.set(None);
        leptos::task::spawn_local(async move { finish(run(BackupJob::Restore(mode)).await) });
    };

    let last = move || {
        let days = reminder_days.get();
        match last_backup.get() {
            None => view! { <p role="status" class="warning">{i18n.text(Msg::NoBackupYet)}</p> }
                .into_any(),
            Some(at) => {
                let when = chrono::DateTime::from_timestamp_millis(at).unwrap_or_default();
                let age = (now_utc() - when).num_days();
                view! {
                    <p>{i18n.text(Msg::LastBackup)} " " {when.format("%Y-%m-%d %H:%M UTC").to_string()}</p>
                    {(age >= i64::from(days)).then(|| view! {
                        <p role="status" class="warning">{i18n.text(Msg::BackupIsOld)} " " {age} " " {i18n.text(Msg::DaysWord)}</p>
                    })}
                }
                .into_any()
            }
        }
    };

    view! {
        <section aria-labelledby="backup-heading" class="card">
            <h2 id="backup-heading">{i18n.text(Msg::BackupTitle)}</h2>
            <p class="hint">{i18n.text(Msg::BackupLead)}</p>
            {last}
            <DaysInput label=Msg::BackupRemindAfter days=reminder_days save=save_backup_reminder_days/>
            <div class="button-row backup-actions">
                <button type="button" disabled=move || progress.get().is_some() on:click=backup>
                    {i18n.text(Msg::DownloadBackup)}
                </button>
                <label class="file-button">
                    {i18n.text(Msg::RestoreFromBackup)}
                    <input type="file" accept=".gz,application/gzip" disabled=move || progress.get().is_some() on:change=on_file/>
                </label>
            </div>
            {move || progress.get().map(|(done, total)| view! {
                <div class="progress">
                    <progress max=total.max(1) value=done aria-label=i18n.text(Msg::BackupProgress)></progress>
                    <p>{format_count(done as u64)} " / " {format_count(total as u64)}</p>
                    <button type="button" on:click=move |_| analyses.cancel(AnalysisKind::Backup)>{i18n.text(Msg::Cancel)}</button>
                </div>
            })}
            {move || outcome.get().map(|outcome| match outcome {
                Outcome::BackedUp(records, bytes) => view! {
                    <p role="status" class="success">
                        {i18n.text(Msg::BackupDone)} " " {format_count(records)} " " {i18n.text(Msg::RecordsWord)}
                        ", " {format!("{:.1} MB", bytes as f64 / 1e6)}
                    </p>
                }
                .into_any(),
                Outcome::Inspected(header) => view! { <BackupContents header confirming restore/> }.into_any(),
                Outcome::Restored(records) => view! {
                    <p role="status" class="success">{i18n.text(Msg::RestoreDone)} " " {format_count(records)} " " {i18n.text(Msg::RecordsWord)}</p>
                }
                .into_any(),
                Outcome::Cancelled => view! { <p role="status">{i18n.text(Msg::BackupCancelled)}</p> }.into_any(),
                Outcome::Failed(error) => view! {
                    <p role="alert" class="errors">{i18n.text(Msg::ErrorPrefix)} " " {error}</p>
                }
                .into_any(),
            })}
        </section>
    }
}

/// What a backup file holds, and the two ways to restore it.
#[component]
fn BackupContents(
    header: Arc<BackupHeader>,
    confirming: RwSignal<Option<RestoreMode>>,
    restore: impl Fn(RestoreMode) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let made = chrono::DateTime::from_timestamp_millis(header.created_at)
        .unwrap_or_default()
        .format("%Y-%m-%d %H:%M UTC")
        .to_string();
    let rows: Vec<(Msg, u64)> = header
        .stores
        .iter()
        .filter(|store| store.records > 0 && store.store != StoreName::Meta.as_str())
        .filter_map(|store| {
            Some((
                store_msg(StoreName::from_name(&store.store)?),
                store.records,
            ))
        })
        .collect();
    view! {
        <div class="backup-contents" role="region" aria-labelledby="backup-contents-heading">
            <h3 id="backup-contents-heading">{i18n.text(Msg::BackupHolds)}</h3>
            <p>{i18n.text(Msg::BackupMadeOn)} " " {made} " · " {i18n.text(Msg::SchemaVersion)} " " {header.schema}</p>
            <table class="records">
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(label, records)| view! {
                            <tr><th scope="row">{i18n.text(label)}</th><td>{format_count(records)}</td></tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
            <div class="button-row">
                <button type="button" class="danger" on:click=move |_| confirming.set(Some(RestoreMode::Replace))>
                    {i18n.text(Msg::RestoreReplace)}
                </button>
                <button type="button" on:click=move |_| confirming.set(Some(RestoreMode::Merge))>
                    {i18n.text(Msg::RestoreMerge)}
                </button>
            </div>
            {move || confirming.get().map(|mode| {
                let body = match mode {
                    RestoreMode::Replace => Msg::ConfirmRestoreReplace,
                    RestoreMode::Merge => Msg::ConfirmRestoreMerge,
                };
                view! {
                    <div class="confirm" role="alertdialog" aria-labelledby="restore-confirm-body">
                        <p id="restore-confirm-body">{i18n.text(body)}</p>
                        <div class="button-row">
                            <button type="button" class="danger" on:click=move |_| restore(mode)>{i18n.text(Msg::ConfirmRestore)}</button>
                            <button type="button" on:click=move |_| confirming.set(None)>{i18n.text(Msg::Cancel)}</button>
                        </div>
                    </div>
                }
            })}
        </div>
    }
}
