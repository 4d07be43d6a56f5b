//! Entry point of the analytics Web Worker (trunk builds it as its own wasm, loaded by
//! `hearth-worker_loader.js`): answers each request message with `analysis::worker::answer`.

use hearth_app::analysis::protocol::Message;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, ImageBitmap, MessageEvent};

/// Posts `message` as postcard bytes (see `protocol`), the buffer transferred rather than copied,
/// with `picture` beside it when there is one.
fn post(scope: &DedicatedWorkerGlobalScope, message: &Message, picture: Option<&ImageBitmap>) {
    let Ok(bytes) = postcard::to_allocvec(message) else {
        return;
    };
    let bytes = js_sys::Uint8Array::from(bytes.as_slice());
    let transfer = js_sys::Array::of1(&bytes.buffer());
    let data: JsValue = match picture {
        Some(picture) => {
            transfer.push(picture);
            js_sys::Array::of2(&bytes, picture).into()
        }
        None => bytes.into(),
    };
    // Posting fails only while the worker is being terminated: nobody is listening then.
    let _ = scope.post_message_with_transfer(&data, &transfer);
}

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let listener = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        // A job is its JSON text, or [text, file] for an import.
        let data = event.data();
        let (request, file) = match data.dyn_ref::<js_sys::Array>() {
            Some(parts) => (parts.get(0).as_string(), parts.get(1).dyn_into().ok()),
            None => (data.as_string(), None),
        };
        let Some(request) = request else {
            return;
        };
        let scope = listener.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let clock = scope.performance();
            let now = || clock.as_ref().map_or(0.0, |p| p.now());
            hearth_app::analysis::worker::answer(
                &request,
                file,
                &|m| post(&scope, m, None),
                &|m, picture| post(&scope, m, Some(picture)),
                &now,
            )
            .await;
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&scope, &Message::Ready, None);
}
