//! Shared helpers for integration tests.
#![allow(dead_code)]

use gwlint::config::Options;
use gwlint::doc::Document;
use gwlint::input;
use std::path::{Path, PathBuf};

/// The date every test judges outdated terms by, so results never drift.
pub const AS_OF: (u32, u32, u32) = (2026, 11, 28);

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared`, when this checkout sits beside it.
pub fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    p.is_dir().then_some(p)
}

pub fn options() -> Options {
    Options {
        as_of: Some(AS_OF),
        ..Options::default()
    }
}

/// Lint a file and render each diagnostic as one stable line:
/// `LINE:COL rule severity 「flagged text」 message`.
pub fn render(path: &Path) -> Vec<String> {
    let text = input::read_path(path, None).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = Document::new(text);
    gwlint::lint_document(&doc, &options())
        .iter()
        .map(|d| {
            let (line, col) = doc.lines.position(&doc.text, d.range.start);
            format!(
                "{line}:{col} {} {} 「{}」 {}",
                d.rule,
                d.severity.as_str(),
                &doc.text[d.range.clone()],
                d.message
            )
        })
        .collect()
}
