//! The one error type of the engine: bad input (naming the row and field), cancellation, and
//! numerical failure.

/// What went wrong in an analysis.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalyticsError {
    /// A value is unusable; `row` is 0-based in the input the caller passed.
    #[error("row {row}, {field}: {reason}")]
    InvalidValue {
        /// Row index in the input.
        row: usize,
        /// Field or column name.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// A parameter of the analysis is out of its domain.
    #[error("parameter {name}: {reason}")]
    InvalidParameter {
        /// Parameter name.
        name: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// Not enough data for the analysis.
    #[error("not enough data: {0}")]
    NotEnoughData(String),
    /// The caller's progress sink asked to stop.
    #[error("cancelled")]
    Cancelled,
    /// A numerical method did not converge.
    #[error("did not converge: {0}")]
    NoConvergence(String),
}

/// Result of an analysis.
pub type AnalyticsResult<T> = Result<T, AnalyticsError>;
