//! Reusable pieces of the page: the header, the navigation, record counts, progress,
//! the chart widget, the people list.

pub mod bar_chart;
pub mod command_palette;
pub mod count_card;
pub mod header;
pub mod nav;
pub mod people_list;
pub mod progress;
pub mod save_outcome;
pub mod task_reminders;
pub mod undo_bar;
