//! A list of regexes, with a literal prefilter that tells which of them may
//! match a paragraph.
//!
//! Most paragraphs hold no placeholder and no watermark, yet a search that
//! proves it for a union of patterns steps a large automaton over every
//! byte. Instead, each pattern's syntax tree is read for the literals a
//! match cannot do without: `某某+` needs 某某; `[XＸ]+` needs X or Ｘ;
//! `（[^）]{0,8}(名称|时间)）` needs （, one of 名称 and 时间, and ）. Of
//! these needs the most selective is kept (名称 or 时间: longer literals,
//! and not the punctuation found in every paragraph). One [`Literals`] pass
//! over the text finds every kept literal; a pattern is tried on a
//! paragraph only if its need is met there. A pattern with no need that can
//! be proven (`.+`, `[^\n]{2,}`) is tried everywhere.

use crate::literals::Literals;
use regex_syntax::hir::{Class, Hir, HirKind};
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// A need: a match contains at least one of these literals.
type Need = Vec<String>;

/// Compiled patterns and what each one needs.
#[derive(Debug)]
pub struct Patterns {
    /// Every literal some need names.
    literals: Literals,
    /// For each pattern, its most selective need, as indices into
    /// `literals`: it may match only where one of them is present. None: a
    /// pattern with no need, tried everywhere.
    needs: Vec<Option<Vec<usize>>>,
    /// The patterns' sources (they tell a compiled list apart).
    sources: Vec<String>,
}

/// Classes of more characters than this give no need (`[^\n]`, `\p{Han}`).
const MAX_CLASS: u32 = 16;

/// Literals are cut to at most this many bytes (a prefix of a needed
/// string is needed too): comparing a long literal at every place its
/// start occurs would make the scan as slow as the text times its length.
const MAX_LITERAL: usize = 24;

/// What every match of `hir` must contain: a list of needs, all of which
/// must be met (empty: nothing provable).
fn needs(hir: &Hir) -> Vec<Need> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Vec::new(),
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(s) if !s.is_empty() => vec![vec![cut(s)]],
            _ => Vec::new(),
        },
        HirKind::Class(class) => class_need(class).into_iter().collect(),
        HirKind::Repetition(rep) if rep.min > 0 => needs(&rep.sub),
        HirKind::Repetition(_) => Vec::new(),
        HirKind::Capture(cap) => needs(&cap.sub),
        HirKind::Concat(parts) => concat_needs(parts),
        HirKind::Alternation(branches) => {
            // One need per branch (its most selective), joined: a match of
            // the alternation is a match of some branch.
            let mut joined: Need = Vec::new();
            for branch in branches {
                let Some(best) = needs(branch).into_iter().max_by_key(selectivity) else {
                    return Vec::new();
                };
                for lit in best {
                    if !joined.contains(&lit) {
                        joined.push(lit);
                    }
                }
            }
            vec![joined]
        }
    }
}

/// The needs of a sequence: each part's, and the strings that runs of
/// parts always spell together (某 followed by 某+ always holds 某某).
fn concat_needs(parts: &[Hir]) -> Vec<Need> {
    let mut out: Vec<Need> = Vec::new();
    let push = |out: &mut Vec<Need>, need: Need| {
        if !out.contains(&need) {
            out.push(need);
        }
    };
    // What the parts so far always end with, joined to what comes next.
    let mut run = String::new();
    for part in parts {
        if let Some(s) = exact(part) {
            run.push_str(&s);
            continue;
        }
        run.push_str(&prefix(part).unwrap_or_default());
        if !run.is_empty() {
            push(&mut out, vec![cut(&std::mem::take(&mut run))]);
        }
        for need in needs(part) {
            push(&mut out, need);
        }
        run = suffix(part).unwrap_or_default();
    }
    if !run.is_empty() {
        push(&mut out, vec![cut(&run)]);
    }
    out
}

/// `s`, or its first `MAX_LITERAL` bytes (whole characters).
fn cut(s: &str) -> String {
    s[..s.floor_char_boundary(MAX_LITERAL)].to_string()
}

/// The one string `hir` matches, if it matches only one.
fn exact(hir: &Hir) -> Option<String> {
    match hir.kind() {
        HirKind::Literal(lit) => String::from_utf8(lit.0.to_vec()).ok(),
        HirKind::Capture(cap) => exact(&cap.sub),
        HirKind::Concat(parts) => parts.iter().map(exact).collect(),
        HirKind::Repetition(rep) if rep.max == Some(rep.min) && rep.min <= 8 => {
            Some(exact(&rep.sub)?.repeat(rep.min as usize))
        }
        _ => None,
    }
}

/// A string every match of `hir` begins with (at least one repetition of
/// its body: `某+` begins with 某).
fn prefix(hir: &Hir) -> Option<String> {
    match hir.kind() {
        HirKind::Capture(cap) => prefix(&cap.sub),
        HirKind::Repetition(rep) if rep.min > 0 => prefix(&rep.sub),
        _ => exact(hir),
    }
}

/// A string every match of `hir` ends with.
fn suffix(hir: &Hir) -> Option<String> {
    match hir.kind() {
        HirKind::Capture(cap) => suffix(&cap.sub),
        HirKind::Repetition(rep) if rep.min > 0 => suffix(&rep.sub),
        _ => exact(hir),
    }
}

/// The characters of a small class, each a literal.
fn class_need(class: &Class) -> Option<Need> {
    let mut out = Vec::new();
    match class {
        Class::Unicode(c) => {
            let size: u32 = c
                .ranges()
                .iter()
                .map(|r| r.end() as u32 - r.start() as u32 + 1)
                .sum();
            if size == 0 || size > MAX_CLASS {
                return None;
            }
            for r in c.ranges() {
                out.extend((r.start()..=r.end()).map(String::from));
            }
        }
        Class::Bytes(c) => {
            let size: u32 = c
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if size == 0 || size > MAX_CLASS {
                return None;
            }
            for r in c.ranges() {
                for b in r.start()..=r.end() {
                    // A byte that is not a whole character gives no need.
                    out.push(String::from_utf8(vec![b]).ok()?);
                }
            }
        }
    }
    Some(out)
}

/// How rarely a need is likely met: with fewer of the commonest literals
/// first, then with longer literals, then with fewer.
fn selectivity(need: &Need) -> (std::cmp::Reverse<usize>, usize, std::cmp::Reverse<usize>) {
    let shortest = need.iter().map(String::len).min().unwrap_or(0);
    let common = need.iter().filter(|l| is_common(l)).count();
    (
        std::cmp::Reverse(common),
        shortest,
        std::cmp::Reverse(need.len()),
    )
}

/// A literal that most paragraphs hold: one digit, space or punctuation
/// mark, one of the characters of every date, or a number (20, 19).
fn is_common(literal: &str) -> bool {
    if literal.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let mut chars = literal.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            c.is_ascii_digit()
                || c.is_ascii_punctuation()
                || c.is_whitespace()
                || matches!(
                    c,
                    '、' | '，'
                        | '。'
                        | '：'
                        | '；'
                        | '（'
                        | '）'
                        | '“'
                        | '”'
                        | '《'
                        | '》'
                        | '年'
                        | '月'
                        | '日'
                )
        }
        _ => false,
    }
}

impl Patterns {
    fn new(patterns: &[&str]) -> Patterns {
        let mut words: Vec<String> = Vec::new();
        let mut index = |lit: String| match words.iter().position(|w| *w == lit) {
            Some(i) => i,
            None => {
                words.push(lit);
                words.len() - 1
            }
        };
        let needs = patterns
            .iter()
            .map(|re| {
                // The regex crate parses its pattern with these same
                // defaults; a pattern it compiled always parses here.
                let hir = regex_syntax::Parser::new().parse(re).ok()?;
                let best = needs(&hir).into_iter().max_by_key(selectivity)?;
                Some(best.into_iter().map(&mut index).collect())
            })
            .collect();
        Patterns {
            literals: Literals::new(&words),
            needs,
            sources: patterns.iter().map(|p| p.to_string()).collect(),
        }
    }

    /// Finds the needed literals in `text`, for asking about its parts.
    pub fn scan<'a>(&'a self, text: &str) -> Scan<'a> {
        let mut found = Vec::new();
        self.literals.for_each(text, |w, r| found.push((w, r)));
        self.scan_from(found)
    }

    /// The literals searched, in the order `scan_from` numbers them.
    pub fn literals(&self) -> &Literals {
        &self.literals
    }

    /// The scan made of `found`: every occurrence of every literal of
    /// [`Patterns::literals`] in a text, as (literal, range), by start.
    pub fn scan_from(&self, found: Vec<(usize, Range<usize>)>) -> Scan<'_> {
        Scan {
            patterns: self,
            found,
            next: 0,
            asked: 0,
            present: vec![false; self.literals.len()],
        }
    }
}

/// The needed literals of one text, asked about its parts in order.
pub struct Scan<'a> {
    patterns: &'a Patterns,
    /// (literal, range), by start.
    found: Vec<(usize, Range<usize>)>,
    /// The first of `found` not yet passed.
    next: usize,
    /// The end of the part last asked about.
    asked: usize,
    present: Vec<bool>,
}

impl Scan<'_> {
    /// The patterns (their indices, in order) that may match within
    /// `part` of the text: every pattern that does is among them. Parts are
    /// asked in order and do not overlap.
    pub fn candidates(&mut self, part: Range<usize>, out: &mut Vec<usize>) {
        debug_assert!(part.start >= self.asked, "parts asked out of order");
        self.asked = part.end;
        out.clear();
        self.present.fill(false);
        let mut any = false;
        while let Some((w, r)) = self.found.get(self.next) {
            if r.start >= part.end {
                break;
            }
            if r.start >= part.start && r.end <= part.end {
                self.present[*w] = true;
                any = true;
            }
            self.next += 1;
        }
        for (i, need) in self.patterns.needs.iter().enumerate() {
            let met = |need: &Vec<usize>| any && need.iter().any(|&w| self.present[w]);
            if need.as_ref().is_none_or(met) {
                out.push(i);
            }
        }
    }
}

/// The compiled form of `patterns`, built on first use and shared
/// afterwards: each pattern's source, as given to `Regex::new` (it is read
/// again with the same defaults; the regex itself need not be compiled).
pub fn shared(patterns: &[&str]) -> Arc<Patterns> {
    type Cache = Vec<Arc<Patterns>>;
    static CACHE: Mutex<Cache> = Mutex::new(Vec::new());
    /// Distinct lists kept (the built-in packs use two).
    const CACHE_SIZE: usize = 16;
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let same = |p: &Patterns| {
        p.sources.len() == patterns.len() && p.sources.iter().zip(patterns).all(|(s, re)| s == re)
    };
    if let Some(p) = cache.iter().find(|p| same(p)) {
        return Arc::clone(p);
    }
    let compiled = Arc::new(Patterns::new(patterns));
    if cache.len() == CACHE_SIZE {
        cache.remove(0);
    }
    cache.push(Arc::clone(&compiled));
    compiled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Xorshift;

    fn needs_of(pattern: &str) -> Vec<Need> {
        needs(&regex_syntax::Parser::new().parse(pattern).unwrap())
    }

    fn need_list(needs: &[&[&str]]) -> Vec<Need> {
        needs
            .iter()
            .map(|n| n.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn needs_are_read_from_the_syntax() {
        assert_eq!(needs_of("某某+"), need_list(&[&["某某"], &["某"]]));
        assert_eq!(
            needs_of("(?:ab){2}c+d"),
            need_list(&[&["ababc"], &["c"], &["cd"]])
        );
        assert_eq!(needs_of("[XＸ]+"), need_list(&[&["X", "Ｘ"]]));
        assert!(needs_of("x*").is_empty());
        assert_eq!(
            needs_of("本文(系|为).{0,3}原创"),
            need_list(&[&["本文"], &["为", "系"], &["原创"]])
        );
        // An alternation takes each branch's longest need.
        assert_eq!(
            needs_of("请(填写|输入)|网友[投分]享"),
            need_list(&[&["填写", "输入", "网友"]])
        );
        assert!(needs_of("a|.+").is_empty());
        // Of a year and a placeholder letter, the letter is kept.
        let best = needs_of("(?:19|20)[0-9]?[XxＸｘ*＊]{1,3}")
            .into_iter()
            .max_by_key(selectivity);
        assert!(best.unwrap().contains(&"X".to_string()));
        // A long literal is cut to a prefix (whole characters).
        let long = needs_of(&"某".repeat(40));
        assert_eq!(long, need_list(&[&["某某某某某某某某"]]));
        assert_eq!(needs_of("(?i)ab"), need_list(&[&["A", "a"], &["B", "b"]]));
        assert!(needs_of(r"^\s*$").is_empty());
    }

    /// Every pattern that matches a part is a candidate there, for the
    /// shipped placeholder and residue patterns and random texts made of
    /// their pieces.
    #[test]
    fn every_matching_pattern_is_a_candidate() {
        let packs = crate::packs::Packs::builtin();
        let (placeholders, residue) = crate::doc::vocab::pattern_lists(packs);
        let lists: Vec<Vec<&str>> = vec![placeholders, residue, vec!["a|.+", "(?i)xy"]];
        let alphabet: Vec<char> =
            "XxＸｘ×某某此处输入（）()【】[]{}<>：:　 \n20１９〇○□_＊*本文原创来源网络仅供参考下载全文字0123456789正文标题单位名称年月日Yy一二"
                .chars()
                .collect();
        let mut rng = Xorshift(0xC0FFEE);
        for list in &lists {
            let set = shared(list);
            let compiled: Vec<regex::Regex> =
                list.iter().map(|p| regex::Regex::new(p).unwrap()).collect();
            for _ in 0..3000 {
                let text = rng.string(&alphabet, 60);
                // Three parts, the last at the text's end.
                let cuts = [0, text.len() / 3, text.len() / 2, text.len()]
                    .map(|i| text.floor_char_boundary(i));
                let mut scan = set.scan(&text);
                let mut out = Vec::new();
                for w in cuts.windows(2) {
                    let part = w[0]..w[1];
                    scan.candidates(part.clone(), &mut out);
                    for (i, re) in compiled.iter().enumerate() {
                        if re.is_match(&text[part.clone()]) {
                            assert!(out.contains(&i), "{re} in {:?}", &text[part.clone()]);
                        }
                    }
                }
            }
        }
    }

    /// Most paragraphs of plain prose leave no candidate at all.
    #[test]
    fn plain_prose_leaves_no_candidate() {
        let packs = crate::packs::Packs::builtin();
        let set = shared(&crate::doc::vocab::pattern_lists(packs).0);
        let text = "全县上下要切实增强责任感和紧迫感，扎实推进各项工作落实。";
        let mut out = vec![7];
        set.scan(text).candidates(0..text.len(), &mut out);
        assert!(out.is_empty(), "{out:?}");
        let text = "XX同志主持会议。";
        set.scan(text).candidates(0..text.len(), &mut out);
        assert!(!out.is_empty());
    }

    #[test]
    fn lists_are_compiled_once_and_told_apart() {
        let set = shared(&["X+年", "某某"]);
        assert!(Arc::ptr_eq(&set, &shared(&["X+年", "某某"])));
        assert!(!Arc::ptr_eq(&set, &shared(&["X+年"])));
    }
}
