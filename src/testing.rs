//! Helpers for unit tests.

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

/// A small fixed-seed generator (xorshift) for tests that compare two ways
/// of finding something on many random strings: the same cases every run.
pub struct Xorshift(pub u64);

impl Xorshift {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A string of fewer than `max` characters drawn from `alphabet`.
    pub fn string(&mut self, alphabet: &[char], max: usize) -> String {
        let len = (self.next() % max as u64) as usize;
        (0..len)
            .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize])
            .collect()
    }
}
