//! A deal's page: its details (every list field of its table, custom ones too, its stage and
//! lost reason among them), the form that edits it (the lost reason too), its products (line
//! items like an order's, whose total is its amount), its timeline of activities and tasks with
//! the forms that add to it, and delete.

use crate::app::{use_app_href, use_page_title};
use crate::components::custom_fields::use_custom_fields;
use crate::components::record_form::RecordForm;
use crate::components::record_page::{
    detail_rows, keep, shaped, use_routed_record, DeleteRecord, Loaded,
};
use crate::components::save_outcome::{use_edit_save, EditOutcomeView};
use crate::components::timeline::TimelineList;
use crate::i18n::{use_i18n, Msg};
use crate::pages::contacts::person::{timeline_entries, LogActivity};
use crate::pages::contacts::tasks::NewTaskForm;
use crate::pages::sales::deals::rows;
use crate::pages::sales::lines::{drafts, parse, LineItems};
use crate::routes;
use crate::store::{Store, StoreName, StoreResult, Subject};
use crate::workspace::now_utc;
use hearth_domain::entity::{DealParties, Entity, Places};
use hearth_domain::timeline::Entry;
use hearth_domain::{Deal, FieldError, Problem, Product, StageId, StageOutcome, TrashedRecord};
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;

/// A deal with the names its fields show (its pipeline's stages among them) and its timeline.
#[derive(Clone)]
struct DealData {
    deal: Deal,
    parties: DealParties,
    timeline: Vec<Entry>,
    /// The catalogue its products choose from.
    products: Arc<Vec<Product>>,
}

/// What a deal's page reads from.
const DEAL_PAGE_STORES: &[StoreName] = &[
    StoreName::Deals,
    StoreName::Pipelines,
    StoreName::People,
    StoreName::Companies,
    StoreName::Activities,
    StoreName::Tasks,
    StoreName::Products,
    StoreName::CustomFields,
];

async fn load(store: Rc<Store>, id: u32) -> StoreResult<Option<DealData>> {
    let Some(deal) = store.get::<Deal>(id).await? else {
        return Ok(None);
    };
    let records = store.timeline_of(Subject::Deal(deal.id)).await?;
    let Some(row) = rows(&store, vec![deal]).await?.pop() else {
        return Ok(None);
    };
    Ok(Some(DealData {
        deal: row.record,
        parties: row.joined,
        timeline: timeline_entries(&records),
        products: Arc::new(store.all::<Product>().await?),
    }))
}

/// The page at `/deals/:id`.
#[component]
pub fn DealPage() -> impl IntoView {
    use_page_title(Msg::Deal);
    let i18n = use_i18n();
    let data = use_routed_record(DEAL_PAGE_STORES, load);
    let (current, shape) = keep(data, |d: &DealData| d.deal.id.0);
    let back = use_app_href(routes::DEALS);
    view! {
        <p><a href=back>{i18n.text(Msg::BackToDeals)}</a></p>
        {shaped(shape, Msg::DealNotFound, move |_| view! { <DealView current/> }.into_any())}
    }
}

#[component]
fn DealView(current: RwSignal<Loaded<DealData>>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = move || current.with(|c| c.clone().and_then(Result::ok).flatten());
    let Some(first) = current.with_untracked(|c| c.clone().and_then(Result::ok).flatten()) else {
        return ().into_any();
    };
    let custom_defs = use_custom_fields(Deal::KIND);
    let details = move || {
        let data = shown()?;
        let defs = custom_defs.get().unwrap_or_default();
        Some(detail_rows(
            &data.deal,
            &data.parties,
            &defs,
            i18n.lang.get(),
        ))
    };
    let save = use_edit_save(first.deal.clone());
    let form = move || {
        let base = save.base.get();
        view! { <RecordForm base place=Places::FORM id="edit-deal" heading=Msg::Edit save=save.action/> }
            .into_any()
    };
    let timeline = Memo::new(move |_| shown().map(|d| d.timeline).unwrap_or_default());
    let stages = Memo::new(move |_| {
        shown()
            .map(|d| d.parties.stages.to_vec())
            .unwrap_or_default()
    });
    let chosen = RwSignal::new(first.deal.stage_id);
    let reason = RwSignal::new(String::new());
    let chosen_outcome = move || {
        stages.with(|stages| {
            stages
                .iter()
                .find(|s| s.id == chosen.get())
                .map(|s| s.outcome)
        })
    };
    let move_deal = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let stage = stages.with_untracked(|stages| {
            stages
                .iter()
                .find(|s| s.id == chosen.get_untracked())
                .cloned()
        });
        if let Some(stage) = stage {
            let mut moved = save.base.get_untracked().moved_to(&stage, now_utc());
            if stage.outcome == StageOutcome::Lost && !reason.get_untracked().trim().is_empty() {
                moved.lost_reason = reason.get_untracked().trim().to_string();
            }
            save.action.dispatch(Ok(moved));
        }
    };
    let stage_form = view! {
        <form class="card" on:submit=move_deal aria-labelledby="deal-stage-heading">
            <h2 id="deal-stage-heading">{i18n.text(Msg::Stage)}</h2>
            <div class="field">
                <label for="deal-stage">{i18n.text(Msg::MoveTo)}</label>
                <select id="deal-stage" on:change=move |event| {
                    if let Ok(id) = event_target_value(&event).parse::<u32>() {
                        chosen.set(StageId(id));
                    }
                }>
                    {move || stages.get().into_iter().map(|stage| view! {
                        <option value=stage.id.0.to_string() selected=stage.id == save.base.with(|d| d.stage_id)>{stage.name}</option>
                    }).collect_view()}
                </select>
            </div>
            {move || (chosen_outcome() == Some(StageOutcome::Lost)).then(|| view! {
                <div class="field">
                    <label for="deal-lost-reason">{i18n.text(Msg::LostReason)}</label>
                    <input id="deal-lost-reason" type="text" bind:value=reason/>
                </div>
            })}
            <button type="submit" disabled=move || save.action.pending().get()>{i18n.text(Msg::MoveDeal)}</button>
        </form>
    };
    let lines = RwSignal::new(drafts(&first.deal.lines, &[]));
    // A stored copy (a save, or a reload after a conflict) refills the products.
    Effect::new(move || {
        let base = save.base.get();
        lines.set(lines.with_untracked(|now| drafts(&base.lines, now)));
    });
    // The save's outcome shows beside the form that saved: the products, or those on the left.
    let at_products = RwSignal::new(false);
    let outcome = move |here: bool| {
        move || {
            (at_products.get() == here)
                .then(|| view! { <EditOutcomeView save saved=Msg::SavedChanges/> })
        }
    };
    let save_products = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        at_products.set(true);
        let edited = lines.with_untracked(|l| parse(l)).and_then(|parsed| {
            let mut deal = save.base.get_untracked().with_lines(parsed).map_err(|_| {
                vec![FieldError {
                    field: "lines".into(),
                    problem: Problem::AmountTooLarge,
                }]
            })?;
            deal.updated_at = now_utc();
            Ok(deal)
        });
        save.action.dispatch(edited);
    };
    let products_form = view! {
        <form class="card" on:submit=save_products aria-labelledby="deal-products-heading">
            <h2 id="deal-products-heading">{i18n.text(Msg::Products)}</h2>
            <p class="hint">{i18n.text(Msg::DealProductsHint)}</p>
            <LineItems lines products=first.products.clone() total_id="deal-total" min_lines=0>
                <button type="submit" disabled=move || save.action.pending().get()>{i18n.text(Msg::Save)}</button>
            </LineItems>
        </form>
    };
    let (person, company, id) = (first.deal.person_id, first.deal.company_id, first.deal.id);
    view! {
        <h1>{move || shown().map(|d| d.deal.title).unwrap_or_default()}</h1>
        <div class="person-layout">
            <div on:submit=move |_| at_products.set(false)>
                <section class="card" aria-labelledby="deal-details-heading">
                    <h2 id="deal-details-heading">{i18n.text(Msg::Details)}</h2>
                    <dl class="details">{details}</dl>
                </section>
                {stage_form}
                {form}
                {outcome(false)}
            </div>
            <div>
                <LogActivity person_id=person company_id=company deal_id=Some(id)/>
                <NewTaskForm person deal=Some(id)/>
                <TimelineList timeline/>
            </div>
        </div>
        // The products get the page's whole width, like an order's lines.
        {products_form}
        {outcome(true)}
        <DeleteRecord
            record=Signal::derive(move || shown().map(|d| TrashedRecord::Deal(d.deal)))
            label=Msg::DeleteDeal
            back=routes::DEALS
        />
    }
    .into_any()
}
