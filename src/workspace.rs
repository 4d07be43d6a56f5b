//! The app-wide handle to the open workspace database: opening it, filling it with demo data on the
//! first visit (generated and written by the background worker), replacing it from Settings, and
//! telling views when data changed.

use crate::analysis::bridge::Analyses;
pub use crate::analysis::protocol::Replacement;
use crate::analysis::protocol::{Analysis, ReplaceJob, WRITING_STAGE};
use crate::i18n::Msg;
use crate::store::{
    ChangeSet, MovedRecords, RecordCounts, Store, StoreError, StoreName, Touched,
    WORKSPACE_DATABASE,
};
use chrono::NaiveDate;
use hearth_domain::{Person, TrashedRecord};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// Where opening the workspace stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadState {
    /// Opening or migrating the database, or seeding it on a first visit.
    Opening,
    /// Ready to use.
    Ready,
    /// Storage failed; the message says why.
    Failed(String),
    /// Another tab holds the database open at an older version, so this one cannot open it yet.
    Blocked,
    /// A newer version of the app opened the database in another tab, or it was deleted; this
    /// page must reload.
    Outdated,
    /// The database is empty although this browser held a workspace: the data is gone, and the
    /// user chooses what comes next (never a silent reseed).
    Vanished,
}

/// How far replacing the workspace has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplaceProgress {
    /// Records written.
    pub written: usize,
    /// Records to write.
    pub total: usize,
}

/// How to reverse the last action.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    /// Write these people or companies back as they were (after a bulk edit).
    PutBack(Vec<TrashedRecord>),
    /// Restore this trash batch (after a delete).
    Untrash(u64),
    /// Reverse a merge: the survivor as it was, the records that moved (as they were), and the
    /// trash batch holding the merged-away person.
    Unmerge {
        /// The survivor before the merge.
        survivor: Box<Person>,
        /// The moved records before the merge.
        moved: MovedRecords,
        /// The batch the other person was trashed under.
        batch: u64,
    },
}

/// The last action the user can undo, and what it was called.
#[derive(Debug, Clone, PartialEq)]
pub struct LastAction {
    /// What happened, as the undo bar says it.
    pub label: Msg,
    /// How many records it touched.
    pub count: usize,
    /// How to reverse it.
    pub undo: Undo,
}

/// App-wide workspace context (cheap to copy).
#[derive(Clone, Copy)]
pub struct Workspace {
    store: StoredValue<Option<Rc<Store>>, LocalStorage>,
    analyses: Analyses,
    /// Loading state, shown by the shell.
    pub state: RwSignal<LoadState>,
    /// Progress of a running replacement (first-visit seeding or from Settings), `None` otherwise.
    pub progress: RwSignal<Option<ReplaceProgress>>,
    /// What the workspace is being replaced with, while it is.
    pub replacing: RwSignal<Option<Replacement>>,
    /// One version per store, bumped after every committed write to it (here or in another tab),
    /// so a view that read a store reads it again, and only then.
    versions: [RwSignal<u64>; StoreName::ALL.len()],
    /// What the latest writes touched, each with the sum of the versions before it: a cache read
    /// at an older sum can refresh just these records.
    recent: StoredValue<Vec<(u64, Touched)>, LocalStorage>,
    /// Tells other tabs of this browser what this one wrote.
    channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
    /// The last undoable action, if any.
    pub last_action: RwSignal<Option<LastAction>>,
}

/// Today's date in UTC, from the browser clock.
pub fn today_utc() -> NaiveDate {
    now_utc().date_naive()
}

/// The current instant, from the browser clock.
pub fn now_utc() -> chrono::DateTime<chrono::Utc> {
    let millis = js_sys::Date::now() as i64;
    chrono::DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

impl Workspace {
    /// Creates the context and starts opening the database (seeding demo data on a first visit,
    /// through `analyses`' worker).
    pub fn start(analyses: Analyses) -> Workspace {
        let workspace = Workspace {
            store: StoredValue::new_local(None),
            analyses,
            state: RwSignal::new(LoadState::Opening),
            progress: RwSignal::new(None),
            replacing: RwSignal::new(None),
            versions: std::array::from_fn(|_| RwSignal::new(0)),
            recent: StoredValue::new_local(Vec::new()),
            channel: StoredValue::new_local(None),
            last_action: RwSignal::new(None),
        };
        spawn_local(async move {
            if let Err(error) = workspace.open().await {
                workspace.state.set(LoadState::Failed(error.to_string()));
            }
        });
        workspace
    }

    async fn open(self) -> Result<(), StoreError> {
        let store = self.connect().await?;
        // Ask once per visit; a browser that already granted it answers at once.
        spawn_local(async {
            crate::store::durability::ask_to_persist().await;
        });
        self.listen_to_other_tabs();
        if store.workspace_info().await?.is_none() {
            if crate::settings::workspace_was_kept() {
                self.state.set(LoadState::Vanished);
                return Ok(());
            }
            self.replace(Replacement::Demo).await?;
        } else {
            crate::settings::note_workspace_kept();
            self.state.set(LoadState::Ready);
            self.changed();
        }
        Ok(())
    }

    /// Opens a connection to the workspace database and makes it the store every page uses.
    async fn connect(self) -> Result<Rc<Store>, StoreError> {
        let state = self.state;
        let store = Store::open_watched(
            WORKSPACE_DATABASE,
            crate::store::SCHEMA_VERSION,
            move || state.set(LoadState::Blocked),
            move || state.set(LoadState::Outdated),
            move || spawn_local(self.reconnect()),
        )
        .await?;
        let store = Rc::new(store);
        store.on_commit(move |touched| {
            self.touched(touched);
            self.broadcast(touched);
        });
        self.store.set_value(Some(store.clone()));
        Ok(store)
    }

    /// A connection the browser closed (a full disk fails every transaction with "the database
    /// connection is closing") is replaced, and every view reads again through the new one. Right
    /// after such a failure the browser refuses to open the database for a moment: a few tries.
    async fn reconnect(self) {
        const TRIES: u32 = 5;
        for attempt in 1..=TRIES {
            delay_ms(500 * attempt as i32).await;
            match self.connect().await {
                Ok(_) => return self.changed(),
                Err(error) if attempt == TRIES => {
                    self.state.set(LoadState::Failed(error.to_string()))
                }
                Err(_) => {}
            }
        }
    }

    /// The open store, once opening finished.
    pub fn store(&self) -> Option<Rc<Store>> {
        self.store.get_value()
    }

    /// The sum of the versions of `stores`, tracked: a view that calls it inside a reactive
    /// scope runs again when any of them is written, and only then.
    pub fn track(&self, stores: &[StoreName]) -> u64 {
        stores.iter().map(|store| self.version(*store).get()).sum()
    }

    /// The version of every store together, tracked: for views that depend on the whole
    /// workspace (record counts).
    pub fn data_version(&self) -> u64 {
        self.track(&StoreName::ALL)
    }

    /// [`Workspace::data_version`] without tracking it.
    pub fn data_version_untracked(&self) -> u64 {
        self.untracked(&StoreName::ALL)
    }

    /// The version of what analyses read, tracked: a result computed at another version is stale.
    /// Saving a view or logging a note leaves it as it is.
    pub fn analysis_version(&self) -> u64 {
        self.track(&StoreName::ANALYSED)
    }

    /// [`Workspace::analysis_version`] without tracking it.
    pub fn analysis_version_untracked(&self) -> u64 {
        self.untracked(&StoreName::ANALYSED)
    }

    fn untracked(&self, stores: &[StoreName]) -> u64 {
        stores
            .iter()
            .map(|store| self.version(*store).get_untracked())
            .sum()
    }

    fn version(&self, store: StoreName) -> RwSignal<u64> {
        let index = StoreName::ALL
            .iter()
            .position(|s| *s == store)
            .unwrap_or_default();
        self.versions[index]
    }

    /// The writes since the versions summed to `since`, merged, or `None` if they are no longer
    /// all remembered (a cache then reads everything again).
    pub fn touched_since(&self, since: u64) -> Option<Touched> {
        if since == self.data_version_untracked() {
            return Some(Touched::default());
        }
        self.recent.with_value(|recent| {
            let start = recent.iter().position(|(before, _)| *before == since)?;
            let mut merged = Touched::default();
            recent[start..]
                .iter()
                .for_each(|(_, touched)| merged.extend(touched));
            Some(merged)
        })
    }

    /// Bumps the version of every store `touched` names, so the views that read them refresh.
    fn touched(&self, touched: &Touched) {
        let before = self.data_version_untracked();
        for store in touched.stores() {
            self.version(store).update(|version| *version += 1);
        }
        self.recent.update_value(|recent| {
            recent.push((before, touched.clone()));
            let excess = recent.len().saturating_sub(RECENT_WRITES);
            recent.drain(..excess);
        });
    }

    /// Tells other tabs what this one committed.
    fn broadcast(&self, touched: &Touched) {
        self.channel.with_value(|channel| {
            if let Some(channel) = channel {
                let _ = channel.post_message(&touched.encode().into());
            }
        });
    }

    /// Opens the channel other tabs announce their writes on, and refreshes what they touched.
    fn listen_to_other_tabs(self) {
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANGES_CHANNEL) else {
            return;
        };
        let on_message = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                if let Some(text) = event.data().as_string() {
                    self.touched(&Touched::decode(&text));
                }
            },
        );
        channel.set_onmessage(Some(wasm_bindgen::JsCast::unchecked_ref(
            on_message.as_ref(),
        )));
        // The channel lives as long as the page.
        on_message.forget();
        self.channel.set_value(Some(channel));
    }

    /// Marks every store as changed (a workspace replaced), here and in other tabs.
    pub fn changed(&self) {
        self.announce(&Touched::everything());
    }

    /// Tells this tab and the others what a write through another connection (the worker's)
    /// touched: its own commit listener never heard of it.
    pub fn announce(&self, touched: &Touched) {
        self.touched(touched);
        self.broadcast(touched);
    }

    /// Replaces every record with the demo company or nothing, reporting progress. On failure the
    /// previous workspace is untouched and the state returns to ready.
    pub async fn replace(self, with: Replacement) -> Result<(), StoreError> {
        if self.store().is_none() {
            return Err(StoreError::Unavailable("the workspace is not open".into()));
        }
        let progress = self.progress;
        self.replacing.set(Some(with));
        // The worker writes it, so the page carries no code that writes every kind of record.
        let result = self
            .analyses
            .run_to_end(
                Analysis::Replace(ReplaceJob {
                    with,
                    now: now_utc(),
                }),
                today_utc(),
                self.analysis_version_untracked(),
                move |stage, written, total| {
                    if stage == WRITING_STAGE {
                        progress.set(Some(ReplaceProgress { written, total }));
                    }
                },
            )
            .await
            .map(drop)
            .map_err(|error| match error.as_str() {
                crate::analysis::bridge::CANCELLED => StoreError::Cancelled,
                _ => StoreError::Worker(error),
            });
        self.progress.set(None);
        self.replacing.set(None);
        self.state.set(LoadState::Ready);
        if result.is_ok() {
            crate::settings::note_workspace_kept();
        }
        // The worker wrote through its own connection, which tells nobody.
        self.changed();
        result
    }

    /// Fills a workspace whose data vanished with the user's choice, in the background.
    pub fn start_over(self, with: Replacement) {
        self.state.set(LoadState::Opening);
        spawn_local(async move {
            if let Err(error) = self.replace(with).await {
                self.state.set(LoadState::Failed(error.to_string()));
            }
        });
    }

    /// Records `action` as the one the undo bar offers to reverse.
    pub fn done(&self, action: LastAction) {
        self.last_action.set(Some(action));
    }

    /// Reverses the last action in one transaction; on failure nothing changes and it stays
    /// offered.
    pub async fn undo(self) -> Result<(), StoreError> {
        let (Some(store), Some(action)) = (self.store(), self.last_action.get_untracked()) else {
            return Ok(());
        };
        let mut changes = ChangeSet::default();
        match &action.undo {
            Undo::PutBack(records) => {
                for record in records {
                    changes.put_back(record)?;
                }
            }
            Undo::Untrash(batch) => {
                let entries = store.trash_batch(*batch).await?;
                store.restore(&entries).await?;
            }
            Undo::Unmerge {
                survivor,
                moved,
                batch,
            } => {
                let entries = store.trash_batch(*batch).await?;
                changes.put(survivor.as_ref())?;
                moved.put_back(&mut changes)?;
                for entry in &entries {
                    changes.untrash(&entry.record)?;
                    changes.delete_trash_entry(entry.id);
                }
            }
        }
        store.apply(changes).await?;
        self.last_action.set(None);
        Ok(())
    }

    /// Record counts of every store, refreshed whenever data changes.
    pub fn counts(self) -> LocalResource<Result<RecordCounts, String>> {
        LocalResource::new(move || {
            self.data_version();
            let store = self.store();
            async move {
                match store {
                    Some(store) => store.counts().await.map_err(|e| e.to_string()),
                    None => Ok(RecordCounts::default()),
                }
            }
        })
    }
}

/// The `BroadcastChannel` tabs announce their committed writes on.
const CHANGES_CHANNEL: &str = "hearth-crm.changes";

/// How many writes [`Workspace::touched_since`] remembers.
const RECENT_WRITES: usize = 64;

/// The workspace context provided by the app root.
pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}

/// Resolves after `ms` milliseconds.
async fn delay_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
