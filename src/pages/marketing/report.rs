//! The marketing report: every campaign side by side (attributed revenue, conversion, ROI, and
//! against its control group the uplift), and the campaigns over time by the month they started.
//! The worker measures them from the order facts; each table downloads as CSV and is drawn.

use crate::analysis::protocol::{Analysis, AnalysisKind, Report};
use crate::app::use_page_title;
use crate::components::report_table::{report_table, Bars};
use crate::i18n::{format_count, key_text, use_i18n, Lang, Msg, ValueFormat};
use crate::pages::analytics::{run_on_first_visit, use_report, RunPanel};
use crate::pages::dashboard::month_label;
use crate::pages::marketing::{money, percent, points, signed_money};
use hearth_analytics::reports::campaigns::MarketingReport;
use leptos::prelude::*;

const CAMPAIGN_COLUMNS: [Msg; 13] = [
    Msg::CampaignName,
    Msg::Channel,
    Msg::CampaignStatus,
    Msg::AttributedFrom,
    Msg::Targets,
    Msg::ControlGroup,
    Msg::Budget,
    Msg::AttributedRevenue,
    Msg::ConversionRate,
    Msg::Roi,
    Msg::CostPerConversion,
    Msg::UpliftConversion,
    Msg::IncrementalRevenue,
];

/// Where ROI is among [`CAMPAIGN_COLUMNS`]: what the bars draw.
const ROI_COLUMN: usize = 9;

const MONTH_COLUMNS: [Msg; 4] = [
    Msg::Month,
    Msg::Budget,
    Msg::AttributedRevenue,
    Msg::IncrementalRevenue,
];

/// Everything the page shows of `report`.
fn report_view(report: &MarketingReport, lang: Lang) -> AnyView {
    if report.campaigns.is_empty() {
        return view! { <p class="empty">{Msg::MarketingReportEmpty.text(lang)}</p> }.into_any();
    }
    let rows: Vec<Vec<String>> = report
        .campaigns
        .iter()
        .map(|row| {
            let window = format!("{} – {}", row.window.start, row.window.last_day());
            let mut cells = vec![
                row.name.clone(),
                key_text(&row.channel, lang),
                key_text(&row.status, lang),
                window,
            ];
            match &row.outcome {
                Ok(outcome) => cells.extend([
                    format_count(outcome.targets.members),
                    outcome
                        .control
                        .map_or("—".into(), |c| format_count(c.members)),
                    money(outcome.budget_cents),
                    money(outcome.targets.revenue_cents),
                    percent(outcome.targets.conversion()),
                    percent(outcome.roi),
                    outcome
                        .cost_per_conversion
                        .map_or("—".into(), |r| money(r.rounded(1) as i64)),
                    points(outcome.uplift.map(|u| u.conversion), lang),
                    signed_money(outcome.uplift.map(|u| u.incremental_revenue)),
                ]),
                Err(problem) => {
                    cells.push(problem.clone());
                    cells.extend(std::iter::repeat_n(String::new(), 8));
                }
            }
            cells
        })
        .collect();
    // ROI as a percentage, for the bars; a campaign without a budget draws none.
    let roi_bars = Bars {
        values: report
            .campaigns
            .iter()
            .map(|row| {
                row.outcome
                    .as_ref()
                    .ok()
                    .and_then(|o| o.roi)
                    .map_or(0.0, |r| r.to_f64() * 100.0)
            })
            .collect(),
        format: ValueFormat::Decimal,
        column: ROI_COLUMN,
    };
    let months: Vec<Vec<String>> = report
        .months
        .iter()
        .map(|m| {
            vec![
                month_label(lang, m.year, m.month),
                money(m.budget_cents),
                money(m.revenue_cents),
                money(m.incremental_cents),
            ]
        })
        .collect();
    let month_bars = Bars {
        values: report
            .months
            .iter()
            .map(|m| m.revenue_cents as f64 / 100.0)
            .collect(),
        format: ValueFormat::Money,
        column: 2,
    };
    view! {
        {report_table(
            "marketing-campaigns".to_string(),
            Msg::CampaignsSideBySide.text(lang).to_string(),
            &CAMPAIGN_COLUMNS,
            rows,
            Some(roi_bars),
            lang,
        )}
        {report_table(
            "marketing-months".to_string(),
            Msg::CampaignsByMonth.text(lang).to_string(),
            &MONTH_COLUMNS,
            months,
            Some(month_bars),
            lang,
        )}
    }
    .into_any()
}

/// The page at `/marketing-report`.
#[component]
pub fn MarketingReportPage() -> impl IntoView {
    use_page_title(Msg::NavMarketingReport);
    let i18n = use_i18n();
    let report = use_report(AnalysisKind::Marketing, Report::marketing);
    let analysis = Callback::new(|()| Ok(Analysis::Marketing));
    run_on_first_visit(AnalysisKind::Marketing, analysis);
    view! {
        <h1>{i18n.text(Msg::NavMarketingReport)}</h1>
        <p class="lead">{i18n.text(Msg::MarketingReportLead)}</p>
        <RunPanel kind=AnalysisKind::Marketing analysis/>
        {move || report.get().map(|report| report_view(&report, i18n.lang.get()))}
    }
}
