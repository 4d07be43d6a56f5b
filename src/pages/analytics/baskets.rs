//! The baskets page: support, confidence and lift thresholds; the rules table (sortable, filtered
//! by product); a support-confidence scatter coloured by lift.

use super::{use_report, CampaignButton, RunPanel};
use crate::analysis::bridge::{use_analyses, RunState};
use crate::analysis::protocol::{Analysis, AnalysisKind, Report};
use crate::app::{use_app_href, use_page_title};
use crate::components::chart::ChartSection;
use crate::i18n::{format_count, format_share, use_i18n, Msg, ValueFormat};
use crate::routes;
use crate::store::StoreName;
use crate::workspace::today_utc;
use crate::workspace::use_workspace;
use hearth_analytics::reports::baskets::{also_bought, BasketSettings, ProductRule};
use hearth_charts::{Chart, Colour, ScatterPoint};
use hearth_domain::Product;
use leptos::prelude::*;
use std::collections::HashMap;

/// How the rules table is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Lift,
    Confidence,
    Support,
}

/// Product names by id, for the rules.
pub fn use_product_names() -> LocalResource<HashMap<u32, String>> {
    let workspace = use_workspace();
    LocalResource::new(move || {
        workspace.track(&[StoreName::Products]);
        let store = workspace.store();
        async move {
            let Some(store) = store else {
                return HashMap::new();
            };
            store
                .all::<Product>()
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|p| (p.id.0, p.name))
                .collect()
        }
    })
}

/// "A + B" for products `ids`.
pub fn product_list(names: &HashMap<u32, String>, ids: &[u32]) -> String {
    ids.iter()
        .map(|id| names.get(id).cloned().unwrap_or_else(|| format!("#{id}")))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Products `ids` as links to their pages, joined by " + ".
fn product_links(names: &HashMap<u32, String>, ids: &[u32], href: &str) -> impl IntoView {
    ids.iter()
        .enumerate()
        .map(|(i, id)| {
            let name = names.get(id).cloned().unwrap_or_else(|| format!("#{id}"));
            view! {
                {(i != 0).then_some(" + ")}
                <a href=format!("{href}{id}")>{name}</a>
            }
        })
        .collect_view()
}

/// The baskets page.
#[component]
pub fn BasketsPage() -> impl IntoView {
    use_page_title(Msg::BasketsTitle);
    let i18n = use_i18n();
    let defaults = BasketSettings::default();
    let support = RwSignal::new(defaults.min_support.clone());
    let confidence = RwSignal::new(defaults.min_confidence.clone());
    let lift = RwSignal::new(defaults.min_lift.to_string());
    let settings = Callback::new(move |()| {
        let lang = i18n.lang.get_untracked();
        let min_lift = lift
            .get_untracked()
            .trim()
            .parse::<f64>()
            .map_err(|_| format!("{}: “{}”", Msg::MinLift.text(lang), lift.get_untracked()))?;
        Ok(Analysis::Baskets(BasketSettings {
            min_support: support.get_untracked(),
            min_confidence: confidence.get_untracked(),
            min_lift,
            max_len: 3,
        }))
    });
    let report = use_report(AnalysisKind::Baskets, Report::baskets);
    let baskets = report;
    let names = use_product_names();
    let names_now = move || names.get().unwrap_or_default();
    let filter = RwSignal::new(String::new());
    let sort = RwSignal::new(SortBy::Lift);
    let shown = Memo::new(move |_| {
        let names = names_now();
        let needle = filter.get().to_lowercase();
        let mut rules: Vec<ProductRule> = baskets
            .get()
            .map(|r| r.rules.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|rule| {
                needle.is_empty()
                    || rule.antecedent.iter().chain(&rule.consequent).any(|id| {
                        names
                            .get(id)
                            .is_some_and(|n| n.to_lowercase().contains(&needle))
                    })
            })
            .collect();
        let key = |rule: &ProductRule| match sort.get() {
            SortBy::Lift => rule.lift,
            SortBy::Confidence => rule.confidence,
            SortBy::Support => rule.support,
        };
        hearth_domain::sort::sort_by(&mut rules, |a, b| key(b).total_cmp(&key(a)));
        rules
    });
    let max_lift = move || shown.with(|rules| rules.iter().map(|r| r.lift).fold(1.0, f64::max));
    let scatter = Signal::derive(move || {
        let top = max_lift();
        Chart::Scatter(
            shown
                .get()
                .iter()
                .map(|rule| ScatterPoint {
                    x: rule.support,
                    y: rule.confidence,
                    colour: Colour::Scale(if top > 1.0 {
                        (rule.lift - 1.0) / (top - 1.0)
                    } else {
                        0.0
                    }),
                })
                .collect(),
        )
    });
    let scatter_tips = Signal::derive(move || {
        let names = names_now();
        shown
            .get()
            .iter()
            .map(|rule| {
                format!(
                    "{} → {} · support {:.3} · confidence {:.3} · lift {:.2}",
                    product_list(&names, &rule.antecedent),
                    product_list(&names, &rule.consequent),
                    rule.support,
                    rule.confidence,
                    rule.lift
                )
            })
            .collect::<Vec<_>>()
    });
    // A rule's antecedent buyers, found by the worker, become a campaign's targets.
    let analyses = use_analyses();
    let workspace = use_workspace();
    let target = RwSignal::new(None::<Vec<u32>>);
    let target_buyers = move |antecedent: Vec<u32>| {
        target.set(Some(antecedent.clone()));
        analyses.run(
            Analysis::Buyers(antecedent),
            today_utc(),
            workspace.analysis_version_untracked(),
        );
    };
    let buyers = use_report(AnalysisKind::Buyers, Report::buyers);
    let buyers_running = move || {
        matches!(
            analyses.state(AnalysisKind::Buyers),
            RunState::Running { .. }
        )
    };
    let buyer_ids = Signal::derive(move || {
        buyers
            .get()
            .map(|people| people.to_vec())
            .unwrap_or_default()
    });
    let target_name = Signal::derive(move || {
        let names = names_now();
        let products = target
            .get()
            .map(|ids| product_list(&names, &ids))
            .unwrap_or_default();
        format!("{} {products} · {}", i18n.t(Msg::BuyersOf), today_utc())
    });
    // "Customers who bought X also buy": the rules from one product.
    let also_product = RwSignal::new(String::new());
    let also = move || {
        let product: u32 = also_product.get().parse().ok()?;
        let report = baskets.get()?;
        let names = names_now();
        Some(
            also_bought(&report.rules, product, 5)
                .iter()
                .map(|s| {
                    format!(
                        "{} ({:.0} %)",
                        product_list(&names, &[s.product]),
                        s.rule.confidence * 100.0
                    )
                })
                .collect::<Vec<_>>(),
        )
    };
    let product_href = StoredValue::new(use_app_href(&routes::record_prefix(routes::PRODUCTS)));
    let sort_button = move |by: SortBy, label: Msg| {
        view! {
            <button type="button" class="quiet" aria-pressed=move || (sort.get() == by).to_string() on:click=move |_| sort.set(by)>
                {move || i18n.t(label)}
            </button>
        }
    };
    view! {
        <h1>{i18n.text(Msg::BasketsTitle)}</h1>
        <p class="lead">{i18n.text(Msg::BasketsDescription)}</p>
        <div class="form-grid">
            <label>{i18n.text(Msg::MinSupport)}<input type="text" bind:value=support/></label>
            <label>{i18n.text(Msg::MinConfidence)}<input type="text" bind:value=confidence/></label>
            <label>{i18n.text(Msg::MinLift)}<input type="text" bind:value=lift/></label>
        </div>
        <RunPanel kind=AnalysisKind::Baskets analysis=settings/>
        <Show when=move || baskets.get().is_some()>
            <p>
                {move || baskets.get().map(|r| format!(
                    "{} {} · {} {} · {} {}",
                    format_count(r.baskets as u64), i18n.t(Msg::Orders),
                    format_count(r.itemsets as u64), i18n.t(Msg::FrequentItemsets),
                    format_count(r.total_rules as u64), i18n.t(Msg::Rules),
                ))}
            </p>
            <ChartSection
                id="rules-chart-heading"
                heading=Msg::RulesChart
                chart=scatter
                tips=scatter_tips
                x_title=Signal::derive(move || i18n.t(Msg::AxisSupport).to_string())
                y_title=Signal::derive(move || i18n.t(Msg::AxisConfidence).to_string())
                format=ValueFormat::Share
            />
            <section class="card" aria-labelledby="also-heading">
                <h2 id="also-heading">{i18n.text(Msg::AlsoBoughtHeading)}</h2>
                <label>
                    {i18n.text(Msg::Product)}
                    <select bind:value=also_product>
                        <option value="">"—"</option>
                        {move || {
                            let mut products: Vec<(u32, String)> = names_now().into_iter().collect();
                            hearth_domain::sort::sort_by(&mut products, |a, b| a.1.cmp(&b.1));
                            products
                                .into_iter()
                                .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
                {move || also().map(|items| if items.is_empty() {
                    view! { <p class="empty">{i18n.text(Msg::NoSuggestions)}</p> }.into_any()
                } else {
                    view! { <ul aria-label=i18n.text(Msg::AlsoBoughtHeading)>{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul> }.into_any()
                })}
            </section>
            <label class="filter">
                {i18n.text(Msg::FilterByProduct)}
                <input type="search" bind:value=filter/>
            </label>
            <p class="sort-buttons">
                {i18n.text(Msg::SortBy)} " "
                {sort_button(SortBy::Lift, Msg::Lift)} " · "
                {sort_button(SortBy::Confidence, Msg::Confidence)} " · "
                {sort_button(SortBy::Support, Msg::Support)}
            </p>
            {move || target.get().map(|_| view! {
                <section class="card" aria-labelledby="buyers-heading">
                    <h2 id="buyers-heading">
                        {move || target_name.get()} " · "
                        {move || if buyers_running() { "…".to_string() } else { format_count(buyer_ids.with(Vec::len) as u64) }} " "
                        {i18n.text(Msg::Customers)}
                    </h2>
                    <Show when=move || !buyers_running()>
                        <CampaignButton name=target_name people=buyer_ids/>
                    </Show>
                </section>
            })}
            <table class="records">
                <caption>{i18n.text(Msg::Rules)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.text(Msg::Bought)}</th>
                        <th scope="col">{i18n.text(Msg::AlsoBuy)}</th>
                        <th scope="col" class="number">{i18n.text(Msg::Support)}</th>
                        <th scope="col" class="number">{i18n.text(Msg::Confidence)}</th>
                        <th scope="col" class="number">{i18n.text(Msg::Lift)}</th>
                        <th scope="col"></th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let names = names_now();
                        let product_href = product_href.get_value();
                        shown.get().iter().take(200).map(|rule| {
                            let antecedent = rule.antecedent.clone();
                            let bought = product_list(&names, &rule.antecedent);
                            let label = format!("{}: {bought}", i18n.t(Msg::TargetBuyers));
                            view! {
                                <tr>
                                    <td>{product_links(&names, &rule.antecedent, &product_href)}</td>
                                    <td>{product_links(&names, &rule.consequent, &product_href)}</td>
                                    <td class="number">{format_share(rule.support)}</td>
                                    <td class="number">{format_share(rule.confidence)}</td>
                                    <td class="number">{format!("{:.2}", rule.lift)}</td>
                                    <td>
                                        <button type="button" class="quiet" aria-label=label on:click=move |_| target_buyers(antecedent.clone())>
                                            {i18n.text(Msg::TargetBuyers)}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </Show>
    }
}
