//! Properties of the validators: well-formed values pass, a single corruption fails, and person
//! validation points at exactly the bad list items.

use chrono::{TimeZone, Utc};
use hearth_domain::validate::{is_valid_email, is_valid_phone};
use hearth_domain::*;
use proptest::prelude::*;

fn email() -> impl Strategy<Value = String> {
    ("[a-z0-9][a-z0-9._+-]{0,15}", "[a-z0-9]{1,10}", "[a-z]{2,6}")
        .prop_map(|(local, label, tld)| format!("{local}@{label}.{tld}"))
}

fn phone() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        proptest::collection::vec(
            (0u8..10, prop::sample::select(vec!["", " ", "-", "."])),
            6..=15,
        ),
    )
        .prop_map(|(plus, digits)| {
            let body: String = digits.iter().map(|(d, sep)| format!("{d}{sep}")).collect();
            format!(
                "{}{}",
                if plus { "+" } else { "" },
                body.trim_end_matches([' ', '-', '.'])
            )
        })
}

fn person(emails: Vec<String>, phones: Vec<String>) -> Person {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    Person {
        emails,
        phones,
        ..Person::new("Test", "", at)
    }
}

proptest! {
    #[test]
    fn well_formed_emails_pass_and_a_space_breaks_them(email in email(), cut in 0usize..40) {
        prop_assert!(is_valid_email(&email));
        let cut = cut.min(email.len());
        let broken = format!("{} {}", &email[..cut], &email[cut..]);
        prop_assert!(!is_valid_email(&broken));
    }

    #[test]
    fn phones_with_6_to_15_digits_pass_and_shorter_ones_fail(phone in phone(), keep in 1usize..6) {
        prop_assert!(is_valid_phone(&phone), "{}", phone);
        let short: String = phone.chars().filter(char::is_ascii_digit).take(keep).collect();
        prop_assert!(!is_valid_phone(&short));
    }

    #[test]
    fn person_errors_name_exactly_the_invalid_emails(
        entries in proptest::collection::vec((email(), any::<bool>()), 0..6)
    ) {
        let emails: Vec<String> = entries
            .iter()
            .enumerate()
            .map(|(i, (email, corrupt))| if *corrupt { format!("broken {i}") } else { format!("{i}{email}") })
            .collect();
        let expected: Vec<String> = entries
            .iter()
            .enumerate()
            .filter(|(_, (_, corrupt))| *corrupt)
            .map(|(i, _)| format!("emails[{i}]"))
            .collect();
        let fields: Vec<String> = match person(emails, vec![]).validate() {
            Ok(()) => vec![],
            Err(errors) => errors.into_iter().map(|e| e.field).collect(),
        };
        prop_assert_eq!(fields, expected);
    }
}
