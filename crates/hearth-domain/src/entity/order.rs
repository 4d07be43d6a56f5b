//! An order's fields. Its line items are typed one per import row: the product, quantity, unit
//! price and line amount fields set the row's line (see [`Entity::start_part`]).

use super::{
    option_key, option_value, reference_id, text_value, whole_number, BuiltinField, Entity,
    FieldKind, Places,
};
use crate::list::Value;
use crate::model::{CustomValue, EntityKind, Order, OrderLine, OrderStatus};
use crate::money::Cents;
use crate::validate::{FieldError, Problem};
use crate::{OrderId, PersonId, ProductId};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

/// Every order status's key, in the order forms offer them; each is also its label's i18n key.
pub const ORDER_STATUS_KEYS: &[&str] = &[
    "draft",
    "placed",
    "paid",
    "shipped",
    "cancelled",
    "refunded",
];

/// Every order status, in the order of [`ORDER_STATUS_KEYS`].
pub const ORDER_STATUSES: [OrderStatus; 6] = [
    OrderStatus::Draft,
    OrderStatus::Placed,
    OrderStatus::Paid,
    OrderStatus::Shipped,
    OrderStatus::Cancelled,
    OrderStatus::Refunded,
];

/// An order status's value in lists and filters (`"paid"`…).
pub fn order_status_key(status: OrderStatus) -> &'static str {
    option_key(&ORDER_STATUSES, ORDER_STATUS_KEYS, status)
}

/// The line a row sets: the last one (an import row starts it, see [`Entity::start_part`]).
fn line(order: &mut Order) -> &mut OrderLine {
    if order.lines.is_empty() {
        order.lines.push(new_line());
    }
    let last = order.lines.len() - 1;
    &mut order.lines[last]
}

/// A line of one unit of no product at no price, before a row sets it.
fn new_line() -> OrderLine {
    OrderLine {
        product_id: ProductId::NONE,
        quantity: 1,
        unit_price: Cents(0),
        discount: Cents::ZERO,
    }
}

/// A line as an order form holds it: the product chosen and the texts typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineText<'a> {
    /// The product ([`ProductId::NONE`] for none).
    pub product: ProductId,
    /// Units, a whole number.
    pub quantity: &'a str,
    /// Price per unit, a decimal (`12.50`).
    pub unit_price: &'a str,
    /// Taken off the line, a decimal; empty for none.
    pub discount: &'a str,
}

/// The lines a form's texts describe, or every problem with them, each named as validation names
/// it (`lines[1].discount`). The order's own validation checks what the lines add up to.
pub fn lines_from_text(lines: &[LineText]) -> Result<Vec<OrderLine>, Vec<FieldError>> {
    let mut problems = Vec::new();
    let mut parsed = Vec::with_capacity(lines.len());
    let mut note = |at: usize, field: &str, problem: Problem| {
        problems.push(FieldError {
            field: format!("lines[{at}].{field}"),
            problem,
        });
    };
    for (at, line) in lines.iter().enumerate() {
        let quantity = match whole_number(line.quantity.trim()) {
            Ok(Some(quantity)) => quantity,
            Ok(None) => {
                note(at, "quantity", Problem::Required);
                0
            }
            Err(problem) => {
                note(at, "quantity", problem);
                0
            }
        };
        let unit_price = money(line.unit_price.trim()).unwrap_or_else(|problem| {
            note(at, "price", problem);
            Cents::ZERO
        });
        let discount = optional_money(line.discount.trim()).unwrap_or_else(|problem| {
            note(at, "discount", problem);
            Cents::ZERO
        });
        parsed.push(OrderLine {
            product_id: line.product,
            quantity,
            unit_price,
            discount,
        });
    }
    if problems.is_empty() {
        Ok(parsed)
    } else {
        Err(problems)
    }
}

/// [`money`], none for an empty text.
fn optional_money(text: &str) -> Result<Cents, Problem> {
    match text {
        "" => Ok(Cents::ZERO),
        text => money(text),
    }
}

fn money(text: &str) -> Result<Cents, Problem> {
    let cents = Cents::parse_decimal(text).ok_or(Problem::InvalidNumber)?;
    if cents.0 < 0 {
        return Err(Problem::Negative);
    }
    Ok(cents)
}

/// Sets the row's line to `amount` in all, when no unit price was given: an amount its quantity
/// does not divide is split into two lines whose unit prices differ by one cent, so the total
/// stays exact.
fn set_amount(order: &mut Order, amount: Cents) {
    let row = line(order);
    // No units cannot share an amount: validation names the quantity.
    if row.unit_price != Cents(0) || amount == Cents(0) || row.quantity == 0 {
        return;
    }
    let quantity = i64::from(row.quantity);
    let (each, rest) = (amount.0 / quantity, amount.0 % quantity);
    row.unit_price = Cents(each);
    if rest > 0 {
        row.quantity -= rest as u32;
        let mut dearer = row.clone();
        dearer.quantity = rest as u32;
        dearer.unit_price = Cents(each + 1);
        order.lines.push(dearer);
    }
}

/// What an order's list row shows besides the order: its customer's and company's names; and
/// what its line-item export names them by (see [`crate::export::order_lines_csv`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderParties {
    /// The customer's name.
    pub customer: String,
    /// The company's name, empty without one.
    pub company: String,
    /// What an import finds the customer by: their external id, else their first email.
    pub customer_key: String,
    /// Each line's product SKU, in line order (empty for a line with no product).
    pub skus: Vec<String>,
}

static FIELDS: [BuiltinField<Order>; 14] = [
    BuiltinField {
        key: "number",
        label: "order_number",
        kind: FieldKind::Text,
        places: Places::TYPED.and(Places::SEARCH).but(Places::BULK),
        read: |o, _| text_value(&o.number),
        write: Some(|o, text| {
            o.number = text.to_string();
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "customer",
        label: "order_customer",
        kind: FieldKind::Reference(EntityKind::Person),
        places: Places::SHOWN
            .and(Places::FORM)
            .and(Places::CREATE)
            .and(Places::IMPORT)
            .and(Places::SEARCH),
        read: |_, parties| text_value(&parties.customer),
        write: Some(|o, text| {
            o.person_id = PersonId(reference_id(text)?.ok_or(Problem::Required)?);
            Ok(())
        }),
        edit_text: Some(|o| o.person_id.0.to_string()),
    },
    super::company_field!(|_, parties| text_value(&parties.company)),
    BuiltinField {
        key: "date",
        label: "order_date",
        kind: FieldKind::Date,
        places: Places::TYPED,
        read: |o, _| Value::Date(o.date),
        write: Some(|o, text| {
            o.date = match text {
                "" => return Err(Problem::Required),
                date => {
                    NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| Problem::InvalidDate)?
                }
            };
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "status",
        label: "order_status",
        kind: FieldKind::Select(ORDER_STATUS_KEYS),
        places: Places::TYPED,
        read: |o, _| Value::Text(order_status_key(o.status).to_string()),
        write: Some(|o, text| {
            o.status = option_value(
                &ORDER_STATUSES,
                ORDER_STATUS_KEYS,
                text,
                OrderStatus::default(),
            )?;
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "product",
        label: "product",
        kind: FieldKind::Reference(EntityKind::Product),
        places: Places::IMPORT,
        read: |_, _| Value::Empty,
        write: Some(|o, text| {
            line(o).product_id = reference_id(text)?.map_or(ProductId::NONE, ProductId);
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "quantity",
        label: "quantity",
        kind: FieldKind::Number,
        places: Places::IMPORT,
        read: |_, _| Value::Empty,
        write: Some(|o, text| {
            line(o).quantity = whole_number(text)?.unwrap_or(1);
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "price",
        label: "unit_price",
        kind: FieldKind::Currency,
        places: Places::IMPORT,
        read: |_, _| Value::Empty,
        write: Some(|o, text| {
            line(o).unit_price = optional_money(text)?;
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "discount",
        label: "discount",
        kind: FieldKind::Currency,
        places: Places::IMPORT,
        read: |_, _| Value::Empty,
        write: Some(|o, text| {
            line(o).discount = optional_money(text)?;
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "amount",
        label: "line_amount",
        kind: FieldKind::Currency,
        places: Places::IMPORT,
        read: |_, _| Value::Empty,
        write: Some(|o, text| {
            if !text.is_empty() {
                set_amount(o, money(text)?);
            }
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "total",
        label: "order_total",
        kind: FieldKind::Currency,
        places: Places::SHOWN,
        read: |o, _| {
            o.total()
                .map_or(Value::Empty, |t| Value::Number(t.0 as f64))
        },
        write: None,
        edit_text: None,
    },
    super::tags_field!(Places::SHOWN
        .and(Places::FORM)
        .and(Places::IMPORT)
        .and(Places::SEARCH)),
    super::time_field!("created", created_at),
    super::time_field!("updated", updated_at),
];

impl Entity for Order {
    const KIND: EntityKind = EntityKind::Order;
    const STORE: &'static str = "orders";
    type Joined = OrderParties;
    const NAME_FIELD: &'static str = "number";
    const DEFAULT_COLUMNS: &'static [&'static str] =
        &["number", "customer", "date", "status", "total"];
    const ROWS_ADD_PARTS: bool = true;

    fn fields() -> &'static [BuiltinField<Order>] {
        &FIELDS
    }
    super::record_basics!();
    fn name(&self) -> String {
        self.display_name()
    }
    fn start_part(&mut self, first: bool) {
        if first {
            self.lines.clear();
        }
        self.lines.push(new_line());
    }
    fn blank(at: DateTime<Utc>) -> Order {
        Order {
            id: OrderId(0),
            revision: 0,
            uid: Default::default(),
            number: String::new(),
            person_id: PersonId(0),
            company_id: None,
            date: at.date_naive(),
            status: OrderStatus::default(),
            lines: Vec::new(),
            campaign_id: None,
            tags: Vec::new(),
            custom: BTreeMap::new(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::fields_of;
    use chrono::TimeZone;

    fn set(order: &mut Order, key: &'static str, text: &str) -> Result<(), Problem> {
        let field = fields_of::<Order>(&[])
            .into_iter()
            .find(|f| f.field() == crate::list::Field::builtin(key))
            .unwrap();
        field.write(order, text)
    }

    fn blank() -> Order {
        Order::blank(Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap())
    }

    #[test]
    fn form_lines_parse_exactly_and_name_each_problem_by_line() {
        let text = |quantity, unit_price, discount| LineText {
            product: ProductId(4),
            quantity,
            unit_price,
            discount,
        };
        let lines = lines_from_text(&[text("3", "12.50", ""), text(" 1 ", "0.99", "0.10")]);
        assert_eq!(
            lines.unwrap(),
            vec![
                OrderLine {
                    product_id: ProductId(4),
                    quantity: 3,
                    unit_price: Cents(1250),
                    discount: Cents::ZERO,
                },
                OrderLine {
                    product_id: ProductId(4),
                    quantity: 1,
                    unit_price: Cents(99),
                    discount: Cents(10),
                },
            ]
        );
        let problems = lines_from_text(&[text("two", "1", ""), text("", "-1", "x")]).unwrap_err();
        let named: Vec<(&str, Problem)> = problems
            .iter()
            .map(|e| (e.field.as_str(), e.problem.clone()))
            .collect();
        assert_eq!(
            named,
            vec![
                ("lines[0].quantity", Problem::InvalidNumber),
                ("lines[1].quantity", Problem::Required),
                ("lines[1].price", Problem::Negative),
                ("lines[1].discount", Problem::InvalidNumber),
            ]
        );
    }

    // A fuzz finding: a line of 0 units with an amount divided the amount by zero.
    #[test]
    fn an_amount_for_no_units_is_a_problem_not_a_division_by_zero() {
        use crate::Validate;
        let mut order = blank();
        order.number = "W-1003".into();
        order.person_id = crate::PersonId(1);
        set(&mut order, "quantity", "0").unwrap();
        set(&mut order, "amount", "4.50").unwrap();
        let errors = order.validate().unwrap_err();
        assert_eq!(errors[0].field, "lines[0].quantity");
    }

    #[test]
    fn an_amount_its_quantity_does_not_divide_splits_into_exact_lines() {
        let mut order = blank();
        order.start_part(true);
        set(&mut order, "quantity", "3").unwrap();
        set(&mut order, "amount", "10.00").unwrap();
        let lines: Vec<(u32, i64)> = order
            .lines
            .iter()
            .map(|l| (l.quantity, l.unit_price.0))
            .collect();
        assert_eq!(lines, [(2, 333), (1, 334)]);
        assert_eq!(order.total(), Ok(Cents(1000)));
    }

    #[test]
    fn a_unit_price_wins_over_the_amount_and_rows_add_lines() {
        let mut order = blank();
        order.start_part(true);
        set(&mut order, "quantity", "2").unwrap();
        set(&mut order, "price", "4.50").unwrap();
        set(&mut order, "amount", "8.00").unwrap();
        order.start_part(false);
        set(&mut order, "amount", "1.25").unwrap();
        assert_eq!(order.total(), Ok(Cents(1025)));
        order.start_part(true);
        assert_eq!(order.lines.len(), 1);
        assert_eq!(set(&mut order, "price", "-1"), Err(Problem::Negative));
        assert_eq!(set(&mut order, "status", "Shipped"), Ok(()));
        assert_eq!(order.status, OrderStatus::Shipped);
        assert_eq!(set(&mut order, "status", "lost"), Err(Problem::NotAnOption));
    }
}
