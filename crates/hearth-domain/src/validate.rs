//! Validation of records before they are stored: every failure names the field and what is wrong with
//! it, as data, so the UI can say it in the user's language and an importer can add the row number.

use crate::model::*;
use thiserror::Error;

/// What is wrong with one field's value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// The field must not be empty.
    Required,
    /// Not an email address.
    InvalidEmail,
    /// Not a phone number (6 to 15 digits, optionally `+`, spaces, dashes, dots, parentheses).
    InvalidPhone,
    /// Not an http(s) web address.
    InvalidUrl,
    /// Not a web domain such as `example.com`.
    InvalidDomain,
    /// A number below zero where only zero or more makes sense.
    Negative,
    /// A number outside the allowed range.
    OutOfRange {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
    },
    /// An end that comes before its start.
    EndBeforeStart,
    /// A value that appears twice where each must be unique.
    Duplicate,
    /// Not a number.
    InvalidNumber,
    /// Not a date (YYYY-MM-DD).
    InvalidDate,
    /// Not one of the field's options.
    NotAnOption,
    /// An amount, or a total made of it, too large to compute exactly.
    AmountTooLarge,
    /// Names a record that does not exist (an import's company by name).
    NoSuchRecord,
    /// Not an ISO 4217 currency code (three letters, such as `EUR`).
    NotACurrency,
    /// An amount that is not the total of the record's line items, which set it.
    NotLinesTotal,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Required => f.write_str("is required"),
            Problem::InvalidEmail => f.write_str("is not an email address"),
            Problem::InvalidPhone => f.write_str("is not a phone number"),
            Problem::InvalidUrl => f.write_str("is not an http(s) address"),
            Problem::InvalidDomain => f.write_str("is not a web domain"),
            Problem::Negative => f.write_str("must not be negative"),
            Problem::OutOfRange { min, max } => write!(f, "must be between {min} and {max}"),
            Problem::EndBeforeStart => f.write_str("must not come before the start"),
            Problem::Duplicate => f.write_str("appears twice"),
            Problem::InvalidNumber => f.write_str("is not a number"),
            Problem::InvalidDate => f.write_str("is not a date (YYYY-MM-DD)"),
            Problem::NotAnOption => f.write_str("is not one of the options"),
            Problem::AmountTooLarge => f.write_str("is too large an amount"),
            Problem::NoSuchRecord => f.write_str("names no existing record"),
            Problem::NotACurrency => f.write_str("is not a currency code such as EUR"),
            Problem::NotLinesTotal => f.write_str("is not the total of the products"),
        }
    }
}

/// Whether `code` is empty (the workspace's currency) or three capital letters, as ISO 4217
/// codes are.
pub fn is_currency_code(code: &str) -> bool {
    code.is_empty() || (code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()))
}

/// One invalid field: its name (the serde field name, with an index for list items) and the problem.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field} {problem}")]
pub struct FieldError {
    /// Field name, e.g. `first_name` or `emails[1]`.
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
}

impl FieldError {
    fn new(field: impl Into<String>, problem: Problem) -> FieldError {
        FieldError {
            field: field.into(),
            problem,
        }
    }
}

/// A record that can check itself before it is stored.
pub trait Validate {
    /// Every invalid field, in field order; `Ok` when there is none.
    fn validate(&self) -> Result<(), Vec<FieldError>>;
}

/// Collects field errors while a record is checked.
#[derive(Default)]
struct Checks(Vec<FieldError>);

impl Checks {
    fn fail(&mut self, field: impl Into<String>, problem: Problem) {
        self.0.push(FieldError::new(field, problem));
    }

    fn required(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.fail(field, Problem::Required);
        }
    }

    fn each(
        &mut self,
        field: &str,
        values: &[String],
        is_valid: fn(&str) -> bool,
        problem: Problem,
    ) {
        for (i, value) in values.iter().enumerate() {
            if !is_valid(value) {
                self.fail(format!("{field}[{i}]"), problem.clone());
            } else if values[..i].contains(value) {
                self.fail(format!("{field}[{i}]"), Problem::Duplicate);
            }
        }
    }

    fn non_negative(&mut self, field: &str, value: i64) {
        if value < 0 {
            self.fail(field, Problem::Negative);
        }
    }

    fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// Lower-cases and trims an email address the way it is stored.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Whether `email` looks like `local@domain.tld` (no spaces, one `@`, a valid domain).
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && !local
            .chars()
            .any(|c| c.is_whitespace() || c == '@' || c.is_control())
        && is_valid_domain(domain)
}

/// Whether `domain` is a DNS name with at least two labels and an alphabetic top-level label.
pub fn is_valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(label_ok)
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic))
}

/// Whether `phone` has 6 to 15 digits and only phone punctuation, with `+` only in front.
pub fn is_valid_phone(phone: &str) -> bool {
    let phone = phone.trim();
    let body = phone.strip_prefix('+').unwrap_or(phone);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (6..=15).contains(&digits)
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
}

/// Whether `url` is an absolute http or https address with a host.
pub fn is_valid_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host_port.split(':').next().unwrap_or_default();
    !url.chars().any(char::is_whitespace) && (host == "localhost" || is_valid_domain(host))
}

fn custom_values(checks: &mut Checks, custom: &std::collections::BTreeMap<String, CustomValue>) {
    for (key, value) in custom {
        if let CustomValue::Url(url) = value {
            if !url.is_empty() && !is_valid_url(url) {
                checks.fail(format!("custom.{key}"), Problem::InvalidUrl);
            }
        }
    }
}

impl Validate for Person {
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = Checks::default();
        if self.first_name.trim().is_empty() && self.last_name.trim().is_empty() {
            checks.fail("first_name", Problem::Required);
        }
        checks.each(
            "emails",
            &self.emails,
            is_valid_email,
            Problem::InvalidEmail,
        );
        checks.each(
            "phones",
            &self.phones,
            is_valid_phone,
            Problem::InvalidPhone,
        );
        custom_values(&mut checks, &self.custom);
        checks.finish()
    }
}

impl Validate for Company {
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = Checks::default();
        checks.required("name", &self.name);
        if !self.domain.is_empty() && !is_valid_domain(&self.domain) {
            checks.fail("domain", Problem::InvalidDomain);
        }
        custom_values(&mut checks, &self.custom);
        checks.finish()
    }
}

impl Validate for Product {
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = Checks::default();
        checks.required("sku", &self.sku);
        checks.required("name", &self.name);
        checks.non_negative("unit_price", self.unit_price.0);
        checks.finish()
    }
}

impl Validate for Order {
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = Checks::default();
        if self.lines.is_empty() {
            checks.fail("lines", Problem::Required);
        }
        check_lines(&mut checks, &self.lines);
        checks.finish()
    }
}

/// The checks of line items (an order's, a deal's products): each line's quantity at least 1,
/// prices and discounts not negative, a discount no larger than its line, totals computable.
fn check_lines(checks: &mut Checks, lines: &[OrderLine]) {
    for (i, line) in lines.iter().enumerate() {
        if line.quantity == 0 {
            checks.fail(
                format!("lines[{i}].quantity"),
                Problem::OutOfRange {
                    min: 1,
                    max: i64::from(u32::MAX),
                },
            );
        }
        checks.non_negative(&format!("lines[{i}].price"), line.unit_price.0);
        checks.non_negative(&format!("lines[{i}].discount"), line.discount.0);
        match line.amount() {
            Err(_) => checks.fail(format!("lines[{i}].quantity"), Problem::AmountTooLarge),
            // More discount than the line costs.
            Ok(amount) if amount.0 < 0 && line.discount.0 > 0 => checks.fail(
                format!("lines[{i}].discount"),
                Problem::OutOfRange {
                    min: 0,
                    max: line.discount.0 + amount.0,
                },
            ),
            Ok(_) => {}
        }
    }
    if lines.iter().all(|line| line.amount().is_ok()) && OrderLine::total(lines).is_err() {
        checks.fail("lines", Problem::AmountTooLarge);
    }
}

impl Validate for Pipeline {
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = Checks::default();
        checks.required("name", &self.name);
        if self.stages.is_empty() {
            checks.fail("stages", Problem::Required);
        }
        for (i, stage) in self.stages.iter().enumerate() {
            checks.required(&format!("stages[{i}].name"), &stage.name);
            if stage.probability_pct > 100 {
                checks.fail(
                    format!("stages[{i}].probability_pct"),
                    Problem::OutOfRange { min: 0, max: 100 },
                );
            }
            if self.stages[..i]
                .iter()
                .any(|earlier| earlier.id == stage.id)
            {
                checks.fail(format!("stages[{i}].id"), Problem::Duplicate);
            }
        }
        checks.finish()
    }
}

impl Validate for Deal {
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = Checks::default();
        checks.required("title", &self.title);
        checks.non_negative("value", self.value.0);
        if !is_currency_code(&self.currency) {
            checks.fail("currency", Problem::NotACurrency);
        }
        check_lines(&mut checks, &self.lines);
        if !self.lines.is_empty()
            && OrderLine::total(&self.lines).is_ok_and(|total| total != self.value)
        {
            checks.fail("value", Problem::NotLinesTotal);
        }
        checks.finish()
    }
}

impl Validate for Activity {
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = Checks::default();
        checks.required("summary", &self.summary);
        checks.finish()
    }
}

impl Validate for Task {
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = Checks::default();
        checks.required("title", &self.title);
        checks.finish()
    }
}

impl Validate for Ticket {
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = Checks::default();
        checks.required("subject", &self.subject);
        if self
            .satisfaction
            .is_some_and(|score| !(1..=5).contains(&score))
        {
            checks.fail("satisfaction", Problem::OutOfRange { min: 1, max: 5 });
        }
        if self
            .resolved_at
            .is_some_and(|resolved| resolved < self.opened_at)
        {
            // Named by its field key, so an import names the column it came from.
            checks.fail("resolved", Problem::EndBeforeStart);
        }
        checks.finish()
    }
}

impl Validate for Campaign {
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = Checks::default();
        checks.required("name", &self.name);
        checks.non_negative("budget", self.budget.0);
        if self.end_date < self.start_date {
            checks.fail("end_date", Problem::EndBeforeStart);
        }
        let targets: std::collections::HashSet<_> = self.target_person_ids.iter().collect();
        if let Some(at) = self
            .control_person_ids
            .iter()
            .position(|person| targets.contains(person))
        {
            checks.fail(format!("control_person_ids[{at}]"), Problem::Duplicate);
        }
        if self.control_permille > 1000 {
            checks.fail(
                "control_permille",
                Problem::OutOfRange { min: 0, max: 1000 },
            );
        }
        checks.finish()
    }
}

impl Validate for CustomFieldDef {
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = Checks::default();
        checks.required("label", &self.label);
        if self.key.is_empty()
            || !self
                .key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            checks.fail("key", Problem::Required);
        }
        if let CustomFieldKind::SingleSelect { options }
        | CustomFieldKind::MultiSelect { options } = &self.kind
        {
            if options.is_empty() {
                checks.fail("options", Problem::Required);
            }
            checks.each(
                "options",
                options,
                |o| !o.trim().is_empty(),
                Problem::Required,
            );
        }
        checks.finish()
    }
}

impl Validate for TrashEntry {
    /// A trashed record is kept exactly as it was; it is validated again when restored.
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        Ok(())
    }
}

impl Validate for SavedView {
    fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut checks = Checks::default();
        checks.required("name", &self.name);
        checks.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::*;
    use chrono::{TimeZone, Utc};

    fn person(first: &str, last: &str) -> Person {
        Person::new(
            first,
            last,
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        )
    }

    #[test]
    fn emails_accept_common_forms_and_reject_broken_ones() {
        for ok in [
            "a@example.com",
            "first.last+tag@sub.example.co",
            "王@例子.中国",
        ] {
            assert!(is_valid_email(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "a@",
            "@example.com",
            "a@example",
            "a b@example.com",
            "a@-x.com",
            "a@example.c0m",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn phones_count_digits_and_allow_punctuation() {
        assert!(is_valid_phone("+1 (555) 010-0199"));
        assert!(is_valid_phone("010.8888.6666"));
        assert!(!is_valid_phone("12345"));
        assert!(!is_valid_phone("555-CALL-NOW"));
        assert!(!is_valid_phone("1+5550100"));
    }

    #[test]
    fn orders_whose_line_or_total_overflows_are_refused_naming_the_place() {
        let line = |quantity, cents| OrderLine {
            product_id: ProductId(1),
            quantity,
            unit_price: crate::Cents(cents),
            discount: crate::Cents::ZERO,
        };
        let order = |lines| Order {
            uid: Default::default(),
            id: OrderId(1),
            person_id: PersonId(1),
            company_id: None,
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            status: OrderStatus::Paid,
            lines,
            campaign_id: None,
            number: String::new(),
            tags: Vec::new(),
            custom: Default::default(),
            deleted_at: None,
            revision: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
        };
        assert!(order(vec![line(3, 250)]).validate().is_ok());
        let too_large_line = order(vec![line(u32::MAX, i64::MAX / 1000)]);
        assert_eq!(
            too_large_line.validate().unwrap_err(),
            vec![FieldError::new(
                "lines[0].quantity",
                Problem::AmountTooLarge
            )]
        );
        let too_large_total = order(vec![line(1, i64::MAX), line(1, 1)]);
        assert_eq!(
            too_large_total.validate().unwrap_err(),
            vec![FieldError::new("lines", Problem::AmountTooLarge)]
        );
        assert_eq!(too_large_total.total(), Err(crate::MoneyOverflow));
        // A discount comes off its line, exactly; more than the line costs is refused.
        let mut discounted = order(vec![line(3, 250), line(1, 99)]);
        discounted.lines[0].discount = crate::Cents(125);
        assert_eq!(discounted.total(), Ok(crate::Cents(750 - 125 + 99)));
        assert!(discounted.validate().is_ok());
        discounted.lines[1].discount = crate::Cents(100);
        assert_eq!(
            discounted.validate().unwrap_err(),
            vec![FieldError::new(
                "lines[1].discount",
                Problem::OutOfRange { min: 0, max: 99 }
            )]
        );
        discounted.lines[1].discount = crate::Cents(-1);
        assert_eq!(
            discounted.validate().unwrap_err(),
            vec![FieldError::new("lines[1].discount", Problem::Negative)]
        );
    }

    #[test]
    fn a_deal_names_a_currency_code_and_its_products_set_its_value() {
        use crate::entity::Entity;
        let mut deal = Deal::blank(Default::default());
        deal.title = "Fit-out".into();
        deal.currency = "EUR".into();
        assert!(deal.validate().is_ok());
        deal.currency = "euro".into();
        assert_eq!(
            deal.validate().unwrap_err(),
            vec![FieldError::new("currency", Problem::NotACurrency)]
        );
        deal.currency.clear();
        deal.lines = vec![OrderLine {
            product_id: ProductId(1),
            quantity: 0,
            unit_price: crate::Cents(500),
            discount: crate::Cents::ZERO,
        }];
        let problems = deal.validate().unwrap_err();
        assert!(problems.contains(&FieldError::new(
            "lines[0].quantity",
            Problem::OutOfRange {
                min: 1,
                max: i64::from(u32::MAX)
            }
        )));
        deal.lines[0].quantity = 2;
        assert_eq!(
            deal.validate().unwrap_err(),
            vec![FieldError::new("value", Problem::NotLinesTotal)]
        );
        deal.value = crate::Cents(1_000);
        assert!(deal.validate().is_ok());
    }

    #[test]
    fn urls_need_scheme_and_host() {
        assert!(is_valid_url("https://example.com/path?q=1"));
        assert!(is_valid_url("http://localhost:8080/"));
        assert!(!is_valid_url("example.com"));
        assert!(!is_valid_url("ftp://example.com"));
        assert!(!is_valid_url("https://exa mple.com"));
    }

    #[test]
    fn person_without_any_name_names_first_name_field() {
        let errors = person(" ", "").validate().unwrap_err();
        assert_eq!(
            errors,
            vec![FieldError::new("first_name", Problem::Required)]
        );
        assert!(person("", "Li").validate().is_ok());
    }

    #[test]
    fn person_errors_point_at_the_bad_list_item() {
        let mut p = person("Ada", "Lovelace");
        p.emails = vec![
            "ada@example.com".into(),
            "not-an-email".into(),
            "ada@example.com".into(),
        ];
        p.phones = vec!["12".into()];
        let errors = p.validate().unwrap_err();
        let fields: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            fields,
            [
                "emails[1] is not an email address",
                "emails[2] appears twice",
                "phones[0] is not a phone number"
            ]
        );
    }

    #[test]
    fn ticket_satisfaction_must_be_one_to_five() {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let ticket = Ticket {
            subject: "Broken".into(),
            priority: TicketPriority::High,
            status: TicketStatus::Resolved,
            resolved_at: Some(at),
            satisfaction: Some(6),
            ..<Ticket as crate::entity::Entity>::blank(at)
        };
        let errors = ticket.validate().unwrap_err();
        assert_eq!(errors[0].field, "satisfaction");
        assert_eq!(errors[0].problem, Problem::OutOfRange { min: 1, max: 5 });
    }
}
