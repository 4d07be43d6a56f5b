//! A list's rows and fields with the kind of record erased: what the table, the column chooser
//! and the bulk toolbar read. Their views then compile once, not once per kind of record (each
//! copy of a generic view costs the page's wasm kilobytes); only this small adapter is per kind.

use super::bulk::BulkEdit;
use super::*;

/// A column the table shows.
#[derive(Clone, PartialEq)]
pub(super) struct Column {
    /// Its field.
    pub field: Field,
    /// Its header.
    pub label: Label,
    /// Whether the list sorts by it.
    pub sortable: bool,
}

/// A list's rows, by position in store order, seen through their entity's field table.
pub(super) trait ListModel: Send + Sync {
    /// The id of the row at `at`.
    fn id(&self, at: usize) -> u32;
    /// The name of the row at `at`.
    fn name(&self, at: usize) -> String;
    /// The columns of `fields` the entity has (a saved view may name a custom field since deleted).
    fn columns(&self, fields: &[Field]) -> Vec<Column>;
    /// What the row at `at` shows in each of `columns`.
    fn cells(&self, at: usize, columns: &[Column], lang: Lang) -> Vec<String>;
    /// The field that names a record: its cell links to the record's page.
    fn name_field(&self) -> Field;
    /// The entity's fields at `place`, each with its label.
    fn fields_at(&self, place: Places) -> Vec<(Field, Label)>;
    /// The options of `field` when the bulk toolbar can set it (`Some(empty)` for free text).
    fn bulk_options(&self, field: &Field) -> Option<Vec<(String, Label)>>;
    /// The write applying `edit` to the records `ids`, and each of them as that write stores it
    /// (one revision up) but unedited: what undo puts back. Problems are told in `lang`.
    fn bulk_changes(
        &self,
        ids: &HashSet<u32>,
        edit: &BulkEdit,
        lang: Lang,
    ) -> Result<(ChangeSet, Vec<TrashedRecord>), String>;
    /// The records `ids`, as the trash takes them.
    fn trashed(&self, ids: &HashSet<u32>) -> Vec<TrashedRecord>;
}

impl<K: ListKind> ListData<K> {
    fn field(&self, field: &Field) -> Option<FieldRef<K::Entity>> {
        field_of::<K::Entity>(field, &self.custom_fields)
    }

    fn selected<'a>(&'a self, ids: &'a HashSet<u32>) -> impl Iterator<Item = &'a RowOf<K>> {
        self.rows
            .iter()
            .filter(move |row| ids.contains(&row.id()))
            .map(|row| &**row)
    }
}

impl<K: ListKind> ListModel for ListData<K> {
    fn id(&self, at: usize) -> u32 {
        self.rows[at].id()
    }

    fn name(&self, at: usize) -> String {
        self.rows[at].name()
    }

    fn columns(&self, fields: &[Field]) -> Vec<Column> {
        fields
            .iter()
            .filter_map(|field| self.field(field))
            .map(|field| Column {
                field: field.field(),
                label: field.label(),
                sortable: field.is_in(Places::SORT),
            })
            .collect()
    }

    fn name_field(&self) -> Field {
        Field::builtin(<K::Entity as Entity>::NAME_FIELD)
    }

    fn cells(&self, at: usize, columns: &[Column], lang: Lang) -> Vec<String> {
        let row = &self.rows[at];
        columns
            .iter()
            .map(|column| {
                self.field(&column.field)
                    .map(|field| cell_text(row, &field, lang))
                    .unwrap_or_default()
            })
            .collect()
    }

    fn fields_at(&self, place: Places) -> Vec<(Field, Label)> {
        fields_at::<K::Entity>(&self.custom_fields, place)
    }

    fn bulk_options(&self, field: &Field) -> Option<Vec<(String, Label)>> {
        field_of::<K::Entity>(field, &[])
            .filter(|field| field.is_in(Places::BULK))
            .map(|field| field.options())
    }

    fn bulk_changes(
        &self,
        ids: &HashSet<u32>,
        edit: &BulkEdit,
        lang: Lang,
    ) -> Result<(ChangeSet, Vec<TrashedRecord>), String> {
        let now = now_utc();
        let by = crate::settings::load_user_name();
        let mut changes = ChangeSet::default();
        let mut before = Vec::new();
        for row in self.selected(ids) {
            let record = &row.record;
            let mut after = record.clone();
            edit.apply(&mut after, &row.joined, &self.custom_fields, now)
                .map_err(|problem| {
                    format!(
                        "{} {}",
                        Msg::Value.text(lang),
                        Msg::for_problem(&problem).text(lang)
                    )
                })?;
            after.changed_from(record, &by, now);
            changes
                .put(&after)
                .map_err(|e| store_error_text(&e, lang))?;
            let mut undone = record.clone();
            undone.set_revision(record.revision() + 1);
            before.push(undone.into());
        }
        Ok((changes, before))
    }

    fn trashed(&self, ids: &HashSet<u32>) -> Vec<TrashedRecord> {
        self.selected(ids)
            .map(|row| row.record.clone().into())
            .collect()
    }
}
