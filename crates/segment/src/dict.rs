//! Reading the dictionary image (see `layout`) in place: opening it only
//! checks the header and slices the arrays; every lookup reads the bytes.

use crate::layout::{filter_bit, Node, Pair, Sections, HEADER_WORDS, MAGIC, ROOT_LEN, VERSION};
use std::fmt;

/// A dictionary: a trie of words, each with its log-probability.
#[derive(Clone, Copy)]
pub struct Dict<'a> {
    probs: &'a [[u8; 8]],
    root: &'a [[u8; 4]],
    nodes: &'a [[u8; 8]],
    label: Labels<'a>,
    pairs: &'a [[u8; 8]],
    pair_bits: u32,
}

/// The labels array, in 16 or 32 bits.
#[derive(Clone, Copy)]
enum Labels<'a> {
    Narrow(&'a [[u8; 2]]),
    Wide(&'a [[u8; 4]]),
}

impl Labels<'_> {
    fn len(&self) -> usize {
        match self {
            Labels::Narrow(l) => l.len(),
            Labels::Wide(l) => l.len(),
        }
    }

    /// The index of `c` among the sorted labels `lo..hi`, if it is there.
    #[inline(always)]
    fn find(&self, lo: usize, hi: usize, c: char) -> Option<usize> {
        match self {
            Labels::Narrow(l) => {
                let c = u16::try_from(c as u32).ok()?;
                l[lo..hi]
                    .binary_search_by(|x| u16::from_le_bytes(*x).cmp(&c))
                    .ok()
            }
            Labels::Wide(l) => l[lo..hi]
                .binary_search_by(|x| u32::from_le_bytes(*x).cmp(&(c as u32)))
                .ok(),
        }
    }
}

/// A node of the trie (a prefix of at least one word) as a walk holds it:
/// its entry and where its children end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cursor {
    node: Node,
    children_end: u32,
}

/// Why bytes are not a dictionary image.
#[derive(Debug, PartialEq, Eq)]
pub struct ImageError(&'static str);

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a dictionary image: {}", self.0)
    }
}

impl std::error::Error for ImageError {}

impl<'a> Dict<'a> {
    /// Opens an image written by build.rs (or the tests' writer).
    pub fn from_image(bytes: &'a [u8]) -> Result<Dict<'a>, ImageError> {
        let (header, _) = bytes.as_chunks::<4>();
        let header: Vec<u32> = header
            .iter()
            .take(HEADER_WORDS)
            .map(|w| u32::from_le_bytes(*w))
            .collect();
        if header.len() < HEADER_WORDS || header[0] != MAGIC {
            return Err(ImageError("no header"));
        }
        if header[1] != VERSION {
            return Err(ImageError("another version"));
        }
        if header[4] as usize != ROOT_LEN {
            return Err(ImageError("another root table size"));
        }
        let (nodes, probs, pair_bits) = (header[2] as usize, header[3] as usize, header[5]);
        let label_bytes = header[6] as usize;
        if label_bytes != 2 && label_bytes != 4 {
            return Err(ImageError("label size"));
        }
        if nodes == 0 || probs == 0 {
            return Err(ImageError("empty"));
        }
        if !(4..32).contains(&pair_bits) {
            return Err(ImageError("pairs table size"));
        }
        let at = Sections::new(nodes, probs, label_bytes, pair_bits);
        if bytes.len() != at.end {
            return Err(ImageError("wrong length"));
        }
        let dict = Dict {
            probs: bytes[at.probs..at.probs + probs * 8].as_chunks().0,
            root: bytes[at.root..at.root + ROOT_LEN * 4].as_chunks().0,
            nodes: bytes[at.nodes..at.nodes + (nodes + 1) * 8].as_chunks().0,
            label: {
                let bytes = &bytes[at.label..at.label + nodes * label_bytes];
                match label_bytes {
                    2 => Labels::Narrow(bytes.as_chunks().0),
                    _ => Labels::Wide(bytes.as_chunks().0),
                }
            },
            pairs: bytes[at.pairs..].as_chunks().0,
            pair_bits,
        };
        if dict.entry(nodes as u32).first as usize != nodes {
            return Err(ImageError("child lists do not cover the nodes"));
        }
        Ok(dict)
    }

    /// ln(1) − ln(total): the route's step over a character that starts no
    /// word.
    #[inline(always)]
    pub(crate) fn unknown_prob(&self) -> f64 {
        f64::from_le_bytes(self.probs[0])
    }

    #[inline(always)]
    fn entry(&self, id: u32) -> Node {
        Node::unpack(u64::from_le_bytes(self.nodes[id as usize]))
    }

    #[inline(always)]
    fn cursor(&self, id: u32) -> Cursor {
        Cursor {
            node: self.entry(id),
            children_end: self.entry(id + 1).first,
        }
    }

    /// ln(freq) − ln(total) of the word ending at `at`, if one does.
    #[inline(always)]
    pub(crate) fn word_prob(&self, at: Cursor) -> Option<f64> {
        let id = at.node.word;
        (id != 0).then(|| f64::from_le_bytes(self.probs[id as usize]))
    }

    /// The node of the one-character prefix `c`, if a word starts with it.
    #[inline(always)]
    pub(crate) fn start(&self, c: char) -> Option<Cursor> {
        match self.root.get(c as usize) {
            Some(&id) => Some(u32::from_le_bytes(id))
                .filter(|&id| id != 0)
                .map(|id| self.cursor(id)),
            None => self.child(self.cursor(0), c),
        }
    }

    /// The node of the two-character prefix `a` `b` (`at` is the node of
    /// `a`), if a word starts with it: the same as [`Dict::child`], by one
    /// probe in the pairs table instead of a search through the children of
    /// `a` (hundreds for some characters).
    #[inline(always)]
    pub(crate) fn pair(&self, at: Cursor, a: char, b: char) -> Option<Cursor> {
        if at.node.filter & filter_bit(b) == 0 {
            return None;
        }
        let key = Pair::key(a, b);
        let mask = self.pairs.len() - 1;
        let mut i = Pair::home(key, self.pair_bits);
        loop {
            let slot = u64::from_le_bytes(self.pairs[i]);
            if Pair::key_of(slot) == key {
                return Some(self.cursor(Pair::node_of(slot)));
            }
            if slot == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether `at` may have a child `c` (false: it surely has none).
    #[inline(always)]
    pub(crate) fn may_have_child(&self, at: Cursor, c: char) -> bool {
        at.node.filter & filter_bit(c) != 0
    }

    /// The node of `at`'s prefix followed by `c`, if there is one.
    #[inline(always)]
    pub(crate) fn child(&self, at: Cursor, c: char) -> Option<Cursor> {
        if at.node.filter & filter_bit(c) == 0 {
            return None;
        }
        let lo = at.node.first as usize;
        self.label
            .find(lo, at.children_end as usize, c)
            .map(|k| self.cursor((lo + k) as u32))
    }

    /// The node of `prefix`, if it is a prefix of a word (or a word).
    fn find(&self, prefix: &str) -> Option<Cursor> {
        let mut chars = prefix.chars();
        let mut node = self.start(chars.next()?)?;
        for c in chars {
            node = self.child(node, c)?;
        }
        Some(node)
    }

    /// The number of words.
    pub fn word_count(&self) -> usize {
        (0..self.label.len() as u32)
            .filter(|&id| self.entry(id).word != 0)
            .count()
    }

    /// Whether `word` is in the dictionary.
    pub fn contains(&self, word: &str) -> bool {
        self.log_prob(word).is_some()
    }

    /// ln(freq) − ln(total) of `word`, if it is in the dictionary.
    pub fn log_prob(&self, word: &str) -> Option<f64> {
        self.find(word).and_then(|node| self.word_prob(node))
    }

    /// The dictionary words that `text` starts with, shortest first.
    pub fn prefixes<'t>(&self, text: &'t str) -> Vec<&'t str> {
        let mut out = Vec::new();
        let mut chars = text.char_indices();
        let Some(mut node) = chars.next().and_then(|(_, c)| self.start(c)) else {
            return out;
        };
        loop {
            let next = chars.next();
            if self.word_prob(node).is_some() {
                out.push(&text[..next.map_or(text.len(), |(i, _)| i)]);
            }
            match next.and_then(|(_, c)| self.child(node, c)) {
                Some(child) => node = child,
                None => return out,
            }
        }
    }
}

impl fmt::Debug for Dict<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dict")
            .field("nodes", &self.label.len())
            .field("frequencies", &(self.probs.len() - 1))
            .finish()
    }
}
