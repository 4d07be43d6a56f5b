//! The Gamma-Gamma model of spend per transaction (Fader & Hardie 2013): fit on customers with
//! repeat purchases, and each customer's expected average spend.

use crate::error::{AnalyticsError, AnalyticsResult};
use crate::optimize::{nelder_mead, NelderMeadConfig};
use crate::progress::Progress;
use crate::special::ln_gamma;

/// One customer's repeat purchases and their mean value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpendSummary {
    /// Number of repeat purchases, > 0.
    pub x: f64,
    /// Mean value of those purchases, > 0.
    pub mean_spend: f64,
}

/// Fitted Gamma-Gamma parameters, as in the paper.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GammaGammaParams {
    /// Shape of each transaction's gamma distribution.
    pub p: f64,
    /// Shape of the gamma distribution of the customers' scale.
    pub q: f64,
    /// Scale of the gamma distribution of the customers' scale.
    pub gamma: f64,
}

/// A fit and its quality.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GammaGammaFit {
    /// Parameters at the maximum.
    pub params: GammaGammaParams,
    /// Log-likelihood at the maximum (without the terms that do not depend on the parameters).
    pub log_likelihood: f64,
    /// Optimizer iterations.
    pub iterations: usize,
}

/// The data reduced to what the likelihood needs at every step: the terms free of parameters summed
/// once, the gamma-function terms once per distinct x (repeat counts are few small integers), so an
/// evaluation costs one logarithm per customer.
struct Prepared {
    /// (x, customers with that x).
    x_counts: Vec<(f64, f64)>,
    /// (x, x·m̄) per customer.
    rows: Vec<(f64, f64)>,
    /// Σ x·ln m̄ + Σ x·ln x.
    sum_x_ln_mx: f64,
    /// Σ ln m̄.
    sum_ln_m: f64,
}

impl Prepared {
    fn new(data: &[SpendSummary]) -> Prepared {
        let mut xs: Vec<f64> = data.iter().map(|s| s.x).collect();
        xs.sort_by(f64::total_cmp);
        let mut x_counts: Vec<(f64, f64)> = Vec::new();
        for x in xs {
            match x_counts.last_mut() {
                Some((last, count)) if *last == x => *count += 1.0,
                _ => x_counts.push((x, 1.0)),
            }
        }
        Prepared {
            x_counts,
            rows: data.iter().map(|s| (s.x, s.x * s.mean_spend)).collect(),
            sum_x_ln_mx: data
                .iter()
                .map(|s| s.x * s.mean_spend.ln() + s.x * s.x.ln())
                .sum(),
            sum_ln_m: data.iter().map(|s| s.mean_spend.ln()).sum(),
        }
    }

    /// Σ over customers of ln Γ(px+q) − ln Γ(px) + q ln γ − ln Γ(q) + (px−1) ln m̄ + px ln x
    /// − (px+q) ln(γ + m̄x).
    fn log_likelihood(&self, params: &GammaGammaParams) -> f64 {
        let GammaGammaParams { p, q, gamma } = *params;
        let n = self.rows.len() as f64;
        let gamma_terms: f64 = self
            .x_counts
            .iter()
            .map(|&(x, count)| count * (ln_gamma(p * x + q) - ln_gamma(p * x)))
            .sum();
        let spend_terms: f64 = self
            .rows
            .iter()
            .map(|&(x, mx)| (p * x + q) * (gamma + mx).ln())
            .sum();
        gamma_terms + n * (q * gamma.ln() - ln_gamma(q)) + p * self.sum_x_ln_mx
            - self.sum_ln_m
            - spend_terms
    }
}

/// Fits the model on customers with at least one repeat purchase.
pub fn fit(data: &[SpendSummary], progress: &mut dyn Progress) -> AnalyticsResult<GammaGammaFit> {
    for (row, s) in data.iter().enumerate() {
        let invalid = |field: &str, value: f64| AnalyticsError::InvalidValue {
            row,
            field: field.to_string(),
            reason: format!("must be positive, got {value}"),
        };
        if !(s.x.is_finite() && s.x > 0.0) {
            return Err(invalid("x", s.x));
        }
        if !(s.mean_spend.is_finite() && s.mean_spend > 0.0) {
            return Err(invalid("mean_spend", s.mean_spend));
        }
    }
    if data.len() < 2 {
        return Err(AnalyticsError::NotEnoughData(
            "Gamma-Gamma needs at least two customers with repeat purchases".into(),
        ));
    }
    let params_of = |theta: &[f64]| GammaGammaParams {
        p: theta[0].exp(),
        q: theta[1].exp(),
        gamma: theta[2].exp(),
    };
    let prepared = Prepared::new(data);
    let mut negative_ll = |theta: &[f64]| -prepared.log_likelihood(&params_of(theta));
    let minimum = nelder_mead(
        &mut negative_ll,
        &[0.0; 3],
        &NelderMeadConfig::default(),
        "fit Gamma-Gamma",
        progress,
    )?;
    Ok(GammaGammaFit {
        params: params_of(&minimum.x),
        log_likelihood: -minimum.value,
        iterations: minimum.iterations,
    })
}

impl GammaGammaParams {
    /// Expected spend per transaction: the population mean p·γ/(q−1) for a customer without repeat
    /// purchases, else the posterior mean (γ + x·m̄)·p / (p·x + q − 1).
    pub fn expected_average_spend(&self, x: f64, mean_spend: f64) -> f64 {
        let GammaGammaParams { p, q, gamma } = *self;
        if x > 0.0 {
            (gamma + x * mean_spend) * p / (p * x + q - 1.0)
        } else {
            p * gamma / (q - 1.0)
        }
    }
}
