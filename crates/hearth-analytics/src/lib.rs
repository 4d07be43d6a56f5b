//! The Hearth analytics engine: pure functions from customer and order data to the numbers the app
//! and the `hearth` CLI show. No I/O, no clock, no randomness but a caller's seed; long computations
//! report through [`Progress`] and stop when it says so.

pub mod bgnbd;
pub mod clv;
pub mod elementary;
pub mod error;
pub mod facts;
pub mod gamma_gamma;
pub mod itemsets;
pub mod kmeans;
pub mod optimize;
mod parallel;
pub mod progress;
pub mod reports;
pub mod rfm;
pub mod special;
pub mod summary;

pub use error::{AnalyticsError, AnalyticsResult};
pub use progress::{Progress, Silent};
