//! Small per-browser preferences (language, theme) kept in localStorage, and applying them to the page.
//!
//! Records live in IndexedDB (see `store`); only these few bytes use localStorage, under the app's prefix.

use crate::i18n::Lang;
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const LANG_KEY: &str = "hearth-crm.lang";
const THEME_KEY: &str = "hearth-crm.theme";
const USER_NAME_KEY: &str = "hearth-crm.user-name";
const WORKSPACE_KEPT_KEY: &str = "hearth-crm.workspace-kept";

/// Whether this browser has held a workspace before: an empty database then means the data was
/// cleared (by the browser or the user), not a first visit.
pub fn workspace_was_kept() -> bool {
    LocalStorage::get::<bool>(WORKSPACE_KEPT_KEY).unwrap_or(false)
}

/// Notes that this browser holds a workspace (see [`workspace_was_kept`]).
pub fn note_workspace_kept() {
    let _ = LocalStorage::set(WORKSPACE_KEPT_KEY, true);
}

/// The colour theme the user chose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follow the operating system's light/dark setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every theme, in the order the settings page lists them.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The `data-theme` attribute value, or `None` to let CSS follow the system.
    fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

fn document_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// Whether the page currently shows dark colours (the chosen theme, or the system's when following it).
pub fn is_dark(theme: Theme) -> bool {
    match theme {
        Theme::Light => false,
        Theme::Dark => true,
        Theme::System => web_sys::window()
            .and_then(|window| {
                window
                    .match_media("(prefers-color-scheme: dark)")
                    .ok()
                    .flatten()
            })
            .is_some_and(|query| query.matches()),
    }
}

/// The saved language, else the browser's.
pub fn load_lang() -> Lang {
    LocalStorage::get(LANG_KEY).unwrap_or_else(|_| {
        let browser_tag = web_sys::window()
            .and_then(|window| window.navigator().language())
            .unwrap_or_default();
        Lang::from_browser_tag(&browser_tag)
    })
}

/// The saved theme, else following the system.
pub fn load_theme() -> Theme {
    LocalStorage::get(THEME_KEY).unwrap_or_default()
}

/// Saves the language and sets `<html lang>`.
pub fn apply_lang(lang: Lang) {
    // A full or blocked localStorage only costs persistence; the page still switches.
    let _ = LocalStorage::set(LANG_KEY, lang);
    if let Some(root) = document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// Saves the theme and sets `<html data-theme>`, which the stylesheet keys its colours on.
pub fn apply_theme(theme: Theme) {
    let _ = LocalStorage::set(THEME_KEY, theme);
    if let Some(root) = document_element() {
        let _ = match theme.attribute() {
            Some(value) => root.set_attribute("data-theme", value),
            None => root.remove_attribute("data-theme"),
        };
    }
}

/// The name the user goes by in this browser (for "my tasks" and as the author of what they log).
pub fn load_user_name() -> String {
    LocalStorage::get(USER_NAME_KEY).unwrap_or_default()
}

/// Saves the user's name.
pub fn save_user_name(name: &str) {
    let _ = LocalStorage::set(USER_NAME_KEY, name.trim());
}

/// Where the mapping of a file's columns is remembered: one key per entity and header shape.
fn import_mapping_key(entity: &str, headers: &[String]) -> String {
    // FNV-1a over the headers: the same columns in the same order find the same mapping.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in headers.join("\u{1f}").bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("hearth-crm.import-mapping.{entity}.{hash:016x}")
}

/// The mapping the user last chose for a file of `entity` with these `headers`, if any.
pub fn load_import_mapping(
    entity: &str,
    headers: &[String],
) -> Option<Vec<Option<hearth_domain::list::Field>>> {
    let mapping: Vec<Option<hearth_domain::list::Field>> =
        LocalStorage::get(import_mapping_key(entity, headers)).ok()?;
    (mapping.len() == headers.len()).then_some(mapping)
}

/// Remembers the mapping chosen for a file of `entity` with these `headers`.
pub fn save_import_mapping(
    entity: &str,
    headers: &[String],
    mapping: &[Option<hearth_domain::list::Field>],
) {
    let _ = LocalStorage::set(import_mapping_key(entity, headers), mapping);
}

const LAST_BACKUP_KEY: &str = "hearth-crm.last-backup";
const BACKUP_REMINDER_KEY: &str = "hearth-crm.backup-reminder-days";

/// When the last backup was made in this browser (milliseconds since 1970).
pub fn load_last_backup() -> Option<i64> {
    LocalStorage::get(LAST_BACKUP_KEY).ok()
}

/// Remembers that a backup was made `at` (milliseconds since 1970).
pub fn save_last_backup(at: i64) {
    let _ = LocalStorage::set(LAST_BACKUP_KEY, at);
}

/// After how many days without a backup Settings reminds the user (7 unless chosen).
pub fn load_backup_reminder_days() -> u32 {
    LocalStorage::get(BACKUP_REMINDER_KEY).unwrap_or(7)
}

/// Sets the reminder's days.
pub fn save_backup_reminder_days(days: u32) {
    let _ = LocalStorage::set(BACKUP_REMINDER_KEY, days);
}

const STALE_DAYS_KEY: &str = "hearth-crm.stale-deal-days";

/// After how many days without an activity or a change an open deal is marked stale (14 unless
/// chosen).
pub fn load_stale_days() -> u32 {
    LocalStorage::get(STALE_DAYS_KEY).unwrap_or(14)
}

/// Sets the stale mark's days.
pub fn save_stale_days(days: u32) {
    let _ = LocalStorage::set(STALE_DAYS_KEY, days);
}
