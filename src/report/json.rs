//! `--format json`: one JSON array of diagnostics on stdout, in path, line,
//! column, rule order, streamed file by file. Fields are only ever added,
//! never changed.

use super::{Render, Reporter, Summary};
use crate::diag::{Applicability, Diagnostic};
use crate::doc::Document;
use crate::input::Format;
use serde::Serialize;
use std::io::Write;
use std::ops::Range;

#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    fix: Option<FixRecord>,
    labels: Vec<LabelRecord<'a>>,
    notes: &'a [String],
    /// The encoding the file was read in (UTF-8, UTF-8-BOM, GB18030, Big5, UTF-16LE…).
    encoding: String,
    /// For Word files: the paragraph (1-based) holding the diagnostic.
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<usize>,
    /// When the file name is not valid UTF-8: its exact bytes (`path` then
    /// holds a lossy rendering).
    #[serde(skip_serializing_if = "Option::is_none")]
    path_bytes: Option<&'a [u8]>,
}

#[derive(Serialize)]
struct FixRecord {
    applicability: Applicability,
    edits: Vec<EditRecord>,
}

#[derive(Serialize)]
struct EditRecord {
    byte_start: usize,
    byte_end: usize,
    replacement: String,
}

#[derive(Serialize)]
struct LabelRecord<'a> {
    message: &'a str,
    line: usize,
    column: usize,
    byte_start: usize,
    byte_end: usize,
}

pub struct Json<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> Json<W> {
    pub fn new(out: W) -> Self {
        Json { out, first: true }
    }
}

/// Each record of a file as `,\n  {…}`; the [`Json`] writer turns the
/// first comma of the run into the array's `[`.
pub struct JsonRender;

fn record<'a>(doc: &'a Document, d: &'a Diagnostic, raw: Option<&'a [u8]>) -> Record<'a> {
    let pos = |o: usize| doc.lines.position(&doc.text, o);
    let (line, column) = pos(d.range.start);
    let (end_line, end_column) = pos(d.range.end);
    let span = |r: &Range<usize>| (r.start, r.end);
    Record {
        path: &doc.name,
        rule: d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        line,
        column,
        end_line,
        end_column,
        byte_start: d.range.start,
        byte_end: d.range.end,
        fix: d.fix.as_ref().map(|f| FixRecord {
            applicability: f.applicability,
            edits: f
                .edits
                .iter()
                .map(|e| EditRecord {
                    byte_start: span(&e.range).0,
                    byte_end: span(&e.range).1,
                    replacement: e.replacement.clone(),
                })
                .collect(),
        }),
        labels: d
            .labels
            .iter()
            .map(|l| {
                let (line, column) = pos(l.range.start);
                LabelRecord {
                    message: &l.message,
                    line,
                    column,
                    byte_start: l.range.start,
                    byte_end: l.range.end,
                }
            })
            .collect(),
        notes: &d.notes,
        encoding: doc.encoding.name(),
        paragraph: (doc.format == Format::Docx).then_some(line),
        path_bytes: raw,
    }
}

impl Render for JsonRender {
    fn file(
        &self,
        doc: &Document,
        diags: &[Diagnostic],
        raw_name: Option<&[u8]>,
        out: &mut Vec<u8>,
    ) -> std::io::Result<()> {
        let mut records: Vec<Record> = diags.iter().map(|d| record(doc, d, raw_name)).collect();
        records.sort_by(|a, b| (a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)));
        for r in records {
            out.extend_from_slice(b",\n  ");
            serde_json::to_writer(&mut *out, &r)?;
        }
        Ok(())
    }
}

impl<W: Write> Reporter for Json<W> {
    fn file(&mut self, rendered: &[u8], _diags: &[Diagnostic]) -> std::io::Result<()> {
        super::write_items(&mut self.out, rendered, &mut self.first, b"[")
    }

    fn unreadable(&mut self, name: &str, error: &str) -> std::io::Result<()> {
        eprintln!(
            "gwlint: {}: {}",
            super::escape::shown(name),
            super::escape::shown(error)
        );
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, _summary: &Summary) -> std::io::Result<()> {
        self.out
            .write_all(if self.first { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()
    }
}
