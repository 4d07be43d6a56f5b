//! The RFM page: R×F heatmap of customers, segment sizes, a segment's customers turned into a
//! campaign in one click, and how segment sizes moved over the last twelve month ends.

use super::{use_report, CampaignButton, PeopleSample, RunPanel};
use crate::analysis::protocol::{Analysis, AnalysisKind, Report};
use crate::app::use_page_title;
use crate::components::chart::ChartSection;
use crate::i18n::{format_count, format_money_value, use_i18n, Msg, ValueFormat};
use hearth_analytics::rfm::Segment;
use hearth_charts::{Chart, Series};
use leptos::prelude::*;

/// The label of an RFM segment.
pub fn segment_msg(segment: Segment) -> Msg {
    match segment {
        Segment::Champions => Msg::SegChampions,
        Segment::LoyalCustomers => Msg::SegLoyal,
        Segment::PotentialLoyalists => Msg::SegPotentialLoyalists,
        Segment::NewCustomers => Msg::SegNewCustomers,
        Segment::Promising => Msg::SegPromising,
        Segment::NeedAttention => Msg::SegNeedAttention,
        Segment::AboutToSleep => Msg::SegAboutToSleep,
        Segment::AtRisk => Msg::SegAtRisk,
        Segment::CantLoseThem => Msg::SegCantLoseThem,
        Segment::Hibernating => Msg::SegHibernating,
    }
}

/// The RFM page.
#[component]
pub fn RfmPage() -> impl IntoView {
    use_page_title(Msg::RfmTitle);
    let i18n = use_i18n();
    let report = use_report(AnalysisKind::Rfm, Report::rfm);
    let chosen = RwSignal::new(None::<Segment>);
    let rfm = report;
    let heatmap = Signal::derive(move || {
        let rows = rfm
            .get()
            .map(|r| {
                r.grid
                    .iter()
                    .map(|row| row.iter().map(|cell| cell.customers as f64).collect())
                    .collect()
            })
            .unwrap_or_default();
        Chart::Heatmap {
            rows,
            row_labels: (1..=5).map(|r| format!("R{r}")).collect(),
            column_labels: (1..=5).map(|f| format!("F{f}")).collect(),
        }
    });
    let heatmap_tips = Signal::derive(move || {
        let lang = i18n.lang.get();
        rfm.get()
            .map(|r| {
                r.grid
                    .iter()
                    .enumerate()
                    .flat_map(|(ri, row)| {
                        row.iter().enumerate().map(move |(fi, cell)| {
                            format!(
                                "R{} F{}: {} {} · {}",
                                ri + 1,
                                fi + 1,
                                format_count(cell.customers as u64),
                                Msg::Customers.text(lang),
                                format_money_value(cell.revenue_cents / 100.0)
                            )
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    // Each segment's bar and its tooltip, from one pass over the report.
    let segment_bars = Memo::new(move |_| {
        let lang = i18n.lang.get();
        rfm.get()
            .map(|r| {
                Segment::ALL
                    .iter()
                    .zip(&r.segments)
                    .map(|(&segment, tally)| {
                        let label = segment_msg(segment).text(lang);
                        let tip = format!(
                            "{label}: {} {} · {}",
                            format_count(tally.customers as u64),
                            Msg::Customers.text(lang),
                            format_money_value(tally.revenue_cents / 100.0)
                        );
                        ((label.to_string(), tally.customers as f64), tip)
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let bars = Signal::derive(move || {
        segment_bars.with(|b| b.iter().map(|(bar, _)| bar.clone()).collect::<Vec<_>>())
    });
    let bar_tips = Signal::derive(move || {
        segment_bars.with(|b| b.iter().map(|(_, tip)| tip.clone()).collect::<Vec<_>>())
    });
    let trend = Signal::derive(move || {
        let lang = i18n.lang.get();
        let series = rfm
            .get()
            .map(|r| {
                Segment::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, &segment)| Series {
                        name: segment_msg(segment).text(lang).to_string(),
                        points: r
                            .trend
                            .iter()
                            .enumerate()
                            .map(|(month, sizes)| (month as f64, sizes.sizes[i] as f64))
                            .collect(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Chart::Lines(series)
    });
    let trend_tips = Signal::derive(move || {
        let lang = i18n.lang.get();
        rfm.get()
            .map(|r| {
                Segment::ALL
                    .iter()
                    .enumerate()
                    .flat_map(|(i, &segment)| {
                        r.trend.iter().map(move |sizes| {
                            format!(
                                "{} {}: {}",
                                segment_msg(segment).text(lang),
                                sizes.month_end,
                                format_count(sizes.sizes[i] as u64)
                            )
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let chosen_people = Signal::derive(move || {
        let (Some(segment), Some(r)) = (chosen.get(), rfm.get()) else {
            return Vec::new();
        };
        r.people_in(segment)
    });
    let campaign_name = Signal::derive(move || {
        let lang = i18n.lang.get();
        let segment = chosen
            .get()
            .map(|s| segment_msg(s).text(lang))
            .unwrap_or_default();
        let as_of = rfm.get().map(|r| r.as_of.to_string()).unwrap_or_default();
        format!("RFM · {segment} · {as_of}")
    });
    view! {
        <h1>{i18n.text(Msg::RfmTitle)}</h1>
        <p class="lead">{i18n.text(Msg::RfmDescription)}</p>
        <RunPanel kind=AnalysisKind::Rfm analysis=Callback::new(|()| Ok(Analysis::Rfm))/>
        <Show when=move || rfm.get().is_some()>
            <div class="chart-grid">
                <ChartSection
                    id="rfm-grid-heading"
                    heading=Msg::RfmGrid
                    chart=heatmap
                    tips=heatmap_tips
                    x_title=Signal::derive(move || i18n.t(Msg::FrequencyScore).to_string())
                    y_title=Signal::derive(move || i18n.t(Msg::RecencyScore).to_string())
                    format=ValueFormat::Count
                />
                <ChartSection
                    id="rfm-segments-heading"
                    heading=Msg::RfmSegments
                    chart=Signal::derive(move || Chart::Bars(bars.get()))
                    tips=bar_tips
                    x_title=Signal::derive(move || i18n.t(Msg::Segment).to_string())
                    y_title=Signal::derive(move || i18n.t(Msg::Customers).to_string())
                    format=ValueFormat::Count
                    on_select=Callback::new(move |i: usize| chosen.set(Segment::ALL.get(i).copied()))
                />
            </div>
            <table class="records">
                <caption>{i18n.text(Msg::RfmSegments)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.text(Msg::Segment)}</th>
                        <th scope="col" class="number">{i18n.text(Msg::Customers)}</th>
                        <th scope="col" class="number">{i18n.text(Msg::Revenue)}</th>
                        <th scope="col"></th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        rfm.get()
                            .map(|r| {
                                Segment::ALL
                                    .iter()
                                    .zip(r.segments.clone())
                                    .map(|(&segment, tally)| {
                                        let label = segment_msg(segment);
                                        view! {
                                            <tr class:selected=move || chosen.get() == Some(segment)>
                                                <th scope="row">{move || i18n.t(label)}</th>
                                                <td class="number">{format_count(tally.customers as u64)}</td>
                                                <td class="number">{format_money_value(tally.revenue_cents / 100.0)}</td>
                                                <td>
                                                    <button
                                                        type="button"
                                                        class="quiet"
                                                        aria-label=move || format!("{} {}", i18n.t(Msg::ShowCustomers), i18n.t(label))
                                                        on:click=move |_| chosen.set(Some(segment))
                                                    >
                                                        {i18n.text(Msg::ShowCustomers)}
                                                    </button>
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </tbody>
            </table>
            {move || {
                chosen.get().map(|segment| {
                    let label = segment_msg(segment);
                    view! {
                        <section class="card" aria-labelledby="rfm-chosen-heading">
                            <h2 id="rfm-chosen-heading">
                                {move || i18n.t(label)} " · "
                                {move || format_count(chosen_people.with(Vec::len) as u64)} " "
                                {i18n.text(Msg::Customers)}
                            </h2>
                            <CampaignButton name=campaign_name people=chosen_people/>
                            <PeopleSample ids=chosen_people/>
                        </section>
                    }
                })
            }}
            <ChartSection
                id="rfm-trend-heading"
                heading=Msg::RfmTrend
                chart=trend
                tips=trend_tips
                x_title=Signal::derive(move || i18n.t(Msg::MonthsAgoAxis).to_string())
                y_title=Signal::derive(move || i18n.t(Msg::Customers).to_string())
                format=ValueFormat::Count
            />
        </Show>
    }
}
