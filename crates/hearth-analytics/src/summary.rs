//! From raw transactions to the per-customer summaries the models need: BG/NBD's (x, t_x, T) and
//! the mean repeat spend, in a chosen time unit over a calibration window.

use crate::bgnbd::RepeatSummary;
use crate::clv::TimeUnit;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One purchase: who, when, how much.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transaction {
    /// Customer id.
    pub customer_id: u64,
    /// Day of the purchase.
    pub date: NaiveDate,
    /// Amount spent.
    pub amount: f64,
}

/// A customer's calibration summary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CustomerSummary {
    /// Customer id.
    pub customer_id: u64,
    /// Repeat-purchase summary for BG/NBD.
    pub repeat: RepeatSummary,
    /// Mean of the repeat purchase days' totals (0 without repeat purchases).
    pub mean_repeat_spend: f64,
}

/// Summarises transactions dated on or before `calibration_end`, in `unit`s, customers in id order.
///
/// Purchases on the same day count as one (their amounts add up): x is the number of distinct
/// purchase days minus one, t_x the time from the first to the last, T from the first to
/// `calibration_end`. Customers whose first purchase is after the window are left out.
pub fn summarize(
    transactions: &[Transaction],
    calibration_end: NaiveDate,
    unit: TimeUnit,
) -> Vec<CustomerSummary> {
    let mut days_by_customer: BTreeMap<u64, BTreeMap<NaiveDate, f64>> = BTreeMap::new();
    for t in transactions.iter().filter(|t| t.date <= calibration_end) {
        *days_by_customer
            .entry(t.customer_id)
            .or_default()
            .entry(t.date)
            .or_insert(0.0) += t.amount;
    }
    let in_units = |from: NaiveDate, to: NaiveDate| (to - from).num_days() as f64 / unit.days();
    days_by_customer
        .into_iter()
        .filter_map(|(customer_id, days)| {
            let (&first, _) = days.first_key_value()?;
            let (&last, _) = days.last_key_value()?;
            let repeats = days.len() - 1;
            let repeat_total: f64 = days.values().skip(1).sum();
            Some(CustomerSummary {
                customer_id,
                repeat: RepeatSummary {
                    x: repeats as f64,
                    t_x: in_units(first, last),
                    big_t: in_units(first, calibration_end),
                },
                mean_repeat_spend: if repeats > 0 {
                    repeat_total / repeats as f64
                } else {
                    0.0
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, d).unwrap()
    }

    #[test]
    fn same_day_purchases_merge_and_later_ones_are_ignored() {
        let t = |customer_id, d, amount| Transaction {
            customer_id,
            date: day(d),
            amount,
        };
        let summaries = summarize(
            &[
                t(7, 1, 10.0),
                t(7, 8, 5.0),
                t(7, 8, 15.0),
                t(7, 15, 40.0),
                t(7, 30, 99.0),
                t(3, 29, 1.0),
            ],
            day(29),
            TimeUnit::Week,
        );
        assert_eq!(summaries.len(), 2);
        assert_eq!(summaries[0].customer_id, 3);
        assert_eq!(
            summaries[0].repeat,
            RepeatSummary {
                x: 0.0,
                t_x: 0.0,
                big_t: 0.0
            }
        );
        let seven = summaries[1];
        assert_eq!(
            seven.repeat,
            RepeatSummary {
                x: 2.0,
                t_x: 2.0,
                big_t: 4.0
            }
        );
        assert_eq!(seven.mean_repeat_spend, 30.0);
    }
}
