//! The service pillar: tickets.

pub mod levels;
pub mod report;
pub mod ticket;
pub mod tickets;
