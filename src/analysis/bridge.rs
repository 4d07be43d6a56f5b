//! The page's side of the worker's jobs: starts the worker on first use, queues jobs until it says
//! it is ready, follows progress, cancels one job by its id (a job that checks between batches is
//! asked to stop; a CPU-bound one is stopped by terminating the worker, and every other job the
//! worker had is sent again to a fresh one, so no unrelated job fails), and keeps each analysis's
//! last result with the data version it was computed on. A caller can also await one job's end
//! ([`Analyses::run_to_end`]), as writing the demo workspace does.

use super::protocol::{Analysis, AnalysisKind, DrawRequest, Inbound, Message, Report, Request};
use crate::store::WORKSPACE_DATABASE;
use chrono::NaiveDate;
use futures::channel::oneshot;
use hearth_charts::HitArea;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, ImageBitmap, MessageEvent, Worker};

/// What a cancelled job's waiter hears.
pub const CANCELLED: &str = "cancelled";

/// The worker's script, relative to where the app is served; trunk names worker files after the
/// binary, without a content hash.
const WORKER_SCRIPT: &str = "/hearth-worker_loader.js";

/// A finished analysis.
#[derive(Debug, Clone)]
pub struct Finished {
    /// What was run.
    pub analysis: Analysis,
    /// Its result.
    pub report: Report,
    /// The workspace's data version when it was requested: a different current version means the
    /// result is stale.
    pub data_version: u64,
    /// Order lines analysed.
    pub lines: usize,
    /// Wall time from request to result, in milliseconds.
    pub millis: f64,
}

/// Where one analysis stands.
#[derive(Debug, Clone, Default)]
pub enum RunState {
    /// Never run in this session.
    #[default]
    Idle,
    /// Running: the engine's stage and how far through it.
    Running {
        /// Stage name.
        stage: String,
        /// 0..=100.
        percent: f64,
        /// The previous result, still shown while the new one is computed.
        previous: Option<Arc<Finished>>,
    },
    /// Finished.
    Done(Arc<Finished>),
    /// Failed with a message.
    Failed(String),
    /// Cancelled by the user; the previous result, if any, is kept.
    Cancelled(Option<Arc<Finished>>),
}

/// Results compare by identity: the same run's result is equal, another run's is not, and no
/// report is walked value by value.
impl PartialEq for RunState {
    fn eq(&self, other: &RunState) -> bool {
        let same = |a: &Option<Arc<Finished>>, b: &Option<Arc<Finished>>| match (a, b) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        match (self, other) {
            (RunState::Idle, RunState::Idle) => true,
            (
                RunState::Running {
                    stage,
                    percent,
                    previous,
                },
                RunState::Running {
                    stage: s,
                    percent: p,
                    previous: q,
                },
            ) => stage == s && percent == p && same(previous, q),
            (RunState::Done(a), RunState::Done(b)) => Arc::ptr_eq(a, b),
            (RunState::Failed(a), RunState::Failed(b)) => a == b,
            (RunState::Cancelled(a), RunState::Cancelled(b)) => same(a, b),
            _ => false,
        }
    }
}

impl RunState {
    /// The latest result, whether or not a new run is under way.
    pub fn result(&self) -> Option<Arc<Finished>> {
        match self {
            RunState::Done(finished) => Some(finished.clone()),
            RunState::Running { previous, .. } | RunState::Cancelled(previous) => previous.clone(),
            RunState::Idle | RunState::Failed(_) => None,
        }
    }
}

/// A job as posted: its JSON, and an import's file beside it.
#[derive(Clone)]
struct Posted {
    text: String,
    file: Option<web_sys::Blob>,
}

impl Posted {
    /// The message: the text alone, or `[text, file]` (a `File` is cloned by reference, its bytes
    /// are read in the worker).
    fn message(&self) -> JsValue {
        match &self.file {
            None => JsValue::from(&self.text),
            Some(file) => js_sys::Array::of2(&JsValue::from(&self.text), file).into(),
        }
    }
}

struct Pending {
    kind: AnalysisKind,
    analysis: Analysis,
    /// The job as posted, to send again if the worker is restarted under it.
    posted: Posted,
    data_version: u64,
    started: f64,
    waiter: Option<Waiter>,
}

/// Hears a request's steps: stage, done, total.
type ProgressListener = Box<dyn Fn(&str, usize, usize)>;

/// Someone awaiting a request's end: told each step, then the outcome.
struct Waiter {
    on_progress: ProgressListener,
    outcome: oneshot::Sender<Result<Report, String>>,
}

impl Pending {
    /// Tells the waiter, if any, how the request ended.
    fn end(self, outcome: Result<Report, String>) {
        if let Some(waiter) = self.waiter {
            // The waiter may have stopped listening; nothing to do then.
            let _ = waiter.outcome.send(outcome);
        }
    }
}

/// Hears a drawn chart: its picture and its marks' hit areas.
type DrawnListener = Box<dyn FnOnce(ImageBitmap, Vec<HitArea>)>;

#[derive(Default)]
struct Link {
    worker: Option<Worker>,
    ready: bool,
    queue: Vec<Posted>,
    pending: HashMap<u32, Pending>,
    /// Charts being drawn: each as posted (to send again to a restarted worker) and its listener.
    drawing: HashMap<u32, (Posted, DrawnListener)>,
    next_id: u32,
    on_message: Option<Closure<dyn Fn(MessageEvent)>>,
    on_error: Option<Closure<dyn Fn(ErrorEvent)>>,
}

/// The analyses of this session, shared by every analytics page (a context).
#[derive(Clone, Copy)]
pub struct Analyses {
    states: RwSignal<HashMap<AnalysisKind, RunState>>,
    link: StoredValue<Link, LocalStorage>,
    script: StoredValue<String>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}

/// The session's analyses, from context.
pub fn use_analyses() -> Analyses {
    expect_context::<Analyses>()
}

impl Analyses {
    /// Creates the session's analyses, provides them as context and returns them; `base` is the
    /// path the app is served under ("" at the root).
    pub fn provide(base: &str) -> Analyses {
        let analyses = Analyses {
            states: RwSignal::new(HashMap::new()),
            link: StoredValue::new_local(Link::default()),
            script: StoredValue::new(format!("{base}{WORKER_SCRIPT}")),
        };
        provide_context(analyses);
        analyses
    }

    /// Where `kind` stands (tracked).
    pub fn state(self, kind: AnalysisKind) -> RunState {
        self.states
            .with(|states| states.get(&kind).cloned())
            .unwrap_or_default()
    }

    /// Whether any analysis is running (tracked).
    pub fn any_running(self) -> bool {
        self.states.with(|states| {
            states
                .values()
                .any(|state| matches!(state, RunState::Running { .. }))
        })
    }

    fn set(self, kind: AnalysisKind, state: RunState) {
        self.states.update(|states| {
            states.insert(kind, state);
        });
    }

    /// Runs `analysis` on the workspace as of `as_of`; `data_version` is the workspace's current one.
    pub fn run(self, analysis: Analysis, as_of: NaiveDate, data_version: u64) {
        self.send(analysis, None, as_of, data_version, None);
    }

    /// Runs `analysis` like [`Analyses::run`] and waits for its end; `on_progress` hears each step
    /// (stage, done, total).
    pub async fn run_to_end(
        self,
        analysis: Analysis,
        as_of: NaiveDate,
        data_version: u64,
        on_progress: impl Fn(&str, usize, usize) + 'static,
    ) -> Result<Report, String> {
        self.run_on_file_to_end(analysis, None, as_of, data_version, on_progress)
            .await
    }

    /// Runs `analysis` on `file` (an import job's) like [`Analyses::run_to_end`].
    pub async fn run_on_file_to_end(
        self,
        analysis: Analysis,
        file: Option<web_sys::Blob>,
        as_of: NaiveDate,
        data_version: u64,
        on_progress: impl Fn(&str, usize, usize) + 'static,
    ) -> Result<Report, String> {
        let (outcome, ended) = oneshot::channel();
        let waiter = Waiter {
            on_progress: Box::new(on_progress),
            outcome,
        };
        self.send(analysis, file, as_of, data_version, Some(waiter));
        ended
            .await
            .unwrap_or_else(|_| Err("the worker stopped before finishing".into()))
    }

    fn send(
        self,
        analysis: Analysis,
        file: Option<web_sys::Blob>,
        as_of: NaiveDate,
        data_version: u64,
        waiter: Option<Waiter>,
    ) {
        let kind = analysis.kind();
        let previous = self
            .states
            .with_untracked(|states| states.get(&kind).and_then(RunState::result));
        self.set(
            kind,
            RunState::Running {
                stage: String::new(),
                percent: 0.0,
                previous,
            },
        );
        let sent = self.link.try_update_value(|link| {
            link.next_id += 1;
            let id = link.next_id;
            let request = Inbound::Run(Request {
                id,
                database: WORKSPACE_DATABASE.to_string(),
                as_of,
                analysis: analysis.clone(),
            });
            let posted = serde_json::to_string(&request)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    let posted = Posted { text, file };
                    link.pending.insert(
                        id,
                        Pending {
                            kind,
                            analysis,
                            posted: posted.clone(),
                            data_version,
                            started: now_ms(),
                            waiter,
                        },
                    );
                    self.post(link, posted)
                });
            posted.map_err(|error| (error, link.pending.remove(&id).map(Box::new)))
        });
        if let Some(Err((error, pending))) = sent {
            if let Some(pending) = pending {
                pending.end(Err(error.clone()));
            }
            self.set(kind, RunState::Failed(error));
        }
    }

    /// Has the worker draw `request`'s chart (its id is set here); `drawn` hears the picture.
    /// A chart that fails to draw stays as it was, with the reason on the console.
    pub fn draw(
        self,
        mut request: DrawRequest,
        drawn: impl FnOnce(ImageBitmap, Vec<HitArea>) + 'static,
    ) {
        self.link.update_value(|link| {
            link.next_id += 1;
            request.id = link.next_id;
            let Ok(text) = serde_json::to_string(&Inbound::Draw(request)) else {
                return;
            };
            let posted = Posted { text, file: None };
            if self.post(link, posted.clone()).is_ok() {
                link.drawing.insert(link.next_id, (posted, Box::new(drawn)));
            }
        });
    }

    /// Posts `job` to the worker (started if need be), or queues it until the worker is ready.
    fn post(self, link: &mut Link, job: Posted) -> Result<(), String> {
        if link.worker.is_none() {
            self.start(link)?;
        }
        match &link.worker {
            Some(worker) if link.ready => worker
                .post_message(&job.message())
                .map_err(|e| format!("{e:?}")),
            _ => {
                link.queue.push(job);
                Ok(())
            }
        }
    }

    /// Starts the worker and listens to it.
    fn start(self, link: &mut Link) -> Result<(), String> {
        let worker = Worker::new(&self.script.get_value()).map_err(|e| format!("{e:?}"))?;
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            // A message is its postcard bytes, or [bytes, picture] for a drawn chart.
            let data = event.data();
            let (bytes, picture) = match data.dyn_ref::<js_sys::Array>() {
                Some(parts) => (parts.get(0), parts.get(1).dyn_into().ok()),
                None => (data, None),
            };
            let Some(bytes) = bytes.dyn_ref::<js_sys::Uint8Array>().map(|b| b.to_vec()) else {
                return;
            };
            match postcard::from_bytes::<Message>(&bytes) {
                Ok(message) => self.receive(message, picture),
                Err(error) => web_sys::console::error_1(
                    &format!("unreadable message from the analytics worker: {error}").into(),
                ),
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // An error the worker did not catch (a crash) ends every run it had: say so instead of
        // showing progress forever, and start afresh next time.
        let on_error = Closure::<dyn Fn(ErrorEvent)>::new(move |event: ErrorEvent| {
            self.stop(RunState::Failed(event.message()));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        link.worker = Some(worker);
        link.ready = false;
        link.on_message = Some(on_message);
        link.on_error = Some(on_error);
        Ok(())
    }

    /// Acts on a message from the worker; `picture` is what came beside a drawn chart.
    fn receive(self, message: Message, picture: Option<ImageBitmap>) {
        match message {
            Message::Ready => self.link.update_value(|link| {
                link.ready = true;
                if let Some(worker) = &link.worker {
                    for job in link.queue.drain(..) {
                        let _ = worker.post_message(&job.message());
                    }
                }
            }),
            Message::Progress {
                id,
                stage,
                done,
                total,
            } => {
                let Some(kind) = self.link.with_value(|link| {
                    let pending = link.pending.get(&id)?;
                    if let Some(waiter) = &pending.waiter {
                        (waiter.on_progress)(&stage, done, total);
                    }
                    Some(pending.kind)
                }) else {
                    return;
                };
                let percent = if total == 0 {
                    100.0
                } else {
                    100.0 * done as f64 / total as f64
                };
                self.states.update(|states| {
                    if let Some(RunState::Running {
                        stage: current,
                        percent: at,
                        ..
                    }) = states.get_mut(&kind)
                    {
                        *current = stage;
                        *at = percent;
                    }
                });
            }
            Message::Done { id, report, lines } => {
                let Some(pending) = self
                    .link
                    .try_update_value(|link| link.pending.remove(&id))
                    .flatten()
                else {
                    return;
                };
                let finished = Finished {
                    analysis: pending.analysis.clone(),
                    report: *report,
                    data_version: pending.data_version,
                    lines,
                    millis: now_ms() - pending.started,
                };
                let kind = pending.kind;
                pending.end(Ok(finished.report.clone()));
                self.set(kind, RunState::Done(Arc::new(finished)));
            }
            Message::Cancelled { id } => {
                if let Some(pending) = self
                    .link
                    .try_update_value(|link| link.pending.remove(&id))
                    .flatten()
                {
                    let kind = pending.kind;
                    pending.end(Err(CANCELLED.into()));
                    self.states.update(|states| {
                        let previous = states.get(&kind).and_then(RunState::result);
                        states.insert(kind, RunState::Cancelled(previous));
                    });
                }
            }
            Message::Drawn { id, hits } => {
                let listener = self
                    .link
                    .try_update_value(|link| link.drawing.remove(&id))
                    .flatten();
                if let (Some((_, drawn)), Some(picture)) = (listener, picture) {
                    drawn(picture, hearth_charts::unflatten_hits(&hits));
                }
            }
            Message::Failed { id, error } => {
                let drawing = self
                    .link
                    .try_update_value(|link| link.drawing.remove(&id))
                    .flatten();
                if drawing.is_some() {
                    web_sys::console::error_1(&error.into());
                    return;
                }
                if let Some(pending) = self
                    .link
                    .try_update_value(|link| link.pending.remove(&id))
                    .flatten()
                {
                    let kind = pending.kind;
                    pending.end(Err(error.clone()));
                    self.set(kind, RunState::Failed(error));
                }
            }
        }
    }

    /// Cancels the jobs of `kind`, and only those. A job that stops when asked is asked (it
    /// answers [`Message::Cancelled`]); a CPU-bound one cannot hear a message while it computes, so
    /// the worker is terminated and every other job it had is sent again to a fresh worker.
    pub fn cancel(self, kind: AnalysisKind) {
        let stopped = self
            .link
            .try_update_value(|link| {
                let ids: Vec<u32> = link
                    .pending
                    .iter()
                    .filter(|(_, pending)| pending.kind == kind)
                    .map(|(id, _)| *id)
                    .collect();
                let (ask, terminate): (Vec<u32>, Vec<u32>) = ids
                    .into_iter()
                    .partition(|id| link.pending[id].analysis.stops_when_asked());
                for id in ask {
                    if let Ok(text) = serde_json::to_string(&Inbound::Cancel { id }) {
                        let _ = self.post(link, Posted { text, file: None });
                    }
                }
                if terminate.is_empty() {
                    return false;
                }
                for id in terminate {
                    if let Some(pending) = link.pending.remove(&id) {
                        pending.end(Err(CANCELLED.into()));
                    }
                }
                Self::terminate(link);
                // The other jobs start over in a fresh worker, in the order they were sent.
                let mut others: Vec<(u32, Posted)> = link
                    .pending
                    .iter()
                    .map(|(id, pending)| (*id, pending.posted.clone()))
                    .chain(link.drawing.iter().map(|(id, (job, _))| (*id, job.clone())))
                    .collect();
                others.sort_unstable_by_key(|(id, _)| *id);
                for (id, job) in others {
                    if let Err(error) = self.post(link, job) {
                        if let Some(pending) = link.pending.remove(&id) {
                            pending.end(Err(error));
                        }
                    }
                }
                true
            })
            .unwrap_or(false);
        if stopped {
            self.states.update(|states| {
                let previous = states.get(&kind).and_then(RunState::result);
                states.insert(kind, RunState::Cancelled(previous));
            });
        }
    }

    /// Terminates the worker; the next job starts a fresh one.
    fn terminate(link: &mut Link) {
        if let Some(worker) = link.worker.take() {
            // Detach the handlers before they are dropped below: an event the browser has
            // already queued must not reach a dropped closure.
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
        }
        link.ready = false;
        link.queue.clear();
        link.on_message = None;
        link.on_error = None;
    }

    /// Terminates the worker after it crashed and leaves each of its jobs in `outcome`.
    fn stop(self, outcome: RunState) {
        let stopped: Vec<AnalysisKind> = self
            .link
            .try_update_value(|link| {
                Self::terminate(link);
                link.drawing.clear();
                let why = match &outcome {
                    RunState::Failed(error) => error.clone(),
                    _ => CANCELLED.to_string(),
                };
                link.pending
                    .drain()
                    .map(|(_, pending)| {
                        let kind = pending.kind;
                        pending.end(Err(why.clone()));
                        kind
                    })
                    .collect()
            })
            .unwrap_or_default();
        self.states.update(|states| {
            for kind in stopped {
                let state = match &outcome {
                    RunState::Cancelled(_) => {
                        RunState::Cancelled(states.get(&kind).and_then(RunState::result))
                    }
                    other => other.clone(),
                };
                states.insert(kind, state);
            }
        });
    }
}
