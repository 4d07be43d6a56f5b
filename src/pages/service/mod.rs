//! The service pillar: tickets.

pub mod report;
pub mod ticket;
pub mod tickets;
