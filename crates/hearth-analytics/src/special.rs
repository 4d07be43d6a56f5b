//! Special functions the lifetime-value models need: log-gamma and the Gauss
//! hypergeometric function 2F1, evaluated in log space so heavy buyers do not overflow.

use crate::error::{AnalyticsError, AnalyticsResult};

/// ln Γ(x) for x > 0.
pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// Terms the direct series may take before the transformation near z = 1 is used instead.
const DIRECT_SERIES_MAX_TERMS: usize = 200_000;

/// Terms any series may take before giving up.
const SERIES_MAX_TERMS: usize = 1_000_000;

/// ln 2F1(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1.
///
/// In that domain every term of the Gauss series is positive, so summing it loses nothing to
/// cancellation; the sum is rescaled as it grows (heavy buyers make terms pass 10^300), and summing
/// stops when a geometric bound on the tail no longer changes it. Close to z = 1 that takes about
/// 1 / (1 − z) terms, so there the connection formula in 1 − z (Abramowitz & Stegun 15.3.6) is used.
pub fn ln_hyp2f1(a: f64, b: f64, c: f64, z: f64) -> AnalyticsResult<f64> {
    if !(a > 0.0 && b > 0.0 && c > 0.0) {
        return Err(AnalyticsError::InvalidParameter {
            name: "hyp2f1",
            reason: format!("needs a, b, c > 0, got a={a}, b={b}, c={c}"),
        });
    }
    if !(0.0..1.0).contains(&z) {
        return Err(AnalyticsError::InvalidParameter {
            name: "hyp2f1",
            reason: format!("needs 0 <= z < 1, got {z}"),
        });
    }
    if let Some(value) = ln_positive_series(a, b, c, z, DIRECT_SERIES_MAX_TERMS) {
        return Ok(value);
    }
    near_one(a, b, c, z)
        .filter(|value| value.is_finite() && *value > 0.0)
        .map(f64::ln)
        .or_else(|| ln_positive_series(a, b, c, z, SERIES_MAX_TERMS))
        .ok_or_else(|| {
            AnalyticsError::NoConvergence(format!("2F1({a}, {b}; {c}; {z}) did not converge"))
        })
}

/// The Gauss series with positive terms, in log space; `None` if `max_terms` do not suffice.
fn ln_positive_series(a: f64, b: f64, c: f64, z: f64, max_terms: usize) -> Option<f64> {
    const RESCALE_ABOVE: f64 = 1e200;
    let mut log_scale = 0.0;
    let mut sum = 1.0;
    let mut term = 1.0;
    for n in 0..max_terms {
        let n = n as f64;
        let ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
        term *= ratio;
        sum += term;
        if sum > RESCALE_ABOVE {
            sum /= RESCALE_ABOVE;
            term /= RESCALE_ABOVE;
            log_scale += RESCALE_ABOVE.ln();
        }
        // Later ratios tend to z from either side, so none exceeds max(ratio, z): the tail is at most
        // term · q / (1 − q) with that q.
        let bound = ratio.max(z);
        if bound < 1.0 && term * bound / (1.0 - bound) <= sum * f64::EPSILON * 0.5 {
            return Some(sum.ln() + log_scale);
        }
    }
    None
}

/// 2F1 through A&S 15.3.6, the connection to series in w = 1 − z, which converge fast near z = 1.
/// `None` when c − a − b is (nearly) an integer, where the formula's gamma functions have poles.
fn near_one(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    let s = c - a - b;
    if (s - s.round()).abs() < 1e-6 {
        return None;
    }
    let w = 1.0 - z;
    let first = gamma_ratio(&[c, s], &[c - a, c - b]) * series(a, b, 1.0 - s, w)?;
    let second = gamma_ratio(&[c, -s], &[a, b]) * w.powf(s) * series(c - a, c - b, 1.0 + s, w)?;
    Some(first + second)
}

/// Γ(top₀)Γ(top₁)… / (Γ(bottom₀)…), signed; a pole in the denominator makes it 0.
fn gamma_ratio(top: &[f64], bottom: &[f64]) -> f64 {
    let mut ln_magnitude = 0.0;
    let mut sign = 1.0;
    for &x in top {
        let (ln, sign_of) = libm::lgamma_r(x);
        ln_magnitude += ln;
        sign *= f64::from(sign_of);
    }
    for &x in bottom {
        if x <= 0.0 && x.fract() == 0.0 {
            return 0.0;
        }
        let (ln, sign_of) = libm::lgamma_r(x);
        ln_magnitude -= ln;
        sign *= f64::from(sign_of);
    }
    sign * ln_magnitude.exp()
}

/// The plain Gauss series for any real parameters and small |w|; `None` if it does not settle.
fn series(a: f64, b: f64, c: f64, w: f64) -> Option<f64> {
    let mut sum = 1.0;
    let mut term = 1.0;
    for n in 0..SERIES_MAX_TERMS {
        let n = n as f64;
        term *= (a + n) * (b + n) / ((c + n) * (n + 1.0)) * w;
        sum += term;
        if !sum.is_finite() {
            return None;
        }
        if term.abs() <= sum.abs() * f64::EPSILON * 0.25 && n > (a.abs() + b.abs()) * w {
            return Some(sum);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(actual: f64, expected: f64, relative: f64) -> bool {
        (actual - expected).abs() <= relative * expected.abs().max(1e-300)
    }

    #[test]
    fn ln_gamma_matches_factorials() {
        assert!(close(ln_gamma(5.0), 24f64.ln(), 1e-14));
        assert!(close(
            ln_gamma(0.5),
            std::f64::consts::PI.sqrt().ln(),
            1e-14
        ));
    }

    #[test]
    fn hyp2f1_closed_forms() {
        // 2F1(1, 1; 2; z) = −ln(1 − z) / z
        for z in [0.1f64, 0.5, 0.9, 0.999] {
            let expected = -(1.0 - z).ln() / z;
            assert!(
                close(ln_hyp2f1(1.0, 1.0, 2.0, z).unwrap().exp(), expected, 1e-12),
                "z={z}"
            );
        }
        // 2F1(a, b; b; z) = (1 − z)^(−a)
        let value = ln_hyp2f1(2.5, 3.0, 3.0, 0.7).unwrap();
        assert!(close(value, -2.5 * 0.3f64.ln(), 1e-13));
        assert_eq!(ln_hyp2f1(2.0, 3.0, 4.0, 0.0).unwrap(), 0.0);
    }

    #[test]
    fn hyp2f1_near_one_matches_gauss_summation_theorem() {
        // 2F1(a, b; c; 1) = Γ(c)Γ(c−a−b) / (Γ(c−a)Γ(c−b)) when c > a + b; at z = 1 − 1e−9 the value is
        // within about 1e−9 · (a b / c) · 2F1(a+1, b+1; c+1; 1) of the limit.
        let (a, b, c) = (0.5, 0.75, 3.5);
        let limit = ln_gamma(c) + ln_gamma(c - a - b) - ln_gamma(c - a) - ln_gamma(c - b);
        let near = ln_hyp2f1(a, b, c, 1.0 - 1e-9).unwrap();
        assert!((near - limit).abs() < 1e-8, "{near} vs {limit}");
        // Where the direct series hands over to the connection formula, both agree.
        for z in [0.999, 0.9999] {
            let direct = ln_positive_series(a, b, c, z, SERIES_MAX_TERMS).unwrap();
            let connected = near_one(a, b, c, z).unwrap().ln();
            assert!(
                (direct - connected).abs() < 1e-12,
                "z={z}: {direct} vs {connected}"
            );
        }
    }

    #[test]
    fn hyp2f1_for_heavy_buyers_does_not_overflow() {
        // A customer with 500 repeat purchases: terms pass 10^300 before they shrink.
        let value = ln_hyp2f1(500.2, 502.4, 502.2, 0.95).unwrap();
        assert!(value.is_finite() && value > 1000.0);
        // 2F1(a, b; b; z) again, in the heavy regime.
        let pure = ln_hyp2f1(800.0, 900.0, 900.0, 0.9).unwrap();
        assert!(close(pure, -800.0 * 0.1f64.ln(), 1e-12));
    }

    #[test]
    fn hyp2f1_rejects_arguments_outside_its_domain() {
        assert!(ln_hyp2f1(1.0, 1.0, 2.0, 1.0).is_err());
        assert!(ln_hyp2f1(1.0, 1.0, 2.0, -0.5).is_err());
        assert!(ln_hyp2f1(1.0, -1.0, 2.0, 0.5).is_err());
    }

    proptest! {
        #[test]
        fn hyp2f1_satisfies_the_euler_transformation(
            a in 0.1f64..20.0, b in 0.1f64..20.0, extra in 0.05f64..10.0, z in 0.0f64..0.95
        ) {
            // Euler: 2F1(a, b; c; z) = (1 − z)^(c − a − b) 2F1(c − a, c − b; c; z), here with c > a, b.
            let c = a.max(b) + extra;
            let left = ln_hyp2f1(a, b, c, z).unwrap();
            let right = (c - a - b) * (1.0 - z).ln() + ln_hyp2f1(c - a, c - b, c, z).unwrap();
            prop_assert!((left - right).abs() <= 1e-10 * (1.0 + left.abs()), "{} vs {}", left, right);
        }

        #[test]
        fn hyp2f1_is_symmetric_in_a_and_b(a in 0.1f64..50.0, b in 0.1f64..50.0, c in 0.1f64..50.0, z in 0.0f64..0.9) {
            prop_assert_eq!(ln_hyp2f1(a, b, c, z).unwrap(), ln_hyp2f1(b, a, c, z).unwrap());
        }
    }
}
