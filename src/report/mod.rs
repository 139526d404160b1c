//! Output formats. Each format is a [`Render`], which turns one file's
//! findings into bytes in the worker that checked the file, and a
//! [`Reporter`], which writes those bytes in path order and ends the run.
//! None of them knows about particular rules.

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

pub use github::{Github, GithubRender};
pub use html::{Html, HtmlRender};
pub use human::{Human, HumanRender};
pub use json::{Json, JsonRender};
pub use sarif::{Sarif, SarifRender};
pub use short::{Short, ShortRender};
pub use statistics::{Statistics, StatisticsRender};

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

/// One format's rendering of one file. It runs in the worker that checked
/// the file and sees that file alone, so files render in parallel.
pub trait Render: Sync {
    /// Append the report of one checked document and its diagnostics
    /// (sorted by position) to `out`; `raw_name` holds the file name's
    /// bytes when they are not UTF-8 (formats that can carry it keep it).
    fn file(
        &self,
        doc: &Document,
        diags: &[Diagnostic],
        raw_name: Option<&[u8]>,
        out: &mut Vec<u8>,
    ) -> std::io::Result<()>;
}

/// One format's output stream: files in the order they are to be shown,
/// then the end of the run.
pub trait Reporter {
    /// One checked file: what its [`Render`] made of it, and its diagnostics
    /// (for totals by rule).
    fn file(&mut self, rendered: &[u8], diags: &[Diagnostic]) -> std::io::Result<()>;
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
    /// Write out what is buffered, for a run that ends without a report
    /// (`--diff`).
    fn flush(&mut self) -> std::io::Result<()>;
    /// The end of the run.
    fn finish(&mut self, summary: &Summary) -> std::io::Result<()>;
}

/// Render one file and write it at once, as for a single document.
pub fn report_file(
    render: &dyn Render,
    reporter: &mut dyn Reporter,
    doc: &Document,
    diags: &[Diagnostic],
) -> std::io::Result<()> {
    let mut out = Vec::new();
    render.file(doc, diags, None, &mut out)?;
    reporter.file(&out, diags)
}

/// Write a rendered list of items that each start with `,`: the first
/// item's comma becomes `open` (`[` for a JSON array).
fn write_items(
    out: &mut impl std::io::Write,
    rendered: &[u8],
    first: &mut bool,
    open: &[u8],
) -> std::io::Result<()> {
    if rendered.is_empty() {
        return Ok(());
    }
    if *first {
        *first = false;
        out.write_all(open)?;
        out.write_all(&rendered[1..])
    } else {
        out.write_all(rendered)
    }
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
