//! Likely duplicate people, and merging two people into one field by field.

use crate::ids::PersonId;
use crate::list::fold;
use crate::model::Person;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};

/// Why two people look like one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// They share this email address.
    SameEmail(String),
    /// They share this phone number (compared by its digits).
    SamePhone(String),
    /// Same name (ignoring case and accents) at the same company.
    SameNameAndCompany,
}

/// Two people who are likely the same, lower id first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicatePair {
    /// The older record (lower id).
    pub first: PersonId,
    /// The newer record.
    pub second: PersonId,
    /// Every reason found, sorted.
    pub reasons: Vec<Reason>,
}

/// A phone number's digits, when there are enough of them to identify a line.
fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 7).then_some(digits)
}

/// Members of one key beyond which only neighbours are paired: a shared switchboard number must
/// not turn into n² pairs.
const GROUP_PAIR_LIMIT: usize = 20;

/// Every pair of likely duplicates among `people`: the same email, the same phone digits, or the
/// same folded name at the same company. Pairs come sorted by their ids.
pub fn find(people: &[Person]) -> Vec<DuplicatePair> {
    let mut groups: HashMap<(u8, String), Vec<PersonId>> = HashMap::new();
    for person in people {
        for email in &person.emails {
            let email = email.trim().to_lowercase();
            if !email.is_empty() {
                groups.entry((0, email)).or_default().push(person.id);
            }
        }
        for phone in person.phones.iter().filter_map(|p| phone_key(p)) {
            groups.entry((1, phone)).or_default().push(person.id);
        }
        if let Some(company) = person.company_id {
            let name = fold(&person.display_name());
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            if !name.is_empty() {
                groups
                    .entry((2, format!("{}\u{1f}{name}", company.0)))
                    .or_default()
                    .push(person.id);
            }
        }
    }
    let mut pairs: BTreeMap<(PersonId, PersonId), Vec<Reason>> = BTreeMap::new();
    for ((kind, key), mut ids) in groups {
        ids.sort_unstable();
        ids.dedup();
        let reason = match kind {
            0 => Reason::SameEmail(key),
            1 => Reason::SamePhone(key),
            _ => Reason::SameNameAndCompany,
        };
        for (i, &first) in ids.iter().enumerate() {
            let partners = if ids.len() > GROUP_PAIR_LIMIT {
                &ids[i + 1..(i + 2).min(ids.len())]
            } else {
                &ids[i + 1..]
            };
            for &second in partners {
                pairs
                    .entry((first, second))
                    .or_default()
                    .push(reason.clone());
            }
        }
    }
    pairs
        .into_iter()
        .map(|((first, second), mut reasons)| {
            reasons.sort();
            reasons.dedup();
            DuplicatePair {
                first,
                second,
                reasons,
            }
        })
        .collect()
}

/// A single-valued field a merge takes from one side or the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MergeField {
    /// First name.
    FirstName,
    /// Last name.
    LastName,
    /// Company.
    Company,
    /// Job title.
    JobTitle,
    /// Lifecycle stage.
    Lifecycle,
    /// Source.
    Source,
    /// Owner.
    Owner,
    /// Address.
    Address,
    /// Notes.
    Notes,
}

impl MergeField {
    /// Every field, in form order.
    pub const ALL: [MergeField; 9] = [
        MergeField::FirstName,
        MergeField::LastName,
        MergeField::Company,
        MergeField::JobTitle,
        MergeField::Lifecycle,
        MergeField::Source,
        MergeField::Owner,
        MergeField::Address,
        MergeField::Notes,
    ];

    /// Copies this field from `from` into `into`.
    fn copy(self, from: &Person, into: &mut Person) {
        match self {
            MergeField::FirstName => into.first_name.clone_from(&from.first_name),
            MergeField::LastName => into.last_name.clone_from(&from.last_name),
            MergeField::Company => into.company_id = from.company_id,
            MergeField::JobTitle => into.job_title.clone_from(&from.job_title),
            MergeField::Lifecycle => into.lifecycle = from.lifecycle,
            MergeField::Source => into.source.clone_from(&from.source),
            MergeField::Owner => into.owner.clone_from(&from.owner),
            MergeField::Address => into.address.clone_from(&from.address),
            MergeField::Notes => into.notes.clone_from(&from.notes),
        }
    }

    /// Whether the two people differ in this field.
    fn differs(self, a: &Person, b: &Person) -> bool {
        let mut copy = a.clone();
        self.copy(b, &mut copy);
        copy != *a
    }
}

/// The single-valued fields in which `a` and `b` differ: the ones a merge asks about.
pub fn differing_fields(a: &Person, b: &Person) -> Vec<MergeField> {
    MergeField::ALL
        .into_iter()
        .filter(|field| field.differs(a, b))
        .collect()
}

/// Appends the items of `extra` that `list` lacks (compared ignoring case), keeping order.
fn union(list: &mut Vec<String>, extra: &[String]) {
    for item in extra {
        if !list.iter().any(|have| have.eq_ignore_ascii_case(item)) {
            list.push(item.clone());
        }
    }
}

/// `survivor` merged with `other`: the fields in `from_other` come from `other`, every other
/// single-valued field stays; emails, phones and tags are united (survivor's first, so its
/// primary stays primary); custom values the survivor lacks are taken; the record keeps the
/// survivor's id and the earlier creation time, and is updated `now`.
pub fn merge(
    survivor: &Person,
    other: &Person,
    from_other: &[MergeField],
    now: DateTime<Utc>,
) -> Person {
    let mut merged = survivor.clone();
    for field in from_other {
        field.copy(other, &mut merged);
    }
    union(&mut merged.emails, &other.emails);
    union(&mut merged.phones, &other.phones);
    union(&mut merged.tags, &other.tags);
    for (key, value) in &other.custom {
        merged
            .custom
            .entry(key.clone())
            .or_insert_with(|| value.clone());
    }
    merged.created_at = survivor.created_at.min(other.created_at);
    merged.updated_at = now;
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::CompanyId;
    use crate::model::{CustomValue, LifecycleStage};
    use chrono::TimeZone;

    fn person(id: u32, first: &str, last: &str) -> Person {
        let at = Utc.with_ymd_and_hms(2026, 1, id, 0, 0, 0).unwrap();
        Person {
            id: PersonId(id),
            ..Person::new(first, last, at)
        }
    }

    #[test]
    fn finds_shared_emails_phones_and_names_at_one_company() {
        let mut a = person(1, "Zoë", "Adams");
        a.emails = vec!["zoe@example.com".into()];
        a.phones = vec!["+1 (555) 010-2000".into()];
        a.company_id = Some(CompanyId(7));
        let mut b = person(2, "ZOE", "adams");
        b.emails = vec!["Zoe@Example.com ".into()];
        b.company_id = Some(CompanyId(7));
        let mut c = person(3, "Carl", "Berg");
        c.phones = vec!["15550102000".into()];
        let mut d = person(4, "Zoe", "Adams");
        d.company_id = Some(CompanyId(8));
        let pairs = find(&[a, b, c, d]);
        assert_eq!(
            pairs,
            vec![
                DuplicatePair {
                    first: PersonId(1),
                    second: PersonId(2),
                    reasons: vec![
                        Reason::SameEmail("zoe@example.com".into()),
                        Reason::SameNameAndCompany
                    ],
                },
                DuplicatePair {
                    first: PersonId(1),
                    second: PersonId(3),
                    reasons: vec![Reason::SamePhone("15550102000".into())],
                },
            ]
        );
    }

    #[test]
    fn a_number_shared_by_many_pairs_only_neighbours() {
        let people: Vec<Person> = (1..=100)
            .map(|id| Person {
                id: PersonId(id),
                phones: vec!["+1 555 000 0000".into()],
                ..person(1, "P", &id.to_string())
            })
            .collect();
        assert_eq!(find(&people).len(), 99);
    }

    #[test]
    fn merge_takes_chosen_fields_and_unites_lists() {
        let mut survivor = person(2, "Ann", "Lee");
        survivor.emails = vec!["ann@work.example".into()];
        survivor.tags = vec!["vip".into()];
        survivor.job_title = "CTO".into();
        let mut other = person(1, "Anne", "Lee");
        other.emails = vec!["ANN@work.example".into(), "ann@home.example".into()];
        other.tags = vec!["newsletter".into()];
        other.lifecycle = LifecycleStage::Customer;
        other.custom.insert("size".into(), CustomValue::Number(3.0));
        assert_eq!(
            differing_fields(&survivor, &other),
            vec![
                MergeField::FirstName,
                MergeField::JobTitle,
                MergeField::Lifecycle
            ]
        );
        let now = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
        let merged = merge(&survivor, &other, &[MergeField::Lifecycle], now);
        assert_eq!(merged.id, PersonId(2));
        assert_eq!(merged.first_name, "Ann");
        assert_eq!(merged.job_title, "CTO");
        assert_eq!(merged.lifecycle, LifecycleStage::Customer);
        assert_eq!(merged.emails, ["ann@work.example", "ann@home.example"]);
        assert_eq!(merged.tags, ["vip", "newsletter"]);
        assert_eq!(merged.custom["size"], CustomValue::Number(3.0));
        assert_eq!(merged.created_at, other.created_at);
        assert_eq!(merged.updated_at, now);
    }
}
