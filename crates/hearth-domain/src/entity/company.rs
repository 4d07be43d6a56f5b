//! A company's fields.

use super::{text_value, whole_number, BuiltinField, Entity, FieldKind, Places};
use crate::list::Value;
use crate::model::{Company, CustomValue, EntityKind};
use crate::CompanyId;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

static FIELDS: [BuiltinField<Company>; 12] = [
    BuiltinField {
        key: "name",
        label: "company_name",
        kind: FieldKind::Text,
        places: Places::TYPED.and(Places::SEARCH).but(Places::BULK),
        read: |c, _| text_value(&c.name),
        write: super::text!(name),
        edit_text: None,
    },
    BuiltinField {
        key: "domain",
        label: "domain",
        kind: FieldKind::Text,
        places: Places::TYPED.and(Places::SEARCH).but(Places::BULK),
        read: |c, _| text_value(&c.domain),
        write: Some(|c, text| {
            c.domain = text.to_lowercase();
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "industry",
        label: "industry",
        kind: FieldKind::Text,
        places: Places::TYPED.and(Places::SEARCH),
        read: |c, _| text_value(&c.industry),
        write: super::text!(industry),
        edit_text: None,
    },
    BuiltinField {
        key: "employees",
        label: "employees",
        kind: FieldKind::Number,
        places: Places::TYPED.but(Places::BULK),
        read: |c, _| {
            c.employees
                .map_or(Value::Empty, |n| Value::Number(f64::from(n)))
        },
        write: Some(|c, text| {
            c.employees = whole_number(text)?;
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "people_count",
        label: "people",
        kind: FieldKind::Number,
        places: Places::SHOWN,
        read: |_, people| Value::Number(*people as f64),
        write: None,
        edit_text: None,
    },
    BuiltinField {
        key: "city",
        label: "city",
        kind: FieldKind::Text,
        places: Places::TYPED.and(Places::SEARCH).but(Places::CREATE),
        read: |c, _| text_value(&c.address.city),
        write: super::text!(address.city),
        edit_text: None,
    },
    BuiltinField {
        key: "owner",
        label: "owner",
        kind: FieldKind::Text,
        places: Places::TYPED.but(Places::CREATE),
        read: |c, _| text_value(&c.owner),
        write: super::text!(owner),
        edit_text: None,
    },
    super::tags_field!(Places::SHOWN
        .and(Places::FORM)
        .and(Places::CREATE)
        .and(Places::IMPORT)
        .and(Places::SEARCH)),
    BuiltinField {
        key: "notes",
        label: "notes",
        kind: FieldKind::LongText,
        places: Places::FORM.and(Places::EXPORT).and(Places::IMPORT),
        read: |c, _| text_value(&c.notes),
        write: super::text!(notes),
        edit_text: None,
    },
    super::external_id_field!(),
    super::time_field!("created", created_at),
    super::time_field!("updated", updated_at),
];

impl Entity for Company {
    const KIND: EntityKind = EntityKind::Company;
    const STORE: &'static str = "companies";
    /// How many people work there.
    type Joined = usize;
    const DEFAULT_COLUMNS: &'static [&'static str] = &[
        "name",
        "domain",
        "industry",
        "employees",
        "people_count",
        "city",
    ];

    fn fields() -> &'static [BuiltinField<Company>] {
        &FIELDS
    }
    super::record_basics!();
    fn name(&self) -> String {
        self.name.clone()
    }
    fn reference_keys(&self) -> Vec<String> {
        vec![self.name.clone(), self.external_id.clone()]
    }
    fn blank(at: DateTime<Utc>) -> Company {
        Company {
            id: CompanyId(0),
            revision: 0,
            uid: Default::default(),
            name: String::new(),
            domain: String::new(),
            industry: String::new(),
            employees: None,
            address: Default::default(),
            owner: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            custom: BTreeMap::new(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
            external_id: String::new(),
        }
    }
}
