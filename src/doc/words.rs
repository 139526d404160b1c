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
    count: usize,
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
    cached_set(patterns.iter().map(|p| p.as_str().to_string()).collect())
}

fn cached_set(key: Vec<String>) -> Arc<RegexSet> {
    type Cache = Vec<(Vec<String>, Arc<RegexSet>)>;
    static CACHE: Mutex<Cache> = Mutex::new(Vec::new());
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, set)) = cache.iter().find(|(k, _)| *k == key) {
        return Arc::clone(set);
    }
    let set = Arc::new(RegexSet::new(&key).expect("each pattern compiled on its own"));
    if cache.len() == CACHE_SIZE {
        cache.remove(0);
    }
    cache.push((key, Arc::clone(&set)));
    set
}

/// Whether one of `patterns` may match within some line of `text`; false
/// means none matches in any line, so a search line by line can be
/// skipped. One search of the whole text, with `^` and `$` at every line's
/// ends: a match within a line is a match there. Patterns with other
/// assertions (`\b`, `\A`…) may not match in the whole text where they match
/// in a line, so for them the answer is always true.
pub fn may_match_in_a_line(patterns: &[&Regex], text: &str) -> bool {
    let asserts = |p: &str| {
        ["\\b", "\\B", "\\A", "\\z", "\\<", "\\>"]
            .iter()
            .any(|a| p.contains(a))
    };
    if patterns.iter().any(|p| asserts(p.as_str())) {
        return true;
    }
    let key = patterns
        .iter()
        .map(|p| format!("(?mR:{})", p.as_str()))
        .collect();
    cached_set(key).is_match(text)
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
            count: words.len(),
        }
    }

    /// Every occurrence of every word in `text`, as (index of the word, byte
    /// range), sorted by start and then word: for each word, exactly what
    /// `text.match_indices(word)` yields (non-overlapping, leftmost first).
    pub fn find(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut reach = vec![0; self.count];
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

    /// The whole-text search is true wherever a line matches, \r\n or \n
    /// ending it, anchored or not; false only when no line matches.
    #[test]
    fn a_match_in_a_line_is_a_match_in_the_text() {
        let anchored = Regex::new(r"^\s*阅读全文$").unwrap();
        let inner = Regex::new("仅供参考").unwrap();
        let pats = [&anchored, &inner];
        for text in [
            "正文。\n阅读全文\n正文。",
            "正文。\r\n  阅读全文\r\n",
            "甲\n乙仅供参考丙",
        ] {
            let in_a_line = text.lines().any(|l| pats.iter().any(|p| p.is_match(l)));
            assert!(in_a_line, "{text:?}");
            assert!(may_match_in_a_line(&pats, text), "{text:?}");
        }
        for text in ["正文阅读全文。\n正文。", "仅供\n参考", ""] {
            assert!(!text.lines().any(|l| pats.iter().any(|p| p.is_match(l))));
            assert!(!may_match_in_a_line(&pats, text), "{text:?}");
        }
        // A word boundary at a line's end is no boundary in the text: no answer.
        let bounded = Regex::new(r"ab\b").unwrap();
        assert!(may_match_in_a_line(&[&bounded], "正文"));
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
