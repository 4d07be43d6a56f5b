//! Likely duplicate people and the field-by-field merge of a pair.

use crate::app::{use_app_href, use_page_title};
use crate::components::choice::lifecycle_msg;
use crate::i18n::{format_count, store_error_text, use_i18n, Lang, Msg};
use crate::routes;
use crate::store::{StoreError, StoreName};
use crate::workspace::{now_utc, use_workspace, LastAction, Undo};
use hearth_domain::duplicates::{self, DuplicatePair, MergeField, Reason};
use hearth_domain::{Company, Person};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Everyone, by id, with company names, and the pairs found among them.
struct Found {
    people: HashMap<u32, Person>,
    companies: HashMap<u32, String>,
    pairs: Vec<DuplicatePair>,
}

fn field_msg(field: MergeField) -> Msg {
    match field {
        MergeField::FirstName => Msg::FirstName,
        MergeField::LastName => Msg::LastName,
        MergeField::Company => Msg::Company,
        MergeField::JobTitle => Msg::JobTitle,
        MergeField::Lifecycle => Msg::Lifecycle,
        MergeField::Source => Msg::Source,
        MergeField::Owner => Msg::Owner,
        MergeField::Address => Msg::Address,
        MergeField::Notes => Msg::Notes,
    }
}

/// What a person holds in `field`, as the merge form shows it.
fn field_text(
    person: &Person,
    field: MergeField,
    companies: &HashMap<u32, String>,
    lang: Lang,
) -> String {
    match field {
        MergeField::FirstName => person.first_name.clone(),
        MergeField::LastName => person.last_name.clone(),
        MergeField::Company => person
            .company_id
            .and_then(|id| companies.get(&id.0).cloned())
            .unwrap_or_default(),
        MergeField::JobTitle => person.job_title.clone(),
        MergeField::Lifecycle => lifecycle_msg(person.lifecycle).text(lang).to_string(),
        MergeField::Source => person.source.clone(),
        MergeField::Owner => person.owner.clone(),
        MergeField::Address => {
            let a = &person.address;
            [&a.street, &a.city, &a.region, &a.postal_code, &a.country]
                .into_iter()
                .filter(|part| !part.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        }
        MergeField::Notes => person.notes.clone(),
    }
}

fn reason_text(reason: &Reason, lang: Lang) -> String {
    match reason {
        Reason::SameEmail(email) => format!("{} ({email})", Msg::ReasonSameEmail.text(lang)),
        Reason::SamePhone(phone) => format!("{} ({phone})", Msg::ReasonSamePhone.text(lang)),
        Reason::SameNameAndCompany => Msg::ReasonSameName.text(lang).to_string(),
    }
}

/// The page at `/duplicates`.
#[component]
pub fn DuplicatesPage() -> impl IntoView {
    use_page_title(Msg::Duplicates);
    let i18n = use_i18n();
    let workspace = use_workspace();
    let found = LocalResource::new(move || {
        workspace.track(&[StoreName::People, StoreName::Companies]);
        let store = workspace.store();
        async move {
            let Some(store) = store else {
                return Ok(Arc::new(Found {
                    people: HashMap::new(),
                    companies: HashMap::new(),
                    pairs: Vec::new(),
                }));
            };
            let people = store
                .all::<Person>()
                .await
                .map_err(|e| store_error_text(&e, i18n.lang.get_untracked()))?;
            let companies = store
                .all::<Company>()
                .await
                .map_err(|e| store_error_text(&e, i18n.lang.get_untracked()))?;
            let pairs = duplicates::find(&people);
            Ok::<_, String>(Arc::new(Found {
                people: people.into_iter().map(|p| (p.id.0, p)).collect(),
                companies: companies.into_iter().map(|c| (c.id.0, c.name)).collect(),
                pairs,
            }))
        }
    });
    let open_pair = RwSignal::new(None::<(u32, u32)>);
    view! {
        <h1>{i18n.text(Msg::Duplicates)}</h1>
        <p class="lead">{i18n.text(Msg::DuplicatesHint)}</p>
        {move || match found.get() {
            None => view! { <p>{i18n.text(Msg::Loading)}</p> }.into_any(),
            Some(Err(error)) => view! { <p role="alert">{i18n.text(Msg::ErrorPrefix)} " " {error.clone()}</p> }.into_any(),
            Some(Ok(found)) if found.pairs.is_empty() => view! { <p class="empty">{i18n.text(Msg::NoDuplicates)}</p> }.into_any(),
            Some(Ok(found)) => view! { <PairList found open_pair/> }.into_any(),
        }}
    }
}

#[component]
fn PairList(found: Arc<Found>, open_pair: RwSignal<Option<(u32, u32)>>) -> impl IntoView {
    let i18n = use_i18n();
    let person_href = use_app_href(&routes::record_prefix(routes::CUSTOMERS));
    let lang = i18n.lang.get_untracked();
    let count = i18n
        .t(Msg::PairCount)
        .replace("{count}", &format_count(found.pairs.len() as u64));
    let items = found
        .pairs
        .iter()
        .filter_map(|pair| {
            let (a, b) = (found.people.get(&pair.first.0)?, found.people.get(&pair.second.0)?);
            let key = (pair.first.0, pair.second.0);
            let reasons = pair.reasons.iter().map(|r| reason_text(r, lang)).collect::<Vec<_>>().join("; ");
            let found = found.clone();
            Some(view! {
                <li class="pair">
                    <a href=format!("{person_href}{}", a.id.0)>{a.display_name()}</a>
                    " ↔ "
                    <a href=format!("{person_href}{}", b.id.0)>{b.display_name()}</a>
                    <span class="hint">{reasons}</span>
                    <button type="button" aria-expanded=move || (open_pair.get() == Some(key)).to_string() on:click=move |_| open_pair.set(Some(key))>
                        {i18n.text(Msg::MergeEllipsis)}
                    </button>
                    <Show when=move || open_pair.get() == Some(key)>
                        <MergeForm found=found.clone() first=key.0 second=key.1/>
                    </Show>
                </li>
            })
        })
        .collect_view();
    view! {
        <p>{count}</p>
        <ul class="pairs">{items}</ul>
    }
}

#[component]
fn MergeForm(found: Arc<Found>, first: u32, second: u32) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let (Some(a), Some(b)) = (
        found.people.get(&first).cloned(),
        found.people.get(&second).cloned(),
    ) else {
        return ().into_any();
    };
    // The older record is kept unless the user picks the other.
    let keep_first = RwSignal::new(true);
    let fields = duplicates::differing_fields(&a, &b);
    let from_other = RwSignal::new(Vec::<MergeField>::new());
    let merge = Action::new_local({
        let (a, b) = (a.clone(), b.clone());
        move |_: &()| {
            let (survivor, other) = if keep_first.get_untracked() {
                (a.clone(), b.clone())
            } else {
                (b.clone(), a.clone())
            };
            let (from_other, store) = (from_other.get_untracked(), workspace.store());
            async move {
                let store = store.ok_or_else(|| {
                    store_error_text(&StoreError::NotOpen, i18n.lang.get_untracked())
                })?;
                let now = now_utc();
                let batch = now.timestamp_millis() as u64;
                let moved = store
                    .merge_people(&survivor, &other, &from_other, now, batch)
                    .await
                    .map_err(|e| store_error_text(&e, i18n.lang.get_untracked()))?;
                // Undo expects the survivor as the merge stored it: one revision up.
                let survivor = Person {
                    revision: survivor.revision + 1,
                    ..survivor
                };
                workspace.done(LastAction {
                    label: Msg::DoneMerged,
                    count: 2,
                    undo: Undo::Unmerge {
                        survivor: Box::new(survivor),
                        moved,
                        batch,
                    },
                });
                Ok::<(), String>(())
            }
        }
    });
    let side_label = |person: &Person| format!("{} (#{})", person.display_name(), person.id.0);
    let rows = fields
        .into_iter()
        .map(|field| {
            let lang = i18n.lang.get_untracked();
            let (text_a, text_b) = (field_text(&a, field, &found.companies, lang), field_text(&b, field, &found.companies, lang));
            let name = format!("merge-{first}-{second}-{field:?}");
            // A value is "the other's" when it comes from the record not kept.
            let takes_b = move || {
                let from_other = from_other.get().contains(&field);
                keep_first.get() == from_other
            };
            let choose = move |take_b: bool| {
                let from_other_side = keep_first.get_untracked() == take_b;
                from_other.update(|list| {
                    list.retain(|f| *f != field);
                    if from_other_side {
                        list.push(field);
                    }
                });
            };
            view! {
                <fieldset class="merge-field">
                    <legend>{move || i18n.t(field_msg(field))}</legend>
                    <label class="choice">
                        <input type="radio" name=name.clone() prop:checked=move || !takes_b() on:change=move |_| choose(false)/>
                        {text_a}
                    </label>
                    <label class="choice">
                        <input type="radio" name=name prop:checked=takes_b on:change=move |_| choose(true)/>
                        {text_b}
                    </label>
                </fieldset>
            }
        })
        .collect_view();
    let keep_name = format!("keep-{first}-{second}");
    view! {
        <section class="card merge" aria-label=i18n.text(Msg::MergeTitle)>
            <p class="hint">{i18n.text(Msg::MergeHint)}</p>
            <fieldset class="merge-field">
                <legend>{i18n.text(Msg::KeepRecord)}</legend>
                <label class="choice">
                    <input type="radio" name=keep_name.clone() prop:checked=move || keep_first.get() on:change=move |_| { keep_first.set(true); from_other.set(Vec::new()); }/>
                    {side_label(&a)}
                </label>
                <label class="choice">
                    <input type="radio" name=keep_name prop:checked=move || !keep_first.get() on:change=move |_| { keep_first.set(false); from_other.set(Vec::new()); }/>
                    {side_label(&b)}
                </label>
            </fieldset>
            {rows}
            <button type="button" disabled=move || merge.pending().get() on:click=move |_| { merge.dispatch(()); }>
                {i18n.text(Msg::MergeNow)}
            </button>
            {move || merge.value().get().and_then(Result::err).map(|reason| view! {
                <p role="alert" class="errors">{i18n.text(Msg::ErrorPrefix)} " " {reason.clone()}</p>
            })}
        </section>
    }
    .into_any()
}
