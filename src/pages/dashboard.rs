//! The dashboard: this month's sales against last month's with sparklines, the open pipeline, the
//! service desk's load, high-value customers at risk, counts of every kind of record and revenue
//! over the last twelve months. Sales figures come from the analytics worker, so a 100,000-customer
//! workspace never holds the page.

use crate::analysis::bridge::{use_analyses, RunState};
use crate::analysis::protocol::{Analysis, AnalysisKind, Report};
use crate::app::{use_app_href, use_page_title};
use crate::components::chart::ChartView;
use crate::components::count_card::{CountCard, StatCard};
use crate::components::record_list::list_address;
use crate::i18n::{
    format_count, format_money_units, format_money_value, use_i18n, Lang, Msg, ValueFormat,
};
use crate::pages::analytics::use_report;
use crate::pages::service::tickets::Tickets;
use crate::routes;
use crate::sla::ServiceLevels;
use crate::store::StoreName;
use crate::tasks::load_agenda;
use crate::workspace::{now_utc, today_utc, use_workspace};
use hearth_analytics::reports::kpis::{at_risk, pipeline_value, service_load};
use hearth_charts::{sparkline_points, Chart};
use hearth_domain::{Deal, Pipeline, Ticket};
use leptos::prelude::*;

/// The cards the dashboard shows, in order.
const CARDS: [(Msg, StoreName); 9] = [
    (Msg::People, StoreName::People),
    (Msg::Companies, StoreName::Companies),
    (Msg::Orders, StoreName::Orders),
    (Msg::Deals, StoreName::Deals),
    (Msg::Tickets, StoreName::Tickets),
    (Msg::Products, StoreName::Products),
    (Msg::Activities, StoreName::Activities),
    (Msg::Tasks, StoreName::Tasks),
    (Msg::Campaigns, StoreName::Campaigns),
];

/// P(alive) below this marks a high-value customer as at risk.
const AT_RISK_BELOW: f32 = 0.5;

/// "Nov 26" (English) or "26/11" (Chinese).
pub fn month_label(lang: Lang, year: i32, month: u32) -> String {
    match lang {
        Lang::En => {
            const NAMES: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            format!("{} {}", NAMES[(month - 1) as usize], year % 100)
        }
        Lang::Zh => format!("{}/{}", year % 100, month),
    }
}

/// "+12 % vs last month" (or "new" when last month had nothing).
fn change(lang: Lang, now: f64, before: f64) -> String {
    if before > 0.0 {
        format!(
            "{:+.0} % {}",
            (now - before) / before * 100.0,
            Msg::VsLastMonth.text(lang)
        )
    } else {
        Msg::VsLastMonth.text(lang).to_string() + ": —"
    }
}

/// A figure with its comparison and a twelve-month sparkline; its label links to `href` (the
/// report behind it) when given.
#[component]
fn KpiCard(
    label: Msg,
    id: &'static str,
    #[prop(into)] value: Signal<Option<String>>,
    #[prop(into)] detail: Signal<String>,
    #[prop(into)] trend: Signal<Vec<f64>>,
    #[prop(optional)] href: Option<String>,
    /// Where the detail line leads (the tickets card's: the breached tickets).
    #[prop(optional)]
    detail_href: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label_id = format!("kpi-{id}");
    let label_text = move || i18n.t(label);
    view! {
        <div class="count-card kpi" role="group" aria-labelledby=label_id.clone()>
            <span class="count-label" id=label_id.clone()>
                {match href {
                    Some(href) => view! { <a href=href>{label_text}</a> }.into_any(),
                    None => label_text.into_any(),
                }}
            </span>
            <span class="count-value">{move || value.get().unwrap_or_else(|| "…".to_string())}</span>
            {match detail_href {
                Some(href) => view! { <a class="kpi-detail" href=href>{move || detail.get()}</a> }.into_any(),
                None => view! { <span class="kpi-detail">{move || detail.get()}</span> }.into_any(),
            }}
            {move || {
                let values = trend.get();
                (values.len() > 1).then(|| view! {
                    <svg class="sparkline" viewBox="0 0 120 28" preserveAspectRatio="none" aria-hidden="true">
                        <polyline points=sparkline_points(&values, 120.0, 26.0) fill="none"/>
                    </svg>
                })
            }}
        </div>
    }
}

/// The dashboard page.
#[component]
pub fn Dashboard() -> impl IntoView {
    use_page_title(Msg::NavDashboard);
    let i18n = use_i18n();
    let workspace = use_workspace();
    let analyses = use_analyses();
    let counts = workspace.counts();
    // Sales are (re)computed in the worker whenever the data moved since the last result.
    let sales = use_report(AnalysisKind::Sales, Report::sales);
    Effect::new(move || {
        let version = workspace.analysis_version();
        let state = analyses.state(AnalysisKind::Sales);
        let current = state
            .result()
            .is_some_and(|done| done.data_version == version);
        if !current && !matches!(state, RunState::Running { .. } | RunState::Failed(_)) {
            analyses.run(Analysis::Sales, today_utc(), version);
        }
    });
    let months = move || sales.get().map(|s| s.months.clone()).unwrap_or_default();
    let this_and_last = move |get: fn(&hearth_analytics::reports::kpis::MonthSales) -> f64| {
        let months = months();
        let now = months.last().map(get);
        let before = months
            .len()
            .checked_sub(2)
            .and_then(|i| months.get(i))
            .map(get);
        (now, before)
    };
    let revenue_value = Signal::derive(move || {
        this_and_last(|m| m.revenue_cents)
            .0
            .map(|cents| format_money_value(cents / 100.0))
    });
    let revenue_detail = Signal::derive(move || match this_and_last(|m| m.revenue_cents) {
        (Some(now), Some(before)) => change(i18n.lang.get(), now, before),
        _ => String::new(),
    });
    let new_value = Signal::derive(move || {
        this_and_last(|m| m.new_customers as f64)
            .0
            .map(|n| format_count(n as u64))
    });
    let new_detail = Signal::derive(move || match this_and_last(|m| m.new_customers as f64) {
        (Some(now), Some(before)) => change(i18n.lang.get(), now, before),
        _ => String::new(),
    });
    let revenue_trend =
        Signal::derive(move || months().iter().map(|m| m.revenue_cents).collect::<Vec<_>>());
    let new_trend = Signal::derive(move || {
        months()
            .iter()
            .map(|m| m.new_customers as f64)
            .collect::<Vec<_>>()
    });
    let desk = LocalResource::new(move || {
        workspace.track(&[
            StoreName::Deals,
            StoreName::Pipelines,
            StoreName::Tickets,
            StoreName::Meta,
        ]);
        let store = workspace.store();
        async move {
            let store = store?;
            let deals: Vec<Deal> = store.all().await.ok()?;
            let pipelines: Vec<Pipeline> = store.all().await.ok()?;
            let tickets: Vec<Ticket> = store.all().await.ok()?;
            let levels = ServiceLevels::read(&store).await.ok()?;
            Some((
                pipeline_value(&deals, &pipelines),
                service_load(&tickets, &levels.settings, &levels.zone, now_utc()),
            ))
        }
    });
    let pipeline = Signal::derive(move || {
        desk.get()
            .flatten()
            .map(|(value, _)| format_money_units(value.total_cents / 100))
    });
    let pipeline_detail = Signal::derive(move || {
        desk.get()
            .flatten()
            .map(|(value, _)| {
                format!(
                    "{} {} · {} {}",
                    format_count(value.deals as u64),
                    i18n.t(Msg::OpenDeals),
                    format_money_units(value.weighted_cents / 100),
                    i18n.t(Msg::Weighted)
                )
            })
            .unwrap_or_default()
    });
    let tickets = Signal::derive(move || {
        desk.get()
            .flatten()
            .map(|(_, load)| format_count(load.open as u64))
    });
    let tickets_detail = Signal::derive(move || {
        desk.get()
            .flatten()
            .map(|(_, load)| {
                format!(
                    "{} {} · {} {}",
                    format_count(load.breached as u64),
                    i18n.t(Msg::SlaBreaches),
                    format_count(load.due_soon as u64),
                    i18n.t(Msg::DueSoonCount)
                )
            })
            .unwrap_or_default()
    });
    let tickets_href = use_app_href(routes::TICKETS);
    let breached_href = list_address(&tickets_href, &Tickets::breached());
    let clv = use_report(AnalysisKind::Clv, Report::clv);
    let risky = Signal::derive(move || {
        clv.get()
            .map(|r| at_risk(r.members.iter(), AT_RISK_BELOW).len())
    });
    let clv_href = use_app_href(&routes::analytics(routes::CLV));
    let reports_href = use_app_href(routes::SALES_REPORTS);
    let overdue_tasks = LocalResource::new(move || {
        workspace.track(&[StoreName::Tasks, StoreName::People]);
        let store = workspace.store();
        async move {
            let store = store?;
            let agenda = load_agenda(&store, None).await.ok()?;
            Some(format_count(agenda.overdue.len() as u64))
        }
    });
    let overdue = Signal::derive(move || overdue_tasks.get().flatten());
    let bars = Signal::derive(move || {
        let lang = i18n.lang.get();
        months()
            .iter()
            .map(|m| {
                (
                    month_label(lang, m.year, m.month),
                    (m.revenue_cents / 100.0).round(),
                )
            })
            .collect::<Vec<_>>()
    });
    let has_revenue = move || months().iter().any(|m| m.revenue_cents > 0.0);

    view! {
        <h1>{i18n.text(Msg::NavDashboard)}</h1>
        <section aria-labelledby="kpi-heading">
            <h2 id="kpi-heading">{i18n.text(Msg::ThisMonth)}</h2>
            <div class="count-grid">
                <KpiCard label=Msg::RevenueThisMonth id="revenue" value=revenue_value detail=revenue_detail trend=revenue_trend href=reports_href.clone()/>
                <KpiCard label=Msg::NewCustomers id="new-customers" value=new_value detail=new_detail trend=new_trend/>
                <KpiCard label=Msg::PipelineValue id="pipeline" value=pipeline detail=pipeline_detail trend=Signal::derive(Vec::new) href=reports_href/>
                <KpiCard label=Msg::OpenTickets id="tickets" value=tickets detail=tickets_detail trend=Signal::derive(Vec::new) href=tickets_href detail_href=breached_href/>
                <div class="count-card kpi" role="group" aria-labelledby="kpi-at-risk">
                    <span class="count-label" id="kpi-at-risk">{i18n.text(Msg::HighValueAtRisk)}</span>
                    {move || match risky.get() {
                        Some(count) => view! { <span class="count-value">{format_count(count as u64)}</span> }.into_any(),
                        None => {
                            let href = clv_href.clone();
                            view! { <a href=href>{i18n.text(Msg::RunClvFirst)}</a> }.into_any()
                        }
                    }}
                </div>
            </div>
        </section>
        <section aria-labelledby="glance-heading">
            <h2 id="glance-heading">{i18n.text(Msg::WorkspaceAtAGlance)}</h2>
            <div class="count-grid">
                <StatCard label=Msg::OverdueTasks id="overdue-tasks".to_string() value=overdue/>
                {CARDS
                    .into_iter()
                    .map(|(label, store)| view! { <CountCard label store counts/> })
                    .collect_view()}
            </div>
        </section>
        <section aria-labelledby="revenue-heading">
            <h2 id="revenue-heading">{i18n.text(Msg::RevenueByMonth)}</h2>
            <Show
                when=has_revenue
                fallback=move || view! { <p class="empty">{i18n.text(Msg::RevenueChartEmpty)}</p> }
            >
                <ChartView
                    chart=Signal::derive(move || Chart::Bars(bars.get()))
                    tips=Signal::derive(move || {
                        bars.get()
                            .iter()
                            .map(|(month, value)| format!("{month}: {}", format_money_value(*value)))
                            .collect::<Vec<_>>()
                    })
                    summary=Signal::derive(move || i18n.t(Msg::RevenueByMonth).to_string())
                    x_title=Signal::derive(move || i18n.t(Msg::Month).to_string())
                    y_title=Signal::derive(move || i18n.t(Msg::Revenue).to_string())
                    format=ValueFormat::Money
                />
            </Show>
        </section>
    }
}
