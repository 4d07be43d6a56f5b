//! A deal's fields.

use super::{reference_id, text_value, BuiltinField, Entity, FieldKind, Places};
use crate::list::Value;
use crate::model::{CustomValue, Deal, EntityKind, Pipeline, Stage};
use crate::money::{Cents, WORKSPACE_CURRENCY};
use crate::validate::{is_currency_code, Problem};
use crate::{DealId, PersonId, PipelineId, StageId};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

/// What a deal's list row shows besides the deal: its contact's, company's, pipeline's and
/// stage's names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DealParties {
    /// The contact's name.
    pub customer: String,
    /// The company's name, empty without one.
    pub company: String,
    /// The pipeline's name.
    pub pipeline: String,
    /// The stage's name.
    pub stage: String,
    /// Its pipeline's stages: what a bulk move finds a stage's name among.
    pub stages: std::sync::Arc<Vec<Stage>>,
}

/// The text a [`FieldKind::Stage`] field is written with: `pipeline:stage`, the ids.
pub fn stage_text(pipeline: PipelineId, stage: StageId) -> String {
    format!("{}:{}", pipeline.0, stage.0)
}

/// Every stage of `pipelines` with the texts it is named by: its name (the first pipeline's
/// stage wins where two share one) and `Pipeline / Stage`, with its [`stage_text`].
pub fn stage_names(pipelines: &[Pipeline]) -> Vec<(String, Vec<String>)> {
    pipelines
        .iter()
        .flat_map(|pipeline| {
            pipeline.stages.iter().map(move |stage| {
                (
                    stage_text(pipeline.id, stage.id),
                    vec![
                        stage.name.clone(),
                        format!("{} / {}", pipeline.name, stage.name),
                    ],
                )
            })
        })
        .collect()
}

static FIELDS: [BuiltinField<Deal>; 14] = [
    BuiltinField {
        key: "title",
        label: "deal_title",
        kind: FieldKind::Text,
        places: Places::TYPED.and(Places::SEARCH).but(Places::BULK),
        read: |d, _| text_value(&d.title),
        write: super::text!(title),
        edit_text: None,
    },
    BuiltinField {
        key: "pipeline",
        label: "pipeline",
        kind: FieldKind::Text,
        places: Places::SHOWN,
        read: |_, parties| text_value(&parties.pipeline),
        write: None,
        edit_text: None,
    },
    BuiltinField {
        key: "stage",
        label: "stage",
        kind: FieldKind::Stage,
        // Not on a form until it offers the stages to pick from; bulk set takes a stage's name
        // (see `Entity::bulk_write`).
        places: Places::SHOWN
            .and(Places::IMPORT)
            .and(Places::SEARCH)
            .and(Places::BULK),
        read: |_, parties| text_value(&parties.stage),
        write: Some(|d, text| {
            let (pipeline, stage) = text.split_once(':').ok_or(Problem::NotAnOption)?;
            let parse = |id: &str| id.parse::<u32>().map_err(|_| Problem::NotAnOption);
            d.pipeline_id = PipelineId(parse(pipeline)?);
            d.stage_id = StageId(parse(stage)?);
            Ok(())
        }),
        edit_text: Some(|d| stage_text(d.pipeline_id, d.stage_id)),
    },
    BuiltinField {
        key: "amount",
        label: "amount",
        kind: FieldKind::Currency,
        places: Places::TYPED,
        read: |d, _| Value::Number(d.value.0 as f64),
        write: Some(|d, text| {
            d.value = match text {
                "" => Cents(0),
                amount => Cents::parse_decimal(amount).ok_or(Problem::InvalidNumber)?,
            };
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "currency",
        label: "currency",
        kind: FieldKind::Text,
        places: Places::TYPED,
        // None named is the workspace's: shown, exported and offered on forms by its code.
        read: |d, _| match d.currency.as_str() {
            "" => text_value(WORKSPACE_CURRENCY),
            code => text_value(code),
        },
        write: Some(|d, text| {
            let code = text.trim().to_ascii_uppercase();
            if !is_currency_code(&code) {
                return Err(Problem::NotACurrency);
            }
            d.currency = code;
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "customer",
        label: "contact",
        kind: FieldKind::Reference(EntityKind::Person),
        places: Places::SHOWN
            .and(Places::FORM)
            .and(Places::CREATE)
            .and(Places::IMPORT)
            .and(Places::SEARCH),
        read: |_, parties| text_value(&parties.customer),
        write: Some(|d, text| {
            d.person_id = reference_id(text)?.map(PersonId);
            Ok(())
        }),
        edit_text: Some(|d| d.person_id.map(|id| id.0.to_string()).unwrap_or_default()),
    },
    super::company_field!(|_, parties| text_value(&parties.company)),
    BuiltinField {
        key: "owner",
        label: "owner",
        kind: FieldKind::Text,
        places: Places::TYPED,
        read: |d, _| text_value(&d.owner),
        write: super::text!(owner),
        edit_text: None,
    },
    BuiltinField {
        key: "close_date",
        label: "close_date",
        kind: FieldKind::Date,
        places: Places::TYPED,
        read: |d, _| Value::Date(d.close_date),
        write: Some(|d, text| {
            if !text.is_empty() {
                d.close_date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| Problem::InvalidDate)?;
            }
            Ok(())
        }),
        edit_text: None,
    },
    BuiltinField {
        key: "lost_reason",
        label: "lost_reason",
        kind: FieldKind::Text,
        places: Places::SHOWN.and(Places::FORM).and(Places::IMPORT),
        read: |d, _| text_value(&d.lost_reason),
        write: super::text!(lost_reason),
        edit_text: None,
    },
    super::external_id_field!(),
    super::tags_field!(Places::SHOWN
        .and(Places::FORM)
        .and(Places::IMPORT)
        .and(Places::SEARCH)),
    super::time_field!("created", created_at),
    super::time_field!("updated", updated_at),
];

impl Entity for Deal {
    const KIND: EntityKind = EntityKind::Deal;
    const STORE: &'static str = "deals";
    type Joined = DealParties;
    const NAME_FIELD: &'static str = "title";
    const DEFAULT_COLUMNS: &'static [&'static str] =
        &["title", "stage", "amount", "company", "owner", "close_date"];

    fn fields() -> &'static [BuiltinField<Deal>] {
        &FIELDS
    }
    super::record_basics!();
    fn name(&self) -> String {
        self.title.clone()
    }
    fn reference_keys(&self) -> Vec<String> {
        vec![self.external_id.clone(), self.title.clone()]
    }
    /// A bulk stage is a stage's name (any case) in the deal's own pipeline: deals of several
    /// pipelines move to their own stage of that name, won or lost as the stage says.
    fn bulk_write(
        &mut self,
        joined: &DealParties,
        field: &str,
        text: &str,
        at: DateTime<Utc>,
    ) -> Option<Result<(), Problem>> {
        if field != "stage" {
            return None;
        }
        let wanted = text.trim().to_lowercase();
        Some(
            match joined
                .stages
                .iter()
                .find(|stage| stage.name.to_lowercase() == wanted)
            {
                Some(stage) => {
                    *self = self.moved_to(stage, at);
                    Ok(())
                }
                None => Err(Problem::NotAnOption),
            },
        )
    }
    fn blank(at: DateTime<Utc>) -> Deal {
        Deal {
            id: DealId(0),
            revision: 0,
            uid: Default::default(),
            title: String::new(),
            pipeline_id: PipelineId(1),
            stage_id: StageId(1),
            value: Cents(0),
            currency: String::new(),
            lines: Vec::new(),
            person_id: None,
            company_id: None,
            owner: String::new(),
            close_date: at.date_naive(),
            lost_reason: String::new(),
            external_id: String::new(),
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
    use crate::model::{Stage, StageOutcome};
    use chrono::TimeZone;

    fn set(deal: &mut Deal, key: &'static str, text: &str) -> Result<(), Problem> {
        fields_of::<Deal>(&[])
            .into_iter()
            .find(|f| f.field() == Field::builtin(key))
            .unwrap()
            .write(deal, text)
    }

    #[test]
    fn a_stage_is_written_with_its_pipeline_and_named_by_itself_or_with_its_pipeline() {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let mut deal = Deal::blank(at);
        set(&mut deal, "stage", "2:3").unwrap();
        assert_eq!(
            (deal.pipeline_id, deal.stage_id),
            (PipelineId(2), StageId(3))
        );
        assert_eq!(
            set(&mut deal, "stage", "Proposal"),
            Err(Problem::NotAnOption)
        );
        let pipeline = Pipeline {
            id: PipelineId(2),
            revision: 0,
            uid: Default::default(),
            name: "Renewals".into(),
            stages: vec![Stage {
                id: StageId(3),
                name: "Quoted".into(),
                probability_pct: 70,
                outcome: StageOutcome::Open,
            }],
            created_at: at,
            updated_at: at,
        };
        assert_eq!(
            stage_names(&[pipeline]),
            [(
                "2:3".to_string(),
                vec!["Quoted".into(), "Renewals / Quoted".into()]
            )]
        );
    }

    #[test]
    fn an_amount_is_exact_cents_and_a_bad_close_date_is_named() {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let mut deal = Deal::blank(at);
        set(&mut deal, "amount", "1234.56").unwrap();
        assert_eq!(deal.value, Cents(123_456));
        assert_eq!(
            set(&mut deal, "amount", "lots"),
            Err(Problem::InvalidNumber)
        );
        let currency = fields_of::<Deal>(&[])
            .into_iter()
            .find(|f| f.field() == Field::builtin("currency"))
            .unwrap();
        let parties = DealParties::default();
        assert_eq!(currency.read(&deal, &parties), Value::Text("USD".into()));
        set(&mut deal, "currency", " eur ").unwrap();
        assert_eq!(currency.read(&deal, &parties), Value::Text("EUR".into()));
        assert_eq!(deal.currency, "EUR");
        assert_eq!(
            set(&mut deal, "currency", "euros"),
            Err(Problem::NotACurrency)
        );
        set(&mut deal, "close_date", "2026-05-31").unwrap();
        assert_eq!(
            deal.close_date,
            NaiveDate::from_ymd_opt(2026, 5, 31).unwrap()
        );
        assert_eq!(
            set(&mut deal, "close_date", "31/05"),
            Err(Problem::InvalidDate)
        );
    }
}
