//! Customer lifetime value: the simple discounted formula, and the model-based value that combines
//! BG/NBD purchase forecasts with Gamma-Gamma spend.

use crate::bgnbd::{BgNbdParams, RepeatSummary};
use crate::error::{AnalyticsError, AnalyticsResult};

/// CLV = Σ_{t=1..T} P_t / (1 + r)^t − C: the profit of each period discounted to today, less the
/// acquisition cost. (Dividing by (1/(1+r))^t, as some write it, compounds instead of discounting.)
pub fn discounted_clv(
    profit_per_period: &[f64],
    discount_rate: f64,
    acquisition_cost: f64,
) -> AnalyticsResult<f64> {
    if !(discount_rate.is_finite() && discount_rate > -1.0) {
        return Err(AnalyticsError::InvalidParameter {
            name: "discount_rate",
            reason: format!("must be greater than -1, got {discount_rate}"),
        });
    }
    let mut factor = 1.0;
    let mut total = 0.0;
    for profit in profit_per_period {
        factor /= 1.0 + discount_rate;
        total += profit * factor;
    }
    Ok(total - acquisition_cost)
}

/// The time unit of summaries and horizons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// Days.
    Day,
    /// Weeks of 7 days.
    Week,
    /// Months of 365.25 / 12 days.
    Month,
}

impl TimeUnit {
    /// Days in one unit.
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Day => 1.0,
            TimeUnit::Week => 7.0,
            TimeUnit::Month => 365.25 / 12.0,
        }
    }
}

/// The horizon and discounting of a model-based CLV, both in the summaries' time unit: twelve
/// months of weekly data is `horizon: 52.0` with a weekly discount rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClvHorizon {
    /// How far ahead, in time units; whole units are discounted one by one.
    pub horizon: f64,
    /// Discount rate per time unit.
    pub discount_rate: f64,
}

/// Model-based CLV: for each unit i = 1..=horizon, the purchases the BG/NBD model expects in that
/// unit times the expected spend, discounted by (1 + rate)^i.
pub fn model_clv(
    bgnbd: &BgNbdParams,
    summary: &RepeatSummary,
    expected_spend: f64,
    horizon: &ClvHorizon,
) -> AnalyticsResult<f64> {
    let discounted = discounted_purchases_if_alive(bgnbd, summary.x, summary.big_t, horizon)?;
    Ok(expected_spend * bgnbd.p_alive(summary) * discounted)
}

/// Σ (A(i) − A(i−1)) / (1 + rate)^i over the units i of the horizon, A being
/// [`BgNbdParams::expected_purchases_if_alive`] of a customer with `x` repeat purchases in `big_t`:
/// model CLV is this times P(alive) and the expected spend, so customers sharing (x, T) share it.
pub fn discounted_purchases_if_alive(
    bgnbd: &BgNbdParams,
    x: f64,
    big_t: f64,
    horizon: &ClvHorizon,
) -> AnalyticsResult<f64> {
    if !(horizon.horizon.is_finite() && horizon.horizon >= 0.0) {
        return Err(AnalyticsError::InvalidParameter {
            name: "horizon",
            reason: format!("must be zero or more time units, got {}", horizon.horizon),
        });
    }
    let units = horizon.horizon.ceil() as usize;
    let mut previous = 0.0;
    let mut value = 0.0;
    let mut factor = 1.0;
    for unit in 1..=units {
        let until = (unit as f64).min(horizon.horizon);
        let cumulative = bgnbd.expected_purchases_if_alive(x, big_t, until)?;
        factor /= 1.0 + horizon.discount_rate;
        value += (cumulative - previous) * factor;
        previous = cumulative;
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discounting_divides_by_growing_powers() {
        // 100 / 1.1 + 100 / 1.21 − 50 = 123.553...
        let clv = discounted_clv(&[100.0, 100.0], 0.1, 50.0).unwrap();
        assert!((clv - (100.0 / 1.1 + 100.0 / 1.21 - 50.0)).abs() < 1e-12);
        assert!(clv < 200.0 - 50.0, "discounting lowers value");
        assert_eq!(discounted_clv(&[], 0.1, 0.0).unwrap(), 0.0);
        assert!(discounted_clv(&[1.0], -1.0, 0.0).is_err());
    }

    #[test]
    fn zero_discount_model_clv_is_spend_times_expected_purchases() {
        let params = BgNbdParams {
            r: 0.243,
            alpha: 4.414,
            a: 0.793,
            b: 2.426,
        };
        let summary = RepeatSummary {
            x: 2.0,
            t_x: 30.43,
            big_t: 38.86,
        };
        let horizon = ClvHorizon {
            horizon: 52.0,
            discount_rate: 0.0,
        };
        let clv = model_clv(&params, &summary, 30.0, &horizon).unwrap();
        let purchases = params
            .conditional_expected_purchases(&summary, 52.0)
            .unwrap();
        assert!((clv - 30.0 * purchases).abs() < 1e-9);
        let discounted = model_clv(
            &params,
            &summary,
            30.0,
            &ClvHorizon {
                discount_rate: 0.01,
                ..horizon
            },
        )
        .unwrap();
        assert!(discounted < clv);
    }
}
