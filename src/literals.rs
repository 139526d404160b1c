//! Many literal words found in one pass over a text.
//!
//! At each position the first few bytes of the text (the *key*: at most
//! six) are hashed into a bit filter that holds the keys of every word.
//! Only where the filter says a word may start are the words with that key
//! compared in full. A text of Chinese prose passes the filter at a small
//! fraction of its positions, so the pass costs about a table lookup, a
//! multiplication and a bit test per byte — several times less than an
//! Aho-Corasick automaton stepping through thousands of states, and with no
//! automaton to build at start.
//!
//! Words are grouped by their key's length: one, two, three (words of three
//! to five bytes: one Chinese character) or six bytes (longer words: two
//! Chinese characters). A one-byte word (`x`) or a one-character word (某)
//! thus does not shorten the keys of the two-character words to a prefix
//! that thousands of positions share.

use std::ops::Range;

/// A compiled list of non-empty words.
#[derive(Debug, Clone)]
pub struct Literals {
    /// The words, one after another.
    words: String,
    /// Each word's range in `bytes`.
    spans: Vec<Range<usize>>,
    /// For each byte, the groups (bit `g` for `groups[g]`) with a word that
    /// begins with it.
    first: [u8; 256],
    groups: Vec<Group>,
}

/// The words whose keys have one length.
#[derive(Debug, Clone)]
struct Group {
    /// How many bytes a key has: 1, 2, 3 or 6.
    key_len: usize,
    /// The low `key_len` bytes of a u64.
    mask: u64,
    /// One bit per hash value; set where some word's key hashes.
    filter: Vec<u64>,
    /// 64 minus the number of bits of a hash value.
    shift: u32,
    /// (key, word), sorted: the words to compare where a key is found.
    keys: Vec<(u64, usize)>,
}

/// The length of the UTF-8 character that begins with byte `b`.
#[inline(always)]
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// Fibonacci hashing: the top bits of the key times 2^64 / φ.
const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

impl Group {
    fn new(key_len: usize, words: usize) -> Group {
        // About one bit in sixty-four set: few false alarms, and the filter
        // stays within the first-level cache for lists of a few hundred words.
        let bits = (words.max(1) * 64)
            .next_power_of_two()
            .clamp(1 << 12, 1 << 20);
        Group {
            key_len,
            mask: u64::MAX >> (64 - 8 * key_len),
            filter: vec![0; bits / 64],
            shift: 64 - bits.trailing_zeros(),
            keys: Vec::new(),
        }
    }

    #[inline(always)]
    fn hash(&self, key: u64) -> usize {
        (key.wrapping_mul(MULTIPLIER) >> self.shift) as usize
    }

    /// The key at `text[i..]`, if the text holds `key_len` more bytes.
    #[inline(always)]
    fn key_at(&self, text: &[u8], i: usize) -> Option<u64> {
        let key = match text.get(i..i + 8) {
            Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
            None => {
                let tail = text.get(i..i + self.key_len)?;
                let mut buf = [0u8; 8];
                buf[..tail.len()].copy_from_slice(tail);
                u64::from_le_bytes(buf)
            }
        };
        Some(key & self.mask)
    }

    fn add(&mut self, key: u64, word: usize) {
        let h = self.hash(key);
        self.filter[h / 64] |= 1 << (h % 64);
        self.keys.push((key, word));
    }

    /// The key at `text[i..]` if the filter holds it.
    #[inline(always)]
    fn passes(&self, text: &[u8], i: usize) -> Option<u64> {
        let key = self.key_at(text, i)?;
        let h = self.hash(key);
        (self.filter[h / 64] & (1 << (h % 64)) != 0).then_some(key)
    }
}

impl Literals {
    /// Compiles `words`. Panics on an empty word (it would be found at every
    /// position); callers leave those out.
    pub fn new<S: AsRef<str>>(words: &[S]) -> Literals {
        let mut words_text = String::new();
        let mut spans = Vec::with_capacity(words.len());
        for w in words {
            let w = w.as_ref();
            assert!(!w.is_empty(), "an empty word cannot be searched for");
            spans.push(words_text.len()..words_text.len() + w.len());
            words_text.push_str(w);
        }
        // Group 0: one-byte words, 1: two bytes, 2: three to five, 3: longer.
        let group = |len: usize| match len {
            1 | 2 => len - 1,
            3..=5 => 2,
            _ => 3,
        };
        let mut per_group = [0usize; 4];
        for span in &spans {
            per_group[group(span.len())] += 1;
        }
        let mut groups: Vec<Group> = [1, 2, 3, 6]
            .into_iter()
            .zip(per_group)
            .map(|(key_len, n)| Group::new(key_len, n))
            .collect();
        let mut first = [0u8; 256];
        for (w, span) in spans.iter().enumerate() {
            let word = &words_text.as_bytes()[span.clone()];
            let g = group(word.len());
            first[word[0] as usize] |= 1 << g;
            let key = groups[g].key_at(word, 0).expect("a word holds its key");
            groups[g].add(key, w);
        }
        for g in &mut groups {
            g.keys.sort_unstable();
        }
        Literals {
            words: words_text,
            spans,
            first,
            groups,
        }
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The words, in order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|w| self.word(w))
    }

    /// Word `w` as given.
    pub fn word(&self, w: usize) -> &str {
        &self.words[self.spans[w].clone()]
    }

    /// Calls `found(word, range)` for every occurrence of every word in
    /// `text`, overlapping ones included: in order of start, then of word.
    #[inline]
    pub fn for_each(&self, text: &str, mut found: impl FnMut(usize, Range<usize>)) {
        let text = text.as_bytes();
        let mut here: Vec<(usize, Range<usize>)> = Vec::new();
        // Words are whole characters, so only character boundaries are tried.
        let mut i = 0;
        while let Some(&b) = text.get(i) {
            let at = i;
            i += utf8_len(b);
            let groups = self.first[b as usize];
            if groups == 0 {
                continue;
            }
            if groups.is_power_of_two() {
                let g = &self.groups[groups.trailing_zeros() as usize];
                if let Some(key) = g.passes(text, at) {
                    self.compare_at(g, text, at, key, &mut found);
                }
                continue;
            }
            // Words of several key lengths begin with this byte: their
            // occurrences here are put in the order of the words.
            for (k, g) in self.groups.iter().enumerate() {
                if groups & (1 << k) != 0 {
                    if let Some(key) = g.passes(text, at) {
                        self.compare_at(g, text, at, key, &mut |w, r| here.push((w, r)));
                    }
                }
            }
            if !here.is_empty() {
                here.sort_unstable_by_key(|(w, _)| *w);
                for (w, r) in here.drain(..) {
                    found(w, r);
                }
            }
        }
    }

    /// The words of `g` with `key` that occur at `text[i..]`.
    #[cold]
    fn compare_at(
        &self,
        g: &Group,
        text: &[u8],
        i: usize,
        key: u64,
        found: &mut impl FnMut(usize, Range<usize>),
    ) {
        let lo = g.keys.partition_point(|&(k, _)| k < key);
        for &(k, w) in &g.keys[lo..] {
            if k != key {
                break;
            }
            let word = self.word(w);
            if text[i..].starts_with(word.as_bytes()) {
                found(w, i..i + word.len());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Xorshift;

    /// Every (word, range) by a plain search at every position.
    fn naive(words: &[&str], text: &str) -> Vec<(usize, Range<usize>)> {
        let mut out = Vec::new();
        for i in 0..text.len() {
            for (w, word) in words.iter().enumerate() {
                if text.as_bytes()[i..].starts_with(word.as_bytes()) {
                    out.push((w, i..i + word.len()));
                }
            }
        }
        out
    }

    fn found(words: &[&str], text: &str) -> Vec<(usize, Range<usize>)> {
        let mut out = Vec::new();
        Literals::new(words).for_each(text, |w, r| out.push((w, r)));
        out
    }

    #[test]
    fn finds_overlapping_and_repeated_words_in_order() {
        let words = ["某某", "某", "四个意识", "意识", "某某"];
        let text = "某某某同志增强四个意识和意识形态，某";
        assert_eq!(found(&words, text), naive(&words, text));
        assert!(found(&words, text).iter().any(|(w, _)| *w == 4));
    }

    #[test]
    fn keys_shorter_than_eight_bytes_and_the_text_end() {
        for words in [
            &["x"][..],
            &["ab", "b"],
            &["一二三", "三"],
            &["abcdefghij", "hij"],
        ] {
            for text in ["", "x", "abx", "一二三", "xxabcdefghij", "一二三三"] {
                assert_eq!(
                    found(words, text),
                    naive(words, text),
                    "{words:?} in {text:?}"
                );
            }
        }
    }

    /// Random words and texts over a small alphabet, so that words share
    /// keys, overlap and end at the text's last byte.
    #[test]
    fn agrees_with_a_plain_search_on_random_words_and_texts() {
        let alphabet = ['某', '一', 'a', 'b', '意', '识', '，', '\n', '𠀀'];
        let mut rng = Xorshift(0x5EED_1234);
        for _ in 0..2000 {
            let count = 1 + rng.next() % 12;
            let words: Vec<String> = (0..count)
                .map(|_| rng.string(&alphabet, 6))
                .filter(|w| !w.is_empty())
                .collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let text = rng.string(&alphabet, 40);
            assert_eq!(
                found(&words, &text),
                naive(&words, &text),
                "{words:?} in {text:?}"
            );
        }
    }

    #[test]
    #[should_panic(expected = "empty word")]
    fn an_empty_word_is_refused() {
        Literals::new(&[""]);
    }
}
