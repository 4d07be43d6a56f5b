//! The dashboard: counts of every kind of record and revenue over the last twelve months.

use crate::app::use_page_title;
use crate::components::chart::ChartView;
use crate::components::count_card::{CountCard, StatCard};
use crate::i18n::{format_count, format_money_units, use_i18n, Lang, Msg};
use crate::store::{KeyRange, StoreName};
use crate::tasks::load_agenda;
use crate::workspace::{today_utc, use_workspace};
use chrono::{Datelike, Months, NaiveDate};
use hearth_analytics::revenue_by_month;
use hearth_charts::Chart;
use hearth_domain::Order;
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

fn month_label(lang: Lang, year: i32, month: u32) -> String {
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

/// The first day of the month eleven months before `today`'s: twelve calendar months in all.
fn twelve_months_start(today: NaiveDate) -> NaiveDate {
    let first_of_month = today.with_day(1).unwrap_or(today);
    first_of_month
        .checked_sub_months(Months::new(11))
        .unwrap_or(first_of_month)
}

/// The dashboard page.
#[component]
pub fn Dashboard() -> impl IntoView {
    use_page_title(Msg::NavDashboard);
    let i18n = use_i18n();
    let workspace = use_workspace();
    let counts = workspace.counts();
    let today = today_utc();
    let from = twelve_months_start(today);
    let orders = LocalResource::new(move || {
        workspace.data_version.track();
        let store = workspace.store();
        async move {
            let Some(store) = store else {
                return Vec::new();
            };
            let since = KeyRange::AtLeast(from.to_string().into());
            store
                .find_by_index::<Order>("by_date", since)
                .await
                .unwrap_or_default()
        }
    });
    let months = Memo::new(move |_| {
        orders
            .get()
            .map(|orders| revenue_by_month(&orders, from, today))
            .unwrap_or_default()
    });
    let bars = Signal::derive(move || {
        let lang = i18n.lang.get();
        months
            .get()
            .iter()
            .map(|m| (month_label(lang, m.year, m.month), m.revenue.as_units_f64()))
            .collect::<Vec<_>>()
    });
    let overdue_tasks = LocalResource::new(move || {
        workspace.data_version.track();
        let store = workspace.store();
        async move {
            let store = store?;
            let agenda = load_agenda(&store, None).await.ok()?;
            Some(format_count(agenda.overdue.len() as u64))
        }
    });
    let overdue = Signal::derive(move || overdue_tasks.get().flatten());
    let has_revenue = move || months.get().iter().any(|m| m.revenue.0 > 0);
    let format_value: fn(f64) -> String = |units| format_money_units(units.round() as i64);

    view! {
        <h1>{move || i18n.t(Msg::NavDashboard)}</h1>
        <section aria-labelledby="glance-heading">
            <h2 id="glance-heading">{move || i18n.t(Msg::WorkspaceAtAGlance)}</h2>
            <div class="count-grid">
                <StatCard label=Msg::OverdueTasks id="overdue-tasks".to_string() value=overdue/>
                {CARDS
                    .into_iter()
                    .map(|(label, store)| view! { <CountCard label store counts/> })
                    .collect_view()}
            </div>
        </section>
        <section aria-labelledby="revenue-heading">
            <h2 id="revenue-heading">{move || i18n.t(Msg::RevenueByMonth)}</h2>
            <Show
                when=has_revenue
                fallback=move || view! { <p class="empty">{move || i18n.t(Msg::RevenueChartEmpty)}</p> }
            >
                <ChartView
                    chart=Signal::derive(move || Chart::Bars(bars.get()))
                    tips=Signal::derive(move || {
                        bars.get()
                            .iter()
                            .map(|(month, value)| format!("{month}: {}", format_value(*value)))
                            .collect::<Vec<_>>()
                    })
                    summary=Signal::derive(move || i18n.t(Msg::RevenueByMonth).to_string())
                    x_title=Signal::derive(move || i18n.t(Msg::Month).to_string())
                    y_title=Signal::derive(move || i18n.t(Msg::Revenue).to_string())
                    format_value
                />
            </Show>
        </section>
    }
}
