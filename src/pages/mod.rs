//! One module per route.

pub mod analytics;
pub mod companies;
pub mod dashboard;
pub mod duplicates;
pub mod not_found;
pub mod people;
pub mod person;
pub mod records;
pub mod settings;
pub mod tasks;
pub mod trash;
