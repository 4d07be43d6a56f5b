//! The app-wide handle to the open workspace database: opening it, filling it with demo data on the
//! first visit (generated and written by the background worker), replacing it from Settings, and
//! telling views when data changed.

use crate::analysis::bridge::Analyses;
use crate::analysis::protocol::{Analysis, WRITING_STAGE};
use crate::i18n::Msg;
use crate::store::{
    ChangeSet, MovedRecords, RecordCounts, Store, StoreError, WorkspaceInfo, WORKSPACE_DATABASE,
};
use chrono::NaiveDate;
use hearth_domain::demo::DemoWorkspace;
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
}

/// How far replacing the workspace has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplaceProgress {
    /// Records written.
    pub written: usize,
    /// Records to write.
    pub total: usize,
}

/// What to replace the workspace with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replacement {
    /// The generated demo company.
    Demo,
    /// The generated company at benchmark scale: 100,000 customers, about a million order lines.
    Large,
    /// Nothing: an empty workspace.
    Empty,
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
    /// Bumped after every write, so views that read records fetch again.
    pub data_version: RwSignal<u64>,
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
            data_version: RwSignal::new(0),
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
        let store = Rc::new(Store::open(WORKSPACE_DATABASE).await?);
        self.store.set_value(Some(store.clone()));
        if store.workspace_info().await?.is_none() {
            self.replace(Replacement::Demo).await?;
        } else {
            self.state.set(LoadState::Ready);
            self.changed();
        }
        Ok(())
    }

    /// The open store, once opening finished.
    pub fn store(&self) -> Option<Rc<Store>> {
        self.store.get_value()
    }

    /// Marks data as changed so record views refresh.
    pub fn changed(&self) {
        self.data_version.update(|version| *version += 1);
    }

    /// Replaces every record with the demo company or nothing, reporting progress. On failure the
    /// previous workspace is untouched and the state returns to ready.
    pub async fn replace(self, with: Replacement) -> Result<(), StoreError> {
        let Some(store) = self.store() else {
            return Err(StoreError::Unavailable("the workspace is not open".into()));
        };
        let progress = self.progress;
        let result = match with {
            Replacement::Demo | Replacement::Large => self
                .analyses
                .run_to_end(
                    Analysis::Demo {
                        large: with == Replacement::Large,
                    },
                    today_utc(),
                    self.data_version.get_untracked(),
                    move |stage, written, total| {
                        if stage == WRITING_STAGE {
                            progress.set(Some(ReplaceProgress { written, total }));
                        }
                    },
                )
                .await
                .map(drop)
                .map_err(StoreError::Worker),
            Replacement::Empty => {
                store
                    .replace_workspace(
                        &DemoWorkspace::default(),
                        WorkspaceInfo::Empty,
                        &mut |written, total| {
                            progress.set(Some(ReplaceProgress { written, total }));
                        },
                    )
                    .await
            }
        };
        self.progress.set(None);
        self.state.set(LoadState::Ready);
        self.changed();
        result
    }

    /// Records `action` as the one the undo bar offers to reverse, and refreshes views.
    pub fn done(&self, action: LastAction) {
        self.last_action.set(Some(action));
        self.changed();
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
                    if let TrashedRecord::Person(other) = &entry.record {
                        changes.put(other)?;
                    }
                    changes.delete::<hearth_domain::TrashEntry>(entry.id.0);
                }
            }
        }
        store.apply(changes).await?;
        self.last_action.set(None);
        self.changed();
        Ok(())
    }

    /// Record counts of every store, refreshed whenever data changes.
    pub fn counts(self) -> LocalResource<Result<RecordCounts, String>> {
        LocalResource::new(move || {
            self.data_version.track();
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

/// The workspace context provided by the app root.
pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}
