//! The app's charts, drawn with plotters on any `DrawingBackend`: `<canvas>` in the browser, SVG
//! in native snapshot tests. Every chart returns the pixel areas of its marks, so a tooltip can
//! map the mouse back to the datum under it.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

mod flat;
pub use flat::{flatten_hits, unflatten_hits, FlatChart};

/// Colours of a chart in one theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Background.
    pub background: RGBColor,
    /// Labels.
    pub text: RGBColor,
    /// Axis lines.
    pub axis: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Categorical colours (series, clusters), distinguishable in both themes.
    pub categories: [RGBColor; 8],
    /// Low end of the value scale (heatmap cells, lift).
    pub low: RGBColor,
    /// High end of the value scale.
    pub high: RGBColor,
}

impl Palette {
    /// The palette matching the stylesheet's light or dark colours.
    pub fn for_theme(dark: bool) -> Palette {
        let categories = [
            RGBColor(0xc2, 0x5b, 0x12),
            RGBColor(0x1f, 0x77, 0xb4),
            RGBColor(0x2c, 0xa0, 0x2c),
            RGBColor(0x94, 0x67, 0xbd),
            RGBColor(0xd6, 0x27, 0x28),
            RGBColor(0x17, 0xbe, 0xcf),
            RGBColor(0x8c, 0x56, 0x4b),
            RGBColor(0xbc, 0xbd, 0x22),
        ];
        if dark {
            Palette {
                background: RGBColor(0x1b, 0x1e, 0x24),
                text: RGBColor(0xd8, 0xdc, 0xe3),
                axis: RGBColor(0x8a, 0x91, 0x9c),
                grid: RGBColor(0x33, 0x38, 0x41),
                categories: categories.map(|RGBColor(r, g, b)| {
                    // Lighter on a dark background.
                    RGBColor(lighten(r), lighten(g), lighten(b))
                }),
                low: RGBColor(0x26, 0x2b, 0x33),
                high: RGBColor(0xf0, 0x9a, 0x4a),
            }
        } else {
            Palette {
                background: RGBColor(0xff, 0xff, 0xff),
                text: RGBColor(0x2a, 0x2f, 0x38),
                axis: RGBColor(0x6b, 0x72, 0x7d),
                grid: RGBColor(0xe6, 0xe8, 0xec),
                categories,
                low: RGBColor(0xfb, 0xf1, 0xe8),
                high: RGBColor(0xc2, 0x5b, 0x12),
            }
        }
    }

    /// The categorical colour of `index` (cycling).
    pub fn category(&self, index: usize) -> RGBColor {
        self.categories[index % self.categories.len()]
    }

    /// The colour `share` (0..=1) of the way from `low` to `high`.
    pub fn scale(&self, share: f64) -> RGBColor {
        let t = if share.is_finite() {
            share.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        RGBColor(
            mix(self.low.0, self.high.0),
            mix(self.low.1, self.high.1),
            mix(self.low.2, self.high.2),
        )
    }
}

fn lighten(channel: u8) -> u8 {
    (u16::from(channel) + (255 - u16::from(channel)) / 3) as u8
}

/// The pixel box of one mark, in backend pixels; `index` is the datum's position in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HitArea {
    /// Position of the datum in the chart's input.
    pub index: usize,
    /// Left edge.
    pub left: i32,
    /// Top edge.
    pub top: i32,
    /// Right edge.
    pub right: i32,
    /// Bottom edge.
    pub bottom: i32,
}

impl HitArea {
    fn around(index: usize, (x, y): (i32, i32), radius: i32) -> HitArea {
        HitArea {
            index,
            left: x - radius,
            top: y - radius,
            right: x + radius,
            bottom: y + radius,
        }
    }

    fn distance_squared(&self, x: i32, y: i32) -> i64 {
        let dx = i64::from((self.left - x).max(0).max(x - self.right));
        let dy = i64::from((self.top - y).max(0).max(y - self.bottom));
        dx * dx + dy * dy
    }
}

/// The datum under pixel (`x`, `y`): the nearest area within `slack` pixels (so a thin mark is
/// still easy to hover), the last drawn winning ties as it is on top.
pub fn hit(areas: &[HitArea], x: i32, y: i32, slack: i32) -> Option<usize> {
    let limit = i64::from(slack) * i64::from(slack);
    areas
        .iter()
        .rev()
        .map(|area| (area.distance_squared(x, y), area.index))
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, index)| index)
}

/// The points of a sparkline through `values`, scaled into a `width` × `height` box (y grows
/// down, the lowest value at the bottom), as an SVG `polyline` wants them: `"x,y x,y …"`.
pub fn sparkline_points(values: &[f64], width: f64, height: f64) -> String {
    let finite = || values.iter().copied().filter(|v| v.is_finite());
    let low = finite().fold(f64::INFINITY, f64::min);
    let high = finite().fold(f64::NEG_INFINITY, f64::max);
    let span = if high > low { high - low } else { 1.0 };
    let step = if values.len() > 1 {
        width / (values.len() - 1) as f64
    } else {
        0.0
    };
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let v = if v.is_finite() { v } else { low };
            let y = if high > low {
                height - (v - low) / span * height
            } else {
                height / 2.0
            };
            format!("{:.1},{:.1}", i as f64 * step, y)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One point of a scatter chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScatterPoint {
    /// Horizontal value.
    pub x: f64,
    /// Vertical value.
    pub y: f64,
    /// Colour: a category, or a share of the value scale.
    pub colour: Colour,
}

/// How a mark is coloured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Colour {
    /// Categorical colour `n`.
    Category(usize),
    /// The value scale at a share 0..=1.
    Scale(f64),
}

/// A named line of `(x, y)` points.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend name.
    pub name: String,
    /// Points in x order.
    pub points: Vec<(f64, f64)>,
}

/// The series names a page should list beside `chart`, each with its categorical colour index:
/// the legend of a line chart of several series. It is never drawn inside the chart: plotters
/// lays a legend out by measuring its text through the DOM, which the worker drawing the charts
/// does not have.
pub fn page_legend(chart: &Chart) -> Vec<(String, usize)> {
    match chart {
        Chart::Lines(series) if series.len() > 1 => series
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.clone(), i))
            .collect(),
        _ => Vec::new(),
    }
}

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// One bar per `(label, value)`.
    Bars(Vec<(String, f64)>),
    /// A grid of values: `rows[r][c]`, row 0 at the bottom; labels name rows and columns.
    Heatmap {
        /// Values by row, then column.
        rows: Vec<Vec<f64>>,
        /// Row labels, bottom up.
        row_labels: Vec<String>,
        /// Column labels, left to right.
        column_labels: Vec<String>,
    },
    /// Points.
    Scatter(Vec<ScatterPoint>),
    /// Lines with markers.
    Lines(Vec<Series>),
}

/// Axis titles and the value formatter of a chart.
pub struct Axes<'a> {
    /// Horizontal axis title.
    pub x: &'a str,
    /// Vertical axis title.
    pub y: &'a str,
    /// Writes value-axis (and cell) numbers.
    pub format: &'a dyn Fn(f64) -> String,
}

type DrawResult<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Draws `chart` filling `root`; `scale` multiplies sizes (devicePixelRatio). Returns the hit
/// areas of its marks, indexed as the input: bars and points by position, heatmap cells by
/// `r * columns + c`, line points by their position across all series in order.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    axes: &Axes,
    palette: &Palette,
    scale: f64,
) -> DrawResult<Vec<HitArea>, DB> {
    root.fill(&palette.background)?;
    let hits = match chart {
        Chart::Bars(bars) => bars_on(root, bars, axes, palette, scale)?,
        Chart::Heatmap {
            rows,
            row_labels,
            column_labels,
        } => heatmap_on(root, rows, row_labels, column_labels, axes, palette, scale)?,
        Chart::Scatter(points) => scatter_on(root, points, axes, palette, scale)?,
        Chart::Lines(series) => lines_on(root, series, axes, palette, scale)?,
    };
    root.present()?;
    Ok(hits)
}

fn px(size: f64, scale: f64) -> u32 {
    (size * scale).round() as u32
}

fn label_font(palette: &Palette, scale: f64) -> TextStyle<'static> {
    ("sans-serif", 12.0 * scale)
        .into_font()
        .color(&palette.text)
}

/// A range covering `values` with a little room, never empty.
fn padded_range(values: impl Iterator<Item = f64>, from_zero: bool) -> std::ops::Range<f64> {
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        low = low.min(v);
        high = high.max(v);
    }
    if from_zero {
        low = low.min(0.0);
        high = high.max(0.0);
    }
    if !low.is_finite() {
        return 0.0..1.0;
    }
    let span = high - low;
    let pad = if span > 0.0 {
        span * 0.08
    } else {
        low.abs().max(1.0) * 0.5
    };
    let low = if from_zero && low >= 0.0 {
        0.0
    } else {
        low - pad
    };
    low..high + pad
}

fn bars_on<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    bars: &[(String, f64)],
    axes: &Axes,
    palette: &Palette,
    scale: f64,
) -> DrawResult<Vec<HitArea>, DB> {
    let range = padded_range(bars.iter().map(|(_, v)| *v), true);
    let mut chart = ChartBuilder::on(root)
        .margin(px(10.0, scale))
        .x_label_area_size(px(40.0, scale))
        .y_label_area_size(px(70.0, scale))
        // A segmented range of 0..n has n + 1 segments: one per bar means 0..n - 1.
        .build_cartesian_2d((0..bars.len().saturating_sub(1)).into_segmented(), range)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(bars.len().max(1))
        .x_label_formatter(&|x| match x {
            SegmentValue::CenterOf(i) => bars.get(*i).map(|(l, _)| l.clone()).unwrap_or_default(),
            _ => String::new(),
        })
        .y_labels(5)
        .y_label_formatter(&|v| (axes.format)(*v))
        .x_desc(axes.x)
        .y_desc(axes.y)
        .label_style(label_font(palette, scale))
        .axis_desc_style(label_font(palette, scale))
        .axis_style(palette.axis)
        .bold_line_style(palette.grid)
        .light_line_style(TRANSPARENT)
        .draw()?;
    let mut hits = Vec::with_capacity(bars.len());
    for (i, (_, value)) in bars.iter().enumerate() {
        let corners = [
            (SegmentValue::Exact(i), 0.0),
            (SegmentValue::Exact(i + 1), *value),
        ];
        let mut bar = Rectangle::new(corners.clone(), palette.category(0).filled());
        bar.set_margin(0, 0, px(4.0, scale), px(4.0, scale));
        chart.draw_series(std::iter::once(bar))?;
        let (a, b) = (
            chart.backend_coord(&corners[0]),
            chart.backend_coord(&corners[1]),
        );
        hits.push(HitArea {
            index: i,
            left: a.0.min(b.0),
            top: a.1.min(b.1),
            right: a.0.max(b.0),
            bottom: a.1.max(b.1),
        });
    }
    Ok(hits)
}

fn heatmap_on<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    rows: &[Vec<f64>],
    row_labels: &[String],
    column_labels: &[String],
    axes: &Axes,
    palette: &Palette,
    scale: f64,
) -> DrawResult<Vec<HitArea>, DB> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let max = rows.iter().flatten().copied().fold(0.0, f64::max);
    let mut chart = ChartBuilder::on(root)
        .margin(px(10.0, scale))
        .x_label_area_size(px(40.0, scale))
        .y_label_area_size(px(50.0, scale))
        .build_cartesian_2d(0.0..columns.max(1) as f64, 0.0..rows.len().max(1) as f64)?;
    let label_at = |labels: &[String], v: f64| {
        let i = v.floor();
        if (v - i - 0.5).abs() < 1e-9 && i >= 0.0 {
            labels.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(columns.max(1) * 2 + 1)
        .y_labels(rows.len().max(1) * 2 + 1)
        .x_label_formatter(&|v| label_at(column_labels, *v))
        .y_label_formatter(&|v| label_at(row_labels, *v))
        .x_desc(axes.x)
        .y_desc(axes.y)
        .label_style(label_font(palette, scale))
        .axis_desc_style(label_font(palette, scale))
        .axis_style(palette.axis)
        .draw()?;
    let mut hits = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, &value) in row.iter().enumerate() {
            let share = if max > 0.0 { value / max } else { 0.0 };
            let (x, y) = (c as f64, r as f64);
            let mut cell =
                Rectangle::new([(x, y), (x + 1.0, y + 1.0)], palette.scale(share).filled());
            cell.set_margin(1, 1, 1, 1);
            chart.draw_series(std::iter::once(cell))?;
            let text_colour = if share > 0.55 {
                palette.background
            } else {
                palette.text
            };
            chart.draw_series(std::iter::once(Text::new(
                (axes.format)(value),
                (x + 0.5, y + 0.5),
                label_font(palette, scale).color(&text_colour).pos(
                    plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Center,
                        plotters::style::text_anchor::VPos::Center,
                    ),
                ),
            )))?;
            let (a, b) = (
                chart.backend_coord(&(x, y)),
                chart.backend_coord(&(x + 1.0, y + 1.0)),
            );
            hits.push(HitArea {
                index: r * columns + c,
                left: a.0.min(b.0),
                top: a.1.min(b.1),
                right: a.0.max(b.0),
                bottom: a.1.max(b.1),
            });
        }
    }
    Ok(hits)
}

fn mark_colour(palette: &Palette, colour: Colour) -> RGBColor {
    match colour {
        Colour::Category(n) => palette.category(n),
        Colour::Scale(share) => palette.scale(0.25 + 0.75 * share),
    }
}

/// A chart over two value ranges with its mesh drawn: `x_labels` is (how many, whether the value
/// formatter writes them; otherwise they are indexes such as k or weeks).
fn value_chart<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    (x_range, y_range): (std::ops::Range<f64>, std::ops::Range<f64>),
    (x_labels, format_x): (usize, bool),
    axes: &Axes,
    palette: &Palette,
    scale: f64,
) -> DrawResult<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>, DB> {
    let mut chart = ChartBuilder::on(root)
        .margin(px(10.0, scale))
        .x_label_area_size(px(40.0, scale))
        .y_label_area_size(px(60.0, scale))
        .build_cartesian_2d(x_range, y_range)?;
    let format = |v: &f64| (axes.format)(*v);
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(x_labels)
        .y_labels(6)
        .y_label_formatter(&format)
        .x_desc(axes.x)
        .y_desc(axes.y)
        .label_style(label_font(palette, scale))
        .axis_desc_style(label_font(palette, scale))
        .axis_style(palette.axis)
        .bold_line_style(palette.grid)
        .light_line_style(TRANSPARENT);
    // Indexes (k, weeks, months) read as whole numbers, not "2.0".
    let index = |v: &f64| {
        if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    };
    if format_x {
        mesh.x_label_formatter(&format);
    } else {
        mesh.x_label_formatter(&index);
    }
    mesh.draw()?;
    Ok(chart)
}

fn scatter_on<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: &[ScatterPoint],
    axes: &Axes,
    palette: &Palette,
    scale: f64,
) -> DrawResult<Vec<HitArea>, DB> {
    let x_range = padded_range(points.iter().map(|p| p.x), false);
    let y_range = padded_range(points.iter().map(|p| p.y), false);
    let mut chart = value_chart(root, (x_range, y_range), (6, true), axes, palette, scale)?;
    let radius = px(3.0, scale).max(1);
    chart.draw_series(points.iter().map(|p| {
        Circle::new(
            (p.x, p.y),
            radius,
            mark_colour(palette, p.colour).mix(0.75).filled(),
        )
    }))?;
    Ok(points
        .iter()
        .enumerate()
        .map(|(i, p)| HitArea::around(i, chart.backend_coord(&(p.x, p.y)), radius as i32))
        .collect())
}

fn lines_on<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    series: &[Series],
    axes: &Axes,
    palette: &Palette,
    scale: f64,
) -> DrawResult<Vec<HitArea>, DB> {
    let all = || series.iter().flat_map(|s| s.points.iter());
    let x_range = padded_range(all().map(|p| p.0), false);
    let y_range = padded_range(all().map(|p| p.1), true);
    let mut chart = value_chart(root, (x_range, y_range), (8, false), axes, palette, scale)?;
    let radius = px(3.0, scale).max(1);
    let mut hits = Vec::new();
    for (n, line) in series.iter().enumerate() {
        let colour = palette.category(n);
        let width = px(2.0, scale).max(1);
        chart.draw_series(LineSeries::new(
            line.points.iter().copied(),
            colour.stroke_width(width),
        ))?;
        chart.draw_series(
            line.points
                .iter()
                .map(|&p| Circle::new(p, radius, colour.filled())),
        )?;
        for &p in &line.points {
            hits.push(HitArea::around(
                hits.len(),
                chart.backend_coord(&p),
                radius as i32,
            ));
        }
    }
    Ok(hits)
}
