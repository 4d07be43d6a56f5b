//! Pipelines at work: the board's columns, moving a deal between stages, stale deals, and the
//! stage editor's edits (a stage that still holds deals is never removed).

use crate::model::{Deal, OrderLine, Pipeline, Stage, StageOutcome};
use crate::money::{Cents, MoneyOverflow, WORKSPACE_CURRENCY};
use crate::StageId;
use chrono::{DateTime, Duration, Utc};
use thiserror::Error;

/// What a stage edit refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum StageEditError {
    /// The stage still holds `deals` deals: they move to another stage first.
    #[error("the stage still holds {deals} deals; move them to another stage first")]
    InUse {
        /// How many deals are in it.
        deals: usize,
    },
    /// A pipeline keeps at least one stage.
    #[error("a pipeline keeps at least one stage")]
    LastStage,
    /// No stage has that id.
    #[error("no such stage")]
    Missing,
    /// The pipeline or one of its stages has no name.
    #[error("every stage and the pipeline need a name")]
    Unnamed,
}

/// One column of a board: a stage, how many deals are in it and their total amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The stage.
    pub stage: StageId,
    /// Deals in it.
    pub count: usize,
    /// Their amounts in the workspace's currency added up; `Err` when the sum leaves the range
    /// of [`Cents`].
    pub total: Result<Cents, MoneyOverflow>,
    /// Deals in it whose amount is in another currency: counted, not in the total.
    pub other_currency: usize,
}

/// The columns of `pipeline`'s board, in stage order, for the `(stage, counted amount)` of each
/// of its deals (see [`Deal::counted_value`]; deals in a stage the pipeline lacks are not counted).
pub fn columns(
    pipeline: &Pipeline,
    deals: impl IntoIterator<Item = (StageId, Option<Cents>)>,
) -> Vec<Column> {
    let mut columns: Vec<Column> = pipeline
        .stages
        .iter()
        .map(|stage| Column {
            stage: stage.id,
            count: 0,
            total: Ok(Cents::ZERO),
            other_currency: 0,
        })
        .collect();
    for (stage, amount) in deals {
        if let Some(column) = columns.iter_mut().find(|column| column.stage == stage) {
            column.count += 1;
            match amount {
                Some(amount) => {
                    column.total = column.total.and_then(|total| total.checked_add(amount))
                }
                None => column.other_currency += 1,
            }
        }
    }
    columns
}

impl Deal {
    /// Its value where the board, the forecast and the reports add values up: in the
    /// workspace's currency ([`WORKSPACE_CURRENCY`], also when it names none). `None` in another
    /// currency: the workspace keeps no exchange rates, so such a deal is counted, never summed.
    pub fn counted_value(&self) -> Option<Cents> {
        (self.currency.is_empty() || self.currency == WORKSPACE_CURRENCY).then_some(self.value)
    }

    /// This deal selling the products `lines`: its value becomes their total (none keeps the
    /// value as it is, typed by hand), or [`MoneyOverflow`].
    pub fn with_lines(&self, lines: Vec<OrderLine>) -> Result<Deal, MoneyOverflow> {
        let mut deal = self.clone();
        if !lines.is_empty() {
            deal.value = OrderLine::total(&lines)?;
        }
        deal.lines = lines;
        Ok(deal)
    }

    /// This deal moved to `stage` at `now`. A won or lost stage closes it: its close date becomes
    /// the day it closed, what win rate and sales cycle count from. A won deal keeps no lost reason.
    pub fn moved_to(&self, stage: &Stage, now: DateTime<Utc>) -> Deal {
        let mut moved = self.clone();
        moved.stage_id = stage.id;
        moved.updated_at = now;
        if stage.outcome != StageOutcome::Open {
            moved.close_date = now.date_naive();
        }
        if stage.outcome == StageOutcome::Won {
            moved.lost_reason.clear();
        }
        moved
    }

    /// Whether this open deal (in a stage of `outcome`) has had no activity for `days` days at
    /// `now`: nothing logged on it since (`last_activity`) and no change to it either. Closed
    /// deals are never stale.
    pub fn is_stale(
        &self,
        outcome: StageOutcome,
        last_activity: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
        days: u32,
    ) -> bool {
        let last = last_activity.map_or(self.updated_at, |at| at.max(self.updated_at));
        outcome == StageOutcome::Open && now - last >= Duration::days(i64::from(days))
    }
}

impl Pipeline {
    /// Its stage `id`.
    pub fn stage(&self, id: StageId) -> Option<&Stage> {
        self.stages.iter().find(|stage| stage.id == id)
    }

    /// Adds an open stage named `name` before the first closed one (a new step of the process,
    /// not an outcome) with an id no stage has had here, and returns that id.
    pub fn add_stage(&mut self, name: &str, probability_pct: u8) -> StageId {
        let id = StageId(self.stages.iter().map(|s| s.id.0).max().unwrap_or(0) + 1);
        let at = self
            .stages
            .iter()
            .position(|stage| stage.outcome != StageOutcome::Open)
            .unwrap_or(self.stages.len());
        self.stages.insert(
            at,
            Stage {
                id,
                name: name.to_string(),
                probability_pct: probability_pct.min(100),
                outcome: StageOutcome::Open,
            },
        );
        id
    }

    /// Moves stage `id` one place earlier (`by` = -1) or later (`by` = 1) on the board; at an end
    /// it stays.
    pub fn shift_stage(&mut self, id: StageId, by: isize) {
        let Some(at) = self.stages.iter().position(|stage| stage.id == id) else {
            return;
        };
        let to = at as isize + by;
        if (0..self.stages.len() as isize).contains(&to) {
            self.stages.swap(at, to as usize);
        }
    }

    /// Removes stage `id`, which holds `deals` deals: refused while it holds any, or when it is
    /// the last stage.
    pub fn remove_stage(&mut self, id: StageId, deals: usize) -> Result<Stage, StageEditError> {
        let at = self
            .stages
            .iter()
            .position(|stage| stage.id == id)
            .ok_or(StageEditError::Missing)?;
        if deals > 0 {
            return Err(StageEditError::InUse { deals });
        }
        if self.stages.len() == 1 {
            return Err(StageEditError::LastStage);
        }
        Ok(self.stages.remove(at))
    }
}

impl Pipeline {
    /// Checks `edited`, a copy of this stored pipeline, before it is written: everything is
    /// named, and every stage it dropped holds no deal (`deals_in` counts a stage's deals, read
    /// now: a stage may have got deals since it was taken out of the copy). A refusal names the
    /// stage it is about.
    pub fn check_edit(
        &self,
        edited: &Pipeline,
        deals_in: impl Fn(StageId) -> usize,
    ) -> Result<(), (String, StageEditError)> {
        if edited.name.trim().is_empty() || edited.stages.iter().any(|s| s.name.trim().is_empty()) {
            return Err((String::new(), StageEditError::Unnamed));
        }
        if edited.stages.is_empty() {
            return Err((String::new(), StageEditError::LastStage));
        }
        for dropped in self.stages.iter().filter(|s| edited.stage(s.id).is_none()) {
            let deals = deals_in(dropped.id);
            if deals > 0 {
                return Err((dropped.name.clone(), StageEditError::InUse { deals }));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Entity;
    use crate::PipelineId;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn stage(id: u32, outcome: StageOutcome) -> Stage {
        Stage {
            id: StageId(id),
            name: format!("s{id}"),
            probability_pct: 50,
            outcome,
        }
    }

    fn pipeline() -> Pipeline {
        Pipeline {
            id: PipelineId(1),
            revision: 0,
            uid: Default::default(),
            name: "Sales".into(),
            stages: vec![
                stage(1, StageOutcome::Open),
                stage(2, StageOutcome::Open),
                stage(3, StageOutcome::Won),
                stage(4, StageOutcome::Lost),
            ],
            created_at: Utc.timestamp_opt(0, 0).unwrap(),
            updated_at: Utc.timestamp_opt(0, 0).unwrap(),
        }
    }

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, 12, 0, 0).unwrap()
    }

    #[test]
    fn columns_count_and_total_their_deals_in_stage_order() {
        let columns = columns(
            &pipeline(),
            [
                (StageId(2), Some(Cents(500))),
                (StageId(1), Some(Cents(100))),
                (StageId(2), Some(Cents(250))),
                (StageId(2), None),
                (StageId(9), Some(Cents(7))),
            ],
        );
        let shown: Vec<_> = columns
            .iter()
            .map(|c| (c.stage.0, c.count, c.total.unwrap().0, c.other_currency))
            .collect();
        assert_eq!(
            shown,
            [(1, 1, 100, 0), (2, 3, 750, 1), (3, 0, 0, 0), (4, 0, 0, 0)]
        );
        let overflow = super::columns(
            &pipeline(),
            [
                (StageId(1), Some(Cents(i64::MAX))),
                (StageId(1), Some(Cents(1))),
            ],
        );
        assert_eq!(overflow[0].total, Err(MoneyOverflow));
    }

    #[test]
    fn only_the_workspace_currency_is_summed_and_products_set_the_value() {
        let mut deal = Deal::blank(at(1));
        deal.value = Cents(9_900);
        assert_eq!(deal.counted_value(), Some(Cents(9_900)));
        deal.currency = "USD".into();
        assert_eq!(deal.counted_value(), Some(Cents(9_900)));
        deal.currency = "EUR".into();
        assert_eq!(deal.counted_value(), None);

        let line = |quantity, cents, discount| OrderLine {
            product_id: crate::ProductId(1),
            quantity,
            unit_price: Cents(cents),
            discount: Cents(discount),
        };
        let sold = deal
            .with_lines(vec![line(3, 1_000, 500), line(1, 250, 0)])
            .unwrap();
        assert_eq!(sold.value, Cents(2_750));
        assert_eq!(sold.with_lines(Vec::new()).unwrap().value, Cents(2_750));
        assert_eq!(
            deal.with_lines(vec![line(2, i64::MAX / 2 + 1, 0)]),
            Err(MoneyOverflow)
        );
    }

    #[test]
    fn closing_a_deal_dates_it_and_a_win_drops_the_lost_reason() {
        let mut deal = Deal::blank(at(1));
        deal.lost_reason = "price".into();
        let open = deal.moved_to(&stage(2, StageOutcome::Open), at(5));
        assert_eq!(
            (open.stage_id, open.close_date),
            (StageId(2), at(1).date_naive())
        );
        assert_eq!(
            (open.updated_at, open.lost_reason.as_str()),
            (at(5), "price")
        );
        let won = deal.moved_to(&stage(3, StageOutcome::Won), at(9));
        assert_eq!(
            (won.close_date, won.lost_reason.as_str()),
            (at(9).date_naive(), "")
        );
        let lost = deal.moved_to(&stage(4, StageOutcome::Lost), at(9));
        assert_eq!(lost.lost_reason, "price");
    }

    #[test]
    fn a_deal_is_stale_after_days_without_activity_or_change_while_open() {
        let deal = Deal::blank(at(1));
        let open = StageOutcome::Open;
        assert!(!deal.is_stale(open, None, at(10), 14));
        assert!(deal.is_stale(open, None, at(15), 14));
        assert!(!deal.is_stale(open, Some(at(5)), at(15), 14));
        assert!(deal.is_stale(open, Some(at(1)), at(20), 14));
        assert!(!deal.is_stale(StageOutcome::Won, None, at(30), 14));
    }

    #[test]
    fn a_new_stage_goes_before_the_outcomes_with_a_fresh_id() {
        let mut pipeline = pipeline();
        pipeline.stages.retain(|s| s.id != StageId(2));
        let id = pipeline.add_stage("Demo", 140);
        assert_eq!(id, StageId(5));
        let order: Vec<u32> = pipeline.stages.iter().map(|s| s.id.0).collect();
        assert_eq!(order, [1, 5, 3, 4]);
        assert_eq!(pipeline.stage(id).unwrap().probability_pct, 100);
    }

    #[test]
    fn a_stage_with_deals_or_the_last_one_is_kept() {
        let mut pipeline = pipeline();
        assert_eq!(
            pipeline.remove_stage(StageId(2), 3),
            Err(StageEditError::InUse { deals: 3 })
        );
        assert_eq!(pipeline.stages.len(), 4);
        assert_eq!(pipeline.remove_stage(StageId(2), 0).unwrap().id, StageId(2));
        assert_eq!(
            pipeline.remove_stage(StageId(2), 0),
            Err(StageEditError::Missing)
        );
        pipeline.stages.truncate(1);
        assert_eq!(
            pipeline.remove_stage(StageId(1), 0),
            Err(StageEditError::LastStage)
        );
    }

    #[test]
    fn an_edit_is_refused_unnamed_or_dropping_a_stage_that_got_deals() {
        let stored = pipeline();
        let mut edited = stored.clone();
        edited.remove_stage(StageId(2), 0).unwrap();
        assert_eq!(stored.check_edit(&edited, |_| 0), Ok(()));
        assert_eq!(
            stored.check_edit(&edited, |id| usize::from(id == StageId(2)) * 4),
            Err(("s2".into(), StageEditError::InUse { deals: 4 }))
        );
        // Deals in stages the edit keeps do not matter.
        assert_eq!(
            stored.check_edit(&edited, |id| usize::from(id != StageId(2))),
            Ok(())
        );
        edited.stages[0].name = "  ".into();
        assert_eq!(
            stored.check_edit(&edited, |_| 0),
            Err((String::new(), StageEditError::Unnamed))
        );
    }

    proptest! {
        #[test]
        fn shifting_stages_only_reorders_them(moves in proptest::collection::vec((1u32..5, -2isize..3), 0..20)) {
            let mut pipeline = pipeline();
            for (id, by) in moves {
                pipeline.shift_stage(StageId(id), by.signum());
            }
            let mut ids: Vec<u32> = pipeline.stages.iter().map(|s| s.id.0).collect();
            ids.sort_unstable();
            prop_assert_eq!(ids, vec![1, 2, 3, 4]);
        }

        #[test]
        fn column_totals_add_up_to_every_counted_deal(deals in proptest::collection::vec((1u32..6, 0i64..1_000_000), 0..50)) {
            let columns = columns(&pipeline(), deals.iter().map(|&(s, c)| (StageId(s), Some(Cents(c)))));
            let counted: Vec<_> = deals.iter().filter(|(s, _)| *s <= 4).collect();
            prop_assert_eq!(columns.iter().map(|c| c.count).sum::<usize>(), counted.len());
            prop_assert_eq!(
                columns.iter().map(|c| c.total.unwrap().0).sum::<i64>(),
                counted.iter().map(|(_, c)| c).sum::<i64>()
            );
        }
    }
}
