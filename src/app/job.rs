//! Checking one source, in a worker: read, lint, fix or diff, filter
//! through the baseline, and render the report, so that the main thread
//! only writes what comes back, in path order.

use crate::baseline::{self, Baseline};
use crate::cli::Cli;
use crate::config::Settings;
use crate::diag::Diagnostic;
use crate::doc::Document;
use crate::report::Render;
use crate::walk::Source;
use crate::{fix, input, panic_guard, sources};
use std::sync::Mutex;

/// What every file of a run shares.
pub struct Job<'a> {
    pub cli: &'a Cli,
    /// Whether --diff output on stdout is coloured.
    pub diff_color: bool,
    pub settings: &'a Settings,
    pub forced: Option<&'static encoding_rs::Encoding>,
    /// With `--baseline`: the findings it still accounts for. Each path's
    /// entries are only ever taken by the worker checking that path.
    pub baseline: Option<&'a Mutex<Baseline>>,
    pub render: &'a dyn Render,
}

/// What checking one source produced.
pub enum Outcome {
    /// The file could not be read, or checking it hit a bug in gwlint.
    Unreadable {
        name: String,
        error: String,
    },
    Checked(Box<Checked>),
}

/// A checked file, rendered.
pub struct Checked {
    pub name: String,
    /// The diagnostics reported (after the baseline and the per-file limit).
    pub diags: Vec<Diagnostic>,
    /// The report of this file, as the run's format renders it.
    pub rendered: Vec<u8>,
    /// Whether `--fix` can write to the file (not to Word files).
    pub fixable: bool,
    /// A note shown unless `--quiet` (a Word file under --fix).
    pub note: Option<String>,
    /// A note always shown (too many findings).
    pub truncated: Option<String>,
    /// With --fix/--diff: how many diagnostics were fixed.
    pub fixed: Option<usize>,
    /// With --diff: the unified diff.
    pub diff: Option<String>,
    /// With stdin --fix: the fixed text.
    pub stdout: Option<String>,
    /// With --write-baseline: the fingerprints of all its diagnostics.
    pub recorded: Vec<baseline::Entry>,
}

/// A document linted, fixed or not.
struct Linted {
    doc: Document,
    diags: Vec<Diagnostic>,
    note: Option<String>,
    fixed: Option<usize>,
    diff: Option<String>,
    stdout: Option<String>,
}

fn source_name(source: &Source) -> String {
    match source {
        Source::Stdin => "<stdin>".to_string(),
        Source::File(p) => p.display().to_string(),
    }
}

impl Job<'_> {
    /// Check one source; a panic inside becomes an internal error for this
    /// source alone.
    pub fn check(&self, source: &Source) -> Outcome {
        let name = source_name(source);
        match panic_guard::contain(&name, || self.process(source)) {
            Ok(outcome) => outcome,
            Err(error) => Outcome::Unreadable {
                name,
                error: format!(
                    "gwlint 内部错误，此文件未检查完（其他文件不受影响）：{error}。这是 gwlint 的缺陷，请把这个文件和这条消息报告给维护者"
                ),
            },
        }
    }

    fn process(&self, source: &Source) -> Outcome {
        match self.lint(source) {
            Ok(linted) => match self.finish(source, linted) {
                Ok(checked) => Outcome::Checked(Box::new(checked)),
                Err(error) => Outcome::Unreadable {
                    name: source_name(source),
                    error,
                },
            },
            Err(error) => Outcome::Unreadable {
                name: source_name(source),
                error,
            },
        }
    }

    /// Read and lint (and with --fix/--diff, fix) one source.
    fn lint(&self, source: &Source) -> Result<Linted, String> {
        let limits = &self.settings.base.limits;
        let (text, options) = match source {
            Source::Stdin => (
                input::read_stdin(self.forced, limits),
                self.settings.base.clone(),
            ),
            Source::File(p) => (
                input::read_path_with(p, self.forced, limits),
                self.settings.options_for(p),
            ),
        };
        let text = text.map_err(|e| e.to_string())?;
        let fixing = self.cli.fix || self.cli.diff;
        if !fixing || !fix::writable(text.format) {
            let doc = Document::with_packs(text, options.packs());
            let diags = crate::lint_document(&doc, &options);
            let note =
                fixing.then(|| "Word 文件只检查、不修改：请在 Word 中按提示修改".to_string());
            return Ok(Linted {
                doc,
                diags,
                note,
                fixed: None,
                diff: None,
                stdout: None,
            });
        }
        let original = text.text.clone();
        let doc = Document::with_packs(text, options.packs());
        let fixed = fix::fix_document(doc, &options, self.cli.unsafe_fixes);
        let changed = fixed.applied > 0 && fixed.text != original;
        let mut linted = Linted {
            diags: fixed.remaining,
            note: None,
            fixed: Some(if changed { fixed.applied } else { 0 }),
            diff: None,
            stdout: None,
            doc: fixed.doc,
        };
        if self.cli.diff {
            linted.diff = changed.then(|| {
                let name = crate::report::escape::shown(&linted.doc.name);
                let d = crate::report::diff::render(&name, &original, &fixed.text, self.diff_color);
                crate::report::escape::ci_lines(&d).into_owned()
            });
            return Ok(linted);
        }
        match source {
            Source::Stdin => linted.stdout = Some(fixed.text),
            Source::File(p) if changed => {
                fix::write_back(p, &original, &fixed.text, linted.doc.encoding)
                    .map_err(|e| format!("修复未写入：{e}"))?;
            }
            Source::File(_) => {}
        }
        Ok(linted)
    }

    /// Record, filter, limit and render what linting found.
    fn finish(&self, source: &Source, linted: Linted) -> Result<Checked, String> {
        let Linted {
            doc,
            mut diags,
            note,
            fixed,
            diff,
            stdout,
        } = linted;
        let mut checked = Checked {
            name: doc.name.clone(),
            diags: Vec::new(),
            rendered: Vec::new(),
            fixable: fix::writable(doc.format),
            note,
            truncated: None,
            fixed,
            diff,
            stdout,
            recorded: Vec::new(),
        };
        if self.cli.diff {
            return Ok(checked);
        }
        if self.cli.write_baseline.is_some() {
            checked.recorded = diags.iter().map(|d| baseline::entry(&doc, d)).collect();
        }
        if let Some(b) = self.baseline {
            let mut b = b.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            diags = b.filter(&doc, diags);
        }
        let limit = self.settings.base.limits.findings_per_file;
        if diags.len() > limit {
            checked.truncated = Some(format!(
                "问题过多（{} 个），只报告前 {limit} 个；可在 gwlint.toml 的 [limits] 中用 max_findings_per_file 调整",
                diags.len()
            ));
            diags.truncate(limit);
        }
        let raw_name = match source {
            Source::File(p) => sources::non_utf8_name(p),
            Source::Stdin => None,
        };
        self.render
            .file(&doc, &diags, raw_name.as_deref(), &mut checked.rendered)
            .map_err(|e| format!("无法生成此文件的报告：{e}"))?;
        checked.diags = diags;
        Ok(checked)
    }
}
