//! A product's page as the basket analysis sees it: the product's details and "customers who
//! bought this also buy", from the session's last basket analysis.

use super::baskets::{product_list, use_product_names};
use super::use_report;
use crate::analysis::protocol::{AnalysisKind, Report};
use crate::app::{use_app_href, use_page_title};
use crate::i18n::{format_money_units, use_i18n, Msg};
use crate::routes;
use crate::workspace::use_workspace;
use hearth_analytics::reports::baskets::also_bought;
use hearth_domain::Product;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Suggestions listed.
const ALSO_BOUGHT: usize = 5;

/// The product page.
#[component]
pub fn ProductPage() -> impl IntoView {
    use_page_title(Msg::Product);
    let i18n = use_i18n();
    let workspace = use_workspace();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<u32>().ok()));
    let product = LocalResource::new(move || {
        let id = id();
        let store = workspace.store();
        async move { store?.get::<Product>(id?).await.ok().flatten() }
    });
    let baskets = use_report(AnalysisKind::Baskets, Report::baskets);
    let names = use_product_names();
    let baskets_href = use_app_href(&routes::analytics(routes::BASKETS));
    let also = move || {
        let report = baskets.get()?;
        let names = names.get().unwrap_or_default();
        let product = id()?;
        Some(
            also_bought(&report.rules, product, ALSO_BOUGHT)
                .iter()
                .map(|s| {
                    format!(
                        "{} ({:.0} %, lift {:.2})",
                        product_list(&names, &[s.product]),
                        s.rule.confidence * 100.0,
                        s.rule.lift
                    )
                })
                .collect::<Vec<_>>(),
        )
    };
    view! {
        {move || match product.get().flatten() {
            None => view! { <h1>{move || i18n.t(Msg::Product)}</h1> }.into_any(),
            Some(product) => view! {
                <h1>{product.name.clone()}</h1>
                <dl class="details">
                    <dt>"SKU"</dt><dd>{product.sku.clone()}</dd>
                    <dt>{move || i18n.t(Msg::Category)}</dt><dd>{product.category.clone()}</dd>
                    <dt>{move || i18n.t(Msg::UnitPrice)}</dt><dd>{format_money_units(product.unit_price.0 / 100)}</dd>
                </dl>
            }
            .into_any(),
        }}
        <section class="card" aria-labelledby="product-also-heading">
            <h2 id="product-also-heading">{move || i18n.t(Msg::AlsoBoughtHeading)}</h2>
            {move || match also() {
                None => {
                    let href = baskets_href.clone();
                    view! { <a href=href>{move || i18n.t(Msg::RunBasketsFirst)}</a> }.into_any()
                }
                Some(items) if items.is_empty() => view! { <p class="empty">{move || i18n.t(Msg::NoSuggestions)}</p> }.into_any(),
                Some(items) => view! {
                    <ul aria-label=move || i18n.t(Msg::AlsoBoughtHeading)>
                        {items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </section>
    }
}
