//! The importer and the backup reader against arbitrary bytes: any file, in any encoding and
//! with any delimiter, ends in rows, problems or a file error, never a panic. A randomized
//! harness on stable (proptest), not coverage-guided; `PROPTEST_CASES=20000` runs a longer budget.

use chrono::{TimeZone, Utc};
use hearth_domain::demo::default_pipeline;
use hearth_domain::entity::stage_names;
use hearth_domain::list::Field;
use hearth_domain::{Company, Deal, EntityKind, Order, Person, Product, Ticket, Validate};
use hearth_import::backup::{header_member, BackupHeader, BackupReader, StoreSection, FORMAT};
use hearth_import::encoding::TextEncoding;
use hearth_import::reconcile::{ImportSettings, Importer, Names};
use hearth_import::source::{preview, FileShape};
use proptest::prelude::*;

fn import_all<E: hearth_domain::entity::Entity + Validate>(
    bytes: &[u8],
    settings: &ImportSettings,
) {
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
    let names = Names::new(true)
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

/// Bytes that look like a CSV file often enough to get past the header.
fn file() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        "(name|email|phone|company|sku|price|amount|日期|邮箱|[a-z\"]{0,6})([,;\t|](name|email|phone|company|sku|price|quantity|日期|邮箱|[a-z\"]{0,6})){0,5}\n([^\u{0}]{0,30}[,;\t|\n\"]){0,30}"
            .prop_map(String::into_bytes),
    ]
}

proptest! {
    #[test]
    fn any_file_imports_without_panicking(
        bytes in file(),
        encoding in proptest::sample::select(TextEncoding::ALL.to_vec()),
        delimiter in proptest::sample::select(vec![b',', b';', b'\t', b'|']),
        key in proptest::sample::select(vec![None, Some("emails"), Some("sku"), Some("name"), Some("number")]),
    ) {
        let _ = preview(&bytes, true, true, Some(encoding), Some(delimiter));
        let _ = preview(&bytes, false, false, None, None);
        let headers = preview(&bytes, true, false, Some(encoding), Some(delimiter))
            .map(|p| p.headers)
            .unwrap_or_default();
        let mapping = headers
            .iter()
            .enumerate()
            .map(|(at, _)| ["first_name", "emails", "phones", "company", "sku", "price", "name",
                    "number", "customer", "product", "quantity", "amount", "date"]
                .get(at % 14)
                .map(|key| Field::builtin(key)))
            .collect();
        let settings = ImportSettings {
            shape: FileShape { encoding, delimiter },
            mapping,
            dates: Vec::new(),
            upsert_key: key.map(Field::builtin),
            create_missing: true,
            option_labels: vec![("客户".into(), "customer".into())],
        };
        import_all::<Person>(&bytes, &settings);
        import_all::<Company>(&bytes, &settings);
        import_all::<Product>(&bytes, &settings);
        import_all::<Order>(&bytes, &settings);
        import_all::<Ticket>(&bytes, &settings);
        import_all::<Deal>(&bytes, &settings);
    }

    #[test]
    fn any_damage_to_a_backup_is_an_error_not_a_panic(
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        cut in any::<usize>(),
    ) {
        let mut section = StoreSection::new("people");
        let records: Vec<String> = (0..30).map(|i| format!(r#"{{"id":{i},"name":"P{i}"}}"#)).collect();
        for frame in records.chunks(7) {
            section.frame(frame).unwrap();
        }
        let (member, summary) = section.finish().unwrap();
        let header = BackupHeader { format: FORMAT.into(), version: 1, schema: 8, created_at: 0, stores: vec![summary] };
        let mut file = header_member(&header).unwrap();
        file.extend(member);
        for (at, byte) in flips {
            let len = file.len();
            file[at % len] ^= byte;
        }
        file.truncate(cut % (file.len() + 1));
        if let Ok(mut reader) = BackupReader::open(&file[..]) {
            while let Ok(Some(_)) = reader.next_frame() {}
        }
    }
}
