//! Everything the sales reports show, computed at once for one filter: revenue broken down, the
//! win rate and sales cycle, the weighted forecast, each pipeline's funnel, and the names their
//! tables need, so the page joins nothing.

use crate::facts::OrderFacts;
use crate::reports::deals::{
    average_sales_cycle_days, funnel, weighted_forecast, win_rate, FunnelStage, MonthForecast,
    SalesFilter, StageTable, WinRate,
};
use crate::reports::revenue::{revenue_breakdown, RevenueBreakdown};
use hearth_domain::{Deal, Person, Pipeline, Product};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How many buyers the top customers table lists.
pub const TOP_CUSTOMERS: usize = 10;

/// One pipeline's funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PipelineFunnel {
    /// The pipeline's name.
    pub pipeline: String,
    /// Its open stages in board order.
    pub stages: Vec<FunnelStage>,
}

/// The sales reports for one filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SalesReports {
    /// What they count.
    pub filter: SalesFilter,
    /// Revenue by month, owner, product, category and customer.
    pub revenue: RevenueBreakdown,
    /// The names of the products in `revenue.by_product`, by id.
    pub product_names: BTreeMap<u32, String>,
    /// The names of the `revenue.top_customers`, by id.
    pub customer_names: BTreeMap<u32, String>,
    /// Deals won and lost.
    pub win_rate: WinRate,
    /// Mean days from creation to close of the won deals.
    pub sales_cycle_days: Option<f64>,
    /// Open deals by month of expected close.
    pub forecast: Vec<MonthForecast>,
    /// Each pipeline's funnel, in the pipelines' order.
    pub funnels: Vec<PipelineFunnel>,
    /// Every owner of a live person or deal, sorted: what the owner filter offers.
    pub owners: Vec<String>,
}

/// The sales reports of the workspace's records for `filter`.
pub fn sales_reports(
    facts: &OrderFacts,
    people: &[Person],
    products: &[Product],
    deals: &[Deal],
    pipelines: &[Pipeline],
    filter: SalesFilter,
) -> SalesReports {
    let live_people = || people.iter().filter(|person| person.deleted_at.is_none());
    let owners_by_person: HashMap<u32, String> = live_people()
        .filter(|person| !person.owner.is_empty())
        .map(|person| (person.id.0, person.owner.clone()))
        .collect();
    let revenue = revenue_breakdown(facts, products, &owners_by_person, &filter, TOP_CUSTOMERS);
    let product_names = products
        .iter()
        .filter(|product| revenue.by_product.iter().any(|s| s.key == product.id.0))
        .map(|product| (product.id.0, product.name.clone()))
        .collect();
    let customer_names = people
        .iter()
        .filter(|person| revenue.top_customers.iter().any(|s| s.key == person.id.0))
        .map(|person| (person.id.0, person.display_name()))
        .collect();
    let stages = StageTable::new(pipelines);
    let live_deals = || deals.iter().filter(|deal| deal.deleted_at.is_none());
    let owners: BTreeSet<String> = live_people()
        .map(|person| &person.owner)
        .chain(live_deals().map(|deal| &deal.owner))
        .filter(|owner| !owner.is_empty())
        .cloned()
        .collect();
    SalesReports {
        win_rate: win_rate(deals, &stages, &filter),
        sales_cycle_days: average_sales_cycle_days(deals, &stages, &filter),
        forecast: weighted_forecast(deals, &stages, &filter),
        funnels: pipelines
            .iter()
            .map(|pipeline| PipelineFunnel {
                pipeline: pipeline.name.clone(),
                stages: funnel(deals, pipeline, &filter),
            })
            .collect(),
        owners: owners.into_iter().collect(),
        revenue,
        product_names,
        customer_names,
        filter,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::kpis::sales_report;
    use chrono::NaiveDate;
    use hearth_domain::demo::{generate, DemoConfig};

    #[test]
    fn the_demo_reports_agree_with_the_dashboard_and_name_what_they_list() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let demo = generate(&DemoConfig::standard(today));
        let facts = OrderFacts::from_orders(&demo.orders);
        let year = SalesFilter {
            from: NaiveDate::from_ymd_opt(2025, 12, 1).unwrap(),
            to: today,
            owner: None,
        };
        let reports = sales_reports(
            &facts,
            &demo.people,
            &demo.products,
            &demo.deals,
            &demo.pipelines,
            year.clone(),
        );
        // The dashboard's twelve months are the same revenue by the same rule.
        let dashboard = sales_report(&facts, today);
        let months: Vec<_> = reports
            .revenue
            .months
            .iter()
            .map(|m| (m.year, m.month, m.cents, m.orders))
            .collect();
        let expected: Vec<_> = dashboard
            .months
            .iter()
            .map(|m| (m.year, m.month, m.revenue_cents, m.orders))
            .collect();
        assert_eq!(months, expected);
        assert_eq!(reports.revenue.top_customers.len(), TOP_CUSTOMERS);
        for share in &reports.revenue.top_customers {
            assert!(!reports.customer_names[&share.key].is_empty());
        }
        for share in reports.revenue.by_product.iter().filter(|s| s.key != 0) {
            assert!(reports.product_names.contains_key(&share.key));
        }
        assert_eq!(reports.funnels.len(), demo.pipelines.len());
        assert!(reports.win_rate.won > 0);
        assert!(!reports.owners.is_empty());

        // One owner's reports count only that owner's customers and deals.
        let owner = reports.owners[0].clone();
        let theirs = sales_reports(
            &facts,
            &demo.people,
            &demo.products,
            &demo.deals,
            &demo.pipelines,
            SalesFilter {
                owner: Some(owner.clone()),
                ..year
            },
        );
        assert_eq!(theirs.revenue.by_owner.len(), 1);
        assert_eq!(theirs.revenue.by_owner[0].key, owner);
        assert!(
            theirs.revenue.by_owner[0].cents
                < reports.revenue.months.iter().map(|m| m.cents).sum::<f64>()
        );
        assert!(
            theirs.win_rate.won + theirs.win_rate.lost
                < reports.win_rate.won + reports.win_rate.lost
        );
    }
}
