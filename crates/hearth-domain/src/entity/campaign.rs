//! A campaign's fields.

use super::{
    option_key, option_value, text_value, whole_number, BuiltinField, Entity, FieldKind, Places,
};
use crate::list::Value;
use crate::model::{
    Campaign, CampaignChannel, CampaignStatus, CustomValue, EntityKind, DEFAULT_ATTRIBUTION_DAYS,
};
use crate::money::Cents;
use crate::validate::Problem;
use crate::CampaignId;
use chrono::{DateTime, Days, NaiveDate, Utc};
use std::collections::BTreeMap;

/// Every channel's key, in the order forms offer them; each is also its label's i18n key.
pub const CAMPAIGN_CHANNEL_KEYS: &[&str] = &["email", "social", "event", "ads"];
const CHANNELS: [CampaignChannel; 4] = [
    CampaignChannel::Email,
    CampaignChannel::Social,
    CampaignChannel::Event,
    CampaignChannel::Ads,
];

/// Every status's key, in a campaign's life order.
pub const CAMPAIGN_STATUS_KEYS: &[&str] = &["planned", "running", "done"];
const STATUSES: [CampaignStatus; 3] = [
    CampaignStatus::Draft,
    CampaignStatus::Active,
    CampaignStatus::Completed,
];

/// The key a channel is shown by.
pub fn campaign_channel_key(channel: CampaignChannel) -> &'static str {
    option_key(&CHANNELS, CAMPAIGN_CHANNEL_KEYS, channel)
}

/// The key a status is shown by.
pub fn campaign_status_key(status: CampaignStatus) -> &'static str {
    option_key(&STATUSES, CAMPAIGN_STATUS_KEYS, status)
}

/// A day typed as YYYY-MM-DD; empty keeps `kept`.
fn day(text: &str, kept: NaiveDate) -> Result<NaiveDate, Problem> {
    match text {
        "" => Ok(kept),
        text => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Problem::InvalidDate),
    }
}

static FIELDS: [BuiltinField<Campaign>; 14] = [
    BuiltinField {
        key: "name",
        label: "campaign_name",
        kind: FieldKind::Text,
        places: Places::TYPED.and(Places::SEARCH).but(Places::BULK),
        read: |c, _| text_value(&c.name),
        write: super::text!(name),
        edit_text: None,
    },
    BuiltinField {
        key: "channel",
        label: "channel",
        kind: FieldKind::Select(CAMPAIGN_CHANNEL_KEYS),
        places: Places::TYPED,
        read: |c, _| Value::Text(campaign_channel_key(c.channel).into()),
        write: Some(|c, text| {
            c.channel = option_value(
                &CHANNELS,
                CAMPAIGN_CHANNEL_KEYS,
                text,
                CampaignChannel::Email,
            )?;
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "status",
        label: "campaign_status",
        kind: FieldKind::Select(CAMPAIGN_STATUS_KEYS),
        places: Places::TYPED,
        read: |c, _| Value::Text(campaign_status_key(c.status).into()),
        write: Some(|c, text| {
            c.status = option_value(&STATUSES, CAMPAIGN_STATUS_KEYS, text, CampaignStatus::Draft)?;
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "start_date",
        label: "start_date",
        kind: FieldKind::Date,
        places: Places::TYPED.but(Places::BULK),
        read: |c, _| Value::Date(c.start_date),
        write: Some(|c, text| {
            c.start_date = day(text, c.start_date)?;
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "end_date",
        label: "end_date",
        kind: FieldKind::Date,
        places: Places::TYPED.but(Places::BULK),
        read: |c, _| Value::Date(c.end_date),
        write: Some(|c, text| {
            c.end_date = day(text, c.end_date)?;
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "budget",
        label: "budget",
        kind: FieldKind::Currency,
        places: Places::TYPED.but(Places::BULK),
        read: |c, _| Value::Number(c.budget.0 as f64),
        write: Some(|c, text| {
            c.budget = match text {
                "" => Cents(0),
                amount => Cents::parse_decimal(amount).ok_or(Problem::InvalidNumber)?,
            };
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "goal",
        label: "goal",
        kind: FieldKind::Text,
        places: Places::TYPED.and(Places::SEARCH).but(Places::BULK),
        read: |c, _| text_value(&c.goal),
        write: super::text!(goal),
        edit_text: None,
    },
    BuiltinField {
        key: "attribution_days",
        label: "attribution_days",
        kind: FieldKind::Number,
        places: Places::SHOWN.and(Places::FORM).and(Places::CREATE),
        read: |c, _| Value::Number(f64::from(c.attribution_days)),
        write: Some(|c, text| {
            c.attribution_days = match whole_number(text)? {
                None => DEFAULT_ATTRIBUTION_DAYS,
                Some(days) if days <= 365 => days,
                Some(_) => return Err(Problem::OutOfRange { min: 0, max: 365 }),
            };
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "segment",
        label: "segment",
        kind: FieldKind::Text,
        places: Places::SHOWN.and(Places::SEARCH),
        read: |c, _| text_value(&c.segment),
        write: None,
        edit_text: None,
    },
    BuiltinField {
        key: "targets",
        label: "targets",
        kind: FieldKind::Number,
        places: Places::SHOWN,
        read: |c, _| Value::Number(c.target_person_ids.len() as f64),
        write: None,
        edit_text: None,
    },
    BuiltinField {
        key: "control",
        label: "control_group",
        kind: FieldKind::Number,
        places: Places::SHOWN,
        read: |c, _| Value::Number(c.control_person_ids.len() as f64),
        write: None,
        edit_text: None,
    },
    super::tags_field!(Places::SHOWN.and(Places::FORM).and(Places::SEARCH)),
    super::time_field!("created", created_at),
    super::time_field!("updated", updated_at),
];

impl Entity for Campaign {
    const KIND: EntityKind = EntityKind::Campaign;
    const STORE: &'static str = "campaigns";
    type Joined = ();
    const DEFAULT_COLUMNS: &'static [&'static str] = &[
        "name",
        "channel",
        "status",
        "start_date",
        "end_date",
        "budget",
        "targets",
    ];

    fn fields() -> &'static [BuiltinField<Campaign>] {
        &FIELDS
    }
    super::record_basics!();
    fn name(&self) -> String {
        self.name.clone()
    }
    fn reference_keys(&self) -> Vec<String> {
        vec![self.name.clone()]
    }
    /// A planned email campaign from today for a month, counting orders two weeks after.
    fn blank(at: DateTime<Utc>) -> Campaign {
        let today = at.date_naive();
        Campaign {
            id: CampaignId(0),
            revision: 0,
            uid: Default::default(),
            name: String::new(),
            channel: CampaignChannel::Email,
            status: CampaignStatus::Draft,
            start_date: today,
            end_date: today.checked_add_days(Days::new(30)).unwrap_or(today),
            budget: Cents(0),
            goal: String::new(),
            segment: String::new(),
            target_person_ids: Vec::new(),
            control_person_ids: Vec::new(),
            control_permille: 0,
            control_seed: 0,
            attribution_days: DEFAULT_ATTRIBUTION_DAYS,
            responses: Vec::new(),
            tags: Vec::new(),
            custom: BTreeMap::new(),
            created_at: at,
            updated_at: at,
            deleted_at: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::fields_of;
    use crate::list::Field;
    use crate::model::ResponseKind;
    use crate::{PersonId, Validate};
    use chrono::TimeZone;

    fn set(campaign: &mut Campaign, key: &'static str, text: &str) -> Result<(), Problem> {
        fields_of::<Campaign>(&[])
            .into_iter()
            .find(|f| f.field() == Field::builtin(key))
            .unwrap()
            .write(campaign, text)
    }

    #[test]
    fn typed_fields_are_read_and_refused_by_name() {
        let at = Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap();
        let mut campaign = Campaign::blank(at);
        campaign.name = "Spring".into();
        set(&mut campaign, "channel", "Social").unwrap();
        set(&mut campaign, "status", "running").unwrap();
        set(&mut campaign, "budget", "1250.50").unwrap();
        set(&mut campaign, "attribution_days", "7").unwrap();
        assert_eq!(campaign.channel, CampaignChannel::Social);
        assert_eq!(campaign.status, CampaignStatus::Active);
        assert_eq!(campaign.budget, Cents(125_050));
        assert_eq!(campaign.attribution_days, 7);
        assert_eq!(
            set(&mut campaign, "attribution_days", "400"),
            Err(Problem::OutOfRange { min: 0, max: 365 })
        );
        set(&mut campaign, "end_date", "2026-04-01").unwrap();
        assert!(campaign.validate().is_err(), "ends before it starts");
    }

    #[test]
    fn members_and_responses() {
        let at = Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap();
        let mut campaign = Campaign {
            name: "Win back".into(),
            ..Campaign::blank(at)
        };
        campaign.take_members("RFM: At risk", vec![1, 2, 3], vec![4], 250, 7);
        assert_eq!(campaign.validate(), Ok(()));
        campaign.set_response(PersonId(2), Some(ResponseKind::Responded), at);
        campaign.set_response(PersonId(2), Some(ResponseKind::Converted), at);
        campaign.set_response(PersonId(3), Some(ResponseKind::Unsubscribed), at);
        assert_eq!(
            campaign.response_of(PersonId(2)),
            Some(ResponseKind::Converted)
        );
        assert_eq!(campaign.response_counts(), [0, 1, 1]);
        campaign.set_response(PersonId(3), None, at);
        assert_eq!(campaign.response_counts(), [0, 1, 0]);
        // Someone both targeted and held back is refused, naming the place.
        campaign.control_person_ids.push(PersonId(2));
        let errors = campaign.validate().unwrap_err();
        assert_eq!(errors[0].field, "control_person_ids[1]");
    }
}
