//! Tasks as the app's pages read them: the user's local day and the store's tasks in one agenda.

use crate::store::Store;
use crate::workspace::now_utc;
use chrono::{DateTime, Utc};
use hearth_domain::agenda::{agenda, Agenda};
use hearth_domain::Task;

/// The first instant of tomorrow in the browser's time zone.
pub fn end_of_today() -> DateTime<Utc> {
    let date = js_sys::Date::new_0();
    date.set_hours(24);
    date.set_minutes(0);
    date.set_seconds(0);
    date.set_milliseconds(0);
    DateTime::from_timestamp_millis(date.get_time() as i64).unwrap_or_else(now_utc)
}

/// Every task of the workspace in an agenda at this moment, only `assignee`'s when given.
pub async fn load_agenda(store: &Store, assignee: Option<&str>) -> Result<Agenda, String> {
    let tasks = store.all::<Task>().await.map_err(|e| e.to_string())?;
    Ok(agenda(tasks, now_utc(), end_of_today(), assignee))
}
