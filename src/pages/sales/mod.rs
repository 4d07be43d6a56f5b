//! The sales pillar: products so far (their list and each product's page).

pub mod product;
pub mod products;
