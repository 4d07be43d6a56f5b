//! A pipeline's kanban board (`/board`): a column per stage with its deal count and total, a
//! card per deal (name, amount, company or contact, owner, close date, stale mark). A card moves
//! to another stage by dragging it (pointer events: the mouse anywhere on the card, touch by its
//! handle), by ArrowLeft/ArrowRight while it has focus, or through its "Move to" menu; each move
//! shows at once, is written with check-and-set, and is announced to screen readers. Below the
//! board: a new deal in the pipeline's first stage, the stage editor and a new pipeline.

use crate::app::{use_app_href, use_page_title};
use crate::components::record_form::RecordForm;
use crate::components::save_outcome::{
    apply_outcome, one_change, use_save, SaveOutcome, SaveOutcomeView,
};
use crate::i18n::{
    format_count, format_count_value, format_money_value, store_error_text, use_i18n, I18n, Msg,
};
use crate::pages::sales::stages::{use_pipeline_save, NewPipeline, StageEditor};
use crate::routes;
use crate::settings::load_stale_days;
use crate::store::{Store, StoreName, StoreResult};
use crate::workspace::{now_utc, use_workspace, Workspace};
use chrono::{DateTime, Utc};
use hearth_domain::entity::{Entity, Places};
use hearth_domain::pipeline::columns;
use hearth_domain::{Company, Deal, Person, Pipeline, PipelineId, StageId, StageOutcome};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Cards a column shows before "Show more": a board of thousands of deals opens at once.
const CARDS_PER_PAGE: usize = 12;

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

/// The board's state: the data, moves not yet stored, and the queue that writes them one after
/// another (a card moved twice quickly is written twice, each over the revision before it).
#[derive(Clone, Copy)]
struct Moves {
    board: RwSignal<Option<Arc<Board>>>,
    /// Where a card shows until the data read back holds its move.
    pending: RwSignal<Vec<(u32, StageId)>>,
    queue: StoredValue<Vec<(u32, StageId)>>,
    writing: StoredValue<bool>,
    /// The deal whose move is being written.
    writing_now: StoredValue<Option<u32>>,
    /// The copy of each deal this page last stored, one revision up: the next move writes over it.
    written: StoredValue<Vec<Deal>>,
    /// What the live region says.
    announced: RwSignal<String>,
    problem: RwSignal<Option<String>>,
    /// The card a keyboard move was made on: focused again where it is drawn next.
    refocus: StoredValue<Option<u32>>,
    // Event handlers run outside the page's reactive owner: the contexts are kept here.
    workspace: Workspace,
    i18n: I18n,
}

impl Moves {
    fn deal(self, id: u32) -> Option<Deal> {
        let stored = self.board.with_untracked(|board| {
            board
                .as_ref()?
                .deals
                .iter()
                .find(|card| card.deal.id.0 == id)
                .map(|card| card.deal.clone())
        })?;
        let written = self
            .written
            .with_value(|written| written.iter().find(|deal| deal.id.0 == id).cloned());
        Some(match written {
            Some(written) if written.revision > stored.revision => written,
            _ => stored,
        })
    }

    /// Moves deal `id` to `stage` of its pipeline: shown at once, stored in turn.
    fn request(self, id: u32, stage: StageId) {
        let i18n = self.i18n;
        let Some(deal) = self.deal(id) else { return };
        let name = self.board.with_untracked(|board| {
            board
                .as_ref()
                .and_then(|b| b.pipelines.iter().find(|p| p.id == deal.pipeline_id))
                .and_then(|p| p.stage(stage))
                .map(|s| s.name.clone())
        });
        let Some(name) = name else { return };
        // The write is started before the board is drawn again: the database works on it
        // while the page redraws.
        self.queue.update_value(|queue| queue.push((id, stage)));
        if !self.writing.get_value() {
            self.writing.set_value(true);
            spawn_local(self.drain());
        }
        self.pending.update(|pending| {
            pending.retain(|(moved, _)| *moved != id);
            pending.push((id, stage));
        });
        self.problem.set(None);
        self.announced.set(
            i18n.t(Msg::MovedDeal)
                .replace("{deal}", &deal.title)
                .replace("{stage}", &name),
        );
    }

    async fn drain(self) {
        let (workspace, i18n) = (self.workspace, self.i18n);
        loop {
            let next = self
                .queue
                .try_update_value(|queue| (!queue.is_empty()).then(|| queue.remove(0)));
            let Some((id, stage_id)) = next.flatten() else {
                break;
            };
            let Some(deal) = self.deal(id) else { continue };
            let stage = self.board.with_untracked(|board| {
                board
                    .as_ref()?
                    .pipelines
                    .iter()
                    .find(|p| p.id == deal.pipeline_id)?
                    .stage(stage_id)
                    .cloned()
            });
            let Some(stage) = stage else { continue };
            let mut moved = deal.moved_to(&stage, now_utc());
            self.writing_now.set_value(Some(id));
            let outcome =
                apply_outcome(workspace.store(), one_change(|changes| changes.put(&moved))).await;
            self.writing_now.set_value(None);
            let problem = match outcome {
                SaveOutcome::Saved => {
                    moved.revision += 1;
                    self.written.update_value(|written| {
                        written.retain(|deal| deal.id.0 != id);
                        written.push(moved);
                    });
                    continue;
                }
                SaveOutcome::Conflict => i18n.t(Msg::DealChangedElsewhere).to_string(),
                SaveOutcome::Failed(error) => store_error_text(&error, i18n.lang.get_untracked()),
                // A stored deal the rules refuse (an old import): say which field and why.
                SaveOutcome::Invalid(errors) => errors
                    .iter()
                    .map(|error| {
                        let field = Msg::for_field(&error.field)
                            .map_or(error.field.clone(), |msg| i18n.t(msg).to_string());
                        format!(
                            "{deal} · {field} {}",
                            i18n.t(Msg::for_problem(&error.problem)),
                            deal = deal.title
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            };
            self.pending
                .update(|pending| pending.retain(|(moved, _)| *moved != id));
            self.problem.set(Some(problem));
        }
        self.writing.set_value(false);
    }

    /// Whether a move of deal `id` waits in the queue or is being written.
    fn unwritten(self, id: u32) -> bool {
        self.writing_now.get_value() == Some(id)
            || self
                .queue
                .with_value(|queue| queue.iter().any(|(queued, _)| *queued == id))
    }

    /// Forgets the moves the data read back already holds: those whose stored revision is the
    /// one this page wrote.
    fn settle(self, board: &Board) {
        self.written.with_value(|written| {
            self.pending.update(|pending| {
                pending.retain(|(id, _)| {
                    if self.unwritten(*id) {
                        return true;
                    }
                    let stored = board.deals.iter().find(|card| card.deal.id.0 == *id);
                    let wrote = written.iter().find(|deal| deal.id.0 == *id);
                    match (stored, wrote) {
                        (Some(card), Some(deal)) => deal.revision > card.deal.revision,
                        (_, None) => true,
                        (None, Some(_)) => false,
                    }
                })
            })
        });
    }
}

/// A drag under way: which card, from where the pointer went down, and whether it moved yet.
#[derive(Clone, Copy)]
struct Drag {
    deal: u32,
    from: StageId,
    x: f64,
    y: f64,
    moving: bool,
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

/// The stage a column's element names in its `data-stage`.
fn stage_named_by(column: &web_sys::Element) -> Option<StageId> {
    column
        .get_attribute("data-stage")?
        .parse()
        .ok()
        .map(StageId)
}

/// The stage of the column under the point.
fn column_at(x: f64, y: f64) -> Option<StageId> {
    let document = window().document()?;
    document
        .elements_from_point(x as f32, y as f32)
        .iter()
        .filter_map(|element| element.dyn_into::<web_sys::Element>().ok())
        .find_map(|element| stage_named_by(&element))
}

/// Scrolls the board sideways while a dragged card is near its left or right edge, so every
/// column can be reached on a narrow screen.
fn scroll_near_edge(card: &web_sys::Element, x: f64) {
    const EDGE: f64 = 48.0;
    let Some(board) = card.closest(".board").ok().flatten() else {
        return;
    };
    let rect = board.get_bounding_client_rect();
    let by = if x > rect.right() - EDGE {
        24.0
    } else if x < rect.left() + EDGE {
        -24.0
    } else {
        return;
    };
    board.scroll_by_with_x_and_y(by, 0.0);
}

/// The card an event happened in, its deal's id and the stage of the column it is drawn in. The
/// board handles its cards' events itself (one set of handlers, not one per card), so the card is
/// found from the event's target.
fn card_of(event: &web_sys::Event) -> Option<(web_sys::Element, u32, StageId)> {
    let card = event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(".deal-card")
        .ok()
        .flatten()?;
    let id = card.id().strip_prefix("deal-card-")?.parse().ok()?;
    let stage = stage_named_by(&card.closest("[data-stage]").ok().flatten()?)?;
    Some((card, id, stage))
}

/// Whether the pointer went down on something of the card's own (its link, menu) rather than
/// the card: those keep their clicks.
fn on_control(event: &web_sys::PointerEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a, select, label, button").ok().flatten())
        .is_some()
}

/// The page at `/board`.
#[component]
pub fn BoardPage() -> impl IntoView {
    use_page_title(Msg::DealsBoard);
    let i18n = use_i18n();
    let workspace = use_workspace();
    let moves = Moves {
        board: RwSignal::new(None),
        pending: RwSignal::new(Vec::new()),
        queue: StoredValue::new(Vec::new()),
        writing: StoredValue::new(false),
        writing_now: StoredValue::new(None),
        written: StoredValue::new(Vec::new()),
        announced: RwSignal::new(String::new()),
        problem: RwSignal::new(None),
        refocus: StoredValue::new(None),
        workspace,
        i18n,
    };
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
        Some(Ok(board)) => {
            moves.settle(&board);
            moves.board.set(Some(board));
        }
        Some(Err(error)) => moves.problem.set(Some(error)),
        None => {}
    });
    let chosen = RwSignal::new(None::<PipelineId>);
    let pipeline = Memo::new(move |_| {
        let board = moves.board.get()?;
        let id = chosen.get();
        board
            .pipelines
            .iter()
            .find(|p| Some(p.id) == id)
            .or(board.pipelines.first())
            .cloned()
    });
    let pipeline_id = Memo::new(move |_| pipeline.with(|p| p.as_ref().map(|p| p.id)));
    let shown_cards = RwSignal::new(Vec::<(StageId, usize)>::new());
    let target = RwSignal::new(None::<StageId>);
    let drag = StoredValue::new(None::<Drag>);
    let stale_days = load_stale_days();
    let deal_href = use_app_href(&routes::record_prefix(routes::DEALS));

    let end_drag = move |event: &web_sys::PointerEvent, commit: bool| {
        let Some(state) = drag.try_update_value(Option::take).flatten() else {
            return;
        };
        if let Some((card, _, _)) = card_of(event) {
            let _ = card.remove_attribute("style");
            let _ = card.class_list().remove_1("dragging");
        }
        let to = target.try_update(Option::take).flatten();
        if let (true, true, Some(to)) = (commit, state.moving, to) {
            if to != state.from {
                moves.request(state.deal, to);
            }
        }
    };

    // ArrowLeft/ArrowRight on a focused card moves it to the stage before or after its own.
    let on_key = move |event: web_sys::KeyboardEvent| {
        let by: isize = match event.key().as_str() {
            "ArrowLeft" => -1,
            "ArrowRight" => 1,
            _ => return,
        };
        // Keys typed in the card's menu are the menu's.
        let own = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|t| t.class_list().contains("deal-card"));
        let Some((_, id, from)) = card_of(&event).filter(|_| own) else {
            return;
        };
        event.prevent_default();
        let to = pipeline.with_untracked(|pipeline| {
            let stages = &pipeline.as_ref()?.stages;
            let at = stages.iter().position(|s| s.id == from)?;
            stages.get(at.checked_add_signed(by)?).map(|s| s.id)
        });
        if let Some(to) = to {
            moves.refocus.set_value(Some(id));
            moves.request(id, to);
        }
    };

    let board_view = move || {
        let board = moves.board.get()?;
        let pipeline = pipeline.get()?;
        let pending = moves.pending.get();
        let now = now_utc();
        let stage_of = |card: &Card| {
            pending
                .iter()
                .find(|(id, _)| *id == card.deal.id.0)
                .map_or(card.deal.stage_id, |(_, stage)| *stage)
        };
        let mut in_pipeline: Vec<&Card> = board
            .deals
            .iter()
            .filter(|card| card.deal.pipeline_id == pipeline.id)
            .collect();
        // Cards being moved, then the latest changed, first: a card just moved shows at the top
        // of its column, never among the cards behind "Show more".
        let moving = |card: &Card| pending.iter().any(|(id, _)| *id == card.deal.id.0);
        hearth_domain::sort::sort_by(&mut in_pipeline, |a, b| {
            moving(b)
                .cmp(&moving(a))
                .then(b.deal.updated_at.cmp(&a.deal.updated_at))
        });
        let totals = columns(
            &pipeline,
            in_pipeline
                .iter()
                .map(|card| (stage_of(card), card.deal.counted_value())),
        );
        let stage_choices: Vec<(StageId, String)> = pipeline
            .stages
            .iter()
            .map(|s| (s.id, s.name.clone()))
            .collect();
        let refocus = moves.refocus.get_value();
        let view = pipeline
            .stages
            .iter()
            .zip(totals)
            .map(|(stage, column)| {
                let stage_id = stage.id;
                let limit = shown_cards.with(|shown| {
                    shown
                        .iter()
                        .find(|(stage, _)| *stage == stage_id)
                        .map_or(CARDS_PER_PAGE, |(_, limit)| *limit)
                });
                let cards: Vec<_> = in_pipeline
                    .iter()
                    .filter(|card| stage_of(card) == stage_id)
                    .take(limit)
                    .map(|card| {
                        let deal = &card.deal;
                        let id = deal.id.0;
                        let stale = deal.is_stale(
                            stage.outcome,
                            board.last_activity.get(&id).copied(),
                            now,
                            stale_days,
                        );
                        let party = card.party.clone();
                        let options = stage_choices
                            .iter()
                            .map(|(choice, name)| {
                                view! { <option value=choice.0.to_string() selected=*choice == stage_id>{name.clone()}</option> }
                            })
                            .collect_view();
                        view! {
                            <li>
                                <article
                                    class="deal-card"
                                    class:stale=stale
                                    id=format!("deal-card-{id}")
                                    tabindex="0"
                                    aria-label=deal.title.clone()
                                    aria-describedby="board-keys"
                                >
                                    <span class="drag-handle" aria-hidden="true">"⠿"</span>
                                    <a href=format!("{deal_href}{id}")>{deal.title.clone()}</a>
                                    <span class="card-amount">{amount_text(deal)}</span>
                                    <span>{party}</span>
                                    <span class="hint">{match deal.owner.as_str() {
                                        "" => deal.close_date.to_string(),
                                        owner => format!("{owner} · {}", deal.close_date),
                                    }}</span>
                                    {stale.then(|| view! { <span class="badge warning">{i18n.text(Msg::Stale)}</span> })}
                                    <label class="move-to">
                                        <span aria-hidden="true">{i18n.text(Msg::MoveTo)}</span>
                                        <select aria-label=i18n.text(Msg::MoveTo)>{options}</select>
                                    </label>
                                </article>
                            </li>
                        }
                    })
                    .collect_view();
                let more = column.count.saturating_sub(limit);
                let heading = format!("stage-{}", stage_id.0);
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
                view! {
                    <section
                        class="board-column"
                        class:won=stage.outcome == StageOutcome::Won
                        class:lost=stage.outcome == StageOutcome::Lost
                        class:drop-target=move || target.get() == Some(stage_id)
                        data-stage=stage_id.0.to_string()
                        aria-labelledby=heading.clone()
                    >
                        <h2 id=heading.clone()>{stage.name.clone()}</h2>
                        <p class="column-summary">{summary}</p>
                        <ul>{cards}</ul>
                        {(more > 0).then(|| view! {
                            <button type="button" class="link-button" on:click=move |_| shown_cards.update(|shown| {
                                shown.retain(|(stage, _)| *stage != stage_id);
                                shown.push((stage_id, limit + CARDS_PER_PAGE));
                            })>
                                {i18n.t(Msg::ShowMoreCards).replace("{count}", &format_count(more.min(CARDS_PER_PAGE) as u64))}
                            </button>
                        })}
                    </section>
                }
            })
            .collect_view();
        if let Some(id) = refocus {
            // A microtask: it runs once this view is mounted and before the next key press is
            // handled, so a second press reaches the moved card.
            spawn_local(async move {
                let document = window().document();
                let lost = document
                    .as_ref()
                    .and_then(|d| d.active_element())
                    .is_none_or(|active| active.tag_name() == "BODY");
                let card = document
                    .and_then(|d| d.get_element_by_id(&format!("deal-card-{id}")))
                    .and_then(|card| card.dyn_into::<web_sys::HtmlElement>().ok());
                if let (true, Some(card)) = (lost, card) {
                    let _ = card.focus();
                }
            });
        }
        Some(view! {
            <div
                class="board"
                role="group"
                aria-label=pipeline.name.clone()
                on:keydown=on_key
                on:pointerdown=move |event: web_sys::PointerEvent| {
                    if event.button() != 0 || on_control(&event) {
                        return;
                    }
                    let Some((card, id, from)) = card_of(&event) else { return };
                    let _ = card.set_pointer_capture(event.pointer_id());
                    drag.set_value(Some(Drag { deal: id, from, x: event.client_x(), y: event.client_y(), moving: false }));
                }
                on:pointermove=move |event: web_sys::PointerEvent| {
                    let Some(mut state) = drag.get_value() else { return };
                    let (dx, dy) = (event.client_x() - state.x, event.client_y() - state.y);
                    if !state.moving && dx.abs() + dy.abs() < 6.0 {
                        return;
                    }
                    state.moving = true;
                    drag.set_value(Some(state));
                    if let Some((card, _, _)) = card_of(&event) {
                        let _ = card.set_attribute("style", &format!("transform:translate({dx}px,{dy}px)"));
                        let _ = card.class_list().add_1("dragging");
                        scroll_near_edge(&card, event.client_x());
                    }
                    let over = column_at(event.client_x(), event.client_y());
                    if target.get_untracked() != over {
                        target.set(over);
                    }
                }
                on:pointerup=move |event: web_sys::PointerEvent| end_drag(&event, true)
                on:pointercancel=move |event: web_sys::PointerEvent| end_drag(&event, false)
                // A card's "Move to" menu.
                on:change=move |event| {
                    let to = event_target_value(&event).parse::<u32>();
                    if let (Some((_, id, _)), Ok(to)) = (card_of(&event), to) {
                        moves.request(id, StageId(to));
                    }
                }
            >
                {view}
            </div>
        })
    };

    let pipeline_options = move || {
        let board = moves.board.get()?;
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
                shown_cards.set(Vec::new());
            }>{pipeline_options}</select>
            <a href=list>{i18n.text(Msg::DealsAsTable)}</a>
        </div>
        <p id="board-keys" class="hint">{i18n.text(Msg::BoardKeysHint)}</p>
        <p role="status" class="visually-hidden">{move || moves.announced.get()}</p>
        {move || moves.problem.get().map(|problem| view! { <p role="alert" class="error">{problem}</p> })}
        {board_view}
        <div class="board-forms">
            <div>
                {new_deal}
                <SaveOutcomeView action=save saved=Msg::SavedDeal/>
            </div>
            <NewPipeline board=moves.board on_created=Callback::new(move |id| chosen.set(Some(id)))/>
            <div class="stage-editor">
                <StageEditor pipeline board=moves.board save=stage_save/>
                <SaveOutcomeView action=stage_save saved=Msg::StagesSaved/>
            </div>
        </div>
    }
}
