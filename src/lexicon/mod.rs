//! Lexicon packs: word-list rules declared wholly as data
//! (`rules/lexicon/*.toml`, or `lexicon/*.toml` in a user's rule directory),
//! and the one multi-pattern matcher that finds every word of every pack in
//! a single pass over a document.

mod matcher;
mod pack;

pub use matcher::{Hit, Hits, Matcher};
pub use pack::{find_value, parse, Entry, FixKind, LexiconPack};

use crate::error::FileError;
use std::sync::{Arc, OnceLock};

/// The embedded lexicon packs, as (file name, contents).
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "lexicon/typo.toml",
        include_str!("../../rules/lexicon/typo.toml"),
    ),
    (
        "lexicon/variant-form.toml",
        include_str!("../../rules/lexicon/variant-form.toml"),
    ),
];

/// Every lexicon pack in effect, with the matcher over all their words
/// (built on first use, after users' packs have been added).
#[derive(Debug, Default)]
pub struct Lexicon {
    pub packs: Vec<LexiconPack>,
    matcher: OnceLock<Arc<Matcher>>,
}

impl Lexicon {
    /// The embedded packs, their patterns compiled on first use.
    pub fn embedded() -> Result<Lexicon, FileError> {
        crate::lazy_regex::deferred(Lexicon::parse_embedded)
    }

    fn parse_embedded() -> Result<Lexicon, FileError> {
        let mut lex = Lexicon::default();
        for (file, text) in EMBEDDED {
            lex.add(pack::parse(file, text)?, file, text)?;
        }
        Ok(lex)
    }

    /// Add a pack. A pack whose id is already taken by another lexicon pack
    /// adds its entries to that rule.
    pub fn add(&mut self, pack: LexiconPack, file: &str, text: &str) -> Result<(), FileError> {
        self.matcher = OnceLock::new();
        if let Some(existing) = self.packs.iter_mut().find(|p| p.id == pack.id) {
            for e in &pack.entry {
                if existing.entry.iter().any(|x| x.wrong == e.wrong) {
                    return Err(FileError::at(
                        file,
                        text,
                        pack::find_value(text, &e.wrong),
                        format!("词条“{}”在规则“{}”中已经有了", e.wrong, pack.id),
                    ));
                }
            }
            existing.entry.extend(pack.entry);
            return Ok(());
        }
        pack.require_header(file, text)?;
        self.packs.push(pack);
        Ok(())
    }

    /// The pack declaring rule `id`, with its index.
    pub fn pack(&self, id: &str) -> Option<(usize, &LexiconPack)> {
        self.packs.iter().enumerate().find(|(_, p)| p.id == id)
    }

    /// Every word of every pack found in `text`, sorted by position.
    pub fn hits(&self, text: &str) -> Hits {
        self.matcher().find(text)
    }

    /// The matcher over every pack's words.
    pub fn matcher(&self) -> &Arc<Matcher> {
        self.matcher
            .get_or_init(|| Arc::new(Matcher::new(&self.packs)))
    }
}

#[cfg(test)]
mod tests {
    /// The embedded lexicon's patterns all compile when loaded eagerly.
    #[test]
    fn every_embedded_pattern_compiles() {
        let eager = super::Lexicon::parse_embedded().unwrap();
        let patterns: Vec<_> = eager
            .packs
            .iter()
            .flat_map(|p| &p.entry)
            .filter_map(|e| e.followed_by.as_ref())
            .collect();
        assert!(!patterns.is_empty());
        assert!(patterns.iter().all(|p| p.is_compiled()));
    }
}
