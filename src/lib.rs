//! gwlint: a linter for drafted Chinese official documents (公文).
//!
//! Data flows one way: bytes → [`input::Text`] → [`doc::Document`] →
//! [`rules`] → [`diag::Diagnostic`]s → [`report`].

pub mod app;
pub mod cli;
pub mod config;
pub mod diag;
pub mod doc;
pub mod fix;
pub mod input;
pub mod packs;
pub mod report;
pub mod rules;
pub mod walk;

#[cfg(test)]
mod testing;

use config::Options;
use diag::Diagnostic;
use doc::Document;
use input::{Decoded, Format, Text};

/// Lint an already decoded document.
pub fn lint_document(doc: &Document, options: &Options) -> Vec<Diagnostic> {
    let ctx = rules::RuleCtx {
        packs: packs::Packs::builtin(),
        level: options.level.clone(),
        template: options.template.clone(),
        today: options.as_of.unwrap_or_else(config::today),
    };
    rules::run(doc, &ctx, &options.rules())
}

/// Lint a string as a plain-text document named `name`.
pub fn lint_text(name: &str, text: &str, options: &Options) -> (Document, Vec<Diagnostic>) {
    let doc = Document::new(Text {
        name: name.to_string(),
        text: text.to_string(),
        format: Format::Plain,
        encoding: Decoded::UTF8,
        generated: Vec::new(),
    });
    let diags = lint_document(&doc, options);
    (doc, diags)
}
