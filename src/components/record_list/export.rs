//! A list view as a CSV download: its columns and its results, each cell spreadsheet-safe.

use super::*;
use crate::components::download::csv_file;

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
    let header: Vec<String> = columns
        .iter()
        .map(|field| label_text(&field.label(), lang))
        .collect();
    let rows = results.iter().map(|&index| {
        columns
            .iter()
            .map(|field| cell_text(&rows[index], field, lang))
            .collect()
    });
    csv_file(std::iter::once(header).chain(rows))
}
