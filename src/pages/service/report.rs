//! The service report: tickets opened and resolved, the backlog, median first-response and
//! resolution times, the share that met their targets and average satisfaction, for a range of
//! dates, per week and per assignee. The worker reads the tickets and judges their clocks; each
//! table downloads as CSV, and the weekly one is drawn too.

use crate::analysis::protocol::{Analysis, AnalysisKind, Report};
use crate::app::use_page_title;
use crate::components::count_card::StatCard;
use crate::components::report_table::{report_table, Bars, DateRange, DateRangeInputs};
use crate::i18n::{format_count, format_decimal, use_i18n, Lang, Msg, ValueFormat};
use crate::pages::analytics::{run_on_first_visit, use_report, RunPanel};
use crate::workspace::{now_utc, today_utc};
use chrono::{Datelike, Days};
use hearth_analytics::reports::service::{ServiceFigures, ServiceFilter, ServiceReport};
use leptos::prelude::*;

/// The weeks a first visit shows, this one included.
const DEFAULT_WEEKS: u64 = 12;

/// Minutes as a person reads them: "45 min", "2 h 05 min", "3 d 4 h".
fn duration(minutes: Option<f64>, lang: Lang) -> String {
    let Some(minutes) = minutes else {
        return "—".to_string();
    };
    let total = minutes.round() as u64;
    let (days, hours, mins) = (total / 1440, total / 60 % 24, total % 60);
    let (h, min, d) = (
        Msg::HoursShort.text(lang),
        Msg::MinutesShort.text(lang),
        Msg::DaysShort.text(lang),
    );
    match (days, hours) {
        (0, 0) => format!("{mins} {min}"),
        (0, _) => format!("{hours} {h} {mins:02} {min}"),
        _ => format!("{days} {d} {hours} {h}"),
    }
}

/// "83 % (10 of 12)", or "—" when nothing was measured.
fn share((met, measured): (u32, u32), lang: Lang) -> String {
    if measured == 0 {
        return "—".to_string();
    }
    let percent = f64::from(met) * 100.0 / f64::from(measured);
    format!(
        "{percent:.0} % ({met} {} {measured})",
        Msg::OfMeasured.text(lang)
    )
}

/// "4.2 (35 ratings)", or "—" without any rating.
fn rating(satisfaction: Option<(f64, u32)>, lang: Lang) -> String {
    satisfaction.map_or("—".to_string(), |(average, count)| {
        format!(
            "{} ({count} {})",
            format_decimal(average),
            Msg::RatingsCount.text(lang)
        )
    })
}

/// A table row: `first`, then each figure of `f`.
fn figures_row(first: String, f: &ServiceFigures, lang: Lang) -> Vec<String> {
    vec![
        first,
        format_count(u64::from(f.opened)),
        format_count(u64::from(f.resolved)),
        format_count(u64::from(f.backlog)),
        duration(f.median_first_response_minutes, lang),
        duration(f.median_resolution_minutes, lang),
        share(f.first_response_met, lang),
        share(f.resolution_met, lang),
        rating(f.satisfaction, lang),
    ]
}

/// The columns after a table's first.
const FIGURE_COLUMNS: [Msg; 8] = [
    Msg::TicketsOpened,
    Msg::TicketsResolved,
    Msg::TicketBacklog,
    Msg::MedianFirstResponse,
    Msg::MedianResolution,
    Msg::FirstResponsesInTime,
    Msg::ResolutionsInTime,
    Msg::AverageRating,
];

/// Everything the page shows of `report`.
fn report_view(report: &ServiceReport, lang: Lang) -> AnyView {
    let total = &report.total;
    if total.opened + total.resolved + total.backlog == 0 {
        return view! { <p class="empty">{Msg::ServiceReportEmpty.text(lang)}</p> }.into_any();
    }
    let stat = |label: Msg, id: &str, value: String| {
        view! { <StatCard label id=id.to_string() value=Signal::derive(move || Some(value.clone()))/> }
    };
    let columns = |first: Msg| {
        std::iter::once(first)
            .chain(FIGURE_COLUMNS)
            .collect::<Vec<_>>()
    };
    let weeks = report
        .weeks
        .iter()
        .map(|(monday, f)| figures_row(monday.to_string(), f, lang))
        .collect();
    let week_bars = Bars {
        values: report
            .weeks
            .iter()
            .map(|(_, f)| f64::from(f.opened))
            .collect(),
        format: ValueFormat::Count,
        column: 1,
    };
    let assignees = report
        .assignees
        .iter()
        .map(|(name, f)| {
            let name = if name.is_empty() {
                Msg::Unassigned.text(lang).to_string()
            } else {
                name.clone()
            };
            figures_row(name, f, lang)
        })
        .collect();
    view! {
        <div class="count-grid">
            {stat(Msg::TicketsOpened, "service-opened", format_count(u64::from(total.opened)))}
            {stat(Msg::TicketsResolved, "service-resolved", format_count(u64::from(total.resolved)))}
            {stat(Msg::TicketBacklog, "service-backlog", format_count(u64::from(total.backlog)))}
            {stat(Msg::MedianFirstResponse, "service-first-response", duration(total.median_first_response_minutes, lang))}
            {stat(Msg::MedianResolution, "service-resolution", duration(total.median_resolution_minutes, lang))}
            {stat(Msg::FirstResponsesInTime, "service-first-response-sla", share(total.first_response_met, lang))}
            {stat(Msg::ResolutionsInTime, "service-resolution-sla", share(total.resolution_met, lang))}
            {stat(Msg::AverageRating, "service-rating", rating(total.satisfaction, lang))}
        </div>
        {report_table(
            "service-weeks".to_string(),
            Msg::ServiceByWeek.text(lang).to_string(),
            &columns(Msg::WeekOf),
            weeks,
            Some(week_bars),
            lang,
        )}
        {report_table(
            "service-assignees".to_string(),
            Msg::ServiceByAssignee.text(lang).to_string(),
            &columns(Msg::Assignee),
            assignees,
            None,
            lang,
        )}
    }
    .into_any()
}

/// The page at `/service-report`.
#[component]
pub fn ServiceReportPage() -> impl IntoView {
    use_page_title(Msg::NavServiceReport);
    let i18n = use_i18n();
    let report = use_report(AnalysisKind::Service, Report::service);
    // The range of the report shown, else from the Monday eleven weeks back up to today.
    let shown = report.get_untracked().map(|r| r.filter);
    let today = today_utc();
    let back = u64::from(today.weekday().num_days_from_monday()) + 7 * (DEFAULT_WEEKS - 1);
    let start = today.checked_sub_days(Days::new(back)).unwrap_or(today);
    let range = DateRange::new(
        shown.map_or(start, |f| f.from),
        shown.map_or(today, |f| f.to),
    );
    let analysis = Callback::new(move |()| {
        let (from, to) = range.days()?;
        let now = now_utc();
        Ok(Analysis::Service(ServiceFilter { from, to, now }))
    });
    run_on_first_visit(AnalysisKind::Service, analysis);
    view! {
        <h1>{i18n.text(Msg::NavServiceReport)}</h1>
        <p class="lead">{i18n.text(Msg::ServiceReportLead)}</p>
        <div class="report-filter">
            <DateRangeInputs range/>
        </div>
        <RunPanel kind=AnalysisKind::Service analysis/>
        {move || report.get().map(|report| report_view(&report, i18n.lang.get()))}
    }
}
