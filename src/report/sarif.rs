//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning loads it. Columns
//! are Unicode code points (`columnKind: unicodeCodePoints`).

use super::{Render, Reporter, Summary};
use crate::diag::{Diagnostic, Severity};
use crate::doc::Document;
use crate::rules;
use serde_json::{json, Value};
use std::io::Write;

/// Streams the log: the header and each result are written as they come,
/// so memory stays bounded whatever the number of findings. Notifications
/// (files that could not be read) are few and written at the end.
pub struct Sarif<W: Write> {
    out: W,
    started: bool,
    first_result: bool,
    notifications: Vec<Value>,
}

impl<W: Write> Sarif<W> {
    pub fn new(out: W) -> Self {
        Sarif {
            out,
            started: false,
            first_result: true,
            notifications: Vec::new(),
        }
    }

    /// Everything before the first result.
    fn start(&mut self) -> std::io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let rule_list: Vec<Value> = rules::Registry::active()
            .all()
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "name": r.id,
                    "shortDescription": {"text": r.summary},
                    "fullDescription": {"text": r.documentation()},
                    "help": {"text": r.documentation(), "markdown": r.documentation()},
                    "defaultConfiguration": {"level": level(r.severity)}
                })
            })
            .collect();
        let tool = json!({"driver": {
            "name": "gwlint",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rule_list
        }});
        write!(
            self.out,
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{{\n    \"tool\": "
        )?;
        serde_json::to_writer(&mut self.out, &tool)?;
        write!(
            self.out,
            ",\n    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": ["
        )
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A path as a relative URI reference: forward slashes, and every byte
/// outside RFC 3986's unreserved characters and `/` percent-encoded
/// (spaces, `#`, `%`, line breaks, Chinese characters).
fn uri(name: &str) -> String {
    let path = name.replace('\\', "/");
    let path = path.trim_start_matches("./");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Each result of a file as `,\n      {…}`; the [`Sarif`] writer drops the
/// first comma of the run.
pub struct SarifRender;

impl Render for SarifRender {
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
            let rule_index = rules::Registry::active()
                .all()
                .iter()
                .position(|r| r.id == d.rule);
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&doc.name)},
                        "region": {
                            "startLine": line,
                            "startColumn": col,
                            "endLine": end_line,
                            "endColumn": end_col,
                            "snippet": {"text": &doc.source()[d.range.clone()]}
                        }
                    }
                }]
            });
            if let Some(i) = rule_index {
                result["ruleIndex"] = json!(i);
            }
            out.extend_from_slice(b",\n      ");
            serde_json::to_writer(&mut *out, &result)?;
        }
        Ok(())
    }
}

impl<W: Write> Reporter for Sarif<W> {
    fn file(&mut self, rendered: &[u8], _diags: &[Diagnostic]) -> std::io::Result<()> {
        if rendered.is_empty() {
            return Ok(());
        }
        self.start()?;
        super::write_items(&mut self.out, rendered, &mut self.first_result, b"")
    }

    fn unreadable(&mut self, name: &str, error: &str) -> std::io::Result<()> {
        self.notifications.push(json!({
            "level": "error",
            "message": {"text": format!("{name}: {error}")},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(name)}}}]
        }));
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, _summary: &Summary) -> std::io::Result<()> {
        self.start()?;
        let invocations = json!([{
            "executionSuccessful": self.notifications.is_empty(),
            "toolExecutionNotifications": std::mem::take(&mut self.notifications)
        }]);
        write!(
            self.out,
            "{}],\n    \"invocations\": ",
            if self.first_result { "" } else { "\n    " }
        )?;
        serde_json::to_writer(&mut self.out, &invocations)?;
        writeln!(self.out, "\n  }}]\n}}")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("./docs/a.txt"), "docs/a.txt");
        assert_eq!(uri("a b#c%.txt"), "a%20b%23c%25.txt");
        assert_eq!(uri("x\ny.txt"), "x%0Ay.txt");
        assert_eq!(uri("通知.txt"), "%E9%80%9A%E7%9F%A5.txt");
        assert_eq!(uri("dir\\a.txt"), "dir/a.txt");
    }
}
