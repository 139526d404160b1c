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
//! | first | `u32` | N + 1 | the children of node `i` are nodes `first[i]..first[i + 1]` |
//! | label | `u32` | N | the character on the edge into node `i` (sorted among siblings) |
//! | word | `u16` | N | index into probs of the word ending at node `i`, 0 if none |
//!
//! Nodes are the distinct prefixes of the dictionary's words, numbered
//! breadth first (node 0 is the root, the empty prefix), so the children of
//! a node are consecutive and sorted by character. Characters beyond the
//! BMP have no root table entry and are found among the root's children.

/// "GWJD", little-endian.
pub const MAGIC: u32 = u32::from_le_bytes(*b"GWJD");
/// Bumped whenever the layout changes.
pub const VERSION: u32 = 1;
/// Header: magic, version, node count N, probability count P, root table
/// length, and unused words up to an 8-byte boundary.
pub const HEADER_WORDS: usize = 6;
/// Code points with a direct root table entry: the whole BMP.
pub const ROOT_LEN: usize = 0x1_0000;

/// Byte offsets of the five arrays and the image's total length, for an
/// image of `nodes` nodes and `probs` probabilities.
pub struct Sections {
    pub probs: usize,
    pub root: usize,
    pub first: usize,
    pub label: usize,
    pub word: usize,
    pub end: usize,
}

impl Sections {
    pub fn new(nodes: usize, probs: usize) -> Sections {
        let align = |n: usize| n.next_multiple_of(8);
        let probs_at = align(HEADER_WORDS * 4);
        let root = align(probs_at + probs * 8);
        let first = align(root + ROOT_LEN * 4);
        let label = align(first + (nodes + 1) * 4);
        let word = align(label + nodes * 4);
        let end = word + nodes * 2;
        Sections {
            probs: probs_at,
            root,
            first,
            label,
            word,
            end,
        }
    }
}
