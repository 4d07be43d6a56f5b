//! Whether the browser keeps the workspace: persistent storage (never evicted under storage
//! pressure without asking) and how much of the origin's quota the workspace uses.

use wasm_bindgen_futures::JsFuture;

/// What the browser says about this origin's storage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorageStatus {
    /// Whether the browser promised not to evict the data on its own.
    pub persisted: bool,
    /// Bytes used.
    pub usage: f64,
    /// Bytes the origin may use.
    pub quota: f64,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    Some(web_sys::window()?.navigator().storage())
}

/// Asks the browser to keep this origin's data persistently (it may grant it at once, ask the
/// user, or refuse); answers whether it is persisted now.
pub async fn ask_to_persist() -> bool {
    let Some(manager) = storage_manager() else {
        return false;
    };
    match manager.persist() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|granted| granted.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    }
}

/// Whether the data is persisted, and usage against quota; `None` where the browser offers no
/// storage manager.
pub async fn storage_status() -> Option<StorageStatus> {
    let manager = storage_manager()?;
    let persisted = JsFuture::from(manager.persisted().ok()?)
        .await
        .ok()?
        .as_bool()
        .unwrap_or(false);
    let estimate: web_sys::StorageEstimate =
        wasm_bindgen::JsCast::unchecked_into(JsFuture::from(manager.estimate().ok()?).await.ok()?);
    Some(StorageStatus {
        persisted,
        usage: estimate.get_usage().unwrap_or(0.0),
        quota: estimate.get_quota().unwrap_or(0.0),
    })
}
