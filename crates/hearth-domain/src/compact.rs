//! The compact form of records: postcard's binary encoding, which the store keeps beside each page
//! of people as the list's snapshot (a third of the page's JSON, decoded about 1.5× faster).
//! Postcard writes every field in order, without names, so a record kept in it serializes every
//! field (no `skip_serializing_if`) and tags no enum by name:
//! [`CustomValue`] is written here in both forms, by name in JSON and by number in the compact
//! form. [`PERSON_LAYOUT`] names the layout a snapshot was written in; a test pins it.

use crate::model::CustomValue;
use crate::money::Cents;
use chrono::NaiveDate;
use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeTuple;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The version of [`crate::Person`]'s compact layout: a snapshot written in another is not read
/// (its page's JSON is, and the snapshot is written again). Bump it whenever a field of `Person`,
/// or of a type it holds, is added, removed, reordered or changes type; `person_layout_is_pinned`
/// fails until the pinned bytes are written again with it.
pub const PERSON_LAYOUT: u32 = 1;

/// [`CustomValue`]'s JSON form: `{"kind": "text", "value": "…"}`.
#[derive(Serialize, Deserialize)]
#[serde(
    remote = "CustomValue",
    tag = "kind",
    content = "value",
    rename_all = "snake_case"
)]
enum Tagged {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Select(String),
    MultiSelect(Vec<String>),
    Checkbox(bool),
    Url(String),
    Currency(Cents),
}

impl CustomValue {
    /// Its variant's number in the compact form (never renumbered: [`PERSON_LAYOUT`] would change).
    fn variant(&self) -> u8 {
        match self {
            CustomValue::Text(_) => 0,
            CustomValue::Number(_) => 1,
            CustomValue::Date(_) => 2,
            CustomValue::Select(_) => 3,
            CustomValue::MultiSelect(_) => 4,
            CustomValue::Checkbox(_) => 5,
            CustomValue::Url(_) => 6,
            CustomValue::Currency(_) => 7,
        }
    }
}

impl Serialize for CustomValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return Tagged::serialize(self, serializer);
        }
        let mut tuple = serializer.serialize_tuple(2)?;
        tuple.serialize_element(&self.variant())?;
        match self {
            CustomValue::Text(text) | CustomValue::Select(text) | CustomValue::Url(text) => {
                tuple.serialize_element(text)?
            }
            CustomValue::Number(number) => tuple.serialize_element(number)?,
            CustomValue::Date(date) => tuple.serialize_element(date)?,
            CustomValue::MultiSelect(options) => tuple.serialize_element(options)?,
            CustomValue::Checkbox(checked) => tuple.serialize_element(checked)?,
            CustomValue::Currency(amount) => tuple.serialize_element(amount)?,
        }
        tuple.end()
    }
}

impl<'de> Deserialize<'de> for CustomValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            return Tagged::deserialize(deserializer);
        }
        deserializer.deserialize_tuple(2, CompactValue)
    }
}

/// Reads the compact form: the variant's number, then its value.
struct CompactValue;

impl<'de> Visitor<'de> for CompactValue {
    type Value = CustomValue;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a custom value's variant number and value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CustomValue, A::Error> {
        fn next<'de, T: Deserialize<'de>, A: SeqAccess<'de>>(
            seq: &mut A,
            at: usize,
        ) -> Result<T, A::Error> {
            seq.next_element()?
                .ok_or_else(|| de::Error::invalid_length(at, &CompactValue))
        }
        let variant: u8 = next(&mut seq, 0)?;
        Ok(match variant {
            0 => CustomValue::Text(next(&mut seq, 1)?),
            1 => CustomValue::Number(next(&mut seq, 1)?),
            2 => CustomValue::Date(next(&mut seq, 1)?),
            3 => CustomValue::Select(next(&mut seq, 1)?),
            4 => CustomValue::MultiSelect(next(&mut seq, 1)?),
            5 => CustomValue::Checkbox(next(&mut seq, 1)?),
            6 => CustomValue::Url(next(&mut seq, 1)?),
            7 => CustomValue::Currency(next(&mut seq, 1)?),
            other => {
                return Err(de::Error::invalid_value(
                    de::Unexpected::Unsigned(other.into()),
                    &CompactValue,
                ))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{CompanyId, PersonId, Uid};
    use crate::model::{Address, LifecycleStage, Person};
    use chrono::{TimeZone, Utc};
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn every_value() -> Vec<CustomValue> {
        let date = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        vec![
            CustomValue::Text("说明".into()),
            CustomValue::Number(-2.5),
            CustomValue::Date(date),
            CustomValue::Select("Email".into()),
            CustomValue::MultiSelect(vec!["a".into(), "b".into()]),
            CustomValue::Checkbox(true),
            CustomValue::Url("https://example.com".into()),
            CustomValue::Currency(Cents(-12_345)),
        ]
    }

    /// A person with every field set (a struct literal: a new field does not compile until it is
    /// set here, and then the pinned bytes change).
    fn everything() -> Person {
        let at = Utc.timestamp_millis_opt(1_765_000_000_123).unwrap();
        Person {
            id: PersonId(7),
            revision: 3,
            uid: Uid("01JEXAMPLE".into()),
            external_id: "C-7".into(),
            first_name: "芳".into(),
            last_name: "王".into(),
            emails: vec!["wang@example.com".into(), "f@example.cn".into()],
            phones: vec!["+86 10 5555 0101".into()],
            company_id: Some(CompanyId(3)),
            job_title: "采购经理".into(),
            address: Address {
                street: "1 Road".into(),
                city: "北京".into(),
                region: "BJ".into(),
                postal_code: "100000".into(),
                country: "CN".into(),
            },
            lifecycle: LifecycleStage::Customer,
            source: "Referral".into(),
            owner: "Alex Chen".into(),
            tags: vec!["vip".into()],
            notes: "Prefers email".into(),
            custom: every_value()
                .into_iter()
                .enumerate()
                .map(|(at, value)| (format!("field_{at}"), value))
                .collect(),
            created_at: at,
            updated_at: at,
            deleted_at: Some(at),
        }
    }

    #[test]
    fn custom_values_keep_their_json_form() {
        let json: Vec<String> = every_value()
            .iter()
            .map(|value| serde_json::to_string(value).unwrap())
            .collect();
        assert_eq!(json[0], r#"{"kind":"text","value":"说明"}"#);
        assert_eq!(json[2], r#"{"kind":"date","value":"2026-12-08"}"#);
        assert_eq!(json[4], r#"{"kind":"multi_select","value":["a","b"]}"#);
        assert_eq!(json[7], r#"{"kind":"currency","value":-12345}"#);
        for (text, value) in json.iter().zip(every_value()) {
            assert_eq!(serde_json::from_str::<CustomValue>(text).unwrap(), value);
        }
    }

    #[test]
    fn every_custom_value_round_trips_compact() {
        for value in every_value() {
            let bytes = postcard::to_allocvec(&value).unwrap();
            assert_eq!(postcard::from_bytes::<CustomValue>(&bytes).unwrap(), value);
        }
        assert!(postcard::from_bytes::<CustomValue>(&[9, 0]).is_err());
    }

    #[test]
    fn a_person_round_trips_compact_and_json() {
        let person = everything();
        let bytes = postcard::to_allocvec(&person).unwrap();
        assert_eq!(postcard::from_bytes::<Person>(&bytes).unwrap(), person);
        let json = serde_json::to_string(&person).unwrap();
        assert_eq!(serde_json::from_str::<Person>(&json).unwrap(), person);
    }

    /// Fails when `Person`'s compact layout changes: bump [`PERSON_LAYOUT`], then write the new
    /// bytes here.
    #[test]
    fn person_layout_is_pinned() {
        let bytes = postcard::to_allocvec(&everything()).unwrap();
        let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
        assert_eq!(
            (PERSON_LAYOUT, hex.as_str()),
            (1, PINNED_PERSON),
            "Person's compact layout changed: bump PERSON_LAYOUT and pin the new bytes"
        );
    }

    const PINNED_PERSON: &str = "\
        07030a30314a4558414d504c4503432d3703e88ab303e78e8b021077616e67406578616d706c652e\
        636f6d0c66406578616d706c652e636e01102b38362031302035353535203031303101030ce98787\
        e8b4ade7bb8fe79086063120526f616406e58c97e4baac02424a0631303030303002434e02085265\
        66657272616c09416c6578204368656e01037669700d5072656665727320656d61696c0807666965\
        6c645f300006e8afb4e6988e076669656c645f310100000000000004c0076669656c645f32020a32\
        3032362d31322d3038076669656c645f330305456d61696c076669656c645f340402016101620766\
        69656c645f350501076669656c645f36061368747470733a2f2f6578616d706c652e636f6d076669\
        656c645f3707f1c001f6c995a3de66f6c995a3de6601f6c995a3de66";

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![Just(String::new()), "\\PC{0,12}"]
    }

    fn custom_value() -> impl Strategy<Value = CustomValue> {
        prop_oneof![
            text().prop_map(CustomValue::Text),
            any::<f64>()
                .prop_filter("NaN is not equal to itself", |n| !n.is_nan())
                .prop_map(CustomValue::Number),
            (0i32..3_000_000).prop_map(|days| CustomValue::Date(
                NaiveDate::from_num_days_from_ce_opt(days).unwrap()
            )),
            text().prop_map(CustomValue::Select),
            prop::collection::vec(text(), 0..3).prop_map(CustomValue::MultiSelect),
            any::<bool>().prop_map(CustomValue::Checkbox),
            text().prop_map(CustomValue::Url),
            any::<i64>().prop_map(|minor| CustomValue::Currency(Cents(minor))),
        ]
    }

    proptest! {
        #[test]
        fn any_person_round_trips_compact(
            id in any::<u32>(),
            revision in any::<u64>(),
            names in (text(), text(), text()),
            emails in prop::collection::vec(text(), 0..3),
            company in proptest::option::of(any::<u32>()),
            custom in prop::collection::btree_map(text(), custom_value(), 0..4),
            millis in (0i64..4_000_000_000_000, proptest::option::of(0i64..4_000_000_000_000)),
        ) {
            let at = |ms: i64| Utc.timestamp_millis_opt(ms).unwrap();
            let person = Person {
                id: PersonId(id),
                revision,
                external_id: names.2.clone(),
                first_name: names.0,
                last_name: names.1,
                emails,
                company_id: company.map(CompanyId),
                custom: custom.into_iter().collect::<BTreeMap<_, _>>(),
                created_at: at(millis.0),
                updated_at: at(millis.0),
                deleted_at: millis.1.map(at),
                ..everything()
            };
            let bytes = postcard::to_allocvec(&person).unwrap();
            prop_assert_eq!(postcard::from_bytes::<Person>(&bytes).unwrap(), person);
        }
    }
}
