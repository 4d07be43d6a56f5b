//! The service pillar: tickets.

pub mod ticket;
pub mod tickets;
