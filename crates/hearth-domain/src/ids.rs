//! Typed record ids, so a person's id can never be passed where a company's is expected.
//!
//! Ids are small integers: they are IndexedDB keys and index into columnar analytics arrays.

use serde::{Deserialize, Serialize};

macro_rules! record_id {
    ($(#[$doc:meta] $name:ident),+ $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

record_id!(
    /// Identifies a [`crate::Person`].
    PersonId,
    /// Identifies a [`crate::Company`].
    CompanyId,
    /// Identifies a [`crate::Product`].
    ProductId,
    /// Identifies an [`crate::Order`].
    OrderId,
    /// Identifies a [`crate::Pipeline`].
    PipelineId,
    /// Identifies a [`crate::Stage`] within its pipeline.
    StageId,
    /// Identifies a [`crate::Deal`].
    DealId,
    /// Identifies an [`crate::Activity`].
    ActivityId,
    /// Identifies a [`crate::Task`].
    TaskId,
    /// Identifies a [`crate::Ticket`].
    TicketId,
    /// Identifies a [`crate::Campaign`].
    CampaignId,
    /// Identifies a [`crate::CustomFieldDef`].
    CustomFieldId,
    /// Identifies a [`crate::SavedView`].
    SavedViewId,
    /// Identifies a [`crate::TrashEntry`].
    TrashId,
    /// Identifies an import in the history ([`crate::imports::ImportRecord`]).
    ImportId,
    /// Identifies a written batch of an import ([`crate::imports::ImportBatch`]).
    ImportBatchId,
);

impl ProductId {
    /// An order line of no product: an order imported with its amount only (baskets skip it).
    pub const NONE: ProductId = ProductId(0);
}

/// A record's globally unique id, a ULID: 48 bits of creation time in milliseconds and 80 random
/// bits, written as 26 Crockford base-32 characters that sort by time. Two browsers that create
/// records independently never pick the same one, so their workspaces can later be merged; the
/// small numeric ids stay the local keys (and the stable creation order lists break ties by).
/// Empty until the store gives the record one.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Uid(pub String);

/// Crockford's base-32 alphabet: no I, L, O or U.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl Uid {
    /// The ULID of an instant (`millis` since the epoch, the low 48 bits kept) and 80 random
    /// bits (the low 80 bits of `random`): the caller supplies both, the domain reads no clock and
    /// no randomness.
    pub fn from_parts(millis: u64, random: u128) -> Uid {
        let value = (u128::from(millis & 0xFFFF_FFFF_FFFF) << 80) | (random & ((1u128 << 80) - 1));
        let text = (0..26)
            .rev()
            .map(|i| CROCKFORD[((value >> (5 * i)) & 31) as usize] as char)
            .collect();
        Uid(text)
    }

    /// Whether no id was given yet.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Display for Uid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ulids_match_the_specification() {
        // The ULID spec's example time: 1469918176385 ms encodes as 01ARYZ6S41.
        let uid = Uid::from_parts(1_469_918_176_385, 0);
        assert_eq!(&uid.0[..10], "01ARYZ6S41");
        assert_eq!(uid.0.len(), 26);
        assert_eq!(&uid.0[10..], "0000000000000000");
        assert_eq!(
            Uid::from_parts(u64::MAX, u128::MAX).0,
            "7ZZZZZZZZZZZZZZZZZZZZZZZZZ"
        );
        assert!(Uid::default().is_empty());
    }

    proptest! {
        #[test]
        fn ulids_sort_by_time(a in 0u64..(1 << 48), b in 0u64..(1 << 48), ra: u128, rb: u128) {
            let (x, y) = (Uid::from_parts(a, ra), Uid::from_parts(b, rb));
            if a < b {
                prop_assert!(x < y);
            }
            prop_assert!(x.0.bytes().all(|c| CROCKFORD.contains(&c)));
        }
    }
}
