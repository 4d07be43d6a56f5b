//! A product's fields.

use super::{text_value, BuiltinField, Entity, FieldKind, Places};
use crate::list::Value;
use crate::model::{CustomValue, EntityKind, Product};
use crate::money::Cents;
use crate::validate::Problem;
use crate::ProductId;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

static FIELDS: [BuiltinField<Product>; 8] = [
    BuiltinField {
        key: "sku",
        label: "sku",
        kind: FieldKind::Text,
        places: Places::TYPED.and(Places::SEARCH).but(Places::BULK),
        read: |p, _| text_value(&p.sku),
        write: super::text!(sku),
        edit_text: None,
    },
    BuiltinField {
        key: "name",
        label: "product_name",
        kind: FieldKind::Text,
        places: Places::TYPED.and(Places::SEARCH).but(Places::BULK),
        read: |p, _| text_value(&p.name),
        write: super::text!(name),
        edit_text: None,
    },
    BuiltinField {
        key: "category",
        label: "category",
        kind: FieldKind::Text,
        places: Places::TYPED.and(Places::SEARCH),
        read: |p, _| text_value(&p.category),
        write: super::text!(category),
        edit_text: None,
    },
    BuiltinField {
        key: "price",
        label: "unit_price",
        kind: FieldKind::Currency,
        places: Places::TYPED,
        read: |p, _| Value::Number(p.unit_price.0 as f64),
        write: Some(|p, text| {
            p.unit_price = Cents::parse_decimal(text).ok_or(if text.is_empty() {
                Problem::Required
            } else {
                Problem::InvalidNumber
            })?;
            Ok(())
        }),
        // A product not yet stored has no price until one is typed (an empty price is refused).
        edit_text: Some(|p| match (p.revision, p.unit_price) {
            (0, Cents(0)) => String::new(),
            (_, price) => price.to_decimal_string(),
        }),
    },
    BuiltinField {
        key: "active",
        label: "active",
        kind: FieldKind::Checkbox,
        places: Places::TYPED,
        read: |p, _| Value::Bool(p.active),
        write: Some(|p, text| {
            p.active = matches!(
                crate::list::fold(text).as_str(),
                "true" | "on" | "yes" | "1" | "是"
            );
            Ok(())
        }),
        edit_text: None,
    },
    super::tags_field!(Places::SHOWN
        .and(Places::FORM)
        .and(Places::IMPORT)
        .and(Places::SEARCH)),
    super::time_field!("created", created_at),
    super::time_field!("updated", updated_at),
];

impl Entity for Product {
    const KIND: EntityKind = EntityKind::Product;
    const STORE: &'static str = "products";
    type Joined = ();
    const DEFAULT_COLUMNS: &'static [&'static str] =
        &["sku", "name", "category", "price", "active"];

    fn fields() -> &'static [BuiltinField<Product>] {
        &FIELDS
    }
    super::record_basics!();
    fn name(&self) -> String {
        self.name.clone()
    }
    fn reference_keys(&self) -> Vec<String> {
        vec![self.sku.clone(), self.name.clone()]
    }
    fn blank(at: DateTime<Utc>) -> Product {
        Product {
            id: ProductId(0),
            revision: 0,
            uid: Default::default(),
            sku: String::new(),
            name: String::new(),
            category: String::new(),
            unit_price: Cents(0),
            active: true,
            tags: Vec::new(),
            custom: BTreeMap::new(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        }
    }
}
