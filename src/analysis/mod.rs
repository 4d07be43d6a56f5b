//! Analytics off the UI thread: the messages between the page and the analytics Web Worker
//! ([`protocol`]), what the worker does with a request ([`worker`]; imports in [`import`], charts
//! in [`draw`]), and the page's side that starts, follows, cancels and caches runs ([`bridge`]).

pub mod backup;
pub mod bridge;
pub mod draw;
pub mod import;
pub mod protocol;
pub mod worker;
