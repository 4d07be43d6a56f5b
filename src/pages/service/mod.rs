//! The service pillar: tickets.

pub mod board;
pub mod levels;
pub mod report;
pub mod ticket;
pub mod tickets;
