//! Reading the CLI's CSV inputs: headers matched case-insensitively, dates in ISO 8601 or YYYYMMDD,
//! money as exact cents, and every error naming the file line and column.

use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A problem with an input file, naming where it is.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file cannot be opened or read, or its CSV structure is broken.
    #[error("{}: {source}", path.display())]
    Csv {
        /// File.
        path: PathBuf,
        /// Cause, with its line.
        source: csv::Error,
    },
    /// A needed column is missing from the header.
    #[error("{}: line 1: no column named {column:?} (columns: {available})", path.display())]
    MissingColumn {
        /// File.
        path: PathBuf,
        /// Column asked for.
        column: String,
        /// Columns present.
        available: String,
    },
    /// A value cannot be read.
    #[error("{}: line {line}, column {column:?}: {reason}", path.display())]
    BadValue {
        /// File.
        path: PathBuf,
        /// 1-based line number in the file.
        line: u64,
        /// Column name.
        column: String,
        /// What is wrong.
        reason: String,
    },
}

/// Maps a CSV error on `path` to the input error that names the file.
fn csv_error(path: &Path) -> impl Fn(csv::Error) -> InputError + '_ {
    move |source| InputError::Csv {
        path: path.to_path_buf(),
        source,
    }
}

/// Every record of a CSV file without a header whose lines may differ in length (baskets).
pub fn read_headerless(path: &Path) -> Result<Vec<csv::StringRecord>, InputError> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .map_err(csv_error(path))?
        .records()
        .collect::<Result<Vec<_>, _>>()
        .map_err(csv_error(path))
}

/// A CSV file with a header, read whole.
pub struct Table {
    path: PathBuf,
    headers: Vec<String>,
    records: Vec<csv::StringRecord>,
}

impl Table {
    /// Reads `path` (a header line, then records).
    pub fn read(path: &Path) -> Result<Table, InputError> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_path(path)
            .map_err(csv_error(path))?;
        let headers = reader
            .headers()
            .map_err(csv_error(path))?
            .iter()
            .map(str::to_string)
            .collect();
        let records = reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .map_err(csv_error(path))?;
        Ok(Table {
            path: path.to_path_buf(),
            headers,
            records,
        })
    }

    /// The index of the column named `name`, ignoring case.
    pub fn column(&self, name: &str) -> Result<usize, InputError> {
        self.headers
            .iter()
            .position(|header| header.eq_ignore_ascii_case(name))
            .ok_or_else(|| InputError::MissingColumn {
                path: self.path.clone(),
                column: name.to_string(),
                available: self.headers.join(", "),
            })
    }

    /// Number of data records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// The value of column `column` in record `index`, with its line for errors.
    pub fn value(&self, index: usize, column: usize) -> Cell<'_> {
        let record = &self.records[index];
        Cell {
            table: self,
            line: record.position().map_or(index as u64 + 2, |p| p.line()),
            column,
            text: record.get(column).unwrap_or(""),
        }
    }
}

/// One value of a [`Table`], parsed on demand.
pub struct Cell<'a> {
    table: &'a Table,
    line: u64,
    column: usize,
    /// The raw text.
    pub text: &'a str,
}

impl Cell<'_> {
    fn error(&self, reason: String) -> InputError {
        InputError::BadValue {
            path: self.table.path.clone(),
            line: self.line,
            column: self.table.headers[self.column].clone(),
            reason,
        }
    }

    /// A date in ISO 8601 (`2026-11-28`, optionally with a time after it) or `YYYYMMDD`.
    pub fn date(&self) -> Result<NaiveDate, InputError> {
        parse_date(self.text).ok_or_else(|| {
            self.error(format!(
                "{:?} is not a date (YYYY-MM-DD or YYYYMMDD)",
                self.text
            ))
        })
    }

    /// A decimal amount as exact cents: `12`, `12.5`, `-3.07`.
    pub fn cents(&self) -> Result<i64, InputError> {
        parse_cents(self.text).ok_or_else(|| {
            self.error(format!(
                "{:?} is not an amount with at most two decimals",
                self.text
            ))
        })
    }

    /// A finite number.
    pub fn number(&self) -> Result<f64, InputError> {
        self.text
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| self.error(format!("{:?} is not a number", self.text)))
    }

    /// A non-empty text.
    pub fn non_empty(&self) -> Result<&str, InputError> {
        if self.text.is_empty() {
            Err(self.error("is empty".into()))
        } else {
            Ok(self.text)
        }
    }
}

/// Parses `2026-11-28`, `2026-11-28T10:00:00Z` (the date part) or `20261128`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.len() == 8 && text.chars().all(|c| c.is_ascii_digit()) {
        return NaiveDate::parse_from_str(text, "%Y%m%d").ok();
    }
    let date_part = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    NaiveDate::parse_from_str(date_part, "%Y-%m-%d").ok()
}

/// Parses a decimal with at most two decimals into cents, exactly.
pub fn parse_cents(text: &str) -> Option<i64> {
    hearth_domain::Cents::parse_decimal(text).map(|cents| cents.0)
}

/// Maps customer ids as written to dense numbers ordered like the ids: numerically when every id is
/// a whole number, else as text. Rankings that break ties "by customer id" use this order.
pub struct CustomerIds {
    /// The ids as written, in order.
    pub names: Vec<String>,
    index: HashMap<String, u64>,
}

impl CustomerIds {
    /// Orders the distinct ids among `ids`.
    pub fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> CustomerIds {
        let mut names: Vec<String> = ids.into_iter().map(str::to_string).collect();
        names.sort();
        names.dedup();
        if names.iter().all(|name| name.parse::<u64>().is_ok()) {
            names.sort_by_key(|name| name.parse::<u64>().unwrap_or(u64::MAX));
        }
        let index = names
            .iter()
            .enumerate()
            .map(|(i, name)| (name.clone(), i as u64))
            .collect();
        CustomerIds { names, index }
    }

    /// The dense number of an id seen by [`CustomerIds::new`].
    pub fn of(&self, id: &str) -> u64 {
        self.index[id]
    }

    /// The id as written for a dense number.
    pub fn name(&self, number: u64) -> &str {
        &self.names[number as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_forms_and_with_times() {
        let expected = NaiveDate::from_ymd_opt(1997, 1, 2);
        assert_eq!(parse_date("1997-01-02"), expected);
        assert_eq!(parse_date("19970102"), expected);
        assert_eq!(parse_date("1997-01-02T10:30:00Z"), expected);
        assert_eq!(parse_date("02/01/1997"), None);
        assert_eq!(parse_date("1997-01-02x"), None);
    }

    #[test]
    fn cents_are_exact_and_reject_fractions_of_cents() {
        assert_eq!(parse_cents("29.33"), Some(2_933));
        assert_eq!(parse_cents("12.5"), Some(1_250));
        assert_eq!(parse_cents("-3.07"), Some(-307));
        assert_eq!(parse_cents("7"), Some(700));
        assert_eq!(parse_cents(".5"), Some(50));
        for bad in ["", "1.234", "abc", "1,5", "--1"] {
            assert_eq!(parse_cents(bad), None, "{bad}");
        }
    }

    #[test]
    fn numeric_ids_sort_as_numbers_and_others_as_text() {
        let numeric = CustomerIds::new(["10", "9", "100", "9"]);
        assert_eq!(numeric.names, ["9", "10", "100"]);
        assert_eq!(numeric.of("10"), 1);
        let text = CustomerIds::new(["b", "a10", "a9"]);
        assert_eq!(text.names, ["a10", "a9", "b"]);
    }
}
