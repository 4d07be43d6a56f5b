//! The import history: every import with its file, what it did and how it ended; reverting one
//! trashes what it created and puts back what it changed, in one step.

use super::import::{import_kind, import_writes, ImportSummary};
use crate::analysis::bridge::use_analyses;
use crate::analysis::protocol::{Analysis, ImportJob, ImportStep, Report};
use crate::i18n::{format_count, store_error_text, use_i18n, Msg};
use crate::store::{Reverted, StoreName};
use crate::workspace::{now_utc, today_utc, use_workspace};
use hearth_domain::imports::{ImportRecord, ImportStatus};
use leptos::prelude::*;
use std::sync::Arc;

/// The history, newest first; `running` while this page writes an import (an entry still
/// "running" otherwise was stopped by a closed tab).
#[component]
pub fn ImportHistory(running: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let imports = LocalResource::new(move || {
        workspace.track(&[StoreName::Imports]);
        let store = workspace.store();
        async move {
            match store {
                Some(store) => store
                    .imports()
                    .await
                    .map_err(|e| store_error_text(&e, i18n.lang.get_untracked())),
                None => Ok(Vec::new()),
            }
        }
    });
    let analyses = use_analyses();
    let revert = Action::new_local(move |import: &ImportRecord| {
        let job = Analysis::Import(ImportJob {
            entity: import.entity,
            now: now_utc(),
            step: ImportStep::Revert(import.id),
        });
        async move {
            let version = workspace.analysis_version_untracked();
            let outcome = analyses
                .run_on_file_to_end(job, None, today_utc(), version, |_, _, _| {})
                .await;
            workspace.announce(&import_writes());
            match outcome {
                Ok(Report::Reverted(reverted)) => Ok(reverted),
                Ok(_) => Err(i18n.t(Msg::ErrorPrefix).to_string()),
                Err(reason) => Err(reason),
            }
        }
    });
    view! {
        <section aria-labelledby="import-history-heading">
            <h2 id="import-history-heading">{i18n.text(Msg::ImportHistory)}</h2>
            {move || match imports.get() {
                None => view! { <p>{i18n.text(Msg::Loading)}</p> }.into_any(),
                Some(Err(error)) => view! { <p role="alert">{error}</p> }.into_any(),
                Some(Ok(imports)) if imports.is_empty() => view! {
                    <p class="empty">{i18n.text(Msg::ImportHistoryEmpty)}</p>
                }
                .into_any(),
                Some(Ok(imports)) => view! {
                    <table class="records import-history">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.text(Msg::ImportStarted)}</th>
                                <th scope="col">{i18n.text(Msg::ImportFile)}</th>
                                <th scope="col">{i18n.text(Msg::ImportAs)}</th>
                                <th scope="col">{i18n.text(Msg::Rows)}</th>
                                <th scope="col">{i18n.text(Msg::ImportOutcome)}</th>
                                <th scope="col"><span class="visually-hidden">{i18n.text(Msg::RevertImport)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {imports
                                .into_iter()
                                .map(|import| {
                                    let when = import.started_at.format("%Y-%m-%d %H:%M UTC").to_string();
                                    let revertable = !matches!(import.status, ImportStatus::Reverted { .. })
                                        && import.counts.created + import.counts.updated + import.counts.references_created > 0;
                                    let kind = import_kind(import.entity).name;
                                    let label = format!("{} {}", Msg::RevertImport.text(i18n.lang.get_untracked()), import.file_name);
                                    let record = Arc::new(import.clone());
                                    view! {
                                        <tr>
                                            <td>{when}</td>
                                            <td>{import.file_name.clone()}</td>
                                            <td>{move || i18n.t(kind)}</td>
                                            <td>{format_count(import.counts.rows)}</td>
                                            <td><ImportSummary record/></td>
                                            <td>
                                                {revertable.then(|| view! {
                                                    <button
                                                        type="button"
                                                        aria-label=label
                                                        disabled=move || running.get() || revert.pending().get()
                                                        on:click=move |_| { revert.dispatch(import.clone()); }
                                                    >
                                                        {i18n.text(Msg::RevertImport)}
                                                    </button>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any(),
            }}
            {move || revert.value().get().map(|outcome| match outcome {
                Ok(Reverted { reverted, skipped }) => view! {
                    <p role="status">
                        {i18n.text(Msg::RevertedRecords)} " " {format_count(reverted)}
                        {(skipped > 0).then(|| view! {
                            "; " {i18n.text(Msg::RevertSkipped)} " " {format_count(skipped)}
                        })}
                    </p>
                }
                .into_any(),
                Err(reason) => view! {
                    <p role="alert" class="errors">{i18n.text(Msg::ErrorPrefix)} " " {reason}</p>
                }
                .into_any(),
            })}
        </section>
    }
}
