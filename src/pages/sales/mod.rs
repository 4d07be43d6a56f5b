//! The sales pillar: deals and orders (their lists), products (their list and each product's
//! page).

pub mod deals;
pub mod orders;
pub mod product;
pub mod products;
pub mod reports;
