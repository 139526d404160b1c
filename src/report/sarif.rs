//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning loads it. Columns
//! are Unicode code points (`columnKind: unicodeCodePoints`).

use super::{Reporter, Summary};
use crate::diag::{Diagnostic, Severity};
use crate::doc::Document;
use crate::rules;
use serde_json::{json, Value};
use std::io::Write;

pub struct Sarif<W: Write> {
    out: W,
    results: Vec<Value>,
    notifications: Vec<Value>,
}

impl<W: Write> Sarif<W> {
    pub fn new(out: W) -> Self {
        Sarif {
            out,
            results: Vec::new(),
            notifications: Vec::new(),
        }
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A path as a relative URI with forward slashes.
fn uri(name: &str) -> String {
    name.replace('\\', "/").trim_start_matches("./").to_string()
}

impl<W: Write> Reporter for Sarif<W> {
    fn file(&mut self, doc: &Document, diags: &[Diagnostic]) -> std::io::Result<()> {
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
            self.results.push(result);
        }
        Ok(())
    }

    fn unreadable(&mut self, name: &str, error: &str) -> std::io::Result<()> {
        self.notifications.push(json!({
            "level": "error",
            "message": {"text": format!("{name}: {error}")},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(name)}}}]
        }));
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> std::io::Result<()> {
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
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "gwlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rule_list
                }},
                "columnKind": "unicodeCodePoints",
                "results": std::mem::take(&mut self.results),
                "invocations": [{
                    "executionSuccessful": self.notifications.is_empty(),
                    "toolExecutionNotifications": std::mem::take(&mut self.notifications)
                }]
            }]
        });
        serde_json::to_writer_pretty(&mut self.out, &log)?;
        writeln!(self.out)?;
        self.out.flush()
    }
}
