//! A ticket's page: its details (every list field of its table, custom ones too), the form that
//! works it (status, priority, assignee, satisfaction…), and delete.

use crate::app::{use_app_href, use_page_title};
use crate::components::custom_fields::use_custom_fields;
use crate::components::record_form::RecordForm;
use crate::components::record_page::{
    detail_rows, keep, shaped, use_routed_record, DeleteRecord, Loaded,
};
use crate::components::save_outcome::{use_edit_save, EditOutcomeView};
use crate::i18n::{use_i18n, Msg};
use crate::pages::service::tickets::rows;
use crate::routes;
use crate::store::{Store, StoreName, StoreResult};
use hearth_domain::entity::{Entity, Parties, Places};
use hearth_domain::{Ticket, TrashedRecord};
use leptos::prelude::*;
use std::rc::Rc;

/// A ticket with the names its fields show.
#[derive(Clone)]
struct TicketData {
    ticket: Ticket,
    parties: Parties,
}

const TICKET_PAGE_STORES: &[StoreName] = &[
    StoreName::Tickets,
    StoreName::People,
    StoreName::Companies,
    StoreName::CustomFields,
];

async fn load(store: Rc<Store>, id: u32) -> StoreResult<Option<TicketData>> {
    let Some(ticket) = store.get::<Ticket>(id).await? else {
        return Ok(None);
    };
    Ok(rows(&store, vec![ticket])
        .await?
        .pop()
        .map(|row| TicketData {
            ticket: row.record,
            parties: row.joined,
        }))
}

/// The page at `/tickets/:id`.
#[component]
pub fn TicketPage() -> impl IntoView {
    use_page_title(Msg::Ticket);
    let i18n = use_i18n();
    let data = use_routed_record(TICKET_PAGE_STORES, load);
    let (current, shape) = keep(data, |d: &TicketData| d.ticket.id.0);
    let back = use_app_href(routes::TICKETS);
    view! {
        <p><a href=back>{i18n.text(Msg::BackToTickets)}</a></p>
        {shaped(shape, Msg::TicketNotFound, move |_| view! { <TicketView current/> }.into_any())}
    }
}

#[component]
fn TicketView(current: RwSignal<Loaded<TicketData>>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = move || current.with(|c| c.clone().and_then(Result::ok).flatten());
    let Some(first) = current.with_untracked(|c| c.clone().and_then(Result::ok).flatten()) else {
        return ().into_any();
    };
    let custom_defs = use_custom_fields(Ticket::KIND);
    let details = move || {
        let data = shown()?;
        let defs = custom_defs.get().unwrap_or_default();
        Some(detail_rows(
            &data.ticket,
            &data.parties,
            &defs,
            i18n.lang.get(),
        ))
    };
    let save = use_edit_save(first.ticket.clone());
    let form = move || {
        let base = save.base.get();
        view! { <RecordForm base place=Places::FORM id="edit-ticket" heading=Msg::Edit save=save.action/> }
            .into_any()
    };
    view! {
        <h1>{move || shown().map(|d| d.ticket.subject).unwrap_or_default()}</h1>
        <section class="card" aria-labelledby="ticket-details-heading">
            <h2 id="ticket-details-heading">{i18n.text(Msg::Details)}</h2>
            <dl class="details">{details}</dl>
        </section>
        {form}
        <EditOutcomeView save saved=Msg::SavedChanges/>
        <DeleteRecord
            record=Signal::derive(move || shown().map(|d| TrashedRecord::Ticket(d.ticket)))
            label=Msg::DeleteTicket
            back=routes::TICKETS
        />
    }
    .into_any()
}
