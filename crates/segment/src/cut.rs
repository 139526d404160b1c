//! Segmentation: jieba's default mode without the HMM, on our dictionary
//! image. The text is split into runs of "han" characters and the rest;
//! each han run is cut along its most probable route through the words the
//! dictionary has at each character; every other character is a token of
//! its own (a `\r\n` pair is one).

use crate::dict::{Cursor, Dict};
use crate::layout::Pair;
use std::ops::Range;

/// One step of the best route of a han run.
#[derive(Clone, Copy)]
struct Step {
    /// Log-probability of the rest of the run from this character on.
    prob: f64,
    /// Index of the character after the word taken here.
    end: u32,
}

/// A segmenter with its scratch buffers, reused across calls.
pub struct Segmenter<'d> {
    dict: Dict<'d>,
    /// The current han run: byte offset in the text and character.
    run: Vec<(u32, char)>,
    /// The route of the current run, one step per character and a last one
    /// past its end.
    route: Vec<Step>,
    /// The last lookups of two-character prefixes, by a hash of their key:
    /// the dictionary's pairs table is megabytes, and prose repeats its
    /// character pairs, so most lookups are answered here.
    pairs: Vec<(u64, Option<Cursor>)>,
}

/// Entries of the pairs cache (a power of two).
const PAIR_CACHE: usize = 16384;

impl<'d> Segmenter<'d> {
    pub fn new(dict: Dict<'d>) -> Segmenter<'d> {
        Segmenter {
            dict,
            run: Vec::new(),
            route: Vec::new(),
            pairs: vec![(0, None); PAIR_CACHE],
        }
    }

    /// Cuts `text` into tokens and appends their byte ranges, shifted by
    /// `base`, to `out`. The tokens cover `text` without gaps.
    ///
    /// Panics if `base + text.len()` does not fit in a `u32`.
    pub fn cut(&mut self, text: &str, base: u32, out: &mut Vec<Range<u32>>) {
        let fits = u32::try_from(text.len())
            .ok()
            .and_then(|n| base.checked_add(n));
        assert!(fits.is_some(), "text beyond 4 GiB");
        // Nothing is left of a call that panicked.
        self.run.clear();
        let bytes = text.as_bytes();
        let mut chars = text.char_indices();
        while let Some((i, c)) = chars.next() {
            let at = base + i as u32;
            if is_han(c) {
                self.run.push((at, c));
                continue;
            }
            self.flush_run(at, out);
            // A lone character, or a CR LF pair.
            let len = if c == '\r' && bytes.get(i + 1) == Some(&b'\n') {
                chars.next();
                2
            } else {
                c.len_utf8() as u32
            };
            out.push(at..at + len);
        }
        self.flush_run(base + text.len() as u32, out);
    }

    /// Cuts the han run collected so far, which ends at byte `end`.
    fn flush_run(&mut self, end: u32, out: &mut Vec<Range<u32>>) {
        if self.run.is_empty() {
            return;
        }
        self.best_route();
        let run = &self.run;
        let n = run.len();
        let byte_at = |k: usize| run.get(k).map_or(end, |&(at, _)| at);
        // Single characters the route leaves that are ASCII letters or
        // digits are joined into one token.
        let mut ascii_from: Option<usize> = None;
        let mut x = 0;
        while x < n {
            let y = self.route[x].end as usize;
            if y == x + 1 && run[x].1.is_ascii_alphanumeric() {
                ascii_from.get_or_insert(x);
            } else {
                if let Some(from) = ascii_from.take() {
                    out.push(byte_at(from)..byte_at(x));
                }
                out.push(byte_at(x)..byte_at(y));
            }
            x = y;
        }
        if let Some(from) = ascii_from {
            out.push(byte_at(from)..end);
        }
        self.run.clear();
    }

    /// The route of greatest log-probability through the run, computed from
    /// its end: at each character, over the dictionary words starting there
    /// (shortest first), the word's log-probability plus that of the route
    /// after it; on a tie the longer word. A character no word starts with
    /// is a step of its own. The additions are jieba-rs's, in its order, so
    /// the results agree to the last bit.
    fn best_route(&mut self) {
        let Segmenter {
            dict,
            run,
            route,
            pairs,
        } = self;
        let n = run.len();
        route.clear();
        route.resize(
            n + 1,
            Step {
                prob: 0.0,
                end: n as u32,
            },
        );
        for x in (0..n).rev() {
            let mut best: Option<Step> = None;
            // Word ends come shortest first: `>=` prefers the later, longer
            // word on a tie.
            let mut consider = |p: f64, y: usize| {
                let prob = p + route[y].prob;
                if best.is_none_or(|b| prob >= b.prob) {
                    best = Some(Step {
                        prob,
                        end: y as u32,
                    });
                }
            };
            let a = run[x].1;
            if let Some(first) = dict.start(a) {
                if let Some(p) = dict.word_prob(first) {
                    consider(p, x + 1);
                }
                let mut next = run.get(x + 1).and_then(|&(_, b)| {
                    if !dict.may_have_child(first, b) {
                        return None;
                    }
                    let key = Pair::key(a, b);
                    let slot = &mut pairs[Pair::home(key, PAIR_CACHE.trailing_zeros())];
                    if slot.0 != key {
                        *slot = (key, dict.pair(first, a, b));
                    }
                    slot.1
                });
                let mut y = x + 2;
                while let Some(node) = next {
                    if let Some(p) = dict.word_prob(node) {
                        consider(p, y);
                    }
                    next = run.get(y).and_then(|&(_, c)| dict.child(node, c));
                    y += 1;
                }
            }
            route[x] = best.unwrap_or(Step {
                prob: dict.unknown_prob() + route[x + 1].prob,
                end: x as u32 + 1,
            });
        }
    }
}

/// jieba's han class: CJK unified ideographs (the main block and the
/// extensions it knows), ASCII letters and digits, and `+#&._%-`.
#[inline(always)]
fn is_han(c: char) -> bool {
    match c {
        '\u{4E00}'..='\u{9FFF}' => true,
        '\0'..='\u{7F}' => {
            c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
        }
        _ => matches!(c,
            '\u{3400}'..='\u{4DBF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2A6DF}'
            | '\u{2A700}'..='\u{2EBEF}'
            | '\u{2F800}'..='\u{2FA1F}'),
    }
}
