//! An order's page: its details, the form that edits its status, date and line items (product,
//! quantity, unit price defaulting from the product, discount; totals exact in cents, an amount
//! too large refused), and delete. [`NewOrder`] starts an order from a person's page.

use crate::app::{use_app_href, use_page_title};
use crate::components::custom_fields::use_custom_fields;
use crate::components::record_page::{
    detail_rows, keep, shaped, use_routed_record, DeleteRecord, Loaded,
};
use crate::components::save_outcome::{
    one_change, use_edit_save, EditOutcomeView, SaveOutcome, SaveOutcomeView,
};
use crate::i18n::{use_i18n, Msg};
use crate::pages::sales::lines::{drafts, parse, LineItems};
use crate::pages::sales::orders::rows;
use crate::routes;
use crate::store::{Store, StoreName, StoreResult};
use crate::workspace::{now_utc, today_utc, use_workspace};
use hearth_domain::entity::{
    order_status_key, Entity, OrderParties, ORDER_STATUSES, ORDER_STATUS_KEYS,
};
use hearth_domain::{
    Cents, CompanyId, FieldError, Order, OrderLine, OrderStatus, PersonId, Problem, Product,
    ProductId, TrashedRecord,
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::rc::Rc;

/// An order with the names its fields show, and the catalogue its lines choose from.
#[derive(Clone)]
struct OrderData {
    order: Order,
    parties: OrderParties,
    products: std::sync::Arc<Vec<Product>>,
}

const ORDER_PAGE_STORES: &[StoreName] = &[
    StoreName::Orders,
    StoreName::People,
    StoreName::Companies,
    StoreName::Products,
    StoreName::CustomFields,
];

async fn load(store: Rc<Store>, id: u32) -> StoreResult<Option<OrderData>> {
    let Some(order) = store.get::<Order>(id).await? else {
        return Ok(None);
    };
    let Some(row) = rows(&store, vec![order]).await?.pop() else {
        return Ok(None);
    };
    Ok(Some(OrderData {
        order: row.record,
        parties: row.joined,
        products: std::sync::Arc::new(store.all::<Product>().await?),
    }))
}

/// The page at `/orders/:id`.
#[component]
pub fn OrderPage() -> impl IntoView {
    use_page_title(Msg::Order);
    let i18n = use_i18n();
    let data = use_routed_record(ORDER_PAGE_STORES, load);
    let (current, shape) = keep(data, |d: &OrderData| d.order.id.0);
    let back = use_app_href(routes::ORDERS);
    view! {
        <p><a href=back>{i18n.text(Msg::BackToOrders)}</a></p>
        {shaped(shape, Msg::OrderNotFound, move |_| view! { <OrderView current/> }.into_any())}
    }
}

#[component]
fn OrderView(current: RwSignal<Loaded<OrderData>>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = move || current.with(|c| c.clone().and_then(Result::ok).flatten());
    let Some(first) = current.with_untracked(|c| c.clone().and_then(Result::ok).flatten()) else {
        return ().into_any();
    };
    let custom_defs = use_custom_fields(Order::KIND);
    let details = move || {
        let data = shown()?;
        let defs = custom_defs.get().unwrap_or_default();
        Some(detail_rows(
            &data.order,
            &data.parties,
            &defs,
            i18n.lang.get(),
        ))
    };
    let products = first.products.clone();
    let save = use_edit_save(first.order.clone());
    let status = RwSignal::new(first.order.status);
    let date = RwSignal::new(first.order.date.to_string());
    let lines = RwSignal::new(drafts(&first.order.lines, &[]));
    // A stored copy (this form's save, or a reload after a conflict) refills the form.
    Effect::new(move || {
        let base = save.base.get();
        status.set(base.status);
        date.set(base.date.to_string());
        lines.set(lines.with_untracked(|now| drafts(&base.lines, now)));
    });
    let edited = move || -> Result<Order, Vec<FieldError>> {
        let mut order = save.base.get_untracked();
        order.lines = lines.with_untracked(|l| parse(l))?;
        order.status = status.get_untracked();
        order.date = date.get_untracked().parse().map_err(|_| {
            vec![FieldError {
                field: "date".into(),
                problem: Problem::InvalidDate,
            }]
        })?;
        order.updated_at = now_utc();
        Ok(order)
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        save.action.dispatch(edited());
    };
    let form = view! {
        <form class="card" on:submit=submit aria-labelledby="order-lines-heading">
            <h2 id="order-lines-heading">{i18n.text(Msg::LineItems)}</h2>
            <div class="field">
                <label for="order-status">{i18n.text(Msg::OrderStatusLabel)}</label>
                <select id="order-status" on:change=move |event| {
                    let key = event_target_value(&event);
                    if let Some(chosen) = ORDER_STATUSES.into_iter().find(|s| order_status_key(*s) == key) {
                        status.set(chosen);
                    }
                }>
                    {ORDER_STATUS_KEYS.iter().map(|&key| view! {
                        <option value=key selected=move || order_status_key(status.get()) == key>
                            {move || Msg::for_label(key).map(|m| i18n.t(m)).unwrap_or(key)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="order-date">{i18n.text(Msg::OrderDate)}</label>
                <input id="order-date" type="date" required bind:value=date/>
            </div>
            <LineItems lines products total_id="order-total" min_lines=1>
                <button type="submit" disabled=move || save.action.pending().get()>{i18n.text(Msg::Save)}</button>
            </LineItems>
        </form>
    };
    // The lines get the page's whole width; the details and delete follow.
    view! {
        <h1>{move || shown().map(|d| format!("{} {}", i18n.t(Msg::Order), d.order.display_name())).unwrap_or_default()}</h1>
        {form}
        <EditOutcomeView save saved=Msg::SavedChanges/>
        <section class="card" aria-labelledby="order-details-heading">
            <h2 id="order-details-heading">{i18n.text(Msg::Details)}</h2>
            <dl class="details">{details}</dl>
        </section>
        <DeleteRecord
            record=Signal::derive(move || shown().map(|d| TrashedRecord::Order(d.order)))
            label=Msg::DeleteOrder
            back=routes::ORDERS
        />
    }
    .into_any()
}

/// Starts an order for a person: a draft dated today with one empty line, written at once, then
/// its page, where the lines are chosen (a draft is no revenue until its status says placed).
#[component]
pub fn NewOrder(person_id: PersonId, company_id: Option<CompanyId>) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let navigate = use_navigate();
    let orders = use_app_href(&routes::record_prefix(routes::ORDERS));
    let create = Action::new_local(move |_: &()| {
        let store = workspace.store();
        let (navigate, orders) = (navigate.clone(), orders.clone());
        async move {
            let Some(store) = store else {
                return SaveOutcome::not_open();
            };
            let mut order = Order::blank(now_utc());
            order.person_id = person_id;
            order.company_id = company_id;
            order.date = today_utc();
            order.status = OrderStatus::Draft;
            order.lines = vec![OrderLine {
                product_id: ProductId::NONE,
                quantity: 1,
                unit_price: Cents::ZERO,
                discount: Cents::ZERO,
            }];
            let changes = match one_change(|changes| changes.add(&order)) {
                Ok(changes) => changes,
                Err(outcome) => return outcome,
            };
            let stored = store.apply(changes).await;
            // The id the store gave the order, to open its page.
            let id = stored
                .as_ref()
                .ok()
                .and_then(|touched| touched.ids(StoreName::Orders).flatten()?.first().copied());
            if let Some(id) = id {
                navigate(&format!("{orders}{id}"), Default::default());
            }
            SaveOutcome::of(stored)
        }
    });
    view! {
        <section class="card" aria-labelledby="new-order-heading">
            <h2 id="new-order-heading">{i18n.text(Msg::Orders)}</h2>
            <button type="button" on:click=move |_| { create.dispatch(()); }>{i18n.text(Msg::NewOrder)}</button>
            <SaveOutcomeView action=create saved=Msg::OrderCreated/>
        </section>
    }
}
