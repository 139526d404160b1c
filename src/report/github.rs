//! `--format github`: GitHub Actions workflow commands, which annotate the
//! pull request: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`.

use super::{Render, Reporter, Summary};
use crate::diag::{Diagnostic, Severity};
use crate::doc::Document;
use std::io::Write;

pub struct Github<W: Write> {
    out: W,
}

impl<W: Write> Github<W> {
    pub fn new(out: W) -> Self {
        Github { out }
    }
}

/// Escape a message (data) for a workflow command: control characters and
/// `##[` are shown escaped first (see [`super::escape`]).
fn data(s: &str) -> String {
    super::escape::for_github(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value for a workflow command.
fn property(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '\r' | '\n' => c.to_string(),
            c => super::escape::char_escape(c, false).unwrap_or_else(|| c.to_string()),
        })
        .collect();
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// One workflow command per diagnostic.
pub struct GithubRender;

impl Render for GithubRender {
    fn file(
        &self,
        doc: &Document,
        diags: &[Diagnostic],
        _raw_name: Option<&[u8]>,
        out: &mut Vec<u8>,
    ) -> std::io::Result<()> {
        for d in diags {
            let (line, col) = doc.lines.position(&doc.text, d.range.start);
            let (end_line, end_col) = doc.lines.position(&doc.text, d.range.end);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            writeln!(
                out,
                "::{level} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                property(&doc.name),
                property(d.rule),
                data(&d.message)
            )?;
        }
        Ok(())
    }
}

impl<W: Write> Reporter for Github<W> {
    fn file(&mut self, rendered: &[u8], _diags: &[Diagnostic]) -> std::io::Result<()> {
        self.out.write_all(rendered)
    }

    fn unreadable(&mut self, name: &str, error: &str) -> std::io::Result<()> {
        writeln!(
            self.out,
            "::error file={},title=io::{}",
            property(name),
            data(error)
        )
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, _summary: &Summary) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("a%b\nc"), "a%25b\\nc");
        assert_eq!(data("x##[error]y\u{1b}"), "x#\u{200B}#[error]y\\u{1b}");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(property("a\n\u{1b}b"), "a%0A\\u{1b}b");
    }
}
