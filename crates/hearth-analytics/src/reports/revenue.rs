//! The sales reports' revenue figures from the order facts: by month, by owner, by product and by
//! category, and the top customers, over a range of order dates and for one owner's customers or
//! all. The facts hold only revenue orders (`Order::is_revenue`), so every figure follows that one
//! rule.

use crate::facts::OrderFacts;
use crate::reports::deals::SalesFilter;
use crate::reports::{month_index, year_month};
use chrono::{Datelike, NaiveDate};
use hearth_domain::{Person, Product};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The revenue of one group of order lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevenueShare {
    /// The record the lines share, a product's or a buyer's id; 0 for an owner or a category
    /// (and for lines known by their amount only).
    pub id: u32,
    /// What the lines share, as the reports show it: an owner, a category, a product's or a
    /// buyer's name (`""`: nobody's customers, no category, a record no longer there).
    pub label: String,
    /// Their revenue in cents.
    pub cents: f64,
    /// Orders with at least one of the lines.
    pub orders: usize,
    /// Units the lines sold.
    pub units: u64,
}

/// One calendar month's revenue.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MonthRevenue {
    /// Year.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Revenue in cents.
    pub cents: f64,
    /// Orders placed.
    pub orders: usize,
}

/// Revenue broken down every way the sales reports show it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RevenueBreakdown {
    /// Every month of the filter's range, oldest first (an empty one with zeros).
    pub months: Vec<MonthRevenue>,
    /// By the buyer's owner, highest first.
    pub by_owner: Vec<RevenueShare>,
    /// By product, highest first.
    pub by_product: Vec<RevenueShare>,
    /// By product category, highest first.
    pub by_category: Vec<RevenueShare>,
    /// The buyers with the most revenue, highest first, at most the number asked for.
    pub top_customers: Vec<RevenueShare>,
}

/// A group's running sums.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    cents: f64,
    orders: usize,
    units: u64,
}

impl Tally {
    fn add(&mut self, cents: f64, units: u32) {
        self.cents += cents;
        self.units += u64::from(units);
    }

    fn share(self, id: u32, label: String) -> RevenueShare {
        RevenueShare {
            id,
            label,
            cents: self.cents,
            orders: self.orders,
            units: self.units,
        }
    }
}

/// The groups with lines, highest revenue first; equal revenue by id, then label, so the result
/// never depends on hashing.
fn ranked(shares: impl Iterator<Item = RevenueShare>) -> Vec<RevenueShare> {
    let mut shares: Vec<_> = shares.filter(|share| share.orders > 0).collect();
    shares.sort_by(|a, b| {
        b.cents
            .total_cmp(&a.cents)
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| a.label.cmp(&b.label))
    });
    shares
}

/// Names given small dense numbers, so a tally per name is a vector slot, not a hashed string.
#[derive(Default)]
struct Interned {
    names: Vec<String>,
    numbers: HashMap<String, usize>,
}

impl Interned {
    fn number(&mut self, name: &str) -> usize {
        if let Some(&number) = self.numbers.get(name) {
            return number;
        }
        self.names.push(name.to_string());
        self.numbers.insert(name.to_string(), self.names.len() - 1);
        self.names.len() - 1
    }

    fn ranked(self, tallies: &[Tally]) -> Vec<RevenueShare> {
        ranked(
            self.names
                .into_iter()
                .zip(tallies)
                .map(|(name, tally)| tally.share(0, name)),
        )
    }
}

/// The revenue of the order lines `filter` admits (order date in range; the buyer owned by the
/// filter's owner, when it names one), broken down by month, owner, product, category and buyer,
/// the `top` buyers kept; `people` and `products` give owners, names and categories.
pub fn revenue_breakdown(
    facts: &OrderFacts,
    people: &[Person],
    products: &[Product],
    filter: &SalesFilter,
    top: usize,
) -> RevenueBreakdown {
    let (first_day, last_day) = (filter.from.num_days_from_ce(), filter.to.num_days_from_ce());
    let first_month = month_index(filter.from);
    let month_count = usize::try_from(month_index(filter.to) - first_month + 1).unwrap_or(0);
    let mut owner_names = Interned::default();
    let no_owner = owner_names.number("");
    let owner_of: HashMap<u32, usize> = people
        .iter()
        .map(|person| (person.id.0, owner_names.number(&person.owner)))
        .collect();
    let wanted_owner = filter
        .owner
        .as_deref()
        .map(|owner| owner_names.number(owner));
    let mut category_names = Interned::default();
    let no_category = category_names.number("");
    // Each product's category number and name.
    let catalogue: HashMap<u32, (usize, &str)> = products
        .iter()
        .map(|product| {
            let category = category_names.number(&product.category);
            (product.id.0, (category, product.name.as_str()))
        })
        .collect();

    let mut months = vec![Tally::default(); month_count];
    let mut by_owner = vec![Tally::default(); owner_names.names.len()];
    let mut by_category = vec![Tally::default(); category_names.names.len()];
    let mut by_product: HashMap<u32, Tally> = HashMap::new();
    let mut by_customer: HashMap<u32, Tally> = HashMap::new();
    // Lines by order: an order's lines share its buyer and date, so it is admitted, and counted
    // once in its month, owner and buyer, as a whole; its products and categories are counted
    // once each however many of its lines name them.
    let mut lines: Vec<usize> = (0..facts.len())
        .filter(|&line| (first_day..=last_day).contains(&facts.day[line]))
        .collect();
    lines.sort_unstable_by_key(|&line| facts.order[line]);
    let (mut order_products, mut order_categories) = (Vec::new(), Vec::new());
    for order in lines.chunk_by(|&a, &b| facts.order[a] == facts.order[b]) {
        let person = facts.person[order[0]];
        let owner = owner_of.get(&person).copied().unwrap_or(no_owner);
        if wanted_owner.is_some_and(|wanted| wanted != owner) {
            continue;
        }
        let Some(date) = NaiveDate::from_num_days_from_ce_opt(facts.day[order[0]]) else {
            continue;
        };
        let month = &mut months[(month_index(date) - first_month) as usize];
        let customer = by_customer.entry(person).or_default();
        for tally in [&mut *month, &mut by_owner[owner], &mut *customer] {
            tally.orders += 1;
        }
        order_products.clear();
        order_categories.clear();
        for &line in order {
            let (cents, units, product) =
                (facts.cents[line], facts.quantity[line], facts.product[line]);
            let category = catalogue
                .get(&product)
                .map_or(no_category, |&(number, _)| number);
            let product_tally = by_product.entry(product).or_default();
            if !order_products.contains(&product) {
                order_products.push(product);
                product_tally.orders += 1;
            }
            if !order_categories.contains(&category) {
                order_categories.push(category);
                by_category[category].orders += 1;
            }
            for tally in [
                &mut *month,
                &mut by_owner[owner],
                &mut *customer,
                product_tally,
                &mut by_category[category],
            ] {
                tally.add(cents, units);
            }
        }
    }
    let mut top_customers = ranked(
        by_customer
            .into_iter()
            .map(|(person, tally)| tally.share(person, String::new())),
    );
    top_customers.truncate(top);
    for share in &mut top_customers {
        if let Some(person) = people.iter().find(|person| person.id.0 == share.id) {
            share.label = person.display_name();
        }
    }
    RevenueBreakdown {
        months: months
            .iter()
            .enumerate()
            .map(|(offset, tally)| {
                let (year, month) = year_month(first_month + offset as i64);
                MonthRevenue {
                    year,
                    month,
                    cents: tally.cents,
                    orders: tally.orders,
                }
            })
            .collect(),
        by_owner: owner_names.ranked(&by_owner),
        by_product: ranked(by_product.into_iter().map(|(product, tally)| {
            let name = catalogue.get(&product).map_or("", |&(_, name)| name);
            tally.share(product, name.to_string())
        })),
        by_category: category_names.ranked(&by_category),
        top_customers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use hearth_domain::{Cents, Order, OrderId, OrderLine, OrderStatus, PersonId, ProductId};
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn product(id: u32, category: &str) -> Product {
        let at = Utc.timestamp_opt(0, 0).unwrap();
        Product {
            id: ProductId(id),
            revision: 1,
            uid: Default::default(),
            sku: format!("SKU-{id}"),
            name: format!("product {id}"),
            category: category.into(),
            unit_price: Cents(100),
            active: true,
            tags: Vec::new(),
            custom: Default::default(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        }
    }

    fn order(id: u32, person: u32, on: NaiveDate, lines: &[(u32, u32, i64)]) -> Order {
        let at = Utc.timestamp_opt(0, 0).unwrap();
        Order {
            id: OrderId(id),
            revision: 1,
            uid: Default::default(),
            number: String::new(),
            person_id: PersonId(person),
            company_id: None,
            date: on,
            status: OrderStatus::Paid,
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
            tags: Vec::new(),
            custom: Default::default(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        }
    }

    /// People 1..=5: 1 owned by ana, 2 by bo, the rest by nobody.
    fn people() -> Vec<Person> {
        (1..=5)
            .map(|id| {
                let mut person =
                    Person::new(format!("Buyer{id}"), "", Utc.timestamp_opt(0, 0).unwrap());
                person.id = PersonId(id);
                person.owner = match id {
                    1 => "ana",
                    2 => "bo",
                    _ => "",
                }
                .into();
                person
            })
            .collect()
    }

    fn filter(from: NaiveDate, to: NaiveDate, owner: Option<&str>) -> SalesFilter {
        SalesFilter {
            from,
            to,
            owner: owner.map(str::to_string),
        }
    }

    #[test]
    fn revenue_is_broken_down_by_month_owner_product_category_and_customer() {
        let mut refunded = order(5, 1, date(2026, 2, 1), &[(1, 1, 1_000_000)]);
        refunded.status = OrderStatus::Refunded;
        let orders = [
            order(1, 1, date(2026, 1, 5), &[(1, 2, 500), (2, 1, 300)]),
            order(2, 2, date(2026, 1, 20), &[(2, 3, 300)]),
            order(3, 1, date(2026, 3, 1), &[(3, 1, 2_000), (0, 1, 50)]),
            // Before the range.
            order(4, 2, date(2025, 12, 31), &[(1, 1, 500)]),
            refunded,
        ];
        let facts = OrderFacts::from_orders(&orders);
        let products = [
            product(1, "Coffee"),
            product(2, "Coffee"),
            product(3, "Tea"),
        ];
        let mut people = people();
        people[1].owner.clear();
        let all = filter(date(2026, 1, 1), date(2026, 3, 31), None);
        let report = revenue_breakdown(&facts, &people, &products, &all, 1);

        let months: Vec<_> = report
            .months
            .iter()
            .map(|m| (m.month, m.cents, m.orders))
            .collect();
        assert_eq!(months, vec![(1, 2_200.0, 2), (2, 0.0, 0), (3, 2_050.0, 1)]);
        let owners_seen: Vec<_> = report
            .by_owner
            .iter()
            .map(|s| (s.label.as_str(), s.cents, s.orders))
            .collect();
        assert_eq!(owners_seen, vec![("ana", 3_350.0, 2), ("", 900.0, 1)]);
        let by_product: Vec<_> = report
            .by_product
            .iter()
            .map(|s| (s.id, s.label.as_str(), s.cents, s.orders, s.units))
            .collect();
        assert_eq!(
            by_product,
            vec![
                (3, "product 3", 2_000.0, 1, 1),
                (2, "product 2", 1_200.0, 2, 4),
                (1, "product 1", 1_000.0, 1, 2),
                (0, "", 50.0, 1, 1)
            ]
        );
        let by_category: Vec<_> = report
            .by_category
            .iter()
            .map(|s| (s.label.as_str(), s.cents, s.orders))
            .collect();
        assert_eq!(
            by_category,
            vec![("Coffee", 2_200.0, 2), ("Tea", 2_000.0, 1), ("", 50.0, 1)]
        );
        assert_eq!(report.top_customers.len(), 1);
        let top = &report.top_customers[0];
        assert_eq!(
            (top.id, top.label.as_str(), top.cents),
            (1, "Buyer1", 3_350.0)
        );

        let nobodys = filter(date(2026, 1, 1), date(2026, 3, 31), Some(""));
        let report = revenue_breakdown(&facts, &people, &products, &nobodys, 10);
        assert_eq!(report.months.iter().map(|m| m.cents).sum::<f64>(), 900.0);
        assert_eq!(report.top_customers.len(), 1);
        assert_eq!(report.top_customers[0].id, 2);
    }

    proptest! {
        /// However the lines are spread, each breakdown sums to the range's revenue, and the
        /// months count every order in range once.
        #[test]
        fn every_breakdown_sums_to_the_same_revenue(
            picks in proptest::collection::vec(
                (1u32..6, 0u32..120, proptest::collection::vec((0u32..5, 1u32..4, 0i64..10_000), 1..4)),
                0..40,
            )
        ) {
            let start = date(2026, 1, 1);
            let orders: Vec<Order> = picks
                .iter()
                .enumerate()
                .map(|(i, (person, days, lines))| {
                    order(i as u32 + 1, *person, start + chrono::Days::new(u64::from(*days)), lines)
                })
                .collect();
            let facts = OrderFacts::from_orders(&orders);
            let products = [product(1, "A"), product(2, "B"), product(3, "A")];
            let range = filter(start + chrono::Days::new(10), start + chrono::Days::new(100), None);
            let report = revenue_breakdown(&facts, &people(), &products, &range, usize::MAX);
            let in_range: Vec<&Order> = orders
                .iter()
                .filter(|o| (range.from..=range.to).contains(&o.date))
                .collect();
            let expected: f64 = in_range.iter().map(|o| o.total().unwrap().0 as f64).sum();
            let sum = |shares: &[RevenueShare]| shares.iter().map(|s| s.cents).sum::<f64>();
            prop_assert_eq!(report.months.iter().map(|m| m.cents).sum::<f64>(), expected);
            prop_assert_eq!(report.months.iter().map(|m| m.orders).sum::<usize>(), in_range.len());
            prop_assert_eq!(sum(&report.by_owner), expected);
            prop_assert_eq!(sum(&report.by_category), expected);
            prop_assert_eq!(sum(&report.by_product), expected);
            prop_assert_eq!(sum(&report.top_customers), expected);
            for pair in report.by_product.windows(2) {
                prop_assert!(pair[0].cents >= pair[1].cents);
            }
        }
    }
}
