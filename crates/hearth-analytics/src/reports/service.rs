//! The service report: tickets opened and resolved, the backlog, median first-response and
//! resolution times, SLA compliance and average satisfaction, per week and per assignee, over a
//! date range. Each figure is counted at the event it measures: a response in the week it was
//! given, a resolution (its time, its SLA, its rating) in the week the ticket was resolved.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
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

/// The service report over a range.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ServiceReport {
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

    /// Counts what of `ticket` happened on days `from..=to`, and whether it is open at the end.
    fn count(&mut self, ticket: &TicketFact, from: NaiveDate, to: NaiveDate) {
        let within = |at: DateTime<Utc>| (from..=to).contains(&at.date_naive());
        if within(ticket.opened_at) {
            self.opened += 1;
        }
        if let Some(at) = ticket.first_response_at.filter(|at| within(*at)) {
            self.first_response
                .push((at - ticket.opened_at).num_minutes().max(0));
            if let Some(met) = ticket.first_response_met {
                self.first_response_met.1 += 1;
                self.first_response_met.0 += u32::from(met);
            }
        }
        if let Some(at) = ticket.resolved_at.filter(|at| within(*at)) {
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
        let open_at_end = ticket.opened_at.date_naive() <= to
            && ticket.resolved_at.is_none_or(|at| at.date_naive() > to);
        if open_at_end {
            self.backlog += 1;
        }
    }
}

/// The service report of `tickets` over days `from..=to` (both included; `from` after `to`
/// gives an empty report).
pub fn service_report(tickets: &[TicketFact], from: NaiveDate, to: NaiveDate) -> ServiceReport {
    if from > to {
        return ServiceReport::default();
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
    let monday = from - Days::new(u64::from(from.weekday().num_days_from_monday()));
    let weeks = monday
        .iter_weeks()
        .take_while(|week| *week <= to)
        .map(|week| {
            // The week's days inside the range.
            let (start, end) = (week.max(from), (week + Days::new(6)).min(to));
            let mut tally = Tally::default();
            for ticket in tickets {
                tally.count(ticket, start, end);
            }
            (week, tally.figures())
        })
        .collect();
    ServiceReport {
        total: total.figures(),
        weeks,
        assignees: by_assignee
            .into_iter()
            .filter(|(_, tally)| tally.touched())
            .map(|(name, tally)| (name.to_string(), tally.figures()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, day, hour, 0, 0).unwrap()
    }

    fn date(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, day).unwrap()
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
        let report = service_report(&tickets(), date(1), date(14));
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
        let report = service_report(&tickets(), date(1), date(14));
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
        let from_wednesday = service_report(&tickets(), date(3), date(7));
        assert_eq!(from_wednesday.weeks.len(), 1);
        assert_eq!(from_wednesday.weeks[0].0, date(1));
        assert_eq!(from_wednesday.weeks[0].1.opened, 2);
    }

    #[test]
    fn assignees_each_have_their_own_figures_unassigned_included() {
        let report = service_report(&tickets(), date(1), date(14));
        let names: Vec<_> = report
            .assignees
            .iter()
            .map(|(name, f)| (name.as_str(), f.opened, f.backlog))
            .collect();
        assert_eq!(names, [("", 1, 1), ("ana", 2, 1), ("bo", 1, 0)]);
        // Someone whose tickets all fall after the range is not listed.
        let mut later = tickets();
        later.push(ticket(at(20, 9), "cy"));
        let listed = service_report(&later, date(1), date(14)).assignees.len();
        assert_eq!(listed, 3);
        assert_eq!(
            report.assignees[1].1.median_first_response_minutes,
            Some(60.0)
        );
        // A range with nothing in it, and a reversed one.
        let empty = service_report(&tickets(), date(20), date(21));
        assert_eq!(empty.total.opened, 0);
        assert_eq!(empty.total.backlog, 2);
        assert_eq!(
            service_report(&tickets(), date(9), date(1)),
            ServiceReport::default()
        );
    }
}
