//! A record's timeline: its activities, tasks, orders, deals and tickets as one list, newest first.

use crate::model::{Activity, ActivityKind, Deal, Order, Task, Ticket};
use crate::money::Cents;
use chrono::{DateTime, Utc};

/// What a timeline entry is, for its icon, label and the kind filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A logged note, call, email or meeting.
    Activity(ActivityKind),
    /// A task (dated by its due time, else its creation).
    Task,
    /// An order (dated by its day).
    Order,
    /// A deal (dated by its creation).
    Deal,
    /// A ticket (dated by its opening).
    Ticket,
}

/// One entry of a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What it is.
    pub kind: EntryKind,
    /// When it happened or is due.
    pub at: DateTime<Utc>,
    /// The record's id within its kind.
    pub id: u32,
    /// Summary, title or subject.
    pub title: String,
    /// Body, description or nothing.
    pub detail: String,
    /// Whether the entry still needs doing (an open task or ticket).
    pub open: bool,
    /// The money involved (an order's total, a deal's value).
    pub amount: Option<Cents>,
}

/// The records of one person or company merged into entries, newest first (ties: later kinds of
/// [`EntryKind`] and higher ids first, so the order never depends on the input order).
pub fn merge(
    activities: &[Activity],
    tasks: &[Task],
    orders: &[Order],
    deals: &[Deal],
    tickets: &[Ticket],
) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    entries.extend(activities.iter().map(|a| Entry {
        kind: EntryKind::Activity(a.kind),
        at: a.occurred_at,
        id: a.id.0,
        title: a.summary.clone(),
        detail: a.body.clone(),
        open: false,
        amount: None,
    }));
    entries.extend(tasks.iter().map(|t| Entry {
        kind: EntryKind::Task,
        at: t.due_at.unwrap_or(t.created_at),
        id: t.id.0,
        title: t.title.clone(),
        detail: String::new(),
        open: t.done_at.is_none(),
        amount: None,
    }));
    entries.extend(orders.iter().map(|o| Entry {
        kind: EntryKind::Order,
        at: o.date.and_time(chrono::NaiveTime::MIN).and_utc(),
        id: o.id.0,
        title: o.display_name(),
        detail: String::new(),
        open: false,
        amount: o.total().ok(),
    }));
    entries.extend(deals.iter().map(|d| Entry {
        kind: EntryKind::Deal,
        at: d.created_at,
        id: d.id.0,
        title: d.title.clone(),
        detail: String::new(),
        open: false,
        amount: Some(d.value),
    }));
    entries.extend(tickets.iter().map(|t| Entry {
        kind: EntryKind::Ticket,
        at: t.opened_at,
        id: t.id.0,
        title: t.subject.clone(),
        detail: t.description.clone(),
        open: t.status.is_open(),
        amount: None,
    }));
    crate::sort::sort_by(&mut entries, |a, b| {
        b.at.cmp(&a.at)
            .then_with(|| kind_rank(b.kind).cmp(&kind_rank(a.kind)))
            .then_with(|| b.id.cmp(&a.id))
    });
    entries
}

fn kind_rank(kind: EntryKind) -> u8 {
    match kind {
        EntryKind::Activity(_) => 0,
        EntryKind::Task => 1,
        EntryKind::Order => 2,
        EntryKind::Deal => 3,
        EntryKind::Ticket => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{ActivityId, TaskId};
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, 12, 0, 0).unwrap()
    }

    #[test]
    fn entries_come_newest_first_across_kinds() {
        let note = Activity {
            uid: Default::default(),
            revision: 0,
            id: ActivityId(1),
            kind: ActivityKind::Note,
            summary: "Met at the fair".into(),
            body: String::new(),
            person_id: None,
            company_id: None,
            deal_id: None,
            author: String::new(),
            occurred_at: at(2),
            created_at: Default::default(),
            updated_at: Default::default(),
        };
        let call = Activity {
            id: ActivityId(2),
            kind: ActivityKind::Call,
            summary: "Follow-up call".into(),
            occurred_at: at(9),
            ..note.clone()
        };
        let task = Task {
            uid: Default::default(),
            revision: 0,
            id: TaskId(1),
            title: "Send quote".into(),
            due_at: Some(at(5)),
            assignee: String::new(),
            done_at: None,
            person_id: None,
            company_id: None,
            deal_id: None,
            created_at: at(1),
            updated_at: Default::default(),
        };
        let entries = merge(&[note, call], &[task], &[], &[], &[]);
        let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Follow-up call", "Send quote", "Met at the fair"]);
        assert!(entries[1].open);
        assert_eq!(entries[0].kind, EntryKind::Activity(ActivityKind::Call));
    }
}
