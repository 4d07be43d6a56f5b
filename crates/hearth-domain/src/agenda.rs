//! Tasks sorted into what needs doing: overdue, due today, upcoming, undated, and done.

use crate::model::Task;
use chrono::{DateTime, Utc};

/// Tasks grouped for a to-do list. Open tasks are sorted by due time (then id), done ones newest
/// first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Agenda {
    /// Open and due before now.
    pub overdue: Vec<Task>,
    /// Open and due from now until the end of today.
    pub today: Vec<Task>,
    /// Open and due after today.
    pub upcoming: Vec<Task>,
    /// Open without a due time.
    pub undated: Vec<Task>,
    /// Done.
    pub done: Vec<Task>,
}

/// Sorts `tasks` into an [`Agenda`] at `now`; `end_of_today` is the first instant of tomorrow in
/// the user's time zone. With `assignee`, only tasks assigned to them (ignoring case) count.
pub fn agenda(
    tasks: impl IntoIterator<Item = Task>,
    now: DateTime<Utc>,
    end_of_today: DateTime<Utc>,
    assignee: Option<&str>,
) -> Agenda {
    let mut agenda = Agenda::default();
    let wanted = assignee.map(|name| name.trim().to_lowercase());
    for task in tasks {
        if let Some(wanted) = &wanted {
            if task.assignee.trim().to_lowercase() != *wanted {
                continue;
            }
        }
        let group = match (task.done_at, task.due_at) {
            (Some(_), _) => &mut agenda.done,
            (None, None) => &mut agenda.undated,
            (None, Some(due)) if due < now => &mut agenda.overdue,
            (None, Some(due)) if due < end_of_today => &mut agenda.today,
            (None, Some(_)) => &mut agenda.upcoming,
        };
        group.push(task);
    }
    for open in [
        &mut agenda.overdue,
        &mut agenda.today,
        &mut agenda.upcoming,
        &mut agenda.undated,
    ] {
        crate::sort::sort_by_key(open, |task| (task.due_at, task.id));
    }
    crate::sort::sort_by_key(&mut agenda.done, |task| {
        std::cmp::Reverse((task.done_at, task.id))
    });
    agenda
}

/// Open tasks whose due time falls in `(after, until]`: what a reminder announces when the clock
/// moves from `after` to `until`.
pub fn falling_due(tasks: &[Task], after: DateTime<Utc>, until: DateTime<Utc>) -> Vec<&Task> {
    tasks
        .iter()
        .filter(|task| task.done_at.is_none())
        .filter(|task| task.due_at.is_some_and(|due| after < due && due <= until))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::TaskId;
    use chrono::TimeZone;

    fn task(id: u32, due_hour: Option<u32>, done: bool, assignee: &str) -> Task {
        let at = |hour| {
            Utc.with_ymd_and_hms(2026, 5, 10, 0, 0, 0).unwrap() + chrono::Duration::hours(hour)
        };
        Task {
            uid: Default::default(),
            revision: 0,
            id: TaskId(id),
            title: format!("Task {id}"),
            due_at: due_hour.map(|h| at(i64::from(h))),
            assignee: assignee.into(),
            done_at: done.then(|| at(1)),
            person_id: None,
            company_id: None,
            deal_id: None,
            created_at: at(0),
            updated_at: DateTime::<Utc>::default(),
        }
    }

    #[test]
    fn tasks_fall_into_overdue_today_upcoming_undated_and_done() {
        let now = Utc.with_ymd_and_hms(2026, 5, 10, 12, 0, 0).unwrap();
        let end_of_today = Utc.with_ymd_and_hms(2026, 5, 11, 0, 0, 0).unwrap();
        let tasks = vec![
            task(1, Some(30), false, "Mia"),
            task(2, Some(13), false, "mia "),
            task(3, Some(9), false, "Mia"),
            task(4, None, false, "Mia"),
            task(5, Some(2), true, "Mia"),
            task(6, Some(8), false, "Leo"),
        ];
        let all = agenda(tasks.clone(), now, end_of_today, None);
        let ids = |list: &[Task]| list.iter().map(|t| t.id.0).collect::<Vec<_>>();
        assert_eq!(ids(&all.overdue), [6, 3]);
        assert_eq!(ids(&all.today), [2]);
        assert_eq!(ids(&all.upcoming), [1]);
        assert_eq!(ids(&all.undated), [4]);
        assert_eq!(ids(&all.done), [5]);
        let mine = agenda(tasks, now, end_of_today, Some("MIA"));
        assert_eq!(ids(&mine.overdue), [3]);
        assert_eq!(ids(&mine.today), [2]);
    }

    #[test]
    fn reminders_fire_once_for_tasks_that_fell_due_since_the_last_look() {
        let tasks = vec![
            task(1, Some(10), false, ""),
            task(2, Some(11), true, ""),
            task(3, Some(12), false, ""),
        ];
        let at = |h| Utc.with_ymd_and_hms(2026, 5, 10, h, 0, 0).unwrap();
        let due: Vec<u32> = falling_due(&tasks, at(9), at(11))
            .iter()
            .map(|t| t.id.0)
            .collect();
        assert_eq!(due, [1]);
        assert!(
            falling_due(&tasks, at(10), at(11)).is_empty(),
            "the boundary is not counted twice"
        );
    }
}
