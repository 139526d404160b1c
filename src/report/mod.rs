//! Output formats. Each format is one [`Reporter`]; none of them knows about
//! particular rules. Files arrive in the order they are to be shown.

pub mod diff;
pub mod escape;
mod github;
mod html;
mod human;
mod json;
mod sarif;
mod short;
mod statistics;
pub mod suggest;
mod window;

pub use github::Github;
pub use html::Html;
pub use human::Human;
pub use json::Json;
pub use sarif::Sarif;
pub use short::Short;
pub use statistics::Statistics;

use crate::diag::{Diagnostic, Severity};
use crate::doc::Document;

/// Totals shown at the end of a run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub unreadable: usize,
    /// With --fix: how many diagnostics were fixed.
    pub fixed: Option<usize>,
    /// Remaining diagnostics whose fix needs --unsafe-fixes.
    pub unsafe_available: usize,
    /// Remaining diagnostics that --fix would repair.
    pub safe_available: usize,
}

impl Summary {
    /// One file's diagnostics; `fixable`: whether --fix can write to it
    /// (not to Word files), so that its fixes count as available.
    pub fn add_file(&mut self, diags: &[Diagnostic], fixable: bool) {
        self.files += 1;
        for d in diags {
            let fix = d.fix.as_ref().filter(|_| fixable);
            match fix.map(|f| f.applicability) {
                Some(crate::diag::Applicability::Safe) => self.safe_available += 1,
                Some(crate::diag::Applicability::Unsafe) => self.unsafe_available += 1,
                None => {}
            }
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
    /// Something the user should know about a file that is not a diagnostic.
    fn note(&mut self, name: &str, message: &str) -> std::io::Result<()> {
        eprintln!(
            "gwlint: {}: {}",
            escape::shown(name),
            escape::lines(message)
        );
        Ok(())
    }
    /// The next file's name as bytes, when it is not UTF-8 (called just
    /// before [`Reporter::file`]); formats that can carry it keep it.
    fn raw_name(&mut self, _bytes: &[u8]) {}
    /// The end of the run.
    fn finish(&mut self, summary: &Summary) -> std::io::Result<()>;
}

/// The note for a diagnostic that points into text Word generated (its
/// automatic numbering), which cannot be edited where it is shown.
pub fn generated_note(doc: &crate::doc::Document, d: &crate::diag::Diagnostic) -> Option<String> {
    let touches = |r: &std::ops::Range<usize>| {
        doc.generated
            .iter()
            .any(|g| g.start < r.end.max(r.start + 1) && r.start < g.end)
    };
    (touches(&d.range) || d.labels.iter().any(|l| touches(&l.range)))
        .then(|| "其中的编号由 Word 自动编号生成，请在 Word 中调整".to_string())
}
