//! The segmentation of a document's paragraphs into word tokens with byte
//! spans: jieba's tokens, from the `gwlint-segment` crate (jieba-rs's
//! default dictionary, compiled into the binary at build time).

use super::Paragraph;
use gwlint_segment::Segmenter;
use rayon::prelude::*;
use std::cell::RefCell;
use std::ops::Range;

/// Word tokens, in order, stored as 32-bit byte ranges: the token list is
/// the largest part of the model of a big file (one token per two or three
/// characters), and this halves it.
#[derive(Debug, Default, Clone)]
pub struct Tokens(Vec<Range<u32>>);

/// A run of consecutive tokens.
#[derive(Debug, Clone, Copy)]
pub struct TokenSlice<'a>(&'a [Range<u32>]);

fn widen(t: &Range<u32>) -> Range<usize> {
    t.start as usize..t.end as usize
}

impl Tokens {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The `i`-th token's byte range.
    pub fn at(&self, i: usize) -> Range<usize> {
        widen(&self.0[i])
    }

    pub fn get(&self, i: usize) -> Option<Range<usize>> {
        self.0.get(i).map(widen)
    }

    /// The index of the first token for which `pred` is false (the tokens
    /// must be partitioned by it, as for `slice::partition_point`).
    pub fn partition_point(&self, mut pred: impl FnMut(Range<usize>) -> bool) -> usize {
        self.0.partition_point(|t| pred(widen(t)))
    }

    /// Tokens `lo..hi`.
    pub fn slice(&self, lo: usize, hi: usize) -> TokenSlice<'_> {
        TokenSlice(&self.0[lo..hi])
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = Range<usize>> + '_ {
        self.0.iter().map(widen)
    }
}

impl TokenSlice<'_> {
    pub fn first(&self) -> Option<Range<usize>> {
        self.0.first().map(widen)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = Range<usize>> + '_ {
        self.0.iter().map(widen)
    }
}

/// Word tokens of all `paragraphs`, in order, as byte ranges into `text`.
/// Text beyond 4 GiB (far above any file limit) is left unsegmented. A
/// large text checked on a worker thread is segmented on the pool's other
/// threads too (in groups of paragraphs, each segmented as it would be
/// alone, so the tokens are the same).
pub fn tokens(text: &str, paragraphs: &[Paragraph]) -> Tokens {
    let within = paragraphs
        .iter()
        .take_while(|p| u32::try_from(p.range.end).is_ok())
        .count();
    let paragraphs = &paragraphs[..within];
    if !crate::parallel::worth_it(text.len()) {
        let mut tokens = cut(text, paragraphs);
        tokens.shrink_to_fit();
        return Tokens(tokens);
    }
    let parts: Vec<Vec<Range<u32>>> = crate::parallel::groups(paragraphs, |p| p.range.len())
        .par_iter()
        .map(|group| crate::parallel::piece(|| cut(text, group)))
        .collect();
    let mut tokens = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        tokens.extend(part);
    }
    Tokens(tokens)
}

fn cut(text: &str, paragraphs: &[Paragraph]) -> Vec<Range<u32>> {
    thread_local! {
        // One segmenter per thread: its lookup cache is worth keeping from
        // one document to the next.
        static SEGMENTER: RefCell<Segmenter<'static>> = RefCell::new(gwlint_segment::segmenter());
    }
    let mut tokens = Vec::new();
    SEGMENTER.with_borrow_mut(|segmenter| {
        for p in paragraphs {
            for piece in sentence_chunks(text, p.range.clone()) {
                segmenter.cut(&text[piece.clone()], piece.start as u32, &mut tokens);
            }
        }
    });
    tokens
}

/// Cut a paragraph into pieces of at most about 4 KiB, at sentence ends
/// where possible, so that one huge paragraph is segmented in small steps.
/// Each piece is segmented on its own (the benchmarks' floor cuts the same
/// pieces with jieba-rs).
pub fn sentence_chunks(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    const TARGET: usize = 4096;
    let mut out = Vec::new();
    let mut start = range.start;
    while range.end - start > TARGET {
        let mut cut = start + TARGET;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[start..cut];
        let end = window
            .rfind(['。', '！', '？', '；', '\n'])
            .map(|i| start + i + window[i..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(cut);
        out.push(start..end);
        start = end;
    }
    out.push(start..range.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_are_segmented_in_sentence_chunks() {
        let text = "全县上下统一思想。".repeat(2000);
        let chunks = sentence_chunks(&text, 0..text.len());
        assert!(chunks.len() > 1);
        assert_eq!(chunks.first().unwrap().start, 0);
        assert_eq!(chunks.last().unwrap().end, text.len());
        for w in chunks.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert!(text[w[0].clone()].ends_with('。'));
        }
    }
}
