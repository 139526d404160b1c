//! `--format html`: one self-contained page (inline CSS and JavaScript,
//! nothing fetched) for reviewers who read in a browser: a summary, filters
//! by severity and rule, and per document its full text with every flagged
//! span highlighted and linked to its diagnostic.
//!
//! The page is streamed: each document is written as it is checked, as a
//! JSON block the script renders when the document is opened (long
//! documents a few hundred paragraphs at a time), so a run over thousands
//! of files or a 5 MB draft stays usable. Document text only ever reaches
//! the page as JSON data and is inserted as text, never as markup.

use super::suggest::suggestion;
use super::{Render, Reporter, Summary};
use crate::diag::{Diagnostic, Severity};
use crate::doc::Document;
use crate::input::Format;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

const CSS: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

#[derive(Serialize)]
struct DocRecord<'a> {
    path: &'a str,
    /// The text, only for documents with findings.
    text: &'a str,
    diags: Vec<DiagRecord<'a>>,
}

#[derive(Serialize)]
struct DiagRecord<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
    /// Where, for people: "第5行第18列" (or 段/字 for Word files).
    #[serde(rename = "where")]
    place: String,
    /// Start and end in UTF-16 code units, as the page's strings count.
    s: usize,
    e: usize,
    fix: Option<String>,
    notes: Vec<String>,
}

#[derive(Default, Serialize)]
struct RuleCount {
    summary: &'static str,
    error: usize,
    warning: usize,
}

pub struct Html<W: Write> {
    out: W,
    started: bool,
    rules: BTreeMap<&'static str, RuleCount>,
}

impl<W: Write> Html<W> {
    pub fn new(out: W) -> Self {
        Html {
            out,
            started: false,
            rules: BTreeMap::new(),
        }
    }

    fn start(&mut self) -> std::io::Result<()> {
        if !self.started {
            self.started = true;
            write!(
                self.out,
                "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>gwlint 检查报告</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
<h1>gwlint 检查报告</h1>\n<noscript>这份报告需要启用 JavaScript 才能显示。</noscript>\n\
<div id=\"summary\"></div>\n<div id=\"filters\"></div>\n<div id=\"docs\"></div>\n\
<div id=\"clean\"></div>\n<div id=\"unreadable\"></div>\n"
            )?;
        }
        Ok(())
    }

    fn block(&mut self, class: &str, value: &impl Serialize) -> std::io::Result<()> {
        block(&mut self.out, class, value)
    }
}

/// A JSON data block the page's script reads.
fn block(out: &mut impl Write, class: &str, value: &impl Serialize) -> std::io::Result<()> {
    let json = serde_json::to_string(value).map_err(std::io::Error::other)?;
    writeln!(
        out,
        "<script type=\"application/json\" {class}>{}</script>",
        script_safe(&json)
    )
}

/// JSON that cannot end its `<script>` element or open a comment: `<`, `>`
/// and `&` only occur inside JSON strings, where `\uXXXX` means the same.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// UTF-16 offsets of sorted byte offsets into `text`, in one pass.
fn utf16_offsets(text: &str, sorted: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sorted.len());
    let mut units = 0;
    let mut chars = text.char_indices().peekable();
    for &b in sorted {
        while let Some(&(i, c)) = chars.peek() {
            if i >= b {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        out.push(units);
    }
    out
}

/// One data block per document: its text (when it has findings) and its
/// diagnostics with their places in the page's UTF-16 offsets.
pub struct HtmlRender;

impl Render for HtmlRender {
    fn file(
        &self,
        doc: &Document,
        diags: &[Diagnostic],
        _raw_name: Option<&[u8]>,
        out: &mut Vec<u8>,
    ) -> std::io::Result<()> {
        let text = doc.source();
        let mut bytes: Vec<usize> = diags
            .iter()
            .flat_map(|d| [d.range.start, d.range.end])
            .collect();
        bytes.sort_unstable();
        bytes.dedup();
        let units = utf16_offsets(text, &bytes);
        let unit = |b: usize| units[bytes.binary_search(&b).expect("collected above")];
        let records = diags
            .iter()
            .map(|d| {
                let (line, column) = doc.lines.position(&doc.text, d.range.start);
                let place = if doc.format == Format::Docx {
                    format!("第{line}段第{column}字")
                } else {
                    format!("第{line}行第{column}列")
                };
                let mut notes = d.notes.clone();
                notes.extend(super::generated_note(doc, d));
                notes.extend(d.labels.iter().map(|l| {
                    let (line, column) = doc.lines.position(&doc.text, l.range.start);
                    format!("{line}:{column} {}", l.message)
                }));
                DiagRecord {
                    rule: d.rule,
                    severity: d.severity.as_str(),
                    message: &d.message,
                    line,
                    column,
                    place,
                    s: unit(d.range.start),
                    e: unit(d.range.end),
                    fix: suggestion(text, d, doc.format != Format::Docx),
                    notes,
                }
            })
            .collect();
        let record = DocRecord {
            path: &doc.name,
            text: if diags.is_empty() { "" } else { text },
            diags: records,
        };
        block(out, "class=\"gw-doc\"", &record)
    }
}

impl<W: Write> Reporter for Html<W> {
    fn file(&mut self, rendered: &[u8], diags: &[Diagnostic]) -> std::io::Result<()> {
        self.start()?;
        for d in diags {
            let count = self.rules.entry(d.rule).or_insert_with(|| RuleCount {
                summary: crate::rules::Registry::active()
                    .by_id(d.rule)
                    .map_or("", |r| r.summary),
                ..RuleCount::default()
            });
            match d.severity {
                Severity::Error => count.error += 1,
                Severity::Warning => count.warning += 1,
            }
        }
        self.out.write_all(rendered)
    }

    fn unreadable(&mut self, name: &str, error: &str) -> std::io::Result<()> {
        self.start()?;
        self.block(
            "class=\"gw-unreadable\"",
            &serde_json::json!({"path": name, "error": error}),
        )
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, s: &Summary) -> std::io::Result<()> {
        self.start()?;
        let summary = serde_json::json!({
            "files": s.files,
            "errors": s.errors,
            "warnings": s.warnings,
            "unreadable": s.unreadable,
            "rules": self.rules,
        });
        self.block("id=\"gw-summary\"", &summary)?;
        write!(self.out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_blocks_cannot_close_their_script() {
        let json =
            serde_json::to_string("</script><script>alert(1)</script><!-- & \u{2028}").unwrap();
        let safe = script_safe(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "</script><script>alert(1)</script><!-- & \u{2028}");
    }

    #[test]
    fn utf16_offsets_count_code_units() {
        let text = "a中𠀀b";
        // bytes: a=0, 中=1..4, 𠀀=4..8, b=8
        assert_eq!(utf16_offsets(text, &[0, 1, 4, 8, 9]), vec![0, 1, 2, 4, 5]);
    }

    fn page(text: &str) -> String {
        let options = crate::config::Options::default();
        let (doc, diags) = crate::lint_text("<a>&.txt", text, &options);
        let mut out = Vec::new();
        let mut html = Html::new(&mut out);
        super::super::report_file(&HtmlRender, &mut html, &doc, &diags).unwrap();
        let mut summary = Summary::default();
        summary.add_file(&diags, true);
        html.finish(&summary).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn document_markup_only_appears_as_data() {
        let out = page("通知\n<script>alert(1)</script>X年X月X日,在岗尽责\n");
        assert_eq!(
            out.matches("<script").count(),
            3,
            "two data blocks and the page script"
        );
        assert!(!out.contains("<a>&"), "path escaped");
        assert!(out.contains("\\u003cscript\\u003ealert(1)"), "{out}");
        assert!(out.contains("\"rule\":\"placeholder\""));
        assert!(out.starts_with("<!DOCTYPE html>") && out.ends_with("</html>\n"));
        assert!(out.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    }

    #[test]
    fn nothing_outside_the_page_is_referenced() {
        let out = page("正文,内容\n");
        for needle in [
            "src=",
            "href=\"http",
            "url(",
            "@import",
            "fetch(",
            "XMLHttpRequest",
        ] {
            assert!(!out.contains(needle), "{needle}");
        }
    }
}
