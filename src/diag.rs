//! Diagnostics: what a rule reports, independent of how it is rendered.

use serde::Serialize;
use std::ops::Range;

/// How serious a diagnostic is. Ordered so that `Error > Warning`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// Replace the bytes in `range` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    #[serde(skip)]
    pub range: Range<usize>,
    pub replacement: String,
}

/// A set of edits that together repair one diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// A secondary location with a short explanation ("opened here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub range: Range<usize>,
    pub message: String,
}

/// One finding of one rule, located by a byte range into the document text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub range: Range<usize>,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    pub fix: Option<Fix>,
    /// Set when the rule chose a severity below its default for this finding
    /// (e.g. sections out of order are only a warning).
    pub demoted: bool,
}

impl Diagnostic {
    /// A diagnostic; the engine fills in the rule's effective severity.
    pub fn new(rule: &'static str, range: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: Severity::Error,
            message: message.into(),
            range,
            labels: Vec::new(),
            notes: Vec::new(),
            fix: None,
            demoted: false,
        }
    }

    pub fn with_label(mut self, range: Range<usize>, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            range,
            message: message.into(),
        });
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Report this finding one step below the rule's severity.
    pub fn demoted(mut self) -> Self {
        self.demoted = true;
        self
    }

    pub fn with_fix(mut self, applicability: Applicability, edits: Vec<Edit>) -> Self {
        self.fix = Some(Fix {
            applicability,
            edits,
        });
        self
    }
}
