//! The binary image of the dictionary: what `write` produces (in build.rs)
//! and `dict` reads (at run time). Shared by both through `#[path]`.
//!
//! Every number is little-endian. After a header of [`HEADER_WORDS`]
//! `u32`s come five arrays, back to back, each starting on an 8-byte
//! boundary:
//!
//! | array | type | length | holds |
//! |---|---|---|---|
//! | probs | `f64` | P | `probs[0]`: ln(1) − ln(total), the step over a character no word starts with; `probs[k]`: ln(freq) − ln(total) of the words with the k-th distinct frequency |
//! | root | `u32` | [`ROOT_LEN`] | the node of a word's first character, indexed by code point (BMP only), 0 for none |
//! | nodes | `u64` | N + 1 | node `i`: its first child, the word ending there and a filter of its children's characters (see [`Node`]); the last entry only ends the children of node N − 1 |
//! | label | `u16` or `u32` | N | the character on the edge into node `i` (sorted among siblings); 16 bits when every character is in the BMP (jieba's are) |
//! | pairs | `u64` | 2^B | the nodes of two-character prefixes, by their characters: an open-addressing hash table (see [`Pair`]) |
//!
//! Nodes are the distinct prefixes of the dictionary's words, numbered
//! breadth first (node 0 is the root, the empty prefix), so the children of
//! node `i` are the consecutive nodes from its first child to the next
//! node's first child, sorted by character. Characters beyond the BMP have
//! no root table entry and are found among the root's children.
//!
//! The pairs table is there for speed: a word's first character has up to
//! hundreds of continuations (大 has 929), too many to search quickly;
//! deeper nodes have one or two.

/// "GWJD", little-endian.
pub const MAGIC: u32 = u32::from_le_bytes(*b"GWJD");
/// Bumped whenever the layout changes.
pub const VERSION: u32 = 4;
/// Header: magic, version, node count N, probability count P, root table
/// length, pairs table size B (as a power of two), bytes per label (2 or
/// 4), and an unused word.
pub const HEADER_WORDS: usize = 8;
/// Code points with a direct root table entry: the whole BMP.
pub const ROOT_LEN: usize = 0x1_0000;

/// One entry of the nodes array: all a walk needs to know about a node, in
/// one load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    /// The node's first child (children of node i: `first` of i to
    /// `first` of i + 1).
    pub first: u32,
    /// Index into probs of the word ending here, 0 if none.
    pub word: u16,
    /// Bit [`filter_bit`] of each child's character: a character whose bit
    /// is clear is not a child, and needs no search.
    pub filter: u16,
}

// build.rs packs, the crate unpacks: each compiles only one of the two.
#[allow(dead_code)]
impl Node {
    pub fn pack(self) -> u64 {
        self.first as u64 | (self.word as u64) << 32 | (self.filter as u64) << 48
    }

    #[inline(always)]
    pub fn unpack(packed: u64) -> Node {
        Node {
            first: packed as u32,
            word: (packed >> 32) as u16,
            filter: (packed >> 48) as u16,
        }
    }
}

/// The bit a child's character sets in its parent's filter: one of 16,
/// picked by a multiplicative hash.
#[inline(always)]
pub fn filter_bit(c: char) -> u16 {
    1 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 28)
}

/// A slot of the pairs table: the node (21 bits) above the key (43 bits).
/// An empty slot is 0.
pub struct Pair;

#[allow(dead_code)]
impl Pair {
    /// Nodes a slot can name.
    pub const MAX_NODES: usize = 1 << 21;

    /// The key of the two characters `a` and `b`, never 0.
    #[inline(always)]
    pub fn key(a: char, b: char) -> u64 {
        ((a as u64) << 21 | b as u64) + 1
    }

    /// Where the search for `key` starts in a table of 2^`bits` slots;
    /// it goes on slot by slot (wrapping) until the key or an empty slot.
    #[inline(always)]
    pub fn home(key: u64, bits: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    pub fn slot(key: u64, node: u32) -> u64 {
        (node as u64) << 43 | key
    }

    #[inline(always)]
    pub fn key_of(slot: u64) -> u64 {
        slot & ((1 << 43) - 1)
    }

    #[inline(always)]
    pub fn node_of(slot: u64) -> u32 {
        (slot >> 43) as u32
    }
}

/// Byte offsets of the five arrays and the image's total length, for an
/// image of `nodes` nodes, `probs` probabilities, labels of `label_bytes`
/// bytes and 2^`pair_bits` pair slots.
pub struct Sections {
    pub probs: usize,
    pub root: usize,
    pub nodes: usize,
    pub label: usize,
    pub pairs: usize,
    pub end: usize,
}

impl Sections {
    pub fn new(nodes: usize, probs: usize, label_bytes: usize, pair_bits: u32) -> Sections {
        let align = |n: usize| n.next_multiple_of(8);
        let probs_at = align(HEADER_WORDS * 4);
        let root = align(probs_at + probs * 8);
        let nodes_at = align(root + ROOT_LEN * 4);
        let label = align(nodes_at + (nodes + 1) * 8);
        let pairs = align(label + nodes * label_bytes);
        let end = pairs + (8 << pair_bits);
        Sections {
            probs: probs_at,
            root,
            nodes: nodes_at,
            label,
            pairs,
            end,
        }
    }
}
