//! Mentions of the packs' literal phrases — the set phrases (四个意识, 六稳)
//! and the outdated terms (新冠肺炎) — found in one pass per paragraph for
//! the counts and the rules that read them.

use super::words::{words, Words};
use super::Paragraph;
use crate::packs::Packs;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct Mentions {
    /// The list searched, as compiled (it tells a rule whether it is the
    /// one its packs give).
    list: Option<Arc<Words>>,
    /// How many words of the list are set phrases; the outdated terms
    /// follow them.
    phrases: usize,
    /// (index in the list, paragraph, byte range), by paragraph, then
    /// start, then index.
    found: Vec<Mention>,
}

/// The words searched: the set phrases' names, then the outdated terms.
fn list(packs: &Packs) -> (Vec<&str>, usize) {
    let phrases = packs.fixed_phrases.phrase.iter().map(|p| p.name.as_str());
    let terms = packs.outdated.term.iter().map(|t| t.term.as_str());
    (
        phrases.chain(terms).collect(),
        packs.fixed_phrases.phrase.len(),
    )
}

/// A mention: (index of the phrase or term in its pack, paragraph, range).
pub type Mention = (usize, usize, Range<usize>);

impl Mentions {
    /// Every mention in every paragraph of `text`. For each phrase or term,
    /// what `match_indices` finds in each paragraph.
    pub fn find(text: &str, paras: &[Paragraph], packs: &Packs) -> Mentions {
        let (list, phrases) = Mentions::words_for(packs);
        let span = paras.first().map_or(0..0, |first| {
            first.range.start..paras[paras.len() - 1].range.end
        });
        let mut found = Vec::new();
        list.literals().for_each(&text[span.clone()], |k, r| {
            found.push((k, span.start + r.start..span.start + r.end));
        });
        Mentions::from_found(list, phrases, found, paras)
    }

    /// The compiled list of `packs`' set phrases and outdated terms, and how
    /// many of its words are set phrases.
    pub fn words_for(packs: &Packs) -> (Arc<Words>, usize) {
        let (names, phrases) = list(packs);
        (words(&names), phrases)
    }

    /// The mentions made of `found`: the occurrences of the words of
    /// `list.literals()` in the text of `paras`, by start then word.
    pub fn from_found(
        list: Arc<Words>,
        phrases: usize,
        found: impl IntoIterator<Item = (usize, Range<usize>)>,
        paras: &[Paragraph],
    ) -> Mentions {
        let mut mentions = Vec::new();
        // An occurrence counts where it lies within a paragraph. Paragraphs
        // are disjoint and in order, and a word kept in one ends before the
        // next begins, so this is a search of each paragraph on its own.
        let mut at = 0;
        list.keep_each(found, |k, r| {
            while paras.get(at).is_some_and(|p| p.range.end <= r.start) {
                at += 1;
            }
            let Some(p) = paras
                .get(at)
                .filter(|p| p.range.start <= r.start && r.end <= p.range.end)
            else {
                return false;
            };
            mentions.push((k, p.index, r));
            true
        });
        Mentions {
            list: Some(list),
            phrases,
            found: mentions,
        }
    }

    /// Whether these mentions were searched for the phrases and terms of
    /// `packs` (a rule may be run with other packs than the model's).
    pub fn are_for(&self, packs: &Packs) -> bool {
        let (names, phrases) = list(packs);
        self.phrases == phrases && self.list.as_ref().is_some_and(|l| l.is_of(&names))
    }

    /// The set phrases' mentions.
    pub fn phrases(&self) -> impl Iterator<Item = Mention> + '_ {
        self.phrases_in(0..usize::MAX)
    }

    /// The set phrases' mentions in the paragraphs `paras` (indices).
    pub fn phrases_in(&self, paras: Range<usize>) -> impl Iterator<Item = Mention> + '_ {
        let n = self.phrases;
        let lo = self.found.partition_point(|m| m.1 < paras.start);
        let hi = self.found.partition_point(|m| m.1 < paras.end);
        self.found[lo..hi]
            .iter()
            .filter(move |m| m.0 < n)
            .map(|(k, para, r)| (*k, *para, r.clone()))
    }

    /// The outdated terms' mentions.
    pub fn terms(&self) -> impl Iterator<Item = Mention> + '_ {
        let n = self.phrases;
        self.found
            .iter()
            .filter(move |m| m.0 >= n)
            .map(move |(k, para, r)| (k - n, *para, r.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Document;
    use crate::input::Format;

    /// Phrases and terms are told apart and indexed in their own packs.
    #[test]
    fn phrases_and_terms_come_from_one_search() {
        let packs = Packs::builtin();
        let d = Document::from_str(
            "t",
            "标题\n\n增强“四个意识”。\n\n新冠肺炎疫情防控。",
            Format::Plain,
        );
        let m = d.mentions_for(packs);
        assert!(matches!(m, std::borrow::Cow::Borrowed(_)));
        let phrases: Vec<_> = m.phrases().collect();
        assert_eq!(phrases.len(), 1, "{phrases:?}");
        assert_eq!(packs.fixed_phrases.phrase[phrases[0].0].name, "四个意识");
        assert_eq!(&d.text[phrases[0].2.clone()], "四个意识");
        let terms: Vec<_> = m.terms().collect();
        assert!(!terms.is_empty());
        for (t, para, r) in &terms {
            assert_eq!(&d.text[r.clone()], packs.outdated.term[*t].term);
            assert_eq!(*para, 2);
        }
    }

    /// A rule run with other packs than the model's gets the mentions of
    /// its own phrases and terms, found anew.
    #[test]
    fn other_packs_get_a_search_of_their_own() {
        let d = Document::from_str(
            "t",
            "标题\n\n增强“四个意识”，新冠肺炎疫情防控。",
            Format::Plain,
        );
        let mut packs = Packs::embedded().unwrap();
        let kept = packs
            .outdated
            .term
            .iter()
            .position(|t| t.term.starts_with("新冠"))
            .unwrap();
        packs.outdated.term = vec![packs.outdated.term.remove(kept)];
        packs.fixed_phrases.phrase.clear();
        assert!(!d.mentions.are_for(&packs));
        let m = d.mentions_for(&packs);
        assert!(matches!(m, std::borrow::Cow::Owned(_)));
        assert_eq!(m.phrases().count(), 0);
        let terms: Vec<_> = m.terms().collect();
        assert_eq!(terms.len(), 1, "{terms:?}");
        assert_eq!(terms[0].0, 0);
        assert_eq!(&d.text[terms[0].2.clone()], packs.outdated.term[0].term);
    }
}
