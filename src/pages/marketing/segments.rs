//! Segments (`/customer-segments`): every group of customers a campaign can target, with its
//! size now: everyone, each saved view of people (a customer filter), and the groups the last
//! analyses found (RFM segments, k-means clusters, CLV value tiers, the buyers of a rule's
//! products). A saved view opens as the customers list it filters; any segment becomes a
//! campaign. A campaign's page takes its target list from the same segments.

use crate::analysis::bridge::{use_analyses, Finished};
use crate::analysis::protocol::{Analysis, AnalysisKind, Report};
use crate::app::{use_app_href, use_page_title};
use crate::components::record_list::{list_address, ListCache, ListKind};
use crate::i18n::{format_count, use_i18n, Lang, Msg};
use crate::pages::analytics::{
    cluster_msg, product_list, segment_msg, tier_msg, use_product_names, CampaignButton,
};
use crate::pages::contacts::people::People;
use crate::routes;
use crate::store::StoreName;
use crate::workspace::use_workspace;
use hearth_analytics::rfm::{Segment as RfmSegment, ValueTier};
use hearth_domain::list::{ListQuery, Row as _};
use hearth_domain::{EntityKind, SavedView};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Where a segment comes from.
#[derive(Clone, PartialEq)]
pub enum SegmentSource {
    /// Every person.
    Everyone,
    /// A saved view of people: its filter and search.
    SavedView(ListQuery),
    /// A group the last run of an analysis found.
    Analysis(AnalysisKind),
}

/// A group of customers, with its members now.
#[derive(Clone)]
pub struct Segment {
    /// Its name, which a campaign taking it is named after.
    pub name: String,
    /// Where it comes from.
    pub source: SegmentSource,
    /// Its members' person ids.
    pub members: Vec<u32>,
}

/// The groups the last finished analyses found, named in `lang` (`product_names` name a rule's
/// products): each RFM segment, cluster and value tier, and a rule's buyers.
fn analysis_segments(
    results: &[(AnalysisKind, Option<Arc<Finished>>)],
    product_names: &HashMap<u32, String>,
    lang: Lang,
) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut add = |name: String, kind: AnalysisKind, members: Vec<u32>| {
        segments.push(Segment {
            name,
            source: SegmentSource::Analysis(kind),
            members,
        })
    };
    for (kind, result) in results {
        let Some(Finished {
            analysis, report, ..
        }) = result.as_deref()
        else {
            continue;
        };
        let kind = *kind;
        match report {
            Report::Rfm(rfm) => {
                for segment in RfmSegment::ALL {
                    let name = format!("RFM · {}", segment_msg(segment).text(lang));
                    add(name, kind, rfm.people_in(segment));
                }
            }
            Report::Segments(clusters) => {
                for (at, cluster) in clusters.clusters.iter().enumerate() {
                    let name = format!(
                        "{} {} · {}",
                        Msg::Cluster.text(lang),
                        at + 1,
                        cluster_msg(cluster.name).text(lang)
                    );
                    add(name, kind, clusters.people_in(at));
                }
            }
            Report::Clv(clv) => {
                for tier in [ValueTier::High, ValueTier::Medium, ValueTier::Low] {
                    let name = format!("CLV · {}", tier_msg(tier).text(lang));
                    add(name, kind, clv.people_in(tier));
                }
            }
            Report::Buyers(people) => {
                let Analysis::Buyers(products) = analysis else {
                    continue;
                };
                let name = format!(
                    "{} {}",
                    Msg::BuyersOf.text(lang),
                    product_list(product_names, products)
                );
                add(name, kind, people.to_vec());
            }
            _ => {}
        }
    }
    segments
}

/// The analyses whose groups are segments, in the order they are listed.
const GROUPING_ANALYSES: [AnalysisKind; 4] = [
    AnalysisKind::Rfm,
    AnalysisKind::Segments,
    AnalysisKind::Clv,
    AnalysisKind::Buyers,
];

/// Every segment as of now, read again when people, saved views or an analysis's result change.
pub fn use_segments() -> LocalResource<Result<Vec<Segment>, String>> {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let analyses = use_analyses();
    let cache = expect_context::<ListCache>();
    let product_names = use_product_names();
    LocalResource::new(move || {
        let version = workspace.track(People::STORES);
        workspace.track(&[StoreName::SavedViews]);
        let lang = i18n.lang.get();
        let results: Vec<_> = GROUPING_ANALYSES
            .iter()
            .map(|&kind| (kind, analyses.state(kind).result()))
            .collect();
        let names = product_names.get().unwrap_or_default();
        async move {
            let store = workspace.store().ok_or("storage is not open")?;
            let views: Vec<SavedView> = store.all().await.map_err(|e| e.to_string())?;
            let people = cache.list::<People>(workspace, version).await?;
            let rows = people.rows();
            let mut segments = vec![Segment {
                name: Msg::EveryoneSegment.text(lang).to_string(),
                source: SegmentSource::Everyone,
                members: rows.iter().map(|row| row.id()).collect(),
            }];
            for view in views.into_iter().filter(|v| v.entity == EntityKind::Person) {
                let query: ListQuery = serde_json::from_str(&view.filter).unwrap_or_default();
                segments.push(Segment {
                    name: view.name,
                    members: query
                        .run(rows)
                        .into_iter()
                        .map(|at| rows[at].id())
                        .collect(),
                    source: SegmentSource::SavedView(query),
                });
            }
            segments.extend(analysis_segments(&results, &names, lang));
            Ok::<_, String>(segments)
        }
    })
}

/// What a segment's source is called in the table.
fn source_msg(source: &SegmentSource) -> Msg {
    match source {
        SegmentSource::Everyone => Msg::EveryoneSegment,
        SegmentSource::SavedView(_) => Msg::SavedViewSegment,
        SegmentSource::Analysis(AnalysisKind::Rfm) => Msg::RfmTitle,
        SegmentSource::Analysis(AnalysisKind::Segments) => Msg::SegmentsTitle,
        SegmentSource::Analysis(AnalysisKind::Clv) => Msg::ValueTiers,
        SegmentSource::Analysis(_) => Msg::RuleBuyersSegment,
    }
}

/// The page at `/customer-segments`.
#[component]
pub fn SegmentsPage() -> impl IntoView {
    use_page_title(Msg::NavSegments);
    let i18n = use_i18n();
    let analyses = use_analyses();
    let segments = use_segments();
    let customers = use_app_href(routes::CUSTOMERS);
    // The analyses that find groups, each with its page: listed while they have not run.
    let grouping: Vec<(AnalysisKind, String, Msg)> = [
        (AnalysisKind::Rfm, routes::RFM, Msg::RfmTitle),
        (AnalysisKind::Segments, routes::SEGMENTS, Msg::SegmentsTitle),
        (AnalysisKind::Clv, routes::CLV, Msg::ClvTitle),
        (AnalysisKind::Buyers, routes::BASKETS, Msg::BasketsTitle),
    ]
    .into_iter()
    .map(|(kind, page, title)| (kind, use_app_href(&routes::analytics(page)), title))
    .collect();
    let not_run = move || {
        grouping
            .iter()
            .filter(|(kind, _, _)| analyses.state(*kind).result().is_none())
            .map(|(_, href, title)| {
                let title = *title;
                view! { <li><a href=href.clone()>{move || i18n.t(title)}</a></li> }
            })
            .collect::<Vec<_>>()
    };
    // A row per segment, kept while its name and size stay: a campaign created from it keeps
    // saying so when the segments are read again.
    let row = move |segment: Segment| {
        let open = match &segment.source {
            SegmentSource::Everyone => Some(customers.clone()),
            SegmentSource::SavedView(query) => Some(list_address(&customers, query)),
            SegmentSource::Analysis(_) => None,
        };
        let source = source_msg(&segment.source);
        let size = segment.members.len();
        let (name, label) = (segment.name.clone(), segment.name.clone());
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td>{move || i18n.t(source)}</td>
                <td class="number">{format_count(size as u64)}</td>
                <td><div class="row-actions">
                    {open.map(|href| view! {
                        <a href=href aria-label=format!("{} {name}", i18n.t(Msg::OpenInList))>{i18n.text(Msg::OpenInList)}</a>
                    })}
                    <CampaignButton name=segment.name people=segment.members/>
                </div></td>
            </tr>
        }
    };
    let read = move || segments.get().and_then(Result::ok).unwrap_or_default();
    let problem = move || match segments.get() {
        None => Some(view! { <p role="status">{i18n.text(Msg::Loading)}</p> }.into_any()),
        Some(Err(error)) => {
            Some(view! { <p role="alert">{i18n.text(Msg::ErrorPrefix)} " " {error}</p> }.into_any())
        }
        Some(Ok(_)) => None,
    };
    view! {
        <h1>{i18n.text(Msg::NavSegments)}</h1>
        <p class="lead">{i18n.text(Msg::SegmentsLead)}</p>
        <table class="records">
            <caption>{i18n.text(Msg::NavSegments)}</caption>
            <thead>
                <tr>
                    <th scope="col">{i18n.text(Msg::Segment)}</th>
                    <th scope="col">{i18n.text(Msg::SegmentSourceHeading)}</th>
                    <th scope="col" class="number">{i18n.text(Msg::Customers)}</th>
                    <th scope="col"></th>
                </tr>
            </thead>
            <tbody>
                <For each=read key=|segment| (segment.name.clone(), segment.members.len()) children=row/>
            </tbody>
        </table>
        {problem}
        {move || {
            let not_run = not_run();
            (!not_run.is_empty()).then(|| view! {
                <section aria-labelledby="segments-not-run">
                    <h2 id="segments-not-run">{i18n.text(Msg::MoreSegmentsHeading)}</h2>
                    <p>{i18n.text(Msg::MoreSegmentsHint)}</p>
                    <ul>{not_run}</ul>
                </section>
            })
        }}
    }
}
