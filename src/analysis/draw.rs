//! Charts drawn in the worker on an `OffscreenCanvas`, handed to the page as an `ImageBitmap`
//! with their marks' hit areas: plotters and the chart code stay out of the page's wasm.
//!
//! plotters-canvas draws on a `CanvasRenderingContext2d`, which a worker does not have; the
//! offscreen context answers every call it makes. Two things differ, both mended here: its
//! constructor checks the context's class (so the worker's global scope names the offscreen class
//! as the on-screen one, see [`offscreen_as_onscreen`]), and plotters measures text by laying out
//! a DOM element (so [`OffscreenBackend`] measures with the context's `measureText`).

use super::protocol::DrawRequest;
use hearth_charts::{draw, Axes, Chart, FlatChart, HitArea, Palette};
use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlCanvasElement, ImageBitmap, OffscreenCanvas, OffscreenCanvasRenderingContext2d};

/// Draws the requested chart; returns its picture and its marks' hit areas.
pub fn chart(request: &DrawRequest) -> Result<(ImageBitmap, Vec<HitArea>), String> {
    offscreen_as_onscreen()?;
    let canvas =
        OffscreenCanvas::new(request.width.max(1), request.height.max(1)).map_err(describe)?;
    let measure: OffscreenCanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(describe)?
        .ok_or("no 2d context on an offscreen canvas")?
        .unchecked_into();
    let inner =
        CanvasBackend::with_canvas_object(canvas.clone().unchecked_into::<HtmlCanvasElement>())
            .ok_or("plotters-canvas refused the offscreen canvas")?;
    let root = OffscreenBackend { inner, measure }.into_drawing_area();
    let format = request.format;
    let format = move |value: f64| format.format(value);
    let axes = Axes {
        x: &request.x_title,
        y: &request.y_title,
        format: &format,
    };
    let palette = Palette::for_theme(request.dark);
    let flat = FlatChart {
        numbers: request.numbers.clone(),
        labels: request.labels.clone(),
    };
    let chart = Chart::unflatten(&flat).ok_or("the chart to draw is not one the page writes")?;
    let hits = draw(&root, &chart, &axes, &palette, request.scale)
        .map_err(|error| format!("chart drawing failed: {error}"))?;
    let bitmap = canvas.transfer_to_image_bitmap().map_err(describe)?;
    Ok((bitmap, hits))
}

fn describe(error: JsValue) -> String {
    format!("{error:?}")
}

/// Names `OffscreenCanvasRenderingContext2D` `CanvasRenderingContext2D` in the worker's global
/// scope, once: the class check plotters-canvas makes on its context then passes.
fn offscreen_as_onscreen() -> Result<(), String> {
    let global = js_sys::global();
    let onscreen = JsValue::from_str("CanvasRenderingContext2D");
    if js_sys::Reflect::has(&global, &onscreen).map_err(describe)? {
        return Ok(());
    }
    let offscreen = js_sys::Reflect::get(&global, &"OffscreenCanvasRenderingContext2D".into())
        .map_err(describe)?;
    js_sys::Reflect::set(&global, &onscreen, &offscreen).map_err(describe)?;
    Ok(())
}

/// plotters-canvas's backend, measuring text with the offscreen context.
struct OffscreenBackend {
    inner: CanvasBackend,
    measure: OffscreenCanvasRenderingContext2d,
}

type Drawn = Result<(), DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>>;

impl DrawingBackend for OffscreenBackend {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Drawn {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Drawn {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Drawn {
        self.inner.fill_polygon(vertices, style)
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Drawn {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        // The font as plotters-canvas sets it before drawing text.
        self.measure.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let width = self
            .measure
            .measure_text(text)
            .map_or(0.0, |metrics| metrics.width());
        Ok((width.ceil() as u32, style.size().ceil() as u32))
    }
}
