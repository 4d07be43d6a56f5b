//! A product's page: its details (every list field of its table, custom ones too), the form that
//! edits it, deleting it, and "customers who bought this also buy" from the session's last
//! basket analysis.

use crate::analysis::protocol::{AnalysisKind, Report};
use crate::app::{use_app_href, use_page_title};
use crate::components::custom_fields::use_custom_fields;
use crate::components::record_form::RecordForm;
use crate::components::record_page::{
    detail_rows, keep, shaped, use_routed_record, DeleteRecord, Loaded,
};
use crate::components::save_outcome::{use_edit_save, EditOutcomeView};
use crate::i18n::{use_i18n, Msg};
use crate::pages::analytics::{product_list, use_product_names, use_report};
use crate::routes;
use crate::store::{Store, StoreName, StoreResult};
use hearth_analytics::reports::baskets::also_bought;
use hearth_domain::entity::{Entity, Places};
use hearth_domain::{Product, TrashedRecord};
use leptos::prelude::*;
use std::rc::Rc;

/// Suggestions listed.
const ALSO_BOUGHT: usize = 5;

/// What a product's page reads from.
const PRODUCT_PAGE_STORES: &[StoreName] = &[StoreName::Products, StoreName::CustomFields];

async fn load(store: Rc<Store>, id: u32) -> StoreResult<Option<Product>> {
    store.get::<Product>(id).await
}

/// The page at `/products/:id`.
#[component]
pub fn ProductPage() -> impl IntoView {
    use_page_title(Msg::Product);
    let i18n = use_i18n();
    let data = use_routed_record(PRODUCT_PAGE_STORES, load);
    let (current, shape) = keep(data, |p: &Product| p.id.0);
    let back = use_app_href(routes::PRODUCTS);
    view! {
        <p><a href=back>{i18n.text(Msg::BackToProducts)}</a></p>
        {shaped(shape, Msg::ProductNotFound, move |_| view! { <ProductView current/> }.into_any())}
    }
}

#[component]
fn ProductView(current: RwSignal<Loaded<Product>>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = move || current.with(|c| c.clone().and_then(Result::ok).flatten());
    let Some(first) = current.with_untracked(|c| c.clone().and_then(Result::ok).flatten()) else {
        return ().into_any();
    };
    let custom_defs = use_custom_fields(Product::KIND);
    let details = move || {
        let product = shown()?;
        let defs = custom_defs.get().unwrap_or_default();
        Some(detail_rows(&product, &(), &defs, i18n.lang.get()))
    };
    let save = use_edit_save(first.clone());
    let form = move || {
        let base = save.base.get();
        view! { <RecordForm base place=Places::FORM id="edit-product" heading=Msg::Edit save=save.action/> }
            .into_any()
    };
    view! {
        <h1>{move || shown().map(|p| p.name).unwrap_or_default()}</h1>
        <div class="person-layout">
            <div>
                <section class="card" aria-labelledby="product-details-heading">
                    <h2 id="product-details-heading">{i18n.text(Msg::Details)}</h2>
                    <dl class="details">{details}</dl>
                </section>
                {form}
                <EditOutcomeView save saved=Msg::SavedChanges/>
                <DeleteRecord
                    record=Signal::derive(move || shown().map(TrashedRecord::Product))
                    label=Msg::DeleteProduct
                    back=routes::PRODUCTS
                />
            </div>
            <div>
                <AlsoBought id=first.id.0/>
            </div>
        </div>
    }
    .into_any()
}

/// "Customers who bought this also buy", from the session's last basket analysis.
#[component]
fn AlsoBought(id: u32) -> impl IntoView {
    let i18n = use_i18n();
    let baskets = use_report(AnalysisKind::Baskets, Report::baskets);
    let names = use_product_names();
    let baskets_href = use_app_href(&routes::analytics(routes::BASKETS));
    let also = move || {
        let report = baskets.get()?;
        let names = names.get().unwrap_or_default();
        Some(
            also_bought(&report.rules, id, ALSO_BOUGHT)
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
        <section class="card" aria-labelledby="product-also-heading">
            <h2 id="product-also-heading">{i18n.text(Msg::AlsoBoughtHeading)}</h2>
            {move || match also() {
                None => {
                    let href = baskets_href.clone();
                    view! { <a href=href>{i18n.text(Msg::RunBasketsFirst)}</a> }.into_any()
                }
                Some(items) if items.is_empty() => view! { <p class="empty">{i18n.text(Msg::NoSuggestions)}</p> }.into_any(),
                Some(items) => view! {
                    <ul aria-label=i18n.text(Msg::AlsoBoughtHeading)>
                        {items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </section>
    }
}
