//! Entities as data: each kind of record names its store and kind and lists its built-in fields
//! in one table (key, label, kind, how to read it, how to set it from text, where it appears).
//! The user's custom fields join the same table as [`FieldRef`]s, so list columns, search text,
//! filters, sorting, bulk set, the record form and CSV export all go through one path, and a new
//! entity is a model struct, its table and a page.

mod campaign;
mod company;
mod deal;
mod order;
mod person;
mod product;
mod ticket;

pub use campaign::{
    campaign_channel_key, campaign_status_key, CAMPAIGN_CHANNEL_KEYS, CAMPAIGN_STATUS_KEYS,
};
pub use deal::{stage_names, stage_text, DealParties};
pub use order::{
    lines_from_text, order_status_key, LineText, OrderParties, ORDER_STATUSES, ORDER_STATUS_KEYS,
};
pub use ticket::{
    describe_change, sla_state_key, ticket_priority_key, ticket_status_key, TicketJoined,
    SLA_STATE_KEYS, TICKET_CHANNEL_KEYS, TICKET_PRIORITY_KEYS, TICKET_STATUSES, TICKET_STATUS_KEYS,
};

use crate::list::{fold, fold_into, Field, Row, Value};
use crate::model::{CustomFieldDef, CustomFieldKind, CustomValue, EntityKind};
use crate::validate::Problem;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// Where a field appears: a set of places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Places(u16);

impl Places {
    /// A column the list can show.
    pub const LIST: Places = Places(1);
    /// A field the filter builder offers.
    pub const FILTER: Places = Places(1 << 1);
    /// A column the list sorts by.
    pub const SORT: Places = Places(1 << 2);
    /// A field bulk "set a field" offers.
    pub const BULK: Places = Places(1 << 3);
    /// An input of the record's edit form.
    pub const FORM: Places = Places(1 << 4);
    /// An input of the form that adds a record (a short form asks for less than the edit form).
    pub const CREATE: Places = Places(1 << 5);
    /// A column of a CSV export of the list.
    pub const EXPORT: Places = Places(1 << 6);
    /// A column an import can map to.
    pub const IMPORT: Places = Places(1 << 7);
    /// Quick search looks at it.
    pub const SEARCH: Places = Places(1 << 8);
    /// A column that lists show, filter, sort and export: what most fields are.
    pub const SHOWN: Places = Places::LIST
        .and(Places::FILTER)
        .and(Places::SORT)
        .and(Places::EXPORT);
    /// A field a user types: shown, and in both forms, bulk set and import.
    pub const TYPED: Places = Places::SHOWN
        .and(Places::FORM)
        .and(Places::CREATE)
        .and(Places::BULK)
        .and(Places::IMPORT);

    /// Both sets of places.
    pub const fn and(self, other: Places) -> Places {
        Places(self.0 | other.0)
    }

    /// These places without `other`.
    pub const fn but(self, other: Places) -> Places {
        Places(self.0 & !other.0)
    }

    /// Whether every place of `place` is among these.
    pub const fn has(self, place: Places) -> bool {
        self.0 & place.0 == place.0
    }
}

/// What a field holds: the same kinds as custom fields, plus the built-in ones a form types
/// differently (emails, phones, tags, long text), instants the store sets, and references.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// Email addresses, separated by commas; the first is the primary one.
    Emails,
    /// Phone numbers, separated by commas; the first is the primary one.
    Phones,
    /// Free tags, separated by commas.
    Tags,
    /// A number.
    Number,
    /// A day.
    Date,
    /// An instant the store or the app sets (created, updated); never typed.
    Time,
    /// One of the options (each also the i18n key of its label); the user's own select fields
    /// carry their options in their definition instead.
    Select(&'static [&'static str]),
    /// Any of the options of a custom field.
    MultiSelect,
    /// Yes or no.
    Checkbox,
    /// A web address.
    Url,
    /// An amount of money (read as cents, typed as a decimal).
    Currency,
    /// The id of a record of another entity (read as its name).
    Reference(EntityKind),
    /// A deal's stage with its pipeline (read as the stage's name, written as
    /// [`stage_text`]).
    Stage,
}

/// Sets a field of `E` from trimmed text.
pub type Writer<E> = fn(&mut E, &str) -> Result<(), Problem>;

/// One built-in field of entity `E`: a row of its table.
pub struct BuiltinField<E: Entity> {
    /// The stable key views, URLs and exports name it by (`"job_title"`).
    pub key: &'static str,
    /// The i18n key of its label (usually the key; `"company_name"` for a company's name).
    pub label: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// Where it appears.
    pub places: Places,
    /// Its value on a record, with what the list joined to it.
    pub read: fn(&E, &E::Joined) -> Value,
    /// Sets it from trimmed text, or says what is wrong with the text; `None` when it is not
    /// typed (names made of other fields, counts, times).
    pub write: Option<Writer<E>>,
    /// The text a form starts with, when it is not the text of [`BuiltinField::read`]'s value
    /// (a reference's id rather than its name).
    pub edit_text: Option<fn(&E) -> String>,
}

/// A kind of record as lists, forms and exports handle it.
pub trait Entity:
    Clone + std::fmt::Debug + PartialEq + Send + Sync + crate::revisions::Revised + 'static
{
    /// The kind, for its custom fields, saved views and activities.
    const KIND: EntityKind;
    /// The object store holding it.
    const STORE: &'static str;
    /// What a list row holds besides the record (a person's company name, a company's head
    /// count of people): read from other stores by the shell.
    type Joined: Clone + std::fmt::Debug + Default + PartialEq + Send + Sync + 'static;
    /// Keys of the columns a new list shows.
    const DEFAULT_COLUMNS: &'static [&'static str];

    /// The key of the field that names a record (a list links it to the record's page).
    const NAME_FIELD: &'static str = "name";

    /// The built-in fields, in column-chooser and form order.
    fn fields() -> &'static [BuiltinField<Self>];
    /// Its id.
    fn id(&self) -> u32;
    /// Gives it an id (an import numbers its new records in the file's order).
    fn set_id(&mut self, id: u32);
    /// The name lists and links show.
    fn name(&self) -> String;
    /// Its custom field values.
    fn custom(&self) -> &BTreeMap<String, CustomValue>;
    /// Its custom field values, to change.
    fn custom_mut(&mut self) -> &mut BTreeMap<String, CustomValue>;
    /// Its tags, to change.
    fn tags_mut(&mut self) -> &mut Vec<String>;
    /// Records that it changed `at`.
    fn touch(&mut self, at: DateTime<Utc>);
    /// Records that it changed from `before`, by the user named `by` (empty for an import), `at`:
    /// its change time, and for a record that keeps its own history (a ticket) what changed.
    /// The generic edits stamp through it: a form, a bulk edit, an import's update; so does a
    /// ticket's reply. (A page's own write of another kind, such as a deal's products or an
    /// order's lines, only touches the record.)
    fn changed_from(&mut self, before: &Self, by: &str, at: DateTime<Utc>) {
        let _ = (before, by);
        self.touch(at);
    }
    /// Makes it a tombstone deleted `at`, or (`None`) live again.
    fn set_deleted_at(&mut self, at: Option<DateTime<Utc>>);
    /// A new record, created `at`, every field empty: what the form that adds one starts from.
    fn blank(at: DateTime<Utc>) -> Self;

    /// Whether each import row adds a part (an order's line item) to the record its upsert key
    /// names: consecutive rows with the same key then make one record, written whole or not at
    /// all.
    const ROWS_ADD_PARTS: bool = false;
    /// Starts the part an import row sets; `first` for the first row of an import naming the
    /// record, which replaces the parts it had.
    fn start_part(&mut self, _first: bool) {}
    /// Sets `field` (its [`Field::token`](crate::list::Field::token)) to `text` when the value
    /// means something only with the record's joined data (a deal's stage named within its own
    /// pipeline), for a bulk set at `at`; `None` leaves the field to its table's write.
    fn bulk_write(
        &mut self,
        _joined: &Self::Joined,
        _field: &str,
        _text: &str,
        _at: DateTime<Utc>,
    ) -> Option<Result<(), Problem>> {
        None
    }
    /// The texts an import row of another entity names it by (a person's external id and
    /// emails, when an order names its customer): its name unless the entity says otherwise.
    fn reference_keys(&self) -> Vec<String> {
        vec![self.name()]
    }
}

/// The [`Entity`] methods of a record with the usual `id`, `custom`, `tags`, `updated_at` and
/// `deleted_at` fields, written once.
macro_rules! record_basics {
    () => {
        fn id(&self) -> u32 {
            self.id.0
        }
        fn set_id(&mut self, id: u32) {
            self.id.0 = id;
        }
        fn custom(&self) -> &BTreeMap<String, CustomValue> {
            &self.custom
        }
        fn custom_mut(&mut self) -> &mut BTreeMap<String, CustomValue> {
            &mut self.custom
        }
        fn tags_mut(&mut self) -> &mut Vec<String> {
            &mut self.tags
        }
        fn touch(&mut self, at: DateTime<Utc>) {
            self.updated_at = at;
        }
        fn set_deleted_at(&mut self, at: Option<DateTime<Utc>>) {
            self.deleted_at = at;
        }
    };
}
use record_basics;

/// A `write` that sets a text field as typed (already trimmed).
macro_rules! text {
    ($($path:ident).+) => {
        Some(|record, text: &str| {
            record.$($path).+ = text.to_string();
            Ok(())
        })
    };
}
use text;

/// The `external_id` row: the id another system gave the record, what an import finds it by.
macro_rules! external_id_field {
    () => {
        $crate::entity::BuiltinField {
            key: "external_id",
            label: "external_id",
            kind: $crate::entity::FieldKind::Text,
            // Unique per record: never bulk-set, not asked for on the short form.
            places: $crate::entity::Places::SHOWN
                .and($crate::entity::Places::FORM)
                .and($crate::entity::Places::IMPORT)
                .and($crate::entity::Places::SEARCH),
            read: |record, _| $crate::entity::text_value(&record.external_id),
            write: $crate::entity::text!(external_id),
            edit_text: None,
        }
    };
}
use external_id_field;

/// The `company` row of a record with an optional `company_id`, its name read from the row's
/// joined data by `$read`.
macro_rules! company_field {
    ($read:expr) => {
        $crate::entity::BuiltinField {
            key: "company",
            label: "company",
            kind: $crate::entity::FieldKind::Reference($crate::model::EntityKind::Company),
            places: $crate::entity::Places::SHOWN
                .and($crate::entity::Places::FORM)
                .and($crate::entity::Places::IMPORT)
                .and($crate::entity::Places::SEARCH),
            read: $read,
            write: Some(|record, text| {
                record.company_id = $crate::entity::reference_id(text)?.map($crate::CompanyId);
                Ok(())
            }),
            edit_text: Some(|record| {
                record
                    .company_id
                    .map(|id| id.0.to_string())
                    .unwrap_or_default()
            }),
        }
    };
}
use company_field;

/// The `tags` row of a record with a `tags` field, appearing at `$places`.
macro_rules! tags_field {
    ($places:expr) => {
        $crate::entity::BuiltinField {
            key: "tags",
            label: "tags",
            kind: $crate::entity::FieldKind::Tags,
            places: $places,
            read: |record, _| $crate::list::Value::List(record.tags.clone()),
            write: Some(|record, text| {
                record.tags = $crate::entity::split_list(text);
                Ok(())
            }),
            edit_text: None,
        }
    };
}
use tags_field;

/// The row of an instant the store sets (`created` from `created_at`, `updated` from
/// `updated_at`): shown, never typed.
macro_rules! time_field {
    ($key:literal, $field:ident) => {
        $crate::entity::BuiltinField {
            key: $key,
            label: $key,
            kind: $crate::entity::FieldKind::Time,
            places: $crate::entity::Places::SHOWN,
            read: |record, _| $crate::list::Value::Time(record.$field),
            write: None,
            edit_text: None,
        }
    };
}
use time_field;

/// A field's label: an i18n key of a built-in field, or the user's label of a custom one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// Looked up in the shell's messages.
    Key(&'static str),
    /// Shown as it is.
    Text(String),
}

/// A field of `E`, built in or custom: what every list and form works with.
pub enum FieldRef<E: Entity> {
    /// A row of `E`'s table.
    Builtin(&'static BuiltinField<E>),
    /// A field the user defined for `E`.
    Custom(CustomFieldDef),
}

impl<E: Entity> Clone for FieldRef<E> {
    fn clone(&self) -> Self {
        match self {
            FieldRef::Builtin(field) => FieldRef::Builtin(field),
            FieldRef::Custom(def) => FieldRef::Custom(def.clone()),
        }
    }
}

impl<E: Entity> PartialEq for FieldRef<E> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (FieldRef::Builtin(a), FieldRef::Builtin(b)) => a.key == b.key,
            (FieldRef::Custom(a), FieldRef::Custom(b)) => a == b,
            _ => false,
        }
    }
}

impl<E: Entity> std::fmt::Debug for FieldRef<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.field())
    }
}

/// Every field of `E`: its built-in table, then the user's fields for `E` (`custom` may hold
/// other entities' definitions; they are skipped).
pub fn fields_of<E: Entity>(custom: &[CustomFieldDef]) -> Vec<FieldRef<E>> {
    E::fields()
        .iter()
        .map(FieldRef::Builtin)
        .chain(
            custom
                .iter()
                .filter(|def| def.entity == E::KIND)
                .cloned()
                .map(FieldRef::Custom),
        )
        .collect()
}

/// The field of `E` that `field` names, among its built-in ones and `custom`.
pub fn field_of<E: Entity>(field: &Field, custom: &[CustomFieldDef]) -> Option<FieldRef<E>> {
    match field {
        Field::Builtin(key) => builtin::<E>(key).map(FieldRef::Builtin),
        Field::Custom(key) => custom
            .iter()
            .find(|def| def.entity == E::KIND && def.key == *key)
            .cloned()
            .map(FieldRef::Custom),
    }
}

fn builtin<E: Entity>(key: &str) -> Option<&'static BuiltinField<E>> {
    E::fields().iter().find(|field| field.key == key)
}

impl<E: Entity> FieldRef<E> {
    /// The key views and URLs name it by.
    pub fn field(&self) -> Field {
        match self {
            FieldRef::Builtin(field) => Field::builtin(field.key),
            FieldRef::Custom(def) => Field::Custom(def.key.clone()),
        }
    }

    /// Its label.
    pub fn label(&self) -> Label {
        match self {
            FieldRef::Builtin(field) => Label::Key(field.label),
            FieldRef::Custom(def) => Label::Text(def.label.clone()),
        }
    }

    /// What it holds.
    pub fn kind(&self) -> FieldKind {
        match self {
            FieldRef::Builtin(field) => field.kind,
            FieldRef::Custom(def) => match def.kind {
                CustomFieldKind::Text => FieldKind::Text,
                CustomFieldKind::Number => FieldKind::Number,
                CustomFieldKind::Date => FieldKind::Date,
                CustomFieldKind::SingleSelect { .. } => FieldKind::Select(&[]),
                CustomFieldKind::MultiSelect { .. } => FieldKind::MultiSelect,
                CustomFieldKind::Checkbox => FieldKind::Checkbox,
                CustomFieldKind::Url => FieldKind::Url,
                CustomFieldKind::Currency => FieldKind::Currency,
            },
        }
    }

    /// The options of a select, each with its label: a built-in field's are i18n keys.
    pub fn options(&self) -> Vec<(String, Label)> {
        match self {
            FieldRef::Builtin(field) => match field.kind {
                FieldKind::Select(options) => options
                    .iter()
                    .map(|option| (option.to_string(), Label::Key(option)))
                    .collect(),
                _ => Vec::new(),
            },
            FieldRef::Custom(def) => match &def.kind {
                CustomFieldKind::SingleSelect { options }
                | CustomFieldKind::MultiSelect { options } => options
                    .iter()
                    .map(|option| (option.clone(), Label::Text(option.clone())))
                    .collect(),
                _ => Vec::new(),
            },
        }
    }

    /// Where it appears. A custom field appears everywhere a typed field does.
    pub fn places(&self) -> Places {
        match self {
            FieldRef::Builtin(field) => field.places,
            FieldRef::Custom(_) => Places::TYPED,
        }
    }

    /// Whether it appears at `place`.
    pub fn is_in(&self, place: Places) -> bool {
        self.places().has(place)
    }

    /// Its value on `record`, joined with `joined`.
    pub fn read(&self, record: &E, joined: &E::Joined) -> Value {
        match self {
            FieldRef::Builtin(field) => (field.read)(record, joined),
            FieldRef::Custom(def) => custom_value(record.custom(), &def.key),
        }
    }

    /// The text its input starts with on a form over `record`.
    pub fn edit_text(&self, record: &E) -> String {
        match self {
            FieldRef::Builtin(field) => match field.edit_text {
                Some(text) => text(record),
                None => value_text(&(field.read)(record, &E::Joined::default()), field.kind),
            },
            FieldRef::Custom(def) => record
                .custom()
                .get(&def.key)
                .map(crate::custom_fields::value_text)
                .unwrap_or_default(),
        }
    }

    /// Sets it on `record` to what `text` means (trimmed; empty clears). A field that is not
    /// typed is [`Problem::NotAnOption`].
    pub fn write(&self, record: &mut E, text: &str) -> Result<(), Problem> {
        let text = text.trim();
        match self {
            FieldRef::Builtin(field) => field.write.ok_or(Problem::NotAnOption)?(record, text),
            FieldRef::Custom(def) => {
                match crate::custom_fields::parse_value(&def.kind, text)? {
                    Some(value) => record.custom_mut().insert(def.key.clone(), value),
                    None => record.custom_mut().remove(&def.key),
                };
                Ok(())
            }
        }
    }
}

/// A record's fields set from a form's texts (by [`Field`]): every field of `fields` that is in
/// `place` and typed, on a copy of `base`, changed by `by` `at` ([`Entity::changed_from`]); or
/// every problem, named by the field's key (a custom field's by its label).
pub fn apply_form<E: Entity>(
    base: &E,
    fields: &[FieldRef<E>],
    place: Places,
    texts: &BTreeMap<Field, String>,
    by: &str,
    at: DateTime<Utc>,
) -> Result<E, Vec<crate::FieldError>> {
    let mut record = base.clone();
    let mut errors = Vec::new();
    for field in fields.iter().filter(|field| field.is_in(place)) {
        let Some(text) = texts.get(&field.field()) else {
            continue;
        };
        if let Err(problem) = field.write(&mut record, text) {
            let name = match field {
                FieldRef::Builtin(field) => field.key.to_string(),
                FieldRef::Custom(def) => def.label.clone(),
            };
            errors.push(crate::FieldError {
                field: name,
                problem,
            });
        }
    }
    if errors.is_empty() {
        record.changed_from(base, by, at);
        Ok(record)
    } else {
        Err(errors)
    }
}

/// The text of a value as a form edits it and a CSV export writes it: lists joined by commas,
/// money as a decimal, days and instants as ISO dates.
pub fn value_text(value: &Value, kind: FieldKind) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Text(text) => text.clone(),
        Value::List(items) => items.join(", "),
        Value::Number(n) if kind == FieldKind::Currency => {
            crate::Cents(*n as i64).to_decimal_string()
        }
        Value::Number(n) => n.to_string(),
        Value::Date(date) => date.to_string(),
        Value::Time(time) => time.date_naive().to_string(),
        Value::Bool(yes) => yes.to_string(),
    }
}

/// Adds `tag` to `record` unless it has it already (ignoring case).
pub fn add_tag(record: &mut impl Entity, tag: &str) {
    let tags = record.tags_mut();
    if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
        tags.push(tag.to_string());
    }
}

/// A record as a list holds it: the record, what the shell joined to it, and its folded search
/// text (every field of its table marked [`Places::SEARCH`]; phone numbers also as bare digits).
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRow<E: Entity> {
    /// The record.
    pub record: E,
    /// What was joined to it.
    pub joined: E::Joined,
    haystack: String,
}

impl<E: Entity> EntityRow<E> {
    /// The row of `record` with `joined`.
    pub fn new(record: E, joined: E::Joined) -> EntityRow<E> {
        // Built for every row of a 100,000-row list when it is read: one buffer, no text copied
        // but the folded one.
        let mut haystack = String::with_capacity(96);
        let mut add = |text: &str, kind: FieldKind| {
            if text.is_empty() {
                return;
            }
            // A unit separator between parts, so no word spans two fields.
            if !haystack.is_empty() {
                haystack.push('\u{1f}');
            }
            fold_into(&mut haystack, text);
            if kind == FieldKind::Phones {
                haystack.push('\u{1f}');
                haystack.extend(text.chars().filter(char::is_ascii_digit));
            }
        };
        for field in E::fields() {
            if !field.places.has(Places::SEARCH) {
                continue;
            }
            match (field.read)(&record, &joined) {
                Value::Text(text) => add(&text, field.kind),
                Value::List(items) => items.iter().for_each(|text| add(text, field.kind)),
                _ => {}
            }
        }
        EntityRow {
            record,
            joined,
            haystack,
        }
    }
}

/// A column of an [`EntityRow`], resolved once per query rather than once per row.
pub enum Column<E: Entity> {
    /// A built-in field.
    Builtin(&'static BuiltinField<E>),
    /// A custom field by its key.
    Custom(String),
}

impl<E: Entity> Row for EntityRow<E> {
    type Column = Column<E>;

    fn column(field: &Field) -> Option<Column<E>> {
        match field {
            Field::Builtin(key) => builtin::<E>(key).map(Column::Builtin),
            Field::Custom(key) => Some(Column::Custom(key.clone())),
        }
    }

    fn read(&self, column: &Column<E>) -> Value {
        match column {
            Column::Builtin(field) => (field.read)(&self.record, &self.joined),
            Column::Custom(key) => custom_value(self.record.custom(), key),
        }
    }

    fn id(&self) -> u32 {
        self.record.id()
    }

    fn name(&self) -> String {
        self.record.name()
    }

    fn haystack(&self) -> &str {
        &self.haystack
    }
}

/// A text as a value: empty text is [`Value::Empty`].
pub fn text_value(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_string())
    }
}

/// The value of custom field `key` in `custom`.
pub fn custom_value(custom: &BTreeMap<String, CustomValue>, key: &str) -> Value {
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

/// Comma-separated text as its non-empty, trimmed parts.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(str::to_string)
        .collect()
}

/// The option of `options` that `text` names, ignoring case and accents.
fn option_of(options: &'static [&'static str], text: &str) -> Result<&'static str, Problem> {
    let wanted = fold(text);
    options
        .iter()
        .find(|option| fold(option) == wanted)
        .copied()
        .ok_or(Problem::NotAnOption)
}

/// The value of `values` whose key (at the same place in `keys`) `text` names, ignoring case
/// and accents; empty text is `default`.
fn option_value<T: Copy>(
    values: &[T],
    keys: &'static [&'static str],
    text: &str,
    default: T,
) -> Result<T, Problem> {
    if text.is_empty() {
        return Ok(default);
    }
    let key = option_of(keys, text)?;
    let at = keys.iter().position(|k| *k == key).unwrap_or(0);
    Ok(values.get(at).copied().unwrap_or(default))
}

/// The key of `value`: the key at its place in `values` (the first key if it has none).
fn option_key<T: PartialEq>(values: &[T], keys: &'static [&'static str], value: T) -> &'static str {
    let at = values.iter().position(|v| *v == value).unwrap_or(0);
    keys.get(at).copied().unwrap_or_default()
}

/// The id a reference field's text holds (the import and the form write a referenced record's
/// id); empty is `None`, anything else is not an option.
fn reference_id(text: &str) -> Result<Option<u32>, Problem> {
    match text {
        "" => Ok(None),
        id => id.parse().map(Some).map_err(|_| Problem::NotAnOption),
    }
}

/// A whole number from text; empty is `None`.
fn whole_number(text: &str) -> Result<Option<u32>, Problem> {
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| Problem::InvalidNumber)
}

#[cfg(test)]
mod tests;
