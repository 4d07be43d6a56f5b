//! A list view as a CSV download: its columns and its results, each cell spreadsheet-safe.

use super::*;

/// The rows at `results` as CSV in UTF-8 with a byte order mark: a header of column labels, then
/// one line per row with the cells as the table shows them, each safe to open in a spreadsheet.
pub(super) fn list_csv<E: Entity>(
    rows: &[Arc<EntityRow<E>>],
    results: &[usize],
    columns: &[Field],
    custom_fields: &[CustomFieldDef],
    lang: Lang,
) -> String {
    let columns: Vec<FieldRef<E>> = resolved::<E>(columns, custom_fields)
        .into_iter()
        .filter(|field| field.is_in(Places::EXPORT))
        .collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header: Vec<String> = columns
        .iter()
        .map(|field| label_text(&field.label(), lang))
        .collect();
    let _ = writer.write_record(
        header
            .iter()
            .map(|cell| spreadsheet_safe(cell).into_owned()),
    );
    for &index in results {
        let cells: Vec<String> = columns
            .iter()
            .map(|field| cell_text(&rows[index], field, lang))
            .collect();
        let _ = writer.write_record(cells.iter().map(|cell| spreadsheet_safe(cell).into_owned()));
    }
    let csv = String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default();
    // A byte order mark first: spreadsheet programs then read the file as UTF-8 (Chinese and
    // accented names intact) instead of the system's legacy code page.
    format!("\u{feff}{csv}")
}
