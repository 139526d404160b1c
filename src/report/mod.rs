//! Output formats. Each format is one [`Reporter`]; none of them knows about
//! particular rules. Files arrive in the order they are to be shown.

mod human;
mod json;
mod window;

pub use human::Human;
pub use json::Json;

use crate::diag::{Diagnostic, Severity};
use crate::doc::Document;

/// Totals shown at the end of a run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub unreadable: usize,
}

impl Summary {
    pub fn add(&mut self, diags: &[Diagnostic]) {
        self.files += 1;
        for d in diags {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
        }
    }
}

pub trait Reporter {
    /// One checked document and its diagnostics (sorted by position).
    fn file(&mut self, doc: &Document, diags: &[Diagnostic]) -> std::io::Result<()>;
    /// A file that could not be checked.
    fn unreadable(&mut self, name: &str, error: &str) -> std::io::Result<()>;
    /// The end of the run.
    fn finish(&mut self, summary: &Summary) -> std::io::Result<()>;
}
