//! What leaves the app as a file: cells safe to open in a spreadsheet, people as vCards, orders
//! as their line items.

use crate::entity::order_status_key;
use crate::model::{Order, Person};
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

/// A cell as it was before [`spreadsheet_safe`] guarded it: the `'` before a formula character
/// goes, so a file this app exported imports back as it was.
pub fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(rest) =>
        {
            rest
        }
        _ => cell,
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

/// An order as its line-item export writes it: with the text an import finds its customer by
/// (an email or external id) and each line's product SKU, in line order.
#[derive(Debug, Clone, Copy)]
pub struct OrderLines<'a> {
    /// The order.
    pub order: &'a Order,
    /// What names its customer.
    pub customer: &'a str,
    /// The SKU of each line's product.
    pub skus: &'a [String],
}

/// `orders` as CSV (UTF-8 with a byte order mark), one row per line item, in the columns an
/// import reads back as the same orders: order number, customer, date, status, SKU, quantity,
/// unit price, discount, tags. Every cell is spreadsheet-safe.
pub fn order_lines_csv<'a>(orders: impl IntoIterator<Item = OrderLines<'a>>) -> String {
    let mut file = String::from(
        "\u{feff}Order number,Customer,Order date,Status,SKU,Quantity,Unit price,Discount,Tags\r\n",
    );
    for OrderLines {
        order,
        customer,
        skus,
    } in orders
    {
        for (line, sku) in order.lines.iter().zip(skus) {
            let cells = [
                order.number.as_str(),
                customer,
                &order.date.to_string(),
                order_status_key(order.status),
                sku,
                &line.quantity.to_string(),
                &line.unit_price.to_decimal_string(),
                &line.discount.to_decimal_string(),
                &order.tags.join(", "),
            ];
            for (at, cell) in cells.iter().enumerate() {
                if at > 0 {
                    file.push(',');
                }
                push_csv_cell(&mut file, &spreadsheet_safe(cell));
            }
            file.push_str("\r\n");
        }
    }
    file
}

/// `cell` as a CSV field (RFC 4180): quoted, its quotes doubled, when it holds a comma, a quote
/// or a line break.
fn push_csv_cell(file: &mut String, cell: &str) {
    if cell.contains([',', '"', '\n', '\r']) {
        file.push('"');
        file.push_str(&cell.replace('"', "\"\""));
        file.push('"');
    } else {
        file.push_str(cell);
    }
}

/// `people` (each with their company's name) as one vCard 4.0 file (RFC 6350), which address
/// books and phones import: name, every email (the first preferred) and phone, organisation,
/// title, city, tags as categories, notes, the record's uid and its last change.
pub fn vcards<'a>(people: impl IntoIterator<Item = (&'a Person, &'a str)>) -> String {
    let mut file = String::new();
    for (person, company) in people {
        let mut line = |name: &str, value: &str| {
            if !value.is_empty() {
                push_folded(&mut file, &format!("{name}:{value}"));
            }
        };
        line("BEGIN", "VCARD");
        line("VERSION", "4.0");
        line("FN", &escaped(&person.display_name()));
        line(
            "N",
            &format!(
                "{};{};;;",
                escaped(&person.last_name),
                escaped(&person.first_name)
            ),
        );
        for (at, email) in person.emails.iter().enumerate() {
            let name = if at == 0 { "EMAIL;PREF=1" } else { "EMAIL" };
            line(name, &escaped(email));
        }
        for (at, phone) in person.phones.iter().enumerate() {
            let name = if at == 0 { "TEL;PREF=1" } else { "TEL" };
            line(name, &escaped(phone));
        }
        line("ORG", &escaped(company));
        line("TITLE", &escaped(&person.job_title));
        if !person.address.city.is_empty() {
            line("ADR", &format!(";;;{};;;", escaped(&person.address.city)));
        }
        let tags: Vec<String> = person.tags.iter().map(|tag| escaped(tag)).collect();
        line("CATEGORIES", &tags.join(","));
        line("NOTE", &escaped(&person.notes));
        line("UID", &escaped(&person.uid.0));
        line(
            "REV",
            &person.updated_at.format("%Y%m%dT%H%M%SZ").to_string(),
        );
        line("END", "VCARD");
    }
    file
}

/// A text value with vCard's special characters escaped.
fn escaped(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` ending in CRLF, folded so no physical line passes 75 octets (a continuation
/// starts with a space), never inside a character.
fn push_folded(file: &mut String, line: &str) {
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > 75 {
            file.push_str("\r\n ");
            octets = 1;
        }
        file.push(c);
        octets += c.len_utf8();
    }
    file.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_become_vcards_escaped_and_folded() {
        let at = chrono::DateTime::from_timestamp(1_772_355_600, 0).unwrap();
        let mut wang = Person::new("小明", "王", at);
        wang.emails = vec!["wang@example.cn".into(), "xm@work.example".into()];
        wang.phones = vec!["+86 138 0013 8000".into()];
        wang.tags = vec!["vip".into(), "north, east".into()];
        wang.notes = "Likes tea; call after 5\nNot on Fridays".into();
        wang.job_title = "采购经理".repeat(8);
        let file = vcards([(&wang, "茶叶有限公司")]);
        let lines: Vec<&str> = file.split("\r\n").collect();
        assert_eq!(lines[0], "BEGIN:VCARD");
        assert!(lines.contains(&"FN:王小明"));
        assert!(lines.contains(&"N:王;小明;;;"));
        assert!(lines.contains(&"EMAIL;PREF=1:wang@example.cn"));
        assert!(lines.contains(&"EMAIL:xm@work.example"));
        assert!(lines.contains(&"TEL;PREF=1:+86 138 0013 8000"));
        assert!(lines.contains(&"ORG:茶叶有限公司"));
        assert!(lines.contains(&"CATEGORIES:vip,north\\, east"));
        assert!(lines.contains(&"NOTE:Likes tea\\; call after 5\\nNot on Fridays"));
        assert!(lines.contains(&"REV:20260301T090000Z"));
        assert!(file.ends_with("END:VCARD\r\n"));
        assert!(
            lines.iter().all(|line| line.len() <= 75),
            "folded at 75 octets"
        );
        let unfolded = file.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("TITLE:{}", "采购经理".repeat(8))));
        assert!(!file.contains("ADR"), "no empty properties");
    }

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
            assert_eq!(unguarded(&spreadsheet_safe(risky)), risky);
        }
        for plain in [
            "Ada",
            "",
            "12",
            "-12.50",
            "+3",
            "a=b",
            "王小明",
            " =x",
            "'quoted",
            "'12",
        ] {
            assert_eq!(spreadsheet_safe(plain), plain, "{plain:?}");
            assert_eq!(unguarded(plain), plain, "{plain:?}");
        }
    }
}
