//! A ticket's page: its details (every list field of its table, custom ones too), its service
//! level (the first-response and resolution clocks under its priority's policy in Settings), the form that
//! logs a reply, the form that works it (status, priority, assignee, satisfaction…), its history
//! (every change and reply, who and when), and delete.

use crate::app::{use_app_href, use_page_title};
use crate::components::custom_fields::use_custom_fields;
use crate::components::record_form::RecordForm;
use crate::components::record_page::{
    detail_rows, keep, shaped, use_routed_record, DeleteRecord, Loaded,
};
use crate::components::save_outcome::{use_edit_save, EditOutcomeView};
use crate::i18n::{label_text, use_i18n, Lang, Msg};
use crate::pages::service::tickets::rows_under;
use crate::routes;
use crate::settings::load_user_name;
use crate::sla::{BrowserZone, ServiceLevels};
use crate::store::{Store, StoreName, StoreResult};
use crate::workspace::now_utc;
use hearth_domain::entity::{describe_change, Entity, Label, Places, TicketJoined};
use hearth_domain::sla::{local_time_text, Clock, ClockState, Zone};
use hearth_domain::{Ticket, TicketEvent, TrashedRecord};
use leptos::prelude::*;
use std::rc::Rc;

/// A ticket with the names its fields show, and the zone of the service levels (its times are
/// shown there).
#[derive(Clone)]
struct TicketData {
    ticket: Ticket,
    parties: TicketJoined,
    zone: String,
}

const TICKET_PAGE_STORES: &[StoreName] = &[
    StoreName::Tickets,
    StoreName::People,
    StoreName::Companies,
    StoreName::CustomFields,
    StoreName::Meta,
];

async fn load(store: Rc<Store>, id: u32) -> StoreResult<Option<TicketData>> {
    let Some(ticket) = store.get::<Ticket>(id).await? else {
        return Ok(None);
    };
    let levels = ServiceLevels::read(&store).await?;
    let zone = levels.settings.zone.clone();
    Ok(rows_under(&store, vec![ticket], &levels)
        .await?
        .pop()
        .map(|row| TicketData {
            ticket: row.record,
            parties: row.joined,
            zone,
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
    // The clocks as of the last read of the ticket (every save reads it again).
    let clocks = move || {
        let lang = i18n.lang.get();
        let data = shown()?;
        let zone = BrowserZone::of_setting(&data.zone);
        let clocks = data.parties.clocks?;
        Some(
            [
                (Msg::FirstResponse, clocks.first_response),
                (Msg::Resolution, clocks.resolution),
            ]
            .into_iter()
            .map(|(name, clock)| {
                view! {
                    <dt>{name.text(lang)}</dt>
                    <dd class:error=clock.state == ClockState::Breached>{clock_text(clock, &zone, lang)}</dd>
                }
            })
            .collect_view(),
        )
    };
    let reply = RwSignal::new(String::new());
    let log_reply = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let text = reply.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let mut ticket = save.base.get_untracked();
        ticket.reply(&text, &load_user_name(), now_utc());
        save.action.dispatch(Ok(ticket));
        reply.set(String::new());
    };
    // Resolving asks the customer's rating (optional); a resolved ticket can be opened again.
    let rating = RwSignal::new(None::<u8>);
    let comment = RwSignal::new(String::new());
    let resolve = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut ticket = save.base.get_untracked();
        if ticket.status.is_open() {
            let rated = rating
                .get_untracked()
                .map(|score| (score, comment.get_untracked()));
            ticket.resolve(rated, &load_user_name(), now_utc());
            rating.set(None);
            comment.set(String::new());
        } else {
            ticket.reopen(&load_user_name(), now_utc());
        }
        save.action.dispatch(Ok(ticket));
    };
    let resolution = move || {
        let lang = i18n.lang.get();
        if !save.base.with(|t| t.status.is_open()) {
            return view! {
                <button type="submit" disabled=move || save.action.pending().get()>{Msg::ReopenTicket.text(lang)}</button>
            }
            .into_any();
        }
        view! {
            <fieldset class="rating">
                <legend>{Msg::CustomerRating.text(lang)}</legend>
                {(1..=5u8)
                    .map(|score| view! {
                        <label>
                            <input type="radio" name="ticket-rating" value=score.to_string()
                                prop:checked=move || rating.get() == Some(score)
                                on:change=move |_| rating.set(Some(score))/>
                            {score.to_string()}
                        </label>
                    })
                    .collect_view()}
                <label>
                    <input type="radio" name="ticket-rating" value=""
                        prop:checked=move || rating.get().is_none()
                        on:change=move |_| rating.set(None)/>
                    {Msg::NotRated.text(lang)}
                </label>
            </fieldset>
            <div class="field wide">
                <label for="ticket-rating-comment">{Msg::SatisfactionComment.text(lang)}</label>
                <textarea id="ticket-rating-comment" rows="2" bind:value=comment></textarea>
            </div>
            <button type="submit" disabled=move || save.action.pending().get()>{Msg::ResolveTicket.text(lang)}</button>
        }
        .into_any()
    };
    let history = move || {
        let lang = i18n.lang.get();
        let events = save.base.with(|t| t.history.clone());
        let zone = BrowserZone::of_setting(&shown().map(|data| data.zone).unwrap_or_default());
        if events.is_empty() {
            return view! { <p class="empty">{Msg::NoHistory.text(lang)}</p> }.into_any();
        }
        view! {
            <ol class="ticket-history">
                {events.iter().rev().map(|event| view! { <li>{event_text(event, &zone, lang)}</li> }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <h1>{move || shown().map(|d| d.ticket.subject).unwrap_or_default()}</h1>
        <section class="card" aria-labelledby="ticket-details-heading">
            <h2 id="ticket-details-heading">{i18n.text(Msg::Details)}</h2>
            <dl class="details">{details}</dl>
        </section>
        <section class="card" aria-labelledby="ticket-sla-heading">
            <h2 id="ticket-sla-heading">{i18n.text(Msg::ServiceLevel)}</h2>
            <dl class="details">{clocks}</dl>
        </section>
        <form class="card" on:submit=log_reply aria-labelledby="ticket-reply-heading">
            <h2 id="ticket-reply-heading">{i18n.text(Msg::Reply)}</h2>
            <div class="field wide">
                <label for="ticket-reply">{i18n.text(Msg::ReplyToCustomer)}</label>
                <textarea id="ticket-reply" rows="3" bind:value=reply></textarea>
            </div>
            <button type="submit" disabled=move || save.action.pending().get()>{i18n.text(Msg::LogReply)}</button>
        </form>
        <form class="card" on:submit=resolve aria-labelledby="ticket-resolve-heading">
            <h2 id="ticket-resolve-heading">{i18n.text(Msg::Resolution)}</h2>
            {resolution}
        </form>
        {form}
        <EditOutcomeView save saved=Msg::SavedChanges/>
        <section class="card" aria-labelledby="ticket-history-heading">
            <h2 id="ticket-history-heading">{i18n.text(Msg::History)}</h2>
            {history}
        </section>
        <DeleteRecord
            record=Signal::derive(move || shown().map(|d| TrashedRecord::Ticket(d.ticket)))
            label=Msg::DeleteTicket
            back=routes::TICKETS
        />
    }
    .into_any()
}

/// A clock in words: its state and, where it has one, its due time in `zone`.
fn clock_text(clock: Clock, zone: &impl Zone, lang: Lang) -> String {
    let due = clock.due.map(|due| local_time_text(due, zone));
    let (msg, with_due) = match clock.state {
        ClockState::Running => (Msg::ClockRunning, true),
        ClockState::DueSoon => (Msg::ClockDueSoon, true),
        ClockState::Paused => (Msg::ClockPaused, false),
        ClockState::Met => (Msg::ClockMet, false),
        ClockState::Breached => (Msg::ClockBreached, true),
    };
    match (with_due, due) {
        (true, Some(due)) => format!("{} {due}", msg.text(lang)),
        (true, None) => Msg::ClockNever.text(lang).to_string(),
        (false, _) => msg.text(lang).to_string(),
    }
}

/// A history entry in words: when (in `zone`), who, what changed from what to what.
fn event_text(event: &TicketEvent, zone: &impl Zone, lang: Lang) -> String {
    let (field, from, to) = describe_change(event);
    let word = |label: &Label| match label {
        Label::Text(text) if text.is_empty() => "—".to_string(),
        label => label_text(label, lang),
    };
    let who = match event.by.as_str() {
        "" => Msg::ByNobody.text(lang).to_string(),
        name => name.to_string(),
    };
    let what = match from {
        Some(from) => format!("{} → {}", word(&from), word(&to)),
        None => word(&to),
    };
    format!(
        "{} · {who} · {}: {what}",
        local_time_text(event.at, zone),
        crate::i18n::key_text(field, lang)
    )
}
