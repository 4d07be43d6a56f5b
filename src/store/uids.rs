//! Globally unique record ids (ULIDs) made from the browser's clock and its cryptographic random
//! numbers, given to every record on its first write; and the schema step that gives them to the
//! records an older release stored.

use super::changes::stored_revision;
use hearth_domain::Uid;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Bytes of randomness fetched per `crypto.getRandomValues` call (its limit is 65,536): one
/// call serves 4,096 ids, so writing a large workspace makes few calls.
const RANDOM_BATCH: usize = 65_536;

thread_local! {
    static RANDOM: std::cell::RefCell<(Vec<u8>, usize)> = const { std::cell::RefCell::new((Vec::new(), 0)) };
}

/// 128 random bits from `crypto.getRandomValues` (in a page or a worker alike), of which a ULID
/// uses 80.
fn random_bits() -> u128 {
    RANDOM.with_borrow_mut(|(buffer, used)| {
        if *used + 16 > buffer.len() {
            buffer.resize(RANDOM_BATCH, 0);
            let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into())
                .ok()
                .and_then(|crypto| crypto.dyn_into::<web_sys::Crypto>().ok());
            if let Some(crypto) = crypto {
                let _ = crypto.get_random_values_with_u8_array(buffer);
            }
            *used = 0;
        }
        let mut bits = [0u8; 16];
        bits.copy_from_slice(&buffer[*used..*used + 16]);
        *used += 16;
        u128::from_le_bytes(bits)
    })
}

/// A new record id: now, and fresh randomness.
pub fn new_uid() -> Uid {
    Uid::from_parts(js_sys::Date::now() as u64, random_bits())
}

/// The `uid` of a stored or serialized record, if it has a non-empty one.
pub(super) fn uid_of(value: &JsValue) -> Option<String> {
    js_sys::Reflect::get(value, &"uid".into())
        .ok()
        .and_then(|uid| uid.as_string())
        .filter(|uid| !uid.is_empty())
}

/// Sets `value`'s `uid` to `uid`.
pub(super) fn set_uid(value: &JsValue, uid: &str) -> Result<(), JsValue> {
    js_sys::Reflect::set(value, &"uid".into(), &uid.into()).map(drop)
}

/// Gives `value` a new uid unless it has one.
pub(super) fn ensure_uid(value: &JsValue) -> Result<(), JsValue> {
    if uid_of(value).is_none() {
        set_uid(value, &new_uid().0)?;
    }
    Ok(())
}

/// Gives a stored record what schema step 5 added: a uid, and a revision of at least 1 (it has
/// been written once).
pub(super) fn give_metadata(value: &JsValue) -> Result<(), JsValue> {
    ensure_uid(value)?;
    if stored_revision(value) == 0 {
        js_sys::Reflect::set(value, &"revision".into(), &JsValue::from(1))?;
    }
    Ok(())
}

/// Walks every record of object store `name` inside the upgrade transaction: `each` gets the
/// cursor and its value (and moves the cursor on), `end` runs after the last. An error from
/// either aborts the upgrade, so the database stays at its old version, whole.
pub(super) fn walk_in_upgrade(
    upgrade: &web_sys::IdbTransaction,
    name: &str,
    mut each: impl FnMut(&web_sys::IdbCursorWithValue, JsValue) -> Result<(), JsValue> + 'static,
    mut end: impl FnMut() -> Result<(), JsValue> + 'static,
) -> Result<(), JsValue> {
    let request = upgrade.object_store(name)?.open_cursor()?;
    let transaction = upgrade.clone();
    let on_success = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let mut step = || -> Result<(), JsValue> {
            let request: web_sys::IdbRequest = event.target().ok_or("no request")?.dyn_into()?;
            let result = request.result()?;
            if result.is_null() || result.is_undefined() {
                return end();
            }
            let cursor: web_sys::IdbCursorWithValue = result.dyn_into()?;
            let value = cursor.value()?;
            each(&cursor, value)
        };
        if let Err(error) = step() {
            web_sys::console::error_2(&"schema upgrade failed:".into(), &error);
            let _ = transaction.abort();
        }
    });
    request.set_onsuccess(Some(on_success.as_ref().unchecked_ref()));
    // The handler lives as long as the cursor runs; it is small and runs once per upgrade.
    on_success.forget();
    Ok(())
}

/// Schema step 5, inside the upgrade transaction: every record of `stores` gets a uid and a
/// revision of at least 1 ([`give_metadata`]), rewritten through a cursor.
pub(super) fn add_metadata(
    upgrade: &web_sys::IdbTransaction,
    stores: &[&str],
) -> Result<(), JsValue> {
    for name in stores {
        walk_in_upgrade(
            upgrade,
            name,
            |cursor, value| {
                give_metadata(&value)?;
                cursor.update(&value)?;
                cursor.continue_()
            },
            || Ok(()),
        )?;
    }
    Ok(())
}
