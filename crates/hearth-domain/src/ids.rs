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
);
