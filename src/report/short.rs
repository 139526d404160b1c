//! `--format short`: one line per diagnostic, for editors and grep:
//! `path:line:col: severity[rule] message`. A relative path that does not
//! begin with a letter, digit or Chinese character is written `./path`.

use super::escape::{line_start_path, shown};
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
        let name = line_start_path(&doc.name);
        for d in diags {
            let (line, col) = doc.lines.position(&doc.text, d.range.start);
            writeln!(
                self.out,
                "{}:{line}:{col}: {}[{}] {}",
                name,
                d.severity.as_str(),
                d.rule,
                shown(&d.message)
            )?;
        }
        Ok(())
    }

    fn unreadable(&mut self, name: &str, error: &str) -> std::io::Result<()> {
        writeln!(
            self.out,
            "{}:1:1: error[io] {}",
            line_start_path(name),
            shown(error)
        )
    }

    fn finish(&mut self, _summary: &Summary) -> std::io::Result<()> {
        self.out.flush()
    }
}
