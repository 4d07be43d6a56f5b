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
use crate::i18n::{format_money_units, use_i18n, Msg};
use crate::pages::sales::orders::rows;
use crate::routes;
use crate::store::{Store, StoreName, StoreResult};
use crate::workspace::{now_utc, today_utc, use_workspace};
use hearth_domain::entity::{
    lines_from_text, order_status_key, Entity, LineText, OrderParties, ORDER_STATUSES,
    ORDER_STATUS_KEYS,
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

/// A line as the form holds it; `key` keeps its inputs when other lines come and go. `texts`
/// are what is typed: quantity, unit price, discount (see [`QUANTITY`], [`PRICE`], [`DISCOUNT`]).
#[derive(Debug, Clone, PartialEq)]
struct LineDraft {
    key: usize,
    product: ProductId,
    texts: [String; 3],
}

const QUANTITY: usize = 0;
const PRICE: usize = 1;
const DISCOUNT: usize = 2;

fn drafts(order: &Order) -> Vec<LineDraft> {
    order
        .lines
        .iter()
        .enumerate()
        .map(|(key, line)| LineDraft {
            key,
            product: line.product_id,
            texts: [
                line.quantity.to_string(),
                line.unit_price.to_decimal_string(),
                match line.discount.0 {
                    0 => String::new(),
                    _ => line.discount.to_decimal_string(),
                },
            ],
        })
        .collect()
}

/// The lines `drafts` describe, or every problem with them.
fn parse(drafts: &[LineDraft]) -> Result<Vec<OrderLine>, Vec<FieldError>> {
    lines_from_text(
        &drafts
            .iter()
            .map(|d| LineText {
                product: d.product,
                quantity: &d.texts[QUANTITY],
                unit_price: &d.texts[PRICE],
                discount: &d.texts[DISCOUNT],
            })
            .collect::<Vec<_>>(),
    )
}

fn money_text(cents: i64) -> String {
    let units = format_money_units(cents.div_euclid(100));
    format!("{units}.{:02}", cents.rem_euclid(100))
}

/// The input of text `field` of line `key`, labelled "`label` N" for the line's place `at`.
fn line_input(
    lines: RwSignal<Vec<LineDraft>>,
    key: usize,
    at: Memo<usize>,
    field: usize,
    label: Msg,
) -> AnyView {
    let i18n = use_i18n();
    view! {
        <input type="text" inputmode="decimal"
            aria-label=move || format!("{} {}", i18n.t(label), at.get())
            prop:value=move || lines.with(|l| l.iter().find(|d| d.key == key).map(|d| d.texts[field].clone()).unwrap_or_default())
            on:input=move |event| {
                let text = event_target_value(&event);
                lines.update(|l| {
                    if let Some(line) = l.iter_mut().find(|d| d.key == key) {
                        line.texts[field] = text;
                    }
                });
            }
        />
    }
    .into_any()
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
    let lines = RwSignal::new(drafts(&first.order));
    // A stored copy (this form's save, or a reload after a conflict) refills the form.
    Effect::new(move || {
        let base = save.base.get();
        status.set(base.status);
        date.set(base.date.to_string());
        let offset = lines.with_untracked(|l| l.iter().map(|d| d.key + 1).max().unwrap_or(0));
        lines.set(
            drafts(&base)
                .into_iter()
                .map(|d| LineDraft {
                    key: d.key + offset,
                    ..d
                })
                .collect(),
        );
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
    // The total as typed so far, exactly; None while a line does not read.
    let total = move || OrderLine::total(&lines.with(|l| parse(l)).ok()?).ok();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        save.action.dispatch(edited());
    };
    let row = move |draft: LineDraft| {
        let key = draft.key;
        // The line's place, counted from 1: its inputs and buttons are labelled with it.
        let at = Memo::new(move |_| {
            lines.with(|l| l.iter().position(|d| d.key == key).unwrap_or(0) + 1)
        });
        let label = move |msg: Msg| format!("{} {}", i18n.t(msg), at.get());
        let amount = move || {
            let line = lines.with(|l| {
                let draft = l.iter().find(|d| d.key == key)?;
                parse(std::slice::from_ref(draft)).ok()
            });
            line.and_then(|line| line.first()?.amount().ok())
                .map_or_else(|| "—".into(), |c| money_text(c.0))
        };
        let products = products.clone();
        let choose = {
            let products = products.clone();
            move |event| {
                let id = ProductId(event_target_value(&event).parse().unwrap_or(0));
                let price = products
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| p.unit_price.to_decimal_string());
                lines.update(|l| {
                    if let Some(line) = l.iter_mut().find(|d| d.key == key) {
                        line.product = id;
                        if let Some(price) = price {
                            line.texts[PRICE] = price;
                        }
                    }
                });
            }
        };
        view! {
            <tr>
                <td>
                    <select aria-label=move || label(Msg::Product) on:change=choose>
                        <option value="0" selected=draft.product == ProductId::NONE>{i18n.text(Msg::NoProduct)}</option>
                        {products.iter().filter(|p| p.active || p.id == draft.product).map(|p| view! {
                            <option value=p.id.0.to_string() selected=p.id == draft.product>{p.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </td>
                <td>{line_input(lines, key, at, QUANTITY, Msg::Quantity)}</td>
                <td>{line_input(lines, key, at, PRICE, Msg::UnitPrice)}</td>
                <td>{line_input(lines, key, at, DISCOUNT, Msg::Discount)}</td>
                <td class="number">{amount}</td>
                <td>
                    <button type="button" class="quiet"
                        aria-label=move || label(Msg::RemoveLine)
                        disabled=move || lines.with(|l| l.len() < 2)
                        on:click=move |_| lines.update(|l| l.retain(|d| d.key != key))
                    >
                        {i18n.text(Msg::Remove)}
                    </button>
                </td>
            </tr>
        }
    };
    let add_line = move |_| {
        lines.update(|l| {
            let key = l.iter().map(|d| d.key + 1).max().unwrap_or(0);
            l.push(LineDraft {
                key,
                product: ProductId::NONE,
                texts: ["1".into(), String::new(), String::new()],
            });
        })
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
            <div class="table-scroll">
                <table class="records order-lines">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.text(Msg::Product)}</th>
                            <th scope="col">{i18n.text(Msg::Quantity)}</th>
                            <th scope="col">{i18n.text(Msg::UnitPrice)}</th>
                            <th scope="col">{i18n.text(Msg::Discount)}</th>
                            <th scope="col">{i18n.text(Msg::LineAmount)}</th>
                            <th scope="col"></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || lines.get() key=|d| d.key children=row/>
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="4">{i18n.text(Msg::OrderTotal)}</th>
                            <td class="number" id="order-total">
                                {move || total().map(|c| money_text(c.0)).unwrap_or_else(|| "—".into())}
                            </td>
                            <td></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <div class="button-row">
                <button type="button" on:click=add_line>{i18n.text(Msg::AddLine)}</button>
                <button type="submit" disabled=move || save.action.pending().get()>{i18n.text(Msg::Save)}</button>
            </div>
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
