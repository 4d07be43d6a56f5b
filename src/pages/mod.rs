//! The pages, grouped by pillar: contacts, sales, service, analytics, and the page the marketing
//! issue will fill (`records`), getting data in and out (`data`); the dashboard and settings
//! stand alone.

pub mod analytics;
pub mod contacts;
pub mod dashboard;
pub mod data;
pub mod not_found;
pub mod records;
pub mod sales;
pub mod service;
pub mod settings;
