//! What leaves the app as a file: cells safe to open in a spreadsheet.

use std::borrow::Cow;

/// `cell` as a spreadsheet program may open it without running it: a cell that begins with `=`,
/// `+`, `-`, `@`, a tab or a carriage return is read as a formula by Excel, LibreOffice and Google
/// Sheets (CSV injection), so it gets a leading `'`, which they show as text. Plain numbers such as
/// `-12.50` are left as they are: they are not formulas and stay numbers.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    let starts_formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if starts_formula && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// An optional sign, digits, and at most one decimal point among them.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_quoted_and_everything_else_is_kept() {
        for risky in [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tcmd",
            "\rcmd",
            "-",
            "=",
        ] {
            assert_eq!(spreadsheet_safe(risky), format!("'{risky}"), "{risky:?}");
        }
        for plain in ["Ada", "", "12", "-12.50", "+3", "a=b", "王小明", " =x"] {
            assert_eq!(spreadsheet_safe(plain), plain, "{plain:?}");
        }
    }
}
