//! A report's pieces: the date range it covers with its two inputs, and its tables (a heading, an
//! optional bar chart of one column, the rows, and the table as a CSV download). The sales and
//! service reports are built from them.

use crate::components::chart::ChartView;
use crate::components::download::{csv_file, download};
use crate::i18n::{use_i18n, I18n, Lang, Msg, ValueFormat};
use chrono::NaiveDate;
use hearth_charts::Chart;
use leptos::prelude::*;

/// The days a report covers, as its two date inputs hold them.
#[derive(Debug, Clone, Copy)]
pub struct DateRange {
    from: RwSignal<String>,
    to: RwSignal<String>,
    // Taken when the page is drawn: `days` also runs in click handlers, outside the page's owner.
    i18n: I18n,
}

impl DateRange {
    /// Days `from..=to`, shown in the inputs.
    pub fn new(from: NaiveDate, to: NaiveDate) -> DateRange {
        DateRange {
            from: RwSignal::new(from.to_string()),
            to: RwSignal::new(to.to_string()),
            i18n: use_i18n(),
        }
    }

    /// The first and last day chosen (untracked), or why they are refused, in the page's language.
    pub fn days(self) -> Result<(NaiveDate, NaiveDate), String> {
        let date = |text: String| NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
        match (
            date(self.from.get_untracked()),
            date(self.to.get_untracked()),
        ) {
            (Some(from), Some(to)) if from <= to => Ok((from, to)),
            _ => Err(self.i18n.t(Msg::ReportDatesReversed).to_string()),
        }
    }
}

/// The "From" and "To" inputs of `range`, for a report's filter bar.
#[component]
pub fn DateRangeInputs(range: DateRange) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span>
            <label for="report-from">{i18n.text(Msg::ReportFrom)}</label> " "
            <input id="report-from" type="date" bind:value=range.from/>
        </span>
        <span>
            <label for="report-to">{i18n.text(Msg::ReportTo)}</label> " "
            <input id="report-to" type="date" bind:value=range.to/>
        </span>
    }
}

/// A chart of a table: each row's figure, drawn with `format`.
pub struct Bars {
    /// Each row's figure.
    pub values: Vec<f64>,
    /// How the figures read.
    pub format: ValueFormat,
    /// The table's column they draw: its header titles the value axis.
    pub column: usize,
}

/// A titled table of one report, its CSV download, and with `bars` a bar chart above it (the
/// first cell of each row labels its bar).
pub fn report_table(
    id: String,
    heading: String,
    columns: &[Msg],
    rows: Vec<Vec<String>>,
    bars: Option<Bars>,
    lang: Lang,
) -> AnyView {
    let header: Vec<String> = columns.iter().map(|c| c.text(lang).to_string()).collect();
    let chart = bars.map(
        |Bars {
             values,
             format,
             column,
         }| {
            let labelled: Vec<(String, f64)> = rows
                .iter()
                .zip(values)
                .map(|(row, value)| (row[0].clone(), value))
                .collect();
            let tips: Vec<String> = rows.iter().map(|row| row.join(" · ")).collect();
            let y = header.get(column).cloned().unwrap_or_default();
            let (summary, x) = (heading.clone(), header[0].clone());
            view! {
                <ChartView
                    chart=Signal::derive(move || Chart::Bars(labelled.clone()))
                    tips=Signal::derive(move || tips.clone())
                    summary=Signal::derive(move || summary.clone())
                    x_title=Signal::derive(move || x.clone())
                    y_title=Signal::derive(move || y.clone())
                    format
                />
            }
        },
    );
    let file = format!("{heading}.csv");
    let table_file = std::iter::once(header.clone())
        .chain(rows.iter().cloned())
        .collect::<Vec<_>>();
    view! {
        <section class="sales-report" aria-labelledby=id.clone()>
            <h2 id=id.clone()>{heading}</h2>
            {chart}
            // A narrow screen scrolls the table, not the page.
            <div class="table-scroll">
                <table class="records">
                    <thead>
                        <tr>{header.into_iter().map(|cell| view! { <th scope="col">{cell}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|row| view! { <tr>{row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}</tr> })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <button
                type="button"
                on:click=move |_| download(&file, "text/csv;charset=utf-8", &csv_file(table_file.clone()))
            >
                {Msg::ExportCsv.text(lang)}
            </button>
        </section>
    }
    .into_any()
}
