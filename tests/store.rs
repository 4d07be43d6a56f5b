//! The IndexedDB store against real IndexedDB in headless Chromium: reads and writes, index lookups,
//! a migration from schema version 1, change sets, the trash, merging, and failed operations that
//! leave nothing behind.

use chrono::{NaiveDate, TimeZone, Utc};
use hearth_app::store::{
    ChangeSet, KeyRange, Record, Store, StoreError, StoreName, WorkspaceInfo, SCHEMA_VERSION,
};
use hearth_domain::demo::{generate, DemoConfig, DemoWorkspace};
use hearth_domain::duplicates::{self, MergeField};
use hearth_domain::entity::{Entity as _, EntityRow};
use hearth_domain::list::{Condition, Field, Filter, ListQuery, Operator};
use hearth_domain::*;
use serde::Serialize;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh, empty database for one test.
async fn fresh(name: &str, version: u32) -> Store {
    let name = format!("hearth-crm.test-{name}");
    Store::delete_database(&name).await.unwrap();
    Store::open_at_version(&name, version).await.unwrap()
}

fn person(id: u32, first: &str, email: &str, company: Option<u32>) -> Person {
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    Person {
        id: PersonId(id),
        emails: vec![email.into()],
        company_id: company.map(CompanyId),
        tags: vec!["vip".into()],
        ..Person::new(first, "Tester", at)
    }
}

fn company(id: u32, name: &str) -> Company {
    Company {
        deleted_at: None,
        uid: Default::default(),
        revision: 0,
        id: CompanyId(id),
        name: name.into(),
        domain: String::new(),
        industry: String::new(),
        employees: None,
        address: Address::default(),
        owner: String::new(),
        tags: vec![],
        notes: String::new(),
        custom: Default::default(),
        created_at: at(1),
        updated_at: at(1),
        external_id: String::new(),
    }
}

fn product(id: u32, sku: &str) -> Product {
    Product {
        id: ProductId(id),
        sku: sku.into(),
        name: format!("Product {id}"),
        category: "Test".into(),
        unit_price: Cents(1_000),
        ..Product::blank(at(1))
    }
}

fn small_demo() -> DemoWorkspace {
    generate(&DemoConfig {
        people: 120,
        companies: 15,
        deals: 20,
        tickets: 30,
        activities: 50,
        tasks: 10,
        ..DemoConfig::standard(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
    })
}

#[wasm_bindgen_test]
async fn insert_get_update_delete_round_trip() {
    let store = fresh("crud", SCHEMA_VERSION).await;
    let inserted = store
        .insert(person(0, "Ada", "ada@example.com", None))
        .await
        .unwrap();
    assert_eq!(inserted.id, PersonId(1), "the key generator starts at 1");

    let read: Person = store
        .get(1)
        .await
        .unwrap()
        .expect("inserted person is stored");
    assert_eq!(read, inserted);

    let mut changed = read.clone();
    changed.job_title = "Engineer".into();
    store.put(&changed).await.unwrap();
    let reread: Person = store.get(1).await.unwrap().unwrap();
    assert_eq!(reread.job_title, "Engineer");

    store.delete::<Person>(1).await.unwrap();
    assert_eq!(store.get::<Person>(1).await.unwrap(), None);
    assert_eq!(store.counts().await.unwrap().get(StoreName::People), 0);
}

#[wasm_bindgen_test]
async fn explicit_ids_advance_the_key_generator() {
    let store = fresh("keys", SCHEMA_VERSION).await;
    let people: Vec<Person> = (1..=3)
        .map(|id| person(id, "P", &format!("p{id}@example.com"), None))
        .collect();
    store.put_all(&people).await.unwrap();
    let next = store
        .insert(person(0, "Next", "next@example.com", None))
        .await
        .unwrap();
    assert_eq!(next.id, PersonId(4));
}

#[wasm_bindgen_test]
async fn index_lookups_find_people_by_company() {
    let store = fresh("indexes", SCHEMA_VERSION).await;
    store
        .put_all(&[
            person(1, "A", "a@one.example", Some(7)),
            person(2, "B", "b@two.example", Some(8)),
            person(3, "C", "c@one.example", Some(7)),
        ])
        .await
        .unwrap();
    let at_company: Vec<Person> = store
        .find_by_index("by_company", KeyRange::Only(7.into()))
        .await
        .unwrap();
    assert_eq!(
        at_company.iter().map(|p| p.id.0).collect::<Vec<_>>(),
        [1, 3]
    );
}

#[wasm_bindgen_test]
async fn version_10_database_drops_the_indexes_nothing_looks_up_keeping_records() {
    let name = "hearth-crm.test-drop-indexes";
    Store::delete_database(name).await.unwrap();
    let old = Store::open_at_version(name, 10).await.unwrap();
    assert!(old
        .index_names(StoreName::People)
        .unwrap()
        .contains(&"by_email".to_string()));
    old.put(&person(1, "Old", "old@example.com", Some(7)))
        .await
        .unwrap();
    old.close();

    let migrated = Store::open(name).await.unwrap();
    let names = |store| migrated.index_names(store).unwrap();
    // Versions 13 and 14 keep people and orders in pages: their summaries answer what the
    // indexes did.
    assert!(names(StoreName::People).is_empty());
    assert_eq!(names(StoreName::Companies), ["by_deleted", "by_uid"]);
    assert!(names(StoreName::Orders).is_empty());
    let found: Vec<Person> = migrated
        .find_by_index("by_company", KeyRange::Only(7.into()))
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].first_name, "Old");
    migrated.close();
}

#[wasm_bindgen_test]
async fn newest_lists_highest_ids_first() {
    let store = fresh("newest", SCHEMA_VERSION).await;
    let people: Vec<Person> = (1..=5)
        .map(|id| person(id, "P", &format!("p{id}@example.com"), None))
        .collect();
    store.put_all(&people).await.unwrap();
    let newest: Vec<Person> = store.newest(3).await.unwrap();
    assert_eq!(newest.iter().map(|p| p.id.0).collect::<Vec<_>>(), [5, 4, 3]);
}

#[wasm_bindgen_test]
async fn version_1_database_migrates_forward_keeping_records() {
    let name = "hearth-crm.test-migration";
    Store::delete_database(name).await.unwrap();
    let old = Store::open_at_version(name, 1).await.unwrap();
    assert!(!old
        .index_names(StoreName::People)
        .unwrap()
        .contains(&"by_email".to_string()));
    old.put(&person(1, "Old", "old@example.com", None))
        .await
        .unwrap();
    old.close();

    let migrated = Store::open(name).await.unwrap();
    assert_eq!(migrated.version().unwrap(), SCHEMA_VERSION);
    let found: Vec<Person> = migrated.all().await.unwrap();
    assert_eq!(found.len(), 1, "the pages hold records written before");
    assert_eq!(found[0].first_name, "Old");
    assert_eq!(found[0].uid.0.len(), 26, "given a uid on the way");
    assert!(
        migrated.trash_batch(1).await.unwrap().is_empty(),
        "version 3 added the trash and its batch index"
    );
}

#[wasm_bindgen_test]
async fn failing_write_rolls_back_the_whole_transaction() {
    let store = fresh("abort", SCHEMA_VERSION).await;
    // The second product repeats the first one's SKU: the unique index rejects it mid-transaction.
    let result = store
        .put_all(&[product(1, "SKU-1"), product(2, "SKU-1")])
        .await;
    assert!(
        matches!(
            result,
            Err(StoreError::Constraint {
                store: "products",
                ..
            })
        ),
        "{result:?}"
    );
    assert_eq!(
        store.counts().await.unwrap().get(StoreName::Products),
        0,
        "first product was rolled back"
    );
    assert_eq!(store.get::<Product>(1).await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn invalid_records_are_refused_before_anything_is_written() {
    let store = fresh("invalid", SCHEMA_VERSION).await;
    let good = person(1, "Good", "good@example.com", None);
    let bad = person(2, "Bad", "not an email", None);
    match store.put_all(&[good, bad]).await {
        Err(StoreError::Invalid { store, id, errors }) => {
            assert_eq!((store, id), ("people", 2));
            assert_eq!(errors[0].field, "emails[0]");
            assert_eq!(errors[0].problem, Problem::InvalidEmail);
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(store.counts().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn replacing_the_workspace_writes_everything_and_reports_progress() {
    let store = fresh("replace", SCHEMA_VERSION).await;
    assert_eq!(store.workspace_info().await.unwrap(), None);
    let demo = small_demo();
    let info = WorkspaceInfo::Demo {
        seed: 1,
        end_date: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        people: demo.people.len(),
    };
    let mut reports = Vec::new();
    store
        .replace_workspace(&demo, info.clone(), &mut |written, total| {
            reports.push((written, total));
            true
        })
        .await
        .unwrap();
    let counts = store.counts().await.unwrap();
    assert_eq!(counts.get(StoreName::People), 120);
    assert_eq!(counts.get(StoreName::Orders) as usize, demo.orders.len());
    assert_eq!(counts.get(StoreName::Pipelines), 2);
    assert_eq!(store.workspace_info().await.unwrap(), Some(info));
    let (written, total) = *reports.last().unwrap();
    assert_eq!(written, total);
    assert!(
        reports.windows(2).all(|pair| pair[0].0 <= pair[1].0),
        "progress only grows"
    );

    store
        .replace_workspace(
            &DemoWorkspace::default(),
            WorkspaceInfo::Empty,
            &mut |_, _| true,
        )
        .await
        .unwrap();
    assert!(store.counts().await.unwrap().is_empty());
    assert_eq!(
        store.workspace_info().await.unwrap(),
        Some(WorkspaceInfo::Empty)
    );
}

#[wasm_bindgen_test]
async fn failed_replacement_keeps_the_previous_workspace() {
    let store = fresh("replace-fail", SCHEMA_VERSION).await;
    let demo = small_demo();
    let info = WorkspaceInfo::Demo {
        seed: 1,
        end_date: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        people: demo.people.len(),
    };
    store
        .replace_workspace(&demo, info.clone(), &mut |_, _| true)
        .await
        .unwrap();

    let mut broken = small_demo();
    let duplicate_sku = broken.products[0].sku.clone();
    broken.products[1].sku = duplicate_sku;
    let result = store
        .replace_workspace(&broken, WorkspaceInfo::Empty, &mut |_, _| true)
        .await;
    assert!(
        matches!(result, Err(StoreError::Constraint { .. })),
        "{result:?}"
    );

    let counts = store.counts().await.unwrap();
    assert_eq!(
        counts.get(StoreName::People),
        120,
        "the clear was rolled back too"
    );
    assert_eq!(counts.get(StoreName::Orders) as usize, demo.orders.len());
    assert_eq!(store.workspace_info().await.unwrap(), Some(info));
    let first: Product = store.get(demo.products[0].key()).await.unwrap().unwrap();
    assert_eq!(first.uid.0.len(), 26, "written records get a uid");
    assert_eq!(
        Product {
            uid: Default::default(),
            ..first
        },
        demo.products[0]
    );
}

fn at(day: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap()
}

#[wasm_bindgen_test]
async fn the_list_reads_everyone_and_filters_them_in_memory() {
    let store = fresh("list", SCHEMA_VERSION).await;
    let mut jose = person(1, "José", "jose@example.com", Some(1));
    jose.custom.insert("score".into(), CustomValue::Number(9.0));
    let mut ada = person(2, "Ada", "ada@example.com", None);
    ada.tags = vec!["newsletter".into()];
    store.put_all(&[jose, ada]).await.unwrap();
    let people: Vec<Person> = store.all().await.unwrap();
    assert_eq!(people.len(), 2);
    let rows: Vec<EntityRow<Person>> = people
        .into_iter()
        .map(|p| EntityRow::new(p, String::new()))
        .collect();
    let query = ListQuery {
        search: "JOSE".into(),
        ..ListQuery::default()
    };
    assert_eq!(query.run(&rows), vec![0]);
    let filtered = ListQuery {
        filter: Filter {
            match_all: false,
            conditions: vec![
                Condition {
                    field: Field::Custom("score".into()),
                    operator: Operator::GreaterThan,
                    value: "5".into(),
                },
                Condition {
                    field: Field::builtin("tags"),
                    operator: Operator::Is,
                    value: "Newsletter".into(),
                },
            ],
            groups: vec![],
        },
        ..ListQuery::default()
    };
    assert_eq!(filtered.run(&rows), vec![1, 0], "newest first");
}

#[wasm_bindgen_test]
async fn a_change_set_lands_whole_or_not_at_all() {
    let store = fresh("changes", SCHEMA_VERSION).await;
    let stored = store.put(&product(1, "SKU-1")).await.unwrap();
    let mut changes = ChangeSet::default();
    changes
        .put(&person(5, "Kept", "kept@example.com", None))
        .unwrap();
    changes.delete(&stored);
    // A second product with the first one's SKU: the unique index fails the transaction.
    changes.put(&product(2, "SKU-2")).unwrap();
    changes.put(&product(3, "SKU-2")).unwrap();
    assert!(store.apply(changes).await.is_err());
    assert_eq!(store.get::<Person>(5).await.unwrap(), None);
    assert!(
        store.get::<Product>(1).await.unwrap().is_some(),
        "the delete was rolled back"
    );

    let mut invalid = ChangeSet::default();
    assert!(matches!(
        invalid.put(&person(6, "Bad", "bad", None)),
        Err(StoreError::Invalid { .. })
    ));
}

#[wasm_bindgen_test]
async fn trashed_people_and_companies_come_back_by_batch() {
    let store = fresh("trash", SCHEMA_VERSION).await;
    let people = [
        person(1, "A", "a@example.com", None),
        person(2, "B", "b@example.com", None),
        person(3, "C", "c@example.com", None),
    ];
    // What is trashed must be the stored copy (a stale one is refused).
    let people = store.put_all(&people).await.unwrap();
    let company = Company {
        domain: "acme.example".into(),
        ..company(4, "Acme")
    };
    let company = store.put(&company).await.unwrap();
    let trashed = [
        TrashedRecord::from(people[0].clone()),
        people[1].clone().into(),
        company.clone().into(),
    ];
    store.trash(&trashed, at(5), 77).await.unwrap();
    let counts = store.counts().await.unwrap();
    assert_eq!(
        counts.get(StoreName::People),
        1,
        "tombstones are not counted"
    );
    assert_eq!(counts.get(StoreName::Companies), 0);
    let people_now: Vec<Person> = store.all().await.unwrap();
    assert_eq!(people_now.len(), 1, "reads skip tombstones");
    let tombstone_index = store
        .find_by_index::<Person>("by_deleted", KeyRange::AtLeast(0.into()))
        .await
        .unwrap();
    assert!(
        tombstone_index.is_empty(),
        "tombstones are never decoded as records"
    );
    let mut batch = store.trash_batch(77).await.unwrap();
    assert_eq!(batch.len(), 3);
    assert_eq!(batch[0].record, TrashedRecord::Person(people[0].clone()));
    assert_eq!(batch[0].deleted_at, at(5));
    store.restore(&batch.split_off(2)).await.unwrap();
    // Deleting wrote a tombstone one revision up; restoring writes the record back over it.
    let restored = |revision: u64| revision + 2;
    assert_eq!(
        store.get::<Company>(4).await.unwrap(),
        Some(Company {
            revision: restored(company.revision),
            ..company
        })
    );

    store.restore(&batch[..1]).await.unwrap();
    assert_eq!(
        store.get::<Person>(1).await.unwrap(),
        Some(Person {
            revision: restored(people[0].revision),
            ..people[0].clone()
        })
    );
    assert_eq!(store.get::<Person>(2).await.unwrap(), None);
    assert_eq!(store.trash_batch(77).await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn merging_moves_the_timeline_and_trashes_the_other() {
    let store = fresh("merge", SCHEMA_VERSION).await;
    let survivor = person(1, "Ann", "ann@example.com", None);
    let mut other = person(2, "Anne", "ann@example.com", Some(4));
    other.phones = vec!["+1 555 010 2030".into()];
    let stored = store
        .put_all(&[survivor.clone(), other.clone()])
        .await
        .unwrap();
    let (survivor, other) = (stored[0].clone(), stored[1].clone());
    let note = Activity {
        uid: Default::default(),
        revision: 0,
        id: ActivityId(1),
        kind: ActivityKind::Note,
        summary: "Call back".into(),
        body: String::new(),
        person_id: Some(PersonId(2)),
        company_id: None,
        deal_id: None,
        author: String::new(),
        occurred_at: at(3),
        created_at: at(1),
        updated_at: at(1),
    };
    let note = store.put(&note).await.unwrap();
    let pairs = duplicates::find(&[survivor.clone(), other.clone()]);
    assert_eq!(pairs.len(), 1);

    let moved = store
        .merge_people(&survivor, &other, &[MergeField::Company], at(9), 5)
        .await
        .unwrap();
    assert_eq!(
        moved.activities,
        vec![Activity {
            revision: note.revision + 1,
            ..note.clone()
        }],
        "as it was, with the revision the move wrote (what undo expects to find)"
    );
    let merged: Person = store.get(1).await.unwrap().unwrap();
    assert_eq!(merged.company_id, Some(CompanyId(4)));
    assert_eq!(merged.first_name, "Ann");
    assert_eq!(merged.phones, other.phones);
    assert_eq!(store.get::<Person>(2).await.unwrap(), None);
    let notes: Vec<Activity> = store
        .find_by_index("by_person", KeyRange::Only(1.into()))
        .await
        .unwrap();
    assert_eq!(notes.len(), 1, "the note moved to the survivor");
    assert_eq!(store.trash_batch(5).await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn a_stale_write_is_refused_and_the_stored_record_is_unchanged() {
    let store = fresh("conflict", SCHEMA_VERSION).await;
    let stored = store
        .insert(person(0, "Ada", "ada@example.com", None))
        .await
        .unwrap();
    assert_eq!(stored.revision, 1, "a new record is its first revision");
    // Two tabs hold the same copy; the first saves.
    let first_tab = Person {
        job_title: "Engineer".into(),
        ..stored.clone()
    };
    let saved = store.put(&first_tab).await.unwrap();
    assert_eq!(saved.revision, 2, "every write counts the revision up");
    // The second tab saves from the copy it read before.
    let second_tab = Person {
        owner: "Mia".into(),
        ..stored.clone()
    };
    assert!(matches!(
        store.put(&second_tab).await,
        Err(StoreError::Conflict {
            store: "people",
            id: 1
        })
    ));
    let now: Person = store.get(1).await.unwrap().unwrap();
    assert_eq!(
        now, saved,
        "the first tab's edit is kept, nothing else written"
    );
    // A stale copy in a change set fails the whole set.
    let mut changes = ChangeSet::default();
    changes.put(&product(7, "SKU-7")).unwrap();
    changes.put(&second_tab).unwrap();
    assert!(matches!(
        store.apply(changes).await,
        Err(StoreError::Conflict { .. })
    ));
    assert_eq!(store.get::<Product>(7).await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn deleting_a_stale_copy_is_refused_and_undo_refuses_after_a_later_edit() {
    let store = fresh("stale-trash", SCHEMA_VERSION).await;
    let loaded = store
        .insert(person(0, "Ada", "ada@example.com", None))
        .await
        .unwrap();
    let edited = store
        .put(&Person {
            job_title: "Engineer".into(),
            ..loaded.clone()
        })
        .await
        .unwrap();
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    // The page still holds the copy it loaded first: trashing it would bring the pre-edit copy back.
    assert!(matches!(
        store
            .trash(&[TrashedRecord::Person(loaded.clone())], at, 1)
            .await,
        Err(StoreError::Conflict { .. })
    ));
    store
        .trash(&[TrashedRecord::Person(edited.clone())], at, 2)
        .await
        .unwrap();
    store
        .restore(&store.trash_batch(2).await.unwrap())
        .await
        .unwrap();
    let restored: Person = store.get(loaded.id.0).await.unwrap().unwrap();
    assert_eq!(restored.job_title, "Engineer", "the edited copy comes back");

    // A bulk edit's undo carries the revision the edit wrote; an edit after it makes undo refuse.
    let bulk = store
        .put(&Person {
            tags: vec!["bulk".into()],
            ..restored.clone()
        })
        .await
        .unwrap();
    let undo_copy = Person {
        revision: bulk.revision,
        ..restored.clone()
    };
    store
        .put(&Person {
            owner: "Mia".into(),
            ..bulk.clone()
        })
        .await
        .unwrap();
    let mut undo = ChangeSet::default();
    undo.put_back(&TrashedRecord::Person(undo_copy)).unwrap();
    assert!(matches!(
        store.apply(undo).await,
        Err(StoreError::Conflict { .. })
    ));
    let kept: Person = store.get(loaded.id.0).await.unwrap().unwrap();
    assert_eq!(kept.owner, "Mia", "the later edit is not reverted");
}

#[wasm_bindgen_test]
async fn every_commit_reports_the_stores_and_ids_it_touched() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let store = fresh("touched", SCHEMA_VERSION).await;
    let heard = Rc::new(RefCell::new(Vec::new()));
    let sink = heard.clone();
    store.on_commit(move |touched| sink.borrow_mut().push(touched.encode()));
    let ada = store
        .insert(person(0, "Ada", "ada@example.com", None))
        .await
        .unwrap();
    store.put(&product(3, "SKU-3")).await.unwrap();
    let mut changes = ChangeSet::default();
    changes.put(&ada).unwrap();
    changes.put(&product(4, "SKU-4")).unwrap();
    store.apply(changes).await.unwrap();
    // A failed write reports nothing.
    assert!(store.put(&ada).await.is_err());
    assert_eq!(
        *heard.borrow(),
        ["people:1", "products:3", "people:1;products:4"]
    );
}

#[wasm_bindgen_test]
async fn a_newer_open_closes_the_older_connection_and_goes_through() {
    use std::cell::Cell;
    use std::rc::Rc;
    let name = "hearth-crm.test-versionchange";
    Store::delete_database(name).await.unwrap();
    let outdated = Rc::new(Cell::new(false));
    let flag = outdated.clone();
    let older = Store::open_watched(
        name,
        SCHEMA_VERSION - 1,
        || {},
        move || flag.set(true),
        || {},
    )
    .await
    .unwrap();
    older
        .put(&person(1, "Kept", "kept@example.com", None))
        .await
        .unwrap();
    // The older connection stays open in this "tab"; the newer open must not wait forever.
    let newer = Store::open(name).await.unwrap();
    assert!(
        outdated.get(),
        "the older connection heard of the newer version"
    );
    assert_eq!(newer.version().unwrap(), SCHEMA_VERSION);
    let kept: Person = newer.get(1).await.unwrap().unwrap();
    assert_eq!(kept.first_name, "Kept");
}

#[wasm_bindgen_test]
async fn a_record_that_cannot_be_read_is_skipped_and_named() {
    let store = fresh("malformed", SCHEMA_VERSION).await;
    store
        .put_all(&[
            person(1, "Ada", "ada@example.com", None),
            person(3, "Cy", "cy@example.com", None),
        ])
        .await
        .unwrap();
    // A record written by something else: a number where the name belongs.
    let broken =
        js_sys::JSON::parse(r#"{"id": 2, "first_name": 42, "created_at": 0, "updated_at": 0}"#)
            .unwrap();
    put_raw_person("hearth-crm.test-malformed", broken).await;

    let people: Vec<Person> = store.all().await.unwrap();
    assert_eq!(
        people.iter().map(|p| p.id.0).collect::<Vec<_>>(),
        [1, 3],
        "the list reads everyone else"
    );
    let newest: Vec<Person> = store.newest(5).await.unwrap();
    assert_eq!(newest.len(), 2);
    let problems = store.problems();
    assert_eq!(problems.len(), 1, "named once, however often it is read");
    assert_eq!((problems[0].store, problems[0].id), ("people", Some(2)));
}

/// The numeric key of a serialized record.
fn key_of(value: &wasm_bindgen::JsValue) -> u32 {
    js_sys::Reflect::get(value, &"id".into())
        .unwrap()
        .as_f64()
        .unwrap() as u32
}

/// Writes `records` into the database `name` as the release of schema `version` stored them:
/// before version 5, without the uid and revision that version added; in pages through that
/// release's store where it kept the kind paged.
async fn put_as_older_release<R: Record + Clone + serde::Serialize>(
    name: &str,
    records: &[R],
    version: u32,
) {
    if R::STORE.paged_at(version) {
        let store = Store::open_at_version(name, version).await.unwrap();
        store.put_all(records).await.unwrap();
        store.close();
        return;
    }
    let values: Vec<_> = records
        .iter()
        .map(|record| {
            let value = record
                .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
                .unwrap();
            if version < 5 {
                for key in ["uid", "revision"] {
                    js_sys::Reflect::delete_property(&value.clone().into(), &key.into()).unwrap();
                }
            } else {
                let uid = Uid::from_parts(1_700_000_000_000, u128::from(key_of(&value)));
                js_sys::Reflect::set(&value, &"uid".into(), &uid.0.into()).unwrap();
                js_sys::Reflect::set(&value, &"revision".into(), &1.into()).unwrap();
            }
            value
        })
        .collect();
    put_raw(name, R::STORE.as_str(), &values).await;
}

/// The database `name` opened past the app's store, at whatever version it has.
async fn open_raw(name: &str) -> idb::Database {
    idb::Factory::new()
        .unwrap()
        .open(name, None)
        .unwrap()
        .await
        .unwrap()
}

/// The key of the people page holding `id`.
fn page_key(id: u32) -> wasm_bindgen::JsValue {
    js_sys::Array::of2(&"page".into(), &(id / 1024).into()).into()
}

/// The records of the stored people page holding `id`, as they are.
async fn raw_page(name: &str, id: u32) -> js_sys::Array {
    let database = open_raw(name).await;
    let transaction = database
        .transaction(&["people"], idb::TransactionMode::ReadOnly)
        .unwrap();
    let text = transaction
        .object_store("people")
        .unwrap()
        .get(idb::Query::Key(page_key(id)))
        .unwrap()
        .await
        .unwrap();
    database.close();
    match text {
        Some(text) => js_sys::JSON::parse(&text.as_string().unwrap())
            .unwrap()
            .into(),
        None => js_sys::Array::new(),
    }
}

/// Writes `value` into its people page as it is (after the records of lower ids), past the
/// app's store.
async fn put_raw_person(name: &str, value: wasm_bindgen::JsValue) {
    let id = key_of(&value);
    let records = raw_page(name, id).await;
    let at = records
        .iter()
        .position(|r| key_of(&r) > id)
        .unwrap_or(records.length() as usize);
    records.splice(at as u32, 0, &value);
    let text = js_sys::JSON::stringify(&records).unwrap();
    put_raw_key(name, "people", &page_key(id), &text.into()).await;
}

/// Writes `value` under `key` of `store` in the database `name`, past the app's store.
async fn put_raw_key(
    name: &str,
    store: &str,
    key: &wasm_bindgen::JsValue,
    value: &wasm_bindgen::JsValue,
) {
    let database = open_raw(name).await;
    let transaction = database
        .transaction(&[store], idb::TransactionMode::ReadWrite)
        .unwrap();
    transaction
        .object_store(store)
        .unwrap()
        .put(value, Some(key))
        .unwrap()
        .await
        .unwrap();
    transaction.commit().unwrap().await.unwrap();
    database.close();
}

/// Writes `values` into `store` of the database `name` as they are, past the app's store: what
/// another release, or something else, left there.
async fn put_raw(name: &str, store: &str, values: &[wasm_bindgen::JsValue]) {
    let database = open_raw(name).await;
    let transaction = database
        .transaction(&[store], idb::TransactionMode::ReadWrite)
        .unwrap();
    let object_store = transaction.object_store(store).unwrap();
    for value in values {
        object_store.put(value, None).unwrap().await.unwrap();
    }
    transaction.commit().unwrap().await.unwrap();
    database.close();
}

#[wasm_bindgen_test]
async fn every_older_version_migrates_to_the_current_one_giving_each_record_a_uid_and_revision() {
    for version in 1..SCHEMA_VERSION {
        let name = format!("hearth-crm.test-from-v{version}");
        Store::delete_database(&name).await.unwrap();
        Store::open_at_version(&name, version)
            .await
            .unwrap()
            .close();
        let people: Vec<Person> = (1..=30)
            .map(|id| person(id, "Old", &format!("p{id}@example.com"), None))
            .collect();
        put_as_older_release(&name, &people, version).await;
        put_as_older_release(&name, &[product(1, "SKU-1"), product(2, "SKU-2")], version).await;
        let orders: Vec<Order> = small_demo().orders.into_iter().take(3).collect();
        put_as_older_release(&name, &orders, version).await;
        let tickets: Vec<Ticket> = small_demo()
            .tickets
            .into_iter()
            .filter(|t| t.person_id.is_some())
            .take(3)
            .collect();
        put_as_older_release(&name, &tickets, version).await;

        let store = Store::open(&name).await.unwrap();
        assert_eq!(store.version().unwrap(), SCHEMA_VERSION, "from v{version}");
        let migrated: Vec<Person> = store.all().await.unwrap();
        assert_eq!(migrated.len(), 30, "every person kept from v{version}");
        let mut uids: Vec<&str> = migrated.iter().map(|p| p.uid.0.as_str()).collect();
        assert!(uids.iter().all(|uid| uid.len() == 26), "{uids:?}");
        uids.sort_unstable();
        uids.dedup();
        assert_eq!(uids.len(), 30, "uids are unique");
        assert!(migrated.iter().all(|p| p.revision == 1));
        for (old, new) in people.iter().zip(&migrated) {
            assert_eq!(
                Person {
                    uid: Default::default(),
                    revision: 0,
                    ..new.clone()
                },
                *old,
                "nothing else changed"
            );
        }
        let products: Vec<Product> = store.all().await.unwrap();
        assert!(products
            .iter()
            .all(|p| p.uid.0.len() == 26 && p.revision == 1));
        let migrated_orders: Vec<Order> = store.all().await.unwrap();
        assert_eq!(
            migrated_orders.len(),
            orders.len(),
            "every order kept from v{version}"
        );
        for (old, new) in orders.iter().zip(&migrated_orders) {
            assert_eq!((new.uid.0.len(), new.revision), (26, 1));
            assert_eq!(
                Order {
                    uid: Default::default(),
                    revision: 0,
                    ..new.clone()
                },
                *old
            );
        }
        // The customer lookup the timeline makes, answered by the page summaries.
        let of_customer: Vec<Order> = store.by_person(orders[0].person_id).await.unwrap();
        assert!(of_customer.iter().any(|order| order.id == orders[0].id));
        let migrated_tickets: Vec<Ticket> = store.all().await.unwrap();
        assert_eq!(
            migrated_tickets.len(),
            3,
            "every ticket kept from v{version}"
        );
        for (old, new) in tickets.iter().zip(&migrated_tickets) {
            assert_eq!((new.uid.0.len(), new.revision), (26, 1));
            assert_eq!(
                Ticket {
                    uid: Default::default(),
                    revision: 0,
                    ..new.clone()
                },
                *old
            );
        }
        let requester = tickets[0].person_id.unwrap();
        let of_requester: Vec<Ticket> = store.by_person(requester).await.unwrap();
        assert!(of_requester.iter().any(|ticket| ticket.id == tickets[0].id));
        let by_id: Option<Person> = store.get(migrated[4].id.0).await.unwrap();
        assert_eq!(by_id, Some(migrated[4].clone()));
        // A migrated record is written like any other: check-and-set at its revision.
        let saved = store
            .put(&Person {
                job_title: "Migrated".into(),
                ..migrated[0].clone()
            })
            .await
            .unwrap();
        assert_eq!((saved.revision, &saved.uid), (2, &migrated[0].uid));
        store.close();
    }
}

#[wasm_bindgen_test]
async fn a_failing_upgrade_leaves_the_old_version_and_its_records() {
    let name = "hearth-crm.test-failing-upgrade";
    Store::delete_database(name).await.unwrap();
    // Version 4, before the step (5) that adds the unique uid index.
    let previous = 4;
    Store::open_at_version(name, previous)
        .await
        .unwrap()
        .close();
    // Two companies that a broken build stored with one uid: the new unique index cannot hold both.
    let twins: Vec<Company> = (1..=2)
        .map(|id| Company {
            uid: Uid("01ARYZ6S41TSV4RRFFQ69G5FAV".into()),
            ..company(id, "Twin")
        })
        .collect();
    let values: Vec<_> = twins
        .iter()
        .map(|twin| {
            twin.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
                .unwrap()
        })
        .collect();
    put_raw(name, "companies", &values).await;

    assert!(Store::open(name).await.is_err(), "the upgrade fails");
    let old = Store::open_at_version(name, previous).await.unwrap();
    assert_eq!(old.version().unwrap(), previous, "still the old version");
    assert!(!old
        .index_names(StoreName::Companies)
        .unwrap()
        .contains(&"by_uid".to_string()));
    let kept: Vec<Company> = old.all().await.unwrap();
    assert_eq!(kept, twins, "every record as it was");
}

#[wasm_bindgen_test]
async fn a_companys_timeline_holds_its_people_and_their_records_read_in_one_go() {
    let store = fresh("company-timeline", SCHEMA_VERSION).await;
    let demo = small_demo();
    store
        .replace_workspace(&demo, WorkspaceInfo::Empty, &mut |_, _| true)
        .await
        .unwrap();
    let company = demo
        .companies
        .iter()
        .max_by_key(|c| {
            demo.people
                .iter()
                .filter(|p| p.company_id == Some(c.id))
                .count()
        })
        .unwrap();
    let people = demo
        .people
        .iter()
        .filter(|p| p.company_id == Some(company.id))
        .count();
    let records = store
        .timeline_of(hearth_app::store::Subject::Company(company.id))
        .await
        .unwrap();
    assert_eq!(records.people.len(), people);
    let orders = demo
        .orders
        .iter()
        .filter(|o| records.people.iter().any(|p| p.id == o.person_id))
        .count();
    assert_eq!(records.orders.len(), orders);
    let tickets = demo
        .tickets
        .iter()
        .filter(|t| records.people.iter().any(|p| Some(p.id) == t.person_id))
        .count();
    assert_eq!(records.tickets.len(), tickets);
}

#[wasm_bindgen_test]
async fn a_deals_timeline_and_last_activity_are_read_by_their_indexes() {
    let store = fresh("deal-timeline", SCHEMA_VERSION).await;
    let note = |id: u32, deal: Option<u32>, day: u32| Activity {
        uid: Default::default(),
        revision: 0,
        id: ActivityId(id),
        kind: ActivityKind::Call,
        summary: format!("call {id}"),
        body: String::new(),
        person_id: Some(PersonId(1)),
        company_id: None,
        deal_id: deal.map(DealId),
        author: String::new(),
        occurred_at: at(day),
        created_at: at(day),
        updated_at: at(day),
    };
    store
        .put_all(&[
            note(1, Some(7), 3),
            note(2, Some(7), 9),
            note(3, Some(8), 4),
            note(4, None, 20),
        ])
        .await
        .unwrap();
    let task = Task {
        uid: Default::default(),
        revision: 0,
        id: TaskId(1),
        title: "Send the proposal".into(),
        due_at: None,
        assignee: String::new(),
        done_at: None,
        person_id: None,
        company_id: None,
        deal_id: Some(DealId(7)),
        created_at: at(2),
        updated_at: at(2),
    };
    store.put(&task).await.unwrap();
    let records = store
        .timeline_of(hearth_app::store::Subject::Deal(DealId(7)))
        .await
        .unwrap();
    let calls: Vec<u32> = records.activities.iter().map(|a| a.id.0).collect();
    assert_eq!(calls, [1, 2], "only the deal's own activities");
    assert_eq!(records.tasks.len(), 1, "its task, found without a person");
    assert!(records.people.is_empty() && records.orders.is_empty());
    let last = store.last_deal_activity().await.unwrap();
    assert_eq!(last.len(), 2, "activities on no deal are not read");
    assert_eq!((last[&7], last[&8]), (at(9), at(4)));
}

/// The raw stored object under `id` in `store` of database `name`, tombstone or not.
async fn raw(name: &str, store: &str, id: u32) -> Option<wasm_bindgen::JsValue> {
    if store == "people" {
        return raw_page(name, id)
            .await
            .iter()
            .find(|record| key_of(record) == id);
    }
    let database = open_raw(name).await;
    let transaction = database
        .transaction(&[store], idb::TransactionMode::ReadOnly)
        .unwrap();
    let value = transaction
        .object_store(store)
        .unwrap()
        .get(idb::Query::Key(id.into()))
        .unwrap()
        .await
        .unwrap();
    database.close();
    value
}

#[wasm_bindgen_test]
async fn a_deleted_person_stays_as_a_tombstone_until_the_trash_is_emptied() {
    let name = "hearth-crm.test-tombstones";
    Store::delete_database(name).await.unwrap();
    let store = Store::open(name).await.unwrap();
    let ada = store
        .insert(person(0, "Ada", "ada@example.com", None))
        .await
        .unwrap();
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    store
        .trash(&[TrashedRecord::Person(ada.clone())], at, 9)
        .await
        .unwrap();
    let tombstone = raw(name, "people", ada.id.0)
        .await
        .expect("kept as a tombstone");
    let field = |key: &str| js_sys::Reflect::get(&tombstone, &key.into()).unwrap();
    assert_eq!(field("uid").as_string().unwrap(), ada.uid.0, "with its uid");
    assert_eq!(field("revision").as_f64(), Some((ada.revision + 1) as f64));
    assert_eq!(
        field("deleted_at").as_f64(),
        Some(at.timestamp_millis() as f64)
    );
    assert_eq!(store.get::<Person>(ada.id.0).await.unwrap(), None);
    assert_eq!(store.counts().await.unwrap().get(StoreName::People), 0);

    // Emptying the trash purges the tombstone and the entry.
    let entries = store.trash_batch(9).await.unwrap();
    let mut purge = ChangeSet::default();
    for entry in &entries {
        purge.purge(&entry.record);
        purge.delete_trash_entry(entry.id);
    }
    store.apply(purge).await.unwrap();
    assert!(raw(name, "people", ada.id.0).await.is_none());
    assert!(store.trash_batch(9).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn many_records_of_a_paged_kind_are_read_by_their_pages_in_id_order() {
    let store = fresh("get-many-paged", SCHEMA_VERSION).await;
    let people: Vec<Person> = (1..=3_000)
        .map(|id| person(id, "Many", &format!("m{id}@example.com"), None))
        .collect();
    store.put_all(&people).await.unwrap();
    // Every other person across three pages, and ids that were never stored.
    let mut ids: Vec<u32> = (1..=3_000).step_by(2).chain([5_000, 9_999]).collect();
    ids.reverse();
    assert!(
        ids.len() > 1_024,
        "more than a page's worth takes the paged read"
    );
    let read: Vec<Person> = store.get_many(&ids).await.unwrap();
    let read_ids: Vec<u32> = read.iter().map(|p| p.id.0).collect();
    let expected: Vec<u32> = (1..=3_000).step_by(2).collect();
    assert_eq!(read_ids, expected);
    assert_eq!(read[10].emails, [format!("m{}@example.com", expected[10])]);
    // Their names alone, read the same way, as every other record's list names them.
    let names = store.person_names(ids.iter().copied()).await.unwrap();
    assert_eq!(names.len(), expected.len());
    assert_eq!(names[&expected[10]], read[10].display_name());
}

#[wasm_bindgen_test]
async fn the_people_list_reads_page_snapshots_until_a_write_makes_one_stale() {
    let name = "hearth-crm.test-snapshots";
    let store = fresh("snapshots", SCHEMA_VERSION).await;
    let people: Vec<Person> = (1..=2_100)
        .map(|id| person(id, &format!("P{id}"), &format!("p{id}@example.com"), None))
        .collect();
    let people = store.put_all(&people).await.unwrap();
    store.refresh_snapshots::<Person>().await.unwrap();
    // The first page's text changed past the store, its snapshot left as it was: the list reads
    // the snapshot.
    let page = raw_page(name, 1).await;
    js_sys::Reflect::set(&page.get(0), &"first_name".into(), &"Changed".into()).unwrap();
    let text = js_sys::JSON::stringify(&page).unwrap();
    put_raw_key(name, "people", &page_key(1), &text.into()).await;
    let read: Vec<Person> = store.all().await.unwrap();
    assert_eq!(read.len(), 2_100);
    assert_eq!(read[0].first_name, "P1", "read from the snapshot");
    assert_eq!(read[2_099], people[2_099]);

    // A write through the store marks its page stale: the next read decodes the page's text.
    let mut edited = read[1].clone();
    edited.first_name = "Edited".into();
    store.put(&edited).await.unwrap();
    let read: Vec<Person> = store.all().await.unwrap();
    let ids: Vec<u32> = read.iter().map(|p| p.id.0).collect();
    assert_eq!(ids, (1..=2_100).collect::<Vec<_>>());
    assert_eq!(
        (read[0].first_name.as_str(), read[1].first_name.as_str()),
        ("Changed", "Edited")
    );
    assert_eq!(
        store.all::<Person>().await.unwrap(),
        read,
        "read again: the same"
    );

    // A tombstone leaves the list through the snapshot too.
    let mut gone = read[5].clone();
    gone.deleted_at = Some(at(2));
    store.put(&gone).await.unwrap();
    store.refresh_snapshots::<Person>().await.unwrap();
    let read: Vec<Person> = store.all().await.unwrap();
    assert_eq!(read.len(), 2_099);
    assert!(read.iter().all(|p| p.id.0 != 6));

    // A snapshot in another layout, or one that does not decode, is not read: the text is.
    let list_key = |number: u32| -> wasm_bindgen::JsValue {
        js_sys::Array::of2(&"list".into(), &number.into()).into()
    };
    let other_layout = js_sys::Uint8Array::from(&[250u8, 0, 0, 0, 1, 2, 3][..]);
    put_raw_key(name, "people", &list_key(0), &other_layout.into()).await;
    let layout = hearth_domain::compact::PERSON_LAYOUT.to_le_bytes();
    let broken = js_sys::Uint8Array::from(&[&layout[..], &[0xff, 0xff, 0xff]].concat()[..]);
    put_raw_key(name, "people", &list_key(1), &broken.into()).await;
    assert_eq!(store.all::<Person>().await.unwrap(), read);
}
