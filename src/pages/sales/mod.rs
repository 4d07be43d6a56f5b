//! The sales pillar: deals (their list, board with the stage editor, and each deal's page) and orders (their list), products (their list and each product's
//! page).

pub mod board;
pub mod deal;
pub mod deals;
pub mod lines;
pub mod order;
pub mod orders;
pub mod product;
pub mod products;
pub mod reports;
pub mod stages;
