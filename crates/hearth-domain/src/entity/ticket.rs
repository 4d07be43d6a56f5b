//! A ticket's fields.

use super::{
    option_key, option_value, reference_id, text_value, whole_number, BuiltinField, Entity,
    FieldKind, Label, Places,
};
use crate::list::Value;
use crate::model::{
    CustomValue, EntityKind, Ticket, TicketChannel, TicketEvent, TicketField, TicketPriority,
    TicketStatus,
};
use crate::sla::{
    first_response, resolution, Clock, ClockState, Counting, SlaPolicy, TicketClocks, Zone,
};
use crate::validate::Problem;
use crate::{PersonId, TicketId};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use std::collections::BTreeMap;

/// Every channel's key, in the order forms offer them; each is also its label's i18n key.
pub const TICKET_CHANNEL_KEYS: &[&str] = &["email", "phone", "chat", "web", "in_person"];
const CHANNELS: [TicketChannel; 5] = [
    TicketChannel::Email,
    TicketChannel::Phone,
    TicketChannel::Chat,
    TicketChannel::Web,
    TicketChannel::InPerson,
];

/// Every priority's key, least urgent first.
pub const TICKET_PRIORITY_KEYS: &[&str] = &["low", "normal", "high", "urgent"];
const PRIORITIES: [TicketPriority; 4] = [
    TicketPriority::Low,
    TicketPriority::Normal,
    TicketPriority::High,
    TicketPriority::Urgent,
];

/// Every status's key, in a ticket's life order.
pub const TICKET_STATUS_KEYS: &[&str] = &["new", "open", "pending", "resolved", "closed"];
/// Every status, in a ticket's working order; each is [`TICKET_STATUS_KEYS`]' key at its place.
pub const TICKET_STATUSES: [TicketStatus; 5] = [
    TicketStatus::New,
    TicketStatus::Open,
    TicketStatus::Pending,
    TicketStatus::Resolved,
    TicketStatus::Closed,
];

/// What a ticket's list row shows besides the ticket: its requester's and company's names, and
/// its service-level clocks as of when the row was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketJoined {
    /// The requester's name.
    pub customer: String,
    /// The company's name, empty without one.
    pub company: String,
    /// Its clocks under the workspace's policies; `None` where they are not read (an import).
    pub clocks: Option<TicketClocks>,
}

/// Every service-level state's key, from the least to the most pressing; each is also its
/// label's i18n key.
pub const SLA_STATE_KEYS: &[&str] = &[
    "sla_met",
    "sla_paused",
    "sla_on_track",
    "sla_due_soon",
    "sla_breached",
];
const SLA_STATES: [ClockState; 5] = [
    ClockState::Met,
    ClockState::Paused,
    ClockState::Running,
    ClockState::DueSoon,
    ClockState::Breached,
];

/// The key a service-level state is shown and filtered by (`sla_breached`…).
pub fn sla_state_key(state: ClockState) -> &'static str {
    option_key(&SLA_STATES, SLA_STATE_KEYS, state)
}

/// Its SLA due time follows a change of its opening or its priority (and only a change: a form
/// saved unchanged keeps the due time it had).
fn set_due(ticket: &mut Ticket) {
    ticket.sla_due_at = ticket.opened_at + TimeDelta::hours(ticket.priority.sla_hours());
}

/// An instant on the day typed as an ISO date (the import normalizes every date format to it):
/// `kept` itself when it is on that day (a form shows the day only, so saving it unchanged keeps
/// the time), else midnight UTC.
fn day(text: &str, kept: Option<DateTime<Utc>>) -> Result<Option<DateTime<Utc>>, Problem> {
    if text.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Problem::InvalidDate)?;
    Ok(Some(match kept {
        Some(at) if at.date_naive() == date => at,
        _ => date.and_time(Default::default()).and_utc(),
    }))
}

/// The key a priority is written and shown by (`low`, `urgent`…).
pub fn ticket_priority_key(priority: TicketPriority) -> &'static str {
    option_key(&PRIORITIES, TICKET_PRIORITY_KEYS, priority)
}

/// The key a status is written and shown by (`open`, `pending`…).
pub fn ticket_status_key(status: TicketStatus) -> &'static str {
    option_key(&TICKET_STATUSES, TICKET_STATUS_KEYS, status)
}

/// A history entry in words the shell translates: the label key of what changed, and the value
/// before (none for a reply) and after: option keys for status and priority, names for the
/// assignee, the reply's text.
pub fn describe_change(event: &TicketEvent) -> (&'static str, Option<Label>, Label) {
    // An option's key as the catalogue's static one; anything else (an old key) as text.
    let option = |keys: &'static [&'static str], value: &str| {
        keys.iter()
            .find(|key| **key == value)
            .map_or_else(|| Label::Text(value.to_string()), |key| Label::Key(key))
    };
    let (field, keys) = match event.field {
        TicketField::Status => ("ticket_status", Some(TICKET_STATUS_KEYS)),
        TicketField::Priority => ("priority", Some(TICKET_PRIORITY_KEYS)),
        TicketField::Assignee => ("assignee", None),
        TicketField::Reply => return ("reply", None, Label::Text(event.to.clone())),
        TicketField::Satisfaction => ("satisfaction", None),
    };
    // A rating's comment follows its score after a tab.
    let value = |text: &str| match keys {
        Some(keys) => option(keys, text),
        None => Label::Text(text.replace('\t', " · ")),
    };
    (field, Some(value(&event.from)), value(&event.to))
}

/// A ticket's rating as its history keeps it: the score, and the comment after a tab.
fn rating_text(ticket: &Ticket) -> String {
    match (ticket.satisfaction, ticket.satisfaction_comment.trim()) {
        (None, _) => String::new(),
        (Some(score), "") => score.to_string(),
        (Some(score), comment) => format!("{score}\t{comment}"),
    }
}

impl Ticket {
    /// Resolves it by `by` at `at` with the customer's rating, if one was given: one write, so
    /// the history shows the resolution and the rating together.
    pub fn resolve(&mut self, rating: Option<(u8, String)>, by: &str, at: DateTime<Utc>) {
        let before = self.clone();
        self.status = TicketStatus::Resolved;
        if let Some((score, comment)) = rating {
            self.satisfaction = Some(score);
            self.satisfaction_comment = comment.trim().to_string();
        }
        self.changed_from(&before, by, at);
    }

    /// Opens it again by `by` at `at`: its resolution clock runs on; its rating and history stay.
    pub fn reopen(&mut self, by: &str, at: DateTime<Utc>) {
        let before = self.clone();
        self.status = TicketStatus::Open;
        self.changed_from(&before, by, at);
    }

    /// Logs a reply `text` by `by` at `at`: the first one stops the first-response clock, and a
    /// reply to a new ticket opens it.
    pub fn reply(&mut self, text: &str, by: &str, at: DateTime<Utc>) {
        let before = self.clone();
        if self.status == TicketStatus::New {
            self.status = TicketStatus::Open;
        }
        self.changed_from(&before, by, at);
        self.history.push(TicketEvent {
            at,
            by: by.to_string(),
            field: TicketField::Reply,
            from: String::new(),
            to: text.trim().to_string(),
        });
        self.first_response_at.get_or_insert(at);
    }

    /// The statuses it took, each with when: what its resolution clock runs by.
    pub fn status_changes(&self) -> Vec<(DateTime<Utc>, TicketStatus)> {
        self.history
            .iter()
            .filter(|event| event.field == TicketField::Status)
            .filter_map(|event| {
                let status = option_value(
                    &TICKET_STATUSES,
                    TICKET_STATUS_KEYS,
                    &event.to,
                    TicketStatus::New,
                );
                Some((event.at, status.ok()?))
            })
            .collect()
    }

    /// Its first-response and resolution clocks at `now` under `policy`.
    pub fn clocks<Z: Zone>(
        &self,
        policy: &SlaPolicy,
        counting: Counting<'_, Z>,
        now: DateTime<Utc>,
    ) -> (Clock, Clock) {
        // A ticket imported already answered or resolved, without the history that says so.
        let mut changes = self.status_changes();
        if changes.is_empty() && self.status != TicketStatus::New {
            changes.push((self.resolved_at.unwrap_or(self.opened_at), self.status));
        }
        (
            first_response(
                policy,
                counting,
                self.opened_at,
                self.first_response_at,
                now,
            ),
            resolution(policy, counting, self.opened_at, &changes, now),
        )
    }
}

static FIELDS: [BuiltinField<Ticket>; 18] = [
    BuiltinField {
        key: "subject",
        label: "subject",
        kind: FieldKind::Text,
        places: Places::TYPED.and(Places::SEARCH).but(Places::BULK),
        read: |t, _| text_value(&t.subject),
        write: super::text!(subject),
        edit_text: None,
    },
    BuiltinField {
        key: "customer",
        label: "requester",
        kind: FieldKind::Reference(EntityKind::Person),
        places: Places::SHOWN
            .and(Places::FORM)
            .and(Places::CREATE)
            .and(Places::IMPORT)
            .and(Places::SEARCH),
        read: |_, parties| text_value(&parties.customer),
        write: Some(|t, text| {
            t.person_id = reference_id(text)?.map(PersonId);
            Ok(())
        }),
        edit_text: Some(|t| t.person_id.map(|id| id.0.to_string()).unwrap_or_default()),
    },
    super::company_field!(|_, parties| text_value(&parties.company)),
    BuiltinField {
        key: "channel",
        label: "channel",
        kind: FieldKind::Select(TICKET_CHANNEL_KEYS),
        places: Places::TYPED,
        read: |t, _| Value::Text(option_key(&CHANNELS, TICKET_CHANNEL_KEYS, t.channel).into()),
        write: Some(|t, text| {
            t.channel = option_value(&CHANNELS, TICKET_CHANNEL_KEYS, text, Default::default())?;
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "priority",
        label: "priority",
        kind: FieldKind::Select(TICKET_PRIORITY_KEYS),
        places: Places::TYPED,
        read: |t, _| Value::Text(ticket_priority_key(t.priority).into()),
        write: Some(|t, text| {
            let priority = option_value(
                &PRIORITIES,
                TICKET_PRIORITY_KEYS,
                text,
                TicketPriority::Normal,
            )?;
            if priority != t.priority {
                t.priority = priority;
                set_due(t);
            }
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "status",
        label: "ticket_status",
        kind: FieldKind::Select(TICKET_STATUS_KEYS),
        places: Places::TYPED,
        read: |t, _| Value::Text(option_key(&TICKET_STATUSES, TICKET_STATUS_KEYS, t.status).into()),
        write: Some(|t, text| {
            t.status = option_value(
                &TICKET_STATUSES,
                TICKET_STATUS_KEYS,
                text,
                TicketStatus::New,
            )?;
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "assignee",
        label: "assignee",
        kind: FieldKind::Text,
        places: Places::TYPED,
        read: |t, _| text_value(&t.assignee),
        write: super::text!(assignee),
        edit_text: None,
    },
    BuiltinField {
        key: "opened",
        label: "opened",
        kind: FieldKind::Date,
        places: Places::TYPED.but(Places::BULK),
        read: |t, _| Value::Date(t.opened_at.date_naive()),
        write: Some(|t, text| {
            match day(text, Some(t.opened_at))? {
                Some(at) if at != t.opened_at => {
                    t.opened_at = at;
                    set_due(t);
                }
                _ => {}
            }
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "due",
        label: "sla_due",
        kind: FieldKind::Time,
        places: Places::SHOWN,
        read: |_, joined| {
            joined
                .clocks
                .and_then(|clocks| clocks.next_due())
                .map_or(Value::Empty, Value::Time)
        },
        write: None,
        edit_text: None,
    },
    BuiltinField {
        key: "sla",
        label: "service_level",
        kind: FieldKind::Select(SLA_STATE_KEYS),
        places: Places::LIST.and(Places::FILTER).and(Places::SORT),
        read: |_, joined| {
            joined.clocks.map_or(Value::Empty, |clocks| {
                Value::Text(sla_state_key(clocks.state()).into())
            })
        },
        write: None,
        edit_text: None,
    },
    BuiltinField {
        key: "resolved",
        label: "resolved_on",
        kind: FieldKind::Date,
        places: Places::SHOWN.and(Places::FORM).and(Places::IMPORT),
        read: |t, _| {
            t.resolved_at
                .map_or(Value::Empty, |at| Value::Date(at.date_naive()))
        },
        write: Some(|t, text| {
            t.resolved_at = day(text, t.resolved_at)?;
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "satisfaction",
        label: "satisfaction",
        kind: FieldKind::Number,
        places: Places::SHOWN.and(Places::FORM).and(Places::IMPORT),
        read: |t, _| {
            t.satisfaction
                .map_or(Value::Empty, |score| Value::Number(f64::from(score)))
        },
        write: Some(|t, text| {
            t.satisfaction = match whole_number(text)? {
                None => None,
                Some(score) => {
                    Some(u8::try_from(score).map_err(|_| Problem::OutOfRange { min: 1, max: 5 })?)
                }
            };
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "satisfaction_comment",
        label: "satisfaction_comment",
        kind: FieldKind::LongText,
        places: Places::SHOWN.and(Places::FORM).and(Places::IMPORT),
        read: |t, _| text_value(&t.satisfaction_comment),
        write: super::text!(satisfaction_comment),
        edit_text: None,
    },
    BuiltinField {
        key: "description",
        label: "description",
        kind: FieldKind::LongText,
        places: Places::FORM
            .and(Places::EXPORT)
            .and(Places::IMPORT)
            .and(Places::SEARCH),
        read: |t, _| text_value(&t.description),
        write: super::text!(description),
        edit_text: None,
    },
    super::external_id_field!(),
    super::tags_field!(Places::SHOWN
        .and(Places::FORM)
        .and(Places::IMPORT)
        .and(Places::SEARCH)),
    super::time_field!("created", created_at),
    super::time_field!("updated", updated_at),
];

impl Entity for Ticket {
    const KIND: EntityKind = EntityKind::Ticket;
    const STORE: &'static str = "tickets";
    type Joined = TicketJoined;
    const NAME_FIELD: &'static str = "subject";
    const DEFAULT_COLUMNS: &'static [&'static str] =
        &["subject", "customer", "priority", "status", "sla", "due"];

    fn fields() -> &'static [BuiltinField<Ticket>] {
        &FIELDS
    }
    super::record_basics!();
    fn name(&self) -> String {
        self.subject.clone()
    }
    fn reference_keys(&self) -> Vec<String> {
        vec![self.external_id.clone(), self.subject.clone()]
    }
    /// Besides its change time, once stored: a history entry for each of status, priority and
    /// assignee that changed, and the resolution time set when it is resolved (unless typed in
    /// the same edit) and cleared when it is reopened. (The SLA due time follows a changed
    /// priority in the priority field's own write.)
    fn changed_from(&mut self, before: &Ticket, by: &str, at: DateTime<Utc>) {
        self.touch(at);
        // Resolving dates the resolution, reopening clears it, unless a date was typed; also for a
        // ticket opened already resolved.
        let typed = self.resolved_at != before.resolved_at;
        match (before.status.is_open(), self.status.is_open()) {
            (true, false) if !typed => self.resolved_at = Some(at),
            (false, true) if !typed => self.resolved_at = None,
            _ => {}
        }
        // A ticket being opened (never stored) has no history yet: its values are its first.
        if before.revision == 0 {
            return;
        }
        let status = |s| ticket_status_key(s).to_string();
        let priority = |p| option_key(&PRIORITIES, TICKET_PRIORITY_KEYS, p).to_string();
        let changes = [
            (
                TicketField::Status,
                status(before.status),
                status(self.status),
            ),
            (
                TicketField::Priority,
                priority(before.priority),
                priority(self.priority),
            ),
            (
                TicketField::Assignee,
                before.assignee.clone(),
                self.assignee.clone(),
            ),
            (
                TicketField::Satisfaction,
                rating_text(before),
                rating_text(self),
            ),
        ];
        for (field, from, to) in changes.into_iter().filter(|(_, from, to)| from != to) {
            self.history.push(TicketEvent {
                at,
                by: by.to_string(),
                field,
                from,
                to,
            });
        }
    }
    fn blank(at: DateTime<Utc>) -> Ticket {
        let mut ticket = Ticket {
            id: TicketId(0),
            revision: 0,
            uid: Default::default(),
            external_id: String::new(),
            subject: String::new(),
            description: String::new(),
            person_id: None,
            company_id: None,
            channel: TicketChannel::default(),
            assignee: String::new(),
            priority: TicketPriority::Normal,
            status: TicketStatus::New,
            opened_at: at,
            sla_due_at: at,
            resolved_at: None,
            satisfaction: None,
            satisfaction_comment: String::new(),
            first_response_at: None,
            history: Vec::new(),
            tags: Vec::new(),
            custom: BTreeMap::new(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        };
        set_due(&mut ticket);
        ticket
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::fields_of;
    use crate::list::Field;
    use crate::Validate;
    use chrono::TimeZone;

    fn set(ticket: &mut Ticket, key: &'static str, text: &str) -> Result<(), Problem> {
        let field = fields_of::<Ticket>(&[])
            .into_iter()
            .find(|f| f.field() == Field::builtin(key))
            .unwrap();
        field.write(ticket, text)
    }

    fn blank() -> Ticket {
        Ticket::blank(Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap())
    }

    #[test]
    fn the_sla_due_time_follows_the_opening_day_and_the_priority_in_either_order() {
        let mut ticket = blank();
        set(&mut ticket, "opened", "2026-02-10").unwrap();
        set(&mut ticket, "priority", "Urgent").unwrap();
        let due = Utc.with_ymd_and_hms(2026, 2, 10, 4, 0, 0).unwrap();
        assert_eq!(ticket.sla_due_at, due);
        let mut other = blank();
        set(&mut other, "priority", "urgent").unwrap();
        assert_eq!(other.sla_due_at, other.opened_at + TimeDelta::hours(4));
        set(&mut other, "opened", "2026-02-10").unwrap();
        assert_eq!(other.sla_due_at, due);
        // An empty opening day keeps the one it had.
        set(&mut other, "opened", "").unwrap();
        assert_eq!(other.sla_due_at, due);
    }

    #[test]
    fn options_are_read_by_key_and_refused_when_unknown() {
        let mut ticket = blank();
        set(&mut ticket, "channel", "in_person").unwrap();
        set(&mut ticket, "status", "Pending").unwrap();
        assert_eq!(ticket.channel, TicketChannel::InPerson);
        assert_eq!(ticket.status, TicketStatus::Pending);
        assert_eq!(
            set(&mut ticket, "status", "someday"),
            Err(Problem::NotAnOption)
        );
        set(&mut ticket, "status", "").unwrap();
        assert_eq!(ticket.status, TicketStatus::New);
        let read = |t: &Ticket, key| {
            (fields_of::<Ticket>(&[])
                .into_iter()
                .find(|f| f.field() == Field::builtin(key))
                .unwrap())
            .read(t, &TicketJoined::default())
        };
        assert_eq!(read(&ticket, "channel"), Value::Text("in_person".into()));
    }

    #[test]
    fn a_satisfaction_outside_one_to_five_is_refused_by_validation() {
        let mut ticket = blank();
        ticket.subject = "Grinder jams".into();
        set(&mut ticket, "satisfaction", "4").unwrap();
        assert!(ticket.validate().is_ok());
        set(&mut ticket, "satisfaction", "9").unwrap();
        assert!(ticket.validate().is_err());
        assert_eq!(
            set(&mut ticket, "satisfaction", "900"),
            Err(Problem::OutOfRange { min: 1, max: 5 })
        );
        assert_eq!(
            set(&mut ticket, "satisfaction", "four"),
            Err(Problem::InvalidNumber)
        );
    }

    #[test]
    fn a_resolved_day_before_the_opening_day_is_refused_by_validation() {
        let mut ticket = blank();
        ticket.subject = "Late delivery".into();
        set(&mut ticket, "opened", "2026-02-10").unwrap();
        set(&mut ticket, "resolved", "2026-02-09").unwrap();
        assert!(ticket.validate().is_err());
        set(&mut ticket, "resolved", "2026-02-11").unwrap();
        assert!(ticket.validate().is_ok());
    }

    #[test]
    fn every_edit_keeps_its_history_and_resolving_dates_the_resolution() {
        let opened = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let at = |hours| opened + TimeDelta::hours(hours);
        let mut ticket = Ticket::blank(opened);
        // Values given while it is opened are no history.
        let blank = ticket.clone();
        ticket.priority = TicketPriority::Urgent;
        ticket.changed_from(&blank, "Ana", opened);
        assert!(ticket.history.is_empty());
        // One opened already resolved is resolved when opened, with no history either.
        let mut settled = blank.clone();
        settled.status = TicketStatus::Resolved;
        settled.changed_from(&blank, "Ana", at(2));
        assert_eq!(
            (settled.resolved_at, settled.history.len()),
            (Some(at(2)), 0)
        );
        ticket.revision = 1;
        let before = ticket.clone();
        ticket.assignee = "Mia".into();
        ticket.priority = TicketPriority::High;
        ticket.changed_from(&before, "Ana", at(1));
        let event = |field, from: &str, to: &str| TicketEvent {
            at: at(1),
            by: "Ana".into(),
            field,
            from: from.into(),
            to: to.into(),
        };
        assert_eq!(
            ticket.history,
            [
                event(TicketField::Priority, "urgent", "high"),
                event(TicketField::Assignee, "", "Mia"),
            ]
        );
        assert_eq!(
            describe_change(&ticket.history[0]),
            ("priority", Some(Label::Key("urgent")), Label::Key("high"))
        );
        // A reply opens a new ticket and stops the first-response clock; a second does not move it.
        ticket.reply("  On it. ", "Mia", at(2));
        ticket.reply("Fixed?", "Mia", at(3));
        assert_eq!(ticket.status, TicketStatus::Open);
        assert_eq!(ticket.first_response_at, Some(at(2)));
        let fields: Vec<_> = ticket.history[2..]
            .iter()
            .map(|e| (e.field, e.to.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                (TicketField::Status, "open"),
                (TicketField::Reply, "On it."),
                (TicketField::Reply, "Fixed?")
            ]
        );
        assert_eq!(
            describe_change(&ticket.history[3]),
            ("reply", None, Label::Text("On it.".into()))
        );
        // Resolved: dated now; reopened: no longer resolved; the history has both.
        let before = ticket.clone();
        ticket.status = TicketStatus::Resolved;
        ticket.changed_from(&before, "Mia", at(5));
        assert_eq!(ticket.resolved_at, Some(at(5)));
        let before = ticket.clone();
        ticket.status = TicketStatus::Open;
        ticket.changed_from(&before, "", at(9));
        assert_eq!(ticket.resolved_at, None);
        assert_eq!(
            ticket.status_changes(),
            [
                (at(2), TicketStatus::Open),
                (at(5), TicketStatus::Resolved),
                (at(9), TicketStatus::Open)
            ]
        );
    }

    #[test]
    fn the_clocks_run_by_the_history() {
        use crate::sla::{ClockState, Fixed};
        let opened = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let at = |hours| opened + TimeDelta::hours(hours);
        let mut ticket = Ticket {
            revision: 1,
            priority: TicketPriority::Urgent,
            ..Ticket::blank(opened)
        };
        let policy = SlaPolicy::default_for(TicketPriority::Urgent);
        let calendar: Counting<'_, Fixed> = Counting::Calendar;
        // Urgent: first response within an hour, resolution within four.
        let (first, resolve) = ticket.clocks(&policy, calendar, at(2));
        assert_eq!(first.state, ClockState::Breached);
        assert_eq!(resolve.due, Some(at(4)));
        ticket.reply("Looking", "Mia", opened + TimeDelta::minutes(30));
        let before = ticket.clone();
        ticket.status = TicketStatus::Pending;
        ticket.changed_from(&before, "Mia", at(1));
        let (first, resolve) = ticket.clocks(&policy, calendar, at(6));
        assert_eq!(first.state, ClockState::Met);
        assert_eq!(resolve.state, ClockState::Paused);
        let before = ticket.clone();
        ticket.status = TicketStatus::Resolved;
        ticket.changed_from(&before, "Mia", at(7));
        assert_eq!(
            ticket.clocks(&policy, calendar, at(8)).1.state,
            ClockState::Met
        );
    }

    #[test]
    fn resolving_with_a_rating_and_reopening_keep_both_in_the_history() {
        let opened = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let at = |hours| opened + TimeDelta::hours(hours);
        let mut ticket = Ticket {
            revision: 1,
            ..Ticket::blank(opened)
        };
        ticket.resolve(Some((4, " Quick fix ".into())), "Mia", at(2));
        assert_eq!(ticket.status, TicketStatus::Resolved);
        assert_eq!(ticket.resolved_at, Some(at(2)));
        assert_eq!(
            (ticket.satisfaction, ticket.satisfaction_comment.as_str()),
            (Some(4), "Quick fix")
        );
        ticket.reopen("Ana", at(3));
        assert_eq!(
            (ticket.status, ticket.resolved_at),
            (TicketStatus::Open, None)
        );
        assert_eq!(
            ticket.satisfaction,
            Some(4),
            "the rating stays until rated again"
        );
        ticket.resolve(Some((2, String::new())), "Mia", at(5));
        let changes: Vec<_> = ticket.history.iter().map(describe_change).collect();
        assert_eq!(
            changes,
            [
                (
                    "ticket_status",
                    Some(Label::Key("new")),
                    Label::Key("resolved")
                ),
                (
                    "satisfaction",
                    Some(Label::Text(String::new())),
                    Label::Text("4 · Quick fix".into())
                ),
                (
                    "ticket_status",
                    Some(Label::Key("resolved")),
                    Label::Key("open")
                ),
                (
                    "ticket_status",
                    Some(Label::Key("open")),
                    Label::Key("resolved")
                ),
                (
                    "satisfaction",
                    Some(Label::Text("4 · Quick fix".into())),
                    Label::Text("2".into())
                ),
            ]
        );
        // Resolved without a rating: the last one stays.
        ticket.reopen("Ana", at(6));
        ticket.resolve(None, "Mia", at(7));
        assert_eq!(ticket.satisfaction, Some(2));
    }
}
