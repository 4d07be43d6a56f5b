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
#[derive(Debug, Clone, Copy, PartialEq)]
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

fn log_likelihood(params: &GammaGammaParams, data: &[SpendSummary]) -> f64 {
    let GammaGammaParams { p, q, gamma } = *params;
    let constant = q * gamma.ln() - ln_gamma(q);
    data.iter()
        .map(|s| {
            let px = p * s.x;
            ln_gamma(px + q) - ln_gamma(px)
                + constant
                + (px - 1.0) * s.mean_spend.ln()
                + px * s.x.ln()
                - (px + q) * (gamma + s.mean_spend * s.x).ln()
        })
        .sum()
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
    let mut negative_ll = |theta: &[f64]| -log_likelihood(&params_of(theta), data);
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
