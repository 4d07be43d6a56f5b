//! Getting data in and out: the import wizard and its history.

mod history;
pub mod import;
