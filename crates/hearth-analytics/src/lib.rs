//! The Hearth analytics engine: pure functions from customer and order data to the numbers the app
//! and the `hearth` CLI show. No I/O, no clock, no randomness but a caller's seed.

pub mod revenue;

pub use revenue::{revenue_by_month, MonthRevenue};
