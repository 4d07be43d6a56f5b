//! What the browser test files share.

use hearth_app::analysis::protocol::Message;

/// Asserts the page reads `message` back whole from the postcard bytes the worker posts (equal
/// bytes again, so a NaN in a report compares too).
pub fn reads_back_as_posted(message: &Message) {
    let bytes = postcard::to_allocvec(message).expect("every message encodes");
    let read: Message = postcard::from_bytes(&bytes).expect("every message decodes");
    assert_eq!(postcard::to_allocvec(&read).unwrap(), bytes, "{message:?}");
}
