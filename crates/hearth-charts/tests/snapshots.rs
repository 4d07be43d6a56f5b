//! Every chart kind rendered to SVG and compared with the stored snapshot (`UPDATE_SNAPSHOTS=1`
//! rewrites them after a deliberate change; look at the files before committing).

use hearth_charts::{draw, hit, Axes, Chart, Colour, Palette, ScatterPoint, Series};
use plotters::prelude::*;
use std::path::PathBuf;

fn render(chart: &Chart, dark: bool) -> (String, Vec<hearth_charts::HitArea>) {
    let mut svg = String::new();
    let format = |v: f64| format!("{v:.0}");
    let hits = {
        let root = SVGBackend::with_string(&mut svg, (480, 300)).into_drawing_area();
        draw(
            &root,
            chart,
            &Axes {
                x: "x axis",
                y: "y axis",
                format: &format,
            },
            &Palette::for_theme(dark),
            1.0,
        )
        .expect("drawing to a string succeeds")
    };
    (svg, hits)
}

fn check(name: &str, chart: &Chart) -> Vec<hearth_charts::HitArea> {
    let (svg, hits) = render(chart, false);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.svg"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &svg).expect("snapshot written");
    } else {
        let stored = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "no snapshot {}: run with UPDATE_SNAPSHOTS=1",
                path.display()
            )
        });
        assert!(stored == svg, "{name} differs from {}", path.display());
    }
    let (dark, _) = render(chart, true);
    assert_ne!(dark, svg, "{name}: the dark theme changes colours");
    hits
}

fn bars(n: usize) -> Chart {
    Chart::Bars(
        (0..n)
            .map(|i| (format!("b{i}"), (i * 10 + 5) as f64))
            .collect(),
    )
}

#[test]
fn bars_snapshot_and_hits() {
    let hits = check("bars", &bars(4));
    assert_eq!(hits.len(), 4);
    // The middle of each bar hits that bar; far outside hits nothing.
    for area in &hits {
        let (x, y) = ((area.left + area.right) / 2, (area.top + area.bottom) / 2);
        assert_eq!(hit(&hits, x, y, 4), Some(area.index));
    }
    assert_eq!(hit(&hits, 0, 0, 4), None);
    // Taller values draw taller bars.
    assert!(hits[3].bottom - hits[3].top > hits[0].bottom - hits[0].top);
}

#[test]
fn bars_empty_and_one() {
    assert!(check("bars-empty", &bars(0)).is_empty());
    assert_eq!(check("bars-one", &bars(1)).len(), 1);
}

#[test]
fn heatmap_snapshot_and_hits() {
    let chart = Chart::Heatmap {
        rows: (0..5)
            .map(|r| (0..5).map(|c| (r * 5 + c) as f64).collect())
            .collect(),
        row_labels: (1..=5).map(|r| format!("R{r}")).collect(),
        column_labels: (1..=5).map(|f| format!("F{f}")).collect(),
    };
    let hits = check("heatmap", &chart);
    assert_eq!(hits.len(), 25);
    // Row 0 is drawn at the bottom.
    assert!(hits[0].top > hits[20].top);
    let cell = hits[7];
    assert_eq!(
        hit(
            &hits,
            (cell.left + cell.right) / 2,
            (cell.top + cell.bottom) / 2,
            0
        ),
        Some(7)
    );
}

#[test]
fn heatmap_empty_and_one() {
    let chart = Chart::Heatmap {
        rows: vec![],
        row_labels: vec![],
        column_labels: vec![],
    };
    assert!(check("heatmap-empty", &chart).is_empty());
    let one = Chart::Heatmap {
        rows: vec![vec![3.0]],
        row_labels: vec!["R1".into()],
        column_labels: vec!["F1".into()],
    };
    assert_eq!(check("heatmap-one", &one).len(), 1);
}

#[test]
fn scatter_snapshot_and_hits() {
    let points: Vec<ScatterPoint> = (0..12)
        .map(|i| ScatterPoint {
            x: f64::from(i),
            y: f64::from(i * i % 7),
            colour: if i % 2 == 0 {
                Colour::Category(i as usize % 3)
            } else {
                Colour::Scale(f64::from(i) / 12.0)
            },
        })
        .collect();
    let hits = check("scatter", &points_chart(points.clone()));
    assert_eq!(hits.len(), 12);
    let p = hits[5];
    assert_eq!(
        hit(&hits, (p.left + p.right) / 2 + 2, (p.top + p.bottom) / 2, 6),
        Some(5)
    );
    assert_eq!(
        check("scatter-one", &points_chart(points[..1].to_vec())).len(),
        1
    );
    assert!(check("scatter-empty", &points_chart(vec![])).is_empty());
}

fn points_chart(points: Vec<ScatterPoint>) -> Chart {
    Chart::Scatter(points)
}

#[test]
fn lines_snapshot_and_hits() {
    let chart = Chart::Lines(vec![
        Series {
            name: "actual".into(),
            points: (0..10)
                .map(|w| (f64::from(w), f64::from(w % 4 + 2)))
                .collect(),
        },
        Series {
            name: "predicted".into(),
            points: (0..10).map(|w| (f64::from(w), 3.0)).collect(),
        },
    ]);
    let hits = check("lines", &chart);
    assert_eq!(hits.len(), 20);
    assert_eq!(hits[13].index, 13, "second series continues the numbering");
    let one = Chart::Lines(vec![Series {
        name: "k".into(),
        points: vec![(2.0, 5.0)],
    }]);
    assert_eq!(check("lines-one", &one).len(), 1);
    assert!(check("lines-empty", &Chart::Lines(vec![])).is_empty());
}

#[test]
fn sparkline_spans_the_box_lowest_at_the_bottom() {
    use hearth_charts::sparkline_points;
    assert_eq!(
        sparkline_points(&[1.0, 3.0, 2.0], 100.0, 20.0),
        "0.0,20.0 50.0,0.0 100.0,10.0"
    );
    assert_eq!(
        sparkline_points(&[5.0, 5.0], 10.0, 20.0),
        "0.0,10.0 10.0,10.0",
        "flat in the middle"
    );
    assert_eq!(sparkline_points(&[], 10.0, 20.0), "");
    assert_eq!(sparkline_points(&[7.0], 10.0, 20.0), "0.0,10.0");
}

#[test]
fn several_series_leave_their_legend_to_the_page() {
    use hearth_charts::page_legend;
    let series = |n: usize| {
        Chart::Lines(
            (0..n)
                .map(|i| Series {
                    name: format!("s{i}"),
                    points: vec![(0.0, i as f64), (1.0, 1.0)],
                })
                .collect(),
        )
    };
    assert!(page_legend(&series(1)).is_empty());
    assert_eq!(
        page_legend(&series(2)),
        vec![("s0".to_string(), 0), ("s1".to_string(), 1)]
    );
    assert_eq!(
        page_legend(&series(3)),
        vec![
            ("s0".to_string(), 0),
            ("s1".to_string(), 1),
            ("s2".to_string(), 2)
        ]
    );
    assert!(page_legend(&bars(3)).is_empty());
    check("lines-many", &series(10));
}
