//! The orders page: how many orders the workspace has, and the list of them (imported or from
//! the demo) with quick search, filters, sorting, bulk status and export, as the list's columns
//! or as line items that import back as the same orders.

use crate::app::use_page_title;
use crate::components::count_card::CountCard;
use crate::components::record_list::{record_list, ListExport, ListKind, RowOf};
use crate::i18n::{use_i18n, Msg};
use crate::routes;
use crate::store::{Store, StoreName, StoreResult};
use crate::workspace::use_workspace;
use hearth_domain::entity::{EntityRow, OrderParties};
use hearth_domain::export::{order_lines_csv, OrderLines};
use hearth_domain::{EntityKind, Order, Person, Product};
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;

/// The list of orders.
#[derive(Debug, Clone, Copy)]
pub struct Orders;

impl ListKind for Orders {
    type Entity = Order;
    const EXPORTS: &'static [ListExport<Orders>] = &[ListExport {
        label: Msg::ExportLineItems,
        file_name: "order-lines.csv",
        mime: "text/csv;charset=utf-8",
        write: |rows, shown| {
            order_lines_csv(shown.iter().map(|&at| OrderLines {
                order: &rows[at].record,
                customer: &rows[at].joined.customer_key,
                skus: &rows[at].joined.skus,
            }))
        },
    }];
    const STORES: &'static [StoreName] = &[
        StoreName::Orders,
        StoreName::People,
        StoreName::Companies,
        StoreName::Products,
        StoreName::CustomFields,
    ];
    const LIST_PATH: &'static str = routes::ORDERS;
    const DOM_ID: &'static str = "orders";
    const HEADING: Msg = Msg::AllOrders;
    const TABLE_LABEL: Msg = Msg::OrdersTable;
    const SEARCH_LABEL: Msg = Msg::SearchOrders;
    const SEARCH_HINT: Msg = Msg::SearchOrdersHint;
    const SHOWING: Msg = Msg::ShowingOrders;
    const SELECT_ALL: Msg = Msg::SelectAllMatchingOrders;
    const BULK_ACTIONS: Msg = Msg::BulkActionsOrders;
    const EMPTY: Msg = Msg::NoOrdersListed;

    async fn load(store: Rc<Store>) -> StoreResult<Vec<RowOf<Orders>>> {
        rows(&store, store.all::<Order>().await?).await
    }

    async fn load_ids(store: Rc<Store>, ids: &[u32]) -> StoreResult<Vec<RowOf<Orders>>> {
        rows(&store, store.get_many::<Order>(ids).await?).await
    }
}

/// The rows of `orders`, joined with their customers (only those, not every person), companies
/// and products.
pub async fn rows(store: &Store, orders: Vec<Order>) -> StoreResult<Vec<RowOf<Orders>>> {
    let customers: HashMap<u32, (String, String)> = store
        .get_named::<Person>(orders.iter().map(|order| order.person_id.0))
        .await?
        .into_iter()
        .map(|person| {
            let key = match (&person.external_id, person.emails.first()) {
                (id, _) if !id.is_empty() => id.clone(),
                (_, Some(email)) => email.clone(),
                _ => String::new(),
            };
            (person.id.0, (person.display_name(), key))
        })
        .collect();
    let companies: HashMap<u32, String> = store
        .names_of(EntityKind::Company, None)
        .await?
        .into_iter()
        .collect();
    let skus: HashMap<u32, String> = store
        .all::<Product>()
        .await?
        .into_iter()
        .map(|product| (product.id.0, product.sku))
        .collect();
    Ok(orders
        .into_iter()
        .map(|order| {
            let (customer, customer_key) = customers
                .get(&order.person_id.0)
                .cloned()
                .unwrap_or_default();
            let parties = OrderParties {
                customer,
                company: order
                    .company_id
                    .and_then(|id| companies.get(&id.0).cloned())
                    .unwrap_or_default(),
                customer_key,
                skus: order
                    .lines
                    .iter()
                    .map(|line| skus.get(&line.product_id.0).cloned().unwrap_or_default())
                    .collect(),
            };
            EntityRow::new(order, parties)
        })
        .collect())
}

/// The page at `/orders`.
#[component]
pub fn OrdersPage() -> impl IntoView {
    use_page_title(Msg::NavOrders);
    let i18n = use_i18n();
    let counts = use_workspace().counts();
    view! {
        <h1>{i18n.text(Msg::NavOrders)}</h1>
        <div class="count-grid">
            <CountCard label=Msg::Orders store=StoreName::Orders counts/>
        </div>
        {record_list::<Orders>()}
    }
}
