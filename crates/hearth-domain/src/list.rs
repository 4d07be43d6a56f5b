//! Record lists (people, companies): compact rows, quick search, a filter builder's conditions and
//! sorting, all in memory, so a keystroke in a 100,000-person list never waits on storage.

pub use crate::fold::{fold, fold_into};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cmp::Ordering;

/// A field of a list's records by its key: a built-in field of the entity's table, or a custom
/// field. Serializes as `{"field":"name"}` or `{"field":"custom","key":"size"}`, the form saved
/// views and shared addresses hold.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// A built-in field by its key in the entity's table.
    Builtin(Cow<'static, str>),
    /// A custom field by its key.
    Custom(String),
}

impl Field {
    /// The built-in field `key`.
    pub const fn builtin(key: &'static str) -> Field {
        Field::Builtin(Cow::Borrowed(key))
    }

    /// The name field every entity has.
    pub const NAME: Field = Field::builtin("name");

    /// The field as one word: a built-in field's key, or `custom:` and a custom field's key
    /// (built-in keys hold no colon). What the import's mapping selects and reports name it by.
    pub fn token(&self) -> String {
        match self {
            Field::Builtin(key) => key.to_string(),
            Field::Custom(key) => format!("custom:{key}"),
        }
    }

    /// The field [`Field::token`] wrote; `None` for the empty word.
    pub fn from_token(token: &str) -> Option<Field> {
        match token {
            "" => None,
            _ => Some(match token.strip_prefix("custom:") {
                Some(key) => Field::Custom(key.to_string()),
                None => Field::Builtin(token.to_string().into()),
            }),
        }
    }
}

/// How [`Field`] reads: `{"field": "job_title"}` or `{"field": "custom", "key": "size"}`.
#[derive(Deserialize)]
struct FieldJson {
    field: String,
    #[serde(default)]
    key: Option<String>,
}

impl Serialize for Field {
    /// As [`FieldJson`]. A built-in field's `key` is left out of a human-readable format (the
    /// JSON saved views hold) and written as none in any other: the worker's postcard messages
    /// cannot skip a field.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (field, key) = match self {
            Field::Builtin(key) => (key.as_ref(), None),
            Field::Custom(key) => ("custom", Some(key.as_str())),
        };
        let skip_key = key.is_none() && serializer.is_human_readable();
        let mut json = serializer.serialize_struct("FieldJson", if skip_key { 1 } else { 2 })?;
        json.serialize_field("field", field)?;
        if skip_key {
            json.skip_field("key")?;
        } else {
            json.serialize_field("key", &key)?;
        }
        json.end()
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Field, D::Error> {
        let json = FieldJson::deserialize(deserializer)?;
        Ok(match (json.field.as_str(), json.key) {
            ("custom", Some(key)) => Field::Custom(key),
            _ => Field::Builtin(Cow::Owned(json.field)),
        })
    }
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

/// A record as a list holds it: its id, any field's value, and the folded text quick search scans.
pub trait Row {
    /// The record's id (ties in sorting go by it; no sort lists the highest first).
    fn id(&self) -> u32;
    /// The record's name as lists and links show it.
    fn name(&self) -> String;
    /// A field resolved for reading many rows.
    type Column;
    /// The column `field` names, if the kind has it.
    fn column(field: &Field) -> Option<Self::Column>;
    /// The value in `column`.
    fn read(&self, column: &Self::Column) -> Value;
    /// The value of `field` (empty for fields the kind does not have).
    fn value(&self, field: &Field) -> Value {
        Self::column(field).map_or(Value::Empty, |column| self.read(&column))
    }
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
impl<T: Row> Row for std::sync::Arc<T> {
    type Column = T::Column;
    fn column(field: &Field) -> Option<T::Column> {
        T::column(field)
    }
    fn read(&self, column: &T::Column) -> Value {
        (**self).read(column)
    }
    fn id(&self) -> u32 {
        (**self).id()
    }
    fn name(&self) -> String {
        (**self).name()
    }
    fn haystack(&self) -> &str {
        (**self).haystack()
    }
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
    pub fn matches<R: Row>(&self, row: &R) -> bool {
        Prepared::<R>::of(self).matches(row)
    }
}

/// A condition with its value folded and parsed once, for testing many rows.
struct Prepared<'a, R: Row> {
    condition: &'a Condition,
    column: Option<R::Column>,
    wanted: String,
    limit: Option<f64>,
}

impl<'a, R: Row> Prepared<'a, R> {
    fn of(condition: &'a Condition) -> Prepared<'a, R> {
        Prepared {
            condition,
            column: R::column(&condition.field),
            wanted: fold(condition.value.trim()),
            limit: ordinal_of(&condition.value),
        }
    }

    fn matches(&self, row: &R) -> bool {
        let value = self
            .column
            .as_ref()
            .map_or(Value::Empty, |column| row.read(column));
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
    pub fn matches<R: Row>(&self, row: &R) -> bool {
        PreparedFilter::<R>::of(self).matches(row)
    }
}

/// A filter with every condition prepared once, for testing many rows.
struct PreparedFilter<'a, R: Row> {
    match_all: bool,
    conditions: Vec<Prepared<'a, R>>,
    groups: Vec<PreparedFilter<'a, R>>,
}

impl<'a, R: Row> PreparedFilter<'a, R> {
    fn of(filter: &'a Filter) -> PreparedFilter<'a, R> {
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

    fn matches(&self, row: &R) -> bool {
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
        let filter = PreparedFilter::<R>::of(&self.filter);
        let mut kept: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].matches(&search) && filter.matches(&rows[i]))
            .collect();
        let id = |i: usize| rows[i].id();
        match &self.sort {
            None => crate::sort::sort_by_key(&mut kept, |&i| std::cmp::Reverse(id(i))),
            Some(sort) => {
                // Each value is computed once, not once per comparison.
                let column = R::column(&sort.field);
                let value = |i: usize| {
                    column
                        .as_ref()
                        .map_or(Value::Empty, |column| rows[i].read(column))
                };
                let mut keyed: Vec<(Value, usize)> =
                    kept.iter().map(|&i| (value(i).folded(), i)).collect();
                crate::sort::sort_by(&mut keyed, |(a, i), (b, j)| {
                    match (a.is_empty(), b.is_empty()) {
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
    use crate::entity::EntityRow;
    use crate::ids::PersonId;
    use crate::model::{Company, CustomValue, LifecycleStage, Person};

    type PersonRow = EntityRow<Person>;
    type CompanyRow = EntityRow<Company>;
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
    fn fields_read_back_from_their_tokens() {
        for field in [Field::NAME, Field::Custom("size".into())] {
            assert_eq!(Field::from_token(&field.token()), Some(field));
        }
        assert_eq!(Field::Custom("size".into()).token(), "custom:size");
        assert_eq!(Field::from_token(""), None);
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
            field: Field::builtin("lifecycle"),
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
            field: Field::builtin("tags"),
            operator: Operator::Is,
            value: "vip".into(),
        };
        assert_eq!(ids(&rows, &query(all(vec![tagged]))), vec![1]);
        let untitled = Condition {
            field: Field::builtin("job_title"),
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
        assert_eq!(
            ids(&rows, &sorted(Field::builtin("company"), false)),
            vec![1, 3, 2]
        );
        assert_eq!(
            ids(&rows, &sorted(Field::builtin("company"), true)),
            vec![3, 1, 2]
        );
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
            external_id: String::new(),
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
        assert_eq!(
            ids(&rows, &by(Field::builtin("employees"), true)),
            vec![3, 1, 2]
        );
        assert_eq!(
            ids(&rows, &by(Field::builtin("people_count"), false)),
            vec![2, 1, 3]
        );
        assert_eq!(rows[0].value(&Field::builtin("lifecycle")), Value::Empty);
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
                field: Field::builtin("updated"),
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
                sort: Some(Sort { field: Field::builtin("name"), descending }),
                ..ListQuery::default()
            };
            let found = query.run(&rows);
            let mut unique = found.clone();
            unique.sort_unstable();
            unique.dedup();
            prop_assert_eq!(unique.len(), found.len());
            let expected = rows.iter().filter(|r| r.matches(&fold(&needle))).count();
            prop_assert_eq!(found.len(), expected);
            let names: Vec<String> = found.iter().map(|&i| fold(&rows[i].record.display_name())).collect();
            for pair in names.windows(2) {
                if !pair[0].trim().is_empty() && !pair[1].trim().is_empty() {
                    let in_order = if descending { pair[0] >= pair[1] } else { pair[0] <= pair[1] };
                    prop_assert!(in_order, "{:?}", pair);
                }
            }
        }
    }
}
