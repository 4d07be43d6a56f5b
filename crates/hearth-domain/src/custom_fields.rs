//! User-defined fields: values typed into a form become typed [`CustomValue`]s, and back.

use crate::model::{CustomFieldKind, CustomValue};
use crate::money::Cents;
use crate::validate::Problem;
use chrono::NaiveDate;

/// The value a form's text means for a field of `kind`: `None` when left empty. Multi-select and
/// list texts separate options with commas; checkboxes read "true"/"false"; options match ignoring
/// case and are stored as the field defines them.
pub fn parse_value(kind: &CustomFieldKind, text: &str) -> Result<Option<CustomValue>, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(match kind {
            CustomFieldKind::Checkbox => Some(CustomValue::Checkbox(false)),
            _ => None,
        });
    }
    let option = |options: &[String], wanted: &str| {
        options
            .iter()
            .find(|option| option.eq_ignore_ascii_case(wanted.trim()))
            .cloned()
            .ok_or(Problem::NotAnOption)
    };
    Ok(Some(match kind {
        CustomFieldKind::Text => CustomValue::Text(text.to_string()),
        CustomFieldKind::Url => CustomValue::Url(text.to_string()),
        CustomFieldKind::Number => CustomValue::Number(
            text.parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .ok_or(Problem::InvalidNumber)?,
        ),
        CustomFieldKind::Currency => {
            CustomValue::Currency(Cents::parse_decimal(text).ok_or(Problem::InvalidNumber)?)
        }
        CustomFieldKind::Date => CustomValue::Date(
            NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Problem::InvalidDate)?,
        ),
        CustomFieldKind::Checkbox => CustomValue::Checkbox(matches!(text, "true" | "on" | "yes")),
        CustomFieldKind::SingleSelect { options } => CustomValue::Select(option(options, text)?),
        CustomFieldKind::MultiSelect { options } => CustomValue::MultiSelect(
            text.split(',')
                .filter(|part| !part.trim().is_empty())
                .map(|part| option(options, part))
                .collect::<Result<_, _>>()?,
        ),
    }))
}

/// The text a form shows for `value`, which [`parse_value`] reads back to the same value.
pub fn value_text(value: &CustomValue) -> String {
    match value {
        CustomValue::Text(text) | CustomValue::Url(text) | CustomValue::Select(text) => {
            text.clone()
        }
        CustomValue::Number(n) => n.to_string(),
        CustomValue::Currency(cents) => cents.to_decimal_string(),
        CustomValue::Date(date) => date.to_string(),
        CustomValue::Checkbox(yes) => yes.to_string(),
        CustomValue::MultiSelect(options) => options.join(", "),
    }
}

/// A key for a new field labelled `label`: lower-case ASCII letters, digits and underscores
/// (`"Annual revenue"` → `annual_revenue`), made unique among `taken` with a number.
pub fn key_for(label: &str, taken: &[String]) -> String {
    let mut key = String::new();
    for c in crate::list::fold(label).chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.ends_with('_') && !key.is_empty() {
            key.push('_');
        }
    }
    let key = key.trim_end_matches('_');
    let key = if key.is_empty() { "field" } else { key };
    let mut candidate = key.to_string();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{key}_{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_typed_values_and_back() {
        let options = vec!["Email".to_string(), "Phone".to_string()];
        let cases = [
            (CustomFieldKind::Number, "3.5", CustomValue::Number(3.5)),
            (
                CustomFieldKind::Currency,
                "12.30",
                CustomValue::Currency(Cents(1_230)),
            ),
            (
                CustomFieldKind::Date,
                "2026-02-28",
                CustomValue::Date(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()),
            ),
            (
                CustomFieldKind::Checkbox,
                "true",
                CustomValue::Checkbox(true),
            ),
            (
                CustomFieldKind::SingleSelect {
                    options: options.clone(),
                },
                "phone",
                CustomValue::Select("Phone".into()),
            ),
            (
                CustomFieldKind::MultiSelect {
                    options: options.clone(),
                },
                "email, PHONE",
                CustomValue::MultiSelect(vec!["Email".into(), "Phone".into()]),
            ),
        ];
        for (kind, text, value) in cases {
            assert_eq!(parse_value(&kind, text), Ok(Some(value.clone())), "{text}");
            assert_eq!(parse_value(&kind, &value_text(&value)), Ok(Some(value)));
        }
        assert_eq!(parse_value(&CustomFieldKind::Text, "  "), Ok(None));
        assert_eq!(
            parse_value(&CustomFieldKind::Number, "many"),
            Err(Problem::InvalidNumber)
        );
        assert_eq!(
            parse_value(&CustomFieldKind::Currency, "1.234"),
            Err(Problem::InvalidNumber)
        );
        assert_eq!(
            parse_value(&CustomFieldKind::Date, "28/02/2026"),
            Err(Problem::InvalidDate)
        );
        assert_eq!(
            parse_value(&CustomFieldKind::SingleSelect { options }, "Fax"),
            Err(Problem::NotAnOption)
        );
    }

    #[test]
    fn keys_are_slugs_made_unique() {
        assert_eq!(key_for("Annual revenue", &[]), "annual_revenue");
        assert_eq!(key_for("Préférence — canal!", &[]), "preference_canal");
        assert_eq!(key_for("Size", &["size".into(), "size_2".into()]), "size_3");
        assert_eq!(key_for("客户等级", &[]), "field");
    }
}
