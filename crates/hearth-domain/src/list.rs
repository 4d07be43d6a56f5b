//! Record lists (people, companies): compact rows, quick search, a filter builder's conditions and
//! sorting, all in memory, so a keystroke in a 100,000-person list never waits on storage.

use crate::model::{Company, CustomValue, LifecycleStage, Person};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The accent-, case- and width-insensitive form of `text` that search compares: full-width
/// ASCII forms narrowed, canonically decomposed, combining marks dropped, lower-cased ("José",
/// "JOSE" and "ＪＯＳＥ" all become "jose").
pub fn fold(text: &str) -> String {
    // Most names, emails and values are ASCII, where folding is lower-casing.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        // Canonical order is not restored (the NFD iterator would): the marks it sorts are dropped.
        decompose_canonical(narrow(c), |part| {
            if !is_combining_mark(part) {
                folded.extend(part.to_lowercase());
            }
        });
    }
    folded
}

/// The ASCII form of a full-width character (U+FF01–U+FF5E, and the ideographic space), which
/// Chinese input methods type for Latin letters and digits. Only these of the compatibility
/// mappings matter to search here: full NFKD would add 44 KB of tables to the app.
fn narrow(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A column of the people list, and a field its filters and sort can use.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "field", content = "key", rename_all = "snake_case")]
pub enum Field {
    /// Display name.
    Name,
    /// Primary email.
    Email,
    /// Primary phone.
    Phone,
    /// Company name.
    Company,
    /// Job title.
    JobTitle,
    /// Lifecycle stage.
    Lifecycle,
    /// Source.
    Source,
    /// Owner.
    Owner,
    /// Tags.
    Tags,
    /// City.
    City,
    /// Creation time.
    Created,
    /// Last change.
    Updated,
    /// A company's web domain.
    Domain,
    /// A company's industry.
    Industry,
    /// A company's head count.
    Employees,
    /// How many people work at a company.
    PeopleCount,
    /// A custom field by its key.
    Custom(String),
}

impl Field {
    /// A person's built-in fields, in the list's default column order.
    pub const PERSON: [Field; 12] = [
        Field::Name,
        Field::Email,
        Field::Phone,
        Field::Company,
        Field::JobTitle,
        Field::Lifecycle,
        Field::Source,
        Field::Owner,
        Field::Tags,
        Field::City,
        Field::Created,
        Field::Updated,
    ];

    /// A company's built-in fields, in the list's default column order.
    pub const COMPANY: [Field; 9] = [
        Field::Name,
        Field::Domain,
        Field::Industry,
        Field::Employees,
        Field::PeopleCount,
        Field::City,
        Field::Owner,
        Field::Tags,
        Field::Created,
    ];
}

/// One field's value on one row, typed so that numbers and dates compare as such.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing entered.
    Empty,
    /// Text (compared folded).
    Text(String),
    /// A number (money in cents, counts).
    Number(f64),
    /// A day.
    Date(NaiveDate),
    /// An instant.
    Time(DateTime<Utc>),
    /// Yes or no.
    Bool(bool),
    /// Several texts (tags, multi-select options).
    List(Vec<String>),
}

impl Value {
    fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(text) => text.trim().is_empty(),
            Value::List(items) => items.is_empty(),
            _ => false,
        }
    }

    /// The texts a text condition looks at.
    fn texts(&self) -> Vec<String> {
        match self {
            Value::Empty => vec![],
            Value::Text(text) => vec![fold(text)],
            Value::List(items) => items.iter().map(|item| fold(item)).collect(),
            Value::Number(n) => vec![n.to_string()],
            Value::Date(date) => vec![date.to_string()],
            Value::Time(time) => vec![time.date_naive().to_string()],
            Value::Bool(b) => vec![b.to_string()],
        }
    }

    /// The value with its texts folded, so that sorting compares them without folding again.
    fn folded(self) -> Value {
        match self {
            Value::Text(_) | Value::List(_) => Value::Text(self.texts().join(", ")),
            other => other,
        }
    }

    /// Orders two [`Value::folded`] values of one field.
    fn compare(&self, other: &Value) -> Ordering {
        match (self, other) {
            (Value::Number(a), Value::Number(b)) => a.total_cmp(b),
            (Value::Date(a), Value::Date(b)) => a.cmp(b),
            (Value::Time(a), Value::Time(b)) => a.cmp(b),
            (Value::Bool(a), Value::Bool(b)) => a.cmp(b),
            (Value::Text(a), Value::Text(b)) => a.cmp(b),
            _ => self.texts().cmp(&other.texts()),
        }
    }

    /// The value as a number or a date, for greater/less conditions.
    fn ordinal(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Date(date) => Some(f64::from(date.num_days_from_ce())),
            Value::Time(time) => Some(f64::from(time.date_naive().num_days_from_ce())),
            _ => None,
        }
    }
}

/// A lifecycle stage's value in lists and filters (`"lead"`, `"customer"`…).
pub fn lifecycle_key(stage: LifecycleStage) -> &'static str {
    match stage {
        LifecycleStage::Lead => "lead",
        LifecycleStage::Prospect => "prospect",
        LifecycleStage::Customer => "customer",
        LifecycleStage::Churned => "churned",
    }
}

/// A record as a list holds it: its id, any field's value, and the folded text quick search scans.
pub trait Row {
    /// The record's id (ties in sorting go by it; no sort lists the highest first).
    fn id(&self) -> u32;
    /// The record's name as lists and links show it.
    fn name(&self) -> String;
    /// The value of `field` (empty for fields the kind does not have).
    fn value(&self, field: &Field) -> Value;
    /// The folded searchable text.
    fn haystack(&self) -> &str;
    /// Whether every word of `folded_search` occurs in the searchable text.
    fn matches(&self, folded_search: &str) -> bool {
        folded_search
            .split_whitespace()
            .all(|word| self.haystack().contains(word))
    }
}

/// A shared row is a row: lists hold their rows behind `Arc`, so refreshing a few records keeps
/// every other row without copying it.
impl<T: Row + ?Sized> Row for std::sync::Arc<T> {
    fn id(&self) -> u32 {
        (**self).id()
    }
    fn name(&self) -> String {
        (**self).name()
    }
    fn value(&self, field: &Field) -> Value {
        (**self).value(field)
    }
    fn haystack(&self) -> &str {
        (**self).haystack()
    }
}

/// Folded searchable text: parts separated by a unit separator, so no word spans two fields.
#[derive(Debug, Clone, Default, PartialEq)]
struct Haystack(String);

impl Haystack {
    fn add(&mut self, text: &str) {
        if !text.is_empty() {
            if !self.0.is_empty() {
                self.0.push('\u{1f}');
            }
            self.0.push_str(&fold(text));
        }
    }
}

fn text_value(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_string())
    }
}

fn custom_value(custom: &std::collections::BTreeMap<String, CustomValue>, key: &str) -> Value {
    match custom.get(key) {
        None => Value::Empty,
        Some(CustomValue::Text(s) | CustomValue::Select(s) | CustomValue::Url(s)) => text_value(s),
        Some(CustomValue::Number(n)) => Value::Number(*n),
        Some(CustomValue::Date(date)) => Value::Date(*date),
        Some(CustomValue::MultiSelect(options)) => Value::List(options.clone()),
        Some(CustomValue::Checkbox(b)) => Value::Bool(*b),
        Some(CustomValue::Currency(cents)) => Value::Number(cents.0 as f64),
    }
}

/// A person as the list holds them: the record, their company's name and the searchable text
/// (names, emails, phones also as bare digits, company, tags).
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    /// The record.
    pub person: Person,
    /// The company's name, empty without one.
    pub company: String,
    haystack: Haystack,
}

impl PersonRow {
    /// The row of `person`, who works at `company` (a name, empty if none).
    pub fn new(person: Person, company: String) -> PersonRow {
        let mut haystack = Haystack::default();
        haystack.add(&person.display_name());
        haystack.add(&person.first_name);
        haystack.add(&person.last_name);
        person.emails.iter().for_each(|email| haystack.add(email));
        for phone in &person.phones {
            haystack.add(phone);
            haystack.add(
                &phone
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>(),
            );
        }
        haystack.add(&company);
        person.tags.iter().for_each(|tag| haystack.add(tag));
        PersonRow {
            person,
            company,
            haystack,
        }
    }
}

impl Row for PersonRow {
    fn id(&self) -> u32 {
        self.person.id.0
    }

    fn name(&self) -> String {
        self.person.display_name()
    }

    fn haystack(&self) -> &str {
        &self.haystack.0
    }

    fn value(&self, field: &Field) -> Value {
        let person = &self.person;
        match field {
            Field::Name => text_value(&person.display_name()),
            Field::Email => text_value(person.primary_email().unwrap_or_default()),
            Field::Phone => text_value(person.phones.first().map_or("", String::as_str)),
            Field::Company => text_value(&self.company),
            Field::JobTitle => text_value(&person.job_title),
            Field::Lifecycle => Value::Text(lifecycle_key(person.lifecycle).to_string()),
            Field::Source => text_value(&person.source),
            Field::Owner => text_value(&person.owner),
            Field::Tags => Value::List(person.tags.clone()),
            Field::City => text_value(&person.address.city),
            Field::Created => Value::Time(person.created_at),
            Field::Updated => Value::Time(person.updated_at),
            Field::Custom(key) => custom_value(&person.custom, key),
            Field::Domain | Field::Industry | Field::Employees | Field::PeopleCount => Value::Empty,
        }
    }
}

/// A company as the list holds it: the record, how many people work there, and the searchable text
/// (name, domain, industry, city, tags).
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyRow {
    /// The record.
    pub company: Company,
    /// People linked to it.
    pub people: usize,
    haystack: Haystack,
}

impl CompanyRow {
    /// The row of `company`, which `people` people work at.
    pub fn new(company: Company, people: usize) -> CompanyRow {
        let mut haystack = Haystack::default();
        haystack.add(&company.name);
        haystack.add(&company.domain);
        haystack.add(&company.industry);
        haystack.add(&company.address.city);
        company.tags.iter().for_each(|tag| haystack.add(tag));
        CompanyRow {
            company,
            people,
            haystack,
        }
    }
}

impl Row for CompanyRow {
    fn id(&self) -> u32 {
        self.company.id.0
    }

    fn name(&self) -> String {
        self.company.name.clone()
    }

    fn haystack(&self) -> &str {
        &self.haystack.0
    }

    fn value(&self, field: &Field) -> Value {
        let company = &self.company;
        match field {
            Field::Name => text_value(&company.name),
            Field::Domain => text_value(&company.domain),
            Field::Industry => text_value(&company.industry),
            Field::Employees => company
                .employees
                .map_or(Value::Empty, |n| Value::Number(f64::from(n))),
            Field::PeopleCount => Value::Number(self.people as f64),
            Field::City => text_value(&company.address.city),
            Field::Owner => text_value(&company.owner),
            Field::Tags => Value::List(company.tags.clone()),
            Field::Created => Value::Time(company.created_at),
            Field::Updated => Value::Time(company.updated_at),
            Field::Custom(key) => custom_value(&company.custom, key),
            Field::Email
            | Field::Phone
            | Field::Company
            | Field::JobTitle
            | Field::Lifecycle
            | Field::Source => Value::Empty,
        }
    }
}

/// A record the list's bulk actions change: people and companies. Tags and custom fields work
/// alike on both; each names the built-in fields a text can set.
pub trait BulkEditable {
    /// The built-in fields [`set_field`] can set on it, besides custom ones.
    const SETTABLE: &'static [Field];
    /// Its tags.
    fn tags_mut(&mut self) -> &mut Vec<String>;
    /// Its custom field values.
    fn custom_mut(&mut self) -> &mut BTreeMap<String, CustomValue>;
    /// Sets one of [`BulkEditable::SETTABLE`] to the (trimmed) text.
    fn set_builtin(&mut self, field: &Field, text: &str) -> Result<(), crate::validate::Problem>;
    /// Records when it last changed.
    fn set_updated_at(&mut self, at: DateTime<Utc>);
}

impl BulkEditable for Person {
    const SETTABLE: &'static [Field] = &[
        Field::Lifecycle,
        Field::Owner,
        Field::Source,
        Field::JobTitle,
        Field::City,
    ];

    fn tags_mut(&mut self) -> &mut Vec<String> {
        &mut self.tags
    }

    fn custom_mut(&mut self) -> &mut BTreeMap<String, CustomValue> {
        &mut self.custom
    }

    fn set_updated_at(&mut self, at: DateTime<Utc>) {
        self.updated_at = at;
    }

    /// Job title, source, owner and city take the text, lifecycle its key or name (`customer`).
    fn set_builtin(&mut self, field: &Field, text: &str) -> Result<(), crate::validate::Problem> {
        match field {
            Field::JobTitle => self.job_title = text.to_string(),
            Field::Source => self.source = text.to_string(),
            Field::Owner => self.owner = text.to_string(),
            Field::City => self.address.city = text.to_string(),
            Field::Lifecycle => {
                self.lifecycle = [
                    LifecycleStage::Lead,
                    LifecycleStage::Prospect,
                    LifecycleStage::Customer,
                    LifecycleStage::Churned,
                ]
                .into_iter()
                .find(|stage| lifecycle_key(*stage) == fold(text))
                .ok_or(crate::validate::Problem::NotAnOption)?
            }
            _ => return Err(crate::validate::Problem::NotAnOption),
        }
        Ok(())
    }
}

impl BulkEditable for Company {
    const SETTABLE: &'static [Field] = &[Field::Owner, Field::Industry, Field::City];

    fn tags_mut(&mut self) -> &mut Vec<String> {
        &mut self.tags
    }

    fn custom_mut(&mut self) -> &mut BTreeMap<String, CustomValue> {
        &mut self.custom
    }

    fn set_updated_at(&mut self, at: DateTime<Utc>) {
        self.updated_at = at;
    }

    /// Owner, industry and city take the text.
    fn set_builtin(&mut self, field: &Field, text: &str) -> Result<(), crate::validate::Problem> {
        match field {
            Field::Owner => self.owner = text.to_string(),
            Field::Industry => self.industry = text.to_string(),
            Field::City => self.address.city = text.to_string(),
            _ => return Err(crate::validate::Problem::NotAnOption),
        }
        Ok(())
    }
}

/// Adds `tag` to `record` unless it has it already (ignoring case).
pub fn add_tag(record: &mut impl BulkEditable, tag: &str) {
    let tags = record.tags_mut();
    if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
        tags.push(tag.to_string());
    }
}

/// Sets `field` of `record` to what `text` means (a bulk "set a field"): a built-in field of
/// [`BulkEditable::SETTABLE`], or a custom field as a value of `custom_kind`; empty text clears.
pub fn set_field(
    record: &mut impl BulkEditable,
    field: &Field,
    text: &str,
    custom_kind: Option<&crate::model::CustomFieldKind>,
) -> Result<(), crate::validate::Problem> {
    let text = text.trim();
    let Field::Custom(key) = field else {
        return record.set_builtin(field, text);
    };
    let kind = custom_kind.ok_or(crate::validate::Problem::NotAnOption)?;
    match crate::custom_fields::parse_value(kind, text)? {
        Some(value) => {
            record.custom_mut().insert(key.clone(), value);
        }
        None => {
            record.custom_mut().remove(key);
        }
    }
    Ok(())
}

/// The positions in a list's results that a click on the checkbox at `clicked` selects or clears.
/// With shift held (`extend`) it is the span from the anchor, the row clicked last, to
/// `clicked`, but only while the anchor is still among `results` (`id_of` gives the record id
/// at a position); a search or filter may have removed it, and then, as without shift, only
/// `clicked` itself. Every position returned is below `results_len`.
pub fn click_span(
    results_len: usize,
    id_of: impl Fn(usize) -> u32,
    anchor: Option<u32>,
    clicked: usize,
    extend: bool,
) -> std::ops::RangeInclusive<usize> {
    let clicked = clicked.min(results_len.saturating_sub(1));
    let anchor_at = anchor
        .filter(|_| extend)
        .and_then(|anchor| (0..results_len).find(|&i| id_of(i) == anchor));
    match anchor_at {
        Some(from) => from.min(clicked)..=from.max(clicked),
        None => clicked..=clicked,
    }
}

/// How a condition compares a field with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    /// The field (any element of a list) contains the text.
    Contains,
    /// No element contains the text.
    NotContains,
    /// The field (any element of a list) equals the text, ignoring case and accents.
    Is,
    /// No element equals the text.
    IsNot,
    /// Nothing entered.
    IsEmpty,
    /// Something entered.
    IsNotEmpty,
    /// A number or date above the value.
    GreaterThan,
    /// A number or date below the value.
    LessThan,
}

/// One line of the filter builder: field, operator, value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Condition {
    /// The field compared.
    pub field: Field,
    /// How.
    pub operator: Operator,
    /// What with, as typed (numbers as decimals, dates as YYYY-MM-DD).
    #[serde(default)]
    pub value: String,
}

impl Condition {
    /// Whether `row` satisfies the condition. A greater/less condition whose value is neither a
    /// number nor a date matches nothing.
    pub fn matches(&self, row: &impl Row) -> bool {
        Prepared::of(self).matches(row)
    }
}

/// A condition with its value folded and parsed once, for testing many rows.
struct Prepared<'a> {
    condition: &'a Condition,
    wanted: String,
    limit: Option<f64>,
}

impl Prepared<'_> {
    fn of(condition: &Condition) -> Prepared<'_> {
        Prepared {
            condition,
            wanted: fold(condition.value.trim()),
            limit: ordinal_of(&condition.value),
        }
    }

    fn matches(&self, row: &impl Row) -> bool {
        let value = row.value(&self.condition.field);
        let wanted = self.wanted.as_str();
        let any = |test: &dyn Fn(&str) -> bool| match &value {
            // Text values fold without collecting, the common case in large lists.
            Value::Text(text) => test(&fold(text)),
            other => other.texts().iter().any(|t| test(t)),
        };
        match self.condition.operator {
            Operator::Contains => any(&|t| t.contains(wanted)),
            Operator::NotContains => !any(&|t| t.contains(wanted)),
            Operator::Is => any(&|t| t == wanted),
            Operator::IsNot => !any(&|t| t == wanted),
            Operator::IsEmpty => value.is_empty(),
            Operator::IsNotEmpty => !value.is_empty(),
            Operator::GreaterThan | Operator::LessThan => {
                let (Some(have), Some(limit)) = (value.ordinal(), self.limit) else {
                    return false;
                };
                if self.condition.operator == Operator::GreaterThan {
                    have > limit
                } else {
                    have < limit
                }
            }
        }
    }
}

/// A typed number or date as the same scale [`Value::ordinal`] uses.
fn ordinal_of(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(f64::from(date.num_days_from_ce()));
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Conditions joined by AND (`match_all`) or OR, with nested groups for mixed logic.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Filter {
    /// AND when true, OR when false.
    #[serde(default = "yes")]
    pub match_all: bool,
    /// The conditions.
    #[serde(default)]
    pub conditions: Vec<Condition>,
    /// Nested groups, combined with the conditions by the same join.
    #[serde(default)]
    pub groups: Vec<Filter>,
}

fn yes() -> bool {
    true
}

impl Default for Filter {
    /// No conditions yet; the first ones added are joined by AND.
    fn default() -> Filter {
        Filter {
            match_all: true,
            conditions: Vec::new(),
            groups: Vec::new(),
        }
    }
}

impl Filter {
    /// Whether the filter has nothing in it (matches every row).
    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty() && self.groups.iter().all(Filter::is_empty)
    }

    /// Whether `row` passes. An empty filter passes everything.
    pub fn matches(&self, row: &impl Row) -> bool {
        PreparedFilter::of(self).matches(row)
    }
}

/// A filter with every condition prepared once, for testing many rows.
struct PreparedFilter<'a> {
    match_all: bool,
    conditions: Vec<Prepared<'a>>,
    groups: Vec<PreparedFilter<'a>>,
}

impl PreparedFilter<'_> {
    fn of(filter: &Filter) -> PreparedFilter<'_> {
        PreparedFilter {
            match_all: filter.match_all,
            conditions: filter.conditions.iter().map(Prepared::of).collect(),
            groups: filter
                .groups
                .iter()
                .filter(|g| !g.is_empty())
                .map(PreparedFilter::of)
                .collect(),
        }
    }

    fn is_empty(&self) -> bool {
        self.conditions.is_empty() && self.groups.is_empty()
    }

    fn matches(&self, row: &impl Row) -> bool {
        if self.is_empty() {
            return true;
        }
        let mut results = self
            .conditions
            .iter()
            .map(|c| c.matches(row))
            .chain(self.groups.iter().map(|g| g.matches(row)));
        if self.match_all {
            results.all(|r| r)
        } else {
            results.any(|r| r)
        }
    }
}

/// A sort column and direction.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sort {
    /// The column.
    pub field: Field,
    /// Largest first.
    #[serde(default)]
    pub descending: bool,
}

/// Everything that decides which rows a list shows and in what order; serializes into a saved view
/// or the page's URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ListQuery {
    /// Quick search text as typed.
    #[serde(default)]
    pub search: String,
    /// The filter builder's conditions.
    #[serde(default)]
    pub filter: Filter,
    /// The sort; none keeps newest first.
    #[serde(default)]
    pub sort: Option<Sort>,
}

impl ListQuery {
    /// Indices into `rows` of the rows that pass search and filter, in the query's order: by the
    /// sort field (empty values last, ties by id) or, without a sort, newest (highest id) first.
    pub fn run<R: Row>(&self, rows: &[R]) -> Vec<usize> {
        let search = fold(&self.search);
        let filter = PreparedFilter::of(&self.filter);
        let mut kept: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].matches(&search) && filter.matches(&rows[i]))
            .collect();
        let id = |i: usize| rows[i].id();
        match &self.sort {
            None => kept.sort_unstable_by_key(|&i| std::cmp::Reverse(id(i))),
            Some(sort) => {
                // Each value is computed once, not once per comparison.
                let mut keyed: Vec<(Value, usize)> = kept
                    .iter()
                    .map(|&i| (rows[i].value(&sort.field).folded(), i))
                    .collect();
                keyed.sort_by(|(a, i), (b, j)| match (a.is_empty(), b.is_empty()) {
                    (true, true) => id(*i).cmp(&id(*j)),
                    (true, false) => Ordering::Greater,
                    (false, true) => Ordering::Less,
                    (false, false) => {
                        let order = a.compare(b);
                        let order = if sort.descending {
                            order.reverse()
                        } else {
                            order
                        };
                        order.then_with(|| id(*i).cmp(&id(*j)))
                    }
                });
                kept = keyed.into_iter().map(|(_, i)| i).collect();
            }
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::PersonId;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn person(id: u32, first: &str, last: &str) -> Person {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        Person {
            id: PersonId(id),
            ..Person::new(first, last, at)
        }
    }

    fn rows() -> Vec<PersonRow> {
        let mut jose = person(1, "José", "Núñez");
        jose.emails = vec!["jose@example.com".into()];
        jose.phones = vec!["+1 (555) 010-2030".into()];
        jose.tags = vec!["VIP".into(), "Madrid".into()];
        jose.custom
            .insert("score".into(), CustomValue::Number(42.0));
        let mut wang = person(2, "小明", "王");
        wang.lifecycle = LifecycleStage::Customer;
        wang.custom.insert("score".into(), CustomValue::Number(7.5));
        let mut ada = person(3, "Ada", "Lovelace");
        ada.job_title = "Engineer".into();
        vec![
            PersonRow::new(jose, "Ácme Corp".into()),
            PersonRow::new(wang, String::new()),
            PersonRow::new(ada, "Analytical Engines".into()),
        ]
    }

    fn ids(rows: &[impl Row], query: &ListQuery) -> Vec<u32> {
        query.run(rows).into_iter().map(|i| rows[i].id()).collect()
    }

    fn search(text: &str) -> ListQuery {
        ListQuery {
            search: text.into(),
            ..ListQuery::default()
        }
    }

    #[test]
    fn fold_ignores_case_and_accents() {
        assert_eq!(fold("José NÚÑEZ"), "jose nunez");
        assert_eq!(fold("Ａｃｍｅ"), "acme");
        assert_eq!(fold("王小明"), "王小明");
        assert_eq!(fold("ＪＯＳＥ　１２"), "jose 12");
    }

    #[test]
    fn quick_search_spans_names_emails_phones_company_and_tags() {
        let rows = rows();
        assert_eq!(ids(&rows, &search("jose")), vec![1]);
        assert_eq!(ids(&rows, &search("NUNEZ vip")), vec![1]);
        assert_eq!(ids(&rows, &search("5550102030")), vec![1]);
        assert_eq!(ids(&rows, &search("acme")), vec![1]);
        assert_eq!(ids(&rows, &search("王")), vec![2]);
        assert_eq!(ids(&rows, &search("engines")), vec![3]);
        assert_eq!(ids(&rows, &search("")), vec![3, 2, 1]);
        assert!(ids(&rows, &search("jose ada")).is_empty());
    }

    #[test]
    fn filters_combine_with_and_or_and_reach_custom_fields() {
        let rows = rows();
        let score_above = |n: &str| Condition {
            field: Field::Custom("score".into()),
            operator: Operator::GreaterThan,
            value: n.into(),
        };
        let customer = Condition {
            field: Field::Lifecycle,
            operator: Operator::Is,
            value: "customer".into(),
        };
        let query = |filter: Filter| ListQuery {
            filter,
            ..ListQuery::default()
        };
        let all = |conditions| Filter {
            match_all: true,
            conditions,
            groups: vec![],
        };
        assert_eq!(ids(&rows, &query(all(vec![score_above("5")]))), vec![2, 1]);
        assert_eq!(
            ids(&rows, &query(all(vec![score_above("5"), customer.clone()]))),
            vec![2]
        );
        let either = Filter {
            match_all: false,
            conditions: vec![score_above("10"), customer],
            groups: vec![],
        };
        assert_eq!(ids(&rows, &query(either)), vec![2, 1]);
        let tagged = Condition {
            field: Field::Tags,
            operator: Operator::Is,
            value: "vip".into(),
        };
        assert_eq!(ids(&rows, &query(all(vec![tagged]))), vec![1]);
        let untitled = Condition {
            field: Field::JobTitle,
            operator: Operator::IsEmpty,
            value: String::new(),
        };
        assert_eq!(ids(&rows, &query(all(vec![untitled]))), vec![2, 1]);
        assert!(ids(&rows, &query(all(vec![score_above("many")]))).is_empty());
    }

    #[test]
    fn sorting_puts_empty_values_last_in_both_directions() {
        let rows = rows();
        let sorted = |field: Field, descending| ListQuery {
            sort: Some(Sort { field, descending }),
            ..ListQuery::default()
        };
        // "Ácme" sorts as "acme", before "Analytical".
        assert_eq!(ids(&rows, &sorted(Field::Company, false)), vec![1, 3, 2]);
        assert_eq!(ids(&rows, &sorted(Field::Company, true)), vec![3, 1, 2]);
        let score = Field::Custom("score".into());
        assert_eq!(ids(&rows, &sorted(score.clone(), false)), vec![2, 1, 3]);
        assert_eq!(ids(&rows, &sorted(score, true)), vec![1, 2, 3]);
    }

    #[test]
    fn companies_search_and_sort_by_their_own_fields() {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let company = |id: u32, name: &str, industry: &str, employees: Option<u32>| Company {
            deleted_at: None,
            uid: Default::default(),
            revision: 0,
            id: crate::ids::CompanyId(id),
            name: name.into(),
            domain: format!("{}.example", name.to_lowercase()),
            industry: industry.into(),
            employees,
            address: Default::default(),
            owner: String::new(),
            tags: vec![],
            notes: String::new(),
            custom: Default::default(),
            created_at: at,
            updated_at: at,
        };
        let rows = vec![
            CompanyRow::new(company(1, "Zeta", "Énergie", Some(40)), 3),
            CompanyRow::new(company(2, "Alpha", "Retail", None), 0),
            CompanyRow::new(company(3, "Mid", "Retail", Some(900)), 12),
        ];
        assert_eq!(ids(&rows, &search("energie")), vec![1]);
        assert_eq!(ids(&rows, &search("alpha.example")), vec![2]);
        let by = |field, descending| ListQuery {
            sort: Some(Sort { field, descending }),
            ..ListQuery::default()
        };
        assert_eq!(ids(&rows, &by(Field::Employees, true)), vec![3, 1, 2]);
        assert_eq!(ids(&rows, &by(Field::PeopleCount, false)), vec![2, 1, 3]);
        assert_eq!(rows[0].value(&Field::Lifecycle), Value::Empty);
    }

    #[test]
    fn bulk_set_field_takes_text_lifecycle_keys_and_custom_values() {
        use crate::model::CustomFieldKind;
        use crate::validate::Problem;
        let mut p = person(1, "Ada", "Lovelace");
        set_field(&mut p, &Field::Owner, " Mia ", None).unwrap();
        set_field(&mut p, &Field::Lifecycle, "Customer", None).unwrap();
        set_field(
            &mut p,
            &Field::Custom("size".into()),
            "12",
            Some(&CustomFieldKind::Number),
        )
        .unwrap();
        assert_eq!(p.owner, "Mia");
        assert_eq!(p.lifecycle, LifecycleStage::Customer);
        assert_eq!(p.custom["size"], CustomValue::Number(12.0));
        assert_eq!(
            set_field(&mut p, &Field::Lifecycle, "vip", None),
            Err(Problem::NotAnOption)
        );
        assert_eq!(
            set_field(
                &mut p,
                &Field::Custom("size".into()),
                "big",
                Some(&CustomFieldKind::Number)
            ),
            Err(Problem::InvalidNumber)
        );
        assert_eq!(
            set_field(&mut p, &Field::Email, "x@y.z", None),
            Err(Problem::NotAnOption)
        );
        set_field(
            &mut p,
            &Field::Custom("size".into()),
            "",
            Some(&CustomFieldKind::Number),
        )
        .unwrap();
        assert!(!p.custom.contains_key("size"));
    }

    #[test]
    fn bulk_actions_change_companies_by_their_own_fields() {
        use crate::validate::Problem;
        let mut c = Company {
            deleted_at: None,
            uid: Default::default(),
            revision: 0,
            id: crate::ids::CompanyId(1),
            name: "Acme".into(),
            domain: String::new(),
            industry: String::new(),
            employees: None,
            address: Default::default(),
            owner: String::new(),
            tags: vec!["Key".into()],
            notes: String::new(),
            custom: BTreeMap::new(),
            created_at: DateTime::<Utc>::default(),
            updated_at: DateTime::<Utc>::default(),
        };
        add_tag(&mut c, "key");
        add_tag(&mut c, "partner");
        assert_eq!(
            c.tags,
            ["Key", "partner"],
            "a tag it has, in any case, is not added twice"
        );
        set_field(&mut c, &Field::Industry, " Retail ", None).unwrap();
        set_field(&mut c, &Field::Owner, "Mia", None).unwrap();
        set_field(&mut c, &Field::City, "Lyon", None).unwrap();
        assert_eq!((c.industry.as_str(), c.owner.as_str()), ("Retail", "Mia"));
        assert_eq!(c.address.city, "Lyon");
        assert_eq!(
            set_field(&mut c, &Field::Lifecycle, "customer", None),
            Err(Problem::NotAnOption),
            "companies have no lifecycle"
        );
        assert!(Company::SETTABLE
            .iter()
            .all(|field| set_field(&mut c, field, "x", None).is_ok()));
    }

    #[test]
    fn shift_click_spans_from_the_anchor_only_while_it_is_among_the_results() {
        // Results as record ids in order; positions index them.
        let ids = [40, 30, 20, 10];
        let id_of = |i: usize| ids[i];
        assert_eq!(click_span(4, id_of, Some(30), 3, true), 1..=3);
        assert_eq!(click_span(4, id_of, Some(10), 0, true), 0..=3);
        assert_eq!(click_span(4, id_of, Some(30), 3, false), 3..=3);
        // The anchor was clicked in a longer list that a search then narrowed: it is gone.
        assert_eq!(click_span(4, id_of, Some(99), 2, true), 2..=2);
        assert_eq!(click_span(4, id_of, None, 2, true), 2..=2);
    }

    proptest! {
        #[test]
        fn click_spans_never_leave_the_results(
            len in 1usize..50,
            anchor in proptest::option::of(0u32..80),
            clicked in 0usize..60,
            extend in any::<bool>(),
        ) {
            let span = click_span(len, |i| i as u32 * 2, anchor, clicked, extend);
            prop_assert!(*span.end() < len);
            prop_assert!(span.start() <= span.end());
        }
    }

    #[test]
    fn a_query_survives_a_round_trip_through_json() {
        let query = ListQuery {
            search: "acme".into(),
            filter: Filter {
                match_all: false,
                conditions: vec![Condition {
                    field: Field::Custom("score".into()),
                    operator: Operator::LessThan,
                    value: "3".into(),
                }],
                groups: vec![Filter::default()],
            },
            sort: Some(Sort {
                field: Field::Updated,
                descending: true,
            }),
        };
        let json = serde_json::to_string(&query).unwrap();
        assert_eq!(serde_json::from_str::<ListQuery>(&json).unwrap(), query);
    }

    proptest! {
        #[test]
        fn results_are_the_matching_rows_each_once_in_sort_order(
            names in proptest::collection::vec("[a-cA-Cé ]{0,6}", 0..40),
            needle in "[a-cé]{0,2}",
            descending in any::<bool>(),
        ) {
            let rows: Vec<PersonRow> = names
                .iter()
                .enumerate()
                .map(|(i, name)| PersonRow::new(person(i as u32 + 1, name, ""), String::new()))
                .collect();
            let query = ListQuery {
                search: needle.clone(),
                sort: Some(Sort { field: Field::Name, descending }),
                ..ListQuery::default()
            };
            let found = query.run(&rows);
            let mut unique = found.clone();
            unique.sort_unstable();
            unique.dedup();
            prop_assert_eq!(unique.len(), found.len());
            let expected = rows.iter().filter(|r| r.matches(&fold(&needle))).count();
            prop_assert_eq!(found.len(), expected);
            let names: Vec<String> = found.iter().map(|&i| fold(&rows[i].person.display_name())).collect();
            for pair in names.windows(2) {
                if !pair[0].trim().is_empty() && !pair[1].trim().is_empty() {
                    let in_order = if descending { pair[0] >= pair[1] } else { pair[0] <= pair[1] };
                    prop_assert!(in_order, "{:?}", pair);
                }
            }
        }
    }
}
