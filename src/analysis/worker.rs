//! What the analytics worker does with one request: read the order facts straight from IndexedDB
//! (rebuilding the snapshot when orders changed), run the report, and post progress on the way;
//! or generate the demo company and write it as the workspace.

use super::backup;
use super::draw;
use super::import::{self, JobContext};
use super::protocol::{Analysis, Inbound, Message, Replacement, Report, Request, WRITING_STAGE};
use crate::store::{Store, WorkspaceInfo};
use hearth_analytics::facts::OrderFacts;
use hearth_analytics::reports::segments::{CustomColumn, Feature};
use hearth_analytics::reports::service::{self, TicketFact};
use hearth_analytics::reports::{baskets, campaigns, clv, kpis, rfm, sales, segments};
use hearth_domain::demo::{default_pipeline, generate, DemoConfig, DemoWorkspace};
use hearth_domain::{Campaign, CustomValue, Deal, Person, Pipeline, Product, Ticket};
use std::ops::ControlFlow;
use std::sync::Arc;

/// Least time between two progress messages, in milliseconds: often enough for a smooth bar,
/// rarely enough that posting costs nothing.
const PROGRESS_INTERVAL_MS: f64 = 50.0;

/// Answers `request` (a JSON [`Request`], with the file of an import job) through `post`:
/// progress messages, then `Done` or `Failed`; a chart through `post_picture` (`Drawn` and its
/// picture). `now` is a millisecond clock.
pub async fn answer(
    message: &str,
    file: Option<web_sys::Blob>,
    post: &dyn Fn(&Message),
    post_picture: &dyn Fn(&Message, &web_sys::ImageBitmap),
    now: &dyn Fn() -> f64,
) {
    let request = match serde_json::from_str(message) {
        Ok(Inbound::Run(request)) => request,
        Ok(Inbound::Cancel { id }) => {
            CANCELLED.with_borrow_mut(|cancelled| cancelled.insert(id));
            return;
        }
        Ok(Inbound::Draw(request)) => {
            let id = request.id;
            match draw::chart(&request) {
                Ok((picture, hits)) => {
                    let hits = hearth_charts::flatten_hits(&hits);
                    post_picture(&Message::Drawn { id, hits }, &picture)
                }
                Err(error) => post(&Message::Failed { id, error }),
            }
            return;
        }
        Err(error) => {
            post(&Message::Failed {
                id: 0,
                error: format!("unreadable request: {error}"),
            });
            return;
        }
    };
    let id = request.id;
    let outcome = run(request, file, post, now).await;
    let cancelled = CANCELLED.with_borrow_mut(|cancelled| cancelled.remove(&id));
    post(&match outcome {
        Ok((report, lines)) => Message::Done {
            id,
            report: Box::new(report),
            lines,
        },
        Err(_) if cancelled => Message::Cancelled { id },
        Err(error) => Message::Failed { id, error },
    });
}

thread_local! {
    /// Jobs the page asked to stop; each checks between batches.
    static CANCELLED: std::cell::RefCell<std::collections::HashSet<u32>> = Default::default();
}

/// Whether the page asked job `id` to stop.
fn cancelled(id: u32) -> bool {
    CANCELLED.with_borrow(|cancelled| cancelled.contains(&id))
}

/// The numeric values of custom field `key` by person id.
fn custom_column(people: &[Person], key: &str) -> CustomColumn {
    people
        .iter()
        .filter_map(|person| {
            let value = match person.custom.get(key)? {
                CustomValue::Number(n) => *n,
                CustomValue::Currency(cents) => cents.0 as f64 / 100.0,
                _ => return None,
            };
            Some((person.id.0, value))
        })
        .collect()
}

async fn run(
    request: Request,
    file: Option<web_sys::Blob>,
    post: &dyn Fn(&Message),
    now: &dyn Fn() -> f64,
) -> Result<(Report, usize), String> {
    let id = request.id;
    let mut last_post = f64::NEG_INFINITY;
    let mut report_progress = |stage: &str, done: usize, total: usize| {
        let at = now();
        if at - last_post >= PROGRESS_INTERVAL_MS || done >= total {
            last_post = at;
            post(&Message::Progress {
                id,
                stage: stage.to_string(),
                done,
                total,
            });
        }
    };
    let store = Store::open(&request.database)
        .await
        .map_err(|e| e.to_string())?;
    if let Analysis::Backup(job) = request.analysis {
        let context = JobContext {
            progress: &mut report_progress,
            cancelled: &|| cancelled(id),
        };
        let report = backup::run(job, file.as_ref(), &store, context).await;
        store.close();
        return report.map(|report| (report, 0));
    }
    if let Analysis::Import(job) = request.analysis {
        let context = JobContext {
            progress: &mut report_progress,
            cancelled: &|| cancelled(id),
        };
        let report = import::run(job, file.as_ref(), &store, context).await;
        store.close();
        return report.map(|report| (report, 0));
    }
    if let Analysis::Replace(job) = request.analysis {
        let (records, info) = match job.with {
            Replacement::Empty => (
                // Empty of records, with the pipeline a new deal goes into.
                DemoWorkspace {
                    pipelines: vec![default_pipeline(job.now)],
                    ..DemoWorkspace::default()
                },
                WorkspaceInfo::Empty,
            ),
            Replacement::Demo | Replacement::Large => {
                let config = if job.with == Replacement::Large {
                    DemoConfig::benchmark(request.as_of)
                } else {
                    DemoConfig::standard(request.as_of)
                };
                report_progress("generating", 0, 1);
                let info = WorkspaceInfo::Demo {
                    seed: config.seed,
                    end_date: config.end_date,
                    people: config.people as usize,
                };
                (generate(&config), info)
            }
        };
        let mut written = 0;
        let result = store
            .replace_workspace(&records, info, &mut |done, total| {
                written = done;
                report_progress(WRITING_STAGE, done, total);
                !cancelled(id)
            })
            .await;
        store.close();
        result.map_err(|e| e.to_string())?;
        return Ok((Report::Replaced(written), 0));
    }
    if let Analysis::Service(filter) = request.analysis {
        report_progress("reading records", 0, 1);
        let tickets: Vec<Ticket> = store.all().await.map_err(|e| e.to_string())?;
        let levels = crate::sla::ServiceLevels::read(&store)
            .await
            .map_err(|e| e.to_string())?;
        store.close();
        let facts: Vec<TicketFact> = tickets
            .iter()
            .map(|ticket| TicketFact::of(ticket, &levels.settings, &levels.zone, filter.now))
            .collect();
        let report = service::service_report(&facts, filter);
        return Ok((Report::Service(Arc::new(report)), tickets.len()));
    }
    report_progress("reading orders", 0, 1);
    let facts: OrderFacts = store
        .order_facts(&mut |read, total| report_progress("reading orders", read, total))
        .await
        .map_err(|e| e.to_string())?;
    let custom: Vec<CustomColumn> = match &request.analysis {
        Analysis::Segments(settings)
            if settings
                .features
                .iter()
                .any(|f| matches!(f, Feature::Custom(_))) =>
        {
            let people: Vec<Person> = store.all().await.map_err(|e| e.to_string())?;
            settings
                .features
                .iter()
                .filter_map(|feature| match feature {
                    Feature::Custom(key) => Some(custom_column(&people, key)),
                    _ => None,
                })
                .collect()
        }
        _ => Vec::new(),
    };
    // What the sales reports read besides the facts; nothing for the other analyses.
    let sales_records = if matches!(request.analysis, Analysis::SalesReports(_)) {
        report_progress("reading records", 0, 1);
        let read = async {
            Ok::<_, crate::store::StoreError>((
                store.all::<Person>().await?,
                store.all::<Product>().await?,
                store.all::<Deal>().await?,
                store.all::<Pipeline>().await?,
            ))
        };
        read.await.map_err(|e| e.to_string())?
    } else {
        Default::default()
    };
    let campaigns: Vec<Campaign> = if matches!(request.analysis, Analysis::Marketing) {
        store.all().await.map_err(|e| e.to_string())?
    } else {
        Vec::new()
    };
    store.close();
    let mut progress = |stage: &'static str, done: usize, total: usize| {
        report_progress(stage, done, total);
        ControlFlow::Continue(())
    };
    let as_of = request.as_of;
    let report = match request.analysis {
        Analysis::Rfm => {
            rfm::rfm_report(&facts, as_of, &mut progress).map(|r| Report::Rfm(Arc::new(r)))
        }
        Analysis::Clv(settings) => clv::clv_report(&facts, as_of, settings, &mut progress)
            .map(|r| Report::Clv(Arc::new(r))),
        Analysis::Segments(settings) => {
            segments::segments_report(&facts, &custom, as_of, settings, &mut progress)
                .map(|r| Report::Segments(Arc::new(r)))
        }
        Analysis::Baskets(settings) => baskets::baskets_report(&facts, settings, &mut progress)
            .map(|r| Report::Baskets(Arc::new(r))),
        Analysis::Buyers(products) => Ok(Report::Buyers(Arc::new(facts.buyers_of(&products)))),
        Analysis::Sales => Ok(Report::Sales(Arc::new(kpis::sales_report(&facts, as_of)))),
        Analysis::SalesReports(filter) => {
            let (people, products, deals, pipelines) = sales_records;
            Ok(Report::SalesReports(Arc::new(sales::sales_reports(
                &facts, &people, &products, &deals, &pipelines, filter, as_of,
            ))))
        }
        Analysis::Marketing => Ok(Report::Marketing(Arc::new(campaigns::marketing_report(
            &campaigns,
            &facts.order_totals(),
        )))),
        // Answered above, before any facts are read.
        Analysis::Replace(_) | Analysis::Import(_) | Analysis::Backup(_) | Analysis::Service(_) => {
            return Err("the request was not answered".into())
        }
    };
    report
        .map(|report| (report, facts.len()))
        .map_err(|e| e.to_string())
}
