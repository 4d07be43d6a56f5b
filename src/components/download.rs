//! Files the page makes and offers for download: nothing is uploaded anywhere.

use hearth_domain::export::spreadsheet_safe;
use wasm_bindgen::JsCast;

/// `rows` (the header first) as a CSV file in UTF-8 with a byte order mark, each cell safe to open
/// in a spreadsheet. The mark makes spreadsheet programs read the file as UTF-8 (Chinese and
/// accented names intact) instead of the system's legacy code page.
pub fn csv_file(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let _ = writer.write_record(row.iter().map(|cell| spreadsheet_safe(cell).into_owned()));
    }
    let csv = String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default();
    format!("\u{feff}{csv}")
}

/// Offers `text` as a file download named `name` of type `mime`, made in the page (nothing is
/// uploaded).
pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(link) = link {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
