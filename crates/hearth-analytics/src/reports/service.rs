//! The service report: tickets opened and resolved, the backlog, median first-response and
//! resolution times, SLA compliance and average satisfaction, per week and per assignee, over a
//! date range. Each figure is counted at the event it measures: a response in the week it was
//! given, a resolution (its time, its SLA, its rating) in the week the ticket was resolved.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use hearth_domain::model::Ticket;
use hearth_domain::sla::{ClockState, SlaSettings, Zone};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the report needs of one ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFact {
    /// When it was opened.
    pub opened_at: DateTime<Utc>,
    /// When it was first answered.
    pub first_response_at: Option<DateTime<Utc>>,
    /// When it was last resolved (`None` while open).
    pub resolved_at: Option<DateTime<Utc>>,
    /// Who works it, empty while unassigned.
    pub assignee: String,
    /// Its satisfaction rating 1..=5, when rated.
    pub satisfaction: Option<u8>,
    /// Whether the first response met its target, once answered or breached.
    pub first_response_met: Option<bool>,
    /// Whether the resolution met its target, once resolved or breached.
    pub resolution_met: Option<bool>,
}

impl TicketFact {
    /// What the report reads of `ticket` at `now`, its targets judged by its priority's policy
    /// in `settings` (working hours in `zone`).
    pub fn of<Z: Zone>(
        ticket: &Ticket,
        settings: &SlaSettings,
        zone: &Z,
        now: DateTime<Utc>,
    ) -> TicketFact {
        let clocks = settings.clocks(ticket, zone, now);
        let (first, resolve) = (clocks.first_response, clocks.resolution);
        let met = |state: ClockState| match state {
            ClockState::Met => Some(true),
            ClockState::Breached => Some(false),
            ClockState::Running | ClockState::DueSoon | ClockState::Paused => None,
        };
        TicketFact {
            opened_at: ticket.opened_at,
            first_response_at: ticket.first_response_at,
            resolved_at: ticket.resolved_at.filter(|_| !ticket.status.is_open()),
            assignee: ticket.assignee.clone(),
            satisfaction: ticket.satisfaction,
            first_response_met: met(first.state),
            resolution_met: met(resolve.state),
        }
    }
}

/// The figures of one week or one assignee.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ServiceFigures {
    /// Tickets opened.
    pub opened: u32,
    /// Tickets resolved.
    pub resolved: u32,
    /// Tickets open at the end (of the week; of the range for an assignee).
    pub backlog: u32,
    /// Median minutes from opening to the first response, of the responses given.
    pub median_first_response_minutes: Option<f64>,
    /// Median minutes from opening to resolution, of the tickets resolved.
    pub median_resolution_minutes: Option<f64>,
    /// First responses that met their target, of those measured.
    pub first_response_met: (u32, u32),
    /// Resolutions that met their target, of those measured.
    pub resolution_met: (u32, u32),
    /// Average satisfaction of the tickets resolved and rated, with how many were rated.
    pub satisfaction: Option<(f64, u32)>,
}

/// What a service report covers: days `from..=to`, open tickets' clocks read at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ServiceFilter {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// The instant the targets of tickets still open are judged at.
    pub now: DateTime<Utc>,
}

/// The service report over a range.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ServiceReport {
    /// What it covers.
    pub filter: ServiceFilter,
    /// The range's totals (backlog at its end).
    pub total: ServiceFigures,
    /// Each week (its Monday) that touches the range, oldest first, an empty week included.
    pub weeks: Vec<(NaiveDate, ServiceFigures)>,
    /// Each assignee with any ticket in the range (unassigned as an empty name), by name.
    pub assignees: Vec<(String, ServiceFigures)>,
}

/// The median of `values` (sorted here), `None` without any.
fn median(mut values: Vec<i64>) -> Option<f64> {
    values.sort_unstable();
    let middle = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => Some(values[middle] as f64),
        _ => Some((values[middle - 1] + values[middle]) as f64 / 2.0),
    }
}

/// Collects one group's events, then turns them into [`ServiceFigures`].
#[derive(Default)]
struct Tally {
    opened: u32,
    resolved: u32,
    backlog: u32,
    first_response: Vec<i64>,
    resolution: Vec<i64>,
    first_response_met: (u32, u32),
    resolution_met: (u32, u32),
    ratings: Vec<u8>,
}

impl Tally {
    fn figures(self) -> ServiceFigures {
        let rated = self.ratings.len() as u32;
        ServiceFigures {
            opened: self.opened,
            resolved: self.resolved,
            backlog: self.backlog,
            median_first_response_minutes: median(self.first_response),
            median_resolution_minutes: median(self.resolution),
            first_response_met: self.first_response_met,
            resolution_met: self.resolution_met,
            satisfaction: (rated > 0).then(|| {
                let sum: u32 = self.ratings.iter().map(|r| u32::from(*r)).sum();
                (f64::from(sum) / f64::from(rated), rated)
            }),
        }
    }

    /// Whether anything was counted: a ticket opened, answered or resolved, or one open.
    fn touched(&self) -> bool {
        self.opened + self.resolved + self.backlog > 0 || !self.first_response.is_empty()
    }

    /// Counts `ticket`'s opening.
    fn open(&mut self) {
        self.opened += 1;
    }

    /// Counts `ticket`'s first response (it has one).
    fn respond(&mut self, ticket: &TicketFact, at: DateTime<Utc>) {
        self.first_response
            .push((at - ticket.opened_at).num_minutes().max(0));
        if let Some(met) = ticket.first_response_met {
            self.first_response_met.1 += 1;
            self.first_response_met.0 += u32::from(met);
        }
    }

    /// Counts `ticket`'s resolution (it has one), its target and its rating.
    fn resolve(&mut self, ticket: &TicketFact, at: DateTime<Utc>) {
        self.resolved += 1;
        self.resolution
            .push((at - ticket.opened_at).num_minutes().max(0));
        if let Some(met) = ticket.resolution_met {
            self.resolution_met.1 += 1;
            self.resolution_met.0 += u32::from(met);
        }
        self.ratings
            .extend(ticket.satisfaction.filter(|r| (1..=5).contains(r)));
    }

    /// Counts what of `ticket` happened on days `from..=to`, and whether it is open at the end.
    fn count(&mut self, ticket: &TicketFact, from: NaiveDate, to: NaiveDate) {
        let within = |at: DateTime<Utc>| (from..=to).contains(&at.date_naive());
        if within(ticket.opened_at) {
            self.open();
        }
        if let Some(at) = ticket.first_response_at.filter(|at| within(*at)) {
            self.respond(ticket, at);
        }
        if let Some(at) = ticket.resolved_at.filter(|at| within(*at)) {
            self.resolve(ticket, at);
        }
        if ticket.opened_at.date_naive() <= to
            && ticket.resolved_at.is_none_or(|at| at.date_naive() > to)
        {
            self.backlog += 1;
        }
    }
}

/// The service report of `tickets` over the filter's days (both ends included; a first day after
/// the last gives an empty report).
pub fn service_report(tickets: &[TicketFact], filter: ServiceFilter) -> ServiceReport {
    let ServiceFilter { from, to, .. } = filter;
    if from > to {
        return ServiceReport {
            filter,
            ..ServiceReport::default()
        };
    }
    let mut total = Tally::default();
    let mut by_assignee: BTreeMap<&str, Tally> = BTreeMap::new();
    for ticket in tickets {
        total.count(ticket, from, to);
        by_assignee
            .entry(ticket.assignee.as_str())
            .or_default()
            .count(ticket, from, to);
    }
    ServiceReport {
        filter,
        total: total.figures(),
        weeks: weekly(tickets, from, to),
        assignees: by_assignee
            .into_iter()
            .filter(|(_, tally)| tally.touched())
            .map(|(name, tally)| (name.to_string(), tally.figures()))
            .collect(),
    }
}

/// Each week of days `from..=to` (`from <= to`) with its figures, in one pass over the tickets:
/// each event goes to the week it happened in, and a ticket adds to the backlog of every week
/// that ends while it is open (from the week it was opened to the one before it was resolved).
fn weekly(
    tickets: &[TicketFact],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, ServiceFigures)> {
    let monday = from - Days::new(u64::from(from.weekday().num_days_from_monday()));
    let count = usize::try_from((to - monday).num_days() / 7 + 1).unwrap_or(0);
    let week_of = |day: NaiveDate| usize::try_from((day - monday).num_days() / 7).unwrap_or(0);
    let in_range =
        |at: DateTime<Utc>| Some(at.date_naive()).filter(|day| (from..=to).contains(day));
    let mut tallies: Vec<Tally> = (0..count).map(|_| Tally::default()).collect();
    // Backlog by difference: +1 at the first week a ticket is open at the end of, −1 after the last.
    let mut backlog_change = vec![0_i64; count + 1];
    for ticket in tickets {
        if let Some(day) = in_range(ticket.opened_at) {
            tallies[week_of(day)].open();
        }
        if let Some(at) = ticket.first_response_at {
            if let Some(day) = in_range(at) {
                tallies[week_of(day)].respond(ticket, at);
            }
        }
        if let Some(at) = ticket.resolved_at {
            if let Some(day) = in_range(at) {
                tallies[week_of(day)].resolve(ticket, at);
            }
        }
        let opened = ticket.opened_at.date_naive();
        if opened > to {
            continue;
        }
        let first = if opened < from { 0 } else { week_of(opened) };
        // Resolved in week w: open at the end of the weeks before it only.
        let end = match ticket.resolved_at.map(|at| at.date_naive()) {
            Some(day) if day < from => 0,
            Some(day) if day <= to => week_of(day),
            _ => count,
        };
        if first < end {
            backlog_change[first] += 1;
            backlog_change[end] -= 1;
        }
    }
    let mut backlog = 0;
    monday
        .iter_weeks()
        .zip(tallies)
        .zip(backlog_change)
        .map(|((week, mut tally), change)| {
            backlog += change;
            tally.backlog = u32::try_from(backlog).unwrap_or(0);
            (week, tally.figures())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, day, hour, 0, 0).unwrap()
    }

    fn date(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, day).unwrap()
    }

    fn range(from: NaiveDate, to: NaiveDate) -> ServiceFilter {
        ServiceFilter {
            from,
            to,
            now: at(28, 0),
        }
    }

    fn ticket(opened: DateTime<Utc>, assignee: &str) -> TicketFact {
        TicketFact {
            opened_at: opened,
            first_response_at: None,
            resolved_at: None,
            assignee: assignee.into(),
            satisfaction: None,
            first_response_met: None,
            resolution_met: None,
        }
    }

    /// Four tickets in the weeks of Monday 1 and Monday 8 June 2026.
    fn tickets() -> Vec<TicketFact> {
        vec![
            // Answered in an hour, resolved in a day, rated 5, both in time.
            TicketFact {
                first_response_at: Some(at(1, 10)),
                resolved_at: Some(at(2, 9)),
                satisfaction: Some(5),
                first_response_met: Some(true),
                resolution_met: Some(true),
                ..ticket(at(1, 9), "ana")
            },
            // Answered after three hours (late), resolved the next week, rated 2, late.
            TicketFact {
                first_response_at: Some(at(3, 12)),
                resolved_at: Some(at(9, 9)),
                satisfaction: Some(2),
                first_response_met: Some(false),
                resolution_met: Some(false),
                ..ticket(at(3, 9), "bo")
            },
            // Still open, unanswered.
            ticket(at(4, 9), "ana"),
            // Opened in the second week, unassigned, answered in two hours.
            TicketFact {
                first_response_at: Some(at(10, 11)),
                first_response_met: Some(true),
                ..ticket(at(10, 9), "")
            },
        ]
    }

    #[test]
    fn totals_count_each_event_once_with_medians_and_compliance() {
        let report = service_report(&tickets(), range(date(1), date(14)));
        let total = &report.total;
        assert_eq!((total.opened, total.resolved, total.backlog), (4, 2, 2));
        // Responses after 60, 180 and 120 minutes.
        assert_eq!(total.median_first_response_minutes, Some(120.0));
        // Resolutions after 24 h and 6 days.
        assert_eq!(
            total.median_resolution_minutes,
            Some((24.0 * 60.0 + 6.0 * 24.0 * 60.0) / 2.0)
        );
        assert_eq!(total.first_response_met, (2, 3));
        assert_eq!(total.resolution_met, (1, 2));
        assert_eq!(total.satisfaction, Some((3.5, 2)));
    }

    #[test]
    fn weeks_count_events_in_the_week_they_happen_and_the_backlog_at_its_end() {
        let report = service_report(&tickets(), range(date(1), date(14)));
        let weeks: Vec<_> = report
            .weeks
            .iter()
            .map(|(monday, f)| (monday.day(), f.opened, f.resolved, f.backlog))
            .collect();
        assert_eq!(weeks, [(1, 3, 1, 2), (8, 1, 1, 2)]);
        // The late resolution and its rating belong to the second week.
        assert_eq!(report.weeks[1].1.resolution_met, (0, 1));
        assert_eq!(report.weeks[1].1.satisfaction, Some((2.0, 1)));
        // A range starting mid-week still has that week, counted from the range's first day.
        let from_wednesday = service_report(&tickets(), range(date(3), date(7)));
        assert_eq!(from_wednesday.weeks.len(), 1);
        assert_eq!(from_wednesday.weeks[0].0, date(1));
        assert_eq!(from_wednesday.weeks[0].1.opened, 2);
    }

    #[test]
    fn assignees_each_have_their_own_figures_unassigned_included() {
        let report = service_report(&tickets(), range(date(1), date(14)));
        let names: Vec<_> = report
            .assignees
            .iter()
            .map(|(name, f)| (name.as_str(), f.opened, f.backlog))
            .collect();
        assert_eq!(names, [("", 1, 1), ("ana", 2, 1), ("bo", 1, 0)]);
        // Someone whose tickets all fall after the range is not listed.
        let mut later = tickets();
        later.push(ticket(at(20, 9), "cy"));
        let listed = service_report(&later, range(date(1), date(14)))
            .assignees
            .len();
        assert_eq!(listed, 3);
        assert_eq!(
            report.assignees[1].1.median_first_response_minutes,
            Some(60.0)
        );
        // A range with nothing in it, and a reversed one.
        let empty = service_report(&tickets(), range(date(20), date(21)));
        assert_eq!(empty.total.opened, 0);
        assert_eq!(empty.total.backlog, 2);
        let reversed = service_report(&tickets(), range(date(9), date(1)));
        assert_eq!(
            (reversed.total, reversed.weeks.len()),
            (ServiceFigures::default(), 0)
        );
    }

    /// The weeks as counted one by one, each over the whole list: what `weekly` does in one pass.
    fn weeks_one_by_one(
        tickets: &[TicketFact],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<(NaiveDate, ServiceFigures)> {
        let monday = from - Days::new(u64::from(from.weekday().num_days_from_monday()));
        monday
            .iter_weeks()
            .take_while(|week| *week <= to)
            .map(|week| {
                let (start, end) = (week.max(from), (week + Days::new(6)).min(to));
                let mut tally = Tally::default();
                for ticket in tickets {
                    tally.count(ticket, start, end);
                }
                (week, tally.figures())
            })
            .collect()
    }

    proptest! {
        #[test]
        fn one_pass_weeks_equal_weeks_counted_one_by_one(
            events in proptest::collection::vec(
                (0..60u32, proptest::option::of(0..2_000u32), proptest::option::of(0..3_000u32), 0..3u8),
                0..40,
            ),
            from_day in 0..50u32,
            days in 0..40u32,
        ) {
            let start = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
            let tickets: Vec<TicketFact> = events
                .iter()
                .map(|&(opened_day, response_hours, resolve_hours, who)| {
                    let opened = start + chrono::Duration::days(i64::from(opened_day));
                    TicketFact {
                        first_response_at: response_hours.map(|h| opened + chrono::Duration::hours(i64::from(h % 200))),
                        resolved_at: resolve_hours.map(|h| opened + chrono::Duration::hours(i64::from(h))),
                        first_response_met: response_hours.map(|h| h % 2 == 0),
                        resolution_met: resolve_hours.map(|h| h % 3 == 0),
                        satisfaction: resolve_hours.map(|h| (h % 5) as u8 + 1),
                        ..ticket(opened, ["ana", "bo", ""][usize::from(who)])
                    }
                })
                .collect();
            let from = start.date_naive() + Days::new(u64::from(from_day));
            let to = from + Days::new(u64::from(days));
            prop_assert_eq!(weekly(&tickets, from, to), weeks_one_by_one(&tickets, from, to));
        }
    }

    #[test]
    fn a_ticket_is_read_with_its_clocks_under_its_policy() {
        use hearth_domain::entity::Entity;
        use hearth_domain::model::{TicketPriority, TicketStatus};
        use hearth_domain::sla::Fixed;
        let ticket = Ticket {
            priority: TicketPriority::Urgent,
            status: TicketStatus::Resolved,
            first_response_at: Some(at(1, 10)),
            resolved_at: Some(at(3, 9)),
            satisfaction: Some(4),
            assignee: "ana".into(),
            ..Ticket::blank(at(1, 9))
        };
        let settings = SlaSettings::default();
        let fact = TicketFact::of(&ticket, &settings, &Fixed(0), at(5, 9));
        // Urgent: answer within a quarter of the resolution target, which two days exceed.
        assert_eq!(fact.resolution_met, Some(false));
        assert_eq!(fact.resolved_at, Some(at(3, 9)));
        assert_eq!(
            (fact.satisfaction, fact.assignee.as_str()),
            (Some(4), "ana")
        );
        // Reopened: no resolution counted while it is open again.
        let reopened = Ticket {
            status: TicketStatus::Open,
            ..ticket
        };
        let fact = TicketFact::of(&reopened, &settings, &Fixed(0), at(5, 9));
        assert_eq!(fact.resolved_at, None);
    }
}
