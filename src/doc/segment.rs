//! The segmentation of a document's paragraphs into word tokens with byte
//! spans: jieba's tokens, from the `gwlint-segment` crate (jieba-rs's
//! default dictionary, compiled into the binary at build time).

use super::Paragraph;
use gwlint_segment::Segmenter;
use rayon::prelude::*;
use std::cell::RefCell;
use std::ops::Range;

/// Word tokens, in order. The token list is the largest part of the model
/// of a big file (one token per two or three characters), so it is stored
/// in about four bytes a token: each token's end, and apart the few tokens
/// that do not begin where the one before ends (the first of a paragraph),
/// marked in a bit set with their starts.
#[derive(Debug, Default, Clone)]
pub struct Tokens {
    /// Each token's end.
    ends: Vec<u32>,
    /// Bit `i % 64` of word `i / 64`: token `i` begins elsewhere than where
    /// token `i - 1` ends (token 0 always does).
    breaks: Vec<u64>,
    /// For each word of `breaks`, how many bits the words before it hold.
    rank: Vec<u32>,
    /// The starts of the marked tokens, in order.
    starts: Vec<u32>,
}

/// A run of consecutive tokens.
#[derive(Debug, Clone, Copy)]
pub struct TokenSlice<'a> {
    tokens: &'a Tokens,
    lo: usize,
    hi: usize,
}

impl Tokens {
    /// Appends the tokens of `run`, in order.
    fn extend(&mut self, run: &[Range<u32>]) {
        for t in run {
            let i = self.ends.len();
            if self.ends.last() == Some(&t.start) && !i.is_multiple_of(64) {
                // The common case: no new word of the bit set, no mark.
                self.ends.push(t.end);
                continue;
            }
            if i.is_multiple_of(64) {
                self.rank.push(self.starts.len() as u32);
                self.breaks.push(0);
            }
            if self.ends.last() != Some(&t.start) || i == 0 {
                self.breaks[i / 64] |= 1 << (i % 64);
                self.starts.push(t.start);
            }
            self.ends.push(t.end);
        }
    }

    fn shrink_to_fit(&mut self) {
        self.ends.shrink_to_fit();
        self.breaks.shrink_to_fit();
        self.rank.shrink_to_fit();
        self.starts.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Where token `i` (which exists) begins.
    #[inline]
    fn start(&self, i: usize) -> u32 {
        let word = self.breaks[i / 64];
        let bit = 1u64 << (i % 64);
        if word & bit == 0 {
            self.ends[i - 1]
        } else {
            let k = self.rank[i / 64] + (word & (bit - 1)).count_ones();
            self.starts[k as usize]
        }
    }

    /// The `i`-th token's byte range.
    #[inline]
    pub fn at(&self, i: usize) -> Range<usize> {
        self.start(i) as usize..self.ends[i] as usize
    }

    pub fn get(&self, i: usize) -> Option<Range<usize>> {
        (i < self.len()).then(|| self.at(i))
    }

    /// The index of the first token for which `pred` is false (the tokens
    /// must be partitioned by it, as for `slice::partition_point`).
    pub fn partition_point(&self, mut pred: impl FnMut(Range<usize>) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.at(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Tokens `lo..hi`.
    pub fn slice(&self, lo: usize, hi: usize) -> TokenSlice<'_> {
        assert!(
            lo <= hi && hi <= self.len(),
            "tokens {lo}..{hi} of {}",
            self.len()
        );
        TokenSlice {
            tokens: self,
            lo,
            hi,
        }
    }

    pub fn iter(&self) -> TokenIter<'_> {
        self.slice(0, self.len()).iter()
    }
}

impl<'a> TokenSlice<'a> {
    pub fn first(&self) -> Option<Range<usize>> {
        (self.lo < self.hi).then(|| self.tokens.at(self.lo))
    }

    pub fn len(&self) -> usize {
        self.hi - self.lo
    }

    pub fn is_empty(&self) -> bool {
        self.lo == self.hi
    }

    pub fn iter(&self) -> TokenIter<'a> {
        let t = self.tokens;
        // The marked tokens before `lo`: the next one's start is next.
        let mark = match t.breaks.get(self.lo / 64) {
            Some(&word) => {
                let below = (1u64 << (self.lo % 64)) - 1;
                (t.rank[self.lo / 64] + (word & below).count_ones()) as usize
            }
            None => t.starts.len(),
        };
        TokenIter {
            tokens: t,
            next: self.lo,
            end: self.hi,
            mark,
        }
    }
}

/// The tokens of a slice in order, each read from the one before.
#[derive(Debug, Clone)]
pub struct TokenIter<'a> {
    tokens: &'a Tokens,
    next: usize,
    end: usize,
    /// The index in `starts` of the next marked token.
    mark: usize,
}

impl Iterator for TokenIter<'_> {
    type Item = Range<usize>;

    #[inline]
    fn next(&mut self) -> Option<Range<usize>> {
        let i = self.next;
        if i >= self.end {
            return None;
        }
        self.next += 1;
        let t = self.tokens;
        let start = if t.breaks[i / 64] & (1 << (i % 64)) != 0 {
            self.mark += 1;
            t.starts[self.mark - 1]
        } else {
            t.ends[i - 1]
        };
        Some(start as usize..t.ends[i] as usize)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.next;
        (n, Some(n))
    }
}

impl ExactSizeIterator for TokenIter<'_> {}

/// Word tokens of all `paragraphs`, in order, as byte ranges into `text`.
/// Text beyond 4 GiB (far above any file limit) is left unsegmented. A
/// large text checked on a worker thread is segmented on the pool's other
/// threads too (in groups of paragraphs, each segmented as it would be
/// alone, so the tokens are the same).
pub fn tokens(text: &str, paragraphs: &[Paragraph]) -> Tokens {
    let paragraphs = below_4gib(paragraphs);
    if !crate::parallel::worth_it(text.len()) {
        let mut tokens = Tokens::default();
        cut(text, paragraphs, &mut tokens);
        tokens.shrink_to_fit();
        return tokens;
    }
    let parts: Vec<Tokens> = crate::parallel::groups(paragraphs, |p| p.range.len())
        .par_iter()
        .map(|group| {
            crate::parallel::piece(|| {
                let mut part = Tokens::default();
                cut(text, group, &mut part);
                part
            })
        })
        .collect();
    let mut tokens = Tokens::default();
    for part in &parts {
        let run: Vec<Range<u32>> = part.iter().map(|t| t.start as u32..t.end as u32).collect();
        tokens.extend(&run);
    }
    tokens.shrink_to_fit();
    tokens
}

/// The paragraphs that end below 4 GiB, where positions fit in 32 bits
/// (the model keeps its tokens and counts there).
pub fn below_4gib(paragraphs: &[Paragraph]) -> &[Paragraph] {
    let within = paragraphs
        .iter()
        .take_while(|p| u32::try_from(p.range.end).is_ok())
        .count();
    &paragraphs[..within]
}

/// Appends the tokens of `paragraphs` to `tokens`.
fn cut(text: &str, paragraphs: &[Paragraph], tokens: &mut Tokens) {
    thread_local! {
        // One segmenter per thread: its lookup cache is worth keeping from
        // one document to the next.
        static SEGMENTER: RefCell<Segmenter<'static>> = RefCell::new(gwlint_segment::segmenter());
    }
    // Each piece's tokens pass through a small buffer.
    let mut piece_tokens = Vec::new();
    SEGMENTER.with_borrow_mut(|segmenter| {
        for p in paragraphs {
            for piece in sentence_chunks(text, p.range.clone()) {
                piece_tokens.clear();
                segmenter.cut(&text[piece.clone()], piece.start as u32, &mut piece_tokens);
                tokens.extend(&piece_tokens);
            }
        }
    });
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

    /// The compact store gives back every token as pushed: runs of
    /// adjacent tokens and gaps, across the 64-token words of its bit set.
    #[test]
    fn tokens_are_stored_compactly_and_read_back() {
        let mut rng = crate::testing::Xorshift(0x70CE_5EED);
        for _ in 0..50 {
            let n = (rng.next() % 300) as usize;
            let mut plain: Vec<Range<u32>> = Vec::new();
            let mut at = 0u32;
            for _ in 0..n {
                at += u32::from(rng.next().is_multiple_of(4)) * (1 + (rng.next() % 3) as u32);
                let len = 1 + (rng.next() % 6) as u32;
                plain.push(at..at + len);
                at += len;
            }
            let mut tokens = Tokens::default();
            // In runs of any length, as the segmenter gives them.
            let mut rest = &plain[..];
            while !rest.is_empty() {
                let n = 1 + (rng.next() % 70) as usize;
                let (run, after) = rest.split_at(n.min(rest.len()));
                tokens.extend(run);
                rest = after;
            }
            let widen = |t: &Range<u32>| t.start as usize..t.end as usize;
            assert_eq!(tokens.len(), plain.len());
            let all: Vec<Range<usize>> = tokens.iter().collect();
            assert_eq!(all, plain.iter().map(widen).collect::<Vec<_>>());
            for (i, t) in plain.iter().enumerate() {
                assert_eq!(tokens.at(i), widen(t));
            }
            assert_eq!(tokens.get(plain.len()), None);
            for probe in 0..at + 2 {
                let p = probe as usize;
                assert_eq!(
                    tokens.partition_point(|t| t.end <= p),
                    plain.partition_point(|t| t.end as usize <= p)
                );
            }
            let (lo, hi) = (n / 3, n - n / 4);
            let slice = tokens.slice(lo, hi);
            assert_eq!(slice.len(), hi - lo);
            assert_eq!(slice.first(), plain.get(lo).filter(|_| lo < hi).map(widen));
            assert!(slice.iter().eq(plain[lo..hi].iter().map(widen)));
        }
    }

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
