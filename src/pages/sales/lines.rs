//! Line items as a form edits them, shared by an order's lines and a deal's products: a row per
//! line (product, quantity, unit price defaulting from the product, discount, its amount), add
//! and remove, and the exact total while typing (`—` while a line does not read or overflows).

use crate::i18n::{format_money_units, use_i18n, Msg};
use hearth_domain::entity::{lines_from_text, LineText};
use hearth_domain::{FieldError, OrderLine, Product, ProductId};
use leptos::prelude::*;
use std::sync::Arc;

/// A line as the form holds it; `key` keeps its inputs when other lines come and go. `texts`
/// are what is typed: quantity, unit price, discount (see [`QUANTITY`], [`PRICE`], [`DISCOUNT`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LineDraft {
    key: usize,
    product: ProductId,
    texts: [String; 3],
}

const QUANTITY: usize = 0;
const PRICE: usize = 1;
const DISCOUNT: usize = 2;

/// The drafts of stored `lines`, keyed after every key `lines_now` uses (so a refill after a
/// save or reload draws fresh inputs).
pub fn drafts(lines: &[OrderLine], lines_now: &[LineDraft]) -> Vec<LineDraft> {
    let offset = lines_now.iter().map(|d| d.key + 1).max().unwrap_or(0);
    lines
        .iter()
        .enumerate()
        .map(|(at, line)| LineDraft {
            key: offset + at,
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
pub fn parse(drafts: &[LineDraft]) -> Result<Vec<OrderLine>, Vec<FieldError>> {
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

/// The table of `lines` choosing from `products`, its total in the cell `total_id`, and "Add
/// line" beside the form's own buttons (`children`). A line can be removed while more than
/// `min_lines` are left.
#[component]
pub fn LineItems(
    lines: RwSignal<Vec<LineDraft>>,
    products: Arc<Vec<Product>>,
    total_id: &'static str,
    min_lines: usize,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    // The total as typed so far, exactly; None while a line does not read.
    let total = move || OrderLine::total(&lines.with(|l| parse(l)).ok()?).ok();
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
                        disabled=move || lines.with(|l| l.len() <= min_lines)
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
    view! {
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
                        <td class="number" id=total_id>
                            {move || total().map(|c| money_text(c.0)).unwrap_or_else(|| "—".into())}
                        </td>
                        <td></td>
                    </tr>
                </tfoot>
            </table>
        </div>
        <div class="button-row">
            <button type="button" on:click=add_line>{i18n.text(Msg::AddLine)}</button>
            {children()}
        </div>
    }
}
