//! The pages, grouped by pillar: contacts, sales, analytics, and the pages the service and
//! marketing issues will fill (`records`), getting data in and out (`data`); the dashboard and
//! settings stand alone.

pub mod analytics;
pub mod contacts;
pub mod dashboard;
pub mod data;
pub mod not_found;
pub mod records;
pub mod sales;
pub mod settings;
