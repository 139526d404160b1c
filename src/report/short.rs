//! `--format short`: one line per diagnostic, for editors and grep:
//! `path:line:col: severity[rule] message`. A relative path that does not
//! begin with a letter, digit or Chinese character is written `./path`.

use super::escape::{line_start_path, shown};
use super::{Render, Reporter, Summary};
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

/// One line per diagnostic.
pub struct ShortRender;

impl Render for ShortRender {
    fn file(
        &self,
        doc: &Document,
        diags: &[Diagnostic],
        _raw_name: Option<&[u8]>,
        out: &mut Vec<u8>,
    ) -> std::io::Result<()> {
        let name = line_start_path(&doc.name);
        for d in diags {
            let (line, col) = doc.lines.position(&doc.text, d.range.start);
            writeln!(
                out,
                "{}:{line}:{col}: {}[{}] {}",
                name,
                d.severity.as_str(),
                d.rule,
                shown(&d.message)
            )?;
        }
        Ok(())
    }
}

impl<W: Write> Reporter for Short<W> {
    fn file(&mut self, rendered: &[u8], _diags: &[Diagnostic]) -> std::io::Result<()> {
        self.out.write_all(rendered)
    }

    fn unreadable(&mut self, name: &str, error: &str) -> std::io::Result<()> {
        writeln!(
            self.out,
            "{}:1:1: error[io] {}",
            line_start_path(name),
            shown(error)
        )
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, _summary: &Summary) -> std::io::Result<()> {
        self.out.flush()
    }
}
