//! A bar chart on `<canvas>`, drawn with plotters, sharp on HiDPI screens, coloured for the current
//! theme, with a table of the same numbers for screen readers.
//!
//! The drawing is generic over plotters' `DrawingBackend`, so it can be rendered natively to SVG too.

use crate::app::ThemeChoice;
use crate::settings::is_dark;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// Colours of a chart in one theme.
#[derive(Debug, Clone, Copy)]
pub struct ChartPalette {
    /// Canvas background.
    pub background: RGBColor,
    /// Labels.
    pub text: RGBColor,
    /// Axis lines.
    pub axis: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Bars.
    pub bar: RGBColor,
}

impl ChartPalette {
    /// The palette matching the stylesheet's light or dark colours.
    pub fn for_theme(dark: bool) -> ChartPalette {
        if dark {
            ChartPalette {
                background: RGBColor(0x1b, 0x1e, 0x24),
                text: RGBColor(0xd8, 0xdc, 0xe3),
                axis: RGBColor(0x8a, 0x91, 0x9c),
                grid: RGBColor(0x33, 0x38, 0x41),
                bar: RGBColor(0xf0, 0x9a, 0x4a),
            }
        } else {
            ChartPalette {
                background: RGBColor(0xff, 0xff, 0xff),
                text: RGBColor(0x2a, 0x2f, 0x38),
                axis: RGBColor(0x6b, 0x72, 0x7d),
                grid: RGBColor(0xe6, 0xe8, 0xec),
                bar: RGBColor(0xc2, 0x5b, 0x12),
            }
        }
    }
}

/// Draws one bar per `(label, value)`; `scale` multiplies sizes for HiDPI canvases and
/// `format_value` writes the value axis labels.
pub fn draw_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    bars: &[(String, f64)],
    palette: &ChartPalette,
    scale: f64,
    format_value: &dyn Fn(f64) -> String,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&palette.background)?;
    let max = bars.iter().map(|(_, value)| *value).fold(0.0, f64::max);
    let top = if max > 0.0 { max * 1.1 } else { 1.0 };
    let px = |size: f64| (size * scale).round() as u32;
    let mut chart = ChartBuilder::on(root)
        .margin(px(10.0))
        .x_label_area_size(px(26.0))
        .y_label_area_size(px(70.0))
        // A segmented range of 0..n has n + 1 segments: one per bar means 0..n - 1.
        .build_cartesian_2d((0..bars.len().saturating_sub(1)).into_segmented(), 0.0..top)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(bars.len().max(1))
        .x_label_formatter(&|x| match x {
            SegmentValue::CenterOf(i) => bars
                .get(*i)
                .map(|(label, _)| label.clone())
                .unwrap_or_default(),
            _ => String::new(),
        })
        .y_labels(5)
        .y_label_formatter(&|value| format_value(*value))
        .label_style(
            ("sans-serif", 12.0 * scale)
                .into_font()
                .color(&palette.text),
        )
        .axis_style(palette.axis)
        .bold_line_style(palette.grid)
        .light_line_style(TRANSPARENT)
        .draw()?;
    chart.draw_series(bars.iter().enumerate().map(|(i, (_, value))| {
        let mut bar = Rectangle::new(
            [
                (SegmentValue::Exact(i), 0.0),
                (SegmentValue::Exact(i + 1), *value),
            ],
            palette.bar.filled(),
        );
        bar.set_margin(0, 0, px(4.0), px(4.0));
        bar
    }))?;
    root.present()
}

/// A bar chart widget: `bars` are `(label, value)`, `summary` names the chart for assistive technology,
/// `column_labels` head the table alternative.
#[component]
pub fn BarChart(
    #[prop(into)] bars: Signal<Vec<(String, f64)>>,
    #[prop(into)] summary: Signal<String>,
    #[prop(into)] column_labels: Signal<(String, String)>,
    format_value: fn(f64) -> String,
) -> impl IntoView {
    let ThemeChoice(theme) = expect_context::<ThemeChoice>();
    let canvas_ref = NodeRef::<Canvas>::new();
    Effect::new(move || {
        let bars = bars.get();
        let palette = ChartPalette::for_theme(is_dark(theme.get()));
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let scale = web_sys::window()
            .map_or(1.0, |window| window.device_pixel_ratio())
            .max(1.0);
        // The backing store gets device pixels so lines stay sharp; CSS keeps the layout size.
        let css_width = f64::from(canvas.client_width().max(320));
        let css_height = f64::from(canvas.client_height().max(200));
        canvas.set_width((css_width * scale) as u32);
        canvas.set_height((css_height * scale) as u32);
        if let Some(backend) = CanvasBackend::with_canvas_object(canvas) {
            let root = backend.into_drawing_area();
            if let Err(error) = draw_bars(&root, &bars, &palette, scale, &format_value) {
                web_sys::console::error_1(&format!("chart drawing failed: {error}").into());
            }
        }
    });
    view! {
        <figure class="chart">
            <canvas node_ref=canvas_ref role="img" aria-label=move || summary.get()></canvas>
            // Tables grow to fit their rows whatever their height, so the wrapper hides it.
            <div class="visually-hidden">
            <table>
                <caption>{move || summary.get()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || column_labels.get().0}</th>
                        <th scope="col">{move || column_labels.get().1}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        bars.get()
                            .into_iter()
                            .map(|(label, value)| {
                                view! {
                                    <tr>
                                        <th scope="row">{label}</th>
                                        <td>{format_value(value)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            </div>
        </figure>
    }
}
