//! The paired-punctuation structure of each paragraph: which quote or bracket
//! closes which, and what is left unmatched.

use super::chars::is_chinese;
use super::Paragraph;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairKind {
    /// “”
    Double,
    /// ‘’
    Single,
    /// 《》
    Book,
    /// 〈〉
    Angle,
    /// （） and ASCII ()
    Paren,
    /// 【】
    Square,
    /// 〔〕
    Tortoise,
}

impl PairKind {
    pub fn chars(self) -> (char, char) {
        match self {
            PairKind::Double => ('“', '”'),
            PairKind::Single => ('‘', '’'),
            PairKind::Book => ('《', '》'),
            PairKind::Angle => ('〈', '〉'),
            PairKind::Paren => ('（', '）'),
            PairKind::Square => ('【', '】'),
            PairKind::Tortoise => ('〔', '〕'),
        }
    }
}

/// A matched pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub kind: PairKind,
    pub open: Range<usize>,
    pub close: Range<usize>,
}

/// Something wrong with the paired punctuation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A closer with no opener before it in the paragraph.
    UnmatchedClose { kind: PairKind, range: Range<usize> },
    /// An opener never closed in its paragraph.
    Unclosed { kind: PairKind, open: Range<usize> },
    /// “ directly inside “ (GB/T 15834 wants ‘’ inside “”).
    NestedDouble {
        outer: Range<usize>,
        inner: Range<usize>,
    },
    /// ASCII quotes (or look-alikes such as 〞) standing in for a Chinese one. `opener` is the Chinese
    /// opener it closes, if any; `closer` the ASCII quote that closed an ASCII opener.
    StandIn {
        range: Range<usize>,
        stands_for: char,
        opener: Option<Range<usize>>,
    },
    /// A quotation opened and closed with ASCII quotes ("…" or ''…'').
    AsciiPair {
        kind: PairKind,
        open: Range<usize>,
        close: Range<usize>,
    },
}

/// How deep in the stack of open brackets a closer looks for its opener.
const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, Default)]
pub struct Brackets {
    pub pairs: Vec<Pair>,
    pub problems: Vec<Problem>,
    /// The insides of all 《》 pairs, merged and sorted: open-ended spans
    /// (after the 《 up to the 》) for looking up a position in log time.
    book: Vec<Range<usize>>,
}

impl Brackets {
    /// Whether `offset` lies strictly between the 《 and the 》 of a pair.
    pub fn in_book_title(&self, offset: usize) -> bool {
        let i = self.book.partition_point(|r| r.start < offset);
        i > 0 && offset < self.book[i - 1].end
    }
}

/// The spans (open.start, close.start) of book-title pairs, as disjoint
/// open intervals sorted by start.
fn book_spans(pairs: &[Pair]) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = pairs
        .iter()
        .filter(|p| p.kind == PairKind::Book)
        .map(|p| p.open.start..p.close.start)
        .collect();
    spans.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for r in spans {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

struct Open {
    kind: PairKind,
    range: Range<usize>,
    /// Opened by ASCII quote characters.
    ascii: bool,
    /// For “: the “ this one was opened directly inside, if any.
    nested_in: Option<Range<usize>>,
    /// For “: a “ opened directly inside this one and closed.
    nested_child: Option<Range<usize>>,
}

/// Analyse every paragraph.
pub fn analyse(text: &str, paras: &[Paragraph]) -> Brackets {
    let mut out = Brackets::default();
    for (i, p) in paras.iter().enumerate() {
        let next_opens_quote = paras
            .get(i + 1)
            .map(|n| {
                text[n.range.clone()]
                    .trim_start_matches([' ', '\u{3000}', '\t'])
                    .starts_with('“')
            })
            .unwrap_or(false);
        analyse_paragraph(text, p.range.clone(), next_opens_quote, &mut out);
    }
    out.book = book_spans(&out.pairs);
    out
}

fn analyse_paragraph(text: &str, range: Range<usize>, next_opens_quote: bool, out: &mut Brackets) {
    let body = &text[range.clone()];
    let base = range.start;
    let mut stack: Vec<Open> = Vec::new();
    // Brackets and curly quotes are paired as they come; straight quotes
    // look around them, which needs the characters indexed.
    let bracket = |stack: &mut Vec<Open>, out: &mut Brackets, off: usize, c: char| {
        let at = base + off;
        let here = at..at + c.len_utf8();
        if let Some(kind) = opener_kind(c) {
            open(stack, kind, here, c == '(');
        } else if let Some(kind) = closer_kind(c) {
            close_at(stack, kind, here, c, body, off, out);
        }
    };
    let straight = |c: char| matches!(c, '"' | '\'' | '〞' | '〟');
    let bytes = body.as_bytes();
    let has_straight =
        memchr::memchr2(b'"', b'\'', bytes).is_some() || body.contains('〞') || body.contains('〟');
    if !has_straight {
        let mut found = |off: usize| {
            let c = body[off..].chars().next().expect("a character begins here");
            bracket(&mut stack, out, off, c);
        };
        if memchr::memchr2(b'(', b')', bytes).is_none() {
            // Most paragraphs: only the three lead bytes need a look, and
            // a vectorised search finds them.
            let [x, y, z] = BRACKET_LEADS;
            memchr::memchr3_iter(x, y, z, bytes).for_each(&mut found);
        } else {
            for (off, &b) in bytes.iter().enumerate() {
                if may_begin_bracket(b) {
                    found(off);
                }
            }
        }
    } else {
        let chars: Vec<(usize, char)> = body.char_indices().collect();
        let mut k = 0;
        while k < chars.len() {
            let (off, c) = chars[k];
            if straight(c) {
                k = ascii_quote(&chars, k, body, base, &mut stack, out);
                continue;
            }
            bracket(&mut stack, out, off, c);
            k += 1;
        }
    }
    let remaining: Vec<Open> = std::mem::take(&mut stack);
    let continues = next_opens_quote
        && remaining.len() == 1
        && remaining[0].kind == PairKind::Double
        && !remaining[0].ascii;
    if !continues {
        for o in remaining {
            report_unclosed(o, out);
        }
    }
}

/// The bytes other than `(` and `)` that a bracket or curly quote may
/// begin with (bytes that only ever begin a character).
const BRACKET_LEADS: [u8; 3] = [0xE2, 0xE3, 0xEF];

/// Whether a bracket or curly quote may begin with byte `b`.
fn may_begin_bracket(b: u8) -> bool {
    b == b'(' || b == b')' || BRACKET_LEADS.contains(&b)
}

fn opener_kind(c: char) -> Option<PairKind> {
    Some(match c {
        '“' => PairKind::Double,
        '‘' => PairKind::Single,
        '《' => PairKind::Book,
        '〈' => PairKind::Angle,
        '【' => PairKind::Square,
        '〔' => PairKind::Tortoise,
        '（' | '(' => PairKind::Paren,
        _ => return None,
    })
}

fn closer_kind(c: char) -> Option<PairKind> {
    Some(match c {
        '”' => PairKind::Double,
        '’' => PairKind::Single,
        '》' => PairKind::Book,
        '〉' => PairKind::Angle,
        '】' => PairKind::Square,
        '〕' => PairKind::Tortoise,
        '）' | ')' => PairKind::Paren,
        _ => return None,
    })
}

/// Push an opener; a “ directly inside a “ remembers its parent.
fn open(stack: &mut Vec<Open>, kind: PairKind, here: Range<usize>, ascii: bool) {
    let nested_in = match stack.last() {
        Some(top) if kind == PairKind::Double && top.kind == PairKind::Double && !top.ascii => {
            Some(top.range.clone())
        }
        _ => None,
    };
    stack.push(Open {
        kind,
        range: here,
        ascii,
        nested_in,
        nested_child: None,
    });
}

/// A closing character `c` at `off` in `body`: close the nearest opener of
/// its kind (reporting what it leaves unclosed) or report it unmatched.
fn close_at(
    stack: &mut Vec<Open>,
    kind: PairKind,
    here: Range<usize>,
    c: char,
    body: &str,
    off: usize,
    out: &mut Brackets,
) {
    // Look a bounded depth down the stack: a closer matching an
    // opener buried deeper than that is treated as unmatched.
    let floor = stack.len().saturating_sub(MAX_DEPTH);
    if let Some(pos) = stack[floor..]
        .iter()
        .rposition(|o| o.kind == kind)
        .map(|p| p + floor)
    {
        for o in stack.drain(pos + 1..).rev().collect::<Vec<_>>() {
            report_unclosed(o, out);
        }
        let o = stack.pop().unwrap();
        close(o, here, stack.last_mut(), out);
    } else if c != ')' && !is_list_marker_close(body, off) {
        out.problems
            .push(Problem::UnmatchedClose { kind, range: here });
    }
}

/// A run of ASCII quotes (or look-alikes) starting at `chars[k]`: it closes
/// the opener on top of the stack or opens a quotation of its own. Returns
/// the index of the character after the run.
fn ascii_quote(
    chars: &[(usize, char)],
    k: usize,
    body: &str,
    base: usize,
    stack: &mut Vec<Open>,
    out: &mut Brackets,
) -> usize {
    let (off, c) = chars[k];
    let at = base + off;
    // '' counts as one quote mark.
    let mut end = k + 1;
    while end < chars.len() && chars[end].1 == c && end - k < 2 {
        end += 1;
    }
    let run_end = base + chars.get(end).map_or(body.len(), |&(o, _)| o);
    let prev = k.checked_sub(1).map(|j| chars[j].1);
    let next = chars.get(end).map(|&(_, ch)| ch);
    let lookalike = c == '〞' || c == '〟';
    let touches_han = lookalike || prev.is_some_and(is_chinese) || next.is_some_and(is_chinese);
    let is_apostrophe = c == '\''
        && end - k == 1
        && prev.is_some_and(|p| p.is_ascii_alphanumeric())
        && next.is_some_and(|n| n.is_ascii_alphanumeric());
    if !touches_han || is_apostrophe {
        return end;
    }
    let kind = if c != '\'' || end - k == 2 {
        PairKind::Double
    } else {
        PairKind::Single
    };
    let range = at..run_end;
    if !stack.last().is_some_and(|t| t.kind == kind) {
        stack.push(Open {
            kind,
            range,
            ascii: true,
            nested_in: None,
            nested_child: None,
        });
        return end;
    }
    let o = stack.pop().unwrap();
    let (_, closer) = kind.chars();
    if o.ascii {
        out.problems.push(Problem::AsciiPair {
            kind,
            open: o.range.clone(),
            close: range.clone(),
        });
    } else {
        out.problems.push(Problem::StandIn {
            range: range.clone(),
            stands_for: closer,
            opener: Some(o.range.clone()),
        });
    }
    out.pairs.push(Pair {
        kind,
        open: o.range,
        close: range,
    });
    end
}

fn close(o: Open, close: Range<usize>, parent: Option<&mut Open>, out: &mut Brackets) {
    if let Some(inner) = o.nested_child.clone() {
        out.problems.push(Problem::NestedDouble {
            outer: o.range.clone(),
            inner,
        });
    }
    if o.nested_in.is_some() {
        if let Some(parent) = parent {
            parent.nested_child = Some(o.range.clone());
        }
    }
    out.pairs.push(Pair {
        kind: o.kind,
        open: o.range,
        close,
    });
}

fn report_unclosed(o: Open, out: &mut Brackets) {
    if o.ascii {
        // A lone ASCII quote in Chinese text; a lone ASCII ( is left to halfwidth-punct.
        if o.kind != PairKind::Paren {
            out.problems.push(Problem::StandIn {
                range: o.range,
                stands_for: o.kind.chars().0,
                opener: None,
            });
        }
    } else {
        out.problems.push(Problem::Unclosed {
            kind: o.kind,
            open: o.range,
        });
    }
}

/// `1）`, `一）` or `a）` opening a paragraph is a list marker, not a stray bracket.
fn is_list_marker_close(body: &str, off: usize) -> bool {
    // From the start of the clause: 「1）加强领导；2）强化保障」. A marker is at
    // most three characters, so look back only a few.
    let from = body[..off]
        .char_indices()
        .rev()
        .nth(5)
        .map_or(0, |(i, _)| i);
    let clause = match body[from..off].rfind(|c: char| {
        matches!(
            c,
            '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?'
        )
    }) {
        Some(i) => from + i + body[from + i..].chars().next().map_or(1, char::len_utf8),
        None if from == 0 => 0,
        None => return false,
    };
    let before = body[clause..off].trim_start_matches([' ', '\u{3000}', '\t']);
    let n = before.chars().count();
    (1..=3).contains(&n)
        && before.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || crate::numerals::is_han_numeral_char(c)
                || ('０'..='９').contains(&c)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Brackets {
        let idx = super::super::lines::LineIndex::new(text);
        let paras = super::super::split_paragraphs(text, &idx, crate::input::Format::Plain);
        analyse(text, &paras)
    }

    /// The byte filter lets every bracket and curly quote through.
    #[test]
    fn every_bracket_passes_the_byte_filter() {
        let brackets: Vec<char> = ('\0'..=char::MAX)
            .filter(|&c| opener_kind(c).is_some() || closer_kind(c).is_some())
            .collect();
        assert!(brackets.len() >= 16, "{brackets:?}");
        // The vectorised search, for paragraphs without ( or ), looks for
        // the other bytes.
        let bytes: Vec<u8> = (0..=255).filter(|&b| may_begin_bracket(b)).collect();
        assert_eq!(bytes[..2], [b'(', b')']);
        assert_eq!(bytes[2..], BRACKET_LEADS);
        for c in brackets {
            let first = c.encode_utf8(&mut [0; 4]).as_bytes()[0];
            assert!(may_begin_bracket(first), "{c}");
        }
    }

    #[test]
    fn balanced_text_has_no_problems() {
        let b = run("坚持“两个维护”，学习《条例》（试行）【重要】〔2023〕5号。");
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        assert_eq!(b.pairs.len(), 5);
    }

    #[test]
    fn stray_closer_and_unclosed_opener() {
        let b = run("聚焦“主题”，落到实处”主题。\n他说“好的。");
        assert!(matches!(
            b.problems[0],
            Problem::UnmatchedClose {
                kind: PairKind::Double,
                ..
            }
        ));
        assert!(matches!(
            b.problems[1],
            Problem::Unclosed {
                kind: PairKind::Double,
                ..
            }
        ));
        assert_eq!(b.problems.len(), 2);
    }

    #[test]
    fn ascii_apostrophes_close_a_chinese_quote() {
        let text = "摒弃“封闭保守”“求稳怕变畏难不前''的思想";
        let b = run(text);
        assert_eq!(b.problems.len(), 1);
        match &b.problems[0] {
            Problem::StandIn {
                range,
                stands_for,
                opener,
            } => {
                assert_eq!(&text[range.clone()], "''");
                assert_eq!(*stands_for, '”');
                assert!(opener.is_some());
            }
            p => panic!("{p:?}"),
        }
    }

    #[test]
    fn nested_double_quotes() {
        let b = run("强调“要落实“两个维护”要求”。");
        assert_eq!(b.problems.len(), 1);
        assert!(matches!(b.problems[0], Problem::NestedDouble { .. }));
        let ok = run("强调“要落实‘两个维护’要求”。");
        assert!(ok.problems.is_empty());
    }

    #[test]
    fn multi_paragraph_quotation() {
        let b = run("他指出：“第一段。\n“第二段。\n“第三段。”");
        assert!(b.problems.is_empty(), "{:?}", b.problems);
    }

    #[test]
    fn list_marker_and_english_apostrophe() {
        let b = run("1）加强学习；2）强化保障。\n使用 don't 一词");
        assert!(b.problems.is_empty(), "{:?}", b.problems);
    }

    #[test]
    fn book_titles_are_looked_up_by_position() {
        let text = "读《论语》和《〈孟子〉注》，又读《诗》";
        let b = run(text);
        let inside = |w: &str| b.in_book_title(text.find(w).unwrap());
        assert!(inside("论语"));
        assert!(inside("孟子"));
        assert!(inside("注"));
        assert!(inside("诗"));
        assert!(!inside("读"));
        assert!(!inside("和"));
        assert!(!inside("，"));
        // The 《 itself is not inside; the 》 is not either.
        assert!(!b.in_book_title(text.find('《').unwrap()));
        assert!(!b.in_book_title(text.find('》').unwrap()));
    }
}
