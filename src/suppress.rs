//! Suppression comments in Markdown: `<!-- gwlint-disable RULE -->`,
//! `<!-- gwlint-enable RULE -->`, `<!-- gwlint-disable-next-line RULE -->`
//! (several rules separated by commas or spaces; none means every rule).
//! A comment that suppresses nothing is itself reported.

use crate::diag::{Diagnostic, Severity};
use crate::doc::Document;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Disable,
    Enable,
    DisableNextLine,
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: Kind,
    /// Rule ids named; empty means all rules.
    pub rules: Vec<String>,
    /// The comment's bytes.
    pub range: Range<usize>,
}

impl Directive {
    fn covers(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| r == rule)
    }
}

fn re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"<!--\s*gwlint-(disable-next-line|disable|enable)\b([^>]*?)\s*-->").unwrap()
    })
}

/// Find the suppression comments of a Markdown source.
pub fn parse(source: &str) -> Vec<Directive> {
    re().captures_iter(source)
        .map(|c| Directive {
            kind: match &c[1] {
                "disable" => Kind::Disable,
                "enable" => Kind::Enable,
                _ => Kind::DisableNextLine,
            },
            rules: c[2]
                .split([',', ' ', '，'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            range: c.get(0).unwrap().range(),
        })
        .collect()
}

/// The suppression comments among a document's comments, with byte ranges
/// in the document.
pub fn directives(doc: &Document) -> Vec<Directive> {
    let source = doc.source();
    doc.comments
        .iter()
        .flat_map(|c| {
            parse(&source[c.clone()]).into_iter().map(move |mut d| {
                d.range = c.start + d.range.start..c.start + d.range.end;
                d
            })
        })
        .collect()
}

/// Drop the diagnostics the document's comments suppress; report comments
/// that suppressed nothing (as `unused-suppression`, when that rule runs).
pub fn apply(
    doc: &Document,
    diags: Vec<Diagnostic>,
    ran: &[&str],
    unused: Option<Severity>,
) -> Vec<Diagnostic> {
    let directives = directives(doc);
    if directives.is_empty() {
        return diags;
    }
    let mut used = vec![false; directives.len()];
    let line_of = |o: usize| doc.lines.line_of(o);
    // The line each disable-next-line comment aims at: the next non-blank line.
    let targets: Vec<usize> = directives
        .iter()
        .map(|d| {
            let mut l = line_of(d.range.end) + 1;
            while l < doc.lines.count()
                && doc.source()[doc.lines.line_range(doc.source(), l)]
                    .trim()
                    .is_empty()
            {
                l += 1;
            }
            l
        })
        .collect();
    let mut kept = Vec::new();
    'diag: for d in diags {
        for (i, dir) in directives.iter().enumerate() {
            if !dir.covers(d.rule) {
                continue;
            }
            let hit = match dir.kind {
                Kind::DisableNextLine => targets[i] == line_of(d.range.start),
                Kind::Disable => {
                    dir.range.end <= d.range.start
                        && !directives.iter().any(|e| {
                            e.kind == Kind::Enable
                                && e.covers(d.rule)
                                && dir.range.end <= e.range.start
                                && e.range.end <= d.range.start
                        })
                }
                Kind::Enable => false,
            };
            if hit {
                used[i] = true;
                continue 'diag;
            }
        }
        kept.push(d);
    }
    if let Some(severity) = unused {
        for (dir, used) in directives.iter().zip(used) {
            let named_ran =
                dir.rules.is_empty() || dir.rules.iter().all(|r| ran.contains(&r.as_str()));
            if !used && dir.kind != Kind::Enable && named_ran {
                let mut diag = Diagnostic::new(
                    "unused-suppression",
                    dir.range.clone(),
                    "这条 gwlint 屏蔽注释没有屏蔽任何问题：问题已不存在，可以删除这条注释",
                );
                diag.severity = severity;
                kept.push(diag);
            }
        }
        kept.sort_by(|a, b| {
            (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
        });
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_kinds_and_rules() {
        let d = parse("<!-- gwlint-disable placeholder, quote-pair -->\n<!--gwlint-enable-->\n<!-- gwlint-disable-next-line halfwidth-punct -->");
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].kind, Kind::Disable);
        assert_eq!(d[0].rules, vec!["placeholder", "quote-pair"]);
        assert_eq!(d[1].kind, Kind::Enable);
        assert!(d[1].rules.is_empty());
        assert_eq!(d[2].kind, Kind::DisableNextLine);
    }
}
