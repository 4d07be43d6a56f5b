//! The sales reports' deal figures: win rate, average sales cycle, the pipeline funnel and the
//! weighted forecast by month of expected close, over a range of close dates and for one owner or
//! all.

use crate::reports::{month_index, year_month};
use chrono::NaiveDate;
use hearth_domain::{Deal, Pipeline, Stage, StageOutcome};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What a sales report counts: deals closing and orders placed within `from..=to`, of `owner`
/// (the deal's, or the buyer's) when one is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SalesFilter {
    /// First date counted.
    pub from: NaiveDate,
    /// Last date counted.
    pub to: NaiveDate,
    /// Only this owner's deals and customers; every owner's when `None`.
    pub owner: Option<String>,
}

impl SalesFilter {
    fn admits(&self, deal: &Deal) -> bool {
        deal.deleted_at.is_none()
            && (self.from..=self.to).contains(&deal.close_date)
            && self.owner.as_ref().is_none_or(|owner| *owner == deal.owner)
    }
}

/// The stages of every pipeline by pipeline and stage id.
pub struct StageTable<'a>(HashMap<(u32, u32), &'a Stage>);

impl<'a> StageTable<'a> {
    /// The stages of `pipelines`.
    pub fn new(pipelines: &'a [Pipeline]) -> StageTable<'a> {
        StageTable(
            pipelines
                .iter()
                .flat_map(|p| p.stages.iter().map(move |s| ((p.id.0, s.id.0), s)))
                .collect(),
        )
    }

    /// The stage `deal` is in; `None` for a stage its pipeline no longer has.
    pub fn of(&self, deal: &Deal) -> Option<&'a Stage> {
        self.0.get(&(deal.pipeline_id.0, deal.stage_id.0)).copied()
    }
}

/// Closed deals: won and lost.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WinRate {
    /// Deals won.
    pub won: usize,
    /// Deals lost.
    pub lost: usize,
}

impl WinRate {
    /// Won of all closed deals, 0 to 1; `None` when none is closed.
    pub fn rate(self) -> Option<f64> {
        let closed = self.won + self.lost;
        (closed > 0).then(|| self.won as f64 / closed as f64)
    }
}

/// The deals `filter` admits that closed, won or lost (deals in a stage no pipeline has are left
/// out).
pub fn win_rate(deals: &[Deal], stages: &StageTable, filter: &SalesFilter) -> WinRate {
    let mut rate = WinRate::default();
    for deal in deals.iter().filter(|deal| filter.admits(deal)) {
        match stages.of(deal).map(|stage| stage.outcome) {
            Some(StageOutcome::Won) => rate.won += 1,
            Some(StageOutcome::Lost) => rate.lost += 1,
            Some(StageOutcome::Open) | None => {}
        }
    }
    rate
}

/// The mean days from creation to close of the won deals `filter` admits (a close date before
/// the creation counts as 0 days); `None` without any.
pub fn average_sales_cycle_days(
    deals: &[Deal],
    stages: &StageTable,
    filter: &SalesFilter,
) -> Option<f64> {
    let days: Vec<i64> = deals
        .iter()
        .filter(|deal| filter.admits(deal))
        .filter(|deal| {
            stages
                .of(deal)
                .is_some_and(|s| s.outcome == StageOutcome::Won)
        })
        .map(|deal| {
            (deal.close_date - deal.created_at.date_naive())
                .num_days()
                .max(0)
        })
        .collect();
    (!days.is_empty()).then(|| days.iter().sum::<i64>() as f64 / days.len() as f64)
}

/// One open stage of a pipeline's funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunnelStage {
    /// The stage's name.
    pub name: String,
    /// Deals that reached it: in it or in a later open stage now, or won.
    pub reached: usize,
    /// The share of those that reached the next open stage (won, after the last); `None` when no
    /// deal reached this one.
    pub conversion: Option<f64>,
}

/// `pipeline`'s open stages in board order with the deals `filter` admits that reached each, and
/// the stage-to-stage conversion. Stage history is not kept, so a deal's current stage says how
/// far it came: a won deal passed every open stage, a lost one is counted at the first only.
pub fn funnel(deals: &[Deal], pipeline: &Pipeline, filter: &SalesFilter) -> Vec<FunnelStage> {
    let open: Vec<&Stage> = pipeline
        .stages
        .iter()
        .filter(|stage| stage.outcome == StageOutcome::Open)
        .collect();
    // reached[i]: deals that got at least as far as open stage i; reached[open.len()]: won.
    let mut reached = vec![0usize; open.len() + 1];
    for deal in deals
        .iter()
        .filter(|deal| deal.pipeline_id == pipeline.id && filter.admits(deal))
    {
        let Some(stage) = pipeline.stages.iter().find(|s| s.id == deal.stage_id) else {
            continue;
        };
        let furthest = match stage.outcome {
            StageOutcome::Won => Some(open.len()),
            StageOutcome::Lost => (!open.is_empty()).then_some(0),
            StageOutcome::Open => open.iter().position(|s| s.id == stage.id),
        };
        let Some(furthest) = furthest else {
            continue;
        };
        for count in &mut reached[..=furthest] {
            *count += 1;
        }
    }
    open.iter()
        .enumerate()
        .map(|(at, stage)| FunnelStage {
            name: stage.name.clone(),
            reached: reached[at],
            conversion: (reached[at] > 0).then(|| reached[at + 1] as f64 / reached[at] as f64),
        })
        .collect()
}

/// The open deals expected to close in one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthForecast {
    /// Year.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Open deals expected to close in it.
    pub deals: usize,
    /// Sum of their values in the workspace currency, in cents.
    pub total_cents: i64,
    /// Sum of value × stage probability, in cents, each deal's share rounded down.
    pub weighted_cents: i64,
}

/// The open deals `filter` admits by month of expected close, every month of the filter's range
/// present (an empty one with zeros), oldest first. An open deal whose close date is before the
/// range is overdue, so expected now: it counts in the first month. Sums saturate rather than
/// wrap.
pub fn weighted_forecast(
    deals: &[Deal],
    stages: &StageTable,
    filter: &SalesFilter,
) -> Vec<MonthForecast> {
    let first = month_index(filter.from);
    let last = month_index(filter.to);
    let mut months: Vec<MonthForecast> = (first..=last)
        .map(|index| {
            let (year, month) = year_month(index);
            MonthForecast {
                year,
                month,
                deals: 0,
                total_cents: 0,
                weighted_cents: 0,
            }
        })
        .collect();
    let overdue_too = SalesFilter {
        from: NaiveDate::MIN,
        ..filter.clone()
    };
    for deal in deals.iter().filter(|deal| overdue_too.admits(deal)) {
        let Some(stage) = stages.of(deal).filter(|s| s.outcome == StageOutcome::Open) else {
            continue;
        };
        let month = &mut months[(month_index(deal.close_date).max(first) - first) as usize];
        // A deal in another currency is counted, not summed (see `Deal::counted_value`).
        let value = deal.counted_value().map_or(0, |value| value.0);
        let weighted = i128::from(value) * i128::from(stage.probability_pct) / 100;
        month.deals += 1;
        month.total_cents = month.total_cents.saturating_add(value);
        month.weighted_cents = month
            .weighted_cents
            .saturating_add(i64::try_from(weighted).unwrap_or(i64::MAX));
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use hearth_domain::demo::{generate, DemoConfig};
    use hearth_domain::{Cents, DealId, PipelineId, StageId, Uid};
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn pipeline() -> Pipeline {
        let stage = |id, probability_pct, outcome| Stage {
            id: StageId(id),
            name: format!("stage {id}"),
            probability_pct,
            outcome,
        };
        Pipeline {
            id: PipelineId(1),
            revision: 1,
            uid: Uid::default(),
            name: "Sales".into(),
            stages: vec![
                stage(1, 10, StageOutcome::Open),
                stage(2, 50, StageOutcome::Open),
                stage(3, 100, StageOutcome::Won),
                stage(4, 0, StageOutcome::Lost),
            ],
            created_at: chrono::Utc.timestamp_opt(0, 0).unwrap(),
            updated_at: chrono::Utc.timestamp_opt(0, 0).unwrap(),
        }
    }

    fn deal(id: u32, stage: u32, cents: i64, created: NaiveDate, close: NaiveDate) -> Deal {
        let created_at = created.and_hms_opt(9, 0, 0).unwrap().and_utc();
        Deal {
            id: DealId(id),
            revision: 1,
            uid: Uid::default(),
            title: format!("deal {id}"),
            pipeline_id: PipelineId(1),
            stage_id: StageId(stage),
            value: Cents(cents),
            currency: String::new(),
            lines: Vec::new(),
            person_id: None,
            company_id: None,
            owner: if id.is_multiple_of(2) { "ana" } else { "bo" }.into(),
            close_date: close,
            lost_reason: String::new(),
            external_id: String::new(),
            tags: Vec::new(),
            custom: Default::default(),
            created_at,
            updated_at: created_at,
            deleted_at: None,
        }
    }

    fn everyone(from: NaiveDate, to: NaiveDate) -> SalesFilter {
        SalesFilter {
            from,
            to,
            owner: None,
        }
    }

    #[test]
    fn win_rate_and_cycle_count_closed_deals_in_range() {
        let pipelines = [pipeline()];
        let stages = StageTable::new(&pipelines);
        let mut deals = vec![
            deal(1, 3, 1_000, date(2026, 1, 1), date(2026, 1, 11)),
            deal(2, 3, 1_000, date(2026, 1, 1), date(2026, 1, 31)),
            deal(3, 4, 1_000, date(2026, 1, 1), date(2026, 2, 1)),
            deal(4, 1, 1_000, date(2026, 1, 1), date(2026, 2, 1)),
            // Outside the range.
            deal(5, 3, 1_000, date(2025, 1, 1), date(2025, 12, 31)),
            // In a stage the pipeline no longer has.
            deal(7, 9, 1_000, date(2026, 1, 1), date(2026, 1, 5)),
        ];
        let mut deleted = deal(9, 4, 1_000, date(2026, 1, 1), date(2026, 1, 5));
        deleted.deleted_at = Some(deleted.created_at);
        deals.push(deleted);
        let filter = everyone(date(2026, 1, 1), date(2026, 12, 31));
        let rate = win_rate(&deals, &stages, &filter);
        assert_eq!(rate, WinRate { won: 2, lost: 1 });
        assert_eq!(rate.rate(), Some(2.0 / 3.0));
        assert_eq!(
            average_sales_cycle_days(&deals, &stages, &filter),
            Some(20.0)
        );
        let ana = SalesFilter {
            owner: Some("ana".into()),
            ..filter.clone()
        };
        assert_eq!(win_rate(&deals, &stages, &ana), WinRate { won: 1, lost: 0 });
        assert_eq!(average_sales_cycle_days(&deals, &stages, &ana), Some(30.0));
        let empty = everyone(date(2030, 1, 1), date(2030, 2, 1));
        assert_eq!(win_rate(&deals, &stages, &empty).rate(), None);
        assert_eq!(average_sales_cycle_days(&deals, &stages, &empty), None);
    }

    #[test]
    fn forecast_weighs_open_deals_by_month_of_close() {
        let pipelines = [pipeline()];
        let stages = StageTable::new(&pipelines);
        let deals = [
            deal(1, 1, 10_000, date(2026, 1, 1), date(2026, 3, 5)),
            deal(2, 2, 10_001, date(2026, 1, 1), date(2026, 3, 31)),
            deal(3, 2, 4_000, date(2026, 1, 1), date(2026, 5, 1)),
            deal(4, 3, 99_999, date(2026, 1, 1), date(2026, 3, 5)),
            deal(5, 2, 7_000, date(2026, 1, 1), date(2026, 7, 1)),
            // Overdue: expected now, in the first month.
            deal(6, 1, 2_000, date(2026, 1, 1), date(2026, 1, 10)),
            // In another currency: counted, not summed.
            Deal {
                currency: "EUR".into(),
                ..deal(7, 2, 50_000, date(2026, 1, 1), date(2026, 5, 2))
            },
        ];
        let months = weighted_forecast(
            &deals,
            &stages,
            &everyone(date(2026, 3, 1), date(2026, 6, 30)),
        );
        let summary: Vec<_> = months
            .iter()
            .map(|m| (m.month, m.deals, m.total_cents, m.weighted_cents))
            .collect();
        assert_eq!(
            summary,
            vec![
                (3, 3, 22_001, 1_000 + 5_000 + 200),
                (4, 0, 0, 0),
                (5, 2, 4_000, 2_000),
                (6, 0, 0, 0)
            ]
        );
    }

    #[test]
    fn funnel_counts_each_deal_up_to_its_stage() {
        let pipelines = [pipeline()];
        let (from, to) = (date(2026, 1, 1), date(2026, 12, 31));
        let mut other_pipeline = deal(6, 1, 1_000, from, date(2026, 3, 1));
        other_pipeline.pipeline_id = PipelineId(2);
        let deals = [
            deal(1, 1, 1_000, from, date(2026, 3, 1)),
            deal(2, 2, 1_000, from, date(2026, 3, 1)),
            deal(3, 2, 1_000, from, date(2026, 3, 1)),
            deal(4, 3, 1_000, from, date(2026, 3, 1)),
            deal(5, 4, 1_000, from, date(2026, 3, 1)),
            other_pipeline,
            // Closing outside the range.
            deal(8, 3, 1_000, from, date(2027, 3, 1)),
        ];
        let stages = funnel(&deals, &pipelines[0], &everyone(from, to));
        let counts: Vec<_> = stages
            .iter()
            .map(|s| (s.name.as_str(), s.reached, s.conversion))
            .collect();
        assert_eq!(
            counts,
            vec![
                ("stage 1", 5, Some(3.0 / 5.0)),
                ("stage 2", 3, Some(1.0 / 3.0))
            ]
        );
        let nobody = funnel(&[], &pipelines[0], &everyone(from, to));
        assert_eq!(nobody[0].reached, 0);
        assert_eq!(nobody[0].conversion, None);
        let mut closed_only = pipeline();
        closed_only
            .stages
            .retain(|s| s.outcome != StageOutcome::Open);
        assert!(funnel(&deals, &closed_only, &everyone(from, to)).is_empty());
    }

    #[test]
    fn forecast_saturates_instead_of_wrapping() {
        let pipelines = [pipeline()];
        let stages = StageTable::new(&pipelines);
        let deals = [
            deal(1, 2, i64::MAX, date(2026, 1, 1), date(2026, 3, 5)),
            deal(2, 2, i64::MAX, date(2026, 1, 1), date(2026, 3, 6)),
            deal(3, 2, i64::MAX, date(2026, 1, 1), date(2026, 3, 7)),
        ];
        let months = weighted_forecast(
            &deals,
            &stages,
            &everyone(date(2026, 3, 1), date(2026, 3, 31)),
        );
        assert_eq!(months[0].total_cents, i64::MAX);
        assert_eq!(months[0].weighted_cents, i64::MAX);
    }

    #[test]
    fn the_demo_forecast_covers_its_open_pipeline() {
        let today = date(2026, 11, 28);
        let demo = generate(&DemoConfig::standard(today));
        let stages = StageTable::new(&demo.pipelines);
        let all = everyone(date(1970, 1, 1), date(2100, 12, 31));
        let open = crate::reports::kpis::pipeline_value(&demo.deals, &demo.pipelines);
        let months = weighted_forecast(&demo.deals, &stages, &all);
        assert_eq!(months.iter().map(|m| m.deals).sum::<usize>(), open.deals);
        assert_eq!(
            months.iter().map(|m| m.total_cents).sum::<i64>(),
            open.total_cents
        );
        let rate = win_rate(&demo.deals, &stages, &all);
        assert!(rate.won > 0 && rate.lost > 0, "{rate:?}");
    }

    proptest! {
        /// Every open deal in range lands in exactly one month, weighted no higher than its value.
        #[test]
        fn forecast_months_partition_the_open_deals(
            picks in proptest::collection::vec((1u32..=4, 0i64..1_000_000, 0u32..400), 0..60)
        ) {
            let pipelines = [pipeline()];
            let stages = StageTable::new(&pipelines);
            let start = date(2026, 1, 1);
            let deals: Vec<Deal> = picks
                .iter()
                .enumerate()
                .map(|(i, &(stage, cents, days))| {
                    deal(i as u32 + 1, stage, cents, start, start + chrono::Days::new(u64::from(days)))
                })
                .collect();
            let filter = everyone(start, start + chrono::Days::new(399));
            let months = weighted_forecast(&deals, &stages, &filter);
            let open: Vec<&Deal> = deals.iter().filter(|d| d.stage_id.0 <= 2).collect();
            prop_assert_eq!(months.iter().map(|m| m.deals).sum::<usize>(), open.len());
            prop_assert_eq!(
                months.iter().map(|m| m.total_cents).sum::<i64>(),
                open.iter().map(|d| d.value.0).sum::<i64>()
            );
            for month in &months {
                prop_assert!(month.weighted_cents <= month.total_cents);
            }
            let rate = win_rate(&deals, &stages, &filter);
            prop_assert_eq!(rate.won + rate.lost, deals.len() - open.len());
            // The funnel narrows: each stage is reached by no more deals than the one before,
            // and its conversion is the next stage's (or the wins') share of it.
            let stages = funnel(&deals, &pipelines[0], &filter);
            prop_assert_eq!(stages[0].reached, deals.len());
            prop_assert!(stages[1].reached <= stages[0].reached);
            for stage in &stages {
                prop_assert!(stage.conversion.is_none_or(|c| (0.0..=1.0).contains(&c)));
            }
            prop_assert_eq!(
                stages[1].conversion.map(|c| (c * stages[1].reached as f64).round() as usize),
                (stages[1].reached > 0).then_some(rate.won)
            );
        }
    }
}
