//! Order lines as parallel columns: the one input every workspace analysis reads.
//!
//! The app keeps orders as objects for editing and mirrors the lines of revenue orders (not
//! cancelled or refunded) into this shape, which IndexedDB stores as typed arrays in chunks about
//! 400 times faster than one object per line (docs in `STORAGE-NOTES`).

use chrono::{Datelike, NaiveDate};
use hearth_domain::Order;

/// Lines of revenue orders, one index per line across every column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderFacts {
    /// Buyer's person id.
    pub person: Vec<u32>,
    /// Order id; lines of one order share it.
    pub order: Vec<u32>,
    /// Order date as days from 0001-01-01 (day 1), chrono's `num_days_from_ce`.
    pub day: Vec<i32>,
    /// Product id.
    pub product: Vec<u32>,
    /// Units bought.
    pub quantity: Vec<u32>,
    /// Line amount in cents; `f64` holds every cent exactly below 2^53.
    pub cents: Vec<f64>,
}

/// One order as the analyses see it: who, when, how much.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OrderTotal {
    /// Buyer's person id.
    pub person: u32,
    /// Order id.
    pub order: u32,
    /// Order date.
    pub date: NaiveDate,
    /// Sum of the order's line amounts in cents.
    pub cents: f64,
}

impl OrderFacts {
    /// The lines of the revenue orders among `orders`.
    pub fn from_orders<'a>(orders: impl IntoIterator<Item = &'a Order>) -> OrderFacts {
        let mut facts = OrderFacts::default();
        for order in orders.into_iter().filter(|order| order.is_revenue()) {
            facts.push_order(order);
        }
        facts
    }

    /// Appends the lines of `order` (whatever its status).
    pub fn push_order(&mut self, order: &Order) {
        let day = order.date.num_days_from_ce();
        for line in &order.lines {
            self.person.push(order.person_id.0);
            self.order.push(order.id.0);
            self.day.push(day);
            self.product.push(line.product_id.0);
            self.quantity.push(line.quantity);
            // In floating point: a stored order's total fits in cents (validation refuses more).
            self.cents
                .push(line.amount().map_or(0.0, |amount| amount.0 as f64));
        }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.person.len()
    }

    /// Whether there are no lines.
    pub fn is_empty(&self) -> bool {
        self.person.is_empty()
    }

    /// Appends every line of `other`.
    pub fn extend(&mut self, other: &OrderFacts) {
        self.person.extend_from_slice(&other.person);
        self.order.extend_from_slice(&other.order);
        self.day.extend_from_slice(&other.day);
        self.product.extend_from_slice(&other.product);
        self.quantity.extend_from_slice(&other.quantity);
        self.cents.extend_from_slice(&other.cents);
    }

    /// Lines `range` as their own facts (for writing in chunks).
    pub fn slice(&self, range: std::ops::Range<usize>) -> OrderFacts {
        OrderFacts {
            person: self.person[range.clone()].to_vec(),
            order: self.order[range.clone()].to_vec(),
            day: self.day[range.clone()].to_vec(),
            product: self.product[range.clone()].to_vec(),
            quantity: self.quantity[range.clone()].to_vec(),
            cents: self.cents[range].to_vec(),
        }
    }

    /// Whether every column has the same length (chunks read back from storage are checked).
    pub fn is_consistent(&self) -> bool {
        let n = self.person.len();
        [
            self.order.len(),
            self.day.len(),
            self.product.len(),
            self.quantity.len(),
            self.cents.len(),
        ]
        .iter()
        .all(|&len| len == n)
    }

    /// One total per order, in order id order; lines with a day chrono cannot represent are skipped.
    pub fn order_totals(&self) -> Vec<OrderTotal> {
        let mut lines: Vec<usize> = (0..self.len()).collect();
        lines.sort_by_key(|&i| self.order[i]);
        let mut totals: Vec<OrderTotal> = Vec::new();
        for i in lines {
            match totals.last_mut() {
                Some(last) if last.order == self.order[i] => last.cents += self.cents[i],
                _ => {
                    let Some(date) = NaiveDate::from_num_days_from_ce_opt(self.day[i]) else {
                        continue;
                    };
                    totals.push(OrderTotal {
                        person: self.person[i],
                        order: self.order[i],
                        date,
                        cents: self.cents[i],
                    });
                }
            }
        }
        totals
    }

    /// These facts with `corrections` applied in turn, each a correction an order write made:
    /// the orders it names lose their lines here, then get the correction's own (none for an
    /// order deleted or no longer revenue). Lines come out in order id order, as a rebuild from
    /// the orders lists them, so corrected facts equal rebuilt ones.
    pub fn corrected(&self, corrections: &[(Vec<u32>, OrderFacts)]) -> OrderFacts {
        // The correction that last named each order: only its lines of that order stand.
        let mut last_named: std::collections::HashMap<u32, usize> = Default::default();
        for (at, (named, _)) in corrections.iter().enumerate() {
            for &order in named {
                last_named.insert(order, at);
            }
        }
        let mut kept: Vec<(&OrderFacts, usize)> = (0..self.len())
            .filter(|&line| !last_named.contains_key(&self.order[line]))
            .map(|line| (self, line))
            .collect();
        for (at, (_, lines)) in corrections.iter().enumerate() {
            kept.extend(
                (0..lines.len())
                    .filter(|&line| last_named.get(&lines.order[line]) == Some(&at))
                    .map(|line| (lines, line)),
            );
        }
        kept.sort_by_key(|&(facts, line)| facts.order[line]);
        let mut facts = OrderFacts::default();
        for (from, line) in kept {
            facts.person.push(from.person[line]);
            facts.order.push(from.order[line]);
            facts.day.push(from.day[line]);
            facts.product.push(from.product[line]);
            facts.quantity.push(from.quantity[line]);
            facts.cents.push(from.cents[line]);
        }
        facts
    }

    /// People who bought every product of `products` (in one order or across several), ascending.
    pub fn buyers_of(&self, products: &[u32]) -> Vec<u32> {
        let mut wanted: Vec<u32> = products.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        let mut bought: std::collections::BTreeSet<(u32, u32)> = std::collections::BTreeSet::new();
        for (&person, &product) in self.person.iter().zip(&self.product) {
            if wanted.binary_search(&product).is_ok() {
                bought.insert((person, product));
            }
        }
        let mut buyers: Vec<u32> = Vec::new();
        let mut count = 0;
        let mut current = None;
        for (person, _) in bought {
            if current != Some(person) {
                current = Some(person);
                count = 0;
            }
            count += 1;
            if count == wanted.len() {
                buyers.push(person);
            }
        }
        buyers
    }

    /// The last day any line falls on.
    pub fn last_date(&self) -> Option<NaiveDate> {
        self.day
            .iter()
            .max()
            .and_then(|&day| NaiveDate::from_num_days_from_ce_opt(day))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use hearth_domain::{Cents, OrderId, OrderLine, OrderStatus, PersonId, ProductId};
    use proptest::prelude::*;

    proptest! {
        /// Facts corrected after every write equal facts rebuilt from the orders as they end up:
        /// orders edited (lines, status), added and deleted in writes of one or several.
        #[test]
        fn corrections_equal_a_rebuild(
            initial in proptest::collection::vec((1u32..20, 0u32..60, 1u32..4, 0usize..4), 0..30),
            writes in proptest::collection::vec(
                proptest::collection::vec((1u32..40, 0u32..60, 1u32..4, 0usize..5), 1..4),
                0..8,
            ),
        ) {
            let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
            let statuses = [OrderStatus::Paid, OrderStatus::Shipped, OrderStatus::Draft, OrderStatus::Refunded];
            let make = |id: u32, (person, days, lines, status): (u32, u32, u32, usize)| {
                let lines: Vec<(u32, u32, i64)> =
                    (0..lines).map(|l| (l + 1, l + 1, i64::from(days) * 10 + i64::from(l))).collect();
                order(id, person, start + chrono::Days::new(u64::from(days)), &lines, statuses[status % 4])
            };
            let mut orders: std::collections::BTreeMap<u32, Order> = initial
                .iter()
                .enumerate()
                .map(|(at, &pick)| (at as u32 + 1, make(at as u32 + 1, pick)))
                .collect();
            let base = OrderFacts::from_orders(orders.values());
            let mut corrections = Vec::new();
            for write in &writes {
                let mut named = Vec::new();
                // A status pick of 4 deletes the order; an id past the first ones adds one.
                for &(id, days, count, status) in write {
                    named.push(id);
                    if status == 4 {
                        orders.remove(&id);
                    } else {
                        orders.insert(id, make(id, (id % 7 + 1, days, count, status)));
                    }
                }
                // What the store writes: each order the write named, once, as it now stands.
                named.sort_unstable();
                named.dedup();
                let mut lines = OrderFacts::default();
                for id in &named {
                    if let Some(order) = orders.get(id).filter(|order| order.is_revenue()) {
                        lines.push_order(order);
                    }
                }
                corrections.push((named, lines));
            }
            prop_assert_eq!(base.corrected(&corrections), OrderFacts::from_orders(orders.values()));
        }
    }

    /// An order of `person` on `date` with `(product, quantity, unit cents)` lines.
    pub(crate) fn order(
        id: u32,
        person: u32,
        date: NaiveDate,
        lines: &[(u32, u32, i64)],
        status: OrderStatus,
    ) -> Order {
        Order {
            uid: Default::default(),
            revision: 0,
            id: OrderId(id),
            person_id: PersonId(person),
            company_id: None,
            date,
            status,
            lines: lines
                .iter()
                .map(|&(product, quantity, cents)| OrderLine {
                    product_id: ProductId(product),
                    quantity,
                    unit_price: Cents(cents),
                    discount: Cents::ZERO,
                })
                .collect(),
            campaign_id: None,
            number: String::new(),
            tags: Vec::new(),
            custom: Default::default(),
            deleted_at: None,
            created_at: Default::default(),
            updated_at: Default::default(),
        }
    }

    pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn keeps_revenue_lines_and_totals_orders() {
        let orders = [
            order(
                2,
                7,
                date(2026, 3, 1),
                &[(1, 2, 150), (3, 1, 99)],
                OrderStatus::Paid,
            ),
            order(1, 8, date(2026, 1, 5), &[(1, 1, 150)], OrderStatus::Paid),
            order(
                3,
                7,
                date(2026, 3, 2),
                &[(2, 1, 5_000)],
                OrderStatus::Refunded,
            ),
            order(4, 7, date(2026, 3, 3), &[(2, 1, 7_000)], OrderStatus::Draft),
        ];
        let facts = OrderFacts::from_orders(&orders);
        assert_eq!(
            facts.len(),
            3,
            "the refunded and the draft order's lines are left out"
        );
        assert!(facts.is_consistent());
        let totals = facts.order_totals();
        assert_eq!(
            totals,
            vec![
                OrderTotal {
                    person: 8,
                    order: 1,
                    date: date(2026, 1, 5),
                    cents: 150.0
                },
                OrderTotal {
                    person: 7,
                    order: 2,
                    date: date(2026, 3, 1),
                    cents: 399.0
                },
            ]
        );
        assert_eq!(facts.last_date(), Some(date(2026, 3, 1)));
        assert_eq!(facts.buyers_of(&[1]), vec![7, 8]);
        assert_eq!(
            facts.buyers_of(&[1, 3]),
            vec![7],
            "both products, in one order"
        );
        assert!(
            facts.buyers_of(&[2]).is_empty(),
            "the refunded order does not count"
        );
        assert!(facts.buyers_of(&[]).is_empty());
        let mut joined = facts.slice(0..1);
        joined.extend(&facts.slice(1..3));
        assert_eq!(joined, facts);
    }
}
