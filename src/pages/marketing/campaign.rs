//! A campaign's page: its details; its target list, taken once from a segment (everyone, a saved
//! people view or an analysis's group) with a share held back at random as the control group, listed with each
//! member's response and downloadable as CSV; what it brought (measured in the worker against
//! the orders of its targets and of its control group); the form that edits it; delete.

use crate::analysis::protocol::{Analysis, AnalysisKind, Report};
use crate::app::{use_app_href, use_page_title};
use crate::components::count_card::StatCard;
use crate::components::custom_fields::use_custom_fields;
use crate::components::download::{csv_file, download};
use crate::components::record_form::RecordForm;
use crate::components::record_page::{
    detail_rows, keep, shaped, use_routed_record, DeleteRecord, Loaded,
};
use crate::components::save_outcome::{use_edit_save, EditOutcomeView, EditSave};
use crate::i18n::{format_count, key_text, use_i18n, Msg};
use crate::pages::analytics::{draw_members, run_on_first_visit, use_report, RunPanel};
use crate::pages::marketing::segments::use_segments;
use crate::pages::marketing::{money, percent, points, signed_money};
use crate::routes;
use crate::store::{Store, StoreName, StoreResult};
use crate::workspace::{now_utc, use_workspace};
use hearth_domain::entity::{Entity, Places};
use hearth_domain::{Campaign, Person, PersonId, ResponseKind, TrashedRecord};
use leptos::prelude::*;
use std::rc::Rc;

const CAMPAIGN_PAGE_STORES: &[StoreName] = &[StoreName::Campaigns, StoreName::CustomFields];

/// Members the list shows at first, and how many more each "Show more" adds.
const MEMBERS_PER_PAGE: usize = 50;

/// Every response a member can have logged, with its key (also its label's i18n key).
const RESPONSES: [(ResponseKind, &str); 3] = [
    (ResponseKind::Responded, "responded"),
    (ResponseKind::Converted, "converted"),
    (ResponseKind::Unsubscribed, "unsubscribed"),
];

fn response_key(kind: Option<ResponseKind>) -> &'static str {
    RESPONSES
        .iter()
        .find(|(k, _)| Some(*k) == kind)
        .map_or("", |(_, key)| key)
}

async fn load(store: Rc<Store>, id: u32) -> StoreResult<Option<Campaign>> {
    store.get::<Campaign>(id).await
}

/// The page at `/campaigns/:id`.
#[component]
pub fn CampaignPage() -> impl IntoView {
    use_page_title(Msg::Campaign);
    let i18n = use_i18n();
    let data = use_routed_record(CAMPAIGN_PAGE_STORES, load);
    let (current, shape) = keep(data, |c: &Campaign| c.id.0);
    let back = use_app_href(routes::CAMPAIGNS);
    view! {
        <p><a href=back>{i18n.text(Msg::AllCampaigns)}</a></p>
        {shaped(shape, Msg::CampaignNotFound, move |_| view! { <CampaignView current/> }.into_any())}
    }
}

#[component]
fn CampaignView(current: RwSignal<Loaded<Campaign>>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = move || current.with(|c| c.clone().and_then(Result::ok).flatten());
    let Some(first) = current.with_untracked(|c| c.clone().and_then(Result::ok).flatten()) else {
        return ().into_any();
    };
    let custom_defs = use_custom_fields(Campaign::KIND);
    let details = move || {
        let campaign = shown()?;
        let defs = custom_defs.get().unwrap_or_default();
        Some(detail_rows(&campaign, &(), &defs, i18n.lang.get()))
    };
    let save = use_edit_save(first);
    let form = move || {
        let base = save.base.get();
        view! { <RecordForm base place=Places::FORM id="edit-campaign" heading=Msg::Edit save=save.action/> }
            .into_any()
    };
    view! {
        <h1>{move || shown().map(|c| c.name).unwrap_or_default()}</h1>
        <section class="card" aria-labelledby="campaign-details-heading">
            <h2 id="campaign-details-heading">{i18n.text(Msg::Details)}</h2>
            <dl class="details">{details}</dl>
        </section>
        <CampaignResults save/>
        {move || {
            if save.base.with(|c| c.target_person_ids.is_empty() && c.control_person_ids.is_empty()) {
                view! { <TakeMembers save/> }.into_any()
            } else {
                view! { <Members save/> }.into_any()
            }
        }}
        {form}
        <EditOutcomeView save saved=Msg::SavedChanges/>
        <DeleteRecord
            record=Signal::derive(move || shown().map(TrashedRecord::Campaign))
            label=Msg::DeleteCampaign
            back=routes::CAMPAIGNS
        />
    }
    .into_any()
}

/// Choosing the segment and the control share, then taking the target list.
#[component]
fn TakeMembers(save: EditSave<Campaign>) -> impl IntoView {
    let i18n = use_i18n();
    // Everyone, each saved view of people and each group of the last analyses, as of now.
    let segments = use_segments();
    let chosen = RwSignal::new(0usize);
    let share = RwSignal::new("10".to_string());
    let problem = RwSignal::new(None::<String>);
    let take = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let lang = i18n.lang.get_untracked();
        let Some(Ok(segments)) = segments.get_untracked() else {
            return;
        };
        let Some(segment) = segments.get(chosen.get_untracked()) else {
            return;
        };
        let percent = share
            .get_untracked()
            .trim()
            .trim_end_matches('%')
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|p| (0.0..=100.0).contains(p));
        let Some(percent) = percent else {
            problem.set(Some(format!(
                "{}: {}",
                Msg::ControlShare.text(lang),
                Msg::PercentRange.text(lang)
            )));
            return;
        };
        if segment.members.is_empty() {
            problem.set(Some(Msg::SegmentEmpty.text(lang).to_string()));
            return;
        }
        problem.set(None);
        let mut campaign = save.base.get_untracked();
        draw_members(
            &mut campaign,
            &segment.name,
            &segment.members,
            (percent * 10.0).round() as u16,
        );
        save.action.dispatch(Ok(campaign));
    };
    let options = move || {
        let lang = i18n.lang.get();
        match segments.get() {
            None => view! { <option>{Msg::Loading.text(lang)}</option> }.into_any(),
            Some(Err(error)) => view! { <option>{error}</option> }.into_any(),
            Some(Ok(segments)) => segments
                .into_iter()
                .enumerate()
                .map(|(at, segment)| {
                    let label = format!(
                        "{} ({} {})",
                        segment.name,
                        format_count(segment.members.len() as u64),
                        Msg::PeopleUnit.text(lang)
                    );
                    view! { <option value=at.to_string() selected=move || chosen.get() == at>{label}</option> }
                })
                .collect_view()
                .into_any(),
        }
    };
    view! {
        <form class="card" on:submit=take aria-labelledby="campaign-members-heading">
            <h2 id="campaign-members-heading">{i18n.text(Msg::TargetList)}</h2>
            <p class="hint">{i18n.text(Msg::TargetListHint)}</p>
            <div class="form-grid">
                <div class="field">
                    <label for="campaign-segment">{i18n.text(Msg::Segment)}</label>
                    <select id="campaign-segment" on:change=move |ev| {
                        chosen.set(event_target_value(&ev).parse().unwrap_or(0));
                    }>{options}</select>
                </div>
                <div class="field">
                    <label for="campaign-control">{i18n.text(Msg::ControlShare)}</label>
                    <input id="campaign-control" type="text" inputmode="decimal" bind:value=share/>
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" disabled=move || !matches!(segments.get(), Some(Ok(_))) || save.action.pending().get()>
                    {i18n.text(Msg::TakeTargetList)}
                </button>
            </div>
            {move || problem.get().map(|p| view! { <p role="alert" class="error">{p}</p> })}
        </form>
    }
}

/// The target list and the control group: counts, the members with their responses, and the
/// list as CSV.
#[component]
fn Members(save: EditSave<Campaign>) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let listed = RwSignal::new(MEMBERS_PER_PAGE);
    // The names of the members listed.
    let names = LocalResource::new(move || {
        let ids: Vec<u32> = save.base.with(|c| {
            c.target_person_ids
                .iter()
                .take(listed.get())
                .map(|p| p.0)
                .collect()
        });
        let store = workspace.store();
        async move { store?.person_names(ids).await.ok() }
    });
    let summary = move || {
        let lang = i18n.lang.get();
        save.base.with(|c| {
            let [responded, converted, unsubscribed] = c.response_counts();
            format!(
                "{} {} · {} {} ({} %) · {}: {} · {} {}, {} {}, {} {}",
                format_count(c.target_person_ids.len() as u64),
                Msg::TargetsCount.text(lang),
                format_count(c.control_person_ids.len() as u64),
                Msg::HeldBack.text(lang),
                f64::from(c.control_permille) / 10.0,
                Msg::Segment.text(lang),
                c.segment,
                responded,
                key_text("responded", lang),
                converted,
                key_text("converted", lang),
                unsubscribed,
                key_text("unsubscribed", lang),
            )
        })
    };
    let person_href = use_app_href(&routes::record_prefix(routes::CUSTOMERS));
    let rows = move || {
        let lang = i18n.lang.get();
        let names = names.get().flatten().unwrap_or_default();
        let campaign = save.base.get();
        campaign
            .target_person_ids
            .iter()
            .take(listed.get())
            .map(|&person| {
                let name = names.get(&person.0).cloned().unwrap_or_else(|| format!("#{}", person.0));
                let href = format!("{person_href}{}", person.0);
                let current = response_key(campaign.response_of(person));
                let label = format!("{} · {name}", Msg::Response.text(lang));
                let change = move |ev: leptos::ev::Event| {
                    let value = event_target_value(&ev);
                    let kind = RESPONSES.iter().find(|(_, key)| *key == value).map(|(k, _)| *k);
                    let mut campaign = save.base.get_untracked();
                    campaign.set_response(person, kind, now_utc());
                    save.action.dispatch(Ok(campaign));
                };
                view! {
                    <tr>
                        <td><a href=href>{name}</a></td>
                        <td>
                            <select aria-label=label on:change=change>
                                <option value="" selected=current.is_empty()>"—"</option>
                                {RESPONSES
                                    .iter()
                                    .map(|(_, key)| view! {
                                        <option value=*key selected=current == *key>{key_text(key, lang)}</option>
                                    })
                                    .collect_view()}
                            </select>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let more = move || {
        let total = save.base.with(|c| c.target_person_ids.len());
        (listed.get() < total).then(|| {
            view! {
                <button type="button" on:click=move |_| listed.update(|n| *n += MEMBERS_PER_PAGE)>
                    {move || i18n.t(Msg::ShowMore)}
                </button>
            }
        })
    };
    let export = move |_| {
        let campaign = save.base.get_untracked();
        let lang = i18n.lang.get_untracked();
        let Some(store) = workspace.store() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let members = || {
                campaign
                    .target_person_ids
                    .iter()
                    .map(|p| (p, Msg::Target))
                    .chain(
                        campaign
                            .control_person_ids
                            .iter()
                            .map(|p| (p, Msg::ControlMember)),
                    )
            };
            let people: Vec<Person> = store
                .get_named(members().map(|(p, _)| p.0))
                .await
                .unwrap_or_default();
            let people: std::collections::HashMap<u32, Person> =
                people.into_iter().map(|p| (p.id.0, p)).collect();
            let header = [
                Msg::PersonId,
                Msg::Name,
                Msg::Email,
                Msg::MemberGroup,
                Msg::Response,
            ]
            .map(|m| m.text(lang).to_string())
            .to_vec();
            let rows = members().map(|(id, group)| {
                let person = people.get(&id.0);
                vec![
                    id.0.to_string(),
                    person.map(Person::display_name).unwrap_or_default(),
                    person
                        .and_then(|p| p.emails.first().cloned())
                        .unwrap_or_default(),
                    group.text(lang).to_string(),
                    match response_key(campaign.response_of(PersonId(id.0))) {
                        "" => String::new(),
                        key => key_text(key, lang),
                    },
                ]
            });
            let file = csv_file(std::iter::once(header).chain(rows));
            download(
                &format!("campaign-{}-members.csv", campaign.id.0),
                "text/csv;charset=utf-8",
                &file,
            );
        });
    };
    view! {
        <section class="card" aria-labelledby="campaign-members-heading">
            <h2 id="campaign-members-heading">{i18n.text(Msg::TargetList)}</h2>
            <p>{summary}</p>
            <p><button type="button" on:click=export>{i18n.text(Msg::DownloadTargetList)}</button></p>
            <div class="table-scroll">
                <table class="report" aria-label=move || i18n.t(Msg::TargetList)>
                    <thead>
                        <tr>
                            <th scope="col">{i18n.text(Msg::Name)}</th>
                            <th scope="col">{i18n.text(Msg::Response)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {more}
        </section>
    }
}

/// What the campaign brought, from the marketing report the worker computes.
#[component]
fn CampaignResults(save: EditSave<Campaign>) -> impl IntoView {
    let i18n = use_i18n();
    let report = use_report(AnalysisKind::Marketing, Report::marketing);
    let analysis = Callback::new(|()| Ok(Analysis::Marketing));
    run_on_first_visit(AnalysisKind::Marketing, analysis);
    let id = save.base.with_untracked(|c| c.id.0);
    let figures = move || {
        let lang = i18n.lang.get();
        let report = report.get()?;
        let row = report.campaigns.iter().find(|row| row.id == id)?.clone();
        let outcome = match row.outcome {
            Ok(outcome) => outcome,
            Err(problem) => {
                return Some(view! { <p role="alert" class="error">{problem}</p> }.into_any())
            }
        };
        let stat = |label: Msg, key: &str, value: String| {
            view! { <StatCard label id=format!("campaign-{key}") value=Signal::derive(move || Some(value.clone()))/> }
        };
        let uplift = outcome.uplift;
        Some(
            view! {
                <p>{format!("{} {} – {}", Msg::AttributedFrom.text(lang), row.window.start, row.window.last_day())}</p>
                <div class="count-grid">
                    {stat(Msg::AttributedRevenue, "revenue", money(outcome.targets.revenue_cents))}
                    {stat(Msg::AttributedOrders, "orders", format_count(outcome.targets.orders))}
                    {stat(Msg::ConversionRate, "conversion", percent(outcome.targets.conversion()))}
                    {stat(Msg::CostPerConversion, "cost-per-conversion", outcome.cost_per_conversion.map_or("—".into(), |r| money(r.rounded(1) as i64)))}
                    {stat(Msg::Roi, "roi", percent(outcome.roi))}
                    {stat(Msg::ControlConversion, "control-conversion", percent(outcome.control.and_then(|c| c.conversion())))}
                    {stat(Msg::UpliftConversion, "uplift-conversion", points(uplift.map(|u| u.conversion), lang))}
                    {stat(Msg::UpliftRevenuePerMember, "uplift-revenue", signed_money(uplift.map(|u| u.revenue_per_member)))}
                    {stat(Msg::IncrementalRevenue, "incremental-revenue", signed_money(uplift.map(|u| u.incremental_revenue)))}
                </div>
            }
            .into_any(),
        )
    };
    view! {
        <section class="card" aria-labelledby="campaign-results-heading">
            <h2 id="campaign-results-heading">{i18n.text(Msg::CampaignResults)}</h2>
            <p class="hint">{i18n.text(Msg::CampaignResultsHint)}</p>
            <RunPanel kind=AnalysisKind::Marketing analysis/>
            {figures}
        </section>
    }
}
