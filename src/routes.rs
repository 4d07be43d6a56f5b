//! Every address of the app, written once: the router matches these, and the navigation, the
//! record lists and every link build on them (under the base path, through `use_app_href`).

/// The dashboard.
pub const DASHBOARD: &str = "/";
/// The people list; a person's page is below it.
pub const CUSTOMERS: &str = "/customers";
/// Likely duplicate people.
pub const DUPLICATES: &str = "/duplicates";
/// Deleted people and companies.
pub const TRASH: &str = "/trash";
/// Everyone's or my tasks.
pub const TASKS: &str = "/tasks";
/// The companies list; a company's page is below it.
pub const COMPANIES: &str = "/companies";
/// Deals (the sales pillar's page).
pub const DEALS: &str = "/deals";
/// The deals board of a pipeline.
pub const BOARD: &str = "/board";
/// Orders.
pub const ORDERS: &str = "/orders";
/// The sales reports.
pub const SALES_REPORTS: &str = "/sales-reports";
/// Tickets (the service pillar's page).
pub const TICKETS: &str = "/tickets";
/// The tickets board, by status.
pub const TICKET_BOARD: &str = "/ticket-board";
/// The service report.
pub const SERVICE_REPORT: &str = "/service-report";
/// Segments: the groups of customers a campaign can target.
pub const CUSTOMER_SEGMENTS: &str = "/customer-segments";
/// Campaigns (the marketing pillar's page); a campaign's page is below it.
pub const CAMPAIGNS: &str = "/campaigns";
/// The marketing report.
pub const MARKETING_REPORT: &str = "/marketing-report";
/// The analytics overview; its pages are below it.
pub const ANALYTICS: &str = "/analytics";
/// Below [`ANALYTICS`]: RFM segments.
pub const RFM: &str = "/rfm";
/// Below [`ANALYTICS`]: k-means segments.
pub const SEGMENTS: &str = "/segments";
/// Below [`ANALYTICS`]: lifetime value.
pub const CLV: &str = "/clv";
/// Below [`ANALYTICS`]: market baskets.
pub const BASKETS: &str = "/baskets";
/// The products list; a product's page is below it.
pub const PRODUCTS: &str = "/products";
/// Importing files, and the import history.
pub const IMPORT: &str = "/import";
/// Settings.
pub const SETTINGS: &str = "/settings";

/// The address of an analytics page ([`RFM`], [`CLV`]...).
pub fn analytics(page: &str) -> String {
    format!("{ANALYTICS}{page}")
}

/// The address a record's page has below its `list`, before the id: `/customers/`.
pub fn record_prefix(list: &str) -> String {
    format!("{list}/")
}
