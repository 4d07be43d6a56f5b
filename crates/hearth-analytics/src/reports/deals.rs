//! The sales reports' deal figures: win rate, average sales cycle and the weighted forecast by
//! month of expected close, over a range of close dates and for one owner or all.

use crate::reports::{month_index, year_month};
use chrono::NaiveDate;
use hearth_domain::{Deal, Pipeline, Stage, StageOutcome};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Which deals a report counts: close dates within `from..=to`, of `owner` when one is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealFilter {
    /// First close date counted.
    pub from: NaiveDate,
    /// Last close date counted.
    pub to: NaiveDate,
    /// Only this owner's deals; every owner's when `None`.
    pub owner: Option<String>,
}

impl DealFilter {
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
pub fn win_rate(deals: &[Deal], stages: &StageTable, filter: &DealFilter) -> WinRate {
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
    filter: &DealFilter,
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

/// The open deals expected to close in one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthForecast {
    /// Year.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Open deals expected to close in it.
    pub deals: usize,
    /// Sum of their values, in cents.
    pub total_cents: i64,
    /// Sum of value × stage probability, in cents, each deal's share rounded down.
    pub weighted_cents: i64,
}

/// The open deals `filter` admits by month of expected close, every month of the filter's range
/// present (an empty one with zeros), oldest first. Sums saturate rather than wrap.
pub fn weighted_forecast(
    deals: &[Deal],
    stages: &StageTable,
    filter: &DealFilter,
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
    for deal in deals.iter().filter(|deal| filter.admits(deal)) {
        let Some(stage) = stages.of(deal).filter(|s| s.outcome == StageOutcome::Open) else {
            continue;
        };
        let month = &mut months[(month_index(deal.close_date) - first) as usize];
        let weighted = i128::from(deal.value.0) * i128::from(stage.probability_pct) / 100;
        month.deals += 1;
        month.total_cents = month.total_cents.saturating_add(deal.value.0);
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

    fn everyone(from: NaiveDate, to: NaiveDate) -> DealFilter {
        DealFilter {
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
        let ana = DealFilter {
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
                (3, 2, 20_001, 1_000 + 5_000),
                (4, 0, 0, 0),
                (5, 1, 4_000, 2_000),
                (6, 0, 0, 0)
            ]
        );
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
        }
    }
}
