//! Imports against real IndexedDB, in a dedicated worker as the app runs them (`FileReaderSync`
//! exists only there): a file previewed, checked and imported through the worker's protocol,
//! reverted; a batch that fails leaving nothing of itself.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use hearth_app::analysis::protocol::{
    Analysis, ImportJob, ImportStep, Inbound, Message, Report, Request,
};
use hearth_app::analysis::worker::answer;
use hearth_app::store::backup::{RestoreFrame, RestoreMode};
use hearth_app::store::{Store, StoreError, StoreName, SCHEMA_VERSION};
use hearth_domain::imports::{ImportBatch, ImportRecord, ImportStatus};
use hearth_domain::list::Field;
use hearth_domain::*;
use hearth_import::reconcile::ImportSettings;
use std::cell::RefCell;
use wasm_bindgen_test::*;

mod common;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
}

async fn fresh(name: &str) -> (String, Store) {
    let name = format!("hearth-crm.test-import-{name}");
    Store::delete_database(&name).await.unwrap();
    let store = Store::open_at_version(&name, SCHEMA_VERSION).await.unwrap();
    (name, store)
}

fn person(id: u32, first: &str, email: &str) -> Person {
    Person {
        id: PersonId(id),
        emails: vec![email.into()],
        ..Person::new(first, "Tester", at())
    }
}

fn company(id: u32, name: &str) -> Company {
    Company {
        id: CompanyId(id),
        name: name.into(),
        ..entity::Entity::blank(at())
    }
}

fn blob(bytes: &[u8]) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into());
    web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap()
}

/// The report the worker answers `step` on `file` with, a people import.
async fn run(database: &str, file: &web_sys::Blob, step: ImportStep) -> Report {
    run_as(EntityKind::Person, database, file, step).await
}

/// The report the worker answers `step` on `file` with, an import of `entity`.
async fn run_as(
    entity: EntityKind,
    database: &str,
    file: &web_sys::Blob,
    step: ImportStep,
) -> Report {
    let request = Inbound::Run(Request {
        id: 1,
        database: database.into(),
        as_of: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        analysis: Analysis::Import(ImportJob {
            entity,
            now: at() + chrono::TimeDelta::hours(1),
            step,
        }),
    });
    let messages = RefCell::new(Vec::new());
    let text = serde_json::to_string(&request).unwrap();
    answer(
        &text,
        Some(file.clone()),
        &|m| messages.borrow_mut().push(m.clone()),
        &|m, _| messages.borrow_mut().push(m.clone()),
        &|| 0.0,
    )
    .await;
    let mut messages = messages.into_inner();
    messages.iter().for_each(common::reads_back_as_posted);
    match messages.pop() {
        Some(Message::Done { report, .. }) => *report,
        other => panic!("expected a report, got {other:?}"),
    }
}

const FILE: &str = "First name,Last name,Email,Company,City\n\
                    Ada,Tester,ada@example.com,Acme,London\n\
                    Cy,Young,cy@example.com,Globex,Paris\n\
                    Dee,,bad-email,,\n";

async fn with_ada_bo_and_acme(name: &str) -> (String, Store) {
    let (database, store) = fresh(name).await;
    let acme = company(1, "Acme");
    store.put(&acme).await.unwrap();
    store
        .put_all(&[
            person(1, "Ada", "ada@example.com"),
            person(2, "Bo", "bo@example.com"),
        ])
        .await
        .unwrap();
    (database, store)
}

/// The settings of an import of `file` as `entity` with the mapping the worker's preview
/// suggests, finding stored records by `upsert_key` and creating missing references.
async fn suggested_settings(
    entity: EntityKind,
    database: &str,
    file: &web_sys::Blob,
    upsert_key: &'static str,
) -> ImportSettings {
    let step = ImportStep::Preview {
        chinese: false,
        encoding: None,
        delimiter: None,
    };
    let Report::ImportPreview(preview) = run_as(entity, database, file, step).await else {
        panic!("a preview")
    };
    ImportSettings {
        shape: preview.preview.shape,
        mapping: preview.mapping.clone(),
        dates: Vec::new(),
        upsert_key: Some(Field::builtin(upsert_key)),
        create_missing: true,
        option_labels: Vec::new(),
    }
}

async fn settings_of(database: &str, file: &web_sys::Blob) -> ImportSettings {
    let settings = suggested_settings(EntityKind::Person, database, file, "emails").await;
    assert_eq!(settings.mapping.len(), 5);
    assert_eq!(settings.mapping[2], Some(Field::builtin("emails")));
    settings
}

#[wasm_bindgen_test]
async fn a_file_is_checked_imported_and_reverted() {
    let (database, store) = with_ada_bo_and_acme("whole").await;
    let file = blob(FILE.as_bytes());
    let settings = settings_of(&database, &file).await;

    let Report::ImportChecked(check) =
        run(&database, &file, ImportStep::Check(settings.clone())).await
    else {
        panic!("a dry run")
    };
    assert_eq!(
        (
            check.counts.created,
            check.counts.updated,
            check.counts.invalid
        ),
        (1, 1, 1)
    );
    assert_eq!(check.counts.references_created, 1);
    assert_eq!(
        (check.problems[0].line, check.problems[0].column.as_str()),
        (4, "Email")
    );
    // The dry run wrote nothing.
    assert_eq!(store.all::<Person>().await.unwrap().len(), 2);
    assert!(store.imports().await.unwrap().is_empty());

    let step = ImportStep::Write {
        settings,
        file_name: "people.csv".into(),
        rows: check.counts.rows,
    };
    let Report::Imported(id) = run(&database, &file, step).await else {
        panic!("an import")
    };
    let import: ImportRecord = store.get(id.0).await.unwrap().unwrap();
    assert_eq!(import.status, ImportStatus::Done);
    assert_eq!((import.counts.created, import.counts.updated), (1, 1));
    let ada: Person = store.get(1).await.unwrap().unwrap();
    assert_eq!(ada.address.city, "London");
    let cy: Person = store.get(3).await.unwrap().expect("Cy numbered after Bo");
    let globex: Company = store.get(2).await.unwrap().expect("Globex created");
    assert_eq!(
        (cy.company_id, globex.name.as_str()),
        (Some(CompanyId(2)), "Globex")
    );
    assert_eq!(
        store.imports().await.unwrap(),
        std::slice::from_ref(&import)
    );

    let reverted = store.revert_import(import.id, at()).await.unwrap();
    assert_eq!((reverted.reverted, reverted.skipped), (3, 0));
    let ada: Person = store.get(1).await.unwrap().unwrap();
    assert_eq!(ada.address.city, "");
    assert_eq!(store.get::<Person>(3).await.unwrap(), None);
    assert_eq!(store.get::<Company>(2).await.unwrap(), None);
    assert_eq!(store.all::<TrashEntry>().await.unwrap().len(), 2);
    assert!(matches!(
        store.imports().await.unwrap()[0].status,
        ImportStatus::Reverted { skipped: 0, .. }
    ));
    store.close();
}

const ORDERS: &str = "Order ID,Customer,Date,SKU,Qty,Unit price\n\
                      A-1,ada@example.com,2026-02-01,TEA-1,2,4.50\n\
                      A-1,ada@example.com,2026-02-01,MUG-9,1,12\n\
                      A-2,zoe@example.com,2026-02-03,TEA-1,1,4.50\n";

#[wasm_bindgen_test]
async fn orders_import_with_their_lines_new_customers_and_products_and_revert() {
    let (database, store) = with_ada_bo_and_acme("orders").await;
    let tea = Product {
        id: ProductId(1),
        sku: "TEA-1".into(),
        name: "Green tea".into(),
        ..entity::Entity::blank(at())
    };
    store.put(&tea).await.unwrap();
    let file = blob(ORDERS.as_bytes());
    let settings = suggested_settings(EntityKind::Order, &database, &file, "number").await;
    let step = ImportStep::Write {
        settings,
        file_name: "orders.csv".into(),
        rows: 3,
    };
    let Report::Imported(id) = run_as(EntityKind::Order, &database, &file, step).await else {
        panic!("an import")
    };
    let import: ImportRecord = store.get(id.0).await.unwrap().unwrap();
    assert_eq!(
        (
            import.counts.rows,
            import.counts.created,
            import.counts.references_created
        ),
        (3, 2, 2)
    );
    let orders: Vec<Order> = store.all().await.unwrap();
    let summary: Vec<(&str, u32, usize, i64)> = orders
        .iter()
        .map(|o| {
            (
                o.number.as_str(),
                o.person_id.0,
                o.lines.len(),
                o.total().unwrap().0,
            )
        })
        .collect();
    assert_eq!(summary, [("A-1", 1, 2, 2100), ("A-2", 3, 1, 450)]);
    let zoe: Person = store.get(3).await.unwrap().expect("Zoe created");
    assert_eq!(zoe.emails, ["zoe@example.com"]);
    let mug: Product = store.get(2).await.unwrap().expect("the mug created");
    assert_eq!(mug.sku, "MUG-9");
    assert_eq!(orders[0].lines[1].product_id, mug.id);

    let reverted = store.revert_import(import.id, at()).await.unwrap();
    assert_eq!((reverted.reverted, reverted.skipped), (4, 0));
    assert!(store.all::<Order>().await.unwrap().is_empty());
    assert_eq!(store.get::<Person>(3).await.unwrap(), None);
    assert_eq!(store.get::<Product>(2).await.unwrap(), None);
    assert!(store.get::<Product>(1).await.unwrap().is_some());
    store.close();
}

const TICKETS: &str = "Ticket ID,Subject,Requester,Company,Priority,Status,Opened\n\
                       T-1,Grinder jams,ada@example.com,Acme,urgent,open,2026-02-10\n\
                       T-2,Late delivery,zoe@example.com,Initech,low,new,2026-02-11\n\
                       T-3,Refund,bo@example.com,,soon,new,2026-02-12\n";

#[wasm_bindgen_test]
async fn tickets_import_update_by_ticket_id_create_requesters_and_revert() {
    let (database, store) = with_ada_bo_and_acme("tickets").await;
    let stored = Ticket {
        id: TicketId(1),
        external_id: "T-1".into(),
        subject: "Grinder".into(),
        ..entity::Entity::blank(at())
    };
    store.put(&stored).await.unwrap();
    let file = blob(TICKETS.as_bytes());
    let settings = suggested_settings(EntityKind::Ticket, &database, &file, "external_id").await;
    assert_eq!(settings.mapping[0], Some(Field::builtin("external_id")));
    let Report::ImportChecked(check) = run_as(
        EntityKind::Ticket,
        &database,
        &file,
        ImportStep::Check(settings.clone()),
    )
    .await
    else {
        panic!("a dry run")
    };
    assert_eq!(
        (
            check.counts.created,
            check.counts.updated,
            check.counts.invalid
        ),
        (1, 1, 1)
    );
    assert_eq!(
        (check.problems[0].line, check.problems[0].column.as_str()),
        (4, "Priority")
    );
    let step = ImportStep::Write {
        settings,
        file_name: "tickets.csv".into(),
        rows: check.counts.rows,
    };
    let Report::Imported(id) = run_as(EntityKind::Ticket, &database, &file, step).await else {
        panic!("an import")
    };
    let import: ImportRecord = store.get(id.0).await.unwrap().unwrap();
    let t1: Ticket = store.get(1).await.unwrap().unwrap();
    assert_eq!(
        (
            t1.subject.as_str(),
            t1.priority,
            t1.person_id,
            t1.company_id
        ),
        (
            "Grinder jams",
            TicketPriority::Urgent,
            Some(PersonId(1)),
            Some(CompanyId(1))
        )
    );
    let t2: Ticket = store.get(2).await.unwrap().expect("T-2 created");
    let zoe: Person = store.get(3).await.unwrap().expect("Zoe created");
    let initech: Company = store.get(2).await.unwrap().expect("Initech created");
    assert_eq!(
        (
            t2.person_id,
            t2.company_id,
            zoe.emails[0].as_str(),
            initech.name.as_str()
        ),
        (
            Some(PersonId(3)),
            Some(CompanyId(2)),
            "zoe@example.com",
            "Initech"
        )
    );

    let reverted = store.revert_import(import.id, at()).await.unwrap();
    assert_eq!((reverted.reverted, reverted.skipped), (4, 0));
    let t1: Ticket = store.get(1).await.unwrap().unwrap();
    assert_eq!(
        (t1.subject.as_str(), t1.priority),
        ("Grinder", TicketPriority::Normal)
    );
    assert_eq!(store.get::<Ticket>(2).await.unwrap(), None);
    assert_eq!(store.get::<Person>(3).await.unwrap(), None);
    assert_eq!(store.get::<Company>(2).await.unwrap(), None);
    assert_eq!(store.counts().await.unwrap().get(StoreName::Tickets), 1);
    store.close();
}

/// Deals: a stage by name and by pipeline, an unknown stage, a contact by email.
const DEALS: &str = "Deal ID,Deal Name,Deal Stage,Amount,Associated Contact\n\
                     D-1,Fit-out,Proposal,12500,ada@example.com\n\
                     D-2,Beans,New business / Won,900,new@example.com\n\
                     D-3,Someday,Daydreaming,100,\n";

#[wasm_bindgen_test]
async fn deals_import_into_the_default_pipeline_of_a_workspace_without_one_and_revert() {
    let (database, store) = with_ada_bo_and_acme("deals").await;
    let file = blob(DEALS.as_bytes());
    let settings = suggested_settings(EntityKind::Deal, &database, &file, "external_id").await;
    let check = run_as(
        EntityKind::Deal,
        &database,
        &file,
        ImportStep::Check(settings.clone()),
    )
    .await;
    let Report::ImportChecked(check) = check else {
        panic!("a dry run")
    };
    assert_eq!((check.counts.created, check.counts.invalid), (2, 1));
    assert_eq!(
        (check.problems[0].line, check.problems[0].column.as_str()),
        (4, "Deal Stage")
    );
    assert!(
        store.all::<Pipeline>().await.unwrap().is_empty(),
        "a dry run writes nothing"
    );
    let step = ImportStep::Write {
        settings,
        file_name: "deals.csv".into(),
        rows: check.counts.rows,
    };
    let Report::Imported(id) = run_as(EntityKind::Deal, &database, &file, step).await else {
        panic!("an import")
    };
    let pipelines: Vec<Pipeline> = store.all().await.unwrap();
    assert_eq!(
        pipelines.len(),
        1,
        "the default pipeline, written with the deals"
    );
    let deals: Vec<Deal> = store.all().await.unwrap();
    let read: Vec<(&str, u32, u32, i64, Option<PersonId>)> = deals
        .iter()
        .map(|d| {
            (
                d.title.as_str(),
                d.pipeline_id.0,
                d.stage_id.0,
                d.value.0,
                d.person_id,
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            ("Fit-out", 1, 3, 1_250_000, Some(PersonId(1))),
            ("Beans", 1, 5, 90_000, Some(PersonId(3)))
        ]
    );
    let reverted = store.revert_import(id, at()).await.unwrap();
    assert_eq!((reverted.reverted, reverted.skipped), (3, 0));
    assert!(store.all::<Deal>().await.unwrap().is_empty());
    assert_eq!(store.counts().await.unwrap().get(StoreName::Deals), 0);
    let trash: Vec<TrashEntry> = store.all().await.unwrap();
    assert!(trash
        .iter()
        .any(|entry| entry.record.display_name() == "Fit-out"));
    store.close();
}

#[wasm_bindgen_test]
async fn a_revert_leaves_records_changed_since() {
    let (database, store) = with_ada_bo_and_acme("changed-since").await;
    let file = blob(FILE.as_bytes());
    let settings = settings_of(&database, &file).await;
    let step = ImportStep::Write {
        settings,
        file_name: "people.csv".into(),
        rows: 3,
    };
    let Report::Imported(id) = run(&database, &file, step).await else {
        panic!("an import")
    };
    let import: ImportRecord = store.get(id.0).await.unwrap().unwrap();
    let mut ada: Person = store.get(1).await.unwrap().unwrap();
    ada.job_title = "Engineer".into();
    store.put(&ada).await.unwrap();
    let reverted = store.revert_import(import.id, at()).await.unwrap();
    assert_eq!((reverted.reverted, reverted.skipped), (2, 1));
    let ada: Person = store.get(1).await.unwrap().unwrap();
    assert_eq!(
        (ada.address.city.as_str(), ada.job_title.as_str()),
        ("London", "Engineer")
    );
    store.close();
}

#[wasm_bindgen_test]
async fn a_failed_batch_writes_nothing_of_itself() {
    let (_, store) = with_ada_bo_and_acme("failed-batch").await;
    let import = store
        .insert(ImportRecord {
            id: ImportId(0),
            revision: 0,
            uid: Default::default(),
            entity: EntityKind::Person,
            file_name: "people.csv".into(),
            bytes: 10,
            started_at: at(),
            finished_at: None,
            counts: Default::default(),
            status: ImportStatus::Running,
        })
        .await
        .unwrap();
    let new_company = company(9, "Initech");
    // Id 2 is Bo's: a new record numbered there is refused, and the whole batch with it.
    let clash = person(2, "Zed", "zed@example.com");
    let undo = ImportBatch {
        id: ImportBatchId(0),
        revision: 0,
        uid: Default::default(),
        import: import.id,
        created: vec![2],
        created_companies: vec![9],
        created_people: Vec::new(),
        created_products: Vec::new(),
        previous: Vec::new(),
        written: Vec::new(),
    };
    let outcome = store
        .write_import_batch(
            &import,
            &[clash],
            &[],
            &hearth_app::store::NamedRecords {
                companies: vec![new_company],
                ..Default::default()
            },
            &undo,
        )
        .await;
    assert!(
        matches!(outcome, Err(StoreError::Constraint { .. })),
        "{outcome:?}"
    );
    assert_eq!(store.get::<Company>(9).await.unwrap(), None);
    let bo: Person = store.get(2).await.unwrap().unwrap();
    assert_eq!(bo.first_name, "Bo");
    assert!(store.all::<ImportBatch>().await.unwrap().is_empty());
    assert_eq!(store.imports().await.unwrap(), [import]);
    store.close();
}

/// The backup of `store` as bytes, as the worker writes it.
async fn backup_of(store: &Store) -> Vec<u8> {
    use hearth_import::backup::*;
    let mut members = Vec::new();
    let mut stores = Vec::new();
    for &name in hearth_app::store::backup::BACKED_UP {
        let mut section = StoreSection::new(name.as_str());
        store
            .dump(name, 2, &mut |records| {
                section.frame(&records).map_err(|e| e.to_string())
            })
            .await
            .unwrap();
        let (bytes, summary) = section.finish().unwrap();
        members.push(bytes);
        stores.push(summary);
    }
    let header = BackupHeader {
        format: FORMAT.into(),
        version: VERSION,
        schema: SCHEMA_VERSION,
        created_at: 0,
        stores,
    };
    let mut file = header_member(&header).unwrap();
    members.into_iter().for_each(|member| file.extend(member));
    file
}

async fn restored(store: &Store, file: &[u8], mode: RestoreMode) -> Result<u64, StoreError> {
    let mut reader = hearth_import::backup::BackupReader::open(file).unwrap();
    let mut frames = || -> Result<Option<RestoreFrame>, String> {
        Ok(reader
            .next_frame()
            .map_err(|e| e.to_string())?
            .map(|frame| RestoreFrame {
                store: StoreName::from_name(&frame.store).unwrap(),
                line: frame.line,
            }))
    };
    store.restore_backup(mode, &mut frames, &mut |_| true).await
}

#[wasm_bindgen_test]
async fn a_backup_merges_by_id_and_revision_and_a_damaged_one_changes_nothing() {
    let (_, store) = with_ada_bo_and_acme("backup-merge").await;
    let file = backup_of(&store).await;
    // Since the backup: Ada edited (newer here), Bo deleted for good, Cy added.
    let mut ada: Person = store.get(1).await.unwrap().unwrap();
    ada.job_title = "Engineer".into();
    store.put(&ada).await.unwrap();
    store.delete::<Person>(2).await.unwrap();
    store.put(&person(3, "Cy", "cy@example.com")).await.unwrap();

    // Cut short: refused, nothing written.
    let cut = &file[..file.len() / 2];
    let outcome = restored(&store, cut, RestoreMode::Replace).await;
    assert!(outcome.is_err(), "{outcome:?}");
    assert_eq!(store.all::<Person>().await.unwrap().len(), 2);

    restored(&store, &file, RestoreMode::Merge).await.unwrap();
    let people: Vec<(u32, String)> = store
        .all::<Person>()
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.id.0, p.job_title))
        .collect();
    assert_eq!(
        people,
        [
            (1, "Engineer".to_string()),
            (2, String::new()),
            (3, String::new())
        ]
    );

    restored(&store, &file, RestoreMode::Replace).await.unwrap();
    let ids: Vec<u32> = store
        .all::<Person>()
        .await
        .unwrap()
        .iter()
        .map(|p| p.id.0)
        .collect();
    assert_eq!(ids, [1, 2]);
    store.close();
}
