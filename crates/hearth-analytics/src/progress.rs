//! How long computations report progress and learn they should stop, without knowing who listens
//! (the worker, the CLI, or nobody).

use std::ops::ControlFlow;

/// Receives progress of a long computation; returning `ControlFlow::Break` cancels it.
pub trait Progress {
    /// `done` of `total` steps of `stage` are finished.
    fn report(&mut self, stage: &'static str, done: usize, total: usize) -> ControlFlow<()>;
}

/// Ignores progress and never cancels.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn report(&mut self, _stage: &'static str, _done: usize, _total: usize) -> ControlFlow<()> {
        ControlFlow::Continue(())
    }
}

impl<F: FnMut(&'static str, usize, usize) -> ControlFlow<()>> Progress for F {
    fn report(&mut self, stage: &'static str, done: usize, total: usize) -> ControlFlow<()> {
        self(stage, done, total)
    }
}
