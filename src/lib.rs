//! gwlint: a linter for drafted Chinese official documents (公文).
//!
//! Data flows one way: bytes → [`input::Text`] → [`doc::Document`] →
//! [`rules`] → [`diag::Diagnostic`]s → [`report`].

pub mod annotate;
pub mod app;
pub mod baseline;
pub mod cli;
pub mod config;
pub mod diag;
pub mod doc;
pub mod error;
pub mod explain;
pub mod fix;
pub mod input;
pub mod lazy_regex;
pub mod lexicon;
pub mod limits;
pub mod literals;
pub mod numerals;
pub mod packs;
pub mod panic_guard;
pub mod parallel;
pub mod patterns;
pub mod report;
pub mod rules;
pub mod selftest;
pub mod sources;
pub mod suppress;
pub mod walk;

#[cfg(test)]
mod module_graph;
#[cfg(test)]
mod testing;

use config::Options;
use diag::Diagnostic;
use doc::Document;
use input::{Decoded, Format, Text};

/// Lint an already decoded document.
pub fn lint_document(doc: &Document, options: &Options) -> Vec<Diagnostic> {
    let ctx = rules::RuleCtx {
        packs: options.packs(),
        registry: options.registry(),
        hits: std::sync::OnceLock::new(),
        facts: doc.facts.overridden(
            doc,
            options.level.as_deref(),
            options.organ.as_deref(),
            options.template.as_deref(),
        ),
        today: options.as_of.unwrap_or_else(config::today),
    };
    let selected: Vec<_> = options
        .rules()
        .into_iter()
        .map(|r| (r, options.severity_of(r)))
        .collect();
    let diags = rules::run(doc, &ctx, &selected);
    let ran: Vec<&str> = selected.iter().map(|(r, _)| r.id).collect();
    let unused = selected
        .iter()
        .find(|(r, _)| r.id == "unused-suppression")
        .map(|&(_, severity)| severity);
    suppress::apply(doc, diags, &ran, unused)
}

/// Lint a string as a plain-text document named `name`.
pub fn lint_text(name: &str, text: &str, options: &Options) -> (Document, Vec<Diagnostic>) {
    let doc = Document::with_packs(
        Text {
            name: name.to_string(),
            text: text.to_string(),
            format: Format::Plain,
            encoding: Decoded::UTF8,
            generated: Vec::new(),
        },
        options.packs(),
    );
    let diags = lint_document(&doc, options);
    (doc, diags)
}
