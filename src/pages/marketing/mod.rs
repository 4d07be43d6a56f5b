//! The marketing pillar: segments, campaigns (their target lists with a control group, responses
//! and attribution) and the marketing report.

pub mod campaign;
pub mod campaigns;
pub mod report;
pub mod segments;

use crate::i18n::{format_money_value, Lang, Msg};
use hearth_analytics::reports::campaigns::Ratio;

/// Cents as money: `$1,235`.
pub fn money(cents: i64) -> String {
    format_money_value(cents as f64 / 100.0)
}

/// A ratio as a percentage to a tenth: `12.5 %`; "—" without one.
pub fn percent(ratio: Option<Ratio>) -> String {
    ratio.map_or("—".to_string(), |ratio| tenths(ratio.rounded(1000), " %"))
}

/// A difference of two rates in percentage points, signed: `+2.5 pts`.
pub fn points(ratio: Option<Ratio>, lang: Lang) -> String {
    ratio.map_or("—".to_string(), |ratio| {
        let tenth = ratio.rounded(1000);
        let sign = if tenth > 0 { "+" } else { "" };
        format!(
            "{sign}{}",
            tenths(tenth, &format!(" {}", Msg::PercentagePoints.text(lang)))
        )
    })
}

/// Cents in a ratio as money, signed where it can be negative: `+$82`.
pub fn signed_money(ratio: Option<Ratio>) -> String {
    ratio.map_or("—".to_string(), |ratio| {
        let cents = ratio.rounded(1) as i64;
        let sign = if cents > 0 { "+" } else { "" };
        format!("{sign}{}", money(cents))
    })
}

/// A count of tenths as a decimal with one place, then `unit`.
fn tenths(tenths: i128, unit: &str) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let abs = tenths.unsigned_abs();
    format!("{sign}{}.{}{unit}", abs / 10, abs % 10)
}
