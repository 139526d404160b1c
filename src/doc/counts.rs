//! Stated counts: a numeral with a classifier (四个方面, 3条, 五大…) or a
//! numbered set phrase (六稳, 四个意识). Found once; used by the rules that
//! compare counts with enumerations and numeral styles with each other.

use super::chars::is_han;
use super::mentions::Mentions;
use super::segment::Tokens;
use super::Paragraph;
use crate::numerals::{is_arabic, is_han_numeral_char, parse_any, parse_han};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// A stated count. A large file holds hundreds of thousands, so positions
/// are kept in 32 bits (a text is segmented and counted only below 4 GiB)
/// and the classifier as an index: 56 bytes a count instead of 120.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// Where the numeral, and with it the whole count, begins.
    start: u32,
    num_end: u32,
    unit_end: u32,
    end: u32,
    pub value: u32,
    para: u32,
    /// Index into the fixed-phrase pack, or `NONE`.
    set_phrase: u32,
    /// Index into `CLASSIFIERS`.
    classifier: u8,
    pub arabic: bool,
    /// What is counted, for comparing styles: 个 plus its noun (个方面), or
    /// another classifier alone (项, 条).
    pub key: Cow<'static, str>,
}

const NONE: u32 = u32::MAX;

/// The classifiers; the empty one for set phrases without one.
const CLASSIFIERS: [&str; 13] = [
    "", "个", "项", "条", "点", "种", "类", "大", "件", "批", "句", "次", "方面",
];

/// An offset of a text below 4 GiB.
fn small(offset: usize) -> u32 {
    u32::try_from(offset).expect("counts are found below 4 GiB")
}

impl Count {
    /// The whole phrase: numeral, classifier and the noun after it (四个方面).
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Just the numeral.
    pub fn num(&self) -> Range<usize> {
        self.start as usize..self.num_end as usize
    }

    /// The numeral and its classifier (3个, 5项), without the noun.
    pub fn unit(&self) -> Range<usize> {
        self.start as usize..self.unit_end as usize
    }

    /// The paragraph.
    pub fn para(&self) -> usize {
        self.para as usize
    }

    /// The classifier (个, 项, 点, 方面…); empty for set phrases without one.
    pub fn classifier(&self) -> &'static str {
        CLASSIFIERS[self.classifier as usize]
    }

    /// Index into the fixed-phrase pack when this is a set phrase (四个意识).
    pub fn set_phrase(&self) -> Option<usize> {
        (self.set_phrase != NONE).then_some(self.set_phrase as usize)
    }
}

/// The classifier at byte `i` of `body`, as its index in `CLASSIFIERS`:
/// 个, 项, 条… or 方面, the one of two characters.
fn classifier_at(body: &str, i: usize) -> Option<u8> {
    let rest = &body[i..];
    (1..CLASSIFIERS.len())
        .find(|&k| rest.starts_with(CLASSIFIERS[k]))
        .map(|k| k as u8)
}

/// Which kind of numeral a character belongs to: Arabic digits (up to two
/// make a count) or Chinese numerals (up to three).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Digits {
    Arabic,
    Han,
}

fn digits_of(c: char) -> Option<Digits> {
    match c {
        '0'..='9' | '０'..='９' => Some(Digits::Arabic),
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '两' => {
            Some(Digits::Han)
        }
        _ => None,
    }
}

/// Every numeral directly followed by a classifier (四个, 3条, 两方面), in
/// order, as (numeral, classifier) byte ranges of `body`: at most the last
/// two Arabic digits or three Chinese numerals of a run of one kind count,
/// the leftmost such match first, as a search for each in turn would find.
fn numerals_with_classifiers(body: &str) -> Vec<(Range<usize>, Range<usize>, &'static str)> {
    let mut out = Vec::new();
    // The current run of numerals of one kind: its kind and the starts of
    // its last three characters (oldest first).
    let mut run: Option<Digits> = None;
    let mut starts: [usize; 3] = [0; 3];
    let mut len = 0usize;
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        // A classifier counts only right after a numeral.
        if let Some(kind) = run {
            if let Some(cls) = classifier_at(body, i).map(|k| CLASSIFIERS[k as usize]) {
                let max = if kind == Digits::Arabic { 2 } else { 3 };
                let take = len.min(max);
                let start = starts[3 - take];
                out.push((start..i, i..i + cls.len(), cls));
                run = None;
                len = 0;
                // 方面 is two characters: go on after it.
                if cls.len() > c.len_utf8() {
                    chars.next();
                }
                continue;
            }
        }
        match digits_of(c) {
            Some(kind) => {
                if run != Some(kind) {
                    run = Some(kind);
                    len = 0;
                }
                starts.rotate_left(1);
                starts[2] = i;
                len += 1;
            }
            None => {
                run = None;
                len = 0;
            }
        }
    }
    out
}

/// The word at `at` (right after a classifier): the Han token holding or
/// starting there, from `at` on.
fn noun_at(text: &str, tokens: &Tokens, at: usize) -> Option<Range<usize>> {
    let i = tokens.partition_point(|t| t.end <= at);
    tokens
        .get(i)
        .filter(|t| t.start <= at)
        .filter(|t| text[t.clone()].chars().all(is_han))
        .map(|t| at.max(t.start)..t.end)
}

/// What counts are read from: the text, its tokens, and the fixed set
/// phrases' names, whose mentions are in `mentions`.
struct Sources<'a> {
    text: &'a str,
    tokens: &'a Tokens,
    phrases: &'a [&'a str],
    mentions: &'a Mentions,
}

/// Find every count in every paragraph. `tokens` are the document's tokens;
/// `phrases` the names of the fixed set phrases, whose mentions are in
/// `mentions`.
/// A large text's paragraphs are looked at in groups on the pool's threads.
pub fn find(
    text: &str,
    paras: &[Paragraph],
    tokens: &Tokens,
    phrases: &[&str],
    mentions: &Mentions,
) -> Vec<Count> {
    let from = Sources {
        text,
        tokens,
        phrases,
        mentions,
    };
    // Like the tokens, counts are found below 4 GiB (far above any limit).
    let paras = super::segment::below_4gib(paras);
    if !crate::parallel::worth_it(text.len()) {
        let mut counts = find_in(&from, paras);
        // The list grew by doubling; a large text's is kept to its length.
        counts.shrink_to_fit();
        return counts;
    }
    let parts: Vec<Vec<Count>> = crate::parallel::groups(paras, |p| p.range.len())
        .par_iter()
        .map(|group| crate::parallel::piece(|| find_in(&from, group)))
        .collect();
    let mut counts = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        counts.extend(part);
    }
    counts
}

/// What a count counts, for comparing styles: 个 is too general to name a
/// kind by itself (个方面, 个项目); the other classifiers do (5项 and 六项
/// are the same kind).
fn kind_key(classifier: &'static str, noun: &str) -> Cow<'static, str> {
    if classifier != "个" {
        return Cow::Borrowed(classifier);
    }
    let mut key = String::with_capacity(classifier.len() + noun.len());
    key.push_str(classifier);
    key.push_str(noun);
    Cow::Owned(key)
}

/// The counts of `paras`, consecutive paragraphs of the text.
fn find_in(from: &Sources, paras: &[Paragraph]) -> Vec<Count> {
    let Sources {
        text,
        tokens,
        phrases,
        mentions,
    } = *from;
    let mut out = Vec::new();
    let span = paras.first().map_or(0, |p| p.index)..paras.last().map_or(0, |p| p.index + 1);
    let mut mentioned = mentions.phrases_in(span).peekable();
    for p in paras {
        let body = &text[p.range.clone()];
        let base = p.range.start;
        let mut found: Vec<Count> = Vec::new();
        // Set phrases by start, then by their order in the pack.
        let mut phrase_hits: Vec<(usize, Range<usize>)> = Vec::new();
        while let Some((k, _, r)) = mentioned.next_if(|m| m.1 <= p.index) {
            phrase_hits.push((k, r.start - base..r.end - base));
        }
        for (num, cls, cls_text) in numerals_with_classifiers(body) {
            let num_text = &body[num.clone()];
            let prev = body[..num.start].chars().next_back();
            // 第三个 is an ordinal; 3.5个 or 13个 split mid-number are not counts.
            if prev.is_some_and(|ch| {
                ch == '第' || ch.is_ascii_digit() || ch == '.' || is_han_numeral_char(ch)
            }) {
                continue;
            }
            let Some(value) = parse_any(num_text) else {
                continue;
            };
            // 十九大, 二十大 are party congresses; 十大工程 names a programme.
            if cls_text == "大" && value >= 10 {
                continue;
            }
            // The noun: the word right after the classifier (方面 in 四个方面).
            let abs_cls_end = base + cls.end;
            let noun = (cls_text != "方面")
                .then(|| noun_at(text, tokens, abs_cls_end))
                .flatten();
            let end = noun.as_ref().map_or(abs_cls_end, |n| n.end);
            let key = kind_key(cls_text, noun.as_ref().map_or("", |n| &text[n.clone()]));
            found.push(Count {
                start: small(base + num.start),
                num_end: small(base + num.end),
                unit_end: small(abs_cls_end),
                end: small(end),
                value,
                para: small(p.index),
                set_phrase: NONE,
                classifier: CLASSIFIERS
                    .iter()
                    .position(|c| *c == cls_text)
                    .map_or(0, |k| k as u8),
                arabic: is_arabic(num_text),
                key,
            });
        }
        // The first count at each numeral start, to which a set phrase
        // starting there attaches (the counts come in order of start).
        let mut at_start: HashMap<u32, usize> = found
            .iter()
            .enumerate()
            .map(|(k, c)| (c.start, k))
            .collect();
        for (pi, r) in &phrase_hits {
            let name = phrases[*pi];
            let i = r.start;
            let r = base + r.start..base + r.end;
            if let Some(&k) = at_start.get(&small(r.start)) {
                let existing = &mut found[k];
                existing.set_phrase = small(*pi);
                existing.end = small(r.end);
                continue;
            }
            let digits: String = name
                .chars()
                .take_while(|&c| is_han_numeral_char(c))
                .collect();
            let Some(value) = parse_han(&digits) else {
                continue;
            };
            if body[..i]
                .chars()
                .next_back()
                .is_some_and(|ch| ch == '第' || is_han_numeral_char(ch))
            {
                continue;
            }
            at_start.insert(small(r.start), found.len());
            found.push(Count {
                start: small(r.start),
                num_end: small(r.start + digits.len()),
                unit_end: small(r.end),
                end: small(r.end),
                value,
                para: small(p.index),
                set_phrase: small(*pi),
                classifier: 0,
                arabic: false,
                key: Cow::Owned(name.to_string()),
            });
        }
        found.sort_by_key(|c| c.start);
        out.extend(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::numerals_with_classifiers;

    /// The scan finds what a search for the pattern it replaced finds, on
    /// many strings made of the characters that matter.
    #[test]
    fn numerals_with_classifiers_are_what_the_pattern_finds() {
        let re = regex::Regex::new(
            r"(?P<num>[0-9０-９]{1,2}|[一二三四五六七八九十两]{1,3})(?P<cls>个|项|条|点|种|类|大|方面|件|批|句|次)",
        )
        .unwrap();
        let alphabet: Vec<char> = "一二三十两百第10９个项大方面次的是，".chars().collect();
        let mut rng = crate::testing::Xorshift(0x2545_F491_4F6C_DD1D);
        let mut found = 0;
        for _ in 0..20_000 {
            let body = rng.string(&alphabet, 20);
            let by_pattern: Vec<_> = re
                .captures_iter(&body)
                .map(|c| {
                    (
                        c.name("num").unwrap().range(),
                        c.name("cls").unwrap().range(),
                    )
                })
                .collect();
            let scanned: Vec<_> = numerals_with_classifiers(&body)
                .into_iter()
                .map(|(n, c, _)| (n, c))
                .collect();
            assert_eq!(scanned, by_pattern, "{body:?}");
            found += scanned.len();
        }
        assert!(found > 1000, "the strings hold counts: {found}");
    }
    use crate::doc::Document;
    use crate::input::Format;

    /// One count per set phrase however many there are in one paragraph:
    /// attaching a phrase to a count once searched all earlier counts.
    #[test]
    fn every_set_phrase_of_a_long_paragraph_is_one_count() {
        for n in [20_000, 40_000] {
            let text = format!("标题\n\n{}\n", "“四个意识”，三个方面，".repeat(n));
            let d = Document::from_str("t", &text, Format::Plain);
            let phrases = d.counts.iter().filter(|c| c.set_phrase().is_some()).count();
            assert_eq!(phrases, n);
            assert_eq!(d.counts.len(), 2 * n);
            assert!(d
                .counts
                .windows(2)
                .all(|w| w[0].range().end <= w[1].range().start));
        }
    }

    #[test]
    fn a_set_phrase_with_a_classifier_is_one_count() {
        let d = Document::from_str("t", "标题\n\n增强四个意识，做到三个方面。", Format::Plain);
        let found: Vec<(&str, bool)> = d
            .counts
            .iter()
            .map(|c| (&d.text[c.range()], c.set_phrase().is_some()))
            .collect();
        assert_eq!(found, vec![("四个意识", true), ("三个方面", false)]);
    }
}
