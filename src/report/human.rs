//! Human output: codespan-reporting diagnostics with carets under the
//! Chinese text, then a summary line.

use super::escape::shown;
use super::window::Window;
use super::{Render, Reporter, Summary};
use crate::diag::{Diagnostic, Severity};
use crate::doc::Document;
use crate::input::Format;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config};
use std::io::Write;

/// Writes what [`HumanRender`] rendered, notes, unreadable files and the
/// totals.
pub struct Human<W: WriteColor> {
    out: W,
    quiet: bool,
}

impl<W: WriteColor> Human<W> {
    pub fn new(out: W) -> Self {
        Human { out, quiet: false }
    }

    /// Only the diagnostics: no notes, no summary.
    pub fn quiet(mut self, quiet: bool) -> Self {
        self.quiet = quiet;
        self
    }
}

/// Renders each diagnostic with codespan-reporting, in colour or not.
pub struct HumanRender {
    pub color: bool,
    /// Name each file with its encoding and number of findings first.
    pub verbose: bool,
}

fn to_codespan(d: &Diagnostic, doc: &Document, window: &Window) -> CsDiagnostic<()> {
    let base = match d.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
    };
    let mut labels = vec![Label::primary((), window.map(&d.range))];
    labels.extend(
        d.labels
            .iter()
            .map(|l| Label::secondary((), window.map(&l.range)).with_message(shown(&l.message))),
    );
    let mut notes: Vec<String> = d.notes.iter().map(|n| shown(n).into_owned()).collect();
    if doc.format == Format::Docx {
        let (line, col) = doc.lines.position(&doc.text, d.range.start);
        notes.push(format!("位置：第{line}段第{col}字"));
    }
    notes.extend(super::generated_note(doc, d));
    if let Some(fix) = &d.fix {
        let how = match fix.applicability {
            crate::diag::Applicability::Safe => "可自动修复",
            crate::diag::Applicability::Unsafe => "有建议修复（需人工确认）",
        };
        notes.push(how.to_string());
    }
    base.with_code(d.rule)
        .with_message(shown(&d.message))
        .with_labels(labels)
        .with_notes(notes)
}

impl Render for HumanRender {
    fn file(
        &self,
        doc: &Document,
        diags: &[Diagnostic],
        _raw_name: Option<&[u8]>,
        out: &mut Vec<u8>,
    ) -> std::io::Result<()> {
        let mut buf = if self.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        if self.verbose {
            writeln!(
                buf,
                "文件 {}：编码 {}，{} 个问题",
                shown(&doc.name),
                doc.encoding.name(),
                diags.len()
            )?;
        }
        let name = shown(&doc.name);
        let config = Config::default();
        for d in diags {
            let mut ranges = vec![d.range.clone()];
            ranges.extend(d.labels.iter().map(|l| l.range.clone()));
            let window = Window::new(&name, doc.source(), &doc.lines, &ranges);
            let cs = to_codespan(d, doc, &window);
            term::emit_to_write_style(&mut buf, &config, &window, &cs).map_err(|e| match e {
                codespan_reporting::files::Error::Io(io) => io,
                other => std::io::Error::other(other),
            })?;
        }
        out.extend_from_slice(buf.as_slice());
        Ok(())
    }
}

impl<W: WriteColor> Reporter for Human<W> {
    fn file(&mut self, rendered: &[u8], _diags: &[Diagnostic]) -> std::io::Result<()> {
        self.out.write_all(rendered)
    }

    fn unreadable(&mut self, name: &str, error: &str) -> std::io::Result<()> {
        self.out.set_color(
            codespan_reporting::term::termcolor::ColorSpec::new()
                .set_fg(Some(codespan_reporting::term::termcolor::Color::Red))
                .set_bold(true),
        )?;
        write!(self.out, "error[io]")?;
        self.out.reset()?;
        writeln!(self.out, ": {}: {}\n", shown(name), shown(error))
    }

    fn note(&mut self, name: &str, message: &str) -> std::io::Result<()> {
        writeln!(
            self.out,
            "note: {}: {}",
            shown(name),
            super::escape::lines(message)
        )
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, s: &Summary) -> std::io::Result<()> {
        if self.quiet {
            return self.out.flush();
        }
        let mut line = format!(
            "检查了 {} 个文件：{} 个错误，{} 个警告",
            s.files, s.errors, s.warnings
        );
        if s.unreadable > 0 {
            line.push_str(&format!("；{} 个文件无法读取", s.unreadable));
        }
        writeln!(self.out, "{line}")?;
        if let Some(line) = fix_summary(s) {
            writeln!(self.out, "{line}")?;
        }
        self.out.flush()
    }
}

/// The line after the totals about what fixes remain; parts that would say
/// "0 个" are left out, and so is the line when there is nothing to say.
fn fix_summary(s: &Summary) -> Option<String> {
    let remaining = s.errors + s.warnings;
    if let Some(fixed) = s.fixed {
        let mut line = format!("修复了 {fixed} 个问题，剩余 {remaining} 个");
        if s.unsafe_available > 0 {
            line.push_str(&format!(
                "（其中 {} 个有需人工确认的修复，可加 --unsafe-fixes 应用）",
                s.unsafe_available
            ));
        }
        return Some(line);
    }
    let parts: Vec<String> = [
        (s.safe_available, "可用 --fix 自动修复"),
        (
            s.unsafe_available,
            "可加 --unsafe-fixes 修复（先用 --diff 查看改动）",
        ),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} 个{what}"))
    .collect();
    match parts.as_slice() {
        [] => None,
        [one] => Some(format!("其中 {one}")),
        [a, b] => Some(format!("其中 {a}，另有 {b}")),
        _ => unreachable!("two kinds of fixes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(safe: usize, unsafe_: usize, fixed: Option<usize>) -> Summary {
        Summary {
            files: 1,
            errors: 3,
            warnings: 1,
            safe_available: safe,
            unsafe_available: unsafe_,
            fixed,
            ..Summary::default()
        }
    }

    #[test]
    fn fix_summary_never_counts_zero() {
        assert_eq!(fix_summary(&summary(0, 0, None)), None);
        assert_eq!(
            fix_summary(&summary(2, 0, None)).unwrap(),
            "其中 2 个可用 --fix 自动修复"
        );
        assert_eq!(
            fix_summary(&summary(0, 3, None)).unwrap(),
            "其中 3 个可加 --unsafe-fixes 修复（先用 --diff 查看改动）"
        );
        assert_eq!(
            fix_summary(&summary(1, 2, None)).unwrap(),
            "其中 1 个可用 --fix 自动修复，另有 2 个可加 --unsafe-fixes 修复（先用 --diff 查看改动）"
        );
        assert_eq!(
            fix_summary(&summary(0, 0, Some(5))).unwrap(),
            "修复了 5 个问题，剩余 4 个"
        );
        let with_unsafe = fix_summary(&summary(0, 2, Some(5))).unwrap();
        assert!(with_unsafe.contains("其中 2 个有需人工确认的修复"));
        assert!(!fix_summary(&summary(1, 1, None)).unwrap().contains(" 0 个"));
    }
}
