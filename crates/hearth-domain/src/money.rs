//! Money as integer cents: sums and comparisons are exact, and formatting is left to the caller's locale.

use serde::{Deserialize, Serialize};

/// The currency amounts are in unless a record names another (a deal's [`crate::Deal::currency`]);
/// what the app's `$` shows.
pub const WORKSPACE_CURRENCY: &str = "USD";

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

/// An amount that does not fit in [`Cents`] (more than about 92 quadrillion units): refused rather
/// than wrapped, so no total is ever silently wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the amount is too large")]
pub struct MoneyOverflow;

impl Cents {
    /// `self + other`, or [`MoneyOverflow`].
    pub fn checked_add(self, other: Cents) -> Result<Cents, MoneyOverflow> {
        self.0.checked_add(other.0).map(Cents).ok_or(MoneyOverflow)
    }

    /// Whether this is no money at all.
    pub fn is_zero(&self) -> bool {
        self.0 == 0
    }

    /// `self × quantity`, or [`MoneyOverflow`].
    pub fn checked_mul(self, quantity: u32) -> Result<Cents, MoneyOverflow> {
        self.0
            .checked_mul(i64::from(quantity))
            .map(Cents)
            .ok_or(MoneyOverflow)
    }

    /// The sum of `amounts`, or [`MoneyOverflow`] as soon as a partial sum overflows.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Cents>) -> Result<Cents, MoneyOverflow> {
        amounts
            .into_iter()
            .try_fold(Cents::ZERO, |total, amount| total.checked_add(amount))
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
    fn checked_arithmetic_is_exact_and_refuses_overflow() {
        assert_eq!(Cents::from_units(2, 50).checked_mul(3), Ok(Cents(750)));
        assert_eq!(Cents::checked_sum([Cents(1), Cents(2)]), Ok(Cents(3)));
        assert_eq!(Cents(i64::MAX).checked_add(Cents(1)), Err(MoneyOverflow));
        assert_eq!(Cents(i64::MIN).checked_add(Cents(-1)), Err(MoneyOverflow));
        assert_eq!(Cents(i64::MAX / 2 + 1).checked_mul(2), Err(MoneyOverflow));
        assert_eq!(
            Cents::checked_sum([Cents(i64::MAX), Cents(1), Cents(-5)]),
            Err(MoneyOverflow),
            "an overflowing partial sum is refused even if later terms would bring it back"
        );
    }
}
