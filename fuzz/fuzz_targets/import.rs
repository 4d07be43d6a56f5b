//! Any file, read as each importable entity in the encoding, delimiter and upsert key its first
//! bytes choose, ends in rows, problems or a file error: never a panic.
#![no_main]

use chrono::{TimeZone, Utc};
use hearth_domain::demo::default_pipeline;
use hearth_domain::entity::stage_names;
use hearth_domain::entity::Entity;
use hearth_domain::list::Field;
use hearth_domain::{Company, Deal, EntityKind, Order, Person, Product, Ticket, Validate};
use hearth_import::encoding::TextEncoding;
use hearth_import::reconcile::{ImportSettings, Importer, Names};
use hearth_import::source::{preview, FileShape};
use libfuzzer_sys::fuzz_target;

/// Builtin keys a column may be mapped to, over every entity (a key the entity lacks is refused
/// by the plan, which is part of what is fuzzed).
const KEYS: [&str; 21] = [
    "first_name",
    "emails",
    "phones",
    "company",
    "sku",
    "price",
    "name",
    "number",
    "customer",
    "product",
    "quantity",
    "amount",
    "date",
    "tags",
    "external_id",
    "subject",
    "priority",
    "status",
    "opened",
    "resolved",
    "satisfaction",
];

fn import_all<E: Entity + Validate>(bytes: &[u8], settings: &ImportSettings) {
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
    let names = Names::new(settings.create_missing)
        .with(EntityKind::Company, [(1, vec!["Acme".to_string()])], 2)
        .with(EntityKind::Person, [(1, vec!["a@b.cn".to_string()])], 2)
        .with(EntityKind::Product, [(1, vec!["tea".to_string()])], 2)
        .with_stages(stage_names(&[default_pipeline(now)]));
    let Ok(mut importer) = Importer::<E, _>::new(bytes, settings, &[], Vec::new(), 1, names, now)
    else {
        return;
    };
    while let Ok(Some(_)) = importer.next_batch(7) {}
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let encoding = TextEncoding::ALL[usize::from(choice) % TextEncoding::ALL.len()];
    let delimiter = [b',', b';', b'\t', b'|'][usize::from(choice >> 3) % 4];
    let key = [
        None,
        Some("emails"),
        Some("sku"),
        Some("number"),
        Some("external_id"),
    ][usize::from(choice >> 5) % 5];
    let _ = preview(bytes, true, true, None, None);
    let headers = preview(bytes, true, false, Some(encoding), Some(delimiter))
        .map(|p| p.headers)
        .unwrap_or_default();
    let mapping = (0..headers.len())
        .map(|at| {
            KEYS.get((at + usize::from(choice)) % (KEYS.len() + 1))
                .map(|k| Field::builtin(k))
        })
        .collect();
    let settings = ImportSettings {
        shape: FileShape {
            encoding,
            delimiter,
        },
        mapping,
        dates: Vec::new(),
        upsert_key: key.map(Field::builtin),
        create_missing: choice & 1 == 0,
        option_labels: vec![("客户".into(), "customer".into())],
    };
    import_all::<Person>(bytes, &settings);
    import_all::<Company>(bytes, &settings);
    import_all::<Product>(bytes, &settings);
    import_all::<Order>(bytes, &settings);
    import_all::<Ticket>(bytes, &settings);
    import_all::<Deal>(bytes, &settings);
});
