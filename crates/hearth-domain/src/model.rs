//! The CRM's records: people and companies, the sales side (products, orders, pipelines, deals), service
//! (tickets), marketing (campaigns), and the work around them (activities, tasks, custom fields, views).
//!
//! Times are stored as epoch milliseconds and dates as ISO `YYYY-MM-DD`, so IndexedDB indexes on them
//! sort chronologically.

use crate::ids::*;
use crate::money::{Cents, MoneyOverflow};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The kinds of record a user can attach custom fields, saved views and activities to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A [`Person`].
    Person,
    /// A [`Company`].
    Company,
    /// A [`Deal`].
    Deal,
    /// A [`Ticket`].
    Ticket,
    /// An [`Order`].
    Order,
    /// A [`Product`].
    Product,
    /// A [`Campaign`].
    Campaign,
}

impl EntityKind {
    /// The kind's name as records store it (`"person"`, `"company"`…), for index lookups.
    pub fn key(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Company => "company",
            EntityKind::Deal => "deal",
            EntityKind::Ticket => "ticket",
            EntityKind::Order => "order",
            EntityKind::Product => "product",
            EntityKind::Campaign => "campaign",
        }
    }
}

/// Where a person stands in the customer lifecycle.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleStage {
    /// Known, not yet qualified.
    #[default]
    Lead,
    /// Qualified and in conversation.
    Prospect,
    /// Has bought.
    Customer,
    /// Bought before, no longer active.
    Churned,
}

/// A postal address; every part is optional free text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    /// Street and number.
    pub street: String,
    /// City or town.
    pub city: String,
    /// Region, state or province.
    pub region: String,
    /// Postal code.
    pub postal_code: String,
    /// Country name or ISO code.
    pub country: String,
}

/// The value of a user-defined custom field on one record. In JSON `{"kind": "text", "value": …}`;
/// in the compact form a variant number and the value (both written by [`crate::compact`]).
#[derive(Debug, Clone, PartialEq)]
pub enum CustomValue {
    /// Free text.
    Text(String),
    /// A number.
    Number(f64),
    /// A calendar date.
    Date(NaiveDate),
    /// One option of a single select.
    Select(String),
    /// Several options of a multi select.
    MultiSelect(Vec<String>),
    /// A checkbox.
    Checkbox(bool),
    /// A web address.
    Url(String),
    /// An amount of money.
    Currency(Cents),
}

/// A person: a lead, a contact at a company, or a customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Record id.
    pub id: PersonId,
    /// How many times the record was written: the store refuses a write whose revision is not the
    /// stored one (check-and-set) and counts it up on every write. 0 before the first write.
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id (see [`Uid`]), given by the store on the first write.
    #[serde(default)]
    pub uid: Uid,
    /// The record's id in the system it was imported from (an upsert key), empty if none.
    #[serde(default)]
    pub external_id: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    #[serde(default)]
    pub last_name: String,
    /// Email addresses, lower-cased; the first is the primary one.
    #[serde(default)]
    pub emails: Vec<String>,
    /// Phone numbers as typed; the first is the primary one.
    #[serde(default)]
    pub phones: Vec<String>,
    /// The company the person works for.
    #[serde(default)]
    pub company_id: Option<CompanyId>,
    /// Job title.
    #[serde(default)]
    pub job_title: String,
    /// Postal address.
    #[serde(default)]
    pub address: Address,
    /// Lifecycle stage.
    #[serde(default)]
    pub lifecycle: LifecycleStage,
    /// Where the person came from (web form, referral, event...).
    #[serde(default)]
    pub source: String,
    /// The user who owns the relationship.
    #[serde(default)]
    pub owner: String,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Custom field values keyed by [`CustomFieldDef::key`].
    #[serde(default)]
    pub custom: BTreeMap<String, CustomValue>,
    /// When the record was created.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub created_at: DateTime<Utc>,
    /// When the record was last changed.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub updated_at: DateTime<Utc>,
    /// When it was deleted: a tombstone, kept (with its uid and revision) so a deletion can be
    /// told to other copies of the workspace; reads skip it, the trash lists it, "Empty trash"
    /// purges it. `None` while it is live.
    #[serde(default, with = "chrono::serde::ts_milliseconds_option")]
    pub deleted_at: Option<DateTime<Utc>>,
}

/// A person's name as written from its parts: "Ada Lovelace", or family name first without a
/// space when both are Chinese, Japanese or Korean ("王芳").
pub fn display_name_of(first_name: &str, last_name: &str) -> String {
    match (first_name.trim(), last_name.trim()) {
        (first, "") => first.to_string(),
        ("", last) => last.to_string(),
        // Joined by hand: `format!` costs more than the copy in a 100,000-row list's read.
        (first, last) => {
            let cjk = is_cjk(first) && is_cjk(last);
            let mut name = String::with_capacity(first.len() + last.len() + 1);
            let (before, after) = if cjk { (last, first) } else { (first, last) };
            name.push_str(before);
            if !cjk {
                name.push(' ');
            }
            name.push_str(after);
            name
        }
    }
}

/// Only what names a stored person: what a list joining people to other records reads, without
/// decoding the rest of each person.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PersonName {
    /// Record id.
    pub id: PersonId,
    /// Given name.
    pub first_name: String,
    /// Family name.
    #[serde(default)]
    pub last_name: String,
}

impl PersonName {
    /// The name as [`Person::display_name`] writes it.
    pub fn display_name(&self) -> String {
        display_name_of(&self.first_name, &self.last_name)
    }
}

impl Person {
    /// A new lead named `first_name last_name`, created and updated `at`, every other field empty;
    /// id 0 until the store assigns one.
    pub fn new(
        first_name: impl Into<String>,
        last_name: impl Into<String>,
        at: DateTime<Utc>,
    ) -> Person {
        Person {
            deleted_at: None,
            uid: Default::default(),
            external_id: String::new(),
            revision: 0,
            id: PersonId(0),
            first_name: first_name.into(),
            last_name: last_name.into(),
            emails: Vec::new(),
            phones: Vec::new(),
            company_id: None,
            job_title: String::new(),
            address: Address::default(),
            lifecycle: LifecycleStage::Lead,
            source: String::new(),
            owner: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            custom: BTreeMap::new(),
            created_at: at,
            updated_at: at,
        }
    }

    /// The name to show: "first last", or whichever part is present. Chinese, Japanese and Korean
    /// names put the family name first with no space: 孙静.
    pub fn display_name(&self) -> String {
        display_name_of(&self.first_name, &self.last_name)
    }

    /// The primary email, if any.
    pub fn primary_email(&self) -> Option<&str> {
        self.emails.first().map(String::as_str)
    }
}

/// Whether every character of `name` is a CJK ideograph, kana or hangul syllable.
pub(crate) fn is_cjk(name: &str) -> bool {
    name.chars().all(|c| {
        matches!(c as u32,
            0x3040..=0x30FF // hiragana, katakana
            | 0x3400..=0x4DBF // CJK extension A
            | 0x4E00..=0x9FFF // CJK unified ideographs
            | 0xAC00..=0xD7AF // hangul syllables
            | 0xF900..=0xFAFF // CJK compatibility ideographs
            | 0x20000..=0x2FA1F) // CJK extensions B and later
    })
}

/// A company (account) that people belong to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Company {
    /// Record id.
    pub id: CompanyId,
    /// How many times the record was written: the store refuses a write whose revision is not the
    /// stored one (check-and-set) and counts it up on every write. 0 before the first write.
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id (see [`Uid`]), given by the store on the first write.
    #[serde(default)]
    pub uid: Uid,
    /// The record's id in the system it was imported from (an upsert key), empty if none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub external_id: String,
    /// Legal or trading name.
    pub name: String,
    /// Web domain, e.g. `example.com`.
    #[serde(default)]
    pub domain: String,
    /// Industry.
    #[serde(default)]
    pub industry: String,
    /// Number of employees, if known.
    #[serde(default)]
    pub employees: Option<u32>,
    /// Postal address.
    #[serde(default)]
    pub address: Address,
    /// The user who owns the account.
    #[serde(default)]
    pub owner: String,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Custom field values keyed by [`CustomFieldDef::key`].
    #[serde(default)]
    pub custom: BTreeMap<String, CustomValue>,
    /// When the record was created.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub created_at: DateTime<Utc>,
    /// When the record was last changed.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub updated_at: DateTime<Utc>,
    /// When it was deleted: a tombstone, kept (with its uid and revision) so a deletion can be
    /// told to other copies of the workspace; reads skip it, the trash lists it, "Empty trash"
    /// purges it. `None` while it is live.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "chrono::serde::ts_milliseconds_option"
    )]
    pub deleted_at: Option<DateTime<Utc>>,
}

/// Something the workspace sells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Product {
    /// Record id.
    pub id: ProductId,
    /// How many times the record was written: the store refuses a write whose revision is not the
    /// stored one (check-and-set) and counts it up on every write. 0 before the first write.
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id (see [`Uid`]), given by the store on the first write.
    #[serde(default)]
    pub uid: Uid,
    /// Stock keeping unit, unique.
    pub sku: String,
    /// Name.
    pub name: String,
    /// Category.
    #[serde(default)]
    pub category: String,
    /// List price per unit.
    pub unit_price: Cents,
    /// Whether it can still be ordered.
    #[serde(default = "default_true")]
    pub active: bool,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Custom field values keyed by [`CustomFieldDef::key`].
    #[serde(default)]
    pub custom: BTreeMap<String, CustomValue>,
    /// When the record was created (products stored before it was kept read as 1970).
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub created_at: DateTime<Utc>,
    /// When the record was last changed.
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub updated_at: DateTime<Utc>,
    /// When it was deleted (see [`Person::deleted_at`]).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "chrono::serde::ts_milliseconds_option"
    )]
    pub deleted_at: Option<DateTime<Utc>>,
}

fn default_true() -> bool {
    true
}

/// Where an order is in its life.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Being put together, not yet placed: no revenue.
    Draft,
    /// Placed, not yet paid.
    #[default]
    Placed,
    /// Paid.
    Paid,
    /// Shipped or delivered.
    Shipped,
    /// Cancelled before fulfilment.
    Cancelled,
    /// Money returned.
    Refunded,
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    /// The product bought ([`ProductId::NONE`] for an order known by its amount only).
    pub product_id: ProductId,
    /// Units bought, at least 1.
    pub quantity: u32,
    /// Price per unit at the time of the order.
    pub unit_price: Cents,
    /// Taken off the line's quantity × unit price (at most that much).
    #[serde(default, skip_serializing_if = "Cents::is_zero")]
    pub discount: Cents,
}

impl OrderLine {
    /// Sum of `lines`' amounts, or [`MoneyOverflow`].
    pub fn total(lines: &[OrderLine]) -> Result<Cents, MoneyOverflow> {
        Cents::checked_sum(
            lines
                .iter()
                .map(OrderLine::amount)
                .collect::<Result<Vec<_>, _>>()?,
        )
    }

    /// Quantity times unit price, less the discount, or [`MoneyOverflow`].
    pub fn amount(&self) -> Result<Cents, MoneyOverflow> {
        self.unit_price
            .checked_mul(self.quantity)?
            .checked_add(Cents(self.discount.0.checked_neg().ok_or(MoneyOverflow)?))
    }
}

/// A customer's order with its line items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    /// Record id.
    pub id: OrderId,
    /// How many times the record was written: the store refuses a write whose revision is not the
    /// stored one (check-and-set) and counts it up on every write. 0 before the first write.
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id (see [`Uid`]), given by the store on the first write.
    #[serde(default)]
    pub uid: Uid,
    /// Its number in the shop or system it came from (what a re-import finds it by); empty for
    /// an order entered here.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// The buyer.
    pub person_id: PersonId,
    /// The buyer's company at the time, if any.
    #[serde(default)]
    pub company_id: Option<CompanyId>,
    /// Order date.
    pub date: NaiveDate,
    /// Status.
    #[serde(default)]
    pub status: OrderStatus,
    /// Line items, at least one.
    pub lines: Vec<OrderLine>,
    /// The campaign the order is attributed to, if any.
    #[serde(default)]
    pub campaign_id: Option<CampaignId>,
    /// Free tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Custom field values keyed by [`CustomFieldDef::key`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub custom: BTreeMap<String, CustomValue>,
    /// When the record was created (records stored before it was kept read as 1970).
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub created_at: DateTime<Utc>,
    /// When the record was last changed.
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub updated_at: DateTime<Utc>,
    /// When it was deleted (see [`Person::deleted_at`]).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "chrono::serde::ts_milliseconds_option"
    )]
    pub deleted_at: Option<DateTime<Utc>>,
}

impl Order {
    /// Sum of the line amounts, or [`MoneyOverflow`] (a stored order never overflows: validation
    /// refuses it).
    pub fn total(&self) -> Result<Cents, MoneyOverflow> {
        OrderLine::total(&self.lines)
    }

    /// The name lists and the trash show: its number, or its id for an order entered here.
    pub fn display_name(&self) -> String {
        if self.number.is_empty() {
            format!("#{}", self.id.0)
        } else {
            self.number.clone()
        }
    }

    /// Whether the order counts as revenue: the one rule every report and analysis follows (they
    /// read the order facts, which hold revenue orders only). An order counts once placed (placed,
    /// paid or shipped); a draft does not yet, a cancelled or refunded one no longer does.
    pub fn is_revenue(&self) -> bool {
        !matches!(
            self.status,
            OrderStatus::Draft | OrderStatus::Cancelled | OrderStatus::Refunded
        )
    }
}

/// Whether a pipeline stage is still open or closes the deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageOutcome {
    /// The deal is still being worked.
    Open,
    /// The deal was won.
    Won,
    /// The deal was lost.
    Lost,
}

/// One column of a pipeline's kanban board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// Stage id, unique within its pipeline.
    pub id: StageId,
    /// Name.
    pub name: String,
    /// Win probability in percent, used for forecasts.
    pub probability_pct: u8,
    /// Whether the stage is open, won or lost.
    pub outcome: StageOutcome,
}

/// A sales process: ordered stages that deals move through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pipeline {
    /// Record id.
    pub id: PipelineId,
    /// How many times the record was written: the store refuses a write whose revision is not the
    /// stored one (check-and-set) and counts it up on every write. 0 before the first write.
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id (see [`Uid`]), given by the store on the first write.
    #[serde(default)]
    pub uid: Uid,
    /// Name.
    pub name: String,
    /// Stages in board order.
    pub stages: Vec<Stage>,
    /// When the record was created (records stored before it was kept read as 1970).
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub created_at: DateTime<Utc>,
    /// When the record was last changed.
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub updated_at: DateTime<Utc>,
}

/// A sales opportunity moving through a pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deal {
    /// Record id.
    pub id: DealId,
    /// How many times the record was written: the store refuses a write whose revision is not the
    /// stored one (check-and-set) and counts it up on every write. 0 before the first write.
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id (see [`Uid`]), given by the store on the first write.
    #[serde(default)]
    pub uid: Uid,
    /// Title.
    pub title: String,
    /// The pipeline it belongs to.
    pub pipeline_id: PipelineId,
    /// Its current stage in that pipeline.
    pub stage_id: StageId,
    /// Expected value, in [`Deal::currency`]. With products ([`Deal::lines`]) it is their total.
    pub value: Cents,
    /// The ISO 4217 code of the value's currency; empty for the workspace's (see
    /// [`Deal::counted_value`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub currency: String,
    /// The products the deal would sell, priced like an order's lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<OrderLine>,
    /// Main contact.
    #[serde(default)]
    pub person_id: Option<PersonId>,
    /// Account.
    #[serde(default)]
    pub company_id: Option<CompanyId>,
    /// The user working it.
    #[serde(default)]
    pub owner: String,
    /// Expected (or actual) close date.
    pub close_date: NaiveDate,
    /// Why it was lost, when it was.
    #[serde(default)]
    pub lost_reason: String,
    /// The id another system gave it (an imported CRM's deal id): what an import finds it by.
    #[serde(default)]
    pub external_id: String,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Values of the user's custom fields for deals, by field key.
    #[serde(default)]
    pub custom: BTreeMap<String, CustomValue>,
    /// When the record was created.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub created_at: DateTime<Utc>,
    /// When the record was last changed.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub updated_at: DateTime<Utc>,
    /// When it was deleted: a tombstone (see [`Person::deleted_at`]). `None` while it is live.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "chrono::serde::ts_milliseconds_option"
    )]
    pub deleted_at: Option<DateTime<Utc>>,
}

/// What kind of interaction an activity records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// A written note.
    Note,
    /// A phone call.
    Call,
    /// An email.
    Email,
    /// A meeting.
    Meeting,
}

/// A logged interaction on a person's, company's or deal's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    /// Record id.
    pub id: ActivityId,
    /// How many times the record was written: the store refuses a write whose revision is not the
    /// stored one (check-and-set) and counts it up on every write. 0 before the first write.
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id (see [`Uid`]), given by the store on the first write.
    #[serde(default)]
    pub uid: Uid,
    /// Kind.
    pub kind: ActivityKind,
    /// Short summary.
    pub summary: String,
    /// Longer text.
    #[serde(default)]
    pub body: String,
    /// Person it concerns.
    #[serde(default)]
    pub person_id: Option<PersonId>,
    /// Company it concerns.
    #[serde(default)]
    pub company_id: Option<CompanyId>,
    /// Deal it concerns.
    #[serde(default)]
    pub deal_id: Option<DealId>,
    /// Who logged it.
    #[serde(default)]
    pub author: String,
    /// When it happened.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub occurred_at: DateTime<Utc>,
    /// When the record was created (records stored before it was kept read as 1970).
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub created_at: DateTime<Utc>,
    /// When the record was last changed.
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub updated_at: DateTime<Utc>,
}

/// A to-do with an optional due time, linked to a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// Record id.
    pub id: TaskId,
    /// How many times the record was written: the store refuses a write whose revision is not the
    /// stored one (check-and-set) and counts it up on every write. 0 before the first write.
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id (see [`Uid`]), given by the store on the first write.
    #[serde(default)]
    pub uid: Uid,
    /// What to do.
    pub title: String,
    /// When it is due.
    #[serde(default, with = "chrono::serde::ts_milliseconds_option")]
    pub due_at: Option<DateTime<Utc>>,
    /// Who should do it.
    #[serde(default)]
    pub assignee: String,
    /// When it was completed; `None` while open.
    #[serde(default, with = "chrono::serde::ts_milliseconds_option")]
    pub done_at: Option<DateTime<Utc>>,
    /// Person it concerns.
    #[serde(default)]
    pub person_id: Option<PersonId>,
    /// Company it concerns.
    #[serde(default)]
    pub company_id: Option<CompanyId>,
    /// Deal it concerns.
    #[serde(default)]
    pub deal_id: Option<DealId>,
    /// When it was created.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub created_at: DateTime<Utc>,
    /// When the record was last changed (records stored before it was kept read as 1970).
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub updated_at: DateTime<Utc>,
}

impl Task {
    /// Open and past its due time at `now`.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.done_at.is_none() && self.due_at.is_some_and(|due| due < now)
    }
}

/// How urgent a ticket is; sets its SLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketPriority {
    /// Answer within three days.
    Low,
    /// Answer within a day.
    Normal,
    /// Answer within eight hours.
    High,
    /// Answer within four hours.
    Urgent,
}

impl TicketPriority {
    /// Hours from opening until the SLA is breached.
    pub fn sla_hours(self) -> i64 {
        match self {
            TicketPriority::Low => 72,
            TicketPriority::Normal => 24,
            TicketPriority::High => 8,
            TicketPriority::Urgent => 4,
        }
    }
}

/// Where a ticket is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// Not yet looked at.
    New,
    /// Being worked.
    Open,
    /// Waiting on the customer.
    Pending,
    /// Answered.
    Resolved,
    /// Closed for good.
    Closed,
}

impl TicketStatus {
    /// Whether the ticket still needs work.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            TicketStatus::New | TicketStatus::Open | TicketStatus::Pending
        )
    }
}

/// How a ticket reached the service team.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketChannel {
    /// By email.
    #[default]
    Email,
    /// By phone.
    Phone,
    /// In a chat.
    Chat,
    /// Through a web form.
    Web,
    /// Face to face.
    InPerson,
}

/// What a ticket history entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketField {
    /// Its status changed (`from` and `to` are status keys such as `open`).
    Status,
    /// Its priority changed (priority keys such as `urgent`).
    Priority,
    /// It was given to someone else (names; empty for nobody).
    Assignee,
    /// A reply to the customer was logged (`to` is its text).
    Reply,
    /// The customer's rating changed (`1`..`5`, empty for none), with its comment after a tab.
    Satisfaction,
}

/// One entry of a ticket's history: what happened, who did it and when. Values are kept as
/// text (an option's key, a name), which is what a page shows and what the store decodes
/// cheaply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketEvent {
    /// When.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub at: DateTime<Utc>,
    /// Who: the user's name as set in Settings; empty for an import or an unnamed user.
    #[serde(default)]
    pub by: String,
    /// What changed.
    pub field: TicketField,
    /// The value before (empty for a reply).
    #[serde(default)]
    pub from: String,
    /// The value after, or the reply's text.
    pub to: String,
}

/// A customer service request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    /// Record id.
    pub id: TicketId,
    /// How many times the record was written: the store refuses a write whose revision is not the
    /// stored one (check-and-set) and counts it up on every write. 0 before the first write.
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id (see [`Uid`]), given by the store on the first write.
    #[serde(default)]
    pub uid: Uid,
    /// The ticket's id in the system it was imported from (an upsert key), empty if none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub external_id: String,
    /// Subject line.
    pub subject: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Requester.
    #[serde(default)]
    pub person_id: Option<PersonId>,
    /// Requester's company.
    #[serde(default)]
    pub company_id: Option<CompanyId>,
    /// How it came in.
    #[serde(default)]
    pub channel: TicketChannel,
    /// The user working it, empty while unassigned.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub assignee: String,
    /// Priority.
    pub priority: TicketPriority,
    /// Status.
    pub status: TicketStatus,
    /// When it was opened.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub opened_at: DateTime<Utc>,
    /// When the SLA is breached if still unresolved.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub sla_due_at: DateTime<Utc>,
    /// When it was resolved.
    #[serde(default, with = "chrono::serde::ts_milliseconds_option")]
    pub resolved_at: Option<DateTime<Utc>>,
    /// Customer satisfaction 1..=5, if rated.
    #[serde(default)]
    pub satisfaction: Option<u8>,
    /// What the customer said with their rating.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub satisfaction_comment: String,
    /// When it was first answered: what stops its first-response clock.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "chrono::serde::ts_milliseconds_option"
    )]
    pub first_response_at: Option<DateTime<Utc>>,
    /// Every change of its status, priority and assignee and every reply, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<TicketEvent>,
    /// Free tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Custom field values keyed by [`CustomFieldDef::key`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub custom: BTreeMap<String, CustomValue>,
    /// When the record was created (records stored before it was kept read as 1970).
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub created_at: DateTime<Utc>,
    /// When the record was last changed.
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub updated_at: DateTime<Utc>,
    /// When it was deleted (see [`Person::deleted_at`]).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "chrono::serde::ts_milliseconds_option"
    )]
    pub deleted_at: Option<DateTime<Utc>>,
}

impl Ticket {
    /// Whether the SLA was (or, at `now`, is) missed.
    pub fn breaches_sla(&self, now: DateTime<Utc>) -> bool {
        let answered_or_now = self.resolved_at.unwrap_or(now);
        answered_or_now > self.sla_due_at
    }
}

/// The channel a campaign runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignChannel {
    /// Email newsletter or drip.
    Email,
    /// Social media.
    Social,
    /// Event or trade show.
    Event,
    /// Paid ads.
    Ads,
}

/// Where a campaign is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignStatus {
    /// Planned: being prepared, nobody reached yet.
    Draft,
    /// Running.
    Active,
    /// Done.
    Completed,
}

/// What a targeted person did, as logged by hand on the campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseKind {
    /// Answered (replied, clicked, came by).
    Responded,
    /// Did what the campaign asked (bought, signed up).
    Converted,
    /// Asked not to be contacted again.
    Unsubscribed,
}

/// A targeted person's logged response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignResponse {
    /// Who.
    pub person_id: PersonId,
    /// What they did.
    pub kind: ResponseKind,
    /// When it was logged.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub at: DateTime<Utc>,
}

/// Days after a campaign's last day whose orders still count as its result, unless it says.
pub const DEFAULT_ATTRIBUTION_DAYS: u32 = 14;

fn default_attribution_days() -> u32 {
    DEFAULT_ATTRIBUTION_DAYS
}

/// A marketing campaign: who it reaches (a snapshot of a segment, less a control group held
/// back at random), what it costs, and what the people it reached answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    /// Record id.
    pub id: CampaignId,
    /// How many times the record was written: the store refuses a write whose revision is not the
    /// stored one (check-and-set) and counts it up on every write. 0 before the first write.
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id (see [`Uid`]), given by the store on the first write.
    #[serde(default)]
    pub uid: Uid,
    /// Name.
    pub name: String,
    /// Channel.
    pub channel: CampaignChannel,
    /// Status.
    pub status: CampaignStatus,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day.
    pub end_date: NaiveDate,
    /// Budget.
    pub budget: Cents,
    /// What it is for ("win back lapsed buyers").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub goal: String,
    /// The segment its members were taken from, as the user saw it named.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub segment: String,
    /// The people targeted: the segment's members when the target list was taken, less the
    /// control group.
    #[serde(default)]
    pub target_person_ids: Vec<PersonId>,
    /// The segment's members held back and never targeted, to measure against.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub control_person_ids: Vec<PersonId>,
    /// The share of the segment held back, in thousandths.
    #[serde(default)]
    pub control_permille: u16,
    /// The seed the control group was drawn with: the same seed and share draw the same group.
    #[serde(default)]
    pub control_seed: u32,
    /// Days after the last day whose orders still count.
    #[serde(default = "default_attribution_days")]
    pub attribution_days: u32,
    /// Responses logged by hand, one per person (the latest).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<CampaignResponse>,
    /// Free tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Custom field values keyed by [`CustomFieldDef::key`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub custom: BTreeMap<String, CustomValue>,
    /// When the record was created (records stored before it was kept read as 1970).
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub created_at: DateTime<Utc>,
    /// When the record was last changed.
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub updated_at: DateTime<Utc>,
    /// When it was deleted (see [`Person::deleted_at`]).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "chrono::serde::ts_milliseconds_option"
    )]
    pub deleted_at: Option<DateTime<Utc>>,
}

impl Campaign {
    /// Takes its member list: `targets` reached and `control` held back, drawn from the
    /// segment named `segment` with `control_permille` thousandths held back under `seed`.
    pub fn take_members(
        &mut self,
        segment: &str,
        targets: Vec<u32>,
        control: Vec<u32>,
        control_permille: u16,
        seed: u32,
    ) {
        self.segment = segment.to_string();
        self.target_person_ids = targets.into_iter().map(PersonId).collect();
        self.control_person_ids = control.into_iter().map(PersonId).collect();
        self.control_permille = control_permille;
        self.control_seed = seed;
    }

    /// Takes its member list from the segment `segment` of `members` (each once):
    /// `control_permille` thousandths (at most all) held back as its control group, drawn by
    /// [`crate::control::is_control`] under `seed`.
    pub fn draw_members(
        &mut self,
        segment: &str,
        members: &[u32],
        control_permille: u16,
        seed: u32,
    ) {
        let share = control_permille.min(1000);
        let mut seen = std::collections::HashSet::new();
        let (control, targets) = members
            .iter()
            .copied()
            .filter(|person| seen.insert(*person))
            .partition(|person| crate::control::is_control(*person, u64::from(seed), share));
        self.take_members(segment, targets, control, share, seed);
    }

    /// The response logged for `person`, if any.
    pub fn response_of(&self, person: PersonId) -> Option<ResponseKind> {
        self.responses
            .iter()
            .find(|response| response.person_id == person)
            .map(|response| response.kind)
    }

    /// Logs `kind` for `person` at `at` (replacing what was logged), or clears it with `None`.
    pub fn set_response(
        &mut self,
        person: PersonId,
        kind: Option<ResponseKind>,
        at: DateTime<Utc>,
    ) {
        self.responses
            .retain(|response| response.person_id != person);
        if let Some(kind) = kind {
            self.responses.push(CampaignResponse {
                person_id: person,
                kind,
                at,
            });
        }
    }

    /// How many targets gave each response: responded, converted, unsubscribed.
    pub fn response_counts(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        for response in &self.responses {
            counts[match response.kind {
                ResponseKind::Responded => 0,
                ResponseKind::Converted => 1,
                ResponseKind::Unsubscribed => 2,
            }] += 1;
        }
        counts
    }
}

/// The type of a user-defined field and, for selects, its options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CustomFieldKind {
    /// Free text.
    Text,
    /// A number.
    Number,
    /// A date.
    Date,
    /// One of the options.
    SingleSelect {
        /// Allowed options.
        options: Vec<String>,
    },
    /// Any of the options.
    MultiSelect {
        /// Allowed options.
        options: Vec<String>,
    },
    /// Yes or no.
    Checkbox,
    /// A web address.
    Url,
    /// An amount of money.
    Currency,
}

/// A field the user added to one kind of record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomFieldDef {
    /// Record id.
    pub id: CustomFieldId,
    /// How many times the record was written: the store refuses a write whose revision is not the
    /// stored one (check-and-set) and counts it up on every write. 0 before the first write.
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id (see [`Uid`]), given by the store on the first write.
    #[serde(default)]
    pub uid: Uid,
    /// The kind of record it belongs to.
    pub entity: EntityKind,
    /// Stable key in the records' `custom` map.
    pub key: String,
    /// Label shown to users.
    pub label: String,
    /// Type.
    pub kind: CustomFieldKind,
    /// When the record was created (records stored before it was kept read as 1970).
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub created_at: DateTime<Utc>,
    /// When the record was last changed.
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub updated_at: DateTime<Utc>,
}

/// A named, persisted list configuration (filters, sort, columns) for one kind of record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    /// Record id.
    pub id: SavedViewId,
    /// How many times the record was written: the store refuses a write whose revision is not the
    /// stored one (check-and-set) and counts it up on every write. 0 before the first write.
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id (see [`Uid`]), given by the store on the first write.
    #[serde(default)]
    pub uid: Uid,
    /// The kind of record it lists.
    pub entity: EntityKind,
    /// Name.
    pub name: String,
    /// The list's query (quick search, filter, sort) as JSON: `list::ListQuery` for people.
    #[serde(default)]
    pub filter: String,
    /// Column keys in display order (each a `list::Field` as JSON).
    #[serde(default)]
    pub columns: Vec<String>,
    /// Sort column key and whether it sorts descending.
    #[serde(default)]
    pub sort: Option<(String, bool)>,
    /// When the record was created (records stored before it was kept read as 1970).
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub created_at: DateTime<Utc>,
    /// When the record was last changed.
    #[serde(default, with = "chrono::serde::ts_milliseconds")]
    pub updated_at: DateTime<Utc>,
}

/// Declares [`TrashedRecord`] over every kind of record the trash keeps: the enum, a `From` for
/// each kind, and its reading.
macro_rules! trashed_records {
    ($($variant:ident = $key:literal, $doc:literal;)+) => {
        /// A deleted record, kept so it can be restored; stored as `{"kind": …, "record": …}`.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(tag = "kind", content = "record", rename_all = "snake_case")]
        pub enum TrashedRecord {
            $(#[doc = $doc] $variant($variant),)+
        }

        $(impl From<$variant> for TrashedRecord {
            fn from(record: $variant) -> TrashedRecord {
                TrashedRecord::$variant(record)
            }
        })+

        // Read by hand, "kind" before "record": every copy was written in that order, so the
        // record is read once, straight into its type. The derived reading also accepts the
        // record first by buffering it, which compiles every record type's reading a second
        // time (36 KB of the page's wasm).
        impl<'de> Deserialize<'de> for TrashedRecord {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<TrashedRecord, D::Error> {
                struct Fields;
                impl<'de> serde::de::Visitor<'de> for Fields {
                    type Value = TrashedRecord;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("a trashed record: its kind, then the record")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<TrashedRecord, A::Error> {
                        use serde::de::Error;
                        if map.next_key::<String>()?.as_deref() != Some("kind") {
                            return Err(A::Error::missing_field("kind"));
                        }
                        let kind: String = map.next_value()?;
                        if map.next_key::<String>()?.as_deref() != Some("record") {
                            return Err(A::Error::missing_field("record"));
                        }
                        let record = match kind.as_str() {
                            $($key => TrashedRecord::$variant(map.next_value()?),)+
                            other => {
                                return Err(A::Error::unknown_variant(other, &[$($key),+]))
                            }
                        };
                        while map
                            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                            .is_some()
                        {}
                        Ok(record)
                    }
                }
                deserializer.deserialize_struct("TrashedRecord", &["kind", "record"], Fields)
            }
        }
    };
}

trashed_records! {
    Person = "person", "A deleted person.";
    Company = "company", "A deleted company.";
    Product = "product", "A deleted product.";
    Order = "order", "A deleted order.";
    Ticket = "ticket", "A deleted ticket.";
    Deal = "deal", "A deleted deal.";
    Campaign = "campaign", "A deleted campaign.";
}

impl TrashedRecord {
    /// The name the trash lists it under.
    pub fn display_name(&self) -> String {
        match self {
            TrashedRecord::Person(person) => person.display_name(),
            TrashedRecord::Company(company) => company.name.clone(),
            TrashedRecord::Product(product) => product.name.clone(),
            TrashedRecord::Order(order) => order.display_name(),
            TrashedRecord::Ticket(ticket) => ticket.subject.clone(),
            TrashedRecord::Deal(deal) => deal.title.clone(),
            TrashedRecord::Campaign(campaign) => campaign.name.clone(),
        }
    }
}

/// An entry of the trash: what was deleted, when, and by which action (one bulk delete shares
/// its `batch`, so it can be restored in one step).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrashEntry {
    /// Entry id.
    pub id: TrashId,
    /// How many times the record was written: the store refuses a write whose revision is not the
    /// stored one (check-and-set) and counts it up on every write. 0 before the first write.
    #[serde(default)]
    pub revision: u64,
    /// Its globally unique id (see [`Uid`]), given by the store on the first write.
    #[serde(default)]
    pub uid: Uid,
    /// The deleted record as it was.
    pub record: TrashedRecord,
    /// When it was deleted.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub deleted_at: DateTime<Utc>,
    /// The action that deleted it (the deletion time in milliseconds, shared by a bulk delete).
    pub batch: u64,
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_persons_name_reads_alone_from_the_stored_person() {
        let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        for (first, last) in [("Ada", "Lovelace"), ("芳", "王"), ("", "Solo")] {
            let person = Person::new(first, last, at);
            let name: super::PersonName =
                serde_json::from_str(&serde_json::to_string(&person).unwrap()).unwrap();
            assert_eq!(name.display_name(), person.display_name());
        }
    }

    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_trashed_record_reads_back_as_written_and_names_what_is_wrong() {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let mut person = <Person as crate::entity::Entity>::blank(at);
        person.first_name = "Ada".into();
        let mut ticket = <Ticket as crate::entity::Entity>::blank(at);
        ticket.subject = "Grinder jams".into();
        for record in [TrashedRecord::from(person), TrashedRecord::from(ticket)] {
            let json = serde_json::to_string(&record).unwrap();
            assert!(json.starts_with(r#"{"kind":"#), "{json}");
            assert_eq!(
                serde_json::from_str::<TrashedRecord>(&json).unwrap(),
                record
            );
        }
        let unknown = serde_json::from_str::<TrashedRecord>(r#"{"kind":"planet","record":{}}"#);
        assert!(unknown
            .unwrap_err()
            .to_string()
            .contains("unknown variant `planet`"));
        let record_first =
            serde_json::from_str::<TrashedRecord>(r#"{"record":{},"kind":"person"}"#);
        assert!(record_first
            .unwrap_err()
            .to_string()
            .contains("missing field `kind`"));
    }
}
