//! The rule registry. Each rule lives in its own file as a pure function
//! over the shared [`Document`]; its documentation is its doc comment,
//! captured by [`declare_rule!`] and shown by `gwlint explain RULE`.

use crate::diag::{Diagnostic, Severity};
use crate::doc::Document;
use crate::packs::{Packs, Template};
use rayon::prelude::*;

/// Declare a rule: its doc comment becomes both rustdoc and the text of
/// `gwlint explain`.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $name:ident = {
            id: $id:literal,
            severity: $sev:ident,
            summary: $summary:literal,
            check: $check:path $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub static $name: $crate::rules::Rule = $crate::rules::Rule {
            id: $id,
            severity: $crate::diag::Severity::$sev,
            summary: $summary,
            doc: concat!($($doc, "\n"),*),
            check: $crate::rules::Check::Code($check),
        };
    };
}

mod count_mismatch;
mod date_format;
mod doc_number;
mod genre_convention;
mod halfwidth_punct;
mod heading_numbering;
mod lexicon;
mod mixed_jurisdiction;
mod mixed_organ;
mod number_style;
mod outdated_term;
mod placeholder;
mod quote_pair;
mod registry;
mod repeated_word;
mod required_section;
mod set_phrase_members;
mod template_residue;
mod unused_suppression;

pub use registry::Registry;

/// What a rule may consult besides the document.
pub struct RuleCtx<'a> {
    pub packs: &'a Packs,
    /// The rules of this run (code rules and lexicon packs).
    pub registry: &'a Registry,
    /// Every lexicon word found in the document, in one pass, made on
    /// first use (`hits`): only lexicon rules need them, and a large
    /// document's other rules go on meanwhile.
    pub hits: std::sync::OnceLock<crate::lexicon::Hits>,
    /// The document's facts with the user's overrides (`--level 县`,
    /// `--organ 局`, `--template …`) applied.
    pub facts: crate::doc::facts::Facts,
    /// The date to judge outdated terms by when the document has none.
    pub today: (u32, u32, u32),
}

impl RuleCtx<'_> {
    /// Every lexicon word found in `doc` (the document the rules run on).
    pub fn hits(&self, doc: &Document) -> &crate::lexicon::Hits {
        self.hits
            .get_or_init(|| doc.lexicon_hits(&self.packs.lexicon))
    }

    /// The document's genre template and the title lines it was recognised
    /// from, if the genre is known.
    pub fn genre(&self) -> Option<(&Template, &[usize])> {
        let g = &self.facts.genre.as_ref()?.value;
        Some((self.packs.template(&g.name)?, &g.title))
    }
}

/// A registered rule.
pub struct Rule {
    /// Stable kebab-case id; never reused or renamed.
    pub id: &'static str,
    pub severity: Severity,
    /// One line for `gwlint rules`.
    pub summary: &'static str,
    /// The rule's doc comment.
    pub doc: &'static str,
    pub check: Check,
}

/// How a rule finds its diagnostics.
pub enum Check {
    /// A rule written in Rust.
    Code(fn(&Document, &RuleCtx) -> Vec<Diagnostic>),
    /// A lexicon pack, run by the generic lexicon checker.
    Lexicon,
}

impl Rule {
    /// This rule's diagnostics on one document.
    pub fn check(&self, doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
        match self.check {
            Check::Code(f) => f(doc, ctx),
            Check::Lexicon => lexicon::check(self.id, doc, ctx),
        }
    }

    /// The documentation with rustdoc's leading space removed from each line.
    pub fn documentation(&self) -> String {
        self.doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }
}

/// Every rule written in Rust, in the order `gwlint rules` lists them;
/// lexicon packs follow them in the [`Registry`].
pub static CODE: &[&Rule] = &[
    &placeholder::RULE,
    &quote_pair::RULE,
    &count_mismatch::RULE,
    &mixed_jurisdiction::RULE,
    &mixed_organ::RULE,
    &required_section::RULE,
    &template_residue::RULE,
    &halfwidth_punct::RULE,
    &heading_numbering::RULE,
    &number_style::RULE,
    &outdated_term::RULE,
    &unused_suppression::RULE,
    &set_phrase_members::RULE,
    &date_format::RULE,
    &doc_number::RULE,
    &genre_convention::RULE,
    &repeated_word::RULE,
];

/// Run the selected rules, each with the severity it reports with in this
/// run, over one document. Diagnostics come back sorted by position, then
/// rule id. A large document's rules run on the pool's other threads too.
pub fn run(doc: &Document, ctx: &RuleCtx, rules: &[(&Rule, Severity)]) -> Vec<Diagnostic> {
    let one = |&(rule, severity): &(&Rule, Severity)| {
        let mut found = rule.check(doc, ctx);
        for d in &mut found {
            debug_assert_eq!(d.rule, rule.id);
            d.severity = if d.demoted {
                Severity::Warning
            } else {
                severity
            };
        }
        found
    };
    let mut out: Vec<Diagnostic> = if crate::parallel::worth_it(doc.text.len()) {
        rules
            .par_iter()
            .map(|r| crate::parallel::piece(|| one(r)))
            .flatten_iter()
            .collect()
    } else {
        rules.iter().flat_map(one).collect()
    };
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    out
}
