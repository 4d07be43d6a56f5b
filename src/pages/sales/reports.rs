//! The sales reports: revenue, orders, win rate and sales cycle for a range of dates and an
//! owner, then revenue by month, owner, product and category, the top customers, each pipeline's
//! funnel and the weighted forecast. The worker computes them from the order facts and the
//! deals; each table downloads as CSV, and the monthly and funnel ones are drawn too.

use crate::analysis::protocol::{Analysis, AnalysisKind, Report};
use crate::app::use_page_title;
use crate::components::count_card::StatCard;
use crate::components::report_table::{report_table, Bars, DateRange, DateRangeInputs};
use crate::i18n::{format_count, format_money_value, use_i18n, Lang, Msg, ValueFormat};
use crate::pages::analytics::{run_on_first_visit, use_report, RunPanel};
use crate::pages::dashboard::month_label;
use crate::workspace::today_utc;
use chrono::{Datelike, Months};
use hearth_analytics::reports::deals::SalesFilter;
use hearth_analytics::reports::revenue::RevenueShare;
use hearth_analytics::reports::sales::SalesReports;
use leptos::prelude::*;

/// Cents as whole currency units, as every figure of the page shows money.
fn money(cents: f64) -> String {
    format_money_value(cents / 100.0)
}

/// The rows of a revenue table: label (or `unnamed` for an empty one), revenue, orders, and
/// units when `units`.
fn share_rows(shares: &[RevenueShare], unnamed: Msg, units: bool, lang: Lang) -> Vec<Vec<String>> {
    shares
        .iter()
        .map(|share| {
            let label = if share.label.is_empty() {
                unnamed.text(lang).to_string()
            } else {
                share.label.clone()
            };
            let mut row = vec![label, money(share.cents), format_count(share.orders as u64)];
            if units {
                row.push(format_count(share.units));
            }
            row
        })
        .collect()
}

/// Everything the page shows of `reports`.
fn reports_view(reports: &SalesReports, lang: Lang) -> AnyView {
    let revenue = &reports.revenue;
    let (cents, orders) = revenue.months.iter().fold((0.0, 0), |(cents, orders), m| {
        (cents + m.cents, orders + m.orders)
    });
    let closed = reports.win_rate.won + reports.win_rate.lost;
    if orders == 0 && closed == 0 && reports.forecast.iter().all(|m| m.deals == 0) {
        return view! { <p class="empty">{Msg::SalesReportsEmpty.text(lang)}</p> }.into_any();
    }
    let stat = |label: Msg, id: &str, value: String| {
        view! { <StatCard label id=id.to_string() value=Signal::derive(move || Some(value.clone()))/> }
    };
    let win_rate = reports
        .win_rate
        .rate()
        .map_or("—".to_string(), |rate| format!("{:.0} %", rate * 100.0));
    let cycle = reports.sales_cycle_days.map_or("—".to_string(), |days| {
        format!("{days:.0} {}", Msg::DaysUnit.text(lang))
    });
    let months = revenue
        .months
        .iter()
        .map(|m| {
            vec![
                month_label(lang, m.year, m.month),
                money(m.cents),
                format_count(m.orders as u64),
            ]
        })
        .collect();
    let month_bars = Bars {
        values: revenue
            .months
            .iter()
            .map(|m| (m.cents / 100.0).round())
            .collect(),
        format: ValueFormat::Money,
        column: 1,
    };
    let forecast = reports
        .forecast
        .iter()
        .map(|m| {
            vec![
                month_label(lang, m.year, m.month),
                money(m.weighted_cents as f64),
                format_count(m.deals as u64),
                money(m.total_cents as f64),
            ]
        })
        .collect();
    let forecast_bars = Bars {
        values: reports
            .forecast
            .iter()
            .map(|m| (m.weighted_cents as f64 / 100.0).round())
            .collect(),
        format: ValueFormat::Money,
        column: 1,
    };
    let funnels = reports
        .funnels
        .iter()
        .enumerate()
        .map(|(at, funnel)| {
            let rows = funnel
                .stages
                .iter()
                .map(|stage| {
                    vec![
                        stage.name.clone(),
                        format_count(stage.reached as u64),
                        stage
                            .conversion
                            .map_or("—".to_string(), |c| format!("{:.0} %", c * 100.0)),
                    ]
                })
                .collect();
            let bars = Bars {
                values: funnel.stages.iter().map(|s| s.reached as f64).collect(),
                format: ValueFormat::Count,
                column: 1,
            };
            report_table(
                format!("funnel-{at}"),
                format!("{} · {}", Msg::PipelineFunnel.text(lang), funnel.pipeline),
                &[Msg::Stage, Msg::ReachedStage, Msg::ToNextStage],
                rows,
                Some(bars),
                lang,
            )
        })
        .collect_view();
    let shares = [
        (
            "by-owner",
            Msg::RevenueByOwner,
            Msg::Owner,
            Msg::NoOwner,
            &revenue.by_owner,
            false,
        ),
        (
            "by-product",
            Msg::RevenueByProduct,
            Msg::Product,
            Msg::NoProduct,
            &revenue.by_product,
            true,
        ),
        (
            "by-category",
            Msg::RevenueByCategory,
            Msg::Category,
            Msg::NoCategory,
            &revenue.by_category,
            true,
        ),
        (
            "top-customers",
            Msg::TopCustomers,
            Msg::Customer,
            Msg::Customer,
            &revenue.top_customers,
            false,
        ),
    ]
    .into_iter()
    .map(|(id, heading, first, unnamed, shares, units)| {
        let columns = [first, Msg::Revenue, Msg::Orders, Msg::Units];
        report_table(
            id.to_string(),
            heading.text(lang).to_string(),
            &columns[..if units { 4 } else { 3 }],
            share_rows(shares, unnamed, units, lang),
            None,
            lang,
        )
    })
    .collect_view();
    view! {
        <div class="count-grid">
            {stat(Msg::RevenueInRange, "report-revenue", money(cents))}
            {stat(Msg::OrdersInRange, "report-orders", format_count(orders as u64))}
            {stat(Msg::WinRate, "report-win-rate", win_rate)}
            {stat(Msg::SalesCycle, "report-cycle", cycle)}
        </div>
        {report_table(
            "revenue-months".to_string(),
            Msg::RevenueByMonth.text(lang).to_string(),
            &[Msg::Month, Msg::Revenue, Msg::Orders],
            months,
            Some(month_bars),
            lang,
        )}
        {report_table(
            "forecast".to_string(),
            Msg::ForecastByMonth.text(lang).to_string(),
            &[Msg::Month, Msg::WeightedValue, Msg::Deals, Msg::OpenValue],
            forecast,
            Some(forecast_bars),
            lang,
        )}
        {funnels}
        {shares}
    }
    .into_any()
}

/// The page at `/sales-reports`.
#[component]
pub fn SalesReportsPage() -> impl IntoView {
    use_page_title(Msg::NavSalesReports);
    let i18n = use_i18n();
    let report = use_report(AnalysisKind::SalesReports, Report::sales_reports);
    // The filter of the report shown, else the twelve calendar months up to today's.
    let shown = report.get_untracked().map(|r| r.filter.clone());
    let today = today_utc();
    let year_ago = today
        .with_day(1)
        .and_then(|first| first.checked_sub_months(Months::new(11)))
        .unwrap_or(today);
    let range = DateRange::new(
        shown.as_ref().map_or(year_ago, |f| f.from),
        shown.as_ref().map_or(today, |f| f.to),
    );
    let owner = RwSignal::new(shown.and_then(|f| f.owner).unwrap_or_default());
    let analysis = Callback::new(move |()| {
        let (from, to) = range.days()?;
        let owner = Some(owner.get_untracked()).filter(|owner| !owner.is_empty());
        Ok(Analysis::SalesReports(SalesFilter { from, to, owner }))
    });
    run_on_first_visit(AnalysisKind::SalesReports, analysis);
    let owners = move || report.get().map(|r| r.owners.clone()).unwrap_or_default();
    view! {
        <h1>{i18n.text(Msg::NavSalesReports)}</h1>
        <p class="lead">{i18n.text(Msg::SalesReportsLead)}</p>
        <div class="report-filter">
            <DateRangeInputs range/>
            <span>
                <label for="report-owner">{i18n.text(Msg::Owner)}</label> " "
                <select id="report-owner" bind:value=owner>
                    <option value="">{i18n.text(Msg::Everyone)}</option>
                    // Drawn again with each report: each says whether it is the one chosen.
                    {move || {
                        owners()
                            .into_iter()
                            .map(|name| {
                                let chosen = owner.get_untracked() == name;
                                let label = name.clone();
                                view! { <option value=name selected=chosen>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </span>
        </div>
        <RunPanel kind=AnalysisKind::SalesReports analysis/>
        {move || report.get().map(|reports| reports_view(&reports, i18n.lang.get()))}
    }
}
