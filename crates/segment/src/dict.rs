//! Reading the dictionary image (see `layout`) in place: opening it only
//! checks the header and slices the arrays; every lookup reads the bytes.

use crate::layout::{Sections, HEADER_WORDS, MAGIC, ROOT_LEN, VERSION};
use std::fmt;

/// A dictionary: a trie of words, each with its log-probability.
#[derive(Clone, Copy)]
pub struct Dict<'a> {
    probs: &'a [[u8; 8]],
    root: &'a [[u8; 4]],
    first: &'a [[u8; 4]],
    label: &'a [[u8; 4]],
    word: &'a [[u8; 2]],
}

/// A node of the trie: a prefix of at least one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Node(u32);

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
        let (nodes, probs) = (header[2] as usize, header[3] as usize);
        if nodes == 0 || probs == 0 {
            return Err(ImageError("empty"));
        }
        let at = Sections::new(nodes, probs);
        if bytes.len() != at.end {
            return Err(ImageError("wrong length"));
        }
        let dict = Dict {
            probs: bytes[at.probs..at.root].as_chunks().0,
            root: bytes[at.root..at.first].as_chunks().0,
            first: bytes[at.first..at.label].as_chunks().0,
            label: bytes[at.label..at.word].as_chunks().0,
            word: bytes[at.word..].as_chunks().0,
        };
        let last = u32::from_le_bytes(dict.first[nodes]) as usize;
        if last != nodes {
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

    /// ln(freq) − ln(total) of the word ending at `node`, if one does.
    #[inline(always)]
    pub(crate) fn word_prob(&self, node: Node) -> Option<f64> {
        let id = u16::from_le_bytes(self.word[node.0 as usize]);
        (id != 0).then(|| f64::from_le_bytes(self.probs[id as usize]))
    }

    /// The node of the one-character prefix `c`, if a word starts with it.
    #[inline(always)]
    pub(crate) fn start(&self, c: char) -> Option<Node> {
        match self.root.get(c as usize) {
            Some(&node) => Some(u32::from_le_bytes(node)).filter(|&n| n != 0).map(Node),
            None => self.child(Node(0), c),
        }
    }

    /// The node of `node`'s prefix followed by `c`, if there is one.
    #[inline(always)]
    pub(crate) fn child(&self, node: Node, c: char) -> Option<Node> {
        let i = node.0 as usize;
        let lo = u32::from_le_bytes(self.first[i]) as usize;
        let hi = u32::from_le_bytes(self.first[i + 1]) as usize;
        let siblings = &self.label[lo..hi];
        siblings
            .binary_search_by(|l| u32::from_le_bytes(*l).cmp(&(c as u32)))
            .ok()
            .map(|k| Node((lo + k) as u32))
    }

    /// The node of `prefix`, if it is a prefix of a word (or a word).
    fn find(&self, prefix: &str) -> Option<Node> {
        let mut chars = prefix.chars();
        let mut node = self.start(chars.next()?)?;
        for c in chars {
            node = self.child(node, c)?;
        }
        Some(node)
    }

    /// The number of words.
    pub fn word_count(&self) -> usize {
        self.word.iter().filter(|w| **w != [0, 0]).count()
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
