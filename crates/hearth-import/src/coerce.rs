//! What a cell's text means: numbers with decimal commas, thousands separators and currency
//! signs; dates in the formats spreadsheets and other CRMs write, told apart from a column's
//! samples (and when a column fits both day-first and month-first, both are offered).

use chrono::{Datelike, NaiveDate, TimeDelta};
use hearth_domain::{Cents, Problem};
use serde::{Deserialize, Serialize};

/// The character before a number's fraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecimalMark {
    /// `1,234.50`
    Point,
    /// `1.234,50`
    Comma,
}

/// Currency signs and codes a price may carry, before or after it.
const CURRENCY: [&str; 14] = [
    "CNY", "RMB", "USD", "EUR", "GBP", "JPY", "元", "$", "€", "£", "¥", "￥", "₩", "₹",
];

/// `text` without currency signs, spaces (also no-break and thin ones) and apostrophes used as
/// thousands separators.
fn bare(text: &str) -> String {
    let mut text = text.trim().to_string();
    for sign in CURRENCY {
        text = text.replace(sign, "");
    }
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
        .collect()
}

/// The decimal mark most of a column's `samples` use: the last of `.` and `,` when a number has
/// both; a single comma followed by other than three digits (`12,5`) means a decimal comma; a
/// point alike. Point when nothing tells.
pub fn detect_decimal_mark<'a>(samples: impl IntoIterator<Item = &'a str>) -> DecimalMark {
    let (mut point, mut comma) = (0, 0);
    for sample in samples {
        let text = bare(sample);
        match (text.rfind('.'), text.rfind(',')) {
            (Some(p), Some(c)) if p > c => point += 1,
            (Some(_), Some(_)) => comma += 1,
            (None, Some(c)) if text.matches(',').count() == 1 && text.len() - c - 1 != 3 => {
                comma += 1
            }
            (Some(p), None) if text.matches('.').count() == 1 && text.len() - p - 1 != 3 => {
                point += 1
            }
            // `1.234.567` can only be thousands.
            (Some(_), None) if text.matches('.').count() > 1 => comma += 1,
            (None, Some(_)) if text.matches(',').count() > 1 => point += 1,
            _ => {}
        }
    }
    if comma > point {
        DecimalMark::Comma
    } else {
        DecimalMark::Point
    }
}

/// `text` as a plain decimal (`-1234.50`) under `mark`: currency signs and thousands separators
/// dropped, a leading minus (or U+2212) or accounting parentheses for negatives; `None` when it is
/// not a number.
pub fn normalize_number(text: &str, mark: DecimalMark) -> Option<String> {
    let mut text = bare(text);
    let mut negative = false;
    if text.starts_with('(') && text.ends_with(')') && text.len() > 2 {
        negative = true;
        text = text[1..text.len() - 1].to_string();
    }
    if let Some(rest) = text.strip_prefix(['-', '\u{2212}']) {
        negative = !negative;
        text = rest.to_string();
    }
    let (thousands, decimal) = match mark {
        DecimalMark::Point => (',', '.'),
        DecimalMark::Comma => ('.', ','),
    };
    let (whole, fraction) = match text.rsplit_once(decimal) {
        Some((whole, fraction)) => (whole.to_string(), Some(fraction.to_string())),
        None => (text.clone(), None),
    };
    // Thousands separators only between groups of three digits.
    let groups: Vec<&str> = whole.split(thousands).collect();
    let grouped_well = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let digits: String = groups.concat();
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !grouped_well
        || !all_digits(&digits)
        || fraction
            .as_deref()
            .is_some_and(|f| !all_digits(f) || f.is_empty())
        || (digits.is_empty() && fraction.is_none())
    {
        return None;
    }
    let mut plain = String::with_capacity(digits.len() + 3);
    if negative {
        plain.push('-');
    }
    plain.push_str(if digits.is_empty() { "0" } else { &digits });
    if let Some(fraction) = fraction {
        plain.push('.');
        plain.push_str(&fraction);
    }
    Some(plain)
}

/// A number written with `mark`.
pub fn parse_number(text: &str, mark: DecimalMark) -> Result<f64, Problem> {
    normalize_number(text, mark)
        .and_then(|plain| plain.parse::<f64>().ok())
        .filter(|n| n.is_finite())
        .ok_or(Problem::InvalidNumber)
}

/// An amount of money written with `mark` (at most two decimals).
pub fn parse_money(text: &str, mark: DecimalMark) -> Result<Cents, Problem> {
    normalize_number(text, mark)
        .and_then(|plain| Cents::parse_decimal(&plain))
        .ok_or(Problem::InvalidNumber)
}

/// How a column writes its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateFormat {
    /// `2026-03-01`, `2026/3/1`, `2026年3月1日`, also with a time after it.
    Iso,
    /// `20260301`.
    Compact,
    /// `01.03.2026` (day first, as in Germany and Russia).
    Dotted,
    /// `1/3/2026` or `01-03-26`: day, month, year.
    DayMonthYear,
    /// `3/1/2026`: month, day, year.
    MonthDayYear,
    /// `46082`: days since 1899-12-30, as spreadsheets store dates.
    ExcelSerial,
}

impl DateFormat {
    /// Every format, in the order [`date_formats`] prefers them.
    pub const ALL: [DateFormat; 6] = [
        DateFormat::Iso,
        DateFormat::Compact,
        DateFormat::Dotted,
        DateFormat::DayMonthYear,
        DateFormat::MonthDayYear,
        DateFormat::ExcelSerial,
    ];
}

/// Three numbers split by any of `separators`, and how many digits the first and last have.
fn three_parts(text: &str, separators: &[char]) -> Option<([u32; 3], usize, usize)> {
    let parts: Vec<&str> = text.split(separators).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| {
        let digits = !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| s.parse::<u32>().ok()).flatten()
    };
    Some(([number(a)?, number(b)?, number(c)?], a.len(), c.len()))
}

/// A two-digit year as spreadsheets read it: 00–69 in this century, 70–99 in the last.
fn full_year(year: i32, digits: usize) -> i32 {
    match digits {
        1 | 2 if year < 70 => 2000 + year,
        1 | 2 => 1900 + year,
        _ => year,
    }
}

/// The day `text` names in `format`.
pub fn parse_date(text: &str, format: DateFormat) -> Option<NaiveDate> {
    let text = text.trim();
    match format {
        DateFormat::Iso => {
            let day_part = text
                .split(['T', ' '])
                .next()
                .unwrap_or(text)
                .replace(['年', '月'], "-")
                .replace('日', "");
            // Year first, in four digits.
            match three_parts(&day_part, &['-', '/'])? {
                ([y, m, d], 4, _) => NaiveDate::from_ymd_opt(y as i32, m, d),
                _ => None,
            }
        }
        DateFormat::Compact => {
            if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
            NaiveDate::from_ymd_opt(number(0..4)? as i32, number(4..6)?, number(6..8)?)
        }
        DateFormat::Dotted => match three_parts(text, &['.'])? {
            ([d, m, y], 1 | 2, digits) => {
                NaiveDate::from_ymd_opt(full_year(y as i32, digits), m, d)
            }
            _ => None,
        },
        DateFormat::DayMonthYear | DateFormat::MonthDayYear => {
            let ([a, b, y], 1 | 2, digits) = three_parts(text, &['/', '-'])? else {
                return None;
            };
            let (d, m) = if format == DateFormat::DayMonthYear {
                (a, b)
            } else {
                (b, a)
            };
            NaiveDate::from_ymd_opt(full_year(y as i32, digits), m, d)
        }
        DateFormat::ExcelSerial => {
            let serial: f64 = text.parse().ok().filter(|n: &f64| n.is_finite())?;
            // 1 is 1900-01-01; spreadsheets count a 29 February 1900 that never was (60), so
            // serials from 61 on count from 1899-12-30.
            let days = serial.floor() as i64;
            if !(1..=2_958_465).contains(&days) || days == 60 {
                return None;
            }
            let epoch = if days < 60 {
                NaiveDate::from_ymd_opt(1899, 12, 31)?
            } else {
                NaiveDate::from_ymd_opt(1899, 12, 30)?
            };
            epoch.checked_add_signed(TimeDelta::days(days))
        }
    }
}

/// The formats that the most non-empty samples of a column parse in (a few mistyped dates do not
/// hide the column's format), best first. More than one day-and-month format (`1/3/2026`: 1 March
/// or 3 January?) means the user has to say which; none means no sample is a date.
pub fn date_formats<'a>(samples: impl IntoIterator<Item = &'a str> + Clone) -> Vec<DateFormat> {
    let non_empty = || samples.clone().into_iter().filter(|s| !s.trim().is_empty());
    let fits: Vec<(DateFormat, usize)> = DateFormat::ALL
        .into_iter()
        .map(|format| {
            (
                format,
                non_empty()
                    .filter(|s| parse_date(s, format).is_some())
                    .count(),
            )
        })
        .collect();
    let most = fits.iter().map(|(_, count)| *count).max().unwrap_or(0);
    if most == 0 {
        return Vec::new();
    }
    let fitting: Vec<DateFormat> = fits
        .into_iter()
        .filter(|(_, count)| *count == most)
        .map(|(format, _)| format)
        .collect();
    // Serial numbers fit any column of whole numbers: only when nothing else does.
    if fitting.len() > 1 {
        return fitting
            .into_iter()
            .filter(|f| *f != DateFormat::ExcelSerial)
            .collect();
    }
    fitting
}

/// Whether a set of formats leaves day and month order open.
pub fn is_ambiguous(formats: &[DateFormat]) -> bool {
    formats.contains(&DateFormat::DayMonthYear) && formats.contains(&DateFormat::MonthDayYear)
}

/// The date as ISO text, for checks and messages.
pub fn iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn numbers_read_with_either_mark_thousands_and_currency() {
        let point = DecimalMark::Point;
        let comma = DecimalMark::Comma;
        assert_eq!(parse_number("1,234.50", point), Ok(1234.5));
        assert_eq!(parse_number("1.234,50", comma), Ok(1234.5));
        assert_eq!(parse_number("12,5", comma), Ok(12.5));
        assert_eq!(parse_number("¥ 1,299.00", point), Ok(1299.0));
        assert_eq!(parse_number("1 299,00 €", comma), Ok(1299.0));
        assert_eq!(parse_number("1\u{a0}299,00", comma), Ok(1299.0));
        assert_eq!(parse_number("CNY 88", point), Ok(88.0));
        assert_eq!(parse_number("(12.00)", point), Ok(-12.0));
        assert_eq!(parse_number("−7", point), Ok(-7.0));
        assert_eq!(parse_number("1'234.5", point), Ok(1234.5));
        assert_eq!(parse_number(".5", point), Ok(0.5));
        for bad in [
            "", "abc", "1,2,3", "12.5.1", "1.2e5x", "--1", "12,", "NaN", "inf",
        ] {
            assert_eq!(
                parse_number(bad, point),
                Err(Problem::InvalidNumber),
                "{bad}"
            );
        }
        assert_eq!(parse_money("24,50", comma), Ok(Cents(2450)));
        assert_eq!(
            parse_money("24.505", point),
            Err(Problem::InvalidNumber),
            "no fraction of a cent"
        );
    }

    #[test]
    fn a_columns_decimal_mark_is_told_by_its_samples() {
        assert_eq!(
            detect_decimal_mark(["12,50", "3,20", "100"]),
            DecimalMark::Comma
        );
        assert_eq!(detect_decimal_mark(["1.234,50", "7"]), DecimalMark::Comma);
        assert_eq!(detect_decimal_mark(["1,234.50", "7.5"]), DecimalMark::Point);
        assert_eq!(detect_decimal_mark(["1.234.567"]), DecimalMark::Comma);
        assert_eq!(
            detect_decimal_mark(["1,234", "2,000"]),
            DecimalMark::Point,
            "three digits after a comma: thousands"
        );
        assert_eq!(detect_decimal_mark(["", "12"]), DecimalMark::Point);
    }

    #[test]
    fn every_date_format_reads() {
        use DateFormat::*;
        assert_eq!(parse_date("2026-03-01", Iso), Some(day(2026, 3, 1)));
        assert_eq!(parse_date("2026/3/1", Iso), Some(day(2026, 3, 1)));
        assert_eq!(
            parse_date("2026-03-01T09:30:00Z", Iso),
            Some(day(2026, 3, 1))
        );
        assert_eq!(parse_date("2026-03-01 09:30", Iso), Some(day(2026, 3, 1)));
        assert_eq!(parse_date("2026年3月1日", Iso), Some(day(2026, 3, 1)));
        assert_eq!(parse_date("20260301", Compact), Some(day(2026, 3, 1)));
        assert_eq!(parse_date("01.03.2026", Dotted), Some(day(2026, 3, 1)));
        assert_eq!(parse_date("1.3.26", Dotted), Some(day(2026, 3, 1)));
        assert_eq!(parse_date("1/3/2026", DayMonthYear), Some(day(2026, 3, 1)));
        assert_eq!(parse_date("3/1/2026", MonthDayYear), Some(day(2026, 3, 1)));
        assert_eq!(
            parse_date("12-31-99", MonthDayYear),
            Some(day(1999, 12, 31))
        );
        assert_eq!(parse_date("46082", ExcelSerial), Some(day(2026, 3, 1)));
        assert_eq!(parse_date("1", ExcelSerial), Some(day(1900, 1, 1)));
        assert_eq!(parse_date("61", ExcelSerial), Some(day(1900, 3, 1)));
        assert_eq!(
            parse_date("46082.75", ExcelSerial),
            Some(day(2026, 3, 1)),
            "a time of day is dropped"
        );
        for (bad, format) in [
            ("2026-02-30", Iso),
            ("2026-13-01", Iso),
            ("01/03/2026", Iso),
            ("2026031", Compact),
            ("13/13/2026", DayMonthYear),
            ("2026/03/01", DayMonthYear),
            ("60", ExcelSerial),
            ("0", ExcelSerial),
            ("soon", ExcelSerial),
        ] {
            assert_eq!(parse_date(bad, format), None, "{bad} as {format:?}");
        }
    }

    #[test]
    fn a_column_says_which_formats_fit_and_whether_day_and_month_are_open() {
        use DateFormat::*;
        assert_eq!(date_formats(["2026-03-01", "", "2025-12-24"]), [Iso]);
        assert_eq!(date_formats(["24/12/2025", "1/3/2026"]), [DayMonthYear]);
        assert_eq!(date_formats(["12/24/2025", "3/1/2026"]), [MonthDayYear]);
        let open = date_formats(["1/3/2026", "2/4/2026"]);
        assert!(is_ambiguous(&open), "{open:?}");
        assert_eq!(date_formats(["20260301", "20251224"]), [Compact]);
        assert_eq!(date_formats(["46082", "45650"]), [ExcelSerial]);
        assert_eq!(
            date_formats(["2026-03-01", "2026-02-30", "2025-12-24"]),
            [Iso],
            "one mistyped day"
        );
        assert_eq!(date_formats(["Ada", "Grace"]), []);
        assert_eq!(date_formats(["", " "]), []);
    }

    proptest! {
        /// A day written in any format reads back as that day.
        #[test]
        fn every_format_round_trips(days in 0i64..60_000) {
            let date = day(1901, 1, 1) + TimeDelta::days(days);
            let (y, m, d) = (date.year(), date.month(), date.day());
            let serial = (date - day(1899, 12, 30)).num_days();
            let written = [
                (format!("{y:04}-{m:02}-{d:02}"), DateFormat::Iso),
                (format!("{y:04}{m:02}{d:02}"), DateFormat::Compact),
                (format!("{d:02}.{m:02}.{y:04}"), DateFormat::Dotted),
                (format!("{d}/{m}/{y}"), DateFormat::DayMonthYear),
                (format!("{m}/{d}/{y}"), DateFormat::MonthDayYear),
                (serial.to_string(), DateFormat::ExcelSerial),
            ];
            for (text, format) in written {
                prop_assert_eq!(parse_date(&text, format), Some(date), "{} as {:?}", text, format);
            }
        }

        /// Any amount written with thousands separators and either mark reads back exactly.
        #[test]
        fn money_round_trips_with_either_mark(cents in -10_000_000_000i64..10_000_000_000) {
            let plain = Cents(cents).to_decimal_string();
            let (sign, digits) = match plain.strip_prefix('-') { Some(d) => ("-", d), None => ("", plain.as_str()) };
            let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
            let grouped = |sep: char| {
                let bytes: Vec<char> = whole.chars().collect();
                let mut out = String::new();
                for (i, c) in bytes.iter().enumerate() {
                    if i > 0 && (bytes.len() - i).is_multiple_of(3) { out.push(sep); }
                    out.push(*c);
                }
                out
            };
            prop_assert_eq!(parse_money(&format!("{sign}{}.{fraction}", grouped(',')), DecimalMark::Point), Ok(Cents(cents)));
            prop_assert_eq!(parse_money(&format!("{sign}{},{fraction} €", grouped('.')), DecimalMark::Comma), Ok(Cents(cents)));
        }

        /// No text makes a parser panic.
        #[test]
        fn no_text_panics(text in "\\PC{0,24}") {
            for mark in [DecimalMark::Point, DecimalMark::Comma] {
                let _ = parse_number(&text, mark);
                let _ = parse_money(&text, mark);
            }
            for format in DateFormat::ALL {
                let _ = parse_date(&text, format);
            }
            let _ = date_formats([text.as_str()]);
            let _ = detect_decimal_mark([text.as_str()]);
        }
    }
}
