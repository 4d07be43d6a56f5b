//! The ticket board (`/ticket-board`): a column per status, a card per ticket (subject,
//! requester and company, priority, assignee, service level), moved as every board moves its
//! cards ([`crate::components::board`]). A move is a status change in the ticket's history, by
//! the user, as a change made on its page is. Its rows are the tickets list's, from the list
//! cache: the board and the list read the tickets once between them.

use crate::app::{use_app_href, use_page_title};
use crate::components::board::{
    board_messages, board_view, BoardCard, BoardColumn, BoardMoves, BoardRules, MoveRequest,
};
use crate::components::record_list::{ListCache, ListData, ListKind, RowOf};
use crate::i18n::{format_count, key_text, use_i18n, Msg};
use crate::pages::service::tickets::Tickets;
use crate::routes;
use crate::settings::load_user_name;
use crate::workspace::use_workspace;
use hearth_domain::entity::{
    sla_state_key, ticket_priority_key, ticket_status_key, Entity as _, TICKET_STATUSES,
    TICKET_STATUS_KEYS,
};
use hearth_domain::sla::ClockState;
use hearth_domain::{Revised as _, Ticket, TicketStatus};
use leptos::prelude::*;
use std::cmp::Reverse;
use std::rc::Rc;
use std::sync::Arc;

/// The column of `status`: its place in [`TICKET_STATUSES`].
fn column_of(status: TicketStatus) -> u32 {
    TICKET_STATUSES
        .iter()
        .position(|s| *s == status)
        .unwrap_or(0) as u32
}

/// The page at `/ticket-board`.
#[component]
pub fn TicketBoardPage() -> impl IntoView {
    use_page_title(Msg::NavTicketBoard);
    let i18n = use_i18n();
    let workspace = use_workspace();
    let cache = expect_context::<ListCache>();
    let moves = BoardMoves::new(BoardRules {
        moved: Rc::new(|ticket: &Ticket, to, now| {
            let mut moved = ticket.clone();
            moved.status = *TICKET_STATUSES.get(to as usize)?;
            moved.changed_from(ticket, &load_user_name(), now);
            Some(moved)
        }),
        announce: Msg::MovedTicket,
        changed_elsewhere: Msg::TicketChangedElsewhere,
    });
    let rows = RwSignal::new(None::<Arc<ListData<Tickets>>>);
    let data = LocalResource::new(move || {
        let version = workspace.track(Tickets::STORES);
        async move { cache.list::<Tickets>(workspace, version).await }
    });
    Effect::new(move || match data.get() {
        Some(Ok(read)) => {
            moves.settle(|id| {
                read.rows()
                    .iter()
                    .find(|row| row.record.id.0 == id)
                    .map(|row| row.record.revision())
            });
            rows.set(Some(read));
        }
        Some(Err(error)) => moves.problem.set(Some(error)),
        None => {}
    });
    let ticket_href = use_app_href(&routes::record_prefix(routes::TICKETS));

    // A move asked for by the board: the ticket as shown and its new status's name.
    let request: MoveRequest = Arc::new(move |id, to| {
        let ticket = rows.with_untracked(|rows| {
            rows.as_ref()?
                .rows()
                .iter()
                .find(|row| row.record.id.0 == id)
                .map(|row| row.record.clone())
        });
        let (Some(ticket), Some(status)) = (ticket, TICKET_STATUSES.get(to as usize)) else {
            return;
        };
        let name = key_text(ticket_status_key(*status), i18n.lang.get_untracked());
        moves.request(&ticket, &ticket.subject, to, &name);
    });

    let board_columns = move || {
        let rows = rows.get()?;
        let lang = i18n.lang.get();
        let column =
            |row: &RowOf<Tickets>| moves.column_of(row.record.id.0, column_of(row.record.status));
        let pressing = |row: &RowOf<Tickets>| row.joined.clocks.as_ref().map(|c| c.state());
        let mut ordered: Vec<&Arc<RowOf<Tickets>>> = rows.rows().iter().collect();
        // Cards being moved, then the latest changed, first: a card just moved or opened shows
        // at the top of its column, never among the cards behind "Show more".
        let moving = |row: &RowOf<Tickets>| moves.is_moving(row.record.id.0);
        hearth_domain::sort::sort_by_key(&mut ordered, |row| {
            (Reverse(moving(row)), Reverse(row.record.updated_at))
        });
        let columns = TICKET_STATUSES
            .iter()
            .enumerate()
            .map(|(at, status)| {
                let id = at as u32;
                let in_column: Vec<_> = ordered.iter().filter(|row| column(row) == id).collect();
                let cards = in_column
                    .iter()
                    .take(moves.limit(id))
                    .map(|row| {
                        let ticket = &row.record;
                        let state = pressing(row);
                        let parties = [row.joined.customer.as_str(), row.joined.company.as_str()]
                            .into_iter()
                            .filter(|name| !name.is_empty())
                            .collect::<Vec<_>>()
                            .join(" · ");
                        let priority = key_text(ticket_priority_key(ticket.priority), lang);
                        let assignee = match ticket.assignee.as_str() {
                            "" => i18n.t(Msg::Unassigned).to_string(),
                            name => name.to_string(),
                        };
                        let lines = view! {
                            <span>{parties}</span>
                            <span class="hint">{format!("{priority} · {assignee}")}</span>
                            {state.filter(|s| s.urgency() >= ClockState::DueSoon.urgency()).map(|state| view! {
                                <span class="badge warning">{key_text(sla_state_key(state), lang)}</span>
                            })}
                        };
                        BoardCard {
                            id: ticket.id.0,
                            title: ticket.subject.clone(),
                            href: format!("{ticket_href}{}", ticket.id.0),
                            flagged: state == Some(ClockState::Breached),
                            lines: lines.into_any(),
                        }
                    })
                    .collect();
                BoardColumn {
                    id,
                    name: key_text(TICKET_STATUS_KEYS[at], lang),
                    summary: i18n
                        .t(Msg::TicketCount)
                        .replace("{count}", &format_count(in_column.len() as u64)),
                    tone: (!status.is_open()).then_some("lost"),
                    count: in_column.len(),
                    cards,
                }
            })
            .collect();
        Some(board_view(
            moves,
            i18n.t(Msg::NavTicketBoard).to_string(),
            columns,
            request.clone(),
        ))
    };

    let list = use_app_href(routes::TICKETS);
    view! {
        <h1>{i18n.text(Msg::NavTicketBoard)}</h1>
        <div class="board-toolbar">
            <a href=list>{i18n.text(Msg::TicketsAsTable)}</a>
        </div>
        <p id="board-keys" class="hint">{i18n.text(Msg::TicketBoardKeysHint)}</p>
        {board_messages(moves)}
        {move || match data.get() {
            None => Some(view! { <p role="status">{i18n.text(Msg::Loading)}</p> }.into_any()),
            Some(_) => board_columns().map(IntoAny::into_any),
        }}
    }
}
