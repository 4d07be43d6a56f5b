//! Service-level clocks: when a ticket's first response and its resolution are due under its
//! priority's policy, counted in calendar time or in business hours (working days, opening hours
//! in a time zone, holidays), the resolution clock optionally paused while the ticket waits on the
//! customer, and whether each clock is running, due soon, met or breached at `now`.
//!
//! Time zones are the caller's: the engine asks a [`Zone`] for the UTC offset at an instant (the
//! page asks the browser, tests a zone database), so daylight-saving changes fall where the zone
//! says and this crate carries no zone data.

use crate::model::{Ticket, TicketPriority, TicketStatus};
use crate::validate::{FieldError, Problem};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// A time zone's rules: its offset from UTC, in seconds east, at an instant.
pub trait Zone {
    /// Seconds to add to UTC to get the local time at `at`.
    fn offset_seconds(&self, at: DateTime<Utc>) -> i32;
}

/// `at` as a day and time in `zone`, with its offset from UTC: "2026-12-07 18:00 UTC+8",
/// "2026-12-07 06:30 UTC-3:30", "2026-12-07 10:00 UTC" where the offset is none.
pub fn local_time_text(at: DateTime<Utc>, zone: &impl Zone) -> String {
    let offset = zone.offset_seconds(at);
    let local = at.naive_utc() + Duration::seconds(i64::from(offset));
    let minutes = offset.unsigned_abs() / 60;
    let sign = if offset < 0 { '-' } else { '+' };
    let offset = match (minutes / 60, minutes % 60) {
        (0, 0) => String::new(),
        (hours, 0) => format!("{sign}{hours}"),
        (hours, minutes) => format!("{sign}{hours}:{minutes:02}"),
    };
    format!("{} UTC{offset}", local.format("%Y-%m-%d %H:%M"))
}

/// A zone always the same number of seconds east of UTC (`Fixed(0)`: UTC itself).
#[derive(Debug, Clone, Copy, Default)]
pub struct Fixed(pub i32);

impl Zone for Fixed {
    fn offset_seconds(&self, _: DateTime<Utc>) -> i32 {
        self.0
    }
}

/// When the team works: the weekdays (Monday first), the local opening hours of each of them,
/// and the days it does not work although they are working weekdays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessHours {
    /// Which weekdays are working days, Monday first.
    pub weekdays: [bool; 7],
    /// Local time the working day starts.
    pub opens: NaiveTime,
    /// Local time it ends (after `opens`).
    pub closes: NaiveTime,
    /// Local dates with no work.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
}

impl Default for BusinessHours {
    /// Monday to Friday, 9:00 to 17:00, no holidays.
    fn default() -> BusinessHours {
        BusinessHours {
            weekdays: [true, true, true, true, true, false, false],
            opens: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            closes: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
            holidays: Vec::new(),
        }
    }
}

/// Local time `local` in `zone` as UTC, disambiguated as calendars do ("compatible"): a local
/// time that happens twice (clocks turned back) is the first of them; one that never happens
/// (clocks turned forward) is read with the offset before the change, so it falls after it.
fn utc_of(local: NaiveDateTime, zone: &impl Zone) -> DateTime<Utc> {
    let naive = local.and_utc();
    let offset_at = |at: DateTime<Utc>| Duration::seconds(i64::from(zone.offset_seconds(at)));
    // The offsets in force a day either side: the only ones a local time can mean.
    let before = offset_at(naive - Duration::hours(26));
    let after = offset_at(naive + Duration::hours(26));
    [before, after]
        .into_iter()
        .map(|offset| naive - offset)
        .filter(|&utc| offset_at(utc) == naive - utc)
        .min()
        .unwrap_or(naive - before)
}

impl BusinessHours {
    /// Whether the team works on local date `day`.
    pub fn works_on(&self, day: NaiveDate) -> bool {
        self.weekdays[day.weekday().num_days_from_monday() as usize]
            && !self.holidays.contains(&day)
    }

    /// Whether these hours contain any working time at all.
    pub fn has_time(&self) -> bool {
        self.opens < self.closes && self.weekdays.contains(&true)
    }

    /// The working windows, as UTC instants, of the local days from the one holding `from` on,
    /// each cut to start no earlier than `from`; at most `days` days are looked at, one at a
    /// time as they are asked for (a clock due tomorrow reads two days, not the horizon).
    fn windows<'a, Z: Zone>(
        &'a self,
        from: DateTime<Utc>,
        zone: &'a Z,
        days: u32,
    ) -> impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>)> + 'a {
        let local = from + Duration::seconds(i64::from(zone.offset_seconds(from)));
        local
            .date_naive()
            .iter_days()
            .take(days as usize)
            .filter(|day| self.works_on(*day))
            .filter_map(move |day| {
                let opens = utc_of(day.and_time(self.opens), zone).max(from);
                let closes = utc_of(day.and_time(self.closes), zone);
                (opens < closes).then_some((opens, closes))
            })
    }
}

/// How far ahead a clock is looked for: a target further away than this in working time is
/// treated as never due (a policy of years, or hours with almost no working time).
const HORIZON_DAYS: u32 = 3 * 366;

/// How time is counted for a policy's targets.
pub enum Counting<'a, Z: Zone> {
    /// Every minute of the day.
    Calendar,
    /// Only the working hours, in the zone.
    Business(&'a BusinessHours, &'a Z),
}

// Only references inside: copied whatever the zone type is.
impl<Z: Zone> Clone for Counting<'_, Z> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Z: Zone> Copy for Counting<'_, Z> {}

impl<Z: Zone> Counting<'_, Z> {
    /// The instant `span` of counted time after `from`; `None` if it is beyond the horizon.
    pub fn add(&self, from: DateTime<Utc>, span: Duration) -> Option<DateTime<Utc>> {
        match self {
            Counting::Calendar => from.checked_add_signed(span),
            Counting::Business(hours, zone) => {
                if !hours.has_time() {
                    return None;
                }
                let mut left = span;
                for (start, end) in hours.windows(from, *zone, HORIZON_DAYS) {
                    if left <= end - start {
                        return Some(start + left);
                    }
                    left -= end - start;
                }
                None
            }
        }
    }

    /// Counted time from `from` to `to` (zero if `to` is not after `from`).
    pub fn between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        if to <= from {
            return Duration::zero();
        }
        match self {
            Counting::Calendar => to - from,
            Counting::Business(hours, zone) => {
                // Local dates run up to a day ahead of UTC ones at either end: `to`'s local date
                // can be the whole days between, rounded up, and one more after `from`'s.
                let days = ((to - from).num_days() + 3).clamp(1, i64::from(HORIZON_DAYS));
                hours
                    .windows(from, *zone, days as u32)
                    .take_while(|(start, _)| *start < to)
                    .map(|(start, end)| end.min(to) - start)
                    .fold(Duration::zero(), |sum, span| sum + span)
            }
        }
    }
}

/// A priority's targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaPolicy {
    /// The priority it applies to.
    pub priority: TicketPriority,
    /// Minutes from opening to the first response.
    pub first_response_minutes: u32,
    /// Minutes from opening to resolution.
    pub resolution_minutes: u32,
    /// Whether the minutes are working minutes ([`BusinessHours`]) rather than calendar ones.
    pub business_hours: bool,
    /// Whether the resolution clock stops while the ticket is pending (waiting on the customer).
    pub pause_when_pending: bool,
}

impl SlaPolicy {
    /// The policy a workspace starts with for `priority`: resolution within the priority's
    /// hours ([`TicketPriority::sla_hours`]: urgent 4, high 8, normal 24, low 72), a first
    /// response within a quarter of them, in calendar time, pending pausing resolution.
    pub fn default_for(priority: TicketPriority) -> SlaPolicy {
        let resolve = u32::try_from(priority.sla_hours() * 60).unwrap_or(u32::MAX);
        SlaPolicy {
            priority,
            first_response_minutes: resolve / 4,
            resolution_minutes: resolve,
            business_hours: false,
            pause_when_pending: true,
        }
    }
}

/// Where a clock stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockState {
    /// Running, with more than the warning share of its target left.
    Running,
    /// Running with little left: a fifth of the target or less.
    DueSoon,
    /// Stopped while the ticket waits on the customer.
    Paused,
    /// Stopped in time.
    Met,
    /// Past its due time, stopped late or not stopped yet.
    Breached,
}

impl ClockState {
    /// How pressing it is, from met (0) to breached (4).
    pub fn urgency(self) -> u8 {
        match self {
            ClockState::Met => 0,
            ClockState::Paused => 1,
            ClockState::Running => 2,
            ClockState::DueSoon => 3,
            ClockState::Breached => 4,
        }
    }
}

/// One clock of a ticket at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// When the target is reached as things stand: `None` while paused or beyond the horizon.
    pub due: Option<DateTime<Utc>>,
    /// Its state.
    pub state: ClockState,
}

/// A running clock says "due soon" once this share of its target or less is left (a fifth).
const DUE_SOON_SHARE: i32 = 5;

/// Running or due soon, by the counted time `left` of `target`.
fn running_state(target: Duration, left: Duration) -> ClockState {
    if left <= target / DUE_SOON_SHARE {
        ClockState::DueSoon
    } else {
        ClockState::Running
    }
}

/// The first-response clock of a ticket opened at `opened` and first answered at `responded`
/// (a reply logged on it), at `now`.
pub fn first_response<Z: Zone>(
    policy: &SlaPolicy,
    counting: Counting<'_, Z>,
    opened: DateTime<Utc>,
    responded: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Clock {
    let target = Duration::minutes(i64::from(policy.first_response_minutes));
    let due = counting.add(opened, target);
    let state = match (responded.filter(|at| *at <= now), due) {
        (Some(at), Some(due)) if at > due => ClockState::Breached,
        (Some(_), _) => ClockState::Met,
        (None, Some(due)) if now >= due => ClockState::Breached,
        (None, _) => running_state(target, target - counting.between(opened, now)),
    };
    Clock { due, state }
}

/// The resolution clock of a ticket opened at `opened` whose status changed as `changes` say
/// (each the instant and the status it took, in time order; the status before the first change
/// is new), at `now`. Pending pauses it when the policy says so; resolved or closed stops it, and
/// a reopened ticket's clock runs on from where it stopped. `due` is when the target was or will
/// be reached: `None` while paused, and when the ticket was resolved in time.
pub fn resolution<Z: Zone>(
    policy: &SlaPolicy,
    counting: Counting<'_, Z>,
    opened: DateTime<Utc>,
    changes: &[(DateTime<Utc>, TicketStatus)],
    now: DateTime<Utc>,
) -> Clock {
    let target = Duration::minutes(i64::from(policy.resolution_minutes));
    let runs = |status: TicketStatus| {
        status.is_open() && !(policy.pause_when_pending && status == TicketStatus::Pending)
    };
    // The stretches of time the ticket spent in each status; the last one is still going on.
    let mut stretches: Vec<(DateTime<Utc>, Option<DateTime<Utc>>, TicketStatus)> = Vec::new();
    let mut since = opened;
    let mut status = TicketStatus::New;
    for &(at, next) in changes.iter().filter(|(at, _)| *at <= now) {
        let at = at.max(opened);
        stretches.push((since, Some(at), status));
        (since, status) = (at, next);
    }
    stretches.push((since, None, status));
    let mut spent = Duration::zero();
    let mut due = None;
    for &(start, end, _) in stretches.iter().filter(|(_, _, status)| runs(*status)) {
        if due.is_none() {
            // The instant the target is reached if this stretch lasts long enough.
            due = counting
                .add(start, target - spent)
                .filter(|reached| end.is_none_or(|end| *reached <= end));
        }
        spent += counting.between(start, end.unwrap_or(now));
    }
    let state = match due {
        Some(due) if due <= now => ClockState::Breached,
        _ if !status.is_open() => ClockState::Met,
        _ if !runs(status) => ClockState::Paused,
        _ => running_state(target, target - spent),
    };
    Clock { due, state }
}

/// Every priority, least urgent first: the rows of the policy table.
pub const PRIORITIES: [TicketPriority; 4] = [
    TicketPriority::Low,
    TicketPriority::Normal,
    TicketPriority::High,
    TicketPriority::Urgent,
];

/// A workspace's service levels: a policy per priority, the team's working hours and the time
/// zone they are in. Kept with the workspace, read by the ticket pages, the lists, the dashboard
/// and the service report alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaSettings {
    /// The policies by priority; a priority without one has [`SlaPolicy::default_for`] it.
    pub policies: Vec<SlaPolicy>,
    /// When the team works, for the policies counted in business hours.
    pub hours: BusinessHours,
    /// The IANA name of the zone the hours are in (`Asia/Shanghai`); empty: the browser's own.
    #[serde(default)]
    pub zone: String,
}

impl Default for SlaSettings {
    /// Each priority's default policy, Monday to Friday 9:00–17:00 in the browser's zone.
    fn default() -> SlaSettings {
        SlaSettings {
            policies: PRIORITIES.map(SlaPolicy::default_for).to_vec(),
            hours: BusinessHours::default(),
            zone: String::new(),
        }
    }
}

impl SlaSettings {
    /// The key the settings are kept under with the workspace's other facts.
    pub const KEY: &'static str = "sla";

    /// The policy for `priority`.
    pub fn policy(&self, priority: TicketPriority) -> SlaPolicy {
        self.policies
            .iter()
            .find(|policy| policy.priority == priority)
            .cloned()
            .unwrap_or_else(|| SlaPolicy::default_for(priority))
    }

    /// `ticket`'s two clocks at `now` under its priority's policy, counted in business hours in
    /// `zone` when the policy says so.
    pub fn clocks<Z: Zone>(&self, ticket: &Ticket, zone: &Z, now: DateTime<Utc>) -> TicketClocks {
        let policy = self.policy(ticket.priority);
        let counting = if policy.business_hours {
            Counting::Business(&self.hours, zone)
        } else {
            Counting::Calendar
        };
        let (first_response, resolution) = ticket.clocks(&policy, counting, now);
        TicketClocks {
            first_response,
            resolution,
            awaiting_reply: ticket.first_response_at.is_none_or(|at| at > now),
            open: ticket.status.is_open(),
        }
    }

    /// Every setting that cannot be kept, named by its field (`policies[2].resolution_minutes`,
    /// `hours.closes`): targets of at least a minute and at most a year, and working hours with
    /// working time in them when a policy counts by them.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        const YEAR_MINUTES: i64 = 366 * 24 * 60;
        let mut errors = Vec::new();
        for (at, policy) in self.policies.iter().enumerate() {
            for (name, minutes) in [
                ("first_response_minutes", policy.first_response_minutes),
                ("resolution_minutes", policy.resolution_minutes),
            ] {
                if !(1..=YEAR_MINUTES).contains(&i64::from(minutes)) {
                    errors.push(FieldError {
                        field: format!("policies[{at}].{name}"),
                        problem: Problem::OutOfRange {
                            min: 1,
                            max: YEAR_MINUTES,
                        },
                    });
                }
            }
        }
        if self.policies.iter().any(|policy| policy.business_hours) {
            if self.hours.opens >= self.hours.closes {
                errors.push(FieldError {
                    field: "hours.closes".into(),
                    problem: Problem::EndBeforeStart,
                });
            }
            if !self.hours.weekdays.contains(&true) {
                errors.push(FieldError {
                    field: "hours.weekdays".into(),
                    problem: Problem::Required,
                });
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// A ticket's first-response and resolution clocks, and what they say together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketClocks {
    /// Until the first reply.
    pub first_response: Clock,
    /// Until resolved.
    pub resolution: Clock,
    /// Whether no reply was logged yet: its first-response clock still runs (or ran out).
    pub awaiting_reply: bool,
    /// Whether the ticket is still open: its resolution clock runs, is paused or ran out.
    pub open: bool,
}

impl TicketClocks {
    /// The state that matters most: breached if either clock is, then due soon, running, paused,
    /// and met once both are.
    pub fn state(&self) -> ClockState {
        [self.first_response.state, self.resolution.state]
            .into_iter()
            .max_by_key(|state| state.urgency())
            .unwrap_or(ClockState::Met)
    }

    /// When the next target falls due: the earlier due time of the clocks not stopped (one
    /// that ran out is due in the past); `None` when both are stopped or paused.
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        let first = self
            .first_response
            .due
            .filter(|_| self.open && self.awaiting_reply);
        let resolve = self
            .resolution
            .due
            .filter(|_| self.open && self.resolution.state != ClockState::Paused);
        first.into_iter().chain(resolve).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Offset, TimeZone};
    use proptest::prelude::*;

    /// A real zone's rules, from the zone database.
    struct Tz(chrono_tz::Tz);

    impl Zone for Tz {
        fn offset_seconds(&self, at: DateTime<Utc>) -> i32 {
            self.0
                .offset_from_utc_datetime(&at.naive_utc())
                .fix()
                .local_minus_utc()
        }
    }

    const BERLIN: Tz = Tz(chrono_tz::Europe::Berlin);

    #[test]
    fn a_time_is_written_in_its_zone_with_the_offset() {
        let at = utc(2026, 12, 7, 10, 0);
        assert_eq!(local_time_text(at, &Fixed(0)), "2026-12-07 10:00 UTC");
        assert_eq!(
            local_time_text(at, &Fixed(8 * 3600)),
            "2026-12-07 18:00 UTC+8"
        );
        assert_eq!(
            local_time_text(at, &Fixed(-(3 * 3600 + 1800))),
            "2026-12-07 06:30 UTC-3:30"
        );
        assert_eq!(
            local_time_text(at, &Fixed(-11 * 3600)),
            "2026-12-06 23:00 UTC-11"
        );
        // Berlin in winter and in summer.
        assert_eq!(local_time_text(at, &BERLIN), "2026-12-07 11:00 UTC+1");
        let summer = utc(2026, 7, 1, 10, 0);
        assert_eq!(local_time_text(summer, &BERLIN), "2026-07-01 12:00 UTC+2");
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn hours(opens: u32, closes: u32, weekdays: [bool; 7]) -> BusinessHours {
        BusinessHours {
            weekdays,
            opens: NaiveTime::from_hms_opt(opens, 0, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(closes, 0, 0).unwrap(),
            holidays: Vec::new(),
        }
    }

    fn policy(first: u32, resolve: u32, pause: bool) -> SlaPolicy {
        SlaPolicy {
            priority: TicketPriority::Urgent,
            first_response_minutes: first,
            resolution_minutes: resolve,
            business_hours: false,
            pause_when_pending: pause,
        }
    }

    const CALENDAR: Counting<'static, Fixed> = Counting::Calendar;

    #[test]
    fn working_hours_skip_the_weekend_and_holidays() {
        let week = BusinessHours::default();
        let counting = Counting::Business(&week, &BERLIN);
        // Friday 6 March 2026, 16:00 in Berlin (UTC+1): one hour on Friday, three on Monday.
        let friday = utc(2026, 3, 6, 15, 0);
        assert_eq!(
            counting.add(friday, Duration::hours(4)),
            Some(utc(2026, 3, 9, 11, 0))
        );
        assert_eq!(
            counting.between(friday, utc(2026, 3, 9, 11, 0)),
            Duration::hours(4)
        );
        // Opened on Saturday: the clock starts on Monday at nine.
        assert_eq!(
            counting.add(utc(2026, 3, 7, 10, 0), Duration::minutes(30)),
            Some(utc(2026, 3, 9, 8, 30))
        );
        // Monday a holiday: Tuesday instead.
        let with_holiday = BusinessHours {
            holidays: vec![NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()],
            ..BusinessHours::default()
        };
        let counting = Counting::Business(&with_holiday, &BERLIN);
        assert_eq!(
            counting.add(friday, Duration::hours(4)),
            Some(utc(2026, 3, 10, 11, 0))
        );
        // No working time at all: never due.
        let never = hours(9, 17, [false; 7]);
        assert_eq!(
            Counting::Business(&never, &BERLIN).add(friday, Duration::hours(1)),
            None
        );
    }

    #[test]
    fn opening_hours_follow_daylight_saving_time() {
        // Berlin moves to summer time on Sunday 29 March 2026: the working day after starts at
        // 9:00 local, which is 7:00 UTC, no longer 8:00.
        let week = BusinessHours::default();
        let counting = Counting::Business(&week, &BERLIN);
        assert_eq!(
            counting.add(utc(2026, 3, 27, 15, 0), Duration::hours(2)),
            Some(utc(2026, 3, 30, 8, 0))
        );
        // Hours 1:00 to 5:00 every day: the night the clocks go forward has three real hours,
        // the night they go back five.
        let nights = hours(1, 5, [true; 7]);
        let counting = Counting::Business(&nights, &BERLIN);
        assert_eq!(
            counting.between(utc(2026, 3, 29, 0, 0), utc(2026, 3, 29, 12, 0)),
            Duration::hours(3)
        );
        assert_eq!(
            counting.add(utc(2026, 3, 29, 0, 0), Duration::minutes(210)),
            Some(utc(2026, 3, 29, 23, 30))
        );
        assert_eq!(
            counting.between(utc(2026, 10, 24, 12, 0), utc(2026, 10, 25, 12, 0)),
            Duration::hours(5)
        );
    }

    #[test]
    fn a_skipped_local_time_falls_after_the_jump_and_a_repeated_one_is_the_first() {
        let local = |d, h, m| {
            NaiveDate::from_ymd_opt(2026, 3, d)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        // 2:30 on 29 March does not exist in Berlin: read with winter time, it is 3:30 summer time.
        assert_eq!(utc_of(local(29, 2, 30), &BERLIN), utc(2026, 3, 29, 1, 30));
        assert_eq!(utc_of(local(29, 1, 30), &BERLIN), utc(2026, 3, 29, 0, 30));
        let autumn = NaiveDate::from_ymd_opt(2026, 10, 25)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        // 2:30 on 25 October happens twice: the first, still summer time (UTC+2).
        assert_eq!(utc_of(autumn, &BERLIN), utc(2026, 10, 25, 0, 30));
    }

    #[test]
    fn the_first_response_clock_is_met_by_a_reply_in_time_and_breached_without_one() {
        let policy = policy(60, 240, true);
        let opened = utc(2026, 5, 4, 9, 0);
        let at = |minutes| opened + Duration::minutes(minutes);
        let clock = |responded, now| first_response(&policy, CALENDAR, opened, responded, now);
        assert_eq!(clock(None, at(10)).state, ClockState::Running);
        assert_eq!(clock(None, at(50)).state, ClockState::DueSoon);
        assert_eq!(clock(None, at(60)).state, ClockState::Breached);
        assert_eq!(clock(None, at(60)).due, Some(at(60)));
        assert_eq!(clock(Some(at(59)), at(500)).state, ClockState::Met);
        assert_eq!(clock(Some(at(61)), at(500)).state, ClockState::Breached);
        // A reply logged later than `now` does not count yet.
        assert_eq!(clock(Some(at(30)), at(20)).state, ClockState::Running);
    }

    #[test]
    fn pending_pauses_the_resolution_clock_when_the_policy_says_so() {
        let opened = utc(2026, 5, 4, 0, 0);
        let at = |h| opened + Duration::hours(h);
        let changes = [
            (at(0), TicketStatus::Open),
            (at(2), TicketStatus::Pending),
            (at(5), TicketStatus::Open),
        ];
        let paused = policy(60, 8 * 60, true);
        let clock = |policy: &SlaPolicy, changes: &[_], now| {
            resolution(policy, CALENDAR, opened, changes, now)
        };
        // Waiting on the customer: paused, no due time.
        let waiting = clock(&paused, &changes, at(3));
        assert_eq!((waiting.state, waiting.due), (ClockState::Paused, None));
        // Back open at 5:00 with 2 h spent: due at 11:00, running at 9:00.
        let back = clock(&paused, &changes, at(9));
        assert_eq!((back.state, back.due), (ClockState::Running, Some(at(11))));
        assert_eq!(clock(&paused, &changes, at(10)).state, ClockState::DueSoon);
        assert_eq!(clock(&paused, &changes, at(11)).state, ClockState::Breached);
        // A policy that does not pause: due at 8:00, breached by 9:00.
        let unpaused = clock(&policy(60, 8 * 60, false), &changes, at(9));
        assert_eq!(
            (unpaused.state, unpaused.due),
            (ClockState::Breached, Some(at(8)))
        );
    }

    #[test]
    fn resolving_stops_the_clock_and_reopening_runs_it_on() {
        let opened = utc(2026, 5, 4, 0, 0);
        let at = |h| opened + Duration::hours(h);
        let policy = policy(60, 8 * 60, true);
        let clock = |changes: &[_], now| resolution(&policy, CALENDAR, opened, changes, now);
        let resolved = [(at(3), TicketStatus::Resolved)];
        assert_eq!(clock(&resolved, at(30)).state, ClockState::Met);
        assert_eq!(clock(&resolved, at(30)).due, None);
        // Reopened at 10:00 with 3 h spent: due at 15:00.
        let reopened = [
            (at(3), TicketStatus::Resolved),
            (at(10), TicketStatus::Open),
        ];
        let clock_now = clock(&reopened, at(12));
        assert_eq!(
            (clock_now.state, clock_now.due),
            (ClockState::Running, Some(at(15)))
        );
        // Resolved late: breached for good, at the moment the target passed.
        let late = [(at(9), TicketStatus::Resolved)];
        assert_eq!(
            (clock(&late, at(30)).state, clock(&late, at(30)).due),
            (ClockState::Breached, Some(at(8)))
        );
    }

    proptest! {
        #[test]
        fn working_time_added_is_working_time_between(
            start_minutes in 0i64..(60 * 24 * 400),
            // At most five days of work: an hour a week reaches it within the horizon.
            span_minutes in 0i64..(60 * 24 * 5),
            opens in 0u32..12,
            length in 1u32..12,
            weekdays in proptest::array::uniform7(any::<bool>()),
        ) {
            prop_assume!(weekdays.contains(&true));
            let hours = hours(opens, opens + length, weekdays);
            let counting = Counting::Business(&hours, &BERLIN);
            let from = utc(2026, 1, 1, 0, 0) + Duration::minutes(start_minutes);
            let span = Duration::minutes(span_minutes);
            let due = counting.add(from, span).unwrap();
            prop_assert!(due >= from);
            prop_assert_eq!(counting.between(from, due), span);
        }
    }

    fn ticket(priority: TicketPriority, opened: DateTime<Utc>) -> Ticket {
        Ticket {
            priority,
            revision: 1,
            ..<Ticket as crate::entity::Entity>::blank(opened)
        }
    }

    #[test]
    fn the_settings_count_each_priority_by_its_own_policy() {
        let mut settings = SlaSettings::default();
        settings.hours.holidays = vec![NaiveDate::from_ymd_opt(2026, 3, 30).unwrap()];
        let urgent = settings
            .policies
            .iter_mut()
            .find(|p| p.priority == TicketPriority::Urgent)
            .unwrap();
        urgent.business_hours = true;
        urgent.first_response_minutes = 120;
        // Berlin, Friday 27 March 2026 16:00 local (15:00 UTC); the clocks go forward on Sunday the
        // 29th and Monday the 30th is a holiday: an hour on Friday, the second on Tuesday 9:00–10:00
        // local, 8:00 UTC in summer time.
        let opened = utc(2026, 3, 27, 15, 0);
        let urgent = ticket(TicketPriority::Urgent, opened);
        let clocks = settings.clocks(&urgent, &BERLIN, opened);
        assert_eq!(clocks.first_response.due, Some(utc(2026, 3, 31, 8, 0)));
        assert_eq!(clocks.state(), ClockState::Running);
        assert_eq!(clocks.next_due(), Some(utc(2026, 3, 31, 8, 0)));
        // Normal stays in calendar time: a 6-hour first response, 24-hour resolution.
        let normal = ticket(TicketPriority::Normal, opened);
        let clocks = settings.clocks(&normal, &BERLIN, opened + Duration::hours(7));
        assert_eq!(clocks.first_response.state, ClockState::Breached);
        assert_eq!(clocks.state(), ClockState::Breached);
        assert_eq!(clocks.next_due(), Some(opened + Duration::hours(6)));
        // A priority the settings lack has its default.
        settings
            .policies
            .retain(|p| p.priority != TicketPriority::Low);
        assert_eq!(
            settings.policy(TicketPriority::Low),
            SlaPolicy::default_for(TicketPriority::Low)
        );
    }

    #[test]
    fn a_reply_and_a_resolution_take_the_clocks_off_the_due_list() {
        let settings = SlaSettings::default();
        let opened = utc(2026, 5, 4, 9, 0);
        let mut urgent = ticket(TicketPriority::Urgent, opened);
        urgent.reply("On it", "Mia", opened + Duration::hours(2));
        // Answered late: the first response is breached for good, but no longer due.
        let clocks = settings.clocks(&urgent, &Fixed(0), opened + Duration::hours(3));
        assert_eq!(clocks.first_response.state, ClockState::Breached);
        assert_eq!(clocks.next_due(), Some(opened + Duration::hours(4)));
        let before = urgent.clone();
        urgent.status = TicketStatus::Resolved;
        crate::entity::Entity::changed_from(
            &mut urgent,
            &before,
            "Mia",
            opened + Duration::hours(3),
        );
        let clocks = settings.clocks(&urgent, &Fixed(0), opened + Duration::hours(5));
        assert_eq!(clocks.next_due(), None);
        assert_eq!(clocks.resolution.state, ClockState::Met);
        // Still breached overall: its first response was late.
        assert_eq!(clocks.state(), ClockState::Breached);
    }

    #[test]
    fn settings_that_cannot_count_are_refused_by_field() {
        let mut settings = SlaSettings::default();
        assert_eq!(settings.validate(), Ok(()));
        settings.policies[1].resolution_minutes = 0;
        settings.hours.closes = settings.hours.opens;
        // Hours without time matter only once a policy counts by them.
        let fields = |s: &SlaSettings| {
            s.validate()
                .unwrap_err()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(fields(&settings), ["policies[1].resolution_minutes"]);
        settings.policies[0].business_hours = true;
        settings.hours.weekdays = [false; 7];
        assert_eq!(
            fields(&settings),
            [
                "policies[1].resolution_minutes",
                "hours.closes",
                "hours.weekdays"
            ]
        );
    }
}
