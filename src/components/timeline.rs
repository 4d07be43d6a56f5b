//! A record's timeline as a list filterable by kind, and the time and list helpers the record
//! forms share.

use crate::app::use_app_href;
use crate::i18n::{format_money_units, use_i18n, Lang, Msg};
use crate::routes;
use chrono::{DateTime, Utc};
use hearth_domain::timeline::{Entry, EntryKind};
use hearth_domain::ActivityKind;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// A time in the browser's time zone, written the way `lang` writes it.
pub fn local_time(at: DateTime<Utc>, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    String::from(date.to_locale_string(lang.tag(), &JsValue::UNDEFINED))
}

/// The message naming a kind of timeline entry.
pub fn kind_msg(kind: EntryKind) -> Msg {
    match kind {
        EntryKind::Activity(ActivityKind::Note) => Msg::KindNote,
        EntryKind::Activity(ActivityKind::Call) => Msg::KindCall,
        EntryKind::Activity(ActivityKind::Email) => Msg::KindEmail,
        EntryKind::Activity(ActivityKind::Meeting) => Msg::KindMeeting,
        EntryKind::Task => Msg::KindTask,
        EntryKind::Order => Msg::KindOrder,
        EntryKind::Deal => Msg::KindDeal,
        EntryKind::Ticket => Msg::KindTicket,
    }
}

/// The kinds the timeline filter offers, after "Everything".
const TIMELINE_KINDS: [EntryKind; 8] = [
    EntryKind::Activity(ActivityKind::Note),
    EntryKind::Activity(ActivityKind::Call),
    EntryKind::Activity(ActivityKind::Email),
    EntryKind::Activity(ActivityKind::Meeting),
    EntryKind::Task,
    EntryKind::Order,
    EntryKind::Deal,
    EntryKind::Ticket,
];

/// `datetime-local` input text (the browser's time zone) as an instant.
pub fn parse_local_datetime(text: &str) -> Option<DateTime<Utc>> {
    if text.trim().is_empty() {
        return None;
    }
    let millis = js_sys::Date::new(&JsValue::from_str(text)).get_time();
    (millis.is_finite()).then(|| DateTime::from_timestamp_millis(millis as i64))?
}

/// A timeline, newest first, with a filter by kind.
#[component]
pub fn TimelineList(timeline: Memo<Vec<Entry>>) -> impl IntoView {
    let i18n = use_i18n();
    // Orders, deals and tickets have pages of their own: their entries link there.
    let orders = use_app_href(&routes::record_prefix(routes::ORDERS));
    let deals = use_app_href(&routes::record_prefix(routes::DEALS));
    let tickets = use_app_href(&routes::record_prefix(routes::TICKETS));
    let shown_kind = RwSignal::new(None::<EntryKind>);
    let list = move || {
        let lang = i18n.lang.get();
        let kind = shown_kind.get();
        let entries = timeline.get();
        let items: Vec<_> = entries
            .iter()
            .filter(|entry| kind.is_none_or(|kind| entry.kind == kind))
            .map(|entry| {
                let label = kind_msg(entry.kind).text(lang);
                let amount = entry
                    .amount
                    .map(|cents| format_money_units(cents.0.div_euclid(100)));
                let open = entry.open.then(|| Msg::OpenItem.text(lang));
                let page = match entry.kind {
                    EntryKind::Order => Some(&orders),
                    EntryKind::Deal => Some(&deals),
                    EntryKind::Ticket => Some(&tickets),
                    _ => None,
                };
                let title = match page {
                    Some(prefix) => view! { <a href=format!("{prefix}{}", entry.id)>{entry.title.clone()}</a> }.into_any(),
                    None => entry.title.clone().into_any(),
                };
                view! {
                    <li class="timeline-entry">
                        <span class="timeline-kind">{label}</span>
                        <time datetime=entry.at.to_rfc3339()>{local_time(entry.at, lang)}</time>
                        <strong>{title}</strong>
                        {amount.map(|amount| view! { <span class="amount">{amount}</span> })}
                        {open.map(|open| view! { <span class="badge">{open}</span> })}
                        {(!entry.detail.is_empty()).then(|| view! { <p>{entry.detail.clone()}</p> })}
                    </li>
                }
            })
            .collect();
        if items.is_empty() {
            view! { <p class="empty">{i18n.text(Msg::NoTimelineYet)}</p> }.into_any()
        } else {
            view! { <ol class="timeline">{items}</ol> }.into_any()
        }
    };
    view! {
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{i18n.text(Msg::Timeline)}</h2>
            <div class="field inline">
                <label for="timeline-kind">{i18n.text(Msg::ShowKind)}</label>
                <select
                    id="timeline-kind"
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        shown_kind.set(TIMELINE_KINDS.into_iter().find(|k| format!("{k:?}") == chosen));
                    }
                >
                    <option value="all">{i18n.text(Msg::KindAll)}</option>
                    {TIMELINE_KINDS
                        .into_iter()
                        .map(|k| view! { <option value=format!("{k:?}")>{move || i18n.t(kind_msg(k))}</option> })
                        .collect_view()}
                </select>
            </div>
            {list}
        </section>
    }
}
