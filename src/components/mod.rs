//! Reusable pieces of the page: the header, the navigation, record counts, progress,
//! the chart widget.

pub mod bar_chart;
pub mod count_card;
pub mod header;
pub mod nav;
pub mod progress;
