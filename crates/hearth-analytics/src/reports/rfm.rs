//! The RFM page's numbers: scores of every customer, the R×F grid, segment totals and how segment
//! sizes moved over the last twelve month ends.

use super::{month_ends, stage};
use crate::error::AnalyticsResult;
use crate::facts::{OrderFacts, OrderTotal};
use crate::progress::Progress;
use crate::rfm::{rfm, OrderRecord, RfmRow, Segment, Ties};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Customers and revenue of one R×F cell or one segment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// Customers.
    pub customers: usize,
    /// Their revenue in cents over all time up to the as-of date.
    pub revenue_cents: f64,
}

/// A customer's scores: `(person id, R, F, M)`, a tuple so a 100,000-row report stays small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RfmMember(pub u32, pub u8, pub u8, pub u8);

impl super::packed::Packed for RfmMember {
    const SIZE: usize = 7;

    fn pack(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0.to_le_bytes());
        out.extend_from_slice(&[self.1, self.2, self.3]);
    }

    fn unpack(bytes: &[u8]) -> Option<RfmMember> {
        let score = |at: usize| bytes.get(at).copied().filter(|s| (1..=5).contains(s));
        Some(RfmMember(
            super::packed::u32_at(bytes, 0)?,
            score(4)?,
            score(5)?,
            score(6)?,
        ))
    }
}

impl RfmMember {
    /// The member's segment.
    pub fn segment(self) -> Segment {
        Segment::of(self.1, self.2)
    }
}

/// Segment sizes at one month end, in [`Segment::ALL`] order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentSizes {
    /// The month's last day.
    pub month_end: NaiveDate,
    /// Customers per segment.
    pub sizes: Vec<usize>,
}

/// Everything the RFM page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RfmReport {
    /// Scores are as of this day.
    pub as_of: NaiveDate,
    /// `grid[r - 1][f - 1]`.
    pub grid: Vec<Vec<Tally>>,
    /// Per segment, in [`Segment::ALL`] order.
    pub segments: Vec<Tally>,
    /// Every scored customer, in person id order.
    #[serde(with = "super::packed")]
    pub members: Vec<RfmMember>,
    /// Segment sizes at the last twelve month ends before `as_of`, oldest first.
    pub trend: Vec<SegmentSizes>,
}

impl RfmReport {
    /// The person ids of segment `segment`'s members.
    pub fn people_in(&self, segment: Segment) -> Vec<u32> {
        self.members
            .iter()
            .filter(|m| m.segment() == segment)
            .map(|m| m.0)
            .collect()
    }
}

fn records(totals: &[OrderTotal]) -> Vec<OrderRecord> {
    totals
        .iter()
        .map(|total| OrderRecord {
            customer_id: u64::from(total.person),
            date: total.date,
            amount_cents: total.cents.round() as i64,
        })
        .collect()
}

fn segment_sizes(rows: &[RfmRow]) -> Vec<usize> {
    let mut sizes = vec![0; Segment::ALL.len()];
    for row in rows {
        sizes[segment_index(row.segment)] += 1;
    }
    sizes
}

/// Position of `segment` in [`Segment::ALL`].
pub fn segment_index(segment: Segment) -> usize {
    Segment::ALL
        .iter()
        .position(|&s| s == segment)
        .unwrap_or(Segment::ALL.len() - 1)
}

/// Scores every customer with an order on or before `as_of` (ties broken by person id, the pandas
/// `rank(method="first")` rule) and recomputes the segments at each of the twelve month ends before.
pub fn rfm_report(
    facts: &OrderFacts,
    as_of: NaiveDate,
    progress: &mut dyn Progress,
) -> AnalyticsResult<RfmReport> {
    let orders = records(&facts.order_totals());
    let ends = month_ends(as_of, 12);
    stage(progress, "rfm scores", 0, ends.len() + 1)?;
    let rows = rfm(&orders, as_of, Ties::First)?;
    let mut grid = vec![vec![Tally::default(); 5]; 5];
    let mut segments = vec![Tally::default(); Segment::ALL.len()];
    for row in &rows {
        let revenue = row.monetary_cents as f64;
        for tally in [
            &mut grid[usize::from(row.r - 1)][usize::from(row.f - 1)],
            &mut segments[segment_index(row.segment)],
        ] {
            tally.customers += 1;
            tally.revenue_cents += revenue;
        }
    }
    let members = rows
        .iter()
        .map(|row| RfmMember(row.customer_id as u32, row.r, row.f, row.m))
        .collect();
    let mut trend = Vec::with_capacity(ends.len());
    for (i, &month_end) in ends.iter().enumerate() {
        stage(progress, "rfm trend", i + 1, ends.len() + 1)?;
        trend.push(SegmentSizes {
            month_end,
            sizes: segment_sizes(&rfm(&orders, month_end, Ties::First)?),
        });
    }
    Ok(RfmReport {
        as_of,
        grid,
        segments,
        members,
        trend,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tests::{date, order};
    use crate::progress::Silent;
    use hearth_domain::OrderStatus;

    #[test]
    fn report_agrees_with_the_scores_it_lists() {
        // Ten customers: customer c orders c times, the last on day c of March.
        let mut orders = Vec::new();
        let mut id = 0;
        for customer in 1..=10u32 {
            for n in 0..customer {
                id += 1;
                let day = date(2026, 1, 1) + chrono::Days::new(u64::from(customer * 6 + n));
                orders.push(order(
                    id,
                    customer,
                    day,
                    &[(1, 1, 1_000)],
                    OrderStatus::Paid,
                ));
            }
        }
        let facts = OrderFacts::from_orders(&orders);
        let report = rfm_report(&facts, date(2026, 4, 30), &mut Silent).unwrap();
        assert_eq!(report.members.len(), 10);
        let grid_total: usize = report.grid.iter().flatten().map(|t| t.customers).sum();
        assert_eq!(grid_total, 10);
        let revenue: f64 = report.segments.iter().map(|t| t.revenue_cents).sum();
        assert_eq!(revenue, 55.0 * 1_000.0);
        // The most frequent, most recent customer is a champion; the first a hibernating one.
        assert_eq!(report.members[9], RfmMember(10, 5, 5, 5));
        assert_eq!(report.members[9].segment(), Segment::Champions);
        assert_eq!(report.members[0].segment(), Segment::Hibernating);
        assert_eq!(report.trend.len(), 12);
        assert_eq!(report.trend[11].month_end, date(2026, 3, 31));
        assert_eq!(report.trend[11].sizes.iter().sum::<usize>(), 10);
        assert_eq!(
            report.trend[0].sizes.iter().sum::<usize>(),
            0,
            "no orders yet"
        );
    }

    #[test]
    fn empty_facts_give_an_empty_report() {
        let report = rfm_report(&OrderFacts::default(), date(2026, 4, 30), &mut Silent).unwrap();
        assert!(report.members.is_empty());
        assert!(report.segments.iter().all(|t| t.customers == 0));
    }
}
