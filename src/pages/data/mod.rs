//! Getting data in and out: the import wizard and its history, backup and restore.

pub mod backup;
mod history;
pub mod import;
