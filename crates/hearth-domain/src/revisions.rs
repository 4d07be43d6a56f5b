//! Edits made from a copy that went stale: a field-by-field three-way merge of what the user
//! changed into what is stored now.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

/// A stored record's revision: how many times it was written. Every write names the revision it
/// was made from and the store refuses it when the stored one moved (check-and-set).
pub trait Revised {
    /// The revision it was read at (0 for one never stored).
    fn revision(&self) -> u64;
    /// Sets the revision it is expected to be stored at.
    fn set_revision(&mut self, revision: u64);
}

macro_rules! revised {
    ($($type:ty),+ $(,)?) => {$(
        impl Revised for $type {
            fn revision(&self) -> u64 {
                self.revision
            }
            fn set_revision(&mut self, revision: u64) {
                self.revision = revision;
            }
        }
    )+};
}

revised!(
    crate::Person,
    crate::Company,
    crate::Product,
    crate::Order,
    crate::Pipeline,
    crate::Deal,
    crate::Activity,
    crate::Task,
    crate::Ticket,
    crate::Campaign,
    crate::CustomFieldDef,
    crate::SavedView,
    crate::TrashEntry,
    crate::imports::ImportRecord,
    crate::imports::ImportBatch,
);

/// A merge of one user's edit into a newer stored copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged<T> {
    /// `theirs` with every field the user changed taken from `mine`.
    pub record: T,
    /// Fields changed on both sides to different values: `mine` won them.
    pub both_changed: Vec<String>,
    /// Fields changed only in the stored copy, kept as stored.
    pub theirs_changed: Vec<String>,
}

/// Merges `mine` (the user's edit of `base`) into `theirs` (what is stored now, also made from
/// `base`), field by field: a top-level field the user changed takes the user's value, any other
/// keeps the stored one. `revision` is taken from `theirs`, so the result can be written over it.
/// `None` if the records are not JSON objects with the same fields.
pub fn merge_fields<T: Serialize + DeserializeOwned>(
    base: &T,
    mine: &T,
    theirs: &T,
) -> Option<Merged<T>> {
    // Through JSON text, not `to_value`/`from_value`: the store reads and writes records as
    // text already, and a second (de)serializer per record type costs the page's wasm kilobytes.
    let object = |record: &T| {
        let text = serde_json::to_string(record).ok()?;
        serde_json::from_str::<Map<String, Value>>(&text).ok()
    };
    let (base, mine, theirs) = (object(base)?, object(mine)?, object(theirs)?);
    let mut merged = Map::new();
    let (mut both_changed, mut theirs_changed) = (Vec::new(), Vec::new());
    for (key, stored) in &theirs {
        let original = base.get(key);
        let edited = mine.get(key);
        let user_changed = edited != original && key != "revision";
        let stored_changed = Some(stored) != original && key != "revision";
        let value = match edited {
            Some(edited) if user_changed => {
                if stored_changed && stored != edited {
                    both_changed.push(key.clone());
                }
                edited.clone()
            }
            _ => {
                if stored_changed {
                    theirs_changed.push(key.clone());
                }
                stored.clone()
            }
        };
        merged.insert(key.clone(), value);
    }
    let text = serde_json::to_string(&merged).ok()?;
    let record = serde_json::from_str(&text).ok()?;
    Some(Merged {
        record,
        both_changed,
        theirs_changed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Person;
    use chrono::{TimeZone, Utc};

    #[test]
    fn the_users_fields_go_into_the_newer_copy_and_the_rest_stays() {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let base = Person {
            revision: 3,
            ..Person::new("Ada", "Lovelace", at)
        };
        // This tab changed the job title and the owner.
        let mine = Person {
            job_title: "Engineer".into(),
            owner: "Mia".into(),
            ..base.clone()
        };
        // Another tab changed the tags and the owner, and stored revision 4.
        let theirs = Person {
            revision: 4,
            tags: vec!["VIP".into()],
            owner: "Sam".into(),
            ..base.clone()
        };
        let merged = merge_fields(&base, &mine, &theirs).unwrap();
        assert_eq!(merged.record.job_title, "Engineer");
        assert_eq!(merged.record.tags, ["VIP"], "the other tab's edit is kept");
        assert_eq!(
            merged.record.owner, "Mia",
            "a field both changed takes mine"
        );
        assert_eq!(merged.record.revision, 4, "written over what is stored");
        assert_eq!(merged.both_changed, ["owner"]);
        assert_eq!(merged.theirs_changed, ["tags"]);
    }
}
