//! RFM: recency, frequency and monetary value per customer, scored 1–5 and named by segment.
//!
//! Default scoring reproduces the widespread pandas recipe exactly:
//! `pd.qcut(values.rank(method="first"), 5, labels=[1, 2, 3, 4, 5])` with customers in id order.
//! Values are ranked ascending (ties broken by customer id), ranks 1..n are cut at the edges
//! e_j = 1 + (n − 1)·j/5 into bins (e_{j−1}, e_j] (the first bin includes e_0), and the bin is the
//! F and M score; R scores 6 − bin, since a small recency is good.

use crate::error::{AnalyticsError, AnalyticsResult};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One order: who, when, how much (in cents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderRecord {
    /// Customer id.
    pub customer_id: u64,
    /// Order date.
    pub date: NaiveDate,
    /// Order value in cents.
    pub amount_cents: i64,
}

/// How tied values are scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Ties {
    /// Ties broken by customer id (pandas `rank(method="first")`): bins have equal counts.
    #[default]
    First,
    /// Tied values always share a score: every tie takes the rank of its first member
    /// (pandas `rank(method="min")`).
    Equal,
}

/// Named customer segments on the (R, F) grid.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    /// R5, F4–5.
    Champions,
    /// R3–4, F4–5.
    LoyalCustomers,
    /// R4–5, F2–3.
    PotentialLoyalists,
    /// R5, F1.
    NewCustomers,
    /// R4, F1.
    Promising,
    /// R3, F3.
    NeedAttention,
    /// R3, F1–2.
    AboutToSleep,
    /// R1–2, F3–4.
    AtRisk,
    /// R1–2, F5.
    CantLoseThem,
    /// R1–2, F1–2.
    Hibernating,
}

impl Segment {
    /// Every segment, in grid order from best to worst.
    pub const ALL: [Segment; 10] = [
        Segment::Champions,
        Segment::LoyalCustomers,
        Segment::PotentialLoyalists,
        Segment::NewCustomers,
        Segment::Promising,
        Segment::NeedAttention,
        Segment::AboutToSleep,
        Segment::AtRisk,
        Segment::CantLoseThem,
        Segment::Hibernating,
    ];

    /// The segment of an (R, F) pair; every pair of scores 1..=5 has exactly one (scores outside
    /// 1..=5 do not occur and count as the lowest).
    pub fn of(r: u8, f: u8) -> Segment {
        match (r, f) {
            (5, 4..=5) => Segment::Champions,
            (3..=4, 4..=5) => Segment::LoyalCustomers,
            (4..=5, 2..=3) => Segment::PotentialLoyalists,
            (5, 1) => Segment::NewCustomers,
            (4, 1) => Segment::Promising,
            (3, 3) => Segment::NeedAttention,
            (3, 1..=2) => Segment::AboutToSleep,
            (1..=2, 3..=4) => Segment::AtRisk,
            (1..=2, 5) => Segment::CantLoseThem,
            _ => Segment::Hibernating,
        }
    }

    /// The segment's conventional English name, a stable key for exports.
    pub fn name(self) -> &'static str {
        match self {
            Segment::Champions => "Champions",
            Segment::LoyalCustomers => "Loyal Customers",
            Segment::PotentialLoyalists => "Potential Loyalists",
            Segment::NewCustomers => "New Customers",
            Segment::Promising => "Promising",
            Segment::NeedAttention => "Need Attention",
            Segment::AboutToSleep => "About to Sleep",
            Segment::AtRisk => "At Risk",
            Segment::CantLoseThem => "Can't Lose Them",
            Segment::Hibernating => "Hibernating",
        }
    }
}

/// One customer's RFM values and scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RfmRow {
    /// Customer id.
    pub customer_id: u64,
    /// Days from the last order to the as-of date.
    pub recency_days: i64,
    /// Number of orders.
    pub frequency: u64,
    /// Sum of order values in cents.
    pub monetary_cents: i64,
    /// Recency score 1..=5 (5 = most recent).
    pub r: u8,
    /// Frequency score 1..=5.
    pub f: u8,
    /// Monetary score 1..=5.
    pub m: u8,
    /// Segment on (R, F).
    pub segment: Segment,
}

/// The bin 1..=5 of `rank` (1-based) among `n`, by the edges e_j = 1 + (n − 1)·j/5, computed in
/// integers: rank ≤ e_j ⟺ 5·(rank − 1) ≤ (n − 1)·j.
pub fn quintile_of_rank(rank: usize, n: usize) -> u8 {
    if n <= 1 {
        return 1;
    }
    let numerator = 5 * (rank - 1);
    let denominator = n - 1;
    numerator.div_ceil(denominator).clamp(1, 5) as u8
}

/// 1-based ranks of `values` ascending, ties broken by position (`First`) or shared (`Equal`).
/// Positions must already be in customer-id order.
fn ranks<T: Ord + Copy>(values: &[T], ties: Ties) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by_key(|&i| (values[i], i));
    let mut ranks = vec![0; values.len()];
    let mut tie_start = 0;
    for (position, &i) in order.iter().enumerate() {
        if position > 0 && values[order[position - 1]] != values[i] {
            tie_start = position;
        }
        ranks[i] = match ties {
            Ties::First => position + 1,
            Ties::Equal => tie_start + 1,
        };
    }
    ranks
}

/// Quintile scores 1..=5 of `values` (ascending), customers in id order.
pub fn quintile_scores<T: Ord + Copy>(values: &[T], ties: Ties) -> Vec<u8> {
    let n = values.len();
    ranks(values, ties)
        .into_iter()
        .map(|rank| quintile_of_rank(rank, n))
        .collect()
}

/// RFM of every customer with an order on or before `as_of`, in customer-id order. Each record is
/// one order.
pub fn rfm(orders: &[OrderRecord], as_of: NaiveDate, ties: Ties) -> AnalyticsResult<Vec<RfmRow>> {
    #[derive(Default)]
    struct Totals {
        last: Option<NaiveDate>,
        frequency: u64,
        monetary_cents: i64,
    }
    let mut by_customer: BTreeMap<u64, Totals> = BTreeMap::new();
    for (row, order) in orders.iter().enumerate() {
        if order.date > as_of {
            continue;
        }
        let totals = by_customer.entry(order.customer_id).or_default();
        totals.last = totals.last.max(Some(order.date));
        totals.frequency += 1;
        totals.monetary_cents = totals
            .monetary_cents
            .checked_add(order.amount_cents)
            .ok_or_else(|| AnalyticsError::InvalidValue {
                row,
                field: "amount".into(),
                reason: "the customer's total overflows".into(),
            })?;
    }
    let ids: Vec<u64> = by_customer.keys().copied().collect();
    let recency: Vec<i64> = by_customer
        .values()
        .map(|t| (as_of - t.last.expect("every customer has an order")).num_days())
        .collect();
    let frequency: Vec<u64> = by_customer.values().map(|t| t.frequency).collect();
    let monetary: Vec<i64> = by_customer.values().map(|t| t.monetary_cents).collect();
    let (r_bins, f_scores, m_scores) = (
        quintile_scores(&recency, ties),
        quintile_scores(&frequency, ties),
        quintile_scores(&monetary, ties),
    );
    Ok((0..ids.len())
        .map(|i| {
            let r = 6 - r_bins[i];
            RfmRow {
                customer_id: ids[i],
                recency_days: recency[i],
                frequency: frequency[i],
                monetary_cents: monetary[i],
                r,
                f: f_scores[i],
                m: m_scores[i],
                segment: Segment::of(r, f_scores[i]),
            }
        })
        .collect())
}

/// A customer's value tier by lifetime value.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ValueTier {
    /// The top share.
    High,
    /// The next share.
    Medium,
    /// The rest.
    Low,
}

/// Tiers by rank of `values` (ties broken by position): the top `high_share` of customers are High,
/// the next `medium_share` Medium, the rest Low. Shares are fractions of the customer count.
pub fn value_tiers(
    values: &[f64],
    high_share: f64,
    medium_share: f64,
) -> AnalyticsResult<Vec<ValueTier>> {
    if !(0.0..=1.0).contains(&high_share) || !(0.0..=1.0 - high_share).contains(&medium_share) {
        return Err(AnalyticsError::InvalidParameter {
            name: "tier shares",
            reason: format!(
                "need 0 <= high ({high_share}) and high + medium ({medium_share}) <= 1"
            ),
        });
    }
    if let Some(row) = values.iter().position(|v| !v.is_finite()) {
        return Err(AnalyticsError::InvalidValue {
            row,
            field: "clv".into(),
            reason: format!("must be a finite number, got {}", values[row]),
        });
    }
    let n = values.len();
    let mut order: Vec<usize> = (0..n).collect();
    // Highest value first; equal values keep input order.
    order.sort_by(|&i, &j| values[j].total_cmp(&values[i]).then(i.cmp(&j)));
    let high = (high_share * n as f64).round() as usize;
    let medium = ((high_share + medium_share) * n as f64).round() as usize;
    let mut tiers = vec![ValueTier::Low; n];
    for (position, &i) in order.iter().enumerate() {
        tiers[i] = if position < high {
            ValueTier::High
        } else if position < medium {
            ValueTier::Medium
        } else {
            ValueTier::Low
        };
    }
    Ok(tiers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_rf_pair_has_the_segment_of_the_table() {
        let expected = [
            // f = 1..=5 for r = 1, 2, 3, 4, 5
            [
                "Hibernating",
                "Hibernating",
                "At Risk",
                "At Risk",
                "Can't Lose Them",
            ],
            [
                "Hibernating",
                "Hibernating",
                "At Risk",
                "At Risk",
                "Can't Lose Them",
            ],
            [
                "About to Sleep",
                "About to Sleep",
                "Need Attention",
                "Loyal Customers",
                "Loyal Customers",
            ],
            [
                "Promising",
                "Potential Loyalists",
                "Potential Loyalists",
                "Loyal Customers",
                "Loyal Customers",
            ],
            [
                "New Customers",
                "Potential Loyalists",
                "Potential Loyalists",
                "Champions",
                "Champions",
            ],
        ];
        for r in 1..=5u8 {
            for f in 1..=5u8 {
                assert_eq!(
                    Segment::of(r, f).name(),
                    expected[r as usize - 1][f as usize - 1],
                    "R{r} F{f}"
                );
            }
        }
    }

    #[test]
    fn ten_customers_split_two_per_quintile() {
        let scores = quintile_scores(&[5, 3, 9, 1, 7, 2, 8, 4, 6, 10], Ties::First);
        assert_eq!(scores, [3, 2, 5, 1, 4, 1, 4, 2, 3, 5]);
    }

    #[test]
    fn first_breaks_ties_by_id_and_equal_shares_the_score() {
        let values = [1, 1, 1, 1, 1, 2, 2, 2, 2, 2];
        assert_eq!(
            quintile_scores(&values, Ties::First),
            [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
        );
        assert_eq!(
            quintile_scores(&values, Ties::Equal),
            [1, 1, 1, 1, 1, 3, 3, 3, 3, 3]
        );
    }

    #[test]
    fn recency_scores_reverse_so_recent_buyers_score_five() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        let order = |customer_id, d, amount_cents| OrderRecord {
            customer_id,
            date: day(d),
            amount_cents,
        };
        let orders: Vec<OrderRecord> = (1..=5)
            .flat_map(|id| {
                (0..id).map(move |k| order(id, (id as u32) * 2 + k as u32, 1_000 * id as i64))
            })
            .chain([order(9, 30, 1)])
            .collect();
        let rows = rfm(&orders, day(20), Ties::First).unwrap();
        assert_eq!(rows.len(), 5, "orders after as-of are ignored");
        let most_recent = rows.iter().find(|r| r.customer_id == 5).unwrap();
        assert_eq!(
            (
                most_recent.recency_days,
                most_recent.frequency,
                most_recent.monetary_cents
            ),
            (6, 5, 25_000)
        );
        assert_eq!((most_recent.r, most_recent.f, most_recent.m), (5, 5, 5));
        assert_eq!(most_recent.segment, Segment::Champions);
        let oldest = rows.iter().find(|r| r.customer_id == 1).unwrap();
        assert_eq!(
            (oldest.r, oldest.f, oldest.m, oldest.segment),
            (1, 1, 1, Segment::Hibernating)
        );
    }

    #[test]
    fn value_tiers_take_the_top_fifth_and_next_three_tenths() {
        let values: Vec<f64> = (1..=10).map(f64::from).collect();
        let tiers = value_tiers(&values, 0.2, 0.3).unwrap();
        assert_eq!(tiers.iter().filter(|t| **t == ValueTier::High).count(), 2);
        assert_eq!(tiers[9], ValueTier::High);
        assert_eq!(tiers[5], ValueTier::Medium);
        assert_eq!(tiers[4], ValueTier::Low);
        assert!(value_tiers(&[f64::NAN], 0.2, 0.3).is_err());
    }

    proptest! {
        #[test]
        fn score_counts_follow_the_bin_rule(values in proptest::collection::vec(0i64..50, 1..400)) {
            let n = values.len();
            let scores = quintile_scores(&values, Ties::First);
            for bin in 1..=5u8 {
                // Ranks in (e_{j-1}, e_j] with e_j = 1 + (n-1) j / 5; the first bin also holds rank 1.
                let expected = (1..=n).filter(|&rank| {
                    let position = 5 * (rank - 1);
                    let upper = (n - 1) * bin as usize;
                    let lower = (n - 1) * (bin as usize - 1);
                    position <= upper && (position > lower || (bin == 1 && rank == 1))
                }).count();
                prop_assert_eq!(scores.iter().filter(|&&s| s == bin).count(), expected);
            }
            // Higher values never score lower.
            for i in 0..n {
                for j in 0..n {
                    if values[i] < values[j] {
                        prop_assert!(scores[i] <= scores[j]);
                    }
                }
            }
        }

        #[test]
        fn equal_ties_share_scores(values in proptest::collection::vec(0i64..8, 1..200)) {
            let scores = quintile_scores(&values, Ties::Equal);
            for i in 0..values.len() {
                for j in 0..values.len() {
                    if values[i] == values[j] {
                        prop_assert_eq!(scores[i], scores[j]);
                    }
                }
            }
        }
    }
}
