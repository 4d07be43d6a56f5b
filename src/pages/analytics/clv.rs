//! The lifetime value page: BG/NBD + Gamma-Gamma parameters and fit, the holdout check chart,
//! P(alive) and CLV distributions, value tiers as campaigns, the top customers, and the simple
//! discounted CLV calculator for what-if inputs.

use super::{use_report, CampaignButton, RunPanel};
use crate::analysis::protocol::{Analysis, AnalysisKind, Report};
use crate::app::use_app_href;
use crate::app::use_page_title;
use crate::components::chart::ChartSection;
use crate::i18n::{format_count, format_money_value, use_i18n, Msg, ValueFormat};
use crate::routes;
use crate::workspace::use_workspace;
use hearth_analytics::clv::discounted_clv;
use hearth_analytics::reports::clv::{ClvSettings, Histogram};
use hearth_analytics::rfm::ValueTier;
use hearth_charts::{Chart, Series};
use hearth_domain::Person;
use leptos::prelude::*;
use std::collections::HashMap;

/// Customers in the top-by-CLV table.
const TOP_SHOWN: usize = 20;

/// The label of a value tier.
pub fn tier_msg(tier: ValueTier) -> Msg {
    match tier {
        ValueTier::High => Msg::TierHigh,
        ValueTier::Medium => Msg::TierMedium,
        ValueTier::Low => Msg::TierLow,
    }
}

fn histogram_bars(histogram: &Histogram, label: fn(f64, f64) -> String) -> Vec<(String, f64)> {
    histogram
        .counts
        .iter()
        .enumerate()
        .map(|(i, &count)| {
            (
                label(histogram.edges[i], histogram.edges[i + 1]),
                count as f64,
            )
        })
        .collect()
}

/// A number input's value, or a message naming the field.
fn parse_field(text: &str, field: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{field}: “{text}”"))
}

/// The lifetime value page.
#[component]
pub fn ClvPage() -> impl IntoView {
    use_page_title(Msg::ClvTitle);
    let i18n = use_i18n();
    let defaults = ClvSettings::default();
    let horizon = RwSignal::new(defaults.horizon_months.to_string());
    let rate = RwSignal::new(defaults.annual_discount_rate.to_string());
    let holdout = RwSignal::new(defaults.holdout_weeks.to_string());
    let settings = Callback::new(move |()| {
        let lang = i18n.lang.get_untracked();
        let whole = |text: String, field: Msg| -> Result<u32, String> {
            text.trim()
                .parse::<u32>()
                .map_err(|_| format!("{}: “{text}”", field.text(lang)))
        };
        Ok(Analysis::Clv(ClvSettings {
            horizon_months: whole(horizon.get_untracked(), Msg::HorizonMonths)?,
            annual_discount_rate: parse_field(
                &rate.get_untracked(),
                Msg::AnnualDiscountRate.text(lang),
            )?,
            holdout_weeks: whole(holdout.get_untracked(), Msg::HoldoutWeeks)?,
        }))
    });
    let report = use_report(AnalysisKind::Clv, Report::clv);
    let clv = report;
    let holdout_chart = Signal::derive(move || {
        let lang = i18n.lang.get();
        let series = clv
            .get()
            .and_then(|r| r.holdout.clone())
            .map(|check| {
                let points = |f: fn(&hearth_analytics::reports::clv::WeekPurchases) -> f64| {
                    check
                        .weeks
                        .iter()
                        .enumerate()
                        .map(|(w, week)| (w as f64, f(week)))
                        .collect()
                };
                vec![
                    Series {
                        name: Msg::Actual.text(lang).into(),
                        points: points(|w| w.actual),
                    },
                    Series {
                        name: Msg::Predicted.text(lang).into(),
                        points: points(|w| w.predicted),
                    },
                ]
            })
            .unwrap_or_default();
        Chart::Lines(series)
    });
    let holdout_tips = Signal::derive(move || {
        let lang = i18n.lang.get();
        clv.get()
            .and_then(|r| r.holdout.clone())
            .map(|check| {
                let line =
                    |name: Msg, f: fn(&hearth_analytics::reports::clv::WeekPurchases) -> f64| {
                        check
                            .weeks
                            .iter()
                            .map(|week| {
                                format!("{} {}: {:.1}", name.text(lang), week.week_start, f(week))
                            })
                            .collect::<Vec<_>>()
                    };
                let mut tips = line(Msg::Actual, |w| w.actual);
                tips.extend(line(Msg::Predicted, |w| w.predicted));
                tips
            })
            .unwrap_or_default()
    });
    let p_alive_bars = Signal::derive(move || {
        clv.get()
            .map(|r| histogram_bars(&r.p_alive_histogram, |low, _| format!("{low:.1}")))
            .unwrap_or_default()
    });
    let clv_bars = Signal::derive(move || {
        clv.get()
            .map(|r| histogram_bars(&r.clv_histogram, |low, _| format_money_value(low)))
            .unwrap_or_default()
    });
    let tips_of = move |bars: Signal<Vec<(String, f64)>>| {
        Signal::derive(move || {
            let lang = i18n.lang.get();
            bars.get()
                .iter()
                .map(|(label, count)| {
                    format!(
                        "{label}+: {} {}",
                        format_count(*count as u64),
                        Msg::Customers.text(lang)
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let tier_people = move |tier: ValueTier| {
        Signal::derive(move || clv.get().map(|r| r.people_in(tier)).unwrap_or_default())
    };
    // Names of the customers the top table lists.
    let workspace = use_workspace();
    let top_names = LocalResource::new(move || {
        let ids: Vec<u32> = clv
            .get()
            .map(|r| r.members.iter().take(TOP_SHOWN).map(|m| m.0).collect())
            .unwrap_or_default();
        let store = workspace.store();
        async move {
            let store = store?;
            let people: Vec<Person> = store.get_many(&ids).await.ok()?;
            Some(
                people
                    .into_iter()
                    .map(|p| (p.id.0, p.display_name()))
                    .collect::<HashMap<u32, String>>(),
            )
        }
    });
    let person_href = StoredValue::new(use_app_href(&routes::record_prefix(routes::CUSTOMERS)));
    view! {
        <h1>{i18n.text(Msg::ClvTitle)}</h1>
        <p class="lead">{i18n.text(Msg::ClvDescription)}</p>
        <div class="form-grid">
            <label>{i18n.text(Msg::HorizonMonths)}<input type="number" min="1" bind:value=horizon/></label>
            <label>{i18n.text(Msg::AnnualDiscountRate)}<input type="number" step="0.01" bind:value=rate/></label>
            <label>{i18n.text(Msg::HoldoutWeeks)}<input type="number" min="1" bind:value=holdout/></label>
        </div>
        <RunPanel kind=AnalysisKind::Clv analysis=settings/>
        {move || {
            clv.get().map(|r| {
                let b = r.bgnbd;
                let g = r.gamma_gamma;
                view! {
                    <table class="records">
                        <caption>{i18n.text(Msg::ModelParameters)}</caption>
                        <tbody>
                            <tr><th scope="row">"BG/NBD r, α, a, b"</th><td>{format!("{:.3}, {:.3}, {:.3}, {:.3}", b.r, b.alpha, b.a, b.b)}</td></tr>
                            <tr><th scope="row">{i18n.text(Msg::LogLikelihood)}</th><td>{format!("{:.1}", r.bgnbd_log_likelihood)}</td></tr>
                            <tr><th scope="row">"Gamma-Gamma p, q, γ"</th><td>{format!("{:.3}, {:.3}, {:.3}", g.p, g.q, g.gamma)}</td></tr>
                            <tr><th scope="row">{i18n.text(Msg::Customers)}</th><td>{format_count(r.customers as u64)}</td></tr>
                            <tr><th scope="row">{i18n.text(Msg::RepeatCustomers)}</th><td>{format_count(r.repeat_customers as u64)}</td></tr>
                            {r.holdout.as_ref().map(|check| {
                                let text = format!("{:.0} / {:.0}", check.holdout_actual, check.holdout_predicted);
                                view! { <tr><th scope="row">{i18n.text(Msg::HoldoutActualPredicted)}</th><td>{text}</td></tr> }
                            })}
                        </tbody>
                    </table>
                }
            })
        }}
        <Show when=move || clv.get().is_some()>
            <ChartSection
                id="clv-holdout-heading"
                heading=Msg::HoldoutChart
                chart=holdout_chart
                tips=holdout_tips
                x_title=Signal::derive(move || i18n.t(Msg::Week).to_string())
                y_title=Signal::derive(move || i18n.t(Msg::RepeatPurchases).to_string())
                format=ValueFormat::Plain
            />
            <div class="chart-grid">
                <ChartSection
                    id="clv-alive-heading"
                    heading=Msg::PAliveHistogram
                    chart=Signal::derive(move || Chart::Bars(p_alive_bars.get()))
                    tips=tips_of(p_alive_bars)
                    x_title=Signal::derive(move || i18n.t(Msg::AxisAlive).to_string())
                    y_title=Signal::derive(move || i18n.t(Msg::Customers).to_string())
                    format=ValueFormat::Plain
                />
                <ChartSection
                    id="clv-dist-heading"
                    heading=Msg::ClvHistogram
                    chart=Signal::derive(move || Chart::Bars(clv_bars.get()))
                    tips=tips_of(clv_bars)
                    x_title=Signal::derive(move || i18n.t(Msg::AxisClv).to_string())
                    y_title=Signal::derive(move || i18n.t(Msg::Customers).to_string())
                    format=ValueFormat::Plain
                />
            </div>
            <section aria-labelledby="clv-tiers-heading">
                <h2 id="clv-tiers-heading">{i18n.text(Msg::ValueTiers)}</h2>
                <ul class="tier-list">
                    {[ValueTier::High, ValueTier::Medium, ValueTier::Low]
                        .into_iter()
                        .map(|tier| {
                            let people = tier_people(tier);
                            let name = Signal::derive(move || {
                                let lang = i18n.lang.get();
                                format!("CLV · {} · {}", tier_msg(tier).text(lang), clv.get().map(|r| r.as_of.to_string()).unwrap_or_default())
                            });
                            view! {
                                <li>
                                    <strong>{move || i18n.t(tier_msg(tier))}</strong> " · "
                                    {move || format_count(people.with(Vec::len) as u64)} " "
                                    {i18n.text(Msg::Customers)} " "
                                    <CampaignButton name people/>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
            <section aria-labelledby="clv-top-heading">
                <h2 id="clv-top-heading">{i18n.text(Msg::TopByClv)}</h2>
                <table class="records">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            <th scope="col">{i18n.text(Msg::Name)}</th>
                            <th scope="col" class="number">"CLV"</th>
                            <th scope="col" class="number">"P(alive)"</th>
                            <th scope="col" class="number">{i18n.text(Msg::ExpectedPurchases)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || clv.get().map(|r| {
                            let names = top_names.get().flatten().unwrap_or_default();
                            let person_href = person_href.get_value();
                            r.members.iter().take(TOP_SHOWN).enumerate().map(|(i, m)| {
                                let name = names.get(&m.0).cloned().unwrap_or_else(|| format!("#{}", m.0));
                                let href = format!("{person_href}{}", m.0);
                                view! {
                            <tr>
                                <td>{i + 1}</td>
                                <td><a href=href>{name}</a></td>
                                <td class="number">{format_money_value(f64::from(m.3))}</td>
                                <td class="number">{format!("{:.2}", m.1)}</td>
                                <td class="number">{format!("{:.2}", m.2)}</td>
                            </tr>
                                }
                            }).collect_view()
                        })}
                    </tbody>
                </table>
            </section>
        </Show>
        <DiscountedClvCalculator/>
    }
}

/// The seed's simple formula, corrected: Σ P_t / (1 + r)^t − C.
#[component]
fn DiscountedClvCalculator() -> impl IntoView {
    let i18n = use_i18n();
    let profits = RwSignal::new("100, 100, 100".to_string());
    let rate = RwSignal::new("0.1".to_string());
    let cost = RwSignal::new("50".to_string());
    let result = Memo::new(move |_| {
        let lang = i18n.lang.get();
        let profits: Vec<f64> = profits
            .get()
            .split(',')
            .filter(|p| !p.trim().is_empty())
            .map(|p| parse_field(p, Msg::ProfitPerPeriod.text(lang)))
            .collect::<Result<_, _>>()?;
        let rate = parse_field(&rate.get(), Msg::DiscountRate.text(lang))?;
        let cost = parse_field(&cost.get(), Msg::AcquisitionCost.text(lang))?;
        discounted_clv(&profits, rate, cost).map_err(|e| e.to_string())
    });
    view! {
        <section class="card" aria-labelledby="calculator-heading">
            <h2 id="calculator-heading">{i18n.text(Msg::ClvCalculator)}</h2>
            <div class="form-grid">
                <label>{i18n.text(Msg::ProfitPerPeriod)}<input type="text" bind:value=profits/></label>
                <label>{i18n.text(Msg::DiscountRate)}<input type="text" bind:value=rate/></label>
                <label>{i18n.text(Msg::AcquisitionCost)}<input type="text" bind:value=cost/></label>
            </div>
            <output aria-live="polite">
                {move || match result.get() {
                    Ok(value) => format!("CLV = {value:.2}"),
                    Err(error) => error,
                }}
            </output>
        </section>
    }
}
