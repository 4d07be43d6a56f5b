//! The analytics pages: an overview linking the four analyses, each on its own page, plus what
//! they share: the run panel (run, progress, cancel, stale notice), turning a group of customers
//! into a campaign, and a short list of a group's customers.

mod baskets;
mod clv;
mod person_insights;
mod rfm;
mod segments;

pub use baskets::{product_list, use_product_names, BasketsPage};
pub use clv::{tier_msg, ClvPage};
pub use person_insights::PersonInsights;
pub use rfm::{segment_msg, RfmPage};
pub use segments::{cluster_msg, SegmentsPage};

use crate::analysis::bridge::{use_analyses, RunState};
use crate::analysis::protocol::{Analysis, AnalysisKind, Report};
use crate::app::{use_app_href, use_page_title};
use crate::i18n::{format_count, use_i18n, Msg};
use crate::routes;
use crate::store::ChangeSet;
use crate::workspace::{today_utc, use_workspace};
use hearth_domain::{Campaign, Person};
use leptos::prelude::*;
use std::sync::Arc;

/// The four analyses as the overview lists them: page (below [`routes::ANALYTICS`]), title,
/// description.
const ANALYSES: [(&str, Msg, Msg); 4] = [
    (routes::RFM, Msg::RfmTitle, Msg::RfmDescription),
    (
        routes::SEGMENTS,
        Msg::SegmentsTitle,
        Msg::SegmentsDescription,
    ),
    (routes::CLV, Msg::ClvTitle, Msg::ClvDescription),
    (routes::BASKETS, Msg::BasketsTitle, Msg::BasketsDescription),
];

/// The analytics overview.
#[component]
pub fn AnalyticsPage() -> impl IntoView {
    use_page_title(Msg::NavAnalytics);
    let i18n = use_i18n();
    view! {
        <h1>{i18n.text(Msg::NavAnalytics)}</h1>
        <p class="lead">{i18n.text(Msg::AnalyticsLead)}</p>
        <ul class="analysis-cards">
            {ANALYSES
                .iter()
                .map(|&(page, title, description)| {
                    let href = use_app_href(&routes::analytics(page));
                    view! {
                        <li class="card">
                            <h2><a href=href>{move || i18n.t(title)}</a></h2>
                            <p>{move || i18n.t(description)}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The last result of `kind`, if `pick` finds its report in it (tracked; cloning shares it).
pub fn use_report<T: Send + Sync + 'static>(
    kind: AnalysisKind,
    pick: fn(&Report) -> Option<&Arc<T>>,
) -> Memo<Option<Arc<T>>> {
    let analyses = use_analyses();
    // Changed means another report, not another value: comparing 100,000 members would cost more
    // than the pages' work.
    Memo::new_with_compare(
        move |_| {
            let finished = analyses.state(kind).result()?;
            pick(&finished.report).cloned()
        },
        |old, new| match (old, new) {
            (Some(Some(old)), Some(Some(new))) => !Arc::ptr_eq(old, new),
            (Some(None), Some(None)) => false,
            _ => true,
        },
    )
}

/// Runs `analysis` as soon as the page is drawn if no analysis of `kind` ran yet (a report page
/// shows its figures on the first visit without a click).
pub fn run_on_first_visit(kind: AnalysisKind, analysis: Callback<(), Result<Analysis, String>>) {
    let analyses = use_analyses();
    let workspace = use_workspace();
    Effect::new(move || {
        if matches!(analyses.state(kind), RunState::Idle) {
            if let Ok(analysis) = analysis.run(()) {
                let version = workspace.analysis_version_untracked();
                analyses.run(analysis, today_utc(), version);
            }
        }
    });
}

/// Run button, progress with cancel, and what became of the last run of `kind`; `analysis`
/// builds the request from the page's settings (or says what is wrong with them).
#[component]
pub fn RunPanel(
    kind: AnalysisKind,
    analysis: Callback<(), Result<Analysis, String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let analyses = use_analyses();
    let workspace = use_workspace();
    let problem = RwSignal::new(None::<String>);
    let state = Memo::new(move |_| analyses.state(kind));
    let run = move |_| match analysis.run(()) {
        Ok(analysis) => {
            problem.set(None);
            analyses.run(
                analysis,
                today_utc(),
                workspace.analysis_version_untracked(),
            );
        }
        Err(message) => problem.set(Some(message)),
    };
    let running = move || matches!(state.get(), RunState::Running { .. });
    let stale = move || {
        state
            .get()
            .result()
            .is_some_and(|finished| finished.data_version != workspace.analysis_version())
    };
    view! {
        <div class="run-panel">
            <button type="button" class="primary" on:click=run disabled=running>
                {i18n.text(Msg::RunAnalysis)}
            </button>
            {move || match state.get() {
                RunState::Running { stage, percent, .. } => view! {
                    <div class="progress">
                        <progress max="100" value=percent aria-label=i18n.text(Msg::AnalysisProgress)></progress>
                        <span>
                            {move || Msg::for_stage(&stage).map_or(stage.clone(), |msg| i18n.t(msg).to_string())}
                            " " {format!("{percent:.0} %")}
                        </span>
                        <button type="button" on:click=move |_| analyses.cancel(kind)>
                            {i18n.text(Msg::Cancel)}
                        </button>
                    </div>
                }
                .into_any(),
                RunState::Failed(error) => view! {
                    <p role="alert" class="error">{i18n.text(Msg::AnalysisFailed)} " " {error}</p>
                }
                .into_any(),
                RunState::Cancelled(_) => view! {
                    <p role="status">{i18n.text(Msg::AnalysisCancelled)}</p>
                }
                .into_any(),
                RunState::Done(finished) => view! {
                    <p role="status" class="muted">
                        {i18n.text(Msg::AnalysisComputed)} " "
                        {format!("{:.0} ms", finished.millis)} " · "
                        {format_count(finished.lines as u64)} " "
                        // What the analysis read: tickets for the service report, else order lines.
                        {i18n.text(if kind == AnalysisKind::Service { Msg::TicketsRead } else { Msg::OrderLines })}
                    </p>
                }
                .into_any(),
                RunState::Idle => ().into_any(),
            }}
            <Show when=stale>
                <p role="status" class="warning">{i18n.text(Msg::AnalysisStale)}</p>
            </Show>
            {move || problem.get().map(|message| view! { <p role="alert" class="error">{message}</p> })}
        </div>
    }
}

/// The share of a segment a new campaign holds back by default: a tenth.
pub const DEFAULT_CONTROL_PERMILLE: u16 = 100;

/// A planned email campaign named `name` for the segment `members`, `control_permille`
/// thousandths of them held back as its control group.
pub fn new_campaign(name: &str, members: &[u32], control_permille: u16) -> Campaign {
    let mut campaign = Campaign {
        name: name.to_string(),
        ..hearth_domain::entity::Entity::blank(crate::workspace::now_utc())
    };
    draw_members(&mut campaign, name, members, control_permille);
    campaign
}

/// Takes `campaign`'s member list from the segment `segment` of `members`: `control_permille`
/// thousandths held back as its control group, drawn with a new seed (kept with the campaign,
/// so the draw can be made again).
pub fn draw_members(
    campaign: &mut Campaign,
    segment: &str,
    members: &[u32],
    control_permille: u16,
) {
    let seed = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    campaign.draw_members(segment, members, control_permille, seed);
}

/// Creates a planned email campaign named `name` for the segment `people` (a tenth held back as
/// its control group), and says so.
#[component]
pub fn CampaignButton(
    #[prop(into)] name: Signal<String>,
    #[prop(into)] people: Signal<Vec<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let created = RwSignal::new(None::<Result<(String, usize), String>>);
    let create = move |_| {
        let Some(store) = workspace.store() else {
            return;
        };
        let (name, people) = (name.get_untracked(), people.get_untracked());
        let campaign = new_campaign(&name, &people, DEFAULT_CONTROL_PERMILLE);
        let mut changes = ChangeSet::default();
        let changes = changes.add(&campaign).map(|()| changes);
        leptos::task::spawn_local(async move {
            let outcome = match changes {
                Ok(changes) => store.apply(changes).await.map(drop),
                Err(error) => Err(error),
            };
            if outcome.is_ok() {
                workspace.changed();
            }
            created.set(Some(
                outcome
                    .map(|_| (name, people.len()))
                    .map_err(|error| error.to_string()),
            ));
        });
    };
    view! {
        <button type="button" on:click=create disabled=move || people.with(Vec::is_empty)>
            {i18n.text(Msg::CreateCampaign)}
        </button>
        {move || {
            created.get().map(|outcome| match outcome {
                Ok((name, count)) => view! {
                    <p role="status" class="success">
                        {i18n.text(Msg::CampaignCreated)} " “" {name.clone()} "” · "
                        {format_count(count as u64)} " " {i18n.text(Msg::PeopleUnit)}
                    </p>
                }
                .into_any(),
                Err(error) => view! { <p role="alert" class="error">{error}</p> }.into_any(),
            })
        }}
    }
}

/// People shown by name in a group's list; the rest are counted.
const LISTED_PEOPLE: usize = 50;

/// The first people of `ids` as links to their pages, and how many more there are.
#[component]
pub fn PeopleSample(#[prop(into)] ids: Signal<Vec<u32>>) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let people = LocalResource::new(move || {
        let ids = ids.get();
        let store = workspace.store();
        async move {
            let store = store?;
            let shown = &ids[..ids.len().min(LISTED_PEOPLE)];
            store.get_many::<Person>(shown).await.ok()
        }
    });
    let person_href = use_app_href(&routes::record_prefix(routes::CUSTOMERS));
    view! {
        <ul class="people-sample">
            {move || {
                let href = person_href.clone();
                people
                    .get()
                    .flatten()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|person| {
                        view! { <li><a href=format!("{href}{}", person.id.0)>{person.display_name()}</a></li> }
                    })
                    .collect_view()
            }}
        </ul>
        {move || {
            let more = ids.with(Vec::len).saturating_sub(LISTED_PEOPLE);
            (more != 0).then(|| view! { <p class="muted">{format!("+ {} ", format_count(more as u64))} {i18n.text(Msg::More)}</p> })
        }}
    }
}
