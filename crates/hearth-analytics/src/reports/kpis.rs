//! The dashboard's figures: revenue, orders and new customers per month from the order facts, the
//! open pipeline's value, and the service desk's open tickets and SLA breaches.

use crate::facts::OrderFacts;
use crate::reports::deals::StageTable;
use crate::reports::{month_index, year_month};
use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::sla::{ClockState, SlaSettings, Zone};
use hearth_domain::{Deal, Pipeline, StageOutcome, Ticket};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One calendar month of sales.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MonthSales {
    /// Year.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Revenue in cents.
    pub revenue_cents: f64,
    /// Orders placed.
    pub orders: usize,
    /// Customers whose first order fell in the month.
    pub new_customers: usize,
}

/// Sales of the twelve calendar months up to `as_of`'s, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SalesReport {
    /// Months, oldest first; the last is the current one.
    pub months: Vec<MonthSales>,
}

/// Revenue, orders and new customers per month over the twelve months ending with `as_of`'s.
pub fn sales_report(facts: &OrderFacts, as_of: NaiveDate) -> SalesReport {
    let last = month_index(as_of);
    let first = last - 11;
    let mut months: Vec<MonthSales> = (first..=last)
        .map(|index| {
            let (year, month) = year_month(index);
            MonthSales {
                year,
                month,
                revenue_cents: 0.0,
                orders: 0,
                new_customers: 0,
            }
        })
        .collect();
    let mut first_order: HashMap<u32, NaiveDate> = HashMap::new();
    for total in facts.order_totals().iter().filter(|t| t.date <= as_of) {
        let seen = first_order.entry(total.person).or_insert(total.date);
        *seen = (*seen).min(total.date);
        let index = month_index(total.date);
        if (first..=last).contains(&index) {
            let month = &mut months[(index - first) as usize];
            month.revenue_cents += total.cents;
            month.orders += 1;
        }
    }
    for date in first_order.into_values() {
        let index = month_index(date);
        if (first..=last).contains(&index) {
            months[(index - first) as usize].new_customers += 1;
        }
    }
    SalesReport { months }
}

/// Value of the deals in open stages.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PipelineValue {
    /// Open deals.
    pub deals: usize,
    /// Sum of their values, in cents.
    pub total_cents: i64,
    /// Sum of value × stage probability, in cents.
    pub weighted_cents: i64,
}

/// The open pipeline: deals whose stage's outcome is open (deals in unknown stages are left out).
pub fn pipeline_value(deals: &[Deal], pipelines: &[Pipeline]) -> PipelineValue {
    let stages = StageTable::new(pipelines);
    let mut value = PipelineValue::default();
    for deal in deals {
        let Some(stage) = stages.of(deal) else {
            continue;
        };
        if stage.outcome == StageOutcome::Open {
            // A deal in another currency is counted, not summed (see `Deal::counted_value`).
            let cents = deal.counted_value().map_or(0, |cents| cents.0);
            value.deals += 1;
            value.total_cents += cents;
            value.weighted_cents += cents * i64::from(stage.probability_pct) / 100;
        }
    }
    value
}

/// The service desk's load.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ServiceLoad {
    /// Tickets not resolved or closed.
    pub open: usize,
    /// Of those, the ones that missed a target ([`ClockState::Breached`]) at `now`.
    pub breached: usize,
    /// Of those, the ones with little time left on a running clock.
    pub due_soon: usize,
}

/// Open tickets, SLA breaches and tickets due soon at `now`, under `settings` in `zone`.
pub fn service_load<Z: Zone>(
    tickets: &[Ticket],
    settings: &SlaSettings,
    zone: &Z,
    now: DateTime<Utc>,
) -> ServiceLoad {
    let mut load = ServiceLoad::default();
    for ticket in tickets.iter().filter(|t| t.status.is_open()) {
        load.open += 1;
        match settings.clocks(ticket, zone, now).state() {
            ClockState::Breached => load.breached += 1,
            ClockState::DueSoon => load.due_soon += 1,
            _ => {}
        }
    }
    load
}

/// High-value customers whose probability of still being active is below `threshold`.
pub fn at_risk<'a>(
    members: impl Iterator<Item = &'a crate::reports::clv::ClvMember>,
    threshold: f32,
) -> Vec<u32> {
    members
        .filter(|m| m.4 == crate::rfm::ValueTier::High && m.1 < threshold)
        .map(|m| m.0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tests::{date, order};
    use crate::reports::clv::ClvMember;
    use crate::rfm::ValueTier;
    use hearth_domain::demo::{generate, DemoConfig};
    use hearth_domain::OrderStatus;

    #[test]
    fn months_count_revenue_orders_and_first_orders() {
        let orders = [
            order(1, 1, date(2025, 10, 3), &[(1, 1, 1_000)], OrderStatus::Paid),
            order(2, 1, date(2026, 11, 2), &[(1, 2, 1_000)], OrderStatus::Paid),
            order(3, 2, date(2026, 11, 20), &[(1, 1, 500)], OrderStatus::Paid),
            order(4, 3, date(2026, 10, 1), &[(1, 1, 700)], OrderStatus::Paid),
            order(5, 3, date(2026, 12, 1), &[(1, 1, 700)], OrderStatus::Paid),
        ];
        let report = sales_report(&OrderFacts::from_orders(&orders), date(2026, 11, 28));
        assert_eq!(report.months.len(), 12);
        assert_eq!((report.months[0].year, report.months[0].month), (2025, 12));
        let now = report.months[11];
        assert_eq!((now.year, now.month), (2026, 11));
        assert_eq!(now.revenue_cents, 2_500.0);
        assert_eq!(now.orders, 2);
        assert_eq!(now.new_customers, 1, "customer 1 first bought in 2025");
        assert_eq!(report.months[10].new_customers, 1);
    }

    #[test]
    fn pipeline_and_tickets_of_the_demo() {
        let today = date(2026, 11, 28);
        let demo = generate(&DemoConfig::standard(today));
        let value = pipeline_value(&demo.deals, &demo.pipelines);
        assert!(value.deals > 0 && value.deals < demo.deals.len());
        assert!(value.weighted_cents <= value.total_cents);
        let now = today.and_hms_opt(17, 0, 0).unwrap().and_utc();
        let settings = SlaSettings::default();
        let utc = hearth_domain::sla::Fixed(0);
        let load = service_load(&demo.tickets, &settings, &utc, now);
        assert!(load.breached + load.due_soon <= load.open && load.open <= demo.tickets.len());
        assert!(load.breached > 0, "the demo has late tickets");
        let before = now - chrono::Days::new(10_000);
        assert_eq!(
            service_load(&demo.tickets, &settings, &utc, before).breached,
            0
        );
    }

    #[test]
    fn at_risk_are_high_value_and_unlikely_to_buy() {
        let members = [
            ClvMember(1, 0.2, 1.0, 900.0, ValueTier::High),
            ClvMember(2, 0.9, 3.0, 800.0, ValueTier::High),
            ClvMember(3, 0.1, 0.1, 10.0, ValueTier::Low),
        ];
        assert_eq!(at_risk(members.iter(), 0.5), vec![1]);
    }
}
