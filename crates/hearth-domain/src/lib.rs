//! The Hearth CRM domain: entities, typed ids, money, validation, and the seeded demo-data generator.
//!
//! Everything here is a pure function of its inputs: no clock, no randomness but a caller's seed, no I/O.
//! The web app, the worker and the CLI all build on these types.

pub mod agenda;
pub mod compact;
pub mod control;
pub mod custom_fields;
pub mod demo;
pub mod duplicates;
pub mod entity;
pub mod export;
pub mod fold;
pub mod ids;
pub mod imports;
pub mod list;
pub mod model;
pub mod money;
pub mod pipeline;
pub mod revisions;
pub mod sla;
pub mod sort;
pub mod timeline;
pub mod validate;

pub use ids::*;
pub use model::*;
pub use money::{Cents, MoneyOverflow};
pub use revisions::Revised;
pub use validate::{FieldError, Problem, Validate};
