//! `--format short`: one line per diagnostic, for editors and grep:
//! `path:line:col: severity[rule] message`.

use super::{Reporter, Summary};
use crate::diag::Diagnostic;
use crate::doc::Document;
use std::io::Write;

pub struct Short<W: Write> {
    out: W,
}

impl<W: Write> Short<W> {
    pub fn new(out: W) -> Self {
        Short { out }
    }
}

impl<W: Write> Reporter for Short<W> {
    fn file(&mut self, doc: &Document, diags: &[Diagnostic]) -> std::io::Result<()> {
        for d in diags {
            let (line, col) = doc.lines.position(&doc.text, d.range.start);
            writeln!(
                self.out,
                "{}:{line}:{col}: {}[{}] {}",
                doc.name,
                d.severity.as_str(),
                d.rule,
                d.message
            )?;
        }
        Ok(())
    }

    fn unreadable(&mut self, name: &str, error: &str) -> std::io::Result<()> {
        writeln!(self.out, "{name}:1:1: error[io] {error}")
    }

    fn finish(&mut self, _summary: &Summary) -> std::io::Result<()> {
        self.out.flush()
    }
}
