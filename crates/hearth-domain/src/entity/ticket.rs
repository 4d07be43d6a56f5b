//! A ticket's fields.

use super::{
    option_key, option_value, reference_id, text_value, whole_number, BuiltinField, Entity,
    FieldKind, Parties, Places,
};
use crate::list::Value;
use crate::model::{CustomValue, EntityKind, Ticket, TicketChannel, TicketPriority, TicketStatus};
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
const STATUSES: [TicketStatus; 5] = [
    TicketStatus::New,
    TicketStatus::Open,
    TicketStatus::Pending,
    TicketStatus::Resolved,
    TicketStatus::Closed,
];

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

static FIELDS: [BuiltinField<Ticket>; 16] = [
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
        read: |t, _| Value::Text(option_key(&PRIORITIES, TICKET_PRIORITY_KEYS, t.priority).into()),
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
        read: |t, _| Value::Text(option_key(&STATUSES, TICKET_STATUS_KEYS, t.status).into()),
        write: Some(|t, text| {
            t.status = option_value(&STATUSES, TICKET_STATUS_KEYS, text, TicketStatus::New)?;
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
        read: |t, _| Value::Time(t.sla_due_at),
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
    type Joined = Parties;
    const NAME_FIELD: &'static str = "subject";
    const DEFAULT_COLUMNS: &'static [&'static str] =
        &["subject", "customer", "priority", "status", "opened", "due"];

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
            .read(t, &Parties::default())
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
}
