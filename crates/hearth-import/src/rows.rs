//! A file's rows as records: each column mapped to a field of the entity's table, its numbers
//! and dates read as the column writes them (told from its first rows), then set through the
//! field's own `write` and the record validated; every problem named by line and column.

use crate::coerce::{date_formats, detect_decimal_mark, iso, normalize_number, parse_date};
use crate::coerce::{DateFormat, DecimalMark};
use crate::reconcile::References;
use hearth_domain::entity::{field_of, Entity, FieldKind, FieldRef, Places};
use hearth_domain::list::{fold, Field};
use hearth_domain::{CustomFieldDef, Problem, Validate};

/// How one column is read.
pub struct ColumnPlan<E: Entity> {
    /// The column's header as the file has it.
    pub header: String,
    /// The field it sets, if any (an unmapped column is skipped).
    pub field: Option<FieldRef<E>>,
    /// Its numbers' decimal mark.
    pub decimal: DecimalMark,
    /// Its dates' format, for a date field (the first that fits its samples; the user may choose
    /// another when [`ColumnPlan::date_choices`] holds more than one).
    pub date: Option<DateFormat>,
    /// The date formats its samples fit.
    pub date_choices: Vec<DateFormat>,
}

/// How every column of a file is read.
pub struct Plan<E: Entity> {
    /// One per column, in the file's order.
    pub columns: Vec<ColumnPlan<E>>,
    /// Column indices in the order their fields are set: the field table's (an order line's
    /// quantity before its amount), custom fields last.
    write_order: Vec<usize>,
    /// Built-in options by their label in the user's language (folded): a file exported in
    /// Chinese says 客户 where the field's option is `customer`.
    option_labels: std::collections::HashMap<String, &'static str>,
}

/// A cell that could not be imported.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RowProblem {
    /// The line of the file the row starts on (the header is line 1).
    pub line: u64,
    /// The column's header, or the field's key when the problem is the record's as a whole.
    pub column: String,
    /// What is wrong.
    pub problem: Problem,
}

impl<E: Entity> Plan<E> {
    /// The plan for `headers` mapped to `mapping` (a field, or `None`, per header; see
    /// [`crate::mapping::suggest`]), fields looked up among `E`'s importable ones and `custom`;
    /// decimal marks and date formats are told from `samples`, the file's first rows.
    pub fn new(
        headers: &[String],
        mapping: &[Option<Field>],
        custom: &[CustomFieldDef],
        samples: &[Vec<String>],
    ) -> Plan<E> {
        let columns = headers
            .iter()
            .enumerate()
            .map(|(at, header)| {
                let field = mapping
                    .get(at)
                    .cloned()
                    .flatten()
                    .and_then(|field| field_of::<E>(&field, custom))
                    .filter(|field| field.is_in(Places::IMPORT));
                let cells = || {
                    samples
                        .iter()
                        .filter_map(move |row| row.get(at).map(String::as_str))
                };
                let date_choices = match field.as_ref().map(FieldRef::kind) {
                    Some(FieldKind::Date) => date_formats(cells()),
                    _ => Vec::new(),
                };
                ColumnPlan {
                    header: header.clone(),
                    decimal: detect_decimal_mark(cells()),
                    date: date_choices.first().copied(),
                    date_choices,
                    field,
                }
            })
            .collect::<Vec<ColumnPlan<E>>>();
        let mut write_order: Vec<usize> = (0..columns.len()).collect();
        write_order.sort_by_key(|at| match &columns[*at].field {
            Some(FieldRef::Builtin(field)) => E::fields()
                .iter()
                .position(|builtin| builtin.key == field.key)
                .unwrap_or(usize::MAX),
            _ => usize::MAX,
        });
        Plan {
            columns,
            write_order,
            option_labels: Default::default(),
        }
    }

    /// Reads each built-in select option also by its label: `labels` holds (label, option key)
    /// pairs, as the user's language writes them.
    pub fn with_option_labels(mut self, labels: &[(String, String)]) -> Plan<E> {
        for column in &self.columns {
            let Some(FieldKind::Select(options)) = column.field.as_ref().map(FieldRef::kind) else {
                continue;
            };
            for (label, key) in labels {
                if let Some(option) = options.iter().find(|option| **option == key.as_str()) {
                    self.option_labels.insert(fold(label.trim()), option);
                }
            }
        }
        self
    }

    /// The record row `cells` (starting on `line`) describes, set on a copy of `base` (a blank
    /// record, or the stored one an upsert updates), then validated; or every problem it has.
    /// A reference (a person's company) is written by name and found through `references`.
    pub fn record(
        &self,
        base: &E,
        cells: &[&str],
        line: u64,
        references: &mut dyn References,
    ) -> Result<E, Vec<RowProblem>>
    where
        E: Validate,
    {
        let mut record = base.clone();
        let mut problems = Vec::new();
        for at in &self.write_order {
            let (Some(column), Some(cell)) = (self.columns.get(*at), cells.get(*at)) else {
                continue;
            };
            let Some(field) = &column.field else {
                continue;
            };
            let text = match canonical(field.kind(), cell, column, references) {
                Ok(text) if matches!(field.kind(), FieldKind::Select(_)) => self
                    .option_labels
                    .get(&fold(&text))
                    .map_or(text, |key| key.to_string()),
                Ok(text) => text,
                Err(problem) => {
                    problems.push(RowProblem {
                        line,
                        column: column.header.clone(),
                        problem,
                    });
                    continue;
                }
            };
            if let Err(problem) = field.write(&mut record, &text) {
                problems.push(RowProblem {
                    line,
                    column: column.header.clone(),
                    problem,
                });
            }
        }
        if problems.is_empty() {
            if let Err(errors) = record.validate() {
                problems.extend(errors.into_iter().map(|error| RowProblem {
                    line,
                    column: self.header_of(&error.field),
                    problem: error.problem,
                }));
            }
        }
        if problems.is_empty() {
            Ok(record)
        } else {
            Err(problems)
        }
    }

    /// The cell of the column that sets `field`, if one does.
    pub fn cell_of<'a>(&self, field: &Field, cells: &[&'a str]) -> Option<&'a str> {
        let at = self.columns.iter().position(|column| {
            column.field.as_ref().map(FieldRef::field).as_ref() == Some(field)
        })?;
        cells.get(at).copied()
    }

    /// The header of the column that sets the field a validation error names (`emails[1]`:
    /// the emails column; `lines[2].quantity`: the quantity column), or the field's key when no
    /// column does.
    fn header_of(&self, field: &str) -> String {
        let key = field.split('[').next().unwrap_or(field);
        let part = field.rsplit_once('.').map(|(_, part)| part);
        let column_of = |key: &str| {
            self.columns
                .iter()
                .find(|column| match column.field.as_ref().map(FieldRef::field) {
                    Some(Field::Builtin(builtin)) => builtin == key,
                    Some(Field::Custom(custom)) => custom == key,
                    None => false,
                })
                .map(|column| column.header.clone())
        };
        column_of(key)
            .or_else(|| part.and_then(column_of))
            .unwrap_or_else(|| key.to_string())
    }
}

/// A cell's text as the field's `write` reads it: numbers as plain decimals, dates as ISO; other
/// kinds as they are.
fn canonical<E: Entity>(
    kind: FieldKind,
    cell: &str,
    column: &ColumnPlan<E>,
    references: &mut dyn References,
) -> Result<String, Problem> {
    // A cell a spreadsheet-safe export guarded (`'+1 555…`) reads as it was.
    let cell = hearth_domain::export::unguarded(cell.trim());
    if cell.is_empty() {
        return Ok(String::new());
    }
    match kind {
        FieldKind::Number | FieldKind::Currency => {
            normalize_number(cell, column.decimal).ok_or(Problem::InvalidNumber)
        }
        FieldKind::Date => {
            let format = column.date.ok_or(Problem::InvalidDate)?;
            parse_date(cell, format)
                .map(iso)
                .ok_or(Problem::InvalidDate)
        }
        FieldKind::Reference(kind) => references.resolve(kind, cell).map(|id| id.to_string()),
        FieldKind::Stage => references.stage(cell),
        _ => Ok(cell.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::suggest;
    use crate::reconcile::Names;
    use chrono::{DateTime, TimeZone, Utc};
    use hearth_domain::entity::fields_of;
    use hearth_domain::{
        Cents, Company, CustomFieldKind, CustomValue, EntityKind, Person, Product,
    };
    use proptest::prelude::*;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
    }

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    fn since() -> CustomFieldDef {
        CustomFieldDef {
            id: hearth_domain::CustomFieldId(1),
            revision: 0,
            uid: Default::default(),
            entity: EntityKind::Person,
            key: "customer_since".into(),
            label: "Customer since".into(),
            kind: CustomFieldKind::Date,
            created_at: at(),
            updated_at: at(),
        }
    }

    fn cells(row: &[String]) -> Vec<&str> {
        row.iter().map(String::as_str).collect()
    }

    #[test]
    fn good_rows_become_records_and_bad_ones_name_line_column_and_reason() {
        let headers = strings(&["姓名", "邮箱", "Customer since", "Note"]);
        let custom = [since()];
        let mapping = suggest::<Person>(&headers, &custom);
        let rows = [
            strings(&["王小明", "wang@example.cn", "24.12.2025", "x"]),
            strings(&["Ada Lovelace", "not-an-email", "01.03.2026", ""]),
            strings(&["", "", "31.02.2026", ""]),
        ];
        let plan = Plan::<Person>::new(&headers, &mapping, &custom, &rows);
        assert_eq!(plan.columns[2].date, Some(DateFormat::Dotted));
        let blank = Person::blank(at());
        let wang = plan
            .record(&blank, &cells(&rows[0]), 2, &mut Names::none())
            .unwrap();
        assert_eq!(
            (wang.first_name.as_str(), wang.last_name.as_str()),
            ("小明", "王")
        );
        assert_eq!(wang.emails, ["wang@example.cn"]);
        assert_eq!(
            wang.custom["customer_since"],
            CustomValue::Date(chrono::NaiveDate::from_ymd_opt(2025, 12, 24).unwrap())
        );
        let ada = plan
            .record(&blank, &cells(&rows[1]), 3, &mut Names::none())
            .unwrap_err();
        assert_eq!(
            ada,
            [RowProblem {
                line: 3,
                column: "邮箱".into(),
                problem: Problem::InvalidEmail
            }]
        );
        let empty = plan
            .record(&blank, &cells(&rows[2]), 4, &mut Names::none())
            .unwrap_err();
        assert_eq!(
            empty,
            [RowProblem {
                line: 4,
                column: "Customer since".into(),
                problem: Problem::InvalidDate
            }]
        );
    }

    #[test]
    fn decimal_commas_and_currency_signs_read_as_prices() {
        let headers = strings(&["SKU", "Name", "Price"]);
        let mapping = suggest::<Product>(&headers, &[]);
        let rows = [
            strings(&["A-1", "Kaffee", "1.299,00 €"]),
            strings(&["A-2", "Tee", "3,20"]),
        ];
        let plan = Plan::<Product>::new(&headers, &mapping, &[], &rows);
        let blank = Product::blank(at());
        let tea = plan
            .record(&blank, &["A-2", "Tee", "3,20"], 3, &mut Names::none())
            .unwrap();
        assert_eq!(tea.unit_price, Cents(320));
        let coffee = plan
            .record(
                &blank,
                &["A-1", "Kaffee", "1.299,00 €"],
                2,
                &mut Names::none(),
            )
            .unwrap();
        assert_eq!(coffee.unit_price, Cents(129_900));
        let bad = plan
            .record(&blank, &["A-3", "Milch", "gratis"], 4, &mut Names::none())
            .unwrap_err();
        assert_eq!(bad[0].column, "Price");
        assert_eq!(bad[0].problem, Problem::InvalidNumber);
    }

    /// A record exported with the text its form shows, one column per importable field, and
    /// imported again through the mapping its own keys suggest.
    fn round_trip<E: Entity + Validate>(record: &E, blank: &E) -> E {
        let fields: Vec<FieldRef<E>> = fields_of::<E>(&[])
            .into_iter()
            .filter(|f| f.is_in(Places::IMPORT) && f.is_in(Places::FORM))
            .collect();
        let headers: Vec<String> = fields
            .iter()
            .map(|f| match f.field() {
                Field::Builtin(key) => key.to_string(),
                Field::Custom(key) => key,
            })
            .collect();
        let row: Vec<String> = fields.iter().map(|f| f.edit_text(record)).collect();
        let mapping = suggest::<E>(&headers, &[]);
        let plan = Plan::<E>::new(&headers, &mapping, &[], std::slice::from_ref(&row));
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        plan.record(blank, &cells, 2, &mut Names::none())
            .expect("an exported record imports")
    }

    proptest! {
        /// Records written out as their fields' texts import back to the same records.
        #[test]
        fn records_survive_export_and_import(
            first in "[A-Za-zé]{1,8}",
            last in "[A-Za-z]{0,8}",
            local in "[a-z]{1,8}",
            tags in proptest::collection::vec("[a-z]{1,6}", 0..3),
            employees in proptest::option::of(0u32..1_000_000),
            cents in 1i64..100_000_000,
            active in any::<bool>(),
        ) {
            let mut person = Person::blank(at());
            person.first_name = first;
            person.last_name = last;
            person.emails = vec![format!("{local}@example.org")];
            person.tags = tags.clone();
            person.job_title = "Engineer".into();
            prop_assert_eq!(round_trip(&person, &Person::blank(at())), person);

            let mut company = Company::blank(at());
            company.name = format!("{local} Ltd");
            company.employees = employees;
            company.tags = tags;
            prop_assert_eq!(round_trip(&company, &Company::blank(at())), company);

            let product = Product {
                revision: 1,
                sku: format!("SKU-{local}"),
                name: local.clone(),
                unit_price: Cents(cents),
                active,
                ..Product::blank(at())
            };
            let imported = round_trip(&product, &Product { revision: 1, ..Product::blank(at()) });
            prop_assert_eq!(imported, product);
        }

        /// No row makes the importer panic, whatever its cells.
        #[test]
        fn no_row_panics(cells in proptest::collection::vec("\\PC{0,12}", 0..6)) {
            let headers = strings(&["First name", "Email", "Employees", "Price", "Customer since", "Tags"]);
            let custom = [since()];
            let people = Plan::<Person>::new(&headers, &suggest::<Person>(&headers, &custom), &custom, std::slice::from_ref(&cells));
            let companies = Plan::<Company>::new(&headers, &suggest::<Company>(&headers, &[]), &[], std::slice::from_ref(&cells));
            let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
            let _ = people.record(&Person::blank(at()), &refs, 2, &mut Names::new(true).with(EntityKind::Company, [], 1));
            let _ = companies.record(&Company::blank(at()), &refs, 2, &mut Names::new(true).with(EntityKind::Company, [], 1));
        }
    }
}
