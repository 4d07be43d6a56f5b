//! Reading other systems' files: which text encoding a file is in and decoding it slice by slice,
//! which delimiter it uses, what its numbers and dates mean, and which field each column holds.
//!
//! Pure functions of their input, shared by the import worker and the CLI; nothing here reads a
//! file, a clock or a setting, and no input makes it panic.

pub mod backup;
pub mod coerce;
pub mod encoding;
pub mod mapping;
pub mod reconcile;
pub mod rows;
pub mod sniff;
pub mod source;
