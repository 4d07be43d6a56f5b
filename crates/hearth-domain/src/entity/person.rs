//! A person's fields.

use super::{split_list, text_value, BuiltinField, Entity, FieldKind, Places};
use crate::list::Value;
use crate::model::{CustomValue, EntityKind, LifecycleStage, Person};
use crate::validate::{normalize_email, Problem};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// Every lifecycle stage's key, in the order forms offer them; each is also its label's i18n key.
pub const LIFECYCLE_KEYS: &[&str] = &["lead", "prospect", "customer", "churned"];

/// A lifecycle stage's value in lists and filters (`"lead"`, `"customer"`…).
pub fn lifecycle_key(stage: LifecycleStage) -> &'static str {
    match stage {
        LifecycleStage::Lead => "lead",
        LifecycleStage::Prospect => "prospect",
        LifecycleStage::Customer => "customer",
        LifecycleStage::Churned => "churned",
    }
}

fn lifecycle_of(key: &str) -> Option<LifecycleStage> {
    [
        LifecycleStage::Lead,
        LifecycleStage::Prospect,
        LifecycleStage::Customer,
        LifecycleStage::Churned,
    ]
    .into_iter()
    .find(|stage| lifecycle_key(*stage) == key)
}

/// A full name as (first, last): a Chinese, Japanese or Korean name's first character is the
/// family name (王小明: 小明, 王); otherwise the last word is (Ada King Lovelace: Ada King,
/// Lovelace); a single word is a first name.
pub(super) fn split_full_name(name: &str) -> (String, String) {
    let name = name.trim();
    let joined: String = name.split_whitespace().collect();
    if crate::model::is_cjk(&joined) && joined.chars().count() > 1 {
        let mut chars = joined.chars();
        let family = chars.next().map(String::from).unwrap_or_default();
        return (chars.collect(), family);
    }
    match name.rsplit_once(char::is_whitespace) {
        Some((first, last)) => (first.trim().to_string(), last.to_string()),
        None => (name.to_string(), String::new()),
    }
}

static FIELDS: [BuiltinField<Person>; 18] = [
    BuiltinField {
        key: "name",
        label: "name",
        kind: FieldKind::Text,
        // Typed as two names; a file's full-name column is split into them.
        places: Places::SHOWN.and(Places::SEARCH).and(Places::IMPORT),
        read: |p, _| text_value(&p.display_name()),
        write: Some(|p, text| {
            (p.first_name, p.last_name) = split_full_name(text);
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "first_name",
        label: "first_name",
        kind: FieldKind::Text,
        // Searched through "name", which holds it.
        places: Places::TYPED.but(Places::BULK),
        read: |p, _| text_value(&p.first_name),
        write: super::text!(first_name),
        edit_text: None,
    },
    BuiltinField {
        key: "last_name",
        label: "last_name",
        kind: FieldKind::Text,
        places: Places::TYPED.but(Places::BULK),
        read: |p, _| text_value(&p.last_name),
        write: super::text!(last_name),
        edit_text: None,
    },
    BuiltinField {
        key: "email",
        label: "email",
        kind: FieldKind::Text,
        places: Places::SHOWN,
        read: |p, _| text_value(p.primary_email().unwrap_or_default()),
        write: None,
        edit_text: None,
    },
    BuiltinField {
        key: "emails",
        label: "emails",
        kind: FieldKind::Emails,
        places: Places::FORM
            .and(Places::CREATE)
            .and(Places::IMPORT)
            .and(Places::SEARCH),
        read: |p, _| Value::List(p.emails.clone()),
        write: Some(|p, text| {
            p.emails = split_list(text)
                .iter()
                .map(|e| normalize_email(e))
                .collect();
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "phone",
        label: "phone",
        kind: FieldKind::Text,
        places: Places::SHOWN,
        read: |p, _| text_value(p.phones.first().map_or("", String::as_str)),
        write: None,
        edit_text: None,
    },
    BuiltinField {
        key: "phones",
        label: "phones",
        kind: FieldKind::Phones,
        places: Places::FORM
            .and(Places::CREATE)
            .and(Places::IMPORT)
            .and(Places::SEARCH),
        read: |p, _| Value::List(p.phones.clone()),
        write: Some(|p, text| {
            p.phones = split_list(text);
            Ok(())
        }),
        edit_text: None,
    },
    super::company_field!(|_, company| text_value(company)),
    BuiltinField {
        key: "job_title",
        label: "job_title",
        kind: FieldKind::Text,
        places: Places::TYPED.but(Places::CREATE),
        read: |p, _| text_value(&p.job_title),
        write: super::text!(job_title),
        edit_text: None,
    },
    BuiltinField {
        key: "lifecycle",
        label: "lifecycle",
        kind: FieldKind::Select(LIFECYCLE_KEYS),
        places: Places::TYPED.but(Places::CREATE),
        read: |p, _| Value::Text(lifecycle_key(p.lifecycle).to_string()),
        write: Some(|p, text| {
            let key = super::option_of(LIFECYCLE_KEYS, text)?;
            p.lifecycle = lifecycle_of(key).ok_or(Problem::NotAnOption)?;
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "source",
        label: "source",
        kind: FieldKind::Text,
        places: Places::TYPED.but(Places::CREATE),
        read: |p, _| text_value(&p.source),
        write: super::text!(source),
        edit_text: None,
    },
    BuiltinField {
        key: "owner",
        label: "owner",
        kind: FieldKind::Text,
        places: Places::TYPED.but(Places::CREATE),
        read: |p, _| text_value(&p.owner),
        write: super::text!(owner),
        edit_text: None,
    },
    super::tags_field!(Places::SHOWN
        .and(Places::FORM)
        .and(Places::IMPORT)
        .and(Places::SEARCH)),
    BuiltinField {
        key: "city",
        label: "city",
        kind: FieldKind::Text,
        places: Places::TYPED.but(Places::CREATE),
        read: |p, _| text_value(&p.address.city),
        write: super::text!(address.city),
        edit_text: None,
    },
    BuiltinField {
        key: "notes",
        label: "notes",
        kind: FieldKind::LongText,
        places: Places::FORM.and(Places::EXPORT).and(Places::IMPORT),
        read: |p, _| text_value(&p.notes),
        write: super::text!(notes),
        edit_text: None,
    },
    super::external_id_field!(),
    super::time_field!("created", created_at),
    super::time_field!("updated", updated_at),
];

impl Entity for Person {
    const KIND: EntityKind = EntityKind::Person;
    const STORE: &'static str = "people";
    /// The name of the person's company, empty without one.
    type Joined = String;
    const DEFAULT_COLUMNS: &'static [&'static str] =
        &["name", "email", "phone", "company", "lifecycle", "tags"];

    fn fields() -> &'static [BuiltinField<Person>] {
        &FIELDS
    }
    super::record_basics!();
    fn name(&self) -> String {
        self.display_name()
    }
    fn reference_keys(&self) -> Vec<String> {
        std::iter::once(self.external_id.clone())
            .chain(self.emails.iter().map(|email| normalize_email(email)))
            .collect()
    }
    fn blank(at: DateTime<Utc>) -> Person {
        Person::new("", "", at)
    }
}
