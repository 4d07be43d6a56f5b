//! Charts drawn as the worker draws them, in a dedicated worker of headless Chromium (no DOM, an
//! `OffscreenCanvas`): a picture of the requested size and one hit area per mark.

use hearth_app::analysis::draw;
use hearth_app::analysis::protocol::DrawRequest;
use hearth_app::i18n::ValueFormat;
use hearth_charts::{Chart, Series};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

fn request(chart: Chart) -> DrawRequest {
    let flat = chart.flatten();
    DrawRequest {
        id: 1,
        numbers: flat.numbers,
        labels: flat.labels,
        x_title: "Month".into(),
        y_title: "Revenue".into(),
        format: ValueFormat::Money,
        dark: false,
        width: 640,
        height: 400,
        scale: 2.0,
    }
}

#[wasm_bindgen_test]
fn bars_are_drawn_with_one_hit_area_each() {
    let bars = vec![
        ("Jan".to_string(), 1200.0),
        ("Feb".into(), 800.0),
        ("三月".into(), 0.0),
    ];
    let (picture, hits) = draw::chart(&request(Chart::Bars(bars))).expect("drawn");
    assert_eq!((picture.width(), picture.height()), (640, 400));
    let mut indexes: Vec<usize> = hits.iter().map(|hit| hit.index).collect();
    indexes.sort_unstable();
    assert_eq!(indexes, vec![0, 1, 2]);
    // The taller bar's box starts higher up (y grows down).
    let top = |i: usize| hits.iter().find(|hit| hit.index == i).unwrap().top;
    assert!(top(0) < top(1), "{hits:?}");
}

#[wasm_bindgen_test]
fn lines_of_two_series_in_the_dark_theme_are_drawn_too() {
    // Two series: the kind whose legend plotters would measure through the DOM.
    let series = vec![
        Series {
            name: "Actual".into(),
            points: vec![(0.0, 1.0), (1.0, 3.0), (2.0, 2.0)],
        },
        Series {
            name: "Predicted".into(),
            points: vec![(0.0, 1.5), (1.0, 2.5)],
        },
    ];
    let mut dark = request(Chart::Lines(series));
    dark.dark = true;
    let (picture, hits) = draw::chart(&dark).expect("drawn");
    assert_eq!(picture.width(), 640);
    assert_eq!(hits.len(), 5);
}
