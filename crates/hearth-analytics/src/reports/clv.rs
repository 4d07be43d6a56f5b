//! The lifetime value page's numbers: BG/NBD + Gamma-Gamma fitted on the workspace's orders (in
//! weeks, as Fader, Hardie and Lee do), a calibration/holdout check of the purchase model, and
//! every customer's P(alive), expected purchases, CLV and value tier.

use super::stage;
use crate::bgnbd::{self, BgNbdParams, RepeatSummary};
use crate::clv::{discounted_purchases_if_alive, ClvHorizon, TimeUnit};
use crate::error::{AnalyticsError, AnalyticsResult};
use crate::facts::OrderFacts;
use crate::gamma_gamma::{self, GammaGammaParams, SpendSummary};
use crate::progress::Progress;
use crate::rfm::{value_tiers, ValueTier};
use crate::summary::{summarize, CustomerSummary, Transaction};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the user chose.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClvSettings {
    /// Months ahead the value counts.
    pub horizon_months: u32,
    /// Yearly discount rate (0.1 is 10 %).
    pub annual_discount_rate: f64,
    /// Weeks before the as-of day held out to check the purchase model.
    pub holdout_weeks: u32,
}

impl Default for ClvSettings {
    fn default() -> ClvSettings {
        ClvSettings {
            horizon_months: 12,
            annual_discount_rate: 0.1,
            holdout_weeks: 26,
        }
    }
}

/// Repeat purchases in one week of history, as happened and as the model fitted before the holdout
/// expects.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WeekPurchases {
    /// First day of the week.
    pub week_start: NaiveDate,
    /// Repeat purchases made.
    pub actual: f64,
    /// Repeat purchases expected.
    pub predicted: f64,
}

/// The purchase model fitted on the weeks before the holdout, against what happened after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HoldoutCheck {
    /// Last day of the calibration period.
    pub calibration_end: NaiveDate,
    /// Parameters fitted on the calibration period.
    pub params: BgNbdParams,
    /// Every whole week from the first purchase to the as-of day.
    pub weeks: Vec<WeekPurchases>,
    /// Repeat purchases in the holdout weeks.
    pub holdout_actual: f64,
    /// Repeat purchases the calibration fit expected in them.
    pub holdout_predicted: f64,
}

/// A customer's forecast: `(person id, P(alive), expected purchases, CLV in currency units, tier)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClvMember(pub u32, pub f32, pub f32, pub f32, pub ValueTier);

impl super::packed::Packed for ClvMember {
    const SIZE: usize = 17;

    fn pack(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0.to_le_bytes());
        for value in [self.1, self.2, self.3] {
            out.extend_from_slice(&value.to_le_bytes());
        }
        out.push(match self.4 {
            ValueTier::High => 0,
            ValueTier::Medium => 1,
            ValueTier::Low => 2,
        });
    }

    fn unpack(bytes: &[u8]) -> Option<ClvMember> {
        use super::packed::{f32_at, u32_at};
        let tier = match bytes.get(16)? {
            0 => ValueTier::High,
            1 => ValueTier::Medium,
            2 => ValueTier::Low,
            _ => return None,
        };
        Some(ClvMember(
            u32_at(bytes, 0)?,
            f32_at(bytes, 4)?,
            f32_at(bytes, 8)?,
            f32_at(bytes, 12)?,
            tier,
        ))
    }
}

/// Counts of values in consecutive bins `[edges[i], edges[i + 1])` (the last bin closed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    /// Bin edges, one more than counts.
    pub edges: Vec<f64>,
    /// Values per bin.
    pub counts: Vec<usize>,
}

impl Histogram {
    /// `bins` equal bins over `low..=high`; values outside fall in the first or last bin.
    pub fn of(values: impl Iterator<Item = f64>, low: f64, high: f64, bins: usize) -> Histogram {
        let bins = bins.max(1);
        let width = if high > low {
            (high - low) / bins as f64
        } else {
            1.0
        };
        let edges = (0..=bins).map(|i| low + width * i as f64).collect();
        let mut counts = vec![0; bins];
        for value in values.filter(|v| v.is_finite()) {
            let bin = ((value - low) / width)
                .floor()
                .clamp(0.0, (bins - 1) as f64);
            counts[bin as usize] += 1;
        }
        Histogram { edges, counts }
    }
}

/// Everything the lifetime value page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClvReport {
    /// Forecasts start the day after this one.
    pub as_of: NaiveDate,
    /// The settings used.
    pub settings: ClvSettings,
    /// BG/NBD parameters fitted on all history, α in weeks.
    pub bgnbd: BgNbdParams,
    /// Log-likelihood of that fit.
    pub bgnbd_log_likelihood: f64,
    /// Gamma-Gamma parameters fitted on customers with repeat purchases.
    pub gamma_gamma: GammaGammaParams,
    /// Customers with at least one purchase.
    pub customers: usize,
    /// Customers with a repeat purchase (the Gamma-Gamma fit's data).
    pub repeat_customers: usize,
    /// The purchase model checked on held-out weeks (absent when history is too short).
    pub holdout: Option<HoldoutCheck>,
    /// P(alive) in ten bins over 0..1.
    pub p_alive_histogram: Histogram,
    /// CLV in ten bins from 0 to the 99th percentile.
    pub clv_histogram: Histogram,
    /// Every customer, highest CLV first.
    #[serde(with = "super::packed")]
    pub members: Vec<ClvMember>,
}

impl ClvReport {
    /// The person ids of the customers in value tier `tier`, highest CLV first.
    pub fn people_in(&self, tier: ValueTier) -> Vec<u32> {
        self.members
            .iter()
            .filter(|m| m.4 == tier)
            .map(|m| m.0)
            .collect()
    }
}

/// Weeks per month (365.25 / 12 / 7).
fn weeks_per_month() -> f64 {
    TimeUnit::Month.days() / TimeUnit::Week.days()
}

/// The same model with time measured in units `factor` times longer: a purchase rate per week is
/// `factor` times the rate per such unit, so only α (a scale in time units) changes.
pub fn rescale_params(params: &BgNbdParams, factor: f64) -> BgNbdParams {
    BgNbdParams {
        alpha: params.alpha / factor,
        ..*params
    }
}

fn rescale_summary(summary: &RepeatSummary, factor: f64) -> RepeatSummary {
    RepeatSummary {
        x: summary.x,
        t_x: summary.t_x / factor,
        big_t: summary.big_t / factor,
    }
}

fn transactions(facts: &OrderFacts) -> Vec<Transaction> {
    facts
        .order_totals()
        .iter()
        .map(|total| Transaction {
            customer_id: u64::from(total.person),
            date: total.date,
            amount: total.cents / 100.0,
        })
        .collect()
}

/// The summaries the purchase model can learn from: a customer whose first purchase is on the last
/// day of the window has been observed for no time at all (T = 0), which the likelihood cannot use.
fn observed(summaries: &[CustomerSummary]) -> Vec<RepeatSummary> {
    summaries
        .iter()
        .map(|s| s.repeat)
        .filter(|repeat| repeat.big_t > 0.0)
        .collect()
}

/// Fits on the weeks up to `calibration_end` and compares weekly repeat purchases afterwards.
fn holdout_check(
    transactions: &[Transaction],
    calibration_end: NaiveDate,
    as_of: NaiveDate,
    progress: &mut dyn Progress,
) -> AnalyticsResult<HoldoutCheck> {
    let calibration = summarize(transactions, calibration_end, TimeUnit::Week);
    let params = bgnbd::fit(&observed(&calibration), progress)?.params;
    // Each customer's purchase days: the first starts their clock, later ones are repeats.
    let mut days: BTreeMap<u64, Vec<NaiveDate>> = BTreeMap::new();
    for t in transactions.iter().filter(|t| t.date <= as_of) {
        days.entry(t.customer_id).or_default().push(t.date);
    }
    let Some(start) = days.values().flatten().min().copied() else {
        return Err(AnalyticsError::NotEnoughData("no purchases".into()));
    };
    // Whole weeks only: a last, partial week would look like a collapse in purchases.
    let week_count = ((as_of - start).num_days() + 1) as usize / 7;
    let mut weeks: Vec<WeekPurchases> = (0..week_count)
        .map(|w| WeekPurchases {
            week_start: start + chrono::Days::new(7 * w as u64),
            actual: 0.0,
            predicted: 0.0,
        })
        .collect();
    // Customers counted are those the calibration fit saw (first purchase by calibration_end).
    let mut cohorts: BTreeMap<i64, f64> = BTreeMap::new();
    for dates in days.values_mut() {
        dates.sort_unstable();
        dates.dedup();
        let first = dates[0];
        if first > calibration_end {
            continue;
        }
        *cohorts.entry((first - start).num_days()).or_default() += 1.0;
        for &date in &dates[1..] {
            // Purchases in the last, partial week are not charted.
            if let Some(week) = weeks.get_mut(((date - start).num_days() / 7) as usize) {
                week.actual += 1.0;
            }
        }
    }
    // E[X(t)] of a new customer at every day offset, then each week's increase per cohort.
    let horizon_days = (as_of - start).num_days() + 1;
    let expected: Vec<f64> = (0..=horizon_days + 7)
        .map(|d| params.expected_purchases(d as f64 / 7.0))
        .collect::<AnalyticsResult<_>>()?;
    for (w, week) in weeks.iter_mut().enumerate() {
        let (from, to) = (7 * w as i64, (7 * (w as i64 + 1)).min(horizon_days));
        week.predicted = cohorts
            .iter()
            .filter(|(&born, _)| born < to)
            .map(|(&born, &n)| {
                n * (expected[(to - born) as usize] - expected[(from - born).max(0) as usize])
            })
            .sum();
    }
    let holdout_start = ((calibration_end - start).num_days() + 1).max(0);
    let (mut holdout_actual, mut holdout_predicted) = (0.0, 0.0);
    for (w, week) in weeks.iter().enumerate() {
        let from = 7 * w as i64;
        if from >= holdout_start {
            holdout_actual += week.actual;
            holdout_predicted += week.predicted;
        }
    }
    Ok(HoldoutCheck {
        calibration_end,
        params,
        weeks,
        holdout_actual,
        holdout_predicted,
    })
}

/// Fits both models on every order up to `as_of` and forecasts each customer.
pub fn clv_report(
    facts: &OrderFacts,
    as_of: NaiveDate,
    settings: ClvSettings,
    progress: &mut dyn Progress,
) -> AnalyticsResult<ClvReport> {
    if !(settings.annual_discount_rate.is_finite() && settings.annual_discount_rate > -1.0) {
        return Err(AnalyticsError::InvalidParameter {
            name: "annual discount rate",
            reason: format!(
                "must be greater than -1, got {}",
                settings.annual_discount_rate
            ),
        });
    }
    let transactions = transactions(facts);
    stage(progress, "purchase model", 0, 4)?;
    let summaries: Vec<CustomerSummary> = summarize(&transactions, as_of, TimeUnit::Week);
    let fit = bgnbd::fit(&observed(&summaries), progress)?;
    stage(progress, "spend model", 1, 4)?;
    let spend: Vec<SpendSummary> = summaries
        .iter()
        .filter(|s| s.repeat.x > 0.0 && s.mean_repeat_spend > 0.0)
        .map(|s| SpendSummary {
            x: s.repeat.x,
            mean_spend: s.mean_repeat_spend,
        })
        .collect();
    let gamma_gamma = gamma_gamma::fit(&spend, progress)?.params;
    stage(progress, "holdout check", 2, 4)?;
    let calibration_end = as_of - chrono::Days::new(7 * u64::from(settings.holdout_weeks));
    let holdout = match holdout_check(&transactions, calibration_end, as_of, progress) {
        Ok(check) => Some(check),
        Err(AnalyticsError::Cancelled) => return Err(AnalyticsError::Cancelled),
        // Too little history before the holdout: the page says so instead of failing.
        Err(_) => None,
    };
    stage(progress, "customer forecasts", 3, 4)?;
    // Forecast month by month: twelve model evaluations per customer rather than fifty-two.
    let factor = weeks_per_month();
    let monthly = rescale_params(&fit.params, factor);
    let horizon = ClvHorizon {
        horizon: f64::from(settings.horizon_months),
        discount_rate: (1.0 + settings.annual_discount_rate).powf(1.0 / 12.0) - 1.0,
    };
    // Both forecasts are P(alive) times a curve of (x, T) alone, and customers who started buying
    // on the same day with as many repeat purchases share it: each is evaluated once.
    let mut if_alive: FxHashMap<(u64, u64), (f64, f64)> = FxHashMap::default();
    let mut forecasts = Vec::with_capacity(summaries.len());
    for (i, s) in summaries.iter().enumerate() {
        if i % 4_096 == 0 {
            stage(progress, "customer forecasts", i, summaries.len())?;
        }
        let summary = rescale_summary(&s.repeat, factor);
        let key = (summary.x.to_bits(), summary.big_t.to_bits());
        let (purchases, discounted) = match if_alive.get(&key) {
            Some(&shared) => shared,
            None => {
                let (x, big_t) = (summary.x, summary.big_t);
                let shared = (
                    monthly.expected_purchases_if_alive(x, big_t, horizon.horizon)?,
                    discounted_purchases_if_alive(&monthly, x, big_t, &horizon)?,
                );
                if_alive.insert(key, shared);
                shared
            }
        };
        let spend = gamma_gamma.expected_average_spend(s.repeat.x, s.mean_repeat_spend);
        let p_alive = monthly.p_alive(&summary);
        forecasts.push((
            s.customer_id as u32,
            p_alive,
            p_alive * purchases,
            spend * p_alive * discounted,
        ));
    }
    let values: Vec<f64> = forecasts.iter().map(|f| f.3).collect();
    let tiers = value_tiers(&values, 0.2, 0.3)?;
    let mut members: Vec<ClvMember> = forecasts
        .iter()
        .zip(tiers)
        .map(|(&(person, p_alive, expected, clv), tier)| {
            ClvMember(person, p_alive as f32, expected as f32, clv as f32, tier)
        })
        .collect();
    members.sort_by(|a, b| b.3.total_cmp(&a.3).then(a.0.cmp(&b.0)));
    let p99 = members
        .get(members.len() / 100)
        .map_or(0.0, |m| f64::from(m.3));
    Ok(ClvReport {
        as_of,
        settings,
        bgnbd: fit.params,
        bgnbd_log_likelihood: fit.log_likelihood,
        gamma_gamma,
        customers: summaries.len(),
        repeat_customers: spend.len(),
        holdout,
        p_alive_histogram: Histogram::of(members.iter().map(|m| f64::from(m.1)), 0.0, 1.0, 10),
        clv_histogram: Histogram::of(members.iter().map(|m| f64::from(m.3)), 0.0, p99, 10),
        members,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::tests::{date, order};
    use crate::progress::Silent;
    use hearth_domain::OrderStatus;
    use proptest::prelude::*;

    /// Simulated buyers: 400 customers over two years with staggered starts and repeat rates.
    fn simulated_orders() -> Vec<hearth_domain::Order> {
        let start = date(2024, 1, 1);
        let mut orders = Vec::new();
        let mut id = 0;
        for customer in 1..=400u32 {
            let first = u64::from(customer % 200);
            let gap = 5 + u64::from(customer % 37);
            let last = first + 100 + u64::from(customer * 7 % 500);
            let mut day = first;
            while day <= last {
                id += 1;
                let cents = 1_000 + i64::from(customer % 13) * 250;
                orders.push(order(
                    id,
                    customer,
                    start + chrono::Days::new(day),
                    &[(1, 1, cents)],
                    OrderStatus::Paid,
                ));
                day += gap;
            }
        }
        orders
    }

    #[test]
    fn report_forecasts_every_customer_and_checks_the_holdout() {
        let facts = OrderFacts::from_orders(&simulated_orders());
        let report = clv_report(
            &facts,
            date(2025, 12, 31),
            ClvSettings::default(),
            &mut Silent,
        )
        .unwrap();
        assert_eq!(report.customers, 400);
        assert_eq!(report.members.len(), 400);
        assert!(
            report.members.windows(2).all(|w| w[0].3 >= w[1].3),
            "highest CLV first"
        );
        assert!(report
            .members
            .iter()
            .all(|m| (0.0..=1.0).contains(&m.1) && m.3 >= 0.0));
        assert_eq!(report.p_alive_histogram.counts.iter().sum::<usize>(), 400);
        assert_eq!(report.clv_histogram.counts.iter().sum::<usize>(), 400);
        let tiers = |tier| report.members.iter().filter(|m| m.4 == tier).count();
        assert_eq!(
            (tiers(ValueTier::High), tiers(ValueTier::Medium)),
            (80, 120)
        );
        let holdout = report.holdout.expect("two years of history");
        assert_eq!(holdout.calibration_end, date(2025, 7, 2), "26 weeks before");
        let actual: f64 = holdout.weeks.iter().map(|w| w.actual).sum();
        assert!(actual > 0.0 && holdout.holdout_actual > 0.0);
        // A fitted model's weekly forecast tracks the weeks it was fitted on.
        let calibration_predicted: f64 =
            holdout.weeks.iter().map(|w| w.predicted).sum::<f64>() - holdout.holdout_predicted;
        let calibration_actual = actual - holdout.holdout_actual;
        assert!(
            (calibration_predicted / calibration_actual - 1.0).abs() < 0.1,
            "{calibration_predicted} vs {calibration_actual}"
        );
    }

    #[test]
    fn shared_curves_give_each_customer_their_own_forecast() {
        // The report evaluates the purchase curve once per (x, T); every member must still get
        // exactly what the per-customer formulas give.
        let mut orders = simulated_orders();
        // Fifty twins: the same purchase days as customers 1..=50, so the same (x, T), other spend.
        let twins: Vec<_> = orders
            .iter()
            .filter(|o| o.person_id.0 <= 50)
            .cloned()
            .collect();
        let mut id = orders.len() as u32;
        for mut twin in twins {
            id += 1;
            twin.id.0 = id;
            twin.person_id.0 += 1_000;
            twin.lines[0].unit_price.0 += 500;
            orders.push(twin);
        }
        let facts = OrderFacts::from_orders(&orders);
        let as_of = date(2025, 12, 31);
        let settings = ClvSettings::default();
        let report = clv_report(&facts, as_of, settings, &mut Silent).unwrap();
        let factor = weeks_per_month();
        let monthly = rescale_params(&report.bgnbd, factor);
        let horizon = ClvHorizon {
            horizon: f64::from(settings.horizon_months),
            discount_rate: (1.0 + settings.annual_discount_rate).powf(1.0 / 12.0) - 1.0,
        };
        let summaries = summarize(&transactions(&facts), as_of, TimeUnit::Week);
        let shared_keys: std::collections::HashSet<(u64, u64)> = summaries
            .iter()
            .map(|s| (s.repeat.x.to_bits(), s.repeat.big_t.to_bits()))
            .collect();
        assert!(
            shared_keys.len() < summaries.len(),
            "some customers share a curve"
        );
        for s in &summaries {
            let member = report
                .members
                .iter()
                .find(|m| m.0 == s.customer_id as u32)
                .unwrap();
            let summary = rescale_summary(&s.repeat, factor);
            let spend = report
                .gamma_gamma
                .expected_average_spend(s.repeat.x, s.mean_repeat_spend);
            let expected = monthly
                .conditional_expected_purchases(&summary, horizon.horizon)
                .unwrap();
            let clv = crate::clv::model_clv(&monthly, &summary, spend, &horizon).unwrap();
            let close = |a: f32, b: f64| (f64::from(a) - b).abs() <= 1e-6 * b.abs().max(1.0);
            assert!(close(member.2, expected), "{} vs {expected}", member.2);
            assert!(close(member.3, clv), "{} vs {clv}", member.3);
        }
    }

    #[test]
    fn a_first_purchase_on_the_last_day_is_forecast_but_not_fitted() {
        let mut orders = simulated_orders();
        let as_of = date(2025, 12, 31);
        orders.push(order(99_999, 401, as_of, &[(1, 1, 500)], OrderStatus::Paid));
        // And one on the last day of the calibration window.
        orders.push(order(
            99_998,
            402,
            date(2025, 7, 2),
            &[(1, 1, 500)],
            OrderStatus::Paid,
        ));
        let facts = OrderFacts::from_orders(&orders);
        let report = clv_report(&facts, as_of, ClvSettings::default(), &mut Silent).unwrap();
        assert_eq!(report.customers, 402);
        assert!(report.holdout.is_some());
        assert!(report.members.iter().any(|m| m.0 == 401 && m.1 == 1.0));
    }

    #[test]
    fn purchases_in_a_last_partial_week_are_left_off_the_chart() {
        // The history starts on 2024-01-01; as of 2025-12-31 the last week has 2 of its 7 days.
        let mut orders = simulated_orders();
        let as_of = date(2025, 12, 31);
        orders.push(order(99_997, 3, as_of, &[(1, 1, 500)], OrderStatus::Paid));
        let facts = OrderFacts::from_orders(&orders);
        let report = clv_report(&facts, as_of, ClvSettings::default(), &mut Silent).unwrap();
        let holdout = report.holdout.expect("two years of history");
        assert_eq!(holdout.weeks.len(), 104, "731 days are 104 whole weeks");
        assert!(holdout.weeks.last().unwrap().week_start + chrono::Days::new(6) <= as_of);
    }

    #[test]
    fn bad_discount_rate_is_named() {
        let settings = ClvSettings {
            annual_discount_rate: -2.0,
            ..ClvSettings::default()
        };
        let error = clv_report(
            &OrderFacts::default(),
            date(2025, 1, 1),
            settings,
            &mut Silent,
        )
        .unwrap_err();
        assert!(error.to_string().contains("annual discount rate"));
    }

    proptest! {
        /// Measuring time in months instead of weeks changes no forecast.
        #[test]
        fn rescaling_time_keeps_forecasts(
            r in 0.1f64..3.0, alpha in 0.5f64..20.0, a in 1.1f64..3.0, b in 0.5f64..5.0,
            x in 0u32..20, t_x_share in 0.0f64..1.0, big_t in 1.0f64..100.0, t in 0.5f64..60.0,
        ) {
            let params = BgNbdParams { r, alpha, a, b };
            let summary = RepeatSummary {
                x: f64::from(x),
                t_x: if x == 0 { 0.0 } else { t_x_share * big_t },
                big_t,
            };
            let factor = weeks_per_month();
            let weekly = params.conditional_expected_purchases(&summary, t).unwrap();
            let monthly = rescale_params(&params, factor)
                .conditional_expected_purchases(&rescale_summary(&summary, factor), t / factor)
                .unwrap();
            prop_assert!((weekly - monthly).abs() <= 1e-9 * weekly.abs().max(1.0));
            let p_weekly = params.p_alive(&summary);
            let p_monthly = rescale_params(&params, factor).p_alive(&rescale_summary(&summary, factor));
            prop_assert!((p_weekly - p_monthly).abs() < 1e-12);
        }
    }
}
