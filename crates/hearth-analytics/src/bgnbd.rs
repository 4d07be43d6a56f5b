//! The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005): maximum-likelihood fit and
//! per-customer predictions (expected purchases, probability of being alive).
//!
//! Time is in whatever unit the summaries use (days, weeks, months); parameters follow the paper:
//! r and alpha for the purchase rate's gamma mixing, a and b for the dropout probability's beta.

use crate::elementary;
use crate::error::{AnalyticsError, AnalyticsResult};
use crate::optimize::{bfgs, BfgsConfig};
use crate::progress::Progress;
use crate::special::ln_hyp2f1;
use rand::{Rng, SeedableRng};
use rand_distr::{Beta, Distribution, Exp, Gamma};
use rand_pcg::Pcg64Mcg;
use rustc_hash::FxHashMap;

/// One customer's calibration-period summary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RepeatSummary {
    /// Repeat purchases (distinct purchase days minus one), a whole number ≥ 0.
    pub x: f64,
    /// Time of the last purchase, from the first.
    pub t_x: f64,
    /// Time from the first purchase to the end of calibration.
    pub big_t: f64,
}

/// Fitted BG/NBD parameters.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BgNbdParams {
    /// Shape of the gamma distribution of purchase rates.
    pub r: f64,
    /// Scale (in time units) of the gamma distribution of purchase rates.
    pub alpha: f64,
    /// First shape of the beta distribution of dropout probabilities.
    pub a: f64,
    /// Second shape of the beta distribution of dropout probabilities.
    pub b: f64,
}

/// A fit and its quality.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BgNbdFit {
    /// Parameters at the maximum.
    pub params: BgNbdParams,
    /// Log-likelihood at the maximum.
    pub log_likelihood: f64,
    /// Optimizer iterations.
    pub iterations: usize,
}

/// Checks a summary row: whole x ≥ 0, 0 ≤ t_x ≤ T, T > 0, t_x = 0 when x = 0.
pub fn validate_summary(row: usize, summary: &RepeatSummary) -> AnalyticsResult<()> {
    let invalid = |field: &str, reason: String| AnalyticsError::InvalidValue {
        row,
        field: field.to_string(),
        reason,
    };
    let RepeatSummary { x, t_x, big_t } = *summary;
    if !(x.is_finite() && x >= 0.0 && x.fract() == 0.0) {
        return Err(invalid(
            "x",
            format!("must be a whole number of repeat purchases, got {x}"),
        ));
    }
    if !(big_t.is_finite() && big_t > 0.0) {
        return Err(invalid("T", format!("must be positive, got {big_t}")));
    }
    if !(t_x.is_finite() && (0.0..=big_t).contains(&t_x)) {
        return Err(invalid(
            "t_x",
            format!("must lie in 0..=T ({big_t}), got {t_x}"),
        ));
    }
    if x == 0.0 && t_x != 0.0 {
        return Err(invalid("t_x", format!("must be 0 when x is 0, got {t_x}")));
    }
    Ok(())
}

/// Customers with identical summaries, counted once (real data repeats (0, 0, T) a lot), and the
/// distinct T values, whose logarithms each evaluation computes once.
struct Grouped {
    x: Vec<usize>,
    t_x: Vec<f64>,
    t_index: Vec<usize>,
    weight: Vec<f64>,
    distinct_t: Vec<f64>,
    max_x: usize,
}

fn group(summaries: &[RepeatSummary]) -> Grouped {
    let mut rows: FxHashMap<(u64, u64, u64), usize> = FxHashMap::default();
    let mut t_slots: FxHashMap<u64, usize> = FxHashMap::default();
    let mut grouped = Grouped {
        x: Vec::new(),
        t_x: Vec::new(),
        t_index: Vec::new(),
        weight: Vec::new(),
        distinct_t: Vec::new(),
        max_x: 0,
    };
    for s in summaries {
        let key = (s.x.to_bits(), s.t_x.to_bits(), s.big_t.to_bits());
        let slot = *rows.entry(key).or_insert_with(|| {
            let t_slot = *t_slots.entry(s.big_t.to_bits()).or_insert_with(|| {
                grouped.distinct_t.push(s.big_t);
                grouped.distinct_t.len() - 1
            });
            grouped.x.push(s.x as usize);
            grouped.t_x.push(s.t_x);
            grouped.t_index.push(t_slot);
            grouped.weight.push(0.0);
            grouped.x.len() - 1
        });
        grouped.weight[slot] += 1.0;
        grouped.max_x = grouped.max_x.max(s.x as usize);
    }
    grouped
}

/// Per-x sums that whole x turns the gamma functions into: for each x,
/// ln Γ(r+x) − ln Γ(r), ln Γ(b+x) − ln Γ(b), ln Γ(a+b+x) − ln Γ(a+b) and their derivatives
/// Σ 1/(r+i), Σ 1/(b+i), Σ 1/(a+b+i) over i < x.
#[derive(Default)]
struct Tables {
    logs: Vec<[f64; 3]>,
    reciprocals: Vec<[f64; 3]>,
    ln_alpha_t: Vec<f64>,
    inverse_alpha_t: Vec<f64>,
    ln_b_x_minus_one: Vec<f64>,
    inverse_b_x_minus_one: Vec<f64>,
}

impl Tables {
    fn fill(&mut self, params: &BgNbdParams, data: &Grouped) {
        let BgNbdParams { r, alpha, a, b } = *params;
        self.logs.clear();
        self.reciprocals.clear();
        self.logs.push([0.0; 3]);
        self.reciprocals.push([0.0; 3]);
        for x in 0..data.max_x {
            let (logs, reciprocals) = (self.logs[x], self.reciprocals[x]);
            let x = x as f64;
            let terms = [r + x, b + x, a + b + x];
            self.logs
                .push(std::array::from_fn(|k| logs[k] + elementary::ln(terms[k])));
            self.reciprocals
                .push(std::array::from_fn(|k| reciprocals[k] + 1.0 / terms[k]));
        }
        self.ln_b_x_minus_one.clear();
        self.ln_b_x_minus_one
            .extend((0..=data.max_x).map(|x| elementary::ln(b + x as f64 - 1.0)));
        self.inverse_b_x_minus_one.clear();
        self.inverse_b_x_minus_one
            .extend((0..=data.max_x).map(|x| 1.0 / (b + x as f64 - 1.0)));
        self.ln_alpha_t.clear();
        self.inverse_alpha_t.clear();
        for &t in &data.distinct_t {
            self.ln_alpha_t.push(elementary::ln(alpha + t));
            self.inverse_alpha_t.push(1.0 / (alpha + t));
        }
    }
}

/// Total log-likelihood of the grouped customers and its gradient with respect to
/// (ln r, ln α, ln a, ln b), the coordinates the fit searches in.
fn log_likelihood_and_gradient(
    params: &BgNbdParams,
    data: &Grouped,
    tables: &mut Tables,
) -> (f64, [f64; 4]) {
    let BgNbdParams { r, alpha, a, b } = *params;
    tables.fill(params, data);
    let (ln_alpha, ln_a) = (elementary::ln(alpha), elementary::ln(a));
    let mut total = 0.0;
    let mut gradient = [0.0; 4];
    // Σ w · (weight of the dropout term): ∂/∂a is that over a, divided once at the end.
    let mut dropout_weight = 0.0;
    for i in 0..data.x.len() {
        let x = data.x[i];
        let (xf, w) = (x as f64, data.weight[i]);
        let [gamma_r, gamma_b, gamma_ab] = tables.logs[x];
        let [sum_r, sum_b, sum_ab] = tables.reciprocals[x];
        let (ln_alpha_t, inverse_alpha_t) = (
            tables.ln_alpha_t[data.t_index[i]],
            tables.inverse_alpha_t[data.t_index[i]],
        );
        let a3 = -(r + xf) * ln_alpha_t;
        // ∂/∂r, ∂/∂α, ∂/∂a, ∂/∂b of everything but the log-sum-exp, then of the log-sum-exp.
        let mut d = [sum_r + ln_alpha, r / alpha, -sum_ab, sum_b - sum_ab];
        let ll = if x > 0 {
            let ln_alpha_tx = elementary::ln(alpha + data.t_x[i]);
            let a4 = ln_a - tables.ln_b_x_minus_one[x] - (r + xf) * ln_alpha_tx;
            // ln(e^a3 + e^a4) and the weights e^(a3−lse), e^(a4−lse) from a single exponential.
            let (high, low) = if a3 >= a4 { (a3, a4) } else { (a4, a3) };
            let ratio = elementary::exp(low - high);
            // ln(1 + ratio) rather than ln_1p: its absolute error stays near 1e-16 for ratio in
            // (0, 1], which is what a sum with `high` needs.
            let lse = high + elementary::ln(1.0 + ratio);
            let low_weight = ratio / (1.0 + ratio);
            let (w3, w4) = if a3 >= a4 {
                (1.0 - low_weight, low_weight)
            } else {
                (low_weight, 1.0 - low_weight)
            };
            d[0] -= w3 * ln_alpha_t + w4 * ln_alpha_tx;
            d[1] -= (r + xf) * (w3 * inverse_alpha_t + w4 / (alpha + data.t_x[i]));
            dropout_weight += w * w4;
            d[3] -= w4 * tables.inverse_b_x_minus_one[x];
            gamma_r + r * ln_alpha + gamma_b - gamma_ab + lse
        } else {
            d[0] -= ln_alpha_t;
            d[1] -= r * inverse_alpha_t;
            gamma_r + r * ln_alpha + gamma_b - gamma_ab + a3
        };
        total += w * ll;
        for k in 0..4 {
            gradient[k] += w * d[k];
        }
    }
    gradient[2] += dropout_weight / a;
    // Chain rule to log coordinates: ∂/∂ln p = p · ∂/∂p.
    let values = [r, alpha, a, b];
    (total, std::array::from_fn(|k| gradient[k] * values[k]))
}

/// Fits the model by maximum likelihood (BFGS on log parameters with the exact gradient), starting
/// from a moment estimate: r = 1, α from the mean purchase rate, a = 1, b = 3.
pub fn fit(summaries: &[RepeatSummary], progress: &mut dyn Progress) -> AnalyticsResult<BgNbdFit> {
    let (purchases, time) = summaries
        .iter()
        .fold((0.0, 0.0), |(x, t), s| (x + s.x, t + s.big_t));
    let alpha = if purchases > 0.0 && time > 0.0 {
        time / purchases
    } else {
        1.0
    };
    fit_from(
        summaries,
        &BgNbdParams {
            r: 1.0,
            alpha,
            a: 1.0,
            b: 3.0,
        },
        progress,
    )
}

/// Fits the model starting from `start`, e.g. a previous fit on slightly different data.
pub fn fit_from(
    summaries: &[RepeatSummary],
    start: &BgNbdParams,
    progress: &mut dyn Progress,
) -> AnalyticsResult<BgNbdFit> {
    for (row, summary) in summaries.iter().enumerate() {
        validate_summary(row, summary)?;
    }
    if summaries.iter().filter(|s| s.x > 0.0).count() < 2 {
        return Err(AnalyticsError::NotEnoughData(
            "BG/NBD needs at least two customers with repeat purchases".into(),
        ));
    }
    let data = group(summaries);
    let mut tables = Tables::default();
    let params_of = |theta: &[f64]| BgNbdParams {
        r: elementary::exp(theta[0]),
        alpha: elementary::exp(theta[1]),
        a: elementary::exp(theta[2]),
        b: elementary::exp(theta[3]),
    };
    let mut negative_ll = |theta: &[f64], gradient: &mut [f64]| {
        let (ll, d) = log_likelihood_and_gradient(&params_of(theta), &data, &mut tables);
        for (g, d) in gradient.iter_mut().zip(d) {
            *g = -d;
        }
        -ll
    };
    let initial = [start.r, start.alpha, start.a, start.b];
    if let Some(bad) = initial.iter().find(|p| !(p.is_finite() && **p > 0.0)) {
        return Err(AnalyticsError::InvalidParameter {
            name: "start",
            reason: format!("BG/NBD parameters must be positive, got {bad}"),
        });
    }
    let theta: Vec<f64> = initial.iter().map(|&p| elementary::ln(p)).collect();
    let minimum = bfgs(
        &mut negative_ll,
        &theta,
        &BfgsConfig::default(),
        "fit BG/NBD",
        progress,
    )?;
    Ok(BgNbdFit {
        params: params_of(&minimum.x),
        log_likelihood: -minimum.value,
        iterations: minimum.iterations,
    })
}

impl BgNbdParams {
    /// Total log-likelihood of `summaries` under these parameters.
    pub fn log_likelihood(&self, summaries: &[RepeatSummary]) -> f64 {
        log_likelihood_and_gradient(self, &group(summaries), &mut Tables::default()).0
    }

    /// ln of the odds-like term a/(b+x−1) ((α+T)/(α+t_x))^(r+x) for x > 0.
    fn ln_dropout_odds(&self, s: &RepeatSummary) -> Option<f64> {
        (s.x > 0.0).then(|| {
            (self.a / (self.b + s.x - 1.0)).ln()
                + (self.r + s.x) * ((self.alpha + s.big_t) / (self.alpha + s.t_x)).ln()
        })
    }

    /// Probability that the customer is still active at the end of calibration.
    pub fn p_alive(&self, s: &RepeatSummary) -> f64 {
        match self.ln_dropout_odds(s) {
            None => 1.0,
            Some(ln_odds) => 1.0 / (1.0 + ln_odds.exp()),
        }
    }

    /// Expected repeat purchases in the next `t` time units, given the customer's history: P(alive)
    /// times [`BgNbdParams::expected_purchases_if_alive`] (Fader, Hardie & Lee 2005, eq. 10).
    pub fn conditional_expected_purchases(
        &self,
        s: &RepeatSummary,
        t: f64,
    ) -> AnalyticsResult<f64> {
        Ok(self.p_alive(s) * self.expected_purchases_if_alive(s.x, s.big_t, t)?)
    }

    /// Expected repeat purchases in the next `t` time units of a customer still active after `x`
    /// repeat purchases in `big_t`. It does not depend on t_x, so customers sharing (x, T) share it.
    pub fn expected_purchases_if_alive(&self, x: f64, big_t: f64, t: f64) -> AnalyticsResult<f64> {
        if t <= 0.0 {
            return Ok(0.0);
        }
        let BgNbdParams { r, alpha, a, b } = *self;
        let z = t / (alpha + big_t + t);
        let ln_hyper = ln_hyp2f1(r + x, b + x, a + b + x - 1.0, z)?;
        let ln_decay = (r + x) * ((alpha + big_t) / (alpha + big_t + t)).ln();
        // 1 − e^y computed as −expm1(y) keeps precision when y is close to 0 (short horizons).
        let bracket = -(ln_decay + ln_hyper).exp_m1();
        Ok((a + b + x - 1.0) / (a - 1.0) * bracket)
    }

    /// Expected purchases of a new customer in `t` time units.
    pub fn expected_purchases(&self, t: f64) -> AnalyticsResult<f64> {
        if t <= 0.0 {
            return Ok(0.0);
        }
        let BgNbdParams { r, alpha, a, b } = *self;
        let ln_hyper = ln_hyp2f1(r, b, a + b - 1.0, t / (alpha + t))?;
        let bracket = -(r * (alpha / (alpha + t)).ln() + ln_hyper).exp_m1();
        Ok((a + b - 1.0) / (a - 1.0) * bracket)
    }

    /// Simulates `customers` customers observed for `big_t` time units each, in continuous time:
    /// each draws a purchase rate λ ~ Gamma(r, 1/α) and dropout probability p ~ Beta(a, b), buys at
    /// Poisson rate λ, and after each repeat purchase drops out with probability p.
    pub fn simulate(
        &self,
        customers: usize,
        big_t: f64,
        seed: u64,
    ) -> AnalyticsResult<Vec<RepeatSummary>> {
        let invalid = |name, value: f64| AnalyticsError::InvalidParameter {
            name,
            reason: format!("must be positive, got {value}"),
        };
        let rate = Gamma::new(self.r, 1.0 / self.alpha).map_err(|_| invalid("r/alpha", self.r))?;
        let dropout = Beta::new(self.a, self.b).map_err(|_| invalid("a/b", self.a))?;
        let mut rng = Pcg64Mcg::seed_from_u64(seed);
        let mut summaries = Vec::with_capacity(customers);
        for _ in 0..customers {
            let lambda: f64 = rate.sample(&mut rng);
            let p: f64 = dropout.sample(&mut rng);
            let wait = Exp::new(lambda.max(1e-300)).map_err(|_| invalid("rate", lambda))?;
            let (mut time, mut x, mut t_x) = (0.0, 0.0, 0.0);
            loop {
                time += wait.sample(&mut rng);
                if time > big_t {
                    break;
                }
                x += 1.0;
                t_x = time;
                if rng.random_bool(p) {
                    break;
                }
            }
            summaries.push(RepeatSummary { x, t_x, big_t });
        }
        Ok(summaries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;

    fn published() -> BgNbdParams {
        BgNbdParams {
            r: 0.243,
            alpha: 4.414,
            a: 0.793,
            b: 2.426,
        }
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let summaries = [
            RepeatSummary {
                x: 0.0,
                t_x: 0.0,
                big_t: 30.0,
            },
            RepeatSummary {
                x: 3.0,
                t_x: 20.0,
                big_t: 30.0,
            },
            RepeatSummary {
                x: 1.0,
                t_x: 2.5,
                big_t: 12.0,
            },
            RepeatSummary {
                x: 7.0,
                t_x: 11.0,
                big_t: 12.0,
            },
        ];
        let data = group(&summaries);
        let at = |theta: [f64; 4]| {
            let params = BgNbdParams {
                r: theta[0].exp(),
                alpha: theta[1].exp(),
                a: theta[2].exp(),
                b: theta[3].exp(),
            };
            log_likelihood_and_gradient(&params, &data, &mut Tables::default())
        };
        let theta = [-0.7, 1.2, 0.1, 0.9];
        let (_, gradient) = at(theta);
        for k in 0..4 {
            let h = 1e-6;
            let (mut up, mut down) = (theta, theta);
            up[k] += h;
            down[k] -= h;
            let numeric = (at(up).0 - at(down).0) / (2.0 * h);
            assert!(
                (numeric - gradient[k]).abs() < 1e-6 * (1.0 + numeric.abs()),
                "k={k}: {numeric} vs {}",
                gradient[k]
            );
        }
    }

    #[test]
    fn p_alive_is_one_without_repeat_purchases_and_falls_with_a_long_silence() {
        let params = published();
        let new = RepeatSummary {
            x: 0.0,
            t_x: 0.0,
            big_t: 30.0,
        };
        assert_eq!(params.p_alive(&new), 1.0);
        let recent = RepeatSummary {
            x: 5.0,
            t_x: 29.0,
            big_t: 30.0,
        };
        let silent = RepeatSummary {
            x: 5.0,
            t_x: 2.0,
            big_t: 30.0,
        };
        assert!(params.p_alive(&recent) > params.p_alive(&silent));
    }

    #[test]
    fn conditional_expectation_grows_with_the_horizon() {
        let params = published();
        let s = RepeatSummary {
            x: 2.0,
            t_x: 30.43,
            big_t: 38.86,
        };
        let short = params.conditional_expected_purchases(&s, 1.0).unwrap();
        let long = params.conditional_expected_purchases(&s, 52.0).unwrap();
        assert!(0.0 < short && short < long);
        assert_eq!(params.conditional_expected_purchases(&s, 0.0).unwrap(), 0.0);
    }

    #[test]
    fn invalid_summaries_name_their_row_and_field() {
        let rows = [
            RepeatSummary {
                x: 1.0,
                t_x: 1.0,
                big_t: 5.0,
            },
            RepeatSummary {
                x: 1.5,
                t_x: 1.0,
                big_t: 5.0,
            },
        ];
        match fit(&rows, &mut Silent) {
            Err(AnalyticsError::InvalidValue { row, field, .. }) => {
                assert_eq!((row, field.as_str()), (1, "x"))
            }
            other => panic!("{other:?}"),
        }
        let late = [RepeatSummary {
            x: 1.0,
            t_x: 6.0,
            big_t: 5.0,
        }];
        assert!(
            matches!(fit(&late, &mut Silent), Err(AnalyticsError::InvalidValue { field, .. }) if field == "t_x")
        );
    }
}
