//! Revenue over time: order totals summed per calendar month, every month in the range present.

use chrono::{Datelike, NaiveDate};
use hearth_domain::{Cents, Order};

/// Revenue of one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthRevenue {
    /// Year.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Sum of the totals of revenue orders (not cancelled or refunded) dated in the month.
    pub revenue: Cents,
}

fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

/// Revenue per month for the months `from..=to` (only their year and month count), zero where no
/// order falls; orders outside the range and non-revenue orders are ignored.
pub fn revenue_by_month(orders: &[Order], from: NaiveDate, to: NaiveDate) -> Vec<MonthRevenue> {
    let first = month_index(from);
    let last = month_index(to);
    if last < first {
        return Vec::new();
    }
    let mut months: Vec<MonthRevenue> = (first..=last)
        .map(|index| MonthRevenue {
            year: index.div_euclid(12) as i32,
            month: index.rem_euclid(12) as u32 + 1,
            revenue: Cents::ZERO,
        })
        .collect();
    for order in orders.iter().filter(|order| order.is_revenue()) {
        let index = month_index(order.date);
        if (first..=last).contains(&index) {
            months[(index - first) as usize].revenue += order.total();
        }
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearth_domain::{OrderId, OrderLine, OrderStatus, PersonId, ProductId};
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn order(date: NaiveDate, cents: i64, status: OrderStatus) -> Order {
        Order {
            id: OrderId(1),
            person_id: PersonId(1),
            company_id: None,
            date,
            status,
            lines: vec![OrderLine {
                product_id: ProductId(1),
                quantity: 2,
                unit_price: Cents(cents),
            }],
            campaign_id: None,
        }
    }

    #[test]
    fn months_without_orders_are_zero_and_years_roll_over() {
        let orders = [
            order(date(2025, 11, 3), 500, OrderStatus::Shipped),
            order(date(2026, 1, 31), 250, OrderStatus::Paid),
        ];
        let months = revenue_by_month(&orders, date(2025, 11, 20), date(2026, 1, 1));
        let summary: Vec<(i32, u32, i64)> = months
            .iter()
            .map(|m| (m.year, m.month, m.revenue.0))
            .collect();
        assert_eq!(summary, [(2025, 11, 1_000), (2025, 12, 0), (2026, 1, 500)]);
    }

    #[test]
    fn cancelled_refunded_and_out_of_range_orders_are_ignored() {
        let orders = [
            order(date(2026, 3, 1), 100, OrderStatus::Cancelled),
            order(date(2026, 3, 2), 100, OrderStatus::Refunded),
            order(date(2026, 4, 1), 100, OrderStatus::Shipped),
        ];
        let months = revenue_by_month(&orders, date(2026, 3, 1), date(2026, 3, 31));
        assert_eq!(months.len(), 1);
        assert_eq!(months[0].revenue, Cents::ZERO);
    }

    #[test]
    fn reversed_range_is_empty() {
        assert!(revenue_by_month(&[], date(2026, 5, 1), date(2026, 4, 1)).is_empty());
    }

    proptest! {
        #[test]
        fn monthly_sums_add_up_to_the_in_range_revenue(
            days in proptest::collection::vec((0i64..800, 0i64..100_000, any::<bool>()), 0..60)
        ) {
            let start = date(2025, 1, 1);
            let orders: Vec<Order> = days
                .iter()
                .map(|&(offset, cents, cancelled)| {
                    let status = if cancelled { OrderStatus::Cancelled } else { OrderStatus::Shipped };
                    order(start + chrono::TimeDelta::days(offset), cents, status)
                })
                .collect();
            let (from, to) = (date(2025, 3, 15), date(2026, 6, 2));
            let months = revenue_by_month(&orders, from, to);
            prop_assert_eq!(months.len(), 16);
            let expected: i64 = orders
                .iter()
                .filter(|o| o.is_revenue())
                .filter(|o| month_index(o.date) >= month_index(from) && month_index(o.date) <= month_index(to))
                .map(|o| o.total().0)
                .sum();
            prop_assert_eq!(months.iter().map(|m| m.revenue.0).sum::<i64>(), expected);
        }
    }
}
