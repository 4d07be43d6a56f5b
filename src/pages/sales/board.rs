//! A pipeline's kanban board (`/board`): a column per stage with its deal count and total, a
//! card per deal (name, amount, company or contact, owner, close date, stale mark), moved as
//! every board moves its cards ([`crate::components::board`]). Below the board: a new deal in the
//! pipeline's first stage, the stage editor and a new pipeline.

use crate::app::{use_app_href, use_page_title};
use crate::components::board::{
    board_messages, board_view, BoardCard, BoardColumn, BoardMoves, BoardRules, MoveRequest,
};
use crate::components::record_form::RecordForm;
use crate::components::save_outcome::{use_save, SaveOutcomeView};
use crate::i18n::{format_count, format_count_value, format_money_value, use_i18n, Msg};
use crate::pages::sales::stages::{use_pipeline_save, NewPipeline, StageEditor};
use crate::routes;
use crate::settings::load_stale_days;
use crate::store::{Store, StoreName, StoreResult};
use crate::workspace::{now_utc, use_workspace};
use chrono::{DateTime, Utc};
use hearth_domain::entity::{Entity, Places};
use hearth_domain::pipeline::columns;
use hearth_domain::{Company, Deal, Person, Pipeline, PipelineId, StageId, StageOutcome};
use leptos::prelude::*;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// What a board reads from.
const BOARD_STORES: &[StoreName] = &[
    StoreName::Deals,
    StoreName::Pipelines,
    StoreName::People,
    StoreName::Companies,
    StoreName::Activities,
];

/// A deal on the board, with the name its card shows: its company's, else its contact's.
#[derive(Clone)]
struct Card {
    deal: Deal,
    party: String,
}

/// Every pipeline and deal, and when each deal last had an activity.
pub struct Board {
    /// Every pipeline, in store order.
    pub pipelines: Vec<Pipeline>,
    deals: Vec<Card>,
    last_activity: HashMap<u32, DateTime<Utc>>,
}

impl Board {
    /// How many deals are in stage `stage` of `pipeline`.
    pub fn deals_in(&self, pipeline: PipelineId, stage: StageId) -> usize {
        self.deals
            .iter()
            .filter(|card| card.deal.pipeline_id == pipeline && card.deal.stage_id == stage)
            .count()
    }
}

async fn load(store: Rc<Store>) -> StoreResult<Board> {
    let deals: Vec<Deal> = store.all().await?;
    Ok(Board {
        deals: cards(&store, deals, &[]).await?,
        pipelines: store.all().await?,
        last_activity: store.last_deal_activity().await?,
    })
}

/// `board` with the deals `ids` read again (changed, added or deleted): a move on the board
/// writes one deal, and reading every deal again would take longer than the move.
async fn refreshed(store: Rc<Store>, board: &Board, ids: &[u32]) -> StoreResult<Board> {
    let mut fresh: Vec<Deal> = store.get_many(ids).await?;
    fresh.retain(|deal| deal.deleted_at.is_none());
    let mut fresh = cards(&store, fresh, &board.deals).await?;
    let mut deals: Vec<Card> = board
        .deals
        .iter()
        .filter_map(|card| {
            if !ids.contains(&card.deal.id.0) {
                return Some(card.clone());
            }
            let at = fresh.iter().position(|f| f.deal.id == card.deal.id)?;
            Some(fresh.swap_remove(at))
        })
        .collect();
    deals.extend(fresh);
    Ok(Board {
        pipelines: board.pipelines.clone(),
        deals,
        last_activity: board.last_activity.clone(),
    })
}

/// The cards of `deals`, their names taken from `known` cards where they name the same company
/// or contact, else read: only the companies the deals name (a large workspace has many more),
/// and contacts only for deals without a company (people are stored in pages, and reading one
/// person reads and parses the whole page around them).
async fn cards(store: &Store, deals: Vec<Deal>, known: &[Card]) -> StoreResult<Vec<Card>> {
    let mut companies: HashMap<u32, String> = HashMap::new();
    let mut people: HashMap<u32, String> = HashMap::new();
    for card in known {
        match (card.deal.company_id, card.deal.person_id) {
            (Some(company), _) => companies.insert(company.0, card.party.clone()),
            (None, Some(person)) => people.insert(person.0, card.party.clone()),
            (None, None) => None,
        };
    }
    let unknown_companies: Vec<u32> = deals
        .iter()
        .filter_map(|deal| deal.company_id.map(|id| id.0))
        .filter(|id| !companies.contains_key(id))
        .collect();
    for company in store.get_named::<Company>(unknown_companies).await? {
        companies.insert(company.id.0, company.name);
    }
    let unknown_people: Vec<u32> = deals
        .iter()
        .filter(|deal| deal.company_id.is_none())
        .filter_map(|deal| deal.person_id.map(|id| id.0))
        .filter(|id| !people.contains_key(id))
        .collect();
    for person in store.get_named::<Person>(unknown_people).await? {
        people.insert(person.id.0, person.display_name());
    }
    Ok(deals
        .into_iter()
        .map(|deal| {
            let party = match (deal.company_id, deal.person_id) {
                (Some(company), _) => companies.get(&company.0).cloned(),
                (None, Some(person)) => people.get(&person.0).cloned(),
                (None, None) => None,
            };
            Card {
                party: party.unwrap_or_default(),
                deal,
            }
        })
        .collect())
}

/// A card's amount: in the workspace's currency with its sign, in another with its code.
fn amount_text(deal: &Deal) -> String {
    match deal.counted_value() {
        Some(value) => format_money_value(value.as_units_f64()),
        None => format!(
            "{} {}",
            deal.currency,
            format_count_value(deal.value.as_units_f64())
        ),
    }
}

/// The page at `/board`.
#[component]
pub fn BoardPage() -> impl IntoView {
    use_page_title(Msg::DealsBoard);
    let i18n = use_i18n();
    let workspace = use_workspace();
    let board = RwSignal::new(None::<Arc<Board>>);
    let stage_of = move |deal: &Deal, stage: u32| {
        board.with_untracked(|board| {
            board
                .as_ref()?
                .pipelines
                .iter()
                .find(|p| p.id == deal.pipeline_id)?
                .stage(StageId(stage))
                .cloned()
        })
    };
    let moves = BoardMoves::new(BoardRules {
        moved: Rc::new(move |deal: &Deal, to, now| Some(deal.moved_to(&stage_of(deal, to)?, now))),
        announce: Msg::MovedDeal,
        changed_elsewhere: Msg::DealChangedElsewhere,
    });
    // The board last read and the data version it was read at: a later read reads again only
    // the deals written since, when nothing else was.
    let last_read = StoredValue::new(None::<(u64, Arc<Board>)>);
    let data = LocalResource::new(move || {
        workspace.track(BOARD_STORES);
        let store = workspace.store();
        let version = workspace.data_version_untracked();
        let previous = last_read.get_value().and_then(|(since, board)| {
            let touched = workspace.touched_since(since)?;
            let ids = touched.only_records_of(StoreName::Deals, BOARD_STORES)?;
            Some((board, ids.into_iter().collect::<Vec<u32>>()))
        });
        async move {
            let store = store.ok_or_else(String::new)?;
            let board = match previous {
                Some((board, ids)) => refreshed(store, &board, &ids).await,
                None => load(store).await,
            };
            let board = Arc::new(board.map_err(|e| e.to_string())?);
            last_read.set_value(Some((version, board.clone())));
            Ok(board)
        }
    });
    Effect::new(move || match data.get() {
        Some(Ok(read)) => {
            moves.settle(|id| {
                read.deals
                    .iter()
                    .find(|card| card.deal.id.0 == id)
                    .map(|card| card.deal.revision)
            });
            board.set(Some(read));
        }
        Some(Err(error)) => moves.problem.set(Some(error)),
        None => {}
    });
    let chosen = RwSignal::new(None::<PipelineId>);
    let pipeline = Memo::new(move |_| {
        let board = board.get()?;
        let id = chosen.get();
        board
            .pipelines
            .iter()
            .find(|p| Some(p.id) == id)
            .or(board.pipelines.first())
            .cloned()
    });
    let pipeline_id = Memo::new(move |_| pipeline.with(|p| p.as_ref().map(|p| p.id)));
    let stale_days = load_stale_days();
    let deal_href = use_app_href(&routes::record_prefix(routes::DEALS));

    // A move asked for by the board: the deal as shown and its new stage's name.
    let request: MoveRequest = Arc::new(move |id, to| {
        let deal = board.with_untracked(|board| {
            board
                .as_ref()?
                .deals
                .iter()
                .find(|card| card.deal.id.0 == id)
                .map(|card| card.deal.clone())
        });
        let Some(deal) = deal else { return };
        if let Some(stage) = stage_of(&deal, to) {
            moves.request(&deal, &deal.title, to, &stage.name);
        }
    });

    let board_columns = move || {
        let board = board.get()?;
        let pipeline = pipeline.get()?;
        let now = now_utc();
        let stage_of = |card: &Card| moves.column_of(card.deal.id.0, card.deal.stage_id.0);
        let mut in_pipeline: Vec<&Card> = board
            .deals
            .iter()
            .filter(|card| card.deal.pipeline_id == pipeline.id)
            .collect();
        // Cards being moved, then the latest changed, first: a card just moved shows at the top
        // of its column, never among the cards behind "Show more".
        let moving = |card: &Card| moves.is_moving(card.deal.id.0);
        hearth_domain::sort::sort_by(&mut in_pipeline, |a, b| {
            moving(b)
                .cmp(&moving(a))
                .then(b.deal.updated_at.cmp(&a.deal.updated_at))
        });
        let totals = columns(
            &pipeline,
            in_pipeline
                .iter()
                .map(|card| (StageId(stage_of(card)), card.deal.counted_value())),
        );
        let columns = pipeline
            .stages
            .iter()
            .zip(totals)
            .map(|(stage, column)| {
                let cards = in_pipeline
                    .iter()
                    .filter(|card| stage_of(card) == stage.id.0)
                    .take(moves.limit(stage.id.0))
                    .map(|card| {
                        let deal = &card.deal;
                        let stale = deal.is_stale(
                            stage.outcome,
                            board.last_activity.get(&deal.id.0).copied(),
                            now,
                            stale_days,
                        );
                        let lines = view! {
                            <span class="card-amount">{amount_text(deal)}</span>
                            <span>{card.party.clone()}</span>
                            <span class="hint">{match deal.owner.as_str() {
                                "" => deal.close_date.to_string(),
                                owner => format!("{owner} · {}", deal.close_date),
                            }}</span>
                            {stale.then(|| view! { <span class="badge warning">{i18n.text(Msg::Stale)}</span> })}
                        };
                        BoardCard {
                            id: deal.id.0,
                            title: deal.title.clone(),
                            href: format!("{deal_href}{}", deal.id.0),
                            flagged: stale,
                            lines: lines.into_any(),
                        }
                    })
                    .collect();
                let total = column
                    .total
                    .map(|total| format_money_value(total.as_units_f64()))
                    .unwrap_or_else(|_| "—".into());
                let mut summary = format!(
                    "{} · {} · {} %",
                    i18n.t(Msg::DealCount).replace("{count}", &format_count(column.count as u64)),
                    total,
                    stage.probability_pct
                );
                if column.other_currency > 0 {
                    summary = format!(
                        "{summary} · {}",
                        i18n.t(Msg::InOtherCurrencies)
                            .replace("{count}", &format_count(column.other_currency as u64))
                    );
                }
                BoardColumn {
                    id: stage.id.0,
                    name: stage.name.clone(),
                    summary,
                    tone: match stage.outcome {
                        StageOutcome::Won => Some("won"),
                        StageOutcome::Lost => Some("lost"),
                        StageOutcome::Open => None,
                    },
                    count: column.count,
                    cards,
                }
            })
            .collect();
        Some(board_view(
            moves,
            pipeline.name.clone(),
            columns,
            request.clone(),
        ))
    };

    let pipeline_options = move || {
        let board = board.get()?;
        let current = pipeline_id.get();
        Some(
            board
                .pipelines
                .iter()
                .map(|p| view! { <option value=p.id.0.to_string() selected=Some(p.id) == current>{p.name.clone()}</option> })
                .collect_view(),
        )
    };
    let save = use_save::<Deal>(true);
    let stage_save = use_pipeline_save(false);
    let new_deal = move || {
        let pipeline = pipeline.get()?;
        let first = pipeline
            .stages
            .iter()
            .find(|s| s.outcome == StageOutcome::Open)
            .or(pipeline.stages.first())?;
        let mut base = Deal::blank(now_utc());
        base.pipeline_id = pipeline.id;
        base.stage_id = first.id;
        Some(view! {
            <RecordForm base place=Places::CREATE id="new-deal" heading=Msg::NewDeal save clear_after_save=true/>
        })
    };
    let list = use_app_href(routes::DEALS);
    view! {
        <h1>{i18n.text(Msg::DealsBoard)}</h1>
        <div class="board-toolbar">
            <label for="board-pipeline">{i18n.text(Msg::Pipeline)}</label>
            <select id="board-pipeline" on:change=move |event| {
                chosen.set(event_target_value(&event).parse().ok().map(PipelineId));
                moves.show_first_cards();
            }>{pipeline_options}</select>
            <a href=list>{i18n.text(Msg::DealsAsTable)}</a>
        </div>
        <p id="board-keys" class="hint">{i18n.text(Msg::BoardKeysHint)}</p>
        {board_messages(moves)}
        {board_columns}
        <div class="board-forms">
            <div>
                {new_deal}
                <SaveOutcomeView action=save saved=Msg::SavedDeal/>
            </div>
            <NewPipeline board on_created=Callback::new(move |id| chosen.set(Some(id)))/>
            <div class="stage-editor">
                <StageEditor pipeline board save=stage_save/>
                <SaveOutcomeView action=stage_save saved=Msg::StagesSaved/>
            </div>
        </div>
    }
}
