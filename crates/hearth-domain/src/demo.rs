//! The seeded demo workspace: a believable small company with customers who buy, lapse and churn.
//!
//! Buying follows the BG/NBD story (each customer buys at their own Poisson rate and may drop out after
//! any purchase), thinned by a yearly season that peaks in December, so RFM and lifetime-value models
//! find real signal. Orders start from a popular product and often add its complements, so association
//! rules find real pairs. The same seed and end date always give the same workspace.

use crate::ids::*;
use crate::model::*;
use crate::money::Cents;
use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeDelta, Utc};
use rand::distr::weighted::WeightedIndex;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_distr::{Beta, Distribution, Exp, Gamma};
use rand_pcg::Pcg64Mcg;
use std::collections::BTreeMap;
use std::f64::consts::TAU;

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoConfig {
    /// Seed of every random choice.
    pub seed: u64,
    /// The last day of history; "now" is 17:00 UTC on it.
    pub end_date: NaiveDate,
    /// Days of order history before `end_date`.
    pub history_days: u32,
    /// Number of people.
    pub people: u32,
    /// Number of companies.
    pub companies: u32,
    /// Share of people who become buying customers.
    pub customer_share: f64,
    /// Mean purchases per day of a customer while active.
    pub mean_daily_purchase_rate: f64,
    /// Number of deals.
    pub deals: u32,
    /// Number of tickets.
    pub tickets: u32,
    /// Number of logged activities.
    pub activities: u32,
    /// Number of tasks.
    pub tasks: u32,
}

impl DemoConfig {
    /// The workspace a first-time user sees: about 2,000 people, 300 companies and 20,000 orders over
    /// two years.
    pub fn standard(end_date: NaiveDate) -> DemoConfig {
        DemoConfig {
            seed: 20_261_128,
            end_date,
            history_days: 730,
            people: 2_000,
            companies: 300,
            customer_share: 0.8,
            mean_daily_purchase_rate: 0.075,
            deals: 400,
            tickets: 600,
            activities: 4_000,
            tasks: 300,
        }
    }

    /// A benchmark-sized workspace: 100,000 customers, about a million order lines, 50,000 tickets.
    pub fn benchmark(end_date: NaiveDate) -> DemoConfig {
        DemoConfig {
            people: 100_000,
            companies: 10_000,
            customer_share: 1.0,
            mean_daily_purchase_rate: 0.0235,
            deals: 5_000,
            tickets: 50_000,
            activities: 20_000,
            tasks: 2_000,
            ..DemoConfig::standard(end_date)
        }
    }
}

/// A generated order of `person` on `date`, unnumbered (numbers follow the date order).
fn demo_order(
    person: &Person,
    date: NaiveDate,
    status: OrderStatus,
    lines: Vec<OrderLine>,
    campaign_id: Option<CampaignId>,
) -> Order {
    Order {
        uid: Default::default(),
        revision: 0,
        id: OrderId(0),
        person_id: person.id,
        company_id: person.company_id,
        date,
        status,
        lines,
        campaign_id,
        number: String::new(),
        tags: Vec::new(),
        custom: Default::default(),
        created_at: date.and_time(NaiveTime::MIN).and_utc(),
        updated_at: date.and_time(NaiveTime::MIN).and_utc(),
        deleted_at: None,
    }
}

/// Every record of a generated workspace, ids starting at 1 in each kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DemoWorkspace {
    /// People.
    pub people: Vec<Person>,
    /// Companies.
    pub companies: Vec<Company>,
    /// Product catalogue.
    pub products: Vec<Product>,
    /// Orders with line items, in date order.
    pub orders: Vec<Order>,
    /// Sales pipelines.
    pub pipelines: Vec<Pipeline>,
    /// Deals.
    pub deals: Vec<Deal>,
    /// Logged activities.
    pub activities: Vec<Activity>,
    /// Tasks.
    pub tasks: Vec<Task>,
    /// Tickets.
    pub tickets: Vec<Ticket>,
    /// Campaigns.
    pub campaigns: Vec<Campaign>,
    /// Custom field definitions.
    pub custom_fields: Vec<CustomFieldDef>,
}

impl DemoWorkspace {
    /// Total order lines over all orders.
    pub fn order_line_count(&self) -> usize {
        self.orders.iter().map(|order| order.lines.len()).sum()
    }
}

const OWNERS: [&str; 5] = [
    "Alex Chen",
    "Sam Rivera",
    "Jordan Lee",
    "Priya Patel",
    "Wei Zhang",
];
const FIRST_NAMES: [&str; 40] = [
    "James",
    "Mary",
    "John",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Carlos",
    "Karen",
    "Daniel",
    "Lisa",
    "Matthew",
    "Nancy",
    "Anthony",
    "Sofia",
    "Mark",
    "Emma",
    "Olivia",
    "Noah",
    "Liam",
    "Ava",
    "Lucas",
    "Mia",
    "Ethan",
    "Amara",
    "Mateo",
    "Chloe",
    "Hiroshi",
    "Fatima",
];
const LAST_NAMES: [&str; 40] = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
];
const CHINESE_GIVEN_NAMES: [&str; 16] = [
    "伟", "芳", "娜", "敏", "静", "磊", "强", "洋", "艳", "杰", "婷", "军", "雪", "超", "明", "慧",
];
const CHINESE_FAMILY_NAMES: [&str; 12] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
];
const COMPANY_FIRST: [&str; 24] = [
    "Northwind",
    "Blue Harbor",
    "Cedar",
    "Summit",
    "Golden Gate",
    "Red Rock",
    "Silver Birch",
    "Bright",
    "Evergreen",
    "Ironwood",
    "Maple",
    "Harbor Light",
    "Crescent",
    "Pioneer",
    "Lakeside",
    "Granite",
    "Sunrise",
    "Oak Valley",
    "Riverstone",
    "Starling",
    "Copper",
    "Meridian",
    "Atlas",
    "Juniper",
];
const COMPANY_SECOND: [&str; 15] = [
    "Trading",
    "Labs",
    "Studios",
    "Partners",
    "Logistics",
    "Foods",
    "Health",
    "Systems",
    "Works",
    "Design",
    "Consulting",
    "Retail",
    "Media",
    "Energy",
    "Analytics",
];
const INDUSTRIES: [&str; 8] = [
    "Retail",
    "Hospitality",
    "Software",
    "Healthcare",
    "Manufacturing",
    "Education",
    "Finance",
    "Media",
];
const CITIES: [(&str, &str); 10] = [
    ("Portland", "US"),
    ("Austin", "US"),
    ("Toronto", "CA"),
    ("London", "GB"),
    ("Berlin", "DE"),
    ("上海", "CN"),
    ("深圳", "CN"),
    ("Singapore", "SG"),
    ("Sydney", "AU"),
    ("Dublin", "IE"),
];
const JOB_TITLES: [&str; 8] = [
    "Office Manager",
    "Head of Operations",
    "Purchasing Lead",
    "CEO",
    "Facilities Coordinator",
    "CTO",
    "Barista Trainer",
    "Procurement Specialist",
];
const SOURCES: [&str; 5] = [
    "Web form",
    "Referral",
    "Trade show",
    "Newsletter",
    "Cold outreach",
];

/// One catalogue line: name, category, list price in whole units, names of its usual complements.
type CatalogueEntry = (&'static str, &'static str, i64, &'static [&'static str]);

const CATALOGUE: [CatalogueEntry; 32] = [
    (
        "Espresso Machine Pro",
        "Coffee machines",
        899,
        &["Burr Grinder", "Milk Frother", "Descaling Kit"],
    ),
    (
        "Espresso Machine Home",
        "Coffee machines",
        349,
        &["Burr Grinder", "Milk Frother", "Tamper Set"],
    ),
    (
        "Drip Brewer",
        "Coffee machines",
        89,
        &["Paper Filters (200)", "House Blend 1kg"],
    ),
    (
        "Cold Brew Tower",
        "Coffee machines",
        229,
        &["Single Origin Beans 1kg", "Glass Carafe"],
    ),
    (
        "Burr Grinder",
        "Grinders",
        179,
        &["Single Origin Beans 1kg", "Grinder Brush"],
    ),
    (
        "Hand Grinder",
        "Grinders",
        59,
        &["Pour-over Kettle", "Single Origin Beans 1kg"],
    ),
    ("Grinder Brush", "Grinders", 9, &[]),
    ("House Blend 1kg", "Coffee beans", 24, &["Decaf Blend 1kg"]),
    (
        "Single Origin Beans 1kg",
        "Coffee beans",
        36,
        &["House Blend 1kg"],
    ),
    ("Decaf Blend 1kg", "Coffee beans", 26, &[]),
    ("Espresso Blend 1kg", "Coffee beans", 29, &["Tamper Set"]),
    (
        "Milk Frother",
        "Accessories",
        69,
        &["Latte Cups (6)", "Milk Pitcher"],
    ),
    ("Milk Pitcher", "Accessories", 19, &["Latte Cups (6)"]),
    ("Tamper Set", "Accessories", 29, &["Knock Box"]),
    ("Knock Box", "Accessories", 25, &[]),
    ("Descaling Kit", "Care", 15, &["Cleaning Tablets"]),
    ("Cleaning Tablets", "Care", 12, &["Descaling Kit"]),
    ("Water Filter Cartridge", "Care", 18, &["Cleaning Tablets"]),
    ("Paper Filters (200)", "Brewing", 7, &["Pour-over Dripper"]),
    (
        "Pour-over Dripper",
        "Brewing",
        25,
        &["Paper Filters (200)", "Pour-over Kettle"],
    ),
    (
        "Pour-over Kettle",
        "Brewing",
        79,
        &["Pour-over Dripper", "Digital Scale"],
    ),
    ("Digital Scale", "Brewing", 45, &["Pour-over Dripper"]),
    ("Glass Carafe", "Brewing", 22, &[]),
    ("French Press", "Brewing", 35, &["House Blend 1kg"]),
    ("Latte Cups (6)", "Tableware", 42, &["Saucers (6)"]),
    ("Saucers (6)", "Tableware", 24, &[]),
    ("Travel Mug", "Tableware", 28, &["House Blend 1kg"]),
    (
        "Barista Course",
        "Services",
        150,
        &["Tamper Set", "Milk Pitcher"],
    ),
    (
        "Machine Service Visit",
        "Services",
        120,
        &["Descaling Kit", "Water Filter Cartridge"],
    ),
    ("Extended Warranty", "Services", 99, &[]),
    (
        "Office Coffee Subscription",
        "Subscriptions",
        240,
        &["Paper Filters (200)", "Travel Mug"],
    ),
    ("Tea Sampler", "Tea", 19, &["Glass Carafe"]),
];

/// Generates the workspace `config` describes.
pub fn generate(config: &DemoConfig) -> DemoWorkspace {
    let mut generator = Generator::new(config);
    let companies = generator.companies();
    let products = catalogue(generator.start);
    let mut people = generator.people(&companies);
    let campaigns = generator.campaigns(&people);
    let orders = generator.orders(&mut people, &products, &campaigns);
    let pipelines = pipelines(generator.start);
    let deals = generator.deals(&people, &companies, &pipelines);
    let tickets = generator.tickets(&people);
    let activities = generator.activities(&people, &deals);
    let tasks = generator.tasks(&people);
    DemoWorkspace {
        people,
        companies,
        products,
        orders,
        pipelines,
        deals,
        activities,
        tasks,
        tickets,
        campaigns,
        custom_fields: custom_fields(generator.start),
    }
}

/// The products on sale since `start`, the first day of history.
fn catalogue(start: DateTime<Utc>) -> Vec<Product> {
    (1u32..)
        .zip(CATALOGUE.iter())
        .map(|(id, (name, category, price, _))| Product {
            uid: Default::default(),
            revision: 0,
            id: ProductId(id),
            sku: format!("HC-{id:04}"),
            name: (*name).to_string(),
            category: (*category).to_string(),
            unit_price: Cents::from_units(*price, 0),
            active: true,
            tags: Vec::new(),
            custom: Default::default(),
            created_at: start,
            updated_at: start,
            deleted_at: None,
        })
        .collect()
}

/// Product indices of each catalogue entry's complements.
fn complements() -> Vec<Vec<usize>> {
    CATALOGUE
        .iter()
        .map(|(_, _, _, names)| {
            names
                .iter()
                .map(|name| {
                    CATALOGUE
                        .iter()
                        .position(|(other, ..)| other == name)
                        .expect("every complement names a catalogue entry")
                })
                .collect()
        })
        .collect()
}

/// The pipeline a new workspace starts with (the demo's first one), set up `at`: what an import
/// of deals finds its stages in before the user has made pipelines of their own.
pub fn default_pipeline(at: DateTime<Utc>) -> Pipeline {
    Pipeline {
        uid: Default::default(),
        revision: 0,
        id: PipelineId(1),
        name: "New business".into(),
        stages: vec![
            stage(1, "Lead in", 10, StageOutcome::Open),
            stage(2, "Qualified", 25, StageOutcome::Open),
            stage(3, "Proposal", 50, StageOutcome::Open),
            stage(4, "Negotiation", 75, StageOutcome::Open),
            stage(5, "Won", 100, StageOutcome::Won),
            stage(6, "Lost", 0, StageOutcome::Lost),
        ],
        created_at: at,
        updated_at: at,
    }
}

fn stage(id: u32, name: &str, probability_pct: u8, outcome: StageOutcome) -> Stage {
    Stage {
        id: StageId(id),
        name: name.to_string(),
        probability_pct,
        outcome,
    }
}

/// The sales pipelines, set up on `start`, the first day of history.
fn pipelines(start: DateTime<Utc>) -> Vec<Pipeline> {
    vec![
        default_pipeline(start),
        Pipeline {
            uid: Default::default(),
            revision: 0,
            id: PipelineId(2),
            name: "Renewals".into(),
            stages: vec![
                stage(1, "Upcoming", 50, StageOutcome::Open),
                stage(2, "Quoted", 70, StageOutcome::Open),
                stage(3, "Renewed", 100, StageOutcome::Won),
                stage(4, "Churned", 0, StageOutcome::Lost),
            ],
            created_at: start,
            updated_at: start,
        },
    ]
}

/// The workspace's own fields, defined on `start`, the first day of history.
fn custom_fields(start: DateTime<Utc>) -> Vec<CustomFieldDef> {
    vec![
        CustomFieldDef {
            uid: Default::default(),
            revision: 0,
            id: CustomFieldId(1),
            entity: EntityKind::Person,
            key: "preferred_channel".into(),
            label: "Preferred channel".into(),
            kind: CustomFieldKind::SingleSelect {
                options: vec!["Email".into(), "Phone".into(), "Chat".into()],
            },
            created_at: start,
            updated_at: start,
        },
        CustomFieldDef {
            uid: Default::default(),
            revision: 0,
            id: CustomFieldId(2),
            entity: EntityKind::Company,
            key: "annual_revenue".into(),
            label: "Annual revenue".into(),
            kind: CustomFieldKind::Currency,
            created_at: start,
            updated_at: start,
        },
    ]
}

struct Generator<'a> {
    config: &'a DemoConfig,
    rng: Pcg64Mcg,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
}

impl<'a> Generator<'a> {
    fn new(config: &'a DemoConfig) -> Generator<'a> {
        let now = config
            .end_date
            .and_time(NaiveTime::from_hms_opt(17, 0, 0).expect("17:00 is a valid time"))
            .and_utc();
        Generator {
            config,
            rng: Pcg64Mcg::seed_from_u64(config.seed),
            start: now - TimeDelta::days(i64::from(config.history_days)),
            now,
        }
    }

    /// A uniformly random instant between `from` and `to`.
    fn instant_between(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> DateTime<Utc> {
        let span = (to - from).num_seconds().max(1);
        from + TimeDelta::seconds(self.rng.random_range(0..span))
    }

    /// An instant in the history window, weighted towards the recent past (a growing business).
    fn recent_instant(&mut self) -> DateTime<Utc> {
        let span = (self.now - self.start).num_seconds() as f64;
        let offset = span * self.rng.random::<f64>().powf(0.7);
        self.start + TimeDelta::seconds(offset as i64)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        *items
            .choose(&mut self.rng)
            .expect("pick is only called on non-empty lists")
    }

    fn companies(&mut self) -> Vec<Company> {
        let mut used_names = std::collections::HashSet::new();
        (1..=self.config.companies)
            .map(|id| {
                let base = format!(
                    "{} {}",
                    self.pick(&COMPANY_FIRST),
                    self.pick(&COMPANY_SECOND)
                );
                let name = if used_names.insert(base.clone()) {
                    base
                } else {
                    format!("{base} {id}")
                };
                let slug: String = name
                    .to_lowercase()
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .collect();
                let (city, country) = self.pick(&CITIES);
                let created_at = self.instant_between(self.start, self.now);
                let mut custom = BTreeMap::new();
                if self.rng.random_bool(0.6) {
                    let revenue = self.rng.random_range(200..50_000) * 1_000;
                    custom.insert(
                        "annual_revenue".to_string(),
                        CustomValue::Currency(Cents::from_units(revenue, 0)),
                    );
                }
                Company {
                    deleted_at: None,
                    uid: Default::default(),
                    revision: 0,
                    id: CompanyId(id),
                    domain: format!("{slug}.example"),
                    name,
                    industry: self.pick(&INDUSTRIES).to_string(),
                    employees: Some(self.rng.random_range(3..2_000)),
                    address: Address {
                        street: format!("{} Market Street", self.rng.random_range(1..400)),
                        city: city.to_string(),
                        region: String::new(),
                        postal_code: format!("{:05}", self.rng.random_range(10_000..99_999)),
                        country: country.to_string(),
                    },
                    owner: self.pick(&OWNERS).to_string(),
                    tags: if self.rng.random_bool(0.2) {
                        vec!["key account".into()]
                    } else {
                        vec![]
                    },
                    notes: String::new(),
                    custom,
                    created_at,
                    updated_at: created_at,
                    external_id: String::new(),
                }
            })
            .collect()
    }

    fn people(&mut self, companies: &[Company]) -> Vec<Person> {
        (1..=self.config.people)
            .map(|id| {
                let chinese = self.rng.random_bool(0.15);
                let (first_name, last_name, email_local) = if chinese {
                    let given = self.pick(&CHINESE_GIVEN_NAMES);
                    let family = self.pick(&CHINESE_FAMILY_NAMES);
                    (given.to_string(), family.to_string(), format!("user{id}"))
                } else {
                    let first = self.pick(&FIRST_NAMES);
                    let last = self.pick(&LAST_NAMES);
                    let local = format!("{}.{}{id}", first.to_lowercase(), last.to_lowercase());
                    (first.to_string(), last.to_string(), local)
                };
                let company = companies
                    .choose(&mut self.rng)
                    .filter(|_| self.rng.random_bool(0.85));
                let domain = company.map_or("mail.example", |c| c.domain.as_str());
                let (city, country) = company.map_or_else(
                    || self.pick(&CITIES),
                    |c| {
                        // Borrowing the company's city keeps addresses consistent within an account.
                        CITIES
                            .iter()
                            .copied()
                            .find(|(city, _)| *city == c.address.city)
                            .expect("companies only use CITIES")
                    },
                );
                let created_at = self.instant_between(self.start, self.now);
                let mut custom = BTreeMap::new();
                if self.rng.random_bool(0.6) {
                    let channel = self.pick(&["Email", "Phone", "Chat"]);
                    custom.insert(
                        "preferred_channel".to_string(),
                        CustomValue::Select(channel.to_string()),
                    );
                }
                Person {
                    deleted_at: None,
                    uid: Default::default(),
                    revision: 0,
                    id: PersonId(id),
                    first_name,
                    last_name,
                    emails: vec![format!("{email_local}@{domain}")],
                    phones: vec![format!(
                        "+1 555 {:03} {:04}",
                        self.rng.random_range(100..999),
                        self.rng.random_range(0..10_000)
                    )],
                    company_id: company.map(|c| c.id),
                    job_title: if company.is_some() {
                        self.pick(&JOB_TITLES).to_string()
                    } else {
                        String::new()
                    },
                    address: Address {
                        city: city.to_string(),
                        country: country.to_string(),
                        ..Address::default()
                    },
                    lifecycle: if self.rng.random_bool(0.6) {
                        LifecycleStage::Lead
                    } else {
                        LifecycleStage::Prospect
                    },
                    source: self.pick(&SOURCES).to_string(),
                    owner: self.pick(&OWNERS).to_string(),
                    tags: if self.rng.random_bool(0.1) {
                        vec!["vip".into()]
                    } else {
                        vec![]
                    },
                    notes: String::new(),
                    custom,
                    created_at,
                    updated_at: created_at,
                    external_id: String::new(),
                }
            })
            .collect()
    }

    fn campaigns(&mut self, people: &[Person]) -> Vec<Campaign> {
        let plans = [
            ("Spring espresso week", CampaignChannel::Email),
            ("Trade show: HospitalityExpo", CampaignChannel::Event),
            ("Summer cold brew", CampaignChannel::Social),
            ("Back to the office", CampaignChannel::Email),
            ("Holiday gift guide", CampaignChannel::Ads),
            ("New year refresh", CampaignChannel::Email),
            ("Barista course launch", CampaignChannel::Social),
            ("Year-end subscription push", CampaignChannel::Ads),
        ];
        let today = self.config.end_date;
        let span = i64::from(self.config.history_days);
        (1u32..)
            .zip(plans)
            .map(|(id, (name, channel))| {
                let starts_ago = span - (span * i64::from(id) / 9);
                let start_date = today - TimeDelta::days(starts_ago);
                let end_date = start_date + TimeDelta::days(self.rng.random_range(14..45));
                let status = if end_date < today {
                    CampaignStatus::Completed
                } else if start_date <= today {
                    CampaignStatus::Active
                } else {
                    CampaignStatus::Draft
                };
                // A segment of 220, a tenth held back as the control group.
                let members: Vec<u32> = people
                    .choose_multiple(&mut self.rng, 220.min(people.len()))
                    .map(|p| p.id.0)
                    .collect();
                let seed = self.rng.random();
                let mut campaign = Campaign {
                    uid: Default::default(),
                    revision: 0,
                    id: CampaignId(id),
                    name: name.to_string(),
                    channel,
                    status,
                    start_date,
                    end_date,
                    budget: Cents::from_units(self.rng.random_range(20..200) * 100, 0),
                    created_at: start_date.and_time(NaiveTime::MIN).and_utc(),
                    updated_at: start_date.and_time(NaiveTime::MIN).and_utc(),
                    ..crate::entity::Entity::blank(start_date.and_time(NaiveTime::MIN).and_utc())
                };
                campaign.draw_members(name, &members, 100, seed);
                campaign
            })
            .collect()
    }

    /// Seasonal demand multiplier, peaking in mid-December at 1.45 and bottoming in June at 0.55.
    fn season(day: NaiveDate) -> f64 {
        use chrono::Datelike;
        1.0 + 0.45 * (TAU * (f64::from(day.ordinal()) - 350.0) / 365.25).cos()
    }

    fn orders(
        &mut self,
        people: &mut [Person],
        products: &[Product],
        campaigns: &[Campaign],
    ) -> Vec<Order> {
        const SEASON_MAX: f64 = 1.45;
        let complements = complements();
        let popularity =
            WeightedIndex::new((1..=products.len()).map(|rank| 1.0 / (rank as f64).powf(0.8)))
                .expect("catalogue weights are positive");
        let rate_shape = 1.2;
        let purchase_rate = Gamma::new(
            rate_shape,
            self.config.mean_daily_purchase_rate / rate_shape,
        )
        .expect("gamma parameters are positive");
        let dropout = Beta::new(1.0, 14.0).expect("beta parameters are positive");
        let history_days = f64::from(self.config.history_days);
        let start_day = self.start.date_naive();
        let mut orders = Vec::new();

        for person in people.iter_mut() {
            if !self.rng.random_bool(self.config.customer_share) {
                continue;
            }
            let favourite_category = self.pick(&CATALOGUE).1;
            let rate = purchase_rate.sample(&mut self.rng);
            let p_drop = dropout.sample(&mut self.rng);
            // Acquisition skews late: the business grows.
            let mut day = (history_days - 1.0) * self.rng.random::<f64>().powf(0.8);
            let mut alive = true;
            let mut last_purchase;
            loop {
                let date = start_day + Days::new(day as u64);
                let lines = self.basket(products, &complements, &popularity, favourite_category);
                let campaign_id = campaigns
                    .iter()
                    .find(|c| c.start_date <= date && date <= c.end_date)
                    .filter(|_| self.rng.random_bool(0.25))
                    .map(|c| c.id);
                let status = self.order_status(date);
                orders.push(demo_order(person, date, status, lines, campaign_id));
                last_purchase = day;
                if self.rng.random_bool(p_drop) {
                    alive = false;
                    break;
                }
                // Poisson arrivals at the peak rate, thinned by the season.
                let next = loop {
                    day += Exp::new(rate * SEASON_MAX)
                        .expect("rate is positive")
                        .sample(&mut self.rng);
                    if day >= history_days {
                        break None;
                    }
                    let season = Self::season(start_day + Days::new(day as u64));
                    if self.rng.random::<f64>() < season / SEASON_MAX {
                        break Some(day);
                    }
                };
                match next {
                    Some(next_day) => day = next_day,
                    None => break,
                }
            }
            person.lifecycle = if !alive && history_days - last_purchase > 120.0 {
                LifecycleStage::Churned
            } else {
                LifecycleStage::Customer
            };
        }
        // The campaigns work: a tenth of their targets (never their control groups) buy once more
        // while one runs, so the demo's uplift is there to be measured.
        let last_day = start_day + Days::new(u64::from(self.config.history_days.saturating_sub(1)));
        for campaign in campaigns {
            let days = (campaign.end_date - campaign.start_date).num_days().max(0) as u64;
            for &target in &campaign.target_person_ids {
                if !self.rng.random_bool(0.1) {
                    continue;
                }
                let date = campaign.start_date + Days::new(self.rng.random_range(0..=days));
                // People are generated in id order.
                let Ok(at) = people.binary_search_by_key(&target, |p| p.id) else {
                    continue;
                };
                let person = &people[at];
                if date > last_day {
                    continue;
                }
                let category = self.pick(&CATALOGUE).1;
                let status = self.order_status(date);
                let lines = self.basket(products, &complements, &popularity, category);
                orders.push(demo_order(person, date, status, lines, Some(campaign.id)));
            }
        }
        orders.sort_by_key(|order| (order.date, order.person_id));
        // Numbered in date order, as a shop's system numbers them: what an order is found by.
        for (id, order) in (1..).zip(orders.iter_mut()) {
            order.id = OrderId(id);
            order.number = format!("SO-{id:06}");
        }
        orders
    }

    fn basket(
        &mut self,
        products: &[Product],
        complements: &[Vec<usize>],
        popularity: &WeightedIndex<f64>,
        favourite_category: &str,
    ) -> Vec<OrderLine> {
        let primary = if self.rng.random_bool(0.4) {
            let favourites: Vec<usize> = (0..CATALOGUE.len())
                .filter(|&i| CATALOGUE[i].1 == favourite_category)
                .collect();
            self.pick(&favourites)
        } else {
            popularity.sample(&mut self.rng)
        };
        let mut chosen = vec![primary];
        for &complement in &complements[primary] {
            if self.rng.random_bool(0.35) && !chosen.contains(&complement) {
                chosen.push(complement);
            }
        }
        if self.rng.random_bool(0.15) {
            let extra = popularity.sample(&mut self.rng);
            if !chosen.contains(&extra) {
                chosen.push(extra);
            }
        }
        chosen
            .into_iter()
            .map(|index| {
                let product = &products[index];
                let consumable =
                    matches!(product.category.as_str(), "Coffee beans" | "Care" | "Tea");
                let quantity = if consumable {
                    self.rng.random_range(1..=4)
                } else {
                    1
                };
                let discounted = self.rng.random_bool(0.1);
                let unit_price = if discounted {
                    Cents(product.unit_price.0 * 9 / 10)
                } else {
                    product.unit_price
                };
                OrderLine {
                    product_id: product.id,
                    quantity,
                    unit_price,
                    discount: Cents::ZERO,
                }
            })
            .collect()
    }

    fn order_status(&mut self, date: NaiveDate) -> OrderStatus {
        let age_days = (self.config.end_date - date).num_days();
        let roll = self.rng.random::<f64>();
        if roll < 0.03 {
            OrderStatus::Refunded
        } else if roll < 0.05 {
            OrderStatus::Cancelled
        } else if age_days < 2 {
            OrderStatus::Paid
        } else {
            OrderStatus::Shipped
        }
    }

    fn deals(
        &mut self,
        people: &[Person],
        companies: &[Company],
        pipelines: &[Pipeline],
    ) -> Vec<Deal> {
        let with_company: Vec<&Person> = people.iter().filter(|p| p.company_id.is_some()).collect();
        let value = Gamma::new(1.5, 6_000.0).expect("gamma parameters are positive");
        (1..=self.config.deals)
            .map(|id| {
                let pipeline = if self.rng.random_bool(0.7) {
                    &pipelines[0]
                } else {
                    &pipelines[1]
                };
                let stage = pipeline
                    .stages
                    .choose(&mut self.rng)
                    .expect("pipelines have stages");
                let contact = with_company.choose(&mut self.rng).copied();
                let company_id = contact.and_then(|p| p.company_id);
                let company_name = company_id
                    .and_then(|cid| companies.get(cid.0 as usize - 1))
                    .map_or("Walk-in", |c| c.name.as_str());
                let created_at = self.recent_instant();
                let close_date = match stage.outcome {
                    StageOutcome::Open => {
                        self.config.end_date + Days::new(self.rng.random_range(3..120))
                    }
                    StageOutcome::Won | StageOutcome::Lost => {
                        let closed = self.instant_between(created_at, self.now);
                        closed.date_naive()
                    }
                };
                Deal {
                    uid: Default::default(),
                    revision: 0,
                    id: DealId(id),
                    title: format!(
                        "{company_name}: {}",
                        self.pick(&[
                            "coffee bar fit-out",
                            "office subscription",
                            "machine upgrade",
                            "service contract",
                            "bean supply"
                        ])
                    ),
                    pipeline_id: pipeline.id,
                    stage_id: stage.id,
                    value: Cents::from_units(
                        (value.sample(&mut self.rng) as i64).max(500) / 10 * 10,
                        0,
                    ),
                    currency: String::new(),
                    lines: Vec::new(),
                    person_id: contact.map(|p| p.id),
                    company_id,
                    owner: self.pick(&OWNERS).to_string(),
                    close_date,
                    lost_reason: String::new(),
                    external_id: String::new(),
                    tags: Vec::new(),
                    custom: BTreeMap::new(),
                    created_at,
                    updated_at: created_at,
                    deleted_at: None,
                }
            })
            .collect()
    }

    fn tickets(&mut self, people: &[Person]) -> Vec<Ticket> {
        let customers: Vec<&Person> = people
            .iter()
            .filter(|p| {
                matches!(
                    p.lifecycle,
                    LifecycleStage::Customer | LifecycleStage::Churned
                )
            })
            .collect();
        let subjects = [
            "Machine shows error E04",
            "Grinder is noisy",
            "Order arrived damaged",
            "Invoice address wrong",
            "How do I descale?",
            "Subscription delivery late",
            "Request for a service visit",
            "Refund not received",
            "Milk frother not heating",
            "Question about warranty",
        ];
        let priorities = [
            (TicketPriority::Low, 30),
            (TicketPriority::Normal, 45),
            (TicketPriority::High, 18),
            (TicketPriority::Urgent, 7),
        ];
        let priority_weights =
            WeightedIndex::new(priorities.iter().map(|(_, w)| *w)).expect("weights are positive");
        (1..=self.config.tickets)
            .filter_map(|id| {
                let person = customers.choose(&mut self.rng)?;
                let priority = priorities[priority_weights.sample(&mut self.rng)].0;
                let opened_at = self.recent_instant();
                let sla_due_at = opened_at + TimeDelta::hours(priority.sla_hours());
                // Most tickets are answered inside their SLA; about one in six is not.
                let hours = Exp::new(1.8 / priority.sla_hours() as f64)
                    .expect("rate is positive")
                    .sample(&mut self.rng);
                let answered_at = opened_at + TimeDelta::minutes((hours * 60.0) as i64);
                // Recent tickets may still wait on the customer: the open backlog a service team sees.
                let waiting = (self.now - opened_at).num_days() < 14 && self.rng.random_bool(0.3);
                let (status, resolved_at) = if waiting || answered_at > self.now {
                    (
                        self.pick(&[TicketStatus::New, TicketStatus::Open, TicketStatus::Pending]),
                        None,
                    )
                } else if self.rng.random_bool(0.5) {
                    (TicketStatus::Closed, Some(answered_at))
                } else {
                    (TicketStatus::Resolved, Some(answered_at))
                };
                let satisfaction = resolved_at.filter(|_| self.rng.random_bool(0.7)).map(|at| {
                    let late = at > sla_due_at;
                    let scores: &[u8] = if late {
                        &[1, 2, 2, 3, 3, 4]
                    } else {
                        &[3, 4, 4, 5, 5, 5]
                    };
                    self.pick(scores)
                });
                // First answered a quarter of the way to the answer that settled it (so on time
                // when the resolution is, the default first-response target being a quarter of
                // the resolution's); a ticket nobody looked at yet has no answer.
                let first_response_at = Some(opened_at + (answered_at - opened_at) / 4)
                    .filter(|at| status != TicketStatus::New && *at <= self.now);
                // The history holds the one status change it had.
                let history = (status != TicketStatus::New)
                    .then(|| TicketEvent {
                        at: resolved_at.unwrap_or(opened_at),
                        by: String::new(),
                        field: TicketField::Status,
                        from: "new".into(),
                        to: crate::entity::ticket_status_key(status).into(),
                    })
                    .into_iter()
                    .collect();
                Some(Ticket {
                    uid: Default::default(),
                    revision: 0,
                    id: TicketId(id),
                    external_id: String::new(),
                    subject: self.pick(&subjects).to_string(),
                    description: String::new(),
                    person_id: Some(person.id),
                    company_id: person.company_id,
                    channel: TicketChannel::default(),
                    // Worked by the team in turn (no draw: the rest of the demo stays as it was).
                    assignee: OWNERS[id as usize % OWNERS.len()].to_string(),
                    priority,
                    status,
                    opened_at,
                    sla_due_at,
                    resolved_at,
                    satisfaction,
                    satisfaction_comment: String::new(),
                    first_response_at,
                    history,
                    tags: Vec::new(),
                    custom: Default::default(),
                    created_at: opened_at,
                    updated_at: resolved_at.unwrap_or(opened_at),
                    deleted_at: None,
                })
            })
            .collect()
    }

    fn activities(&mut self, people: &[Person], deals: &[Deal]) -> Vec<Activity> {
        let kinds = [
            (
                ActivityKind::Note,
                "Noted preferences",
                "Prefers medium roast; office of about 40 people.",
            ),
            (
                ActivityKind::Call,
                "Discovery call",
                "Talked through daily volume and machine options.",
            ),
            (
                ActivityKind::Email,
                "Sent price list",
                "Shared the current catalogue and volume discounts.",
            ),
            (
                ActivityKind::Meeting,
                "On-site tasting",
                "Ran a tasting with the team; positive feedback.",
            ),
            (
                ActivityKind::Call,
                "Follow-up call",
                "Checked in after delivery; all working well.",
            ),
            (
                ActivityKind::Email,
                "Quote sent",
                "Quote for machine, grinder and first beans order.",
            ),
        ];
        let mut activities: Vec<Activity> = (1..=self.config.activities)
            .map(|id| {
                let (kind, summary, body) = self.pick(&kinds);
                let person = people.choose(&mut self.rng).expect("demo has people");
                let deal = deals
                    .iter()
                    .find(|d| d.person_id == Some(person.id))
                    .filter(|_| self.rng.random_bool(0.5));
                // Drawn in the order the generator always drew them, so a seed gives the same demo.
                let author = self.pick(&OWNERS).to_string();
                let occurred_at = self.instant_between(person.created_at, self.now);
                Activity {
                    uid: Default::default(),
                    revision: 0,
                    id: ActivityId(id),
                    kind,
                    summary: summary.to_string(),
                    body: body.to_string(),
                    person_id: Some(person.id),
                    company_id: person.company_id,
                    deal_id: deal.map(|d| d.id),
                    author,
                    occurred_at,
                    created_at: occurred_at,
                    updated_at: occurred_at,
                }
            })
            .collect();
        activities.sort_by_key(|a| (a.occurred_at, a.id));
        for (id, activity) in (1..).zip(activities.iter_mut()) {
            activity.id = ActivityId(id);
        }
        activities
    }

    fn tasks(&mut self, people: &[Person]) -> Vec<Task> {
        let titles = [
            "Call back about the quote",
            "Send contract for signature",
            "Schedule service visit",
            "Check on delivery",
            "Prepare tasting samples",
            "Renewal reminder",
        ];
        (1..=self.config.tasks)
            .map(|id| {
                let person = people.choose(&mut self.rng).expect("demo has people");
                let due_at = self.now + TimeDelta::hours(self.rng.random_range(-30 * 24..30 * 24));
                let done_at = (due_at < self.now && self.rng.random_bool(0.7)).then_some(due_at);
                Task {
                    uid: Default::default(),
                    revision: 0,
                    id: TaskId(id),
                    title: self.pick(&titles).to_string(),
                    due_at: Some(due_at),
                    assignee: self.pick(&OWNERS).to_string(),
                    done_at,
                    person_id: Some(person.id),
                    company_id: person.company_id,
                    deal_id: None,
                    created_at: due_at - TimeDelta::days(7),
                    updated_at: done_at.unwrap_or(due_at - TimeDelta::days(7)),
                }
            })
            .collect()
    }
}
