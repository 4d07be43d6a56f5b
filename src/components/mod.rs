//! Reusable pieces of the page: the header, the navigation, record counts, progress,
//! the chart widget, the record lists, the kanban board.

pub mod board;
pub mod chart;
pub mod choice;
pub mod command_palette;
pub mod count_card;
pub mod custom_fields;
pub mod download;
pub mod header;
pub mod nav;
pub mod progress;
pub mod record_form;
pub mod record_list;
pub mod record_page;
pub mod report_table;
pub mod save_outcome;
pub mod task_reminders;
pub mod timeline;
pub mod undo_bar;
