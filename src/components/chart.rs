//! A chart on `<canvas>`: drawn in the worker by `hearth-charts` with plotters (see
//! `analysis::draw`), sharp on HiDPI screens (the backing store is scaled by devicePixelRatio),
//! coloured for the current theme, with a tooltip mapped from the mouse back to the datum, a PNG
//! download, and a table of the same data for screen readers.

use crate::analysis::bridge::use_analyses;
use crate::analysis::protocol::DrawRequest;
use crate::app::ThemeChoice;
use crate::i18n::{use_i18n, Msg, ValueFormat};
use crate::settings::is_dark;
use hearth_charts::{hit, page_legend, Chart, HitArea, Palette};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::style::RGBColor;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Pixels (CSS) around a mark that still count as hovering it.
const HOVER_SLACK: f64 = 6.0;

/// A chart widget. `tips[i]` describes datum `i` in the chart's hit order (bars and points by
/// position, heatmap cells row by row, line points series after series); the tooltip and the
/// screen-reader table show them. `on_select` is called with the index of a clicked datum.
#[component]
pub fn ChartView(
    #[prop(into)] chart: Signal<Chart>,
    #[prop(into)] tips: Signal<Vec<String>>,
    /// Names the chart for assistive technology and the downloaded file.
    #[prop(into)]
    summary: Signal<String>,
    #[prop(into)] x_title: Signal<String>,
    #[prop(into)] y_title: Signal<String>,
    format: ValueFormat,
    #[prop(optional_no_strip)] on_select: Option<Callback<usize>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let analyses = use_analyses();
    let ThemeChoice(theme) = expect_context::<ThemeChoice>();
    let canvas_ref = NodeRef::<Canvas>::new();
    let hits = StoredValue::new(Vec::<HitArea>::new());
    let scale_used = StoredValue::new(1.0_f64);
    let hovered = RwSignal::new(None::<(usize, f64, f64)>);
    // Drawing and the screen-reader table each run in a task of their own, after the page that
    // shows them has rendered: several charts appearing together never make one long task.
    Effect::new(move || {
        let chart = chart.get();
        let (x_title, y_title) = (x_title.get(), y_title.get());
        let dark = is_dark(theme.get());
        set_timeout(
            move || {
                let Some(canvas) = canvas_ref.get_untracked() else {
                    return;
                };
                let scale = web_sys::window()
                    .map_or(1.0, |window| window.device_pixel_ratio())
                    .max(1.0);
                // The backing store gets device pixels so lines stay sharp; CSS keeps the layout.
                let css_width = f64::from(canvas.client_width().max(320));
                let css_height = f64::from(canvas.client_height().max(200));
                let flat = chart.flatten();
                let request = DrawRequest {
                    id: 0,
                    numbers: flat.numbers,
                    labels: flat.labels,
                    x_title,
                    y_title,
                    format,
                    dark,
                    width: (css_width * scale) as u32,
                    height: (css_height * scale) as u32,
                    scale,
                };
                analyses.draw(request, move |picture, areas| {
                    show(&canvas, &picture);
                    hits.set_value(areas);
                    scale_used.set_value(scale);
                });
            },
            Duration::ZERO,
        );
    });
    let table_tips = RwSignal::new(Vec::<String>::new());
    Effect::new(move || {
        let tips = tips.get();
        set_timeout(move || table_tips.set(tips), Duration::ZERO);
    });
    let datum_at = move |event: &web_sys::MouseEvent| {
        let scale = scale_used.get_value();
        let (x, y) = (event.offset_x(), event.offset_y());
        let index = hits.with_value(|areas| {
            hit(
                areas,
                (x * scale) as i32,
                (y * scale) as i32,
                (HOVER_SLACK * scale) as i32,
            )
        });
        index.map(|index| (index, x, y))
    };
    let on_move = move |event: web_sys::MouseEvent| hovered.set(datum_at(&event));
    let on_click = move |event: web_sys::MouseEvent| {
        if let (Some(select), Some((index, _, _))) = (on_select, datum_at(&event)) {
            select.run(index);
        }
    };
    let download = move |_| {
        let Some(canvas) = canvas_ref.get_untracked() else {
            return;
        };
        let Ok(url) = canvas.to_data_url_with_type("image/png") else {
            return;
        };
        let name = format!("{}.png", summary.get_untracked());
        let link = document().create_element("a").ok();
        if let Some(link) =
            link.and_then(|l| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlAnchorElement>(l).ok())
        {
            link.set_href(&url);
            link.set_download(&name);
            link.click();
        }
    };
    let tip = move || {
        hovered.get().and_then(|(index, x, y)| {
            tips.with(|tips| tips.get(index).cloned())
                .map(|text| (text, x, y))
        })
    };
    view! {
        <figure class="chart">
            <div class="chart-frame">
                <canvas
                    node_ref=canvas_ref
                    role="img"
                    aria-label=move || summary.get()
                    class:clickable=on_select.is_some()
                    on:mousemove=on_move
                    on:mouseleave=move |_| hovered.set(None)
                    on:click=on_click
                ></canvas>
                {move || {
                    tip()
                        .map(|(text, x, y)| {
                            view! {
                                <div
                                    class="chart-tooltip"
                                    role="tooltip"
                                    style=format!("left: {}px; top: {}px", x + 12.0, y + 12.0)
                                >
                                    {text}
                                </div>
                            }
                        })
                }}
            </div>
            {move || {
                let palette = Palette::for_theme(is_dark(theme.get()));
                let items = chart.with(page_legend);
                (!items.is_empty()).then(|| view! {
                    <ul class="chart-legend">
                        {items.into_iter().map(|(name, colour)| {
                            let RGBColor(r, g, b) = palette.category(colour);
                            view! { <li><span style=format!("background: rgb({r}, {g}, {b})")></span>{name}</li> }
                        }).collect_view()}
                    </ul>
                })
            }}
            <figcaption>
                <button type="button" class="quiet" on:click=download>
                    {i18n.text(Msg::DownloadPng)}
                </button>
            </figcaption>
            // Tables grow to fit their rows whatever their height, so the wrapper hides it.
            <div class="visually-hidden">
                <table>
                    <caption>{move || summary.get()}</caption>
                    <tbody>
                        {move || {
                            table_tips
                                .get()
                                .into_iter()
                                .map(|tip| view! { <tr><td>{tip}</td></tr> })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </figure>
    }
}

/// Shows a picture the worker drew on `canvas`, at its size.
fn show(canvas: &web_sys::HtmlCanvasElement, picture: &web_sys::ImageBitmap) {
    canvas.set_width(picture.width());
    canvas.set_height(picture.height());
    let context = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|context| context.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
    if let Some(context) = context {
        let _ = context.draw_image_with_image_bitmap(picture, 0.0, 0.0);
    }
    picture.close();
}

/// A titled section holding one chart: the heading names the chart for assistive technology and
/// the downloaded file too.
#[component]
pub fn ChartSection(
    id: &'static str,
    heading: Msg,
    #[prop(into)] chart: Signal<Chart>,
    #[prop(into)] tips: Signal<Vec<String>>,
    #[prop(into)] x_title: Signal<String>,
    #[prop(into)] y_title: Signal<String>,
    format: ValueFormat,
    #[prop(optional)] on_select: Option<Callback<usize>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{move || i18n.t(heading)}</h2>
            <ChartView
                chart
                tips
                summary=Signal::derive(move || i18n.t(heading).to_string())
                x_title
                y_title
                format
                on_select
            />
        </section>
    }
}
