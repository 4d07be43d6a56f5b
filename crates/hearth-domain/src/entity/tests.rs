use super::*;
use crate::ids::{CustomFieldId, PersonId};
use crate::list::{ListQuery, Sort};
use crate::model::{Company, LifecycleStage, Person, Product};
use chrono::TimeZone;
use proptest::prelude::*;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

fn size_field(entity: EntityKind) -> CustomFieldDef {
    CustomFieldDef {
        id: CustomFieldId(1),
        revision: 0,
        uid: Default::default(),
        entity,
        key: "size".into(),
        label: "Size".into(),
        kind: CustomFieldKind::Number,
        created_at: at(),
        updated_at: at(),
    }
}

fn set<E: Entity>(record: &mut E, key: &str, text: &str) -> Result<(), Problem> {
    let custom = [size_field(E::KIND)];
    let field = field_of::<E>(&Field::Builtin(key.to_string().into()), &custom)
        .or_else(|| field_of::<E>(&Field::Custom(key.into()), &custom))
        .ok_or(Problem::NotAnOption)?;
    field.write(record, text)
}

#[test]
fn bulk_set_takes_text_lifecycle_keys_and_custom_values() {
    let mut p = Person::new("Ada", "Lovelace", at());
    set(&mut p, "owner", " Mia ").unwrap();
    set(&mut p, "lifecycle", "Customer").unwrap();
    set(&mut p, "size", "12").unwrap();
    assert_eq!(p.owner, "Mia");
    assert_eq!(p.lifecycle, LifecycleStage::Customer);
    assert_eq!(p.custom["size"], CustomValue::Number(12.0));
    assert_eq!(set(&mut p, "lifecycle", "vip"), Err(Problem::NotAnOption));
    assert_eq!(set(&mut p, "size", "big"), Err(Problem::InvalidNumber));
    assert_eq!(
        set(&mut p, "email", "x@y.z"),
        Err(Problem::NotAnOption),
        "the primary email is read from the emails, not typed"
    );
    set(&mut p, "size", "").unwrap();
    assert!(!p.custom.contains_key("size"));
}

#[test]
fn bulk_actions_change_companies_by_their_own_fields() {
    let mut c = Company::blank(at());
    c.tags = vec!["Key".into()];
    add_tag(&mut c, "key");
    add_tag(&mut c, "partner");
    assert_eq!(
        c.tags,
        ["Key", "partner"],
        "a tag it has, in any case, is not added twice"
    );
    set(&mut c, "industry", " Retail ").unwrap();
    set(&mut c, "owner", "Mia").unwrap();
    set(&mut c, "city", "Lyon").unwrap();
    assert_eq!((c.industry.as_str(), c.owner.as_str()), ("Retail", "Mia"));
    assert_eq!(c.address.city, "Lyon");
    assert_eq!(
        set(&mut c, "lifecycle", "customer"),
        Err(Problem::NotAnOption),
        "companies have no lifecycle"
    );
    for field in fields_of::<Company>(&[]) {
        if field.is_in(Places::BULK) {
            assert!(field.write(&mut c, "x").is_ok(), "{field:?} takes text");
        }
    }
}

#[test]
fn every_table_names_each_field_once_and_types_only_what_it_can_write() {
    fn check<E: Entity>(name: &str) {
        let keys: Vec<&str> = E::fields().iter().map(|f| f.key).collect();
        let mut unique = keys.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "{:?} repeats a key", E::KIND);
        for field in E::fields() {
            let typed = Places::FORM.and(Places::BULK).and(Places::IMPORT);
            if field.places.0 & typed.0 != 0 {
                assert!(
                    field.write.is_some(),
                    "{} is typed but not writable",
                    field.key
                );
            }
        }
        for key in E::DEFAULT_COLUMNS {
            let field = builtin::<E>(key).expect("a default column is a field");
            assert!(field.places.has(Places::LIST), "{key} is a column");
        }
        assert!(builtin::<E>(name).is_some(), "every entity has a name");
    }
    check::<Person>("name");
    check::<Company>("name");
    check::<Product>("name");
    check::<crate::Order>("number");
    check::<crate::Ticket>("subject");
    check::<crate::Deal>("title");
}

#[test]
fn a_full_name_splits_into_first_and_last_and_reads_back() {
    use super::person::split_full_name;
    for (full, first, last) in [
        ("王小明", "小明", "王"),
        ("Ada Lovelace", "Ada", "Lovelace"),
        ("Ada King Lovelace", "Ada King", "Lovelace"),
        ("Cher", "Cher", ""),
        ("  ", "", ""),
    ] {
        assert_eq!(
            split_full_name(full),
            (first.to_string(), last.to_string()),
            "{full}"
        );
    }
    let mut person = Person::blank(at());
    set(&mut person, "name", "王小明").unwrap();
    assert_eq!(person.display_name(), "王小明");
}

#[test]
fn a_form_applies_typed_fields_and_names_each_problem() {
    let base = Product::blank(at());
    let fields = fields_of::<Product>(&[size_field(EntityKind::Product)]);
    let texts: BTreeMap<Field, String> = [
        ("sku", "HC-0100"),
        ("name", " Kettle "),
        ("price", "24.50"),
        ("active", "false"),
        ("category", "Kitchen"),
    ]
    .into_iter()
    .map(|(key, text)| (Field::builtin(key), text.to_string()))
    .chain([(Field::Custom("size".into()), "3".to_string())])
    .collect();
    let later = at() + chrono::TimeDelta::hours(1);
    let product = apply_form(&base, &fields, Places::CREATE, &texts, "", later).unwrap();
    assert_eq!(product.sku, "HC-0100");
    assert_eq!(product.name, "Kettle");
    assert_eq!(product.unit_price, crate::Cents(2450));
    assert!(!product.active);
    assert_eq!(product.custom["size"], CustomValue::Number(3.0));
    assert_eq!(product.updated_at, later);
    assert_eq!(
        product.created_at,
        at(),
        "a form never moves the creation time"
    );

    let mut bad = texts.clone();
    bad.insert(Field::builtin("price"), "cheap".into());
    bad.insert(Field::Custom("size".into()), "big".into());
    let errors = apply_form(&base, &fields, Places::FORM, &bad, "", later).unwrap_err();
    let named: Vec<(&str, Problem)> = errors
        .iter()
        .map(|e| (e.field.as_str(), e.problem.clone()))
        .collect();
    assert_eq!(
        named,
        [
            ("price", Problem::InvalidNumber),
            ("Size", Problem::InvalidNumber)
        ]
    );
}

#[test]
fn the_create_form_asks_only_for_its_own_fields() {
    let base = Person::blank(at());
    let fields = fields_of::<Person>(&[]);
    let texts: BTreeMap<Field, String> = [("first_name", "Ada"), ("job_title", "Engineer")]
        .into_iter()
        .map(|(key, text)| (Field::builtin(key), text.to_string()))
        .collect();
    let person = apply_form(&base, &fields, Places::CREATE, &texts, "", at()).unwrap();
    assert_eq!(person.first_name, "Ada");
    assert_eq!(
        person.job_title, "",
        "the job title is not on the short form"
    );
}

#[test]
fn a_product_list_searches_filters_and_sorts_through_its_table() {
    let product = |id: u32, sku: &str, name: &str, cents: i64| Product {
        id: crate::ProductId(id),
        sku: sku.into(),
        name: name.into(),
        unit_price: crate::Cents(cents),
        ..Product::blank(at())
    };
    let rows = vec![
        EntityRow::new(product(1, "HC-1", "Kettle", 2_450), ()),
        EntityRow::new(product(2, "HC-2", "Teapot", 990), ()),
        EntityRow::new(product(3, "HC-3", "Mugs", 1_500), ()),
    ];
    let ids = |query: &ListQuery| -> Vec<u32> {
        query.run(&rows).into_iter().map(|i| rows[i].id()).collect()
    };
    let search = ListQuery {
        search: "hc-2".into(),
        ..ListQuery::default()
    };
    assert_eq!(ids(&search), [2]);
    let by_price = ListQuery {
        sort: Some(Sort {
            field: Field::builtin("price"),
            descending: true,
        }),
        ..ListQuery::default()
    };
    assert_eq!(ids(&by_price), [1, 3, 2]);
}

#[test]
fn a_person_row_searches_every_search_field_and_phone_digits() {
    let mut p = Person::new("José", "Núñez", at());
    p.id = PersonId(1);
    p.emails = vec!["jose@example.com".into(), "pepe@work.example".into()];
    p.phones = vec!["+1 (555) 010-2030".into()];
    let row = EntityRow::new(p, "Ácme".to_string());
    for words in ["jose nunez", "pepe@work", "5550102030", "acme"] {
        assert!(row.matches(&fold(words)), "{words}");
    }
    // The given and family names are searched through the name, which holds both.
    let row = EntityRow::new(Person::new("芳", "王", at()), String::new());
    for words in ["王芳", "芳", "王"] {
        assert!(row.matches(&fold(words)), "{words}");
    }
    assert!(!row.matches(&fold("李")));
}

#[test]
fn field_keys_keep_the_json_saved_views_hold() {
    let name = serde_json::to_string(&Field::builtin("job_title")).unwrap();
    assert_eq!(name, r#"{"field":"job_title"}"#);
    let custom = serde_json::to_string(&Field::Custom("size".into())).unwrap();
    assert_eq!(custom, r#"{"field":"custom","key":"size"}"#);
    let back: Field = serde_json::from_str(&custom).unwrap();
    assert_eq!(back, Field::Custom("size".into()));
    let back: Field = serde_json::from_str(&name).unwrap();
    assert_eq!(back, Field::builtin("job_title"));
}

proptest! {
    /// Whatever a form shows for a typed field reads back to the same record.
    #[test]
    fn edit_text_reads_back_to_the_same_record(
        owner in "[a-zA-Z ]{0,12}",
        employees in proptest::option::of(0u32..100_000),
        tags in proptest::collection::vec("[a-z]{1,6}", 0..4),
        cents in 0i64..10_000_000,
    ) {
        let mut company = Company::blank(at());
        company.owner = owner.trim().to_string();
        company.employees = employees;
        company.tags = tags;
        // A stored product (a new one's form starts with no price).
        let mut product = Product { revision: 1, ..Product::blank(at()) };
        product.unit_price = crate::Cents(cents);
        fn round_trip<E: Entity>(record: &E) -> E {
            let mut copy = record.clone();
            for field in fields_of::<E>(&[]) {
                if field.is_in(Places::FORM) {
                    field.write(&mut copy, &field.edit_text(record)).unwrap();
                }
            }
            copy
        }
        // A ticket opened and resolved at any time of day keeps both instants.
        let opened = at() + chrono::TimeDelta::minutes(cents % 100_000);
        let mut ticket = crate::Ticket { opened_at: opened, ..crate::Ticket::blank(at()) };
        ticket.resolved_at = Some(opened + chrono::TimeDelta::minutes(cents % 7_777));
        ticket.satisfaction = employees.map(|n| (n % 5 + 1) as u8);
        ticket.tags = company.tags.clone();
        prop_assert_eq!(round_trip(&company), company);
        prop_assert_eq!(round_trip(&product), product);
        prop_assert_eq!(round_trip(&ticket), ticket);
    }
}

#[test]
fn a_bulk_stage_is_a_name_in_each_deals_own_pipeline() {
    use crate::demo::default_pipeline;
    use crate::entity::DealParties;
    use crate::model::{Deal, StageOutcome};
    let mut pipeline = default_pipeline(at());
    let won = pipeline
        .stages
        .iter()
        .find(|s| s.outcome == StageOutcome::Won)
        .unwrap()
        .clone();
    // Another pipeline whose "Won" has another id.
    for stage in &mut pipeline.stages {
        stage.id.0 += 10;
    }
    let parties = |p: &crate::model::Pipeline| DealParties {
        stages: std::sync::Arc::new(p.stages.clone()),
        ..DealParties::default()
    };
    let mut deal = Deal::blank(at());
    deal.lost_reason = "price".into();
    let later = at() + chrono::Duration::days(3);
    assert_eq!(
        deal.bulk_write(&parties(&default_pipeline(at())), "stage", " won ", later),
        Some(Ok(()))
    );
    assert_eq!(deal.stage_id, won.id);
    assert_eq!(deal.close_date, later.date_naive());
    assert!(deal.lost_reason.is_empty());
    let mut other = Deal::blank(at());
    assert_eq!(
        other.bulk_write(&parties(&pipeline), "stage", "Won", later),
        Some(Ok(()))
    );
    assert_eq!(other.stage_id.0, won.id.0 + 10);
    assert_eq!(
        other.bulk_write(&parties(&pipeline), "stage", "Nowhere", later),
        Some(Err(Problem::NotAnOption))
    );
    assert_eq!(
        other.bulk_write(&parties(&pipeline), "owner", "Ann", later),
        None
    );
}
