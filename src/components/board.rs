//! A kanban board of records: a column per stage or status with its summary, a card per record.
//! A card moves to another column by dragging it (pointer events: the mouse anywhere on the
//! card, touch by its handle), by ArrowLeft/ArrowRight while it has focus, or through its "Move
//! to" menu; each move shows at once, is written with check-and-set in turn, and is announced to
//! screen readers. What differs between boards (deals by stage, tickets by status) is their
//! [`BoardRules`] and the lines their cards show.

use crate::components::save_outcome::{apply_outcome, one_change, SaveOutcome};
use crate::i18n::{format_count, store_error_text, use_i18n, I18n, Msg};
use crate::store::Record;
use crate::workspace::{now_utc, use_workspace, Workspace};
use chrono::{DateTime, Utc};
use hearth_domain::Revised;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Cards a column shows before "Show more": a board of thousands of records opens at once.
const CARDS_PER_PAGE: usize = 12;

/// `record` moved to column `to` at `now`, or `None` when it cannot go there.
pub type Mover<R> = Rc<dyn Fn(&R, u32, DateTime<Utc>) -> Option<R>>;

/// Asks for card `id` to move to column `to`: the page knows the record and the column's name.
pub type MoveRequest = Arc<dyn Fn(u32, u32) + Send + Sync>;

/// What one kind of board does with a move.
pub struct BoardRules<R> {
    /// The record as moved to a column.
    pub moved: Mover<R>,
    /// What the live region says of a move: `{card}` and `{column}` replaced.
    pub announce: Msg,
    /// What a move over a revision stored meanwhile by someone else says.
    pub changed_elsewhere: Msg,
}

/// A move asked for: the record, the column, and the record as the board showed it then.
struct Move<R> {
    id: u32,
    to: u32,
    shown: R,
}

/// A board's moves: shown at once, written one after another (a card moved twice quickly is
/// written twice, each over the revision before it), forgotten once the data read back holds
/// them. Event handlers run outside the page's reactive owner: the contexts are kept here.
pub struct BoardMoves<R: 'static> {
    rules: StoredValue<BoardRules<R>, LocalStorage>,
    /// Where a card shows until the data read back holds its move.
    pending: RwSignal<Vec<(u32, u32)>>,
    queue: StoredValue<Vec<Move<R>>, LocalStorage>,
    writing: StoredValue<bool>,
    /// The record whose move is being written.
    writing_now: StoredValue<Option<u32>>,
    /// The copy of each record this board last stored, one revision up: the next move writes
    /// over it.
    written: StoredValue<Vec<R>, LocalStorage>,
    /// What the live region says.
    announced: RwSignal<String>,
    /// What went wrong, shown as an alert.
    pub problem: RwSignal<Option<String>>,
    /// How many cards each column shows, when more than [`CARDS_PER_PAGE`].
    shown_cards: RwSignal<Vec<(u32, usize)>>,
    workspace: Workspace,
    i18n: I18n,
}

impl<R> Clone for BoardMoves<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for BoardMoves<R> {}

impl<R: Record + Revised + Clone + 'static> BoardMoves<R> {
    /// A board's moves under `rules`.
    pub fn new(rules: BoardRules<R>) -> BoardMoves<R> {
        BoardMoves {
            rules: StoredValue::new_local(rules),
            pending: RwSignal::new(Vec::new()),
            queue: StoredValue::new_local(Vec::new()),
            writing: StoredValue::new(false),
            writing_now: StoredValue::new(None),
            written: StoredValue::new_local(Vec::new()),
            announced: RwSignal::new(String::new()),
            problem: RwSignal::new(None),
            shown_cards: RwSignal::new(Vec::new()),
            workspace: use_workspace(),
            i18n: use_i18n(),
        }
    }

    /// The column card `id` shows in: where it is being moved, else `stored`.
    pub fn column_of(self, id: u32, stored: u32) -> u32 {
        self.pending.with(|pending| {
            pending
                .iter()
                .find(|(moved, _)| *moved == id)
                .map_or(stored, |(_, to)| *to)
        })
    }

    /// Whether card `id` is being moved (it shows first in its column).
    pub fn is_moving(self, id: u32) -> bool {
        self.pending
            .with(|pending| pending.iter().any(|(moved, _)| *moved == id))
    }

    /// How many cards column `column` shows.
    pub fn limit(self, column: u32) -> usize {
        self.shown_cards.with(|shown| {
            shown
                .iter()
                .find(|(at, _)| *at == column)
                .map_or(CARDS_PER_PAGE, |(_, limit)| *limit)
        })
    }

    /// Every column back to its first cards (another pipeline shown).
    pub fn show_first_cards(self) {
        self.shown_cards.set(Vec::new());
    }

    /// `shown` as this board last wrote it, when that is newer.
    fn latest(self, shown: R) -> R {
        let written = self.written.with_value(|written| {
            written
                .iter()
                .find(|record| record.key() == shown.key())
                .cloned()
        });
        match written {
            Some(written) if written.revision() > shown.revision() => written,
            _ => shown,
        }
    }

    /// Moves `record` (as the board shows it) to column `to`, named `column`: shown at once,
    /// stored in turn.
    pub fn request(self, record: &R, title: &str, to: u32, column: &str) {
        let id = record.key();
        // The write is started before the board is drawn again: the database works on it while
        // the page redraws.
        self.queue.update_value(|queue| {
            queue.push(Move {
                id,
                to,
                shown: record.clone(),
            })
        });
        if !self.writing.get_value() {
            self.writing.set_value(true);
            spawn_local(self.drain());
        }
        self.pending.update(|pending| {
            pending.retain(|(moved, _)| *moved != id);
            pending.push((id, to));
        });
        self.problem.set(None);
        let announce = self.rules.with_value(|rules| rules.announce);
        self.announced.set(
            self.i18n
                .t(announce)
                .replace("{card}", title)
                .replace("{column}", column),
        );
    }

    async fn drain(self) {
        let i18n = self.i18n;
        loop {
            let next = self
                .queue
                .try_update_value(|queue| (!queue.is_empty()).then(|| queue.remove(0)));
            let Some(Move { id, to, shown }) = next.flatten() else {
                break;
            };
            let record = self.latest(shown);
            let moved = self.rules.with_value(|rules| rules.moved.clone());
            let Some(mut moved) = moved(&record, to, now_utc()) else {
                continue;
            };
            self.writing_now.set_value(Some(id));
            let outcome = apply_outcome(
                self.workspace.store(),
                one_change(|changes| changes.put(&moved)),
            )
            .await;
            self.writing_now.set_value(None);
            let problem = match outcome {
                SaveOutcome::Saved => {
                    moved.set_revision(moved.revision() + 1);
                    self.written.update_value(|written| {
                        written.retain(|record| record.key() != id);
                        written.push(moved);
                    });
                    continue;
                }
                SaveOutcome::Conflict => {
                    let changed = self.rules.with_value(|rules| rules.changed_elsewhere);
                    i18n.t(changed).to_string()
                }
                SaveOutcome::Failed(error) => store_error_text(&error, i18n.lang.get_untracked()),
                // A stored record the rules refuse (an old import): say which field and why.
                SaveOutcome::Invalid(errors) => errors
                    .iter()
                    .map(|error| {
                        let field = Msg::for_field(&error.field)
                            .map_or(error.field.clone(), |msg| i18n.t(msg).to_string());
                        format!("{field} {}", i18n.t(Msg::for_problem(&error.problem)))
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

    /// Whether a move of record `id` waits in the queue or is being written.
    fn unwritten(self, id: u32) -> bool {
        self.writing_now.get_value() == Some(id)
            || self
                .queue
                .with_value(|queue| queue.iter().any(|queued| queued.id == id))
    }

    /// Forgets the moves the data read back already holds: those whose stored revision
    /// (`stored_revision` of a record's id, `None` once it is gone) is the one this board wrote.
    pub fn settle(self, stored_revision: impl Fn(u32) -> Option<u64>) {
        self.written.with_value(|written| {
            self.pending.update(|pending| {
                pending.retain(|(id, _)| {
                    if self.unwritten(*id) {
                        return true;
                    }
                    let wrote = written.iter().find(|record| record.key() == *id);
                    match (stored_revision(*id), wrote) {
                        (Some(stored), Some(record)) => record.revision() > stored,
                        (_, None) => true,
                        (None, Some(_)) => false,
                    }
                })
            })
        });
    }
}

/// A column as a board draws it.
pub struct BoardColumn {
    /// What its cards move to (a stage's id, a status's number).
    pub id: u32,
    /// Its heading.
    pub name: String,
    /// The line under its heading (count, total).
    pub summary: String,
    /// A class that colours it (`"won"`, `"lost"`), if any.
    pub tone: Option<&'static str>,
    /// How many cards it holds, shown or not.
    pub count: usize,
    /// The cards it shows, at most [`BoardMoves::limit`] of it, in order.
    pub cards: Vec<BoardCard>,
}

/// A card as a board draws it.
pub struct BoardCard {
    /// Its record's id.
    pub id: u32,
    /// Its title, a link to the record's page.
    pub title: String,
    /// The record page's address.
    pub href: String,
    /// Drawn with a warning edge (a stale deal, a breached ticket).
    pub flagged: bool,
    /// The lines under the title.
    pub lines: AnyView,
}

/// A drag under way: which card, from where the pointer went down, and whether it moved yet.
#[derive(Clone, Copy)]
struct Drag {
    card: u32,
    from: u32,
    x: f64,
    y: f64,
    moving: bool,
}

/// The column a column's element names in its `data-column`.
fn column_named_by(column: &web_sys::Element) -> Option<u32> {
    column.get_attribute("data-column")?.parse().ok()
}

/// The column under the point.
fn column_at(x: f64, y: f64) -> Option<u32> {
    let document = window().document()?;
    document
        .elements_from_point(x as f32, y as f32)
        .iter()
        .filter_map(|element| element.dyn_into::<web_sys::Element>().ok())
        .find_map(|element| column_named_by(&element))
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

/// The card an event happened in, its record's id and the column it is drawn in. The board
/// handles its cards' events itself (one set of handlers, not one per card), so the card is
/// found from the event's target.
fn card_of(event: &web_sys::Event) -> Option<(web_sys::Element, u32, u32)> {
    let card = event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(".board-card")
        .ok()
        .flatten()?;
    let id = card.id().strip_prefix("card-")?.parse().ok()?;
    let column = column_named_by(&card.closest("[data-column]").ok().flatten()?)?;
    Some((card, id, column))
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

/// The id of the card that has the focus, if one has.
fn focused_card() -> Option<u32> {
    let active = window().document()?.active_element()?;
    active
        .class_list()
        .contains("board-card")
        .then(|| active.id().strip_prefix("card-")?.parse().ok())?
}

/// Focuses card `id` once it is drawn, unless the user focused something else meanwhile.
fn focus_card_when_drawn(id: u32) {
    // A microtask: it runs once the view is mounted and before the next key press is handled,
    // so a second press reaches the moved card.
    spawn_local(async move {
        let document = window().document();
        let lost = document
            .as_ref()
            .and_then(|d| d.active_element())
            .is_none_or(|active| active.tag_name() == "BODY");
        let card = document
            .and_then(|d| d.get_element_by_id(&format!("card-{id}")))
            .and_then(|card| card.dyn_into::<web_sys::HtmlElement>().ok());
        if let (true, Some(card)) = (lost, card) {
            let _ = card.focus();
        }
    });
}

/// The live region announcing moves and the alert of a move that failed: beside the board.
pub fn board_messages<R: Record + Revised + Clone + 'static>(
    moves: BoardMoves<R>,
) -> impl IntoView {
    view! {
        <p role="status" class="visually-hidden">{move || moves.announced.get()}</p>
        {move || moves.problem.get().map(|problem| view! { <p role="alert" class="error">{problem}</p> })}
    }
}

/// The board labelled `label` with `columns`; `request` asks for card `id` to move to column
/// `to` (the page knows the record and the column's name). Cards are found by the id the board
/// gives them (`card-{id}`), so one board is drawn on a page at a time.
pub fn board_view<R: Record + Revised + Clone + 'static>(
    moves: BoardMoves<R>,
    label: String,
    columns: Vec<BoardColumn>,
    request: MoveRequest,
) -> impl IntoView {
    let i18n = use_i18n();
    let drag = StoredValue::new(None::<Drag>);
    let target = RwSignal::new(None::<u32>);
    let order: Vec<u32> = columns.iter().map(|column| column.id).collect();
    let choices: Vec<(u32, String)> = columns
        .iter()
        .map(|column| (column.id, column.name.clone()))
        .collect();

    let end_drag = {
        let request = request.clone();
        move |event: &web_sys::PointerEvent, commit: bool| {
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
                    request(state.card, to);
                }
            }
        }
    };
    let end_cancel = end_drag.clone();

    // ArrowLeft/ArrowRight on a focused card moves it to the column before or after its own.
    let on_key = {
        let request = request.clone();
        move |event: web_sys::KeyboardEvent| {
            let by: isize = match event.key().as_str() {
                "ArrowLeft" => -1,
                "ArrowRight" => 1,
                _ => return,
            };
            // Keys typed in the card's menu are the menu's.
            let own = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|t| t.class_list().contains("board-card"));
            let Some((_, id, from)) = card_of(&event).filter(|_| own) else {
                return;
            };
            event.prevent_default();
            let to = order
                .iter()
                .position(|column| *column == from)
                .and_then(|at| at.checked_add_signed(by))
                .and_then(|at| order.get(at));
            if let Some(&to) = to {
                request(id, to);
            }
        }
    };
    let on_menu = request;

    // The board is drawn anew on every change (a move, the data read back, another tab's
    // write): the card that had the focus gets it back.
    if let Some(id) = focused_card() {
        focus_card_when_drawn(id);
    }
    let columns = columns
        .into_iter()
        .map(|column| {
            let column_id = column.id;
            let limit = moves.limit(column_id);
            let more = column.count.saturating_sub(limit);
            let heading = format!("column-{column_id}");
            let cards = column
                .cards
                .into_iter()
                .map(|card| {
                    let label = card.title.clone();
                    let options = choices
                        .iter()
                        .map(|(choice, name)| {
                            view! { <option value=choice.to_string() selected=*choice == column_id>{name.clone()}</option> }
                        })
                        .collect_view();
                    view! {
                        <li>
                            <article
                                class="board-card"
                                class:flagged=card.flagged
                                id=format!("card-{}", card.id)
                                tabindex="0"
                                aria-label=label
                                aria-describedby="board-keys"
                            >
                                <span class="drag-handle" aria-hidden="true">"⠿"</span>
                                <a href=card.href>{card.title}</a>
                                {card.lines}
                                <label class="move-to">
                                    <span aria-hidden="true">{i18n.text(Msg::MoveTo)}</span>
                                    <select aria-label=i18n.text(Msg::MoveTo)>{options}</select>
                                </label>
                            </article>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section
                    class=format!("board-column {}", column.tone.unwrap_or_default())
                    class:drop-target=move || target.get() == Some(column_id)
                    data-column=column_id.to_string()
                    aria-labelledby=heading.clone()
                >
                    <h2 id=heading.clone()>{column.name}</h2>
                    <p class="column-summary">{column.summary}</p>
                    <ul>{cards}</ul>
                    {(more > 0).then(|| view! {
                        <button type="button" class="link-button" on:click=move |_| moves.shown_cards.update(|shown| {
                            shown.retain(|(at, _)| *at != column_id);
                            shown.push((column_id, limit + CARDS_PER_PAGE));
                        })>
                            {i18n.t(Msg::ShowMoreCards).replace("{count}", &format_count(more.min(CARDS_PER_PAGE) as u64))}
                        </button>
                    })}
                </section>
            }
        })
        .collect_view();

    view! {
        <div
            class="board"
            role="group"
            aria-label=label
            on:keydown=on_key
            on:pointerdown=move |event: web_sys::PointerEvent| {
                if event.button() != 0 || on_control(&event) {
                    return;
                }
                let Some((card, id, from)) = card_of(&event) else { return };
                let _ = card.set_pointer_capture(event.pointer_id());
                drag.set_value(Some(Drag { card: id, from, x: event.client_x(), y: event.client_y(), moving: false }));
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
            on:pointercancel=move |event: web_sys::PointerEvent| end_cancel(&event, false)
            // A card's "Move to" menu.
            on:change=move |event| {
                let to = event_target_value(&event).parse::<u32>();
                if let (Some((_, id, _)), Ok(to)) = (card_of(&event), to) {
                    on_menu(id, to);
                }
            }
        >
            {columns}
        </div>
    }
}
