//! The segments page: choose features, transforms and k (or let the elbow suggest it); elbow and
//! silhouette charts, a principal-component scatter coloured by cluster, cluster profiles in
//! original units with a suggested name, and a cluster's customers as a campaign.

use super::{use_report, CampaignButton, PeopleSample, RunPanel};
use crate::analysis::protocol::{Analysis, AnalysisKind, Report};
use crate::app::use_page_title;
use crate::components::chart::ChartSection;
use crate::components::custom_fields::use_custom_fields;
use crate::i18n::{format_count, format_decimal, format_money_value, use_i18n, Msg, ValueFormat};
use hearth_analytics::reports::segments::{
    ClusterName, Feature, SegmentSettings, BASE_FEATURES, K_RANGE,
};
use hearth_charts::{Chart, Colour, ScatterPoint, Series};
use hearth_domain::{CustomFieldKind, EntityKind};
use leptos::prelude::*;

fn feature_msg(feature: &Feature) -> Msg {
    match feature {
        Feature::Recency => Msg::FeatureRecency,
        Feature::Frequency => Msg::FeatureFrequency,
        Feature::Monetary => Msg::FeatureMonetary,
        Feature::Tenure => Msg::FeatureTenure,
        Feature::AverageOrderValue => Msg::FeatureAverageOrder,
        Feature::Custom(_) => Msg::CustomFields,
    }
}

pub fn cluster_msg(name: ClusterName) -> Msg {
    match name {
        ClusterName::FrequentBigSpenders => Msg::ClusterFrequentBigSpenders,
        ClusterName::BigSpenders => Msg::ClusterBigSpenders,
        ClusterName::FrequentBuyers => Msg::ClusterFrequentBuyers,
        ClusterName::NewCustomers => Msg::ClusterNewCustomers,
        ClusterName::SlippingRegulars => Msg::ClusterSlippingRegulars,
        ClusterName::Lapsed => Msg::ClusterLapsed,
        ClusterName::Occasional => Msg::ClusterOccasional,
    }
}

/// The segments page.
#[component]
pub fn SegmentsPage() -> impl IntoView {
    use_page_title(Msg::SegmentsTitle);
    let i18n = use_i18n();
    let defaults = SegmentSettings::default();
    let chosen_features: Vec<RwSignal<bool>> = BASE_FEATURES
        .iter()
        .map(|f| RwSignal::new(defaults.features.contains(f)))
        .collect();
    let log1p = RwSignal::new(defaults.log1p);
    let standardize = RwSignal::new(defaults.standardize);
    let k_choice = RwSignal::new(String::new());
    let selected_features = chosen_features.clone();
    // Numeric custom fields of people can be clustered on too.
    let custom_defs = use_custom_fields(EntityKind::Person);
    let numeric_defs = move || {
        custom_defs
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|def| {
                matches!(
                    def.kind,
                    CustomFieldKind::Number | CustomFieldKind::Currency
                )
            })
            .collect::<Vec<_>>()
    };
    let chosen_custom = RwSignal::new(Vec::<String>::new());
    let settings = Callback::new(move |()| {
        let features: Vec<Feature> = BASE_FEATURES
            .iter()
            .zip(&selected_features)
            .filter(|(_, on)| on.get_untracked())
            .map(|(f, _)| f.clone())
            .chain(
                chosen_custom
                    .get_untracked()
                    .into_iter()
                    .map(Feature::Custom),
            )
            .collect();
        if features.is_empty() {
            return Err(i18n.lang.get_untracked())
                .map_err(|lang| Msg::ChooseFeature.text(lang).to_string());
        }
        Ok(Analysis::Segments(SegmentSettings {
            features,
            log1p: log1p.get_untracked(),
            standardize: standardize.get_untracked(),
            k: k_choice.get_untracked().parse().ok(),
            seed: 0,
        }))
    });
    let report = use_report(AnalysisKind::Segments, Report::segments);
    let segments = report;
    let chosen = RwSignal::new(None::<usize>);
    let elbow = Signal::derive(move || {
        let lang = i18n.lang.get();
        Chart::Lines(
            segments
                .get()
                .map(|r| {
                    vec![Series {
                        name: Msg::Inertia.text(lang).into(),
                        points: r.elbow.iter().map(|p| (p.k as f64, p.inertia)).collect(),
                    }]
                })
                .unwrap_or_default(),
        )
    });
    let silhouette = Signal::derive(move || {
        Chart::Bars(
            segments
                .get()
                .map(|r| {
                    r.elbow
                        .iter()
                        .map(|p| (format!("k={}", p.k), p.silhouette))
                        .collect()
                })
                .unwrap_or_default(),
        )
    });
    let elbow_tips = Signal::derive(move || {
        let lang = i18n.lang.get();
        segments
            .get()
            .map(|r| {
                r.elbow
                    .iter()
                    .map(|p| {
                        format!(
                            "k={}: {} {} · silhouette {:.3}",
                            p.k,
                            Msg::Inertia.text(lang),
                            format_decimal(p.inertia),
                            p.silhouette
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let scatter = Signal::derive(move || {
        Chart::Scatter(
            segments
                .get()
                .map(|r| {
                    r.projection
                        .iter()
                        .map(|p| ScatterPoint {
                            x: f64::from(p.0),
                            y: f64::from(p.1),
                            colour: Colour::Category(usize::from(p.2)),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        )
    });
    let scatter_tips = Signal::derive(move || {
        let lang = i18n.lang.get();
        segments
            .get()
            .map(|r| {
                r.projection
                    .iter()
                    .map(|p| {
                        let name = r
                            .clusters
                            .get(usize::from(p.2))
                            .map(|c| cluster_msg(c.name).text(lang))
                            .unwrap_or_default();
                        format!(
                            "#{} · {} {} ({name})",
                            p.3,
                            Msg::Cluster.text(lang),
                            p.2 + 1
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let cluster_people = Signal::derive(move || {
        let Some(cluster) = chosen.get() else {
            return Vec::new();
        };
        segments
            .get()
            .map(|r| r.people_in(cluster))
            .unwrap_or_default()
    });
    let campaign_name = Signal::derive(move || {
        let lang = i18n.lang.get();
        let (Some(cluster), Some(r)) = (chosen.get(), segments.get()) else {
            return String::new();
        };
        let name = r
            .clusters
            .get(cluster)
            .map(|c| cluster_msg(c.name).text(lang))
            .unwrap_or_default();
        format!(
            "{} {} · {name} · {}",
            Msg::Cluster.text(lang),
            cluster + 1,
            r.as_of
        )
    });
    view! {
        <h1>{i18n.text(Msg::SegmentsTitle)}</h1>
        <p class="lead">{i18n.text(Msg::SegmentsDescription)}</p>
        <fieldset class="inline-options">
            <legend>{i18n.text(Msg::Features)}</legend>
            {BASE_FEATURES
                .iter()
                .zip(chosen_features)
                .map(|(feature, on)| {
                    let label = feature_msg(feature);
                    view! { <label><input type="checkbox" bind:checked=on/>{move || i18n.t(label)}</label> }
                })
                .collect_view()}
            {move || {
                numeric_defs()
                    .into_iter()
                    .map(|def| {
                        let key = def.key.clone();
                        let checked = {
                            let key = key.clone();
                            move || chosen_custom.with(|keys| keys.contains(&key))
                        };
                        let toggle = move |_| {
                            chosen_custom.update(|keys| {
                                if let Some(at) = keys.iter().position(|k| *k == key) {
                                    keys.remove(at);
                                } else {
                                    keys.push(key.clone());
                                }
                            })
                        };
                        view! { <label><input type="checkbox" prop:checked=checked on:change=toggle/>{def.label}</label> }
                    })
                    .collect_view()
            }}
        </fieldset>
        <div class="form-grid">
            <label><input type="checkbox" bind:checked=log1p/>"log(1 + x)"</label>
            <label><input type="checkbox" bind:checked=standardize/>{i18n.text(Msg::Standardize)}</label>
            <label>
                {i18n.text(Msg::NumberOfClusters)}
                <select bind:value=k_choice>
                    <option value="">{i18n.text(Msg::SuggestK)}</option>
                    {K_RANGE.map(|k| view! { <option value=k.to_string()>{k}</option> }).collect_view()}
                </select>
            </label>
        </div>
        <RunPanel kind=AnalysisKind::Segments analysis=settings/>
        <Show when=move || segments.get().is_some()>
            <p>
                {move || segments.get().map(|r| format!("k = {}", r.k))}
                {move || segments.get().and_then(|r| r.suggested_k).map(|k| format!(" · {} {k}", i18n.t(Msg::SuggestedK)))}
            </p>
            <div class="chart-grid">
                <ChartSection
                    id="elbow-heading"
                    heading=Msg::ElbowChart
                    chart=elbow
                    tips=elbow_tips
                    x_title=Signal::derive(move || i18n.t(Msg::AxisClusters).to_string())
                    y_title=Signal::derive(move || i18n.t(Msg::Inertia).to_string())
                    format=ValueFormat::Decimal
                />
                <ChartSection
                    id="silhouette-heading"
                    heading=Msg::SilhouetteChart
                    chart=silhouette
                    tips=elbow_tips
                    x_title=Signal::derive(move || i18n.t(Msg::AxisClusters).to_string())
                    y_title=Signal::derive(move || i18n.t(Msg::AxisSilhouette).to_string())
                    format=ValueFormat::Decimal
                />
            </div>
            <ChartSection
                id="projection-heading"
                heading=Msg::ProjectionChart
                chart=scatter
                tips=scatter_tips
                x_title=Signal::derive(move || segments.get().map(|r| i18n.t(Msg::AxisFirstComponent).replace("{share}", &format!("{:.0}", r.explained[0] * 100.0))).unwrap_or_default())
                y_title=Signal::derive(move || segments.get().map(|r| i18n.t(Msg::AxisSecondComponent).replace("{share}", &format!("{:.0}", r.explained[1] * 100.0))).unwrap_or_default())
                format=ValueFormat::Decimal
                on_select=Callback::new(move |i: usize| {
                    chosen.set(segments.get_untracked().and_then(|r| r.projection.get(i).map(|p| usize::from(p.2))))
                })
            />
            <table class="records">
                <caption>{i18n.text(Msg::ClusterProfiles)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.text(Msg::Cluster)}</th>
                        <th scope="col" class="number">{i18n.text(Msg::Customers)}</th>
                        {BASE_FEATURES.iter().map(|f| {
                            let label = feature_msg(f);
                            view! { <th scope="col" class="number">{move || i18n.t(label)}</th> }
                        }).collect_view()}
                        {move || {
                            let defs = custom_defs.get().unwrap_or_default();
                            segments.get().map(|r| {
                                r.settings
                                    .features
                                    .iter()
                                    .filter_map(|f| match f {
                                        Feature::Custom(key) => Some(
                                            defs.iter().find(|d| d.key == *key).map_or_else(|| key.clone(), |d| d.label.clone()),
                                        ),
                                        _ => None,
                                    })
                                    .map(|label| view! { <th scope="col" class="number">{label}</th> })
                                    .collect_view()
                            })
                        }}
                        <th scope="col"></th>
                    </tr>
                </thead>
                <tbody>
                    {move || segments.get().map(|r| r.clusters.iter().enumerate().map(|(i, cluster)| {
                        let name = cluster_msg(cluster.name);
                        let means = cluster.means.clone();
                        view! {
                            <tr class:selected=move || chosen.get() == Some(i)>
                                <th scope="row">{format!("{} ", i + 1)} {move || i18n.t(name)}</th>
                                <td class="number">{format_count(cluster.size as u64)}</td>
                                {means.iter().enumerate().map(|(f, &mean)| {
                                    let text = if f == 2 || f == 4 { format_money_value(mean) } else { format_decimal(mean) };
                                    view! { <td class="number">{text}</td> }
                                }).collect_view()}
                                {cluster.custom_means.iter().map(|&mean| view! { <td class="number">{format_decimal(mean)}</td> }).collect_view()}
                                <td>
                                    <button
                                        type="button"
                                        class="quiet"
                                        aria-label=move || format!("{} {} {}", i18n.t(Msg::ShowCustomers), i18n.t(Msg::Cluster), i + 1)
                                        on:click=move |_| chosen.set(Some(i))
                                    >
                                        {i18n.text(Msg::ShowCustomers)}
                                    </button>
                                </td>
                            </tr>
                        }
                    }).collect_view())}
                </tbody>
            </table>
            <Show when=move || chosen.get().is_some()>
                <section class="card" aria-labelledby="cluster-chosen-heading">
                    <h2 id="cluster-chosen-heading">
                        {move || campaign_name.get()} " · "
                        {move || format_count(cluster_people.with(Vec::len) as u64)} " "
                        {i18n.text(Msg::Customers)}
                    </h2>
                    <CampaignButton name=campaign_name people=cluster_people/>
                    <PeopleSample ids=cluster_people/>
                </section>
            </Show>
        </Show>
    }
}
