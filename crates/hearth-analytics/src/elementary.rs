//! Table-driven `ln` and `exp` for the likelihood loops, the same bits on every target.
//!
//! `f64::ln` and `f64::exp` are glibc's natively but, compiled to wasm, the `libm` crate's ports of
//! FreeBSD's msun (a rational approximation with a division each), which run the BG/NBD fit about
//! twice as slow in the browser as natively, and no faster natively when called directly. These
//! follow the table-driven scheme of glibc's and Arm's optimized routines (Tang's method): reduce
//! the argument by a table entry so that a short polynomial without division finishes the job.
//! Both stay within about one unit in the last place of the exact value (tested against the
//! platform functions); inputs outside the fast path (non-finite, non-positive or subnormal for
//! `ln`, |x| > 708 for `exp`) fall back to the platform functions.

// The tables hold exact values such as 2^(1/2), which clippy takes for approximated constants.
#[allow(clippy::approx_constant)]
mod tables;

use tables::{EXP2_FRACTION, LN_CENTRE, LN_OF_CENTRE};

/// Bits of 0.6875: `ln` reduces x to 2^k z with z in [0.6875, 1.375), so that ln z stays small.
const LN_OFFSET_BITS: u64 = 0x3fe6_0000_0000_0000;
/// ln 2 in two parts; the high part has 42 significant bits, so k × high is exact for any exponent.
const LN2_HIGH: f64 = 0.693_147_180_559_890_3;
const LN2_LOW: f64 = 5.497_923_018_708_371e-14;
/// 1 / c for each centre: the reduction multiplies instead of dividing.
const LN_INVERSE_CENTRE: [f64; 128] = {
    let mut inverse = [0.0; 128];
    let mut slice = 0;
    while slice < 128 {
        inverse[slice] = 1.0 / LN_CENTRE[slice];
        slice += 1;
    }
    inverse
};

/// The natural logarithm of `x`.
#[inline]
pub fn ln(x: f64) -> f64 {
    let bits = x.to_bits();
    // One unsigned compare finds zero, subnormals, negatives, infinity and NaN.
    const NORMAL_MIN_BITS: u64 = 0x0010_0000_0000_0000;
    const INFINITY_BITS: u64 = 0x7ff0_0000_0000_0000;
    if bits.wrapping_sub(NORMAL_MIN_BITS) >= INFINITY_BITS - NORMAL_MIN_BITS {
        return x.ln();
    }
    let shifted = bits.wrapping_sub(LN_OFFSET_BITS);
    let slice = ((shifted >> 45) & 127) as usize;
    let k = ((shifted as i64) >> 52) as f64;
    let z = f64::from_bits(bits.wrapping_sub(shifted & (0xfff << 52)));
    // z and its centre are within a factor of two of each other, so z − c is exact (Sterbenz),
    // and |u| ≤ 2⁻⁷.
    let u = (z - LN_CENTRE[slice]) * LN_INVERSE_CENTRE[slice];
    let w = k * LN2_HIGH + LN_OF_CENTRE[slice];
    // w + u with its rounding error recovered (|w| ≥ |u| whenever w ≠ 0, by the choice of centres).
    let high = w + u;
    let low = (w - high) + u + k * LN2_LOW;
    // ln(1 + u) − u by its Taylor series to u⁸ (the next term is below 2⁻⁶⁰ relative to u), in
    // Estrin's order: independent pairs, so the multiplications overlap.
    let (u2, u4) = (u * u, u * u * (u * u));
    let tail = u2
        * ((-1.0 / 2.0 + u * (1.0 / 3.0))
            + u2 * (-1.0 / 4.0 + u * (1.0 / 5.0))
            + u4 * ((-1.0 / 6.0 + u * (1.0 / 7.0)) + u2 * (-1.0 / 8.0)));
    high + (low + tail)
}

/// 128 / ln 2: `exp` reduces x by multiples of ln 2 / 128.
const EXP_INVERSE_STEP: f64 = 184.664_965_233_787_3;
/// ln 2 / 128 in two parts; the high part has 36 significant bits, so k × high is exact.
const EXP_STEP_HIGH: f64 = 0.005_415_212_348_111_709;
const EXP_STEP_LOW: f64 = 1.286_402_311_163_834_6e-14;
/// 1.5 × 2⁵²: adding it rounds to an integer held in the low bits.
const ROUNDING_SHIFT: f64 = 6_755_399_441_055_744.0;

/// e raised to `x`.
#[inline]
pub fn exp(x: f64) -> f64 {
    // Beyond ±708 the result overflows or turns subnormal.
    if x.is_nan() || x.abs() > 708.0 {
        return x.exp();
    }
    let shifted = x * EXP_INVERSE_STEP + ROUNDING_SHIFT;
    let k = (shifted.to_bits() as i64).wrapping_sub(ROUNDING_SHIFT.to_bits() as i64);
    let kd = shifted - ROUNDING_SHIFT;
    // x = k ln2/128 + r with |r| ≤ ln2/256; both products are exact.
    let r = x - kd * EXP_STEP_HIGH - kd * EXP_STEP_LOW;
    // 2^(k/128) = 2^(k >> 7) × 2^((k & 127)/128): the table entry with k >> 7 added to its exponent.
    let scale = f64::from_bits(
        EXP2_FRACTION[(k & 127) as usize]
            .to_bits()
            .wrapping_add(((k >> 7) as u64) << 52),
    );
    // e^r − 1 by its Taylor series to r⁵: the next term is below 2⁻⁶⁰.
    let r2 = r * r;
    let expm1 = r + r2 * (1.0 / 2.0 + r * (1.0 / 6.0)) + r2 * r2 * (1.0 / 24.0 + r * (1.0 / 120.0));
    scale + scale * expm1
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Units in the last place between two finite doubles of the same sign.
    fn ulps(a: f64, b: f64) -> u64 {
        (a.to_bits() as i64).abs_diff(b.to_bits() as i64)
    }

    #[test]
    fn tables_hold_their_defining_values() {
        for slice in 0..128 {
            let (c, ln_c) = (LN_CENTRE[slice], LN_OF_CENTRE[slice]);
            assert!(ulps(ln_c, c.ln()) <= 1, "ln of centre {slice}");
            let fraction = EXP2_FRACTION[slice];
            assert!(
                ulps(fraction, (slice as f64 / 128.0).exp2()) <= 1,
                "2^({slice}/128)"
            );
        }
    }

    #[test]
    fn special_values_match_the_platform() {
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert!(ln(-1.0).is_nan() && ln(f64::NAN).is_nan() && exp(f64::NAN).is_nan());
        assert_eq!(ln(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(-800.0), (-800.0f64).exp());
        assert_eq!(ln(5e-324), (5e-324f64).ln());
        for (x, expected) in [
            (2.0, std::f64::consts::LN_2),
            (10.0, std::f64::consts::LN_10),
        ] {
            assert!(ulps(ln(x), expected) <= 1);
        }
        assert!(ulps(exp(1.0), std::f64::consts::E) <= 1);
    }

    #[test]
    fn every_slice_of_the_reduction_is_accurate() {
        // The ends and middle of every slice of z, at several exponents, and the neighbours of 1.
        let mut worst = 0;
        for k in [-1000, -3, -1, 0, 1, 7, 1000] {
            for step in 0..=(128 * 8) {
                let z = 0.6875 + 0.6875 * f64::from(step) / 1024.0;
                for x in [z, z.next_up(), z.next_down()] {
                    let x = x * 2f64.powi(k);
                    worst = worst.max(ulps(ln(x), x.ln()));
                }
            }
        }
        let mut near_one = 1.0f64;
        for _ in 0..1000 {
            near_one = near_one.next_down();
            worst = worst.max(ulps(ln(near_one), near_one.ln()));
        }
        assert!(worst <= 1, "ln is {worst} ulps from the platform's");
    }

    proptest! {
        #[test]
        fn ln_is_within_an_ulp_of_the_platform(mantissa in 1.0f64..2.0, exponent in -1020i32..1020) {
            let x = mantissa * 2f64.powi(exponent);
            prop_assert!(ulps(ln(x), x.ln()) <= 1, "ln({x}) = {} vs {}", ln(x), x.ln());
        }

        #[test]
        fn ln_near_one_keeps_its_relative_accuracy(offset in -0.02f64..0.02) {
            let x = 1.0 + offset;
            prop_assert!(ulps(ln(x), x.ln()) <= 1, "ln({x}) = {} vs {}", ln(x), x.ln());
        }

        #[test]
        fn exp_is_within_an_ulp_of_the_platform(x in -708.0f64..708.0) {
            prop_assert!(ulps(exp(x), x.exp()) <= 1, "exp({x}) = {} vs {}", exp(x), x.exp());
        }

        #[test]
        fn exp_of_small_arguments_is_accurate(x in -1e-3f64..1e-3) {
            prop_assert!(ulps(exp(x), x.exp()) <= 1, "exp({x}) = {} vs {}", exp(x), x.exp());
        }
    }
}
