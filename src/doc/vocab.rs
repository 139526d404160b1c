//! The literal words a document is searched for, all in one pass: the
//! lexicon packs' words, the literals the placeholder and residue patterns
//! need (see `patterns`), and the set phrases and outdated terms. Each list
//! keeps its own compiled form, which searches alone for a rule run with
//! other packs than the model's; the vocabulary is their union.

use super::mentions::Mentions;
use super::words::Words;
use super::Paragraph;
use crate::lexicon::{Hits, Lexicon, Matcher};
use crate::literals::Literals;
use crate::packs::Packs;
use crate::patterns::{self, Patterns, Scan};
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// The union of the lists, and the lists.
#[derive(Debug)]
pub struct Vocabulary {
    all: Literals,
    lexicon: Arc<Matcher>,
    placeholders: Arc<Patterns>,
    residue: Arc<Patterns>,
    /// The set phrases and outdated terms, and how many are set phrases.
    mentions: (Arc<Words>, usize),
    /// Where each list's words begin in `all` (in the order of the
    /// constants below), and where the last ends.
    starts: [usize; 5],
}

const LEXICON: usize = 0;
const PLACEHOLDERS: usize = 1;
const RESIDUE: usize = 2;
const MENTIONS: usize = 3;

/// The sources of the placeholder shapes' and the residue entries'
/// patterns of `packs`.
pub fn pattern_lists(packs: &Packs) -> (Vec<&str>, Vec<&str>) {
    (
        packs
            .placeholders
            .shape
            .iter()
            .map(|s| s.pattern.as_str())
            .collect(),
        packs
            .residue
            .residue
            .iter()
            .map(|e| e.pattern.as_str())
            .collect(),
    )
}

impl Vocabulary {
    /// The vocabulary of `packs`, built on first use and shared.
    pub fn of(packs: &Packs) -> Arc<Vocabulary> {
        type Cache = Vec<Arc<Vocabulary>>;
        static CACHE: Mutex<Cache> = Mutex::new(Vec::new());
        /// Distinct vocabularies kept (one per set of packs in use).
        const CACHE_SIZE: usize = 8;
        let lexicon = Arc::clone(packs.lexicon.matcher());
        let (placeholders, residue) = pattern_lists(packs);
        let placeholders = patterns::shared(&placeholders);
        let residue = patterns::shared(&residue);
        let mentions = Mentions::words_for(packs);
        let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        // The lists are shared compiled forms: the same lists, the same
        // objects (each held here, so none is freed and its address reused).
        let same = |v: &Vocabulary| {
            Arc::ptr_eq(&v.lexicon, &lexicon)
                && Arc::ptr_eq(&v.placeholders, &placeholders)
                && Arc::ptr_eq(&v.residue, &residue)
                && Arc::ptr_eq(&v.mentions.0, &mentions.0)
                && v.mentions.1 == mentions.1
        };
        if let Some(v) = cache.iter().find(|v| same(v)) {
            return Arc::clone(v);
        }
        let lists = [
            lexicon.words(),
            placeholders.literals(),
            residue.literals(),
            mentions.0.literals(),
        ];
        let mut starts = [0; 5];
        for (i, list) in lists.iter().enumerate() {
            starts[i + 1] = starts[i] + list.len();
        }
        let words: Vec<&str> = lists.iter().flat_map(|l| l.words()).collect();
        let vocab = Arc::new(Vocabulary {
            all: Literals::new(&words),
            lexicon,
            placeholders,
            residue,
            mentions,
            starts,
        });
        if cache.len() == CACHE_SIZE {
            cache.remove(0);
        }
        cache.push(Arc::clone(&vocab));
        vocab
    }

    /// Every occurrence of every word in `text`.
    pub fn find(self: &Arc<Self>, text: &str) -> Found {
        let mut at = Vec::new();
        self.all.for_each(text, |w, r| {
            at.push((u32::try_from(w).expect("fewer than 2^32 words"), r.start));
        });
        Found {
            vocab: Arc::clone(self),
            at,
        }
    }
}

/// The occurrences of a vocabulary's words in one text.
#[derive(Debug, Clone)]
pub struct Found {
    vocab: Arc<Vocabulary>,
    /// (word, start), by start then word.
    at: Vec<(u32, usize)>,
}

impl Found {
    /// The occurrences of list `part`'s words, numbered within the list.
    fn part(&self, part: usize) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        let (first, end) = (self.vocab.starts[part], self.vocab.starts[part + 1]);
        self.at
            .iter()
            .map(|&(w, start)| (w as usize, start))
            .filter(move |&(w, _)| first <= w && w < end)
            .map(move |(w, start)| {
                let len = self.vocab.all.word(w).len();
                (w - first, start..start + len)
            })
    }

    /// The set phrases' and outdated terms' mentions in `paras`.
    pub fn mentions(&self, paras: &[Paragraph]) -> Mentions {
        let (list, phrases) = &self.vocab.mentions;
        Mentions::from_found(Arc::clone(list), *phrases, self.part(MENTIONS), paras)
    }

    /// The hits of `lexicon`'s words, if they are the words searched.
    pub fn lexicon_hits(&self, lexicon: &Lexicon) -> Option<Hits> {
        let matcher = &self.vocab.lexicon;
        Arc::ptr_eq(lexicon.matcher(), matcher).then(|| matcher.hits_from(self.part(LEXICON)))
    }

    /// The scan of `patterns`' literals, if they are among those searched.
    pub fn scan<'a>(&self, patterns: &'a Arc<Patterns>) -> Option<Scan<'a>> {
        let part = if Arc::ptr_eq(patterns, &self.vocab.placeholders) {
            PLACEHOLDERS
        } else if Arc::ptr_eq(patterns, &self.vocab.residue) {
            RESIDUE
        } else {
            return None;
        };
        Some(patterns.scan_from(self.part(part).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Document;
    use crate::input::Format;

    /// The corpus drafts and a text with every kind of word.
    fn texts() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/docs");
        let mut out: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        out.push(
            "关于XX的通知\n\nX年X月X日，某某同志增强“四个意识”，新冠肺炎疫情防控，\
             一如继往地布署。本文系作者原创，仅供学习参考。【正文】（单位名称）"
                .to_string(),
        );
        out
    }

    /// Each list's occurrences from the one pass are what its own search
    /// finds: the lexicon's hits, the patterns' candidates, the mentions.
    #[test]
    fn one_pass_gives_what_each_list_finds_alone() {
        let packs = Packs::builtin();
        let (placeholders, residue) = pattern_lists(packs);
        let lists = [patterns::shared(&placeholders), patterns::shared(&residue)];
        for text in texts() {
            let d = Document::from_str("t", &text, Format::Plain);
            let alone = packs.lexicon.hits(&d.text);
            let joint = d.found.lexicon_hits(&packs.lexicon).unwrap();
            assert_eq!(format!("{joint:?}"), format!("{alone:?}"));
            for list in &lists {
                let mut joint = d.found.scan(list).unwrap();
                let mut alone = list.scan(&d.text);
                let (mut a, mut b) = (Vec::new(), Vec::new());
                for p in &d.paragraphs {
                    joint.candidates(p.range.clone(), &mut a);
                    alone.candidates(p.range.clone(), &mut b);
                    assert_eq!(a, b);
                }
            }
            let alone = Mentions::find(&d.text, &d.paragraphs, packs);
            assert_eq!(
                format!(
                    "{:?}",
                    d.mentions
                        .phrases()
                        .chain(d.mentions.terms())
                        .collect::<Vec<_>>()
                ),
                format!(
                    "{:?}",
                    alone.phrases().chain(alone.terms()).collect::<Vec<_>>()
                )
            );
        }
    }

    /// Packs with other words than the model's are searched anew, and the
    /// same packs share one vocabulary.
    #[test]
    fn other_packs_are_searched_anew() {
        let text = "关于加强管理的通知\n\n一如继往地做好工作，请填写【单位名称】。";
        let d = Document::from_str("t", text, Format::Plain);
        let mut packs = Packs::embedded().unwrap();
        packs.extend_words(&[], &["做好工作".to_string()], &[]);
        let (_, residue) = pattern_lists(&packs);
        let residue = patterns::shared(&residue);
        assert!(d.found.scan(&residue).is_none());
        let mut scan = d.scan_for(&residue);
        let mut out = Vec::new();
        let last = d.paragraphs.last().unwrap().range.clone();
        scan.candidates(last, &mut out);
        assert!(!out.is_empty(), "the added residue word is searched");
        // A lexicon with another matcher is searched anew too.
        assert!(d.found.lexicon_hits(&packs.lexicon).is_none());
        assert!(!d.lexicon_hits(&packs.lexicon).is_empty());
        assert!(Arc::ptr_eq(
            &Vocabulary::of(Packs::builtin()),
            &Vocabulary::of(Packs::builtin())
        ));
    }
}
