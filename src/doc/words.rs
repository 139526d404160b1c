//! Literal word lists (and sets of patterns) searched in one pass: an Aho-Corasick automaton per
//! list, built once per process and shared, instead of one scan of the
//! text per word.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::{Regex, RegexSet};
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// A compiled list of words.
#[derive(Debug)]
pub struct Words {
    ac: Option<AhoCorasick>,
    /// For each pattern of the automaton, the index of its word in the list.
    index: Vec<usize>,
    /// The list as given.
    list: Vec<String>,
}

/// How many distinct word lists are kept compiled (the built-in packs use a
/// handful; a user's packs add a few more).
const CACHE_SIZE: usize = 16;

/// The compiled form of `words`, built on first use and shared afterwards.
pub fn words<S: AsRef<str>>(words: &[S]) -> Arc<Words> {
    type Cache = Vec<(Vec<String>, Arc<Words>)>;
    static CACHE: Mutex<Cache> = Mutex::new(Vec::new());
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let same = |key: &Vec<String>| {
        key.len() == words.len() && key.iter().zip(words).all(|(k, w)| k == w.as_ref())
    };
    if let Some((_, w)) = cache.iter().find(|(k, _)| same(k)) {
        return Arc::clone(w);
    }
    let compiled = Arc::new(Words::new(words));
    if cache.len() == CACHE_SIZE {
        cache.remove(0);
    }
    let key = words.iter().map(|w| w.as_ref().to_string()).collect();
    cache.push((key, Arc::clone(&compiled)));
    compiled
}

/// One set of all `patterns`, to learn in one pass which of them occur in
/// a text; built on first use and shared afterwards.
pub fn regex_set(patterns: &[&Regex]) -> Arc<RegexSet> {
    type Cache = Vec<(Vec<String>, Arc<RegexSet>)>;
    static CACHE: Mutex<Cache> = Mutex::new(Vec::new());
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let same = |key: &Vec<String>| {
        key.len() == patterns.len() && key.iter().zip(patterns).all(|(k, p)| k == p.as_str())
    };
    if let Some((_, set)) = cache.iter().find(|(k, _)| same(k)) {
        return Arc::clone(set);
    }
    let key: Vec<String> = patterns.iter().map(|p| p.as_str().to_string()).collect();
    let set = Arc::new(RegexSet::new(&key).expect("each pattern compiled on its own"));
    if cache.len() == CACHE_SIZE {
        cache.remove(0);
    }
    cache.push((key, Arc::clone(&set)));
    set
}

impl Words {
    fn new<S: AsRef<str>>(words: &[S]) -> Words {
        // Empty words would match everywhere: they are left out.
        let (index, patterns): (Vec<usize>, Vec<&str>) = words
            .iter()
            .map(|w| w.as_ref())
            .enumerate()
            .filter(|(_, w)| !w.is_empty())
            .unzip();
        // A full DFA: the lists are small and searched over every paragraph.
        let ac = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .expect("literal words always compile")
        });
        Words {
            ac,
            index,
            list: words.iter().map(|w| w.as_ref().to_string()).collect(),
        }
    }

    /// Whether this is the compiled form of `words`.
    pub fn is_of<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.list.len() == words.len() && self.list.iter().zip(words).all(|(a, b)| a == b.as_ref())
    }

    /// Every occurrence of every word in `text`, as (index of the word, byte
    /// range), sorted by start and then word: for each word, exactly what
    /// `text.match_indices(word)` yields (non-overlapping, leftmost first).
    pub fn find(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut reach = vec![0; self.list.len()];
        let mut out: Vec<(usize, Range<usize>)> = Vec::new();
        // Matches come in order of their end; for one word (of fixed length)
        // that is also the order of their start.
        for m in ac.find_overlapping_iter(text) {
            let w = self.index[m.pattern().as_usize()];
            if m.start() >= reach[w] {
                reach[w] = m.end();
                out.push((w, m.start()..m.end()));
            }
        }
        out.sort_by_key(|(w, r)| (r.start, *w));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_match_indices_finds_for_each_word() {
        let list = ["某某", "某", "四个意识", "意识", ""];
        let text = "某某某同志增强四个意识和意识形态，某";
        let found = words(&list).find(text);
        let mut expected: Vec<(usize, Range<usize>)> = Vec::new();
        for (w, word) in list.iter().enumerate().filter(|(_, w)| !w.is_empty()) {
            expected.extend(
                text.match_indices(word)
                    .map(|(i, _)| (w, i..i + word.len())),
            );
        }
        expected.sort_by_key(|(w, r)| (r.start, *w));
        assert_eq!(found, expected);
        assert!(found.iter().any(|(w, _)| *w == 2));
    }

    #[test]
    fn lists_are_compiled_once_and_told_apart() {
        let a = words(&["甲", "乙"]);
        assert!(Arc::ptr_eq(
            &a,
            &words(&["甲".to_string(), "乙".to_string()])
        ));
        assert!(!Arc::ptr_eq(&a, &words(&["甲"])));
        assert!(words::<&str>(&[]).find("甲").is_empty());
    }

    #[test]
    fn a_regex_set_tells_which_patterns_occur() {
        let a = Regex::new("X+年").unwrap();
        let b = Regex::new("某某").unwrap();
        let set = regex_set(&[&a, &b]);
        let m = set.matches("XX年XX月");
        assert!(m.matched(0) && !m.matched(1));
        assert!(Arc::ptr_eq(&set, &regex_set(&[&a, &b])));
        assert!(!set.is_match("正文"));
    }
}
