//! The tickets page: how many tickets the workspace has, a form to open one, and the list of them
//! with quick search, filters, saved views, bulk assign and status, and export, all from the
//! ticket's field table.

use crate::app::use_page_title;
use crate::components::count_card::CountCard;
use crate::components::record_form::RecordForm;
use crate::components::record_list::{record_list, ListKind, RowOf};
use crate::components::save_outcome::{use_save, SaveOutcomeView};
use crate::i18n::{use_i18n, Msg};
use crate::routes;
use crate::sla::ServiceLevels;
use crate::store::{Store, StoreName, StoreResult};
use crate::workspace::{now_utc, use_workspace};
use hearth_domain::entity::{sla_state_key, Entity as _, EntityRow, Places, TicketJoined};
use hearth_domain::list::{Condition, Field, Filter, ListQuery, Operator};
use hearth_domain::sla::ClockState;
use hearth_domain::Ticket;
use leptos::prelude::*;
use std::rc::Rc;

/// The list of tickets.
#[derive(Debug, Clone, Copy)]
pub struct Tickets;

impl ListKind for Tickets {
    type Entity = Ticket;
    const STORES: &'static [StoreName] = &[
        StoreName::Tickets,
        StoreName::People,
        StoreName::Companies,
        StoreName::CustomFields,
        StoreName::Meta,
    ];
    const LIST_PATH: &'static str = routes::TICKETS;
    const DOM_ID: &'static str = "tickets";
    const HEADING: Msg = Msg::AllTickets;
    const TABLE_LABEL: Msg = Msg::TicketsTable;
    const SEARCH_LABEL: Msg = Msg::SearchTickets;
    const SEARCH_HINT: Msg = Msg::SearchTicketsHint;
    const SHOWING: Msg = Msg::ShowingTickets;
    const SELECT_ALL: Msg = Msg::SelectAllMatchingTickets;
    const BULK_ACTIONS: Msg = Msg::BulkActionsTickets;
    const EMPTY: Msg = Msg::NoTicketsYet;
    // Clocks move: a list opened a minute later reads them again.
    const FRESH_FOR_MS: Option<f64> = Some(60_000.0);

    async fn load(store: Rc<Store>) -> StoreResult<Vec<RowOf<Tickets>>> {
        rows(&store, store.all::<Ticket>().await?).await
    }

    async fn load_preview(store: Rc<Store>, limit: usize) -> StoreResult<Vec<RowOf<Tickets>>> {
        rows(&store, store.newest::<Ticket>(limit).await?).await
    }

    async fn load_ids(store: Rc<Store>, ids: &[u32]) -> StoreResult<Vec<RowOf<Tickets>>> {
        rows(&store, store.get_many::<Ticket>(ids).await?).await
    }
}

impl Tickets {
    /// The list's query showing the tickets that missed a target: where the dashboard leads.
    pub fn breached() -> ListQuery {
        ListQuery {
            filter: Filter {
                conditions: vec![Condition {
                    field: Field::builtin("sla"),
                    operator: Operator::Is,
                    value: sla_state_key(ClockState::Breached).to_string(),
                }],
                ..Filter::default()
            },
            ..ListQuery::default()
        }
    }
}

/// The rows of `tickets`, joined with their requesters' and companies' names and their clocks
/// at this moment under the workspace's service levels.
async fn rows(store: &Store, tickets: Vec<Ticket>) -> StoreResult<Vec<RowOf<Tickets>>> {
    let levels = ServiceLevels::read(store).await?;
    rows_under(store, tickets, &levels).await
}

/// [`rows`] under service levels already read.
pub(crate) async fn rows_under(
    store: &Store,
    tickets: Vec<Ticket>,
    levels: &ServiceLevels,
) -> StoreResult<Vec<RowOf<Tickets>>> {
    let names = store
        .party_names(tickets.iter().filter_map(|t| t.person_id.map(|id| id.0)))
        .await?;
    let now = now_utc();
    Ok(tickets
        .into_iter()
        .map(|ticket| {
            let (customer, company) = names.of(
                ticket.person_id.map(|id| id.0),
                ticket.company_id.map(|id| id.0),
            );
            let clocks = Some(levels.clocks(&ticket, now));
            EntityRow::new(
                ticket,
                TicketJoined {
                    customer,
                    company,
                    clocks,
                },
            )
        })
        .collect())
}

/// The page at `/tickets`.
#[component]
pub fn TicketsPage() -> impl IntoView {
    use_page_title(Msg::NavTickets);
    let i18n = use_i18n();
    let counts = use_workspace().counts();
    let save = use_save::<Ticket>(true);
    view! {
        <h1>{i18n.text(Msg::NavTickets)}</h1>
        <div class="count-grid">
            <CountCard label=Msg::Tickets store=StoreName::Tickets counts/>
        </div>
        <RecordForm base=Ticket::blank(now_utc()) place=Places::CREATE id="new-ticket" heading=Msg::NewTicket save clear_after_save=true/>
        <SaveOutcomeView action=save saved=Msg::SavedTicket/>
        {record_list::<Tickets>()}
    }
}
