//! Everything the sales reports show, computed at once for one filter: revenue broken down, the
//! win rate and sales cycle, the weighted forecast, each pipeline's funnel, with the names their
//! tables show, so the page joins nothing.

use crate::facts::OrderFacts;
use crate::reports::deals::{
    average_sales_cycle_days, funnel, weighted_forecast, win_rate, FunnelStage, MonthForecast,
    SalesFilter, StageTable, WinRate,
};
use crate::reports::revenue::{revenue_breakdown, RevenueBreakdown};
use chrono::{Datelike, Months, NaiveDate};
use hearth_domain::{Deal, Person, Pipeline, Product};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

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
    /// Deals won and lost.
    pub win_rate: WinRate,
    /// Mean days from creation to close of the won deals.
    pub sales_cycle_days: Option<f64>,
    /// Open deals by month of expected close over the twelve months from `as_of`'s (whatever the
    /// filter's dates: a forecast looks ahead), overdue ones in the first.
    pub forecast: Vec<MonthForecast>,
    /// Each pipeline's funnel, in the pipelines' order.
    pub funnels: Vec<PipelineFunnel>,
    /// Every owner of a live person or deal, sorted: what the owner filter offers.
    pub owners: Vec<String>,
}

/// The sales reports of the workspace's records for `filter`, on the day `as_of`.
pub fn sales_reports(
    facts: &OrderFacts,
    people: &[Person],
    products: &[Product],
    deals: &[Deal],
    pipelines: &[Pipeline],
    filter: SalesFilter,
    as_of: NaiveDate,
) -> SalesReports {
    let revenue = revenue_breakdown(facts, people, products, &filter, TOP_CUSTOMERS);
    let stages = StageTable::new(pipelines);
    let owners: BTreeSet<String> = people
        .iter()
        .filter(|person| person.deleted_at.is_none())
        .map(|person| &person.owner)
        .chain(
            deals
                .iter()
                .filter(|deal| deal.deleted_at.is_none())
                .map(|deal| &deal.owner),
        )
        .filter(|owner| !owner.is_empty())
        .cloned()
        .collect();
    SalesReports {
        win_rate: win_rate(deals, &stages, &filter),
        sales_cycle_days: average_sales_cycle_days(deals, &stages, &filter),
        forecast: weighted_forecast(deals, &stages, &ahead(&filter, as_of)),
        funnels: pipelines
            .iter()
            .map(|pipeline| PipelineFunnel {
                pipeline: pipeline.name.clone(),
                stages: funnel(deals, pipeline, &filter),
            })
            .collect(),
        owners: owners.into_iter().collect(),
        revenue,
        filter,
    }
}

/// The twelve calendar months from `as_of`'s, for `filter`'s owner.
fn ahead(filter: &SalesFilter, as_of: NaiveDate) -> SalesFilter {
    let from = as_of.with_day(1).unwrap_or(as_of);
    SalesFilter {
        from,
        to: from
            .checked_add_months(Months::new(12))
            .and_then(|next| next.pred_opt())
            .unwrap_or(from),
        owner: filter.owner.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::kpis::sales_report;
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
            today,
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
            assert!(!share.label.is_empty(), "{share:?}");
        }
        for share in reports.revenue.by_product.iter().filter(|s| s.id != 0) {
            assert!(!share.label.is_empty(), "{share:?}");
        }
        assert_eq!(reports.funnels.len(), demo.pipelines.len());
        // The forecast looks ahead from today's month and holds the whole open pipeline.
        assert_eq!(reports.forecast.len(), 12);
        assert_eq!(
            (reports.forecast[0].year, reports.forecast[0].month),
            (2026, 11)
        );
        let open = crate::reports::kpis::pipeline_value(&demo.deals, &demo.pipelines);
        let forecast_deals: usize = reports.forecast.iter().map(|m| m.deals).sum();
        assert!(forecast_deals > 0 && forecast_deals <= open.deals);
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
            today,
        );
        assert_eq!(theirs.revenue.by_owner.len(), 1);
        assert_eq!(theirs.revenue.by_owner[0].label, owner);
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
