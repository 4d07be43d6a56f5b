//! The contacts pillar: people and companies, their pages and timelines, tasks, duplicates and
//! the trash.

pub mod companies;
pub mod duplicates;
pub mod people;
pub mod person;
pub mod tasks;
pub mod trash;
