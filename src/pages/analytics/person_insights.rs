//! What the analyses say about one customer, on their page: RFM scores and segment, P(alive),
//! expected purchases and lifetime value, and products the basket rules suggest. Each comes from
//! the session's last run of that analysis; a link runs it when it has not run yet.

use super::baskets::{product_list, use_product_names};
use super::clv::tier_msg;
use super::rfm::segment_msg;
use super::use_report;
use crate::analysis::protocol::{AnalysisKind, Report};
use crate::app::use_app_href;
use crate::i18n::{format_money_value, use_i18n, Msg};
use crate::routes;
use crate::store::StoreName;
use crate::workspace::use_workspace;
use hearth_analytics::reports::baskets::recommend;
use hearth_domain::{Order, PersonId};
use leptos::prelude::*;

/// Suggestions shown on a person's page.
const SUGGESTIONS: usize = 5;

/// The analyses' view of `person`.
#[component]
pub fn PersonInsights(person: PersonId) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let rfm = use_report(AnalysisKind::Rfm, Report::rfm);
    let clv = use_report(AnalysisKind::Clv, Report::clv);
    let baskets = use_report(AnalysisKind::Baskets, Report::baskets);
    let names = use_product_names();
    let bought = LocalResource::new(move || {
        workspace.track(&[StoreName::Orders]);
        let store = workspace.store();
        async move {
            let store = store?;
            let orders: Vec<Order> = store.by_person(person).await.ok()?;
            let mut products: Vec<u32> = orders
                .iter()
                .filter(|order| order.is_revenue())
                .flat_map(|order| order.lines.iter().map(|line| line.product_id.0))
                .collect();
            products.sort_unstable();
            products.dedup();
            Some(products)
        }
    });
    let run_link = move |page: &str, label: Msg| {
        let href = use_app_href(&routes::analytics(page));
        view! { <a href=href>{move || i18n.t(label)}</a> }
    };
    let rfm_line = move || {
        rfm.get().map(|report| {
            report.members.iter().find(|m| m.0 == person.0).map_or_else(
                || i18n.t(Msg::NoOrdersYet).to_string(),
                |m| {
                    format!(
                        "R{} F{} M{} · {}",
                        m.1,
                        m.2,
                        m.3,
                        i18n.t(segment_msg(m.segment()))
                    )
                },
            )
        })
    };
    let clv_line = move || {
        clv.get().map(|report| {
            report.members.iter().find(|m| m.0 == person.0).map_or_else(
                || i18n.t(Msg::NoOrdersYet).to_string(),
                |m| {
                    format!(
                        "P(alive) {:.2} · {} {:.1} · CLV {} · {}",
                        m.1,
                        i18n.t(Msg::ExpectedPurchases),
                        m.2,
                        format_money_value(f64::from(m.3)),
                        i18n.t(tier_msg(m.4))
                    )
                },
            )
        })
    };
    let suggestions = move || {
        let report = baskets.get()?;
        let bought = bought.get().flatten()?;
        let names = names.get().unwrap_or_default();
        let found = recommend(&report.rules, &bought, SUGGESTIONS);
        Some(if found.is_empty() {
            i18n.t(Msg::NoSuggestions).to_string()
        } else {
            found
                .iter()
                .map(|s| {
                    format!(
                        "{} ({:.0} %)",
                        product_list(&names, &[s.product]),
                        s.rule.confidence * 100.0
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    view! {
        <section class="card" aria-labelledby="insights-heading">
            <h2 id="insights-heading">{i18n.text(Msg::Insights)}</h2>
            <dl class="details">
                <dt>"RFM"</dt>
                <dd>{move || rfm_line().map(IntoAny::into_any).unwrap_or_else(|| run_link(routes::RFM, Msg::RunRfmFirst).into_any())}</dd>
                <dt>{i18n.text(Msg::ClvTitle)}</dt>
                <dd>{move || clv_line().map(IntoAny::into_any).unwrap_or_else(|| run_link(routes::CLV, Msg::RunClvFirst).into_any())}</dd>
                <dt>{i18n.text(Msg::Recommended)}</dt>
                <dd>{move || suggestions().map(IntoAny::into_any).unwrap_or_else(|| run_link(routes::BASKETS, Msg::RunBasketsFirst).into_any())}</dd>
            </dl>
        </section>
    }
}
