//! The analytics pages' reports: each turns a workspace's [`OrderFacts`](crate::facts::OrderFacts)
//! into everything one page shows, serializable so a Web Worker can hand it to the page.

pub mod baskets;
pub mod campaigns;
pub mod clv;
pub mod deals;
pub mod kpis;
pub mod packed;
pub mod revenue;
pub mod rfm;
pub mod sales;
pub mod segments;
pub mod service;

use crate::error::{AnalyticsError, AnalyticsResult};
use crate::progress::Progress;
use chrono::{Datelike, NaiveDate};
use std::ops::ControlFlow;

/// Reports `done` of `total` steps of `name`, turning a cancel into [`AnalyticsError::Cancelled`].
fn stage(
    progress: &mut dyn Progress,
    name: &'static str,
    done: usize,
    total: usize,
) -> AnalyticsResult<()> {
    match progress.report(name, done, total) {
        ControlFlow::Continue(()) => Ok(()),
        ControlFlow::Break(()) => Err(AnalyticsError::Cancelled),
    }
}

/// `date`'s calendar month counted from the year 0's January, so months subtract and range.
pub(crate) fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

/// The year and the month (1..=12) of a [`month_index`].
pub(crate) fn year_month(index: i64) -> (i32, u32) {
    (index.div_euclid(12) as i32, index.rem_euclid(12) as u32 + 1)
}

/// The last days of the `count` calendar months before `as_of`'s month, oldest first.
pub fn month_ends(as_of: NaiveDate, count: u32) -> Vec<NaiveDate> {
    let first_of_month = as_of.with_day(1).unwrap_or(as_of);
    (1..=count)
        .rev()
        .filter_map(|back| {
            first_of_month
                .checked_sub_months(chrono::Months::new(back - 1))
                .and_then(|start| start.pred_opt())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tests::date;

    #[test]
    fn month_ends_step_back_over_year_ends() {
        assert_eq!(
            month_ends(date(2026, 2, 14), 3),
            vec![date(2025, 11, 30), date(2025, 12, 31), date(2026, 1, 31)]
        );
        assert!(month_ends(date(2026, 2, 14), 0).is_empty());
    }
}
