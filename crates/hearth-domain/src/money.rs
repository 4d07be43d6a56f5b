//! Money as integer cents: sums and comparisons are exact, and formatting is left to the caller's locale.

use serde::{Deserialize, Serialize};
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul};

/// An amount of the workspace currency in hundredths (cents, fen).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Cents(pub i64);

impl Cents {
    /// Zero of the currency.
    pub const ZERO: Cents = Cents(0);

    /// Builds an amount from whole units and cents, e.g. `from_units(12, 50)` is 12.50.
    pub const fn from_units(units: i64, cents: i64) -> Cents {
        Cents(units * 100 + cents)
    }

    /// The amount in whole currency units as a float, for charts and statistics only.
    pub fn as_units_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Parses a decimal with at most two decimals (`12`, `-3.5`, `+0.05`) exactly; `None` if it
    /// is not one or overflows.
    pub fn parse_decimal(text: &str) -> Option<Cents> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() && fraction.is_empty()
            || fraction.len() > 2
            || !whole
                .chars()
                .chain(fraction.chars())
                .all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
        let cents = whole.checked_mul(100)?.checked_add(fraction)?;
        Some(Cents(if negative { -cents } else { cents }))
    }

    /// Formats as a plain decimal with two places and no grouping: `-1234.05`.
    /// Locale-aware formatting belongs to the UI; this form is for CSV and logs.
    pub fn to_decimal_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl Add for Cents {
    type Output = Cents;
    fn add(self, rhs: Cents) -> Cents {
        Cents(self.0 + rhs.0)
    }
}

impl AddAssign for Cents {
    fn add_assign(&mut self, rhs: Cents) {
        self.0 += rhs.0;
    }
}

impl Mul<u32> for Cents {
    type Output = Cents;
    fn mul(self, rhs: u32) -> Cents {
        Cents(self.0 * i64::from(rhs))
    }
}

impl Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_string_pads_cents_and_keeps_sign() {
        assert_eq!(Cents(123_405).to_decimal_string(), "1234.05");
        assert_eq!(Cents(-5).to_decimal_string(), "-0.05");
        assert_eq!(Cents::ZERO.to_decimal_string(), "0.00");
    }

    #[test]
    fn line_amount_multiplies_by_quantity() {
        assert_eq!(Cents::from_units(2, 50) * 3, Cents(750));
        assert_eq!([Cents(1), Cents(2)].into_iter().sum::<Cents>(), Cents(3));
    }
}
