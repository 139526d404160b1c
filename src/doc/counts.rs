//! Stated counts: a numeral with a classifier (四个方面, 3条, 五大…) or a
//! numbered set phrase (六稳, 四个意识). Found once; used by the rules that
//! compare counts with enumerations and numeral styles with each other.

use super::chars::is_han;
use super::segment::Tokens;
use super::words::words;
use super::Paragraph;
use crate::numerals::{is_arabic, is_han_numeral_char, parse_any, parse_han};
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// The whole phrase: numeral, classifier and the noun after it (四个方面).
    pub range: Range<usize>,
    /// Just the numeral.
    pub num: Range<usize>,
    /// The numeral and its classifier (3个, 5项), without the noun.
    pub unit: Range<usize>,
    pub value: u32,
    pub arabic: bool,
    /// What is counted, for comparing styles: 个 plus its noun (个方面), or
    /// another classifier alone (项, 条).
    pub key: String,
    pub para: usize,
    /// The classifier (个, 项, 点, 方面…); empty for set phrases without one.
    pub classifier: String,
    /// Index into the fixed-phrase pack when this is a set phrase (四个意识).
    pub set_phrase: Option<usize>,
}

fn count_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?P<num>[0-9０-９]{1,2}|[一二三四五六七八九十两]{1,3})(?P<cls>个|项|条|点|种|类|大|方面|件|批|句|次)").unwrap()
    })
}

/// Find every count in every paragraph. `tokens` are the document's tokens;
/// `phrases` the names of the fixed set phrases.
pub fn find(text: &str, paras: &[Paragraph], tokens: &Tokens, phrases: &[&str]) -> Vec<Count> {
    let mut out = Vec::new();
    let phrase_words = words(phrases);
    for p in paras {
        let body = &text[p.range.clone()];
        let base = p.range.start;
        let mut found: Vec<Count> = Vec::new();
        // Set phrases by start, then by their order in the pack.
        let phrase_hits = phrase_words.find(body);
        for c in count_re().captures_iter(body) {
            let num = c.name("num").unwrap();
            let cls = c.name("cls").unwrap();
            let prev = body[..num.start()].chars().next_back();
            // 第三个 is an ordinal; 3.5个 or 13个 split mid-number are not counts.
            if prev.is_some_and(|ch| {
                ch == '第' || ch.is_ascii_digit() || ch == '.' || is_han_numeral_char(ch)
            }) {
                continue;
            }
            let Some(value) = parse_any(num.as_str()) else {
                continue;
            };
            // 十九大, 二十大 are party congresses; 十大工程 names a programme.
            if cls.as_str() == "大" && value >= 10 {
                continue;
            }
            // The noun: the word right after the classifier (方面 in 四个方面).
            let abs_cls_end = base + cls.end();
            let noun = if cls.as_str() == "方面" {
                None
            } else {
                // The token holding or starting at the classifier's end.
                let i = tokens.partition_point(|t| t.end <= abs_cls_end);
                tokens
                    .get(i)
                    .filter(|t| t.start <= abs_cls_end)
                    .filter(|t| text[(*t).clone()].chars().all(is_han))
                    .map(|t| abs_cls_end.max(t.start)..t.end)
            };
            let end = noun.as_ref().map_or(abs_cls_end, |n| n.end);
            // 个 is too general to name a kind by itself (个方面, 个项目);
            // the other classifiers do (5项 and 六项 are the same kind).
            let key = match cls.as_str() {
                "个" => format!("个{}", noun.as_ref().map_or("", |n| &text[n.clone()])),
                other => other.to_string(),
            };
            found.push(Count {
                range: base + num.start()..end,
                num: base + num.start()..base + num.end(),
                unit: base + num.start()..abs_cls_end,
                value,
                arabic: is_arabic(num.as_str()),
                key,
                classifier: cls.as_str().to_string(),
                para: p.index,
                set_phrase: None,
            });
        }
        // The first count at each numeral start, to which a set phrase
        // starting there attaches (the regex counts come in order of start).
        let mut at_start: HashMap<usize, usize> = found
            .iter()
            .enumerate()
            .map(|(k, c)| (c.num.start, k))
            .collect();
        for (pi, r) in &phrase_hits {
            let name = phrases[*pi];
            let i = r.start;
            let r = base + r.start..base + r.end;
            if let Some(&k) = at_start.get(&r.start) {
                let existing = &mut found[k];
                existing.set_phrase = Some(*pi);
                existing.range = r;
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
            at_start.insert(r.start, found.len());
            found.push(Count {
                range: r.clone(),
                num: r.start..r.start + digits.len(),
                unit: r.clone(),
                value,
                arabic: false,
                key: name.to_string(),
                classifier: String::new(),
                para: p.index,
                set_phrase: Some(*pi),
            });
        }
        found.sort_by_key(|c| c.range.start);
        out.extend(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::doc::Document;
    use crate::input::Format;

    /// One count per set phrase however many there are in one paragraph:
    /// attaching a phrase to a count once searched all earlier counts.
    #[test]
    fn every_set_phrase_of_a_long_paragraph_is_one_count() {
        for n in [20_000, 40_000] {
            let text = format!("标题\n\n{}\n", "“四个意识”，三个方面，".repeat(n));
            let d = Document::from_str("t", &text, Format::Plain);
            let phrases = d.counts.iter().filter(|c| c.set_phrase.is_some()).count();
            assert_eq!(phrases, n);
            assert_eq!(d.counts.len(), 2 * n);
            assert!(d
                .counts
                .windows(2)
                .all(|w| w[0].range.end <= w[1].range.start));
        }
    }

    #[test]
    fn a_set_phrase_with_a_classifier_is_one_count() {
        let d = Document::from_str("t", "标题\n\n增强四个意识，做到三个方面。", Format::Plain);
        let found: Vec<(&str, bool)> = d
            .counts
            .iter()
            .map(|c| (&d.text[c.range.clone()], c.set_phrase.is_some()))
            .collect();
        assert_eq!(found, vec![("四个意识", true), ("三个方面", false)]);
    }
}
