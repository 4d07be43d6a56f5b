//! The pages, grouped by pillar: contacts, sales, service, marketing, analytics, and getting
//! data in and out (`data`); the dashboard and settings stand alone.

pub mod analytics;
pub mod contacts;
pub mod dashboard;
pub mod data;
pub mod marketing;
pub mod not_found;
pub mod sales;
pub mod service;
pub mod settings;
