//! In-page reminders: while the app is open, a task that falls due is announced once, with a link
//! to the tasks page, until dismissed.

use crate::app::use_app_href;
use crate::i18n::{use_i18n, Msg};
use crate::routes;
use crate::workspace::{now_utc, use_workspace};
use hearth_domain::agenda::falling_due;
use hearth_domain::Task;
use leptos::prelude::*;
use std::time::Duration;

/// How often the reminder looks at the clock.
const CHECK_EVERY: Duration = Duration::from_secs(15);

/// The reminders shown under the header.
#[component]
pub fn TaskReminders() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let due = RwSignal::new(Vec::<Task>::new());
    let last_check = StoredValue::new(now_utc());
    let check = move || {
        let Some(store) = workspace.store() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Ok(tasks) = store.all::<Task>().await else {
                return;
            };
            let now = now_utc();
            let fell_due: Vec<Task> = falling_due(&tasks, last_check.get_value(), now)
                .into_iter()
                .cloned()
                .collect();
            last_check.set_value(now);
            if !fell_due.is_empty() {
                due.update(|shown| shown.extend(fell_due));
            }
        });
    };
    if let Ok(handle) = set_interval_with_handle(check, CHECK_EVERY) {
        on_cleanup(move || handle.clear());
    }
    let tasks_href = use_app_href(routes::TASKS);
    view! {
        <Show when=move || due.with(|d| !d.is_empty())>
            <div class="reminders" role="alert">
                <strong>{i18n.text(Msg::TaskFallsDue)}</strong>
                <ul>
                    {move || due.get().into_iter().map(|task| view! { <li>{task.title}</li> }).collect_view()}
                </ul>
                <a href=tasks_href.clone()>{i18n.text(Msg::OpenTasks)}</a>
                <button type="button" class="quiet" on:click=move |_| due.set(Vec::new())>
                    {i18n.text(Msg::Dismiss)}
                </button>
            </div>
        </Show>
    }
}
