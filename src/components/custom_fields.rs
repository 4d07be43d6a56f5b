//! The user's own fields of one kind of record, as the forms and analyses that offer them read
//! them.

use crate::store::StoreName;
use crate::workspace::use_workspace;
use hearth_domain::{CustomFieldDef, EntityKind};
use leptos::prelude::*;

/// The custom field definitions of `entity`, by label, refreshed when data changes.
pub fn use_custom_fields(entity: EntityKind) -> LocalResource<Vec<CustomFieldDef>> {
    definitions(Some(entity))
}

/// Every custom field definition, of every entity, in the order they were made, refreshed when
/// data changes.
pub fn use_all_custom_fields() -> LocalResource<Vec<CustomFieldDef>> {
    definitions(None)
}

/// The definitions of `entity` by label, or (`None`) all of them as stored.
fn definitions(entity: Option<EntityKind>) -> LocalResource<Vec<CustomFieldDef>> {
    let workspace = use_workspace();
    LocalResource::new(move || {
        workspace.track(&[StoreName::CustomFields]);
        let store = workspace.store();
        async move {
            let Some(store) = store else {
                return Vec::new();
            };
            let mut defs: Vec<CustomFieldDef> = store
                .all::<CustomFieldDef>()
                .await
                .unwrap_or_default()
                .into_iter()
                .filter(|def| entity.is_none_or(|entity| def.entity == entity))
                .collect();
            if entity.is_some() {
                hearth_domain::sort::sort_by_key(&mut defs, |def| def.label.to_lowercase());
            }
            defs
        }
    })
}
