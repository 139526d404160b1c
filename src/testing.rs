//! Helpers for unit tests of rules.

use crate::config::Options;
use crate::diag::{Applicability, Diagnostic, Edit};
use std::ops::Range;

/// Run one rule on `text`; return each diagnostic's flagged text and message.
pub fn lint_rule(rule: &str, text: &str) -> Vec<(String, String)> {
    let options = Options {
        select: vec![rule.to_string()],
        as_of: Some((2026, 11, 28)),
        ..Options::default()
    };
    let (doc, diags) = crate::lint_text("test.txt", text, &options);
    diags
        .into_iter()
        .map(|d| (doc.text[d.range.clone()].to_string(), d.message))
        .collect()
}

/// The flagged texts of `lint_rule`'s results, for comparing in order.
pub fn flagged(d: &[(String, String)]) -> Vec<&str> {
    d.iter().map(|x| x.0.as_str()).collect()
}

/// A diagnostic whose one fix replaces `range` by `to`.
pub fn with_edit(range: Range<usize>, to: &str, app: Applicability) -> Diagnostic {
    Diagnostic::new("halfwidth-punct", range.clone(), "x").with_fix(
        app,
        vec![Edit {
            range,
            replacement: to.into(),
        }],
    )
}
