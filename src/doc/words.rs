//! Literal word lists searched in one pass: a
//! [`Literals`] filter per list, built once per process and shared, instead
//! of one scan of the text per word.

use crate::literals::Literals;
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// A compiled list of words.
#[derive(Debug)]
pub struct Words {
    found: Literals,
    /// For each word searched, the index of its word in the list.
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

impl Words {
    fn new<S: AsRef<str>>(words: &[S]) -> Words {
        // Empty words would match everywhere: they are left out.
        let (index, patterns): (Vec<usize>, Vec<&str>) = words
            .iter()
            .map(|w| w.as_ref())
            .enumerate()
            .filter(|(_, w)| !w.is_empty())
            .unzip();
        Words {
            found: Literals::new(&patterns),
            index,
            list: words.iter().map(|w| w.as_ref().to_string()).collect(),
        }
    }

    /// Whether this is the compiled form of `words`.
    pub fn is_of<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.list.len() == words.len() && self.list.iter().zip(words).all(|(a, b)| a == b.as_ref())
    }

    /// The words searched (the non-empty ones of the list), in the order
    /// `keep_each` numbers them.
    pub fn literals(&self) -> &Literals {
        &self.found
    }

    /// The occurrences of each word (as its index in the list) that
    /// `match_indices` would find — non-overlapping, leftmost first — given
    /// one by one to `keep`, by start then word; `found` is every
    /// occurrence of every word of [`Words::literals`] in a text, as (word,
    /// range), by start then word. An occurrence `keep` refuses does not
    /// hide the overlapping ones of its word after it (a search of part of
    /// the text would not have seen it).
    pub fn keep_each(
        &self,
        found: impl IntoIterator<Item = (usize, Range<usize>)>,
        mut keep: impl FnMut(usize, Range<usize>) -> bool,
    ) {
        let mut reach = vec![0; self.list.len()];
        // Occurrences come by start, then by word: the order wanted, and for
        // each word the order in which `match_indices` skips overlaps.
        for (k, r) in found {
            let w = self.index[k];
            if r.start >= reach[w] && keep(w, r.clone()) {
                reach[w] = r.end;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kept occurrence in `text`.
    fn find(words: &Words, text: &str) -> Vec<(usize, Range<usize>)> {
        let mut found = Vec::new();
        words.literals().for_each(text, |k, r| found.push((k, r)));
        let mut out = Vec::new();
        words.keep_each(found, |w, r| {
            out.push((w, r));
            true
        });
        out
    }

    #[test]
    fn finds_what_match_indices_finds_for_each_word() {
        let list = ["某某", "某", "四个意识", "意识", ""];
        let text = "某某某同志增强四个意识和意识形态，某";
        let found = find(&words(&list), text);
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
        assert!(find(&words::<&str>(&[]), "甲").is_empty());
    }
}
