//! A file's rows against the stored records: each row finds the record it updates by the upsert
//! key the user chose (external id, email, SKU, name) or becomes a new one, numbered in the
//! file's order; rows that change nothing are told apart from rows that do; references by name
//! (a person's company) find their record or create it, as the user chose. The result comes in
//! batches the shell writes one transaction each, carrying what reverting the import needs.

use crate::coerce::DateFormat;
use crate::rows::{Plan, RowProblem};
use crate::source::{csv_reader, headers, malformed, Decoding, FileError, FileShape, SAMPLE_ROWS};
use chrono::{DateTime, Utc};
use hearth_domain::entity::{field_of, split_list, Entity, FieldKind, FieldRef};
use hearth_domain::imports::ImportCounts;
use hearth_domain::list::{fold, Field, Value};
use hearth_domain::validate::is_valid_email;
use hearth_domain::{Company, CompanyId, CustomFieldDef, EntityKind, Person, PersonId, Problem};
use hearth_domain::{Product, ProductId, Validate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::io::Read;

/// Problems kept for the report; a file with more says how many it left out.
pub const MAX_PROBLEMS: usize = 20_000;

/// How the user chose to import a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportSettings {
    /// Its encoding and delimiter.
    pub shape: FileShape,
    /// Per column, the field it sets (`None`: skipped).
    pub mapping: Vec<Option<Field>>,
    /// Per column, the date format the user chose (`None`: the one its rows fit first).
    pub dates: Vec<Option<DateFormat>>,
    /// The field that finds the record a row updates; `None` makes every row a new record.
    pub upsert_key: Option<Field>,
    /// Whether a reference to a record that does not exist (a company by name) creates it, rather
    /// than rejecting the row.
    pub create_missing: bool,
    /// Built-in options by their label in the user's language, as (label, option key).
    #[serde(default)]
    pub option_labels: Vec<(String, String)>,
}

/// What one record's rows did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordOutcome {
    /// A new record with this id.
    Created(u32),
    /// The record with this id changed.
    Updated(u32),
    /// The record with this id already held what the row says.
    Unchanged(u32),
    /// The row has problems; nothing of it is written.
    Invalid,
}

/// A referenced record an import creates: only its name is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReference {
    /// Its kind.
    pub kind: EntityKind,
    /// The id it gets.
    pub id: u32,
    /// Its name as the file writes it.
    pub name: String,
}

impl NewReference {
    /// The company it creates, created `at`.
    pub fn company(&self, at: DateTime<Utc>) -> Company {
        let mut company = Company::blank(at);
        company.id = CompanyId(self.id);
        company.name = self.name.clone();
        company
    }

    /// The person it creates, created `at`: named by an email (its local part the first name) or
    /// an external id (also the first name, until someone types the real one).
    pub fn person(&self, at: DateTime<Utc>) -> Person {
        let mut person = Person::blank(at);
        person.id = PersonId(self.id);
        match self.name.split_once('@') {
            Some((local, _)) => {
                person.first_name = local.to_string();
                person.emails = vec![self.name.clone()];
            }
            None => {
                person.first_name = self.name.clone();
                person.external_id = self.name.clone();
            }
        }
        person
    }

    /// The product it creates, created `at`: the name is also its SKU, its price 0.
    pub fn product(&self, at: DateTime<Utc>) -> Product {
        let mut product = Product::blank(at);
        product.id = ProductId(self.id);
        product.sku = self.name.clone();
        product.name = self.name.clone();
        product
    }
}

/// The records of one kind a file may name, by folded key.
struct Known {
    by_key: HashMap<String, u32>,
    next_id: u32,
}

/// The records a file's rows may name (a person's company, an order's customer and products), by
/// the texts they are named by ([`Entity::reference_keys`]).
pub struct Names {
    known: HashMap<EntityKind, Known>,
    /// A deal's stages by folded name, each as its [`hearth_domain::entity::stage_text`].
    stages: HashMap<String, String>,
    create_missing: bool,
    created: Vec<NewReference>,
}

impl Names {
    /// No records yet; a reference to a missing one creates it when `create_missing`.
    pub fn new(create_missing: bool) -> Names {
        Names {
            known: HashMap::new(),
            stages: HashMap::new(),
            create_missing,
            created: Vec::new(),
        }
    }

    /// No references: an entity without reference fields.
    pub fn none() -> Names {
        Names::new(false)
    }

    /// Adds the records of `kind` as (id, the texts naming it), new ones numbered from `next_id`;
    /// the oldest record named by a text wins, as a user would look it up.
    pub fn with(
        mut self,
        kind: EntityKind,
        records: impl IntoIterator<Item = (u32, Vec<String>)>,
        next_id: u32,
    ) -> Names {
        let mut by_key = HashMap::new();
        for (id, keys) in records {
            for key in keys {
                let key = fold(key.trim());
                if !key.is_empty() {
                    by_key.entry(key).or_insert(id);
                }
            }
        }
        self.known.insert(kind, Known { by_key, next_id });
        self
    }

    /// Adds the stages a deal's row may name: (stage text, the texts naming it), the first
    /// named by a text winning. A stage is never created by an import.
    pub fn with_stages(mut self, stages: impl IntoIterator<Item = (String, Vec<String>)>) -> Names {
        for (stage, keys) in stages {
            for key in keys {
                self.stages
                    .entry(fold(key.trim()))
                    .or_insert_with(|| stage.clone());
            }
        }
        self
    }

    /// The id of the record of `kind` named `name`, created if the user chose so.
    fn resolve(&mut self, kind: EntityKind, name: &str) -> Result<u32, Problem> {
        let known = self.known.get_mut(&kind).ok_or(Problem::NoSuchRecord)?;
        let folded = fold(name.trim());
        if let Some(id) = known.by_key.get(&folded) {
            return Ok(*id);
        }
        if !self.create_missing {
            return Err(Problem::NoSuchRecord);
        }
        if kind == EntityKind::Person && name.contains('@') && !is_valid_email(name.trim()) {
            return Err(Problem::InvalidEmail);
        }
        let id = known.next_id;
        known.next_id += 1;
        known.by_key.insert(folded, id);
        self.created.push(NewReference {
            kind,
            id,
            name: name.trim().to_string(),
        });
        Ok(id)
    }

    /// Forgets what was created since `mark` (a row that turned out invalid creates nothing).
    fn roll_back(&mut self, mark: usize) {
        for reference in self.created.drain(mark..) {
            if let Some(known) = self.known.get_mut(&reference.kind) {
                known.by_key.remove(&fold(&reference.name));
                known.next_id = known.next_id.min(reference.id);
            }
        }
    }
}

/// Resolves the references of a row (see [`Plan::record`]).
pub trait References {
    /// The id of the record of `kind` that `name` names.
    fn resolve(&mut self, kind: EntityKind, name: &str) -> Result<u32, Problem>;
    /// The deal stage `name` names, as its [`hearth_domain::entity::stage_text`].
    fn stage(&mut self, name: &str) -> Result<String, Problem>;
}

impl References for Names {
    fn resolve(&mut self, kind: EntityKind, name: &str) -> Result<u32, Problem> {
        Names::resolve(self, kind, name)
    }
    fn stage(&mut self, name: &str) -> Result<String, Problem> {
        self.stages
            .get(&fold(name.trim()))
            .cloned()
            .ok_or(Problem::NoSuchRecord)
    }
}

/// What one transaction writes: records with the revision they are expected to have (0: new), and
/// what reverting needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch<E> {
    /// Every record to write, in id order, each expected to be stored at its revision.
    pub writes: Vec<E>,
    /// Ids this batch creates (first written by this import).
    pub created: Vec<u32>,
    /// The copies before this import of records it updates for the first time.
    pub previous: Vec<E>,
    /// Referenced records to create first.
    pub references: Vec<NewReference>,
    /// Rows read up to the end of this batch.
    pub rows: u64,
}

impl<E> Batch<E> {
    /// Whether it writes nothing.
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty() && self.references.is_empty()
    }
}

/// Matches rows to stored records and keeps the latest copy of each, as it will be stored.
pub struct Reconciler<E: Entity> {
    key: Option<FieldRef<E>>,
    by_key: HashMap<String, u32>,
    current: HashMap<u32, E>,
    pending: BTreeMap<u32, E>,
    /// Ids whose pre-import copy a batch carried already, or that this import created.
    saved: std::collections::HashSet<u32>,
    created_pending: Vec<u32>,
    previous_pending: Vec<E>,
    next_id: u32,
    now: DateTime<Utc>,
}

/// The folded texts of `field` on `record` that find it (each email of a person).
fn keys_of<E: Entity>(field: &FieldRef<E>, record: &E) -> Vec<String> {
    let texts = match field.read(record, &E::Joined::default()) {
        Value::Text(text) => vec![text],
        Value::List(items) => items,
        Value::Number(n) => vec![n.to_string()],
        _ => Vec::new(),
    };
    texts
        .iter()
        .map(|text| fold(text.trim()))
        .filter(|key| !key.is_empty())
        .collect()
}

impl<E: Entity + Validate> Reconciler<E> {
    /// Rows matched to `existing` (live records) by `key`; new records numbered from `next_id`,
    /// created and updated `now`.
    pub fn new(
        existing: Vec<E>,
        key: Option<FieldRef<E>>,
        next_id: u32,
        now: DateTime<Utc>,
    ) -> Reconciler<E> {
        let mut by_key = HashMap::new();
        if let Some(key) = &key {
            for record in &existing {
                for text in keys_of(key, record) {
                    // The oldest record with a key wins, as a user would look it up.
                    by_key.entry(text).or_insert(record.id());
                }
            }
        }
        Reconciler {
            key,
            by_key,
            current: existing.into_iter().map(|r| (r.id(), r)).collect(),
            pending: BTreeMap::new(),
            saved: Default::default(),
            created_pending: Vec::new(),
            previous_pending: Vec::new(),
            next_id,
            now,
        }
    }

    /// Reads one record's rows through `plan` (one row, or an order's rows, see
    /// [`Entity::ROWS_ADD_PARTS`]) onto the record they update or a new one: all of them, or
    /// nothing and every problem they have.
    pub fn record(
        &mut self,
        plan: &Plan<E>,
        rows: &[(u64, Vec<&str>)],
        names: &mut Names,
    ) -> Result<RecordOutcome, Vec<RowProblem>> {
        let mark = names.created.len();
        let outcome = self.read_record(plan, rows, names);
        if outcome.is_err() {
            names.roll_back(mark);
        }
        outcome
    }

    fn read_record(
        &mut self,
        plan: &Plan<E>,
        rows: &[(u64, Vec<&str>)],
        names: &mut Names,
    ) -> Result<RecordOutcome, Vec<RowProblem>> {
        let Some((_, first_cells)) = rows.first() else {
            return Ok(RecordOutcome::Invalid);
        };
        let found = self.key.as_ref().and_then(|key| {
            let cell = plan.cell_of(&key.field(), first_cells)?;
            // A list key (a person's emails) finds the record by any of its items; any other
            // key by the whole cell, commas and all (order "A-2, refill").
            let texts = match key.kind() {
                FieldKind::Emails
                | FieldKind::Phones
                | FieldKind::Tags
                | FieldKind::MultiSelect => split_list(cell),
                _ => vec![cell.to_string()],
            };
            texts
                .iter()
                .find_map(|text| self.by_key.get(&fold(text.trim())).copied())
        });
        let stored = match found {
            Some(id) => match self.current.get(&id) {
                Some(stored) => Some(stored),
                None => return Ok(RecordOutcome::Invalid),
            },
            None => None,
        };
        let id = found.unwrap_or(self.next_id);
        let mut record = stored.cloned().unwrap_or_else(|| {
            let mut blank = E::blank(self.now);
            blank.set_id(id);
            blank
        });
        // The first rows of this import naming a record replace its parts; later ones add to them.
        let mut first = !self.saved.contains(&id);
        let mut problems = Vec::new();
        for (line, cells) in rows {
            if E::ROWS_ADD_PARTS {
                record.start_part(first);
                first = false;
            }
            match plan.record(&record, cells, *line, names) {
                Ok(read) => record = read,
                Err(found) => problems.extend(found),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let Some(stored) = stored else {
            self.next_id += 1;
            self.remember(record);
            self.created_pending.push(id);
            self.saved.insert(id);
            return Ok(RecordOutcome::Created(id));
        };
        if record == *stored {
            return Ok(RecordOutcome::Unchanged(id));
        }
        // An import names nobody: its history entries show it as an import.
        record.changed_from(stored, "", self.now);
        if self.saved.insert(id) {
            self.previous_pending.push(stored.clone());
        }
        self.remember(record);
        Ok(RecordOutcome::Updated(id))
    }

    /// Keeps `record` as the latest copy, findable by its keys.
    fn remember(&mut self, record: E) {
        if let Some(key) = &self.key {
            for text in keys_of(key, &record) {
                self.by_key.entry(text).or_insert(record.id());
            }
        }
        self.pending.insert(record.id(), record.clone());
        self.current.insert(record.id(), record);
    }

    /// What the rows since the last batch write, `rows` read so far; afterwards every written
    /// record counts as stored one revision up.
    pub fn take_batch(&mut self, names: &mut Names, rows: u64) -> Batch<E> {
        let writes: Vec<E> = std::mem::take(&mut self.pending).into_values().collect();
        for record in &writes {
            if let Some(stored) = self.current.get_mut(&record.id()) {
                bump_revision(stored);
            }
        }
        Batch {
            writes,
            created: std::mem::take(&mut self.created_pending),
            previous: std::mem::take(&mut self.previous_pending),
            references: std::mem::take(&mut names.created),
            rows,
        }
    }
}

fn bump_revision<E: Entity>(record: &mut E) {
    record.set_revision(record.revision() + 1);
}

/// A whole file read row by row into batches: the importer of the worker and the CLI.
pub struct Importer<E: Entity, R: Read> {
    reader: csv::Reader<Decoding<R>>,
    plan: Plan<E>,
    reconciler: Reconciler<E>,
    names: Names,
    buffered: std::collections::VecDeque<csv::StringRecord>,
    counts: ImportCounts,
    problems: Vec<RowProblem>,
    problems_left_out: u64,
    finished: bool,
}

impl<E: Entity + Validate, R: Read> Importer<E, R> {
    /// Starts reading `file` as `settings` say, matching rows to `existing` (live records of
    /// `E`, new ones numbered from `next_id`) and references to `names`, `custom` the user's
    /// fields; `now` is when the import runs.
    pub fn new(
        file: R,
        settings: &ImportSettings,
        custom: &[CustomFieldDef],
        existing: Vec<E>,
        next_id: u32,
        names: Names,
        now: DateTime<Utc>,
    ) -> Result<Importer<E, R>, FileError> {
        let decoding = Decoding::new(file, settings.shape.encoding);
        let mut reader = csv_reader(decoding, settings.shape.delimiter);
        let headers = headers(&mut reader)?;
        let mut buffered = std::collections::VecDeque::new();
        let mut record = csv::StringRecord::new();
        while buffered.len() < SAMPLE_ROWS {
            match reader.read_record(&mut record) {
                Ok(true) => buffered.push_back(record.clone()),
                Ok(false) => break,
                Err(error) => return Err(malformed(buffered.len() as u64 + 2, &error)),
            }
        }
        let samples: Vec<Vec<String>> = buffered
            .iter()
            .map(|row| row.iter().map(str::to_string).collect())
            .collect();
        let mut plan = Plan::<E>::new(&headers, &settings.mapping, custom, &samples)
            .with_option_labels(&settings.option_labels);
        for (column, chosen) in plan.columns.iter_mut().zip(&settings.dates) {
            if let Some(format) = chosen {
                column.date = Some(*format);
            }
        }
        let key = settings
            .upsert_key
            .as_ref()
            .and_then(|field| field_of::<E>(field, custom));
        Ok(Importer {
            reader,
            plan,
            reconciler: Reconciler::new(existing, key, next_id, now),
            names,
            buffered,
            counts: ImportCounts::default(),
            problems: Vec::new(),
            problems_left_out: 0,
            finished: false,
        })
    }

    /// Reads up to `rows` more rows (more, to finish an order's rows) and returns what they
    /// write, or `None` once the file is read. An order's rows always land in one batch.
    pub fn next_batch(&mut self, rows: usize) -> Result<Option<Batch<E>>, FileError> {
        if self.finished {
            return Ok(None);
        }
        let mut read = 0;
        let mut group: Vec<(u64, csv::StringRecord)> = Vec::new();
        let mut group_key = None;
        loop {
            let Some((line, row)) = self.next_row()? else {
                self.finished = true;
                break;
            };
            let key = self.group_key(&row);
            let same_record = E::ROWS_ADD_PARTS && key.is_some() && key == group_key;
            if !group.is_empty() && !same_record {
                self.reconcile(&group);
                group.clear();
                if read >= rows {
                    self.buffered.push_front(row);
                    break;
                }
            }
            group_key = key;
            group.push((line, row));
            read += 1;
        }
        if !group.is_empty() {
            self.reconcile(&group);
        }
        let batch = self
            .reconciler
            .take_batch(&mut self.names, self.counts.rows);
        self.counts.references_created += batch.references.len() as u64;
        if self.finished && read == 0 && batch.is_empty() {
            return Ok(None);
        }
        Ok(Some(batch))
    }

    /// The next row that is not blank (spreadsheets leave blank lines at the end) with its line.
    fn next_row(&mut self) -> Result<Option<(u64, csv::StringRecord)>, FileError> {
        loop {
            let row = match self.buffered.pop_front() {
                Some(row) => row,
                None => {
                    let mut record = csv::StringRecord::new();
                    match self.reader.read_record(&mut record) {
                        Ok(true) => record,
                        Ok(false) => return Ok(None),
                        Err(error) => return Err(malformed(self.counts.rows + 2, &error)),
                    }
                }
            };
            if row.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            let line = row.position().map_or(self.counts.rows + 2, |p| p.line());
            return Ok(Some((line, row)));
        }
    }

    /// The folded upsert key a row names its record by, if it names one.
    fn group_key(&self, row: &csv::StringRecord) -> Option<String> {
        let field = self.reconciler.key.as_ref()?.field();
        let cells: Vec<&str> = row.iter().collect();
        let key = fold(self.plan.cell_of(&field, &cells)?.trim());
        (!key.is_empty()).then_some(key)
    }

    /// Reads one record's rows and counts what they did.
    fn reconcile(&mut self, group: &[(u64, csv::StringRecord)]) {
        let rows: Vec<(u64, Vec<&str>)> = group
            .iter()
            .map(|(line, row)| (*line, row.iter().collect()))
            .collect();
        self.counts.rows += rows.len() as u64;
        let outcome = self.reconciler.record(&self.plan, &rows, &mut self.names);
        match outcome {
            Ok(RecordOutcome::Created(_)) => self.counts.created += 1,
            Ok(RecordOutcome::Updated(_)) => self.counts.updated += 1,
            Ok(RecordOutcome::Unchanged(_)) => self.counts.unchanged += 1,
            Ok(RecordOutcome::Invalid) => self.counts.invalid += 1,
            Err(found) => {
                self.counts.invalid += 1;
                for problem in found {
                    if self.problems.len() < MAX_PROBLEMS {
                        self.problems.push(problem);
                    } else {
                        self.problems_left_out += 1;
                    }
                }
            }
        }
    }

    /// The counts so far.
    pub fn counts(&self) -> &ImportCounts {
        &self.counts
    }

    /// Every problem so far (up to [`MAX_PROBLEMS`]) and how many were left out beyond it.
    pub fn problems(&self) -> (&[RowProblem], u64) {
        (&self.problems, self.problems_left_out)
    }

    /// Bytes of the file read so far.
    pub fn bytes_read(&self) -> u64 {
        self.reader.get_ref().bytes_read()
    }

    /// Whether the file had bytes invalid in its encoding.
    pub fn had_malformed_bytes(&self) -> bool {
        self.reader.get_ref().had_malformed_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::TextEncoding;
    use crate::mapping::suggest;
    use chrono::TimeZone;
    use hearth_domain::{Deal, Order, Ticket};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
    }

    fn settings<E: Entity>(file: &str, key: Option<&'static str>) -> ImportSettings {
        let preview = crate::source::preview(file.as_bytes(), true, false, None, None).unwrap();
        ImportSettings {
            shape: preview.shape,
            mapping: suggest::<E>(&preview.headers, &[]),
            dates: Vec::new(),
            upsert_key: key.map(Field::builtin),
            create_missing: true,
            option_labels: vec![("客户".into(), "customer".into())],
        }
    }

    fn person(id: u32, first: &str, email: &str) -> Person {
        let mut person = Person::blank(now() - chrono::TimeDelta::days(30));
        person.id = PersonId(id);
        person.revision = 3;
        person.first_name = first.into();
        person.emails = vec![email.into()];
        person
    }

    /// Every batch of a whole file, read `rows` at a time.
    fn batches<E: Entity + Validate>(
        file: &str,
        settings: &ImportSettings,
        existing: Vec<E>,
        names: Names,
        rows: usize,
    ) -> (Vec<Batch<E>>, ImportCounts, Vec<RowProblem>) {
        let mut importer =
            Importer::<E, _>::new(file.as_bytes(), settings, &[], existing, 10, names, now())
                .unwrap();
        let mut all = Vec::new();
        while let Some(batch) = importer.next_batch(rows).unwrap() {
            all.push(batch);
        }
        let problems = importer.problems().0.to_vec();
        (all, importer.counts().clone(), problems)
    }

    #[test]
    fn rows_update_by_email_create_in_file_order_and_count_what_they_do() {
        let file = "First name,Email,City\n\
                    Ada,ADA@example.com,London\n\
                    Bo,bo@example.com,\n\
                    Cy,cy@example.com,Paris\n\
                    Dee,not-an-email,\n\
                    Cy,cy@example.com,Lyon\n";
        let existing = vec![
            person(1, "Ada", "ada@example.com"),
            person(2, "Bo", "bo@example.com"),
        ];
        let settings = settings::<Person>(file, Some("emails"));
        let (batches, counts, problems) = batches(file, &settings, existing, Names::none(), 1000);
        assert_eq!(
            counts,
            ImportCounts {
                rows: 5,
                created: 1,
                updated: 2,
                unchanged: 1,
                invalid: 1,
                references_created: 0
            }
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(
            (problems[0].line, problems[0].column.as_str()),
            (5, "Email")
        );
        let [batch] = batches.as_slice() else {
            panic!("one batch: {batches:?}")
        };
        // Ada's city changed, Cy is new (id 10) and then updated by the file's last row.
        let written: Vec<(u32, &str, u64)> = batch
            .writes
            .iter()
            .map(|p| (p.id.0, p.address.city.as_str(), p.revision))
            .collect();
        assert_eq!(written, [(1, "London", 3), (10, "Lyon", 0)]);
        assert_eq!(batch.created, [10]);
        assert_eq!(batch.previous.len(), 1);
        assert_eq!(batch.previous[0].address.city, "");
        assert_eq!(batch.writes[0].updated_at, now());
    }

    #[test]
    fn later_batches_expect_the_revision_earlier_ones_wrote() {
        let file = "Email,City\nada@example.com,London\nada@example.com,Paris\n";
        let existing = vec![person(1, "Ada", "ada@example.com")];
        let settings = settings::<Person>(file, Some("emails"));
        let (batches, _, _) = batches(file, &settings, existing, Names::none(), 1);
        let writes: Vec<(String, u64, usize)> = batches
            .iter()
            .flat_map(|b| {
                b.writes
                    .iter()
                    .map(|p| (p.address.city.clone(), p.revision, b.previous.len()))
            })
            .collect();
        // The first batch saves the copy before the import; the second expects revision 4.
        assert_eq!(writes, [("London".into(), 3, 1), ("Paris".into(), 4, 0)]);
    }

    #[test]
    fn companies_named_by_people_are_found_or_created_once() {
        let file = "Name,Company\nAda King,Acme\nBo Li,acme \nCy,Globex\nDee,Initech\n";
        let names =
            || Names::new(true).with(EntityKind::Company, [(4, vec!["ACME".to_string()])], 20);
        let settings = settings::<Person>(file, None);
        let (written, counts, _) = batches(file, &settings, Vec::new(), names(), 1000);
        let batch = &written[0];
        let companies: Vec<Option<CompanyId>> =
            batch.writes.iter().map(|p: &Person| p.company_id).collect();
        assert_eq!(
            companies,
            [
                Some(CompanyId(4)),
                Some(CompanyId(4)),
                Some(CompanyId(20)),
                Some(CompanyId(21))
            ]
        );
        assert_eq!(
            batch
                .references
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>(),
            ["Globex", "Initech"]
        );
        assert_eq!(counts.references_created, 2);

        let refusing =
            Names::new(false).with(EntityKind::Company, [(4, vec!["Acme".to_string()])], 20);
        let (written, counts, problems) =
            batches::<Person>(file, &settings, Vec::new(), refusing, 1000);
        assert_eq!((counts.created, counts.invalid), (2, 2));
        assert!(written[0].references.is_empty());
        assert_eq!(problems[0].problem, Problem::NoSuchRecord);
        assert_eq!(problems[0].column, "Company");
    }

    #[test]
    fn an_invalid_row_creates_no_company() {
        let file = "Name,Email,Company\nAda,bad,Globex\nBo,bo@example.com,Initech\n";
        let settings = settings::<Person>(file, None);
        let names = Names::new(true).with(EntityKind::Company, [], 7);
        let (batches, _, _) = batches::<Person>(file, &settings, Vec::new(), names, 1000);
        let references: Vec<(u32, &str)> = batches[0]
            .references
            .iter()
            .map(|r| (r.id, r.name.as_str()))
            .collect();
        assert_eq!(references, [(7, "Initech")]);
        assert_eq!(batches[0].writes[0].company_id, Some(CompanyId(7)));
    }

    #[test]
    fn products_upsert_by_sku_and_companies_by_external_id() {
        let file = "SKU,Name,Price\nA-1,Kaffee,\"12,50\"\nA-2,Tee,3\n";
        let mut coffee = Product::blank(now());
        coffee.id = hearth_domain::ProductId(3);
        coffee.sku = "a-1".into();
        coffee.name = "Coffee".into();
        let products = settings::<Product>(file, Some("sku"));
        let (written, counts, _) = batches(file, &products, vec![coffee], Names::none(), 1000);
        assert_eq!((counts.created, counts.updated), (1, 1));
        assert_eq!(written[0].writes[0].name, "Kaffee");

        let file = "Customer ID,Name\nC-9,Acme Ltd\n";
        let mut acme = Company::blank(now());
        acme.id = CompanyId(5);
        acme.external_id = "C-9".into();
        acme.name = "Acme".into();
        let companies = settings::<Company>(file, Some("external_id"));
        let (written, counts, _) = batches(file, &companies, vec![acme], Names::none(), 1000);
        assert_eq!(counts.updated, 1);
        assert_eq!(written[0].writes[0].name, "Acme Ltd");
    }

    #[test]
    fn a_gb18030_file_reads_like_its_utf8_twin() {
        let text = "姓名;邮箱;城市\n王小明;wang@example.cn;北京\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        let preview = crate::source::preview(&gbk, true, true, None, None).unwrap();
        assert_eq!(preview.shape.encoding, TextEncoding::Gb18030);
        let settings = ImportSettings {
            shape: preview.shape,
            mapping: suggest::<Person>(&preview.headers, &[]),
            dates: Vec::new(),
            upsert_key: None,
            create_missing: false,
            option_labels: Vec::new(),
        };
        let mut importer = Importer::<Person, _>::new(
            &gbk[..],
            &settings,
            &[],
            Vec::new(),
            1,
            Names::none(),
            now(),
        )
        .unwrap();
        let batch = importer.next_batch(100).unwrap().unwrap();
        assert_eq!(batch.writes[0].last_name, "王");
        assert_eq!(batch.writes[0].address.city, "北京");
    }

    #[test]
    fn options_read_by_their_label_in_the_users_language() {
        let file = "Name,Lifecycle stage\nAda,客户\nBo,lead\nCy,顾客\n";
        let settings = settings::<Person>(file, None);
        let (batches, counts, problems) =
            batches::<Person>(file, &settings, Vec::new(), Names::none(), 1000);
        let stages: Vec<_> = batches[0].writes.iter().map(|p| p.lifecycle).collect();
        assert_eq!(
            stages,
            [
                hearth_domain::LifecycleStage::Customer,
                hearth_domain::LifecycleStage::Lead
            ]
        );
        assert_eq!(
            (counts.invalid, problems[0].problem.clone()),
            (1, Problem::NotAnOption)
        );
    }

    fn order_names(create_missing: bool) -> Names {
        Names::new(create_missing)
            .with(
                EntityKind::Person,
                [(1, vec!["C-1".to_string(), "ada@example.com".to_string()])],
                50,
            )
            .with(
                EntityKind::Product,
                [(7, vec!["TEA-1".to_string(), "Green tea".to_string()])],
                80,
            )
    }

    const ORDER_LINES: &str = "Order ID,Customer,Date,SKU,Qty,Unit price\n\
                               A-1,ada@example.com,2026-02-01,TEA-1,2,4.50\n\
                               A-1,ada@example.com,2026-02-01,MUG-9,1,12\n\
                               A-2,bo@example.com,2026-02-03,TEA-1,1,4.50\n\
                               A-3,C-1,2026-02-04,TEA-1,x,4.50\n\
                               A-3,C-1,2026-02-04,TEA-1,1,4.50\n\
                               A-4,C-9,2026-02-05,green tea,3,4.00\n";

    #[test]
    fn line_item_rows_group_into_whole_orders_and_a_bad_line_refuses_its_order() {
        let settings = settings::<Order>(ORDER_LINES, Some("number"));
        // One row per batch: an order's rows still land in one.
        let (written, counts, problems) =
            batches::<Order>(ORDER_LINES, &settings, Vec::new(), order_names(true), 1);
        assert_eq!(
            (
                counts.rows,
                counts.created,
                counts.invalid,
                counts.references_created
            ),
            (6, 3, 1, 3)
        );
        assert_eq!(
            problems,
            [RowProblem {
                line: 5,
                column: "Qty".into(),
                problem: Problem::InvalidNumber
            }]
        );
        type Lines = Vec<(u32, u32, i64)>;
        let orders: Vec<(String, u32, Lines)> = written
            .iter()
            .flat_map(|batch| &batch.writes)
            .map(|o| {
                let lines = o
                    .lines
                    .iter()
                    .map(|l| (l.product_id.0, l.quantity, l.unit_price.0))
                    .collect();
                (o.number.clone(), o.person_id.0, lines)
            })
            .collect();
        assert_eq!(
            orders,
            [
                ("A-1".into(), 1, vec![(7, 2, 450), (80, 1, 1200)]),
                ("A-2".into(), 50, vec![(7, 1, 450)]),
                ("A-4".into(), 51, vec![(7, 3, 400)]),
            ]
        );
        let batch_of_a1 = written.iter().find(|b| !b.writes.is_empty()).unwrap();
        assert_eq!(batch_of_a1.writes.len(), 1);
        let references: Vec<(EntityKind, u32, &str)> = written
            .iter()
            .flat_map(|batch| &batch.references)
            .map(|r| (r.kind, r.id, r.name.as_str()))
            .collect();
        // The bad order A-3 created nothing; C-9 is a new customer known by external id.
        assert_eq!(
            references,
            [
                (EntityKind::Product, 80, "MUG-9"),
                (EntityKind::Person, 50, "bo@example.com"),
                (EntityKind::Person, 51, "C-9"),
            ]
        );
        let bo = written[1].references[0].person(now());
        assert_eq!((bo.first_name.as_str(), bo.emails.len()), ("bo", 1));
        assert!(bo.validate().is_ok());
    }

    #[test]
    fn importing_the_same_orders_again_changes_nothing() {
        let settings = settings::<Order>(ORDER_LINES, Some("number"));
        let (written, _, _) =
            batches::<Order>(ORDER_LINES, &settings, Vec::new(), order_names(true), 1000);
        let stored: Vec<Order> = written[0]
            .writes
            .iter()
            .cloned()
            .map(|mut order| {
                order.revision = 1;
                order
            })
            .collect();
        let names = order_names(false)
            .with(
                EntityKind::Person,
                [
                    (1, vec!["ada@example.com".to_string()]),
                    (50, vec!["bo@example.com".to_string()]),
                    (51, vec!["C-9".to_string()]),
                ],
                52,
            )
            .with(
                EntityKind::Product,
                [
                    (7, vec!["TEA-1".to_string(), "green tea".to_string()]),
                    (80, vec!["MUG-9".to_string()]),
                ],
                81,
            );
        let (again, counts, _) = batches::<Order>(ORDER_LINES, &settings, stored, names, 1000);
        assert_eq!(
            (counts.unchanged, counts.created, counts.updated),
            (3, 0, 0)
        );
        assert!(again.iter().all(|batch| batch.is_empty()));
    }

    #[test]
    fn one_row_per_order_with_its_amount_and_unknown_customers_refused() {
        let file = "订单号,客户编号,下单日期,金额,订单状态\n\
                    9001,C-1,20260105,\"1.234,50\",已付款\n\
                    9002,C-404,20260106,10,paid\n";
        let mut settings = settings::<Order>(file, Some("number"));
        settings.option_labels = vec![("已付款".into(), "paid".into())];
        let (written, counts, problems) =
            batches::<Order>(file, &settings, Vec::new(), order_names(false), 1000);
        assert_eq!((counts.created, counts.invalid), (1, 1));
        assert_eq!(
            (
                problems[0].line,
                problems[0].column.as_str(),
                &problems[0].problem
            ),
            (3, "客户编号", &Problem::NoSuchRecord)
        );
        let order = &written[0].writes[0];
        assert_eq!(
            order.date,
            chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
        );
        assert_eq!(order.status, hearth_domain::OrderStatus::Paid);
        assert_eq!(order.total(), Ok(hearth_domain::Cents(123_450)));
        assert_eq!(order.lines[0].product_id, ProductId::NONE);
    }

    #[test]
    fn orders_exported_as_line_items_import_back_unchanged_or_as_the_same_orders() {
        use hearth_domain::export::{order_lines_csv, OrderLines};
        use hearth_domain::{Cents, OrderId, OrderLine, OrderStatus, ProductId};
        let line = |product, quantity, unit_price| OrderLine {
            product_id: ProductId(product),
            quantity,
            unit_price: Cents(unit_price),
            discount: Cents::ZERO,
        };
        let mut gift = Order::blank(now());
        gift.id = OrderId(1);
        gift.revision = 1;
        gift.number = "A-1".into();
        gift.person_id = PersonId(1);
        gift.status = OrderStatus::Paid;
        gift.date = chrono::NaiveDate::from_ymd_opt(2026, 2, 14).unwrap();
        gift.lines = vec![line(1, 2, 1250), line(2, 1, 399)];
        gift.tags = vec!["gift".into(), "=rush".into()];
        let mut refill = Order::blank(now());
        refill.id = OrderId(2);
        refill.revision = 1;
        refill.number = "A-2, \"refill\"".into();
        refill.person_id = PersonId(2);
        refill.status = OrderStatus::Shipped;
        refill.lines = vec![line(2, 3, 10), line(0, 1, 500)];
        let skus = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (gift_skus, refill_skus) = (skus(&["SKU-1", "SKU-2"]), skus(&["SKU-2", ""]));
        let file = order_lines_csv([
            OrderLines {
                order: &gift,
                customer: "ada@example.com",
                skus: &gift_skus,
            },
            OrderLines {
                order: &refill,
                customer: "C-7",
                skus: &refill_skus,
            },
        ]);
        let names = || {
            Names::new(false)
                .with(
                    EntityKind::Person,
                    [
                        (1, vec!["ada@example.com".to_string()]),
                        (2, vec!["C-7".to_string()]),
                    ],
                    3,
                )
                .with(
                    EntityKind::Product,
                    [
                        (1, vec!["SKU-1".to_string()]),
                        (2, vec!["SKU-2".to_string()]),
                    ],
                    3,
                )
        };
        let settings = settings::<Order>(&file, Some("number"));
        let stored = vec![gift.clone(), refill.clone()];
        let (_, counts, problems) = batches::<Order>(&file, &settings, stored, names(), 1000);
        assert_eq!(problems, []);
        assert_eq!(
            (counts.unchanged, counts.created, counts.updated),
            (2, 0, 0)
        );
        let (written, counts, _) = batches::<Order>(&file, &settings, vec![], names(), 1000);
        assert_eq!(counts.created, 2);
        for (read, sent) in written[0].writes.iter().zip([&gift, &refill]) {
            assert_eq!(
                (
                    &read.number,
                    read.person_id,
                    read.date,
                    read.status,
                    &read.lines,
                    &read.tags
                ),
                (
                    &sent.number,
                    sent.person_id,
                    sent.date,
                    sent.status,
                    &sent.lines,
                    &sent.tags
                )
            );
        }
    }

    #[test]
    fn deals_find_their_stage_by_name_or_pipeline_and_never_create_one() {
        let file = "Deal ID,Deal Name,Deal Stage,Amount,Close Date,Associated Company\n\
                    D-1,Acme fit-out,Proposal,\"12,500.00\",2026-04-30,Acme\n\
                    D-2,Globex renewal,Renewals / Quoted,900,2026-05-31,Globex\n\
                    D-3,Initech,Someday,100,2026-05-31,\n";
        let settings = settings::<Deal>(file, Some("external_id"));
        let names = Names::new(true)
            .with(EntityKind::Company, [(4, vec!["Acme".to_string()])], 20)
            .with_stages([
                (
                    "1:3".to_string(),
                    vec!["Proposal".into(), "New business / Proposal".into()],
                ),
                (
                    "2:2".to_string(),
                    vec!["Quoted".into(), "Renewals / Quoted".into()],
                ),
            ]);
        let (written, counts, problems) = batches::<Deal>(file, &settings, vec![], names, 1000);
        assert_eq!((counts.created, counts.invalid), (2, 1));
        assert_eq!(
            (
                problems[0].line,
                problems[0].column.as_str(),
                &problems[0].problem
            ),
            (4, "Deal Stage", &Problem::NoSuchRecord)
        );
        let deals = &written[0].writes;
        let stages: Vec<(u32, u32, i64, Option<u32>)> = deals
            .iter()
            .map(|d| {
                (
                    d.pipeline_id.0,
                    d.stage_id.0,
                    d.value.0,
                    d.company_id.map(|c| c.0),
                )
            })
            .collect();
        assert_eq!(
            stages,
            [(1, 3, 1_250_000, Some(4)), (2, 2, 90_000, Some(20))]
        );
        let created: Vec<&str> = written[0]
            .references
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(created, ["Globex"]);
    }

    #[test]
    fn tickets_find_their_requester_and_company_update_by_ticket_id_and_name_bad_cells() {
        let file = "Ticket ID,Subject,Requester,Company,Priority,Status,Created,Resolved,CSAT\n\
                    T-1,Grinder jams,ada@example.com,Acme,urgent,open,2026-02-10,,\n\
                    T-2,Late delivery,C-7,Globex,low,resolved,2026-02-11,2026-02-12,5\n\
                    T-3,Refund,ada@example.com,,soon,new,2026-02-12,,\n\
                    T-4,Wrong beans,ada@example.com,,,closed,2026-02-12,2026-02-10,\n";
        let settings = settings::<Ticket>(file, Some("external_id"));
        let names = Names::new(true)
            .with(
                EntityKind::Person,
                [(1, vec!["ada@example.com".to_string()])],
                50,
            )
            .with(EntityKind::Company, [(4, vec!["Acme".to_string()])], 20);
        let mut stored = Ticket::blank(now());
        stored.id = hearth_domain::TicketId(3);
        stored.revision = 2;
        stored.external_id = "T-1".into();
        stored.subject = "Grinder jams".into();
        let (written, counts, problems) =
            batches::<Ticket>(file, &settings, vec![stored], names, 1000);
        assert_eq!((counts.updated, counts.created, counts.invalid), (1, 1, 2));
        let named: Vec<(u64, &str, Problem)> = problems
            .iter()
            .map(|p| (p.line, p.column.as_str(), p.problem.clone()))
            .collect();
        assert_eq!(
            named,
            [
                (4, "Priority", Problem::NotAnOption),
                (5, "Resolved", Problem::EndBeforeStart)
            ]
        );
        let tickets = &written[0].writes;
        let t1 = &tickets[0];
        assert_eq!(
            (t1.id.0, t1.revision, t1.person_id, t1.company_id),
            (3, 2, Some(PersonId(1)), Some(hearth_domain::CompanyId(4)))
        );
        assert_eq!(t1.status, hearth_domain::TicketStatus::Open);
        // Urgent: four hours after it was opened.
        assert_eq!(
            t1.sla_due_at,
            Utc.with_ymd_and_hms(2026, 2, 10, 4, 0, 0).unwrap()
        );
        let t2 = &tickets[1];
        assert_eq!(
            (t2.id.0, t2.person_id, t2.satisfaction),
            (10, Some(PersonId(50)), Some(5))
        );
        let created: Vec<(EntityKind, &str)> = written[0]
            .references
            .iter()
            .map(|r| (r.kind, r.name.as_str()))
            .collect();
        assert_eq!(
            created,
            [(EntityKind::Person, "C-7"), (EntityKind::Company, "Globex")]
        );
    }

    #[test]
    fn blank_lines_are_no_rows() {
        let file = "Name\nAda\n\n,\nBo\n";
        let settings = settings::<Person>(file, None);
        let (_, counts, _) = batches::<Person>(file, &settings, Vec::new(), Names::none(), 1000);
        assert_eq!((counts.rows, counts.created), (2, 2));
    }
}
