//! The outline of a document: its title, numbered headings, enumeration
//! markers (一是/第一) and its date.

use super::Paragraph;
use crate::numerals::{han_number, is_han_numeral_char, parse_arabic, parse_han};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// How an ordinal is written. The first four are heading levels 1–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    /// 一、
    HanComma,
    /// （一）
    ParenHan,
    /// 1. / 1． / 1、
    ArabicDot,
    /// （1）
    ParenArabic,
    /// 一是
    Shi,
    /// 第一，
    Di,
    /// 其一，
    Qi,
    /// 首先，其次，再次，最后
    Sequence,
}

impl MarkerKind {
    /// Heading level for heading-style markers.
    pub fn level(self) -> Option<u8> {
        match self {
            MarkerKind::HanComma => Some(1),
            MarkerKind::ParenHan => Some(2),
            MarkerKind::ArabicDot => Some(3),
            MarkerKind::ParenArabic => Some(4),
            MarkerKind::Shi | MarkerKind::Di | MarkerKind::Qi | MarkerKind::Sequence => None,
        }
    }

    /// How the n-th marker of this kind is written, for messages.
    pub fn render(self, n: u32) -> String {
        let han = han_number(n);
        match self {
            MarkerKind::HanComma => format!("{han}、"),
            MarkerKind::ParenHan => format!("（{han}）"),
            MarkerKind::ArabicDot => format!("{n}."),
            MarkerKind::ParenArabic => format!("（{n}）"),
            MarkerKind::Shi => format!("{han}是"),
            MarkerKind::Di => format!("第{han}"),
            MarkerKind::Qi => format!("其{han}"),
            MarkerKind::Sequence => ["首先", "其次", "再次"]
                .get(n as usize - 1)
                .unwrap_or(&"最后")
                .to_string(),
        }
    }
}

/// The ordinal given to 最后 ("finally"): after any other.
pub const LAST: u32 = 1000;

/// One ordinal marker found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub kind: MarkerKind,
    pub ordinal: u32,
    /// The marker itself, e.g. the bytes of `（二）`.
    pub range: Range<usize>,
    /// Index of the paragraph holding it.
    pub para: usize,
    /// Whether the marker opens its paragraph.
    pub at_start: bool,
    /// Whether Word generated it (automatic numbering), rather than the author typing it.
    pub generated: bool,
}

/// A heading: a paragraph opened by a heading-style marker, or a Markdown `#` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub para: usize,
    pub level: u8,
    /// The heading's text after its marker.
    pub text: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Paragraph indices of the title lines (one to three).
    pub title: Vec<usize>,
    pub headings: Vec<Heading>,
    /// Every ordinal marker in document order.
    pub markers: Vec<Marker>,
}

fn start_marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:(?P<hc>[一二三四五六七八九十]{1,3})[、．.]|[（(](?P<ph>[一二三四五六七八九十]{1,3})[）)]|(?P<ad>[0-9０-９]{1,2})(?:[、．]|\.(?:[^0-9]|$))|[（(](?P<pa>[0-9０-９]{1,2})[）)])",
        )
        .unwrap()
    })
}

/// An inline marker (一是, 第一，, 其一，, 首先，, （一）, （1）), anchored at
/// the start of the text it is tried on.
fn inline_marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(&format!("^(?:{INLINE_MARKER})")).unwrap())
}

const INLINE_MARKER: &str = r"(?P<shi>[一二三四五六七八九十]{1,3})是|第(?P<di>[一二三四五六七八九十]{1,3})[，,、：:]|其(?P<qi>[一二三四五六七八九十])[，,、：:是]|(?P<seq>首先|其次|再次|最后)[，,、：:]|[（(](?P<ph>[一二三四五六七八九十]{1,3})[）)]|[（(](?P<pa>[0-9０-９]{1,2})[）)]";

/// The characters an inline marker can open with.
fn opens_marker(c: char) -> bool {
    is_han_numeral_char(c) || matches!(c, '第' | '其' | '首' | '再' | '最' | '（' | '(')
}

/// An inline marker found in a paragraph: its kind, the ordinal's text and
/// the whole match, as byte ranges of the paragraph.
struct InlineHit {
    kind: MarkerKind,
    group: Range<usize>,
    whole: Range<usize>,
}

fn inline_hit(c: &regex::Captures, offset: usize) -> InlineHit {
    let whole = c.get(0).unwrap();
    let (kind, group) = if let Some(g) = c.name("shi") {
        (MarkerKind::Shi, g)
    } else if let Some(g) = c.name("di") {
        (MarkerKind::Di, g)
    } else if let Some(g) = c.name("qi") {
        (MarkerKind::Qi, g)
    } else if let Some(g) = c.name("seq") {
        (MarkerKind::Sequence, g)
    } else if let Some(g) = c.name("ph") {
        (MarkerKind::ParenHan, g)
    } else {
        (MarkerKind::ParenArabic, c.name("pa").unwrap())
    };
    InlineHit {
        kind,
        group: offset + group.start()..offset + group.end(),
        whole: offset + whole.start()..offset + whole.end(),
    }
}

/// The inline markers of `body` that open a clause (at its start or after
/// a punctuation mark or a space), from `from` on. Only those positions
/// are tried: no marker can hold such a position strictly inside it (its
/// only punctuation is its last character), so this finds exactly the
/// clause-opening matches of a search for every marker in turn.
fn inline_hits(body: &str, from: usize) -> Vec<InlineHit> {
    let mut out = Vec::new();
    let mut try_at = |p: usize| {
        if p >= from && body[p..].chars().next().is_some_and(opens_marker) {
            if let Some(c) = inline_marker_re().captures(&body[p..]) {
                out.push(inline_hit(&c, p));
            }
        }
    };
    try_at(0);
    for (i, c) in body.char_indices() {
        if opens_clause(Some(c)) {
            try_at(i + c.len_utf8());
        }
    }
    out
}

/// Characters after which an inline marker may start a clause.
fn opens_clause(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => matches!(
            c,
            '，' | '。'
                | '；'
                | '：'
                | '、'
                | '！'
                | '？'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '“'
                | '”'
                | '‘'
                | '’'
                | ' '
                | '\u{3000}'
                | '\t'
        ),
    }
}

/// Find the markers of one paragraph.
pub fn paragraph_markers(text: &str, para_index: usize, para: &Paragraph) -> Vec<Marker> {
    let body = &text[para.range.clone()];
    let lead = body.len() - body.trim_start_matches([' ', '\u{3000}', '\t']).len();
    let base = para.range.start;
    let mut out = Vec::new();
    let mut start_end = 0;
    if let Some(c) = start_marker_re().captures(&body[lead..]) {
        let whole = c.get(0).unwrap();
        let (kind, group) = if let Some(g) = c.name("hc") {
            (MarkerKind::HanComma, g)
        } else if let Some(g) = c.name("ph") {
            (MarkerKind::ParenHan, g)
        } else if let Some(g) = c.name("ad") {
            (MarkerKind::ArabicDot, g)
        } else {
            (MarkerKind::ParenArabic, c.name("pa").unwrap())
        };
        let ordinal = parse_han(group.as_str()).or_else(|| parse_arabic(group.as_str()));
        // After `1.` the regex also consumed the next character (to rule out
        // decimals such as 1.5); the marker ends at the separator.
        let end = if kind == MarkerKind::ArabicDot {
            let sep = body[lead + group.end()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            group.end() + sep
        } else {
            whole.end()
        };
        // 七.一 (the First of July) is a date, not a heading.
        let date_like = kind == MarkerKind::HanComma
            && whole.as_str().ends_with(['.', '．'])
            && body[lead + whole.end()..]
                .chars()
                .next()
                .is_some_and(is_han_numeral_char);
        if let (Some(ordinal), false) = (ordinal, date_like) {
            out.push(Marker {
                kind,
                ordinal,
                range: base + lead..base + lead + end,
                para: para_index,
                at_start: true,
                generated: false,
            });
            start_end = lead + end;
        }
    }
    for hit in inline_hits(body, start_end) {
        let InlineHit { kind, group, whole } = hit;
        let group_text = &body[group.clone()];
        // 一是 inside a longer numeral word (十一是) is not a marker.
        if kind == MarkerKind::Shi
            && body[..group.start]
                .chars()
                .next_back()
                .is_some_and(is_han_numeral_char)
        {
            continue;
        }
        let ordinal = match group_text {
            "首先" => Some(1),
            "其次" => Some(2),
            "再次" => Some(3),
            "最后" => Some(LAST),
            g => parse_han(g).or_else(|| parse_arabic(g)),
        };
        let Some(ordinal) = ordinal else {
            continue;
        };
        // A bracketed number followed by more text in the same clause is a
        // reference such as （2023）, not a list marker.
        let end = match kind {
            MarkerKind::Di | MarkerKind::Qi | MarkerKind::Sequence => group.end,
            _ => whole.end,
        };
        out.push(Marker {
            kind,
            ordinal,
            range: base + whole.start..base + end,
            para: para_index,
            at_start: whole.start == lead,
            generated: false,
        });
    }
    out
}

/// A paragraph that can be part of a title: short, unpunctuated, not numbered.
fn title_like(text: &str, para: &Paragraph, markers: &[Marker]) -> bool {
    let body = text[para.range.clone()].trim();
    let n = body.chars().count();
    n > 0
        && n <= 45
        && !markers.iter().any(|m| m.para == para.index && m.at_start)
        && !body.ends_with([
            '。', '；', '：', '！', '？', '，', '、', ';', ':', '!', '?', ',',
        ])
        && !body.contains('。')
        && date_of_line(body).is_none()
}

/// Choose the title: the first run of one to three title-like paragraphs
/// near the top, skipping watermark-like lines, the 发文机关标志 (…文件) and
/// the 发文字号 before it, and stopping at a subtitle or speaker line.
pub fn find_title(text: &str, paras: &[Paragraph], markers: &[Marker]) -> Vec<usize> {
    let mut title = Vec::new();
    let mut skipped = 0;
    for p in paras.iter().take(10) {
        let body = text[p.range.clone()].trim();
        if title.is_empty() && is_masthead(body) {
            skipped += 1;
            continue;
        }
        if !title.is_empty() && (is_subtitle(body) || speaker_office(body).is_some()) {
            break;
        }
        if title_like(text, p, markers) {
            title.push(p.index);
            if title.len() == 3 {
                break;
            }
        } else if !title.is_empty() || p.index >= 2 + skipped || body.chars().count() > 60 {
            // A long paragraph is body text: no title follows it.
            break;
        }
    }
    title
}

/// The 版头 above a title: 份号 (000123), 密级 (机密★1年), 紧急程度 (特急),
/// the 发文机关标志 (长沙县人民政府文件), a 发文字号 (长政发〔2025〕3号) or
/// a 签发人 line.
pub fn is_masthead(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"^[0-9０-９]{6}$",
            r"|^(?:绝密|机密|秘密)(?:[★☆*＊].{0,6})?$",
            r"|^(?:特急|加急|特提|平急)$",
            r"|^[\p{Han}]{2,24}文件$",
            r"|^[\p{Han}]{1,12}\s*[〔\[【（(]\s*[0-9０-９]{4}\s*[〕\]】）)]\s*第?[0-9０-９]+\s*号(?:\s+签发人[：:].*)?$",
            r"|^签发人[：:]",
        ))
        .unwrap()
    });
    re.is_match(line.trim())
}

/// A subtitle: ——2023年2月2日在长沙县第十八届人民代表大会第三次会议上,
/// （2026年4月23日）, or a line naming the meeting a speech was given at.
pub fn is_subtitle(line: &str) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    n <= 80
        && (t.starts_with(['—', '－', '（', '('])
            || (t.contains('在') && t.trim_end_matches(['）', ')']).ends_with('上')))
}

/// The office in a speaker line (县长 陈永高 → 县长), as a byte range of
/// `line`, if the line is one.
pub fn speaker_office(line: &str) -> Option<Range<usize>> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?P<office>[\p{Han}（）()、]{2,24})[ \t\u{3000}]+[\p{Han}]{2,4}$").unwrap()
    });
    let t = line.trim();
    let c = re.captures(t)?;
    let m = c.name("office")?;
    let start = line.len() - line.trim_start().len();
    Some(start + m.start()..start + m.end())
}

fn date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^[（(]?(?P<y>[0-9０-９]{4}|[〇零一二三四五六七八九]{4})年(?P<m>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})月(?P<d>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日[）)]?$").unwrap()
    })
}

fn han_year(s: &str) -> Option<u32> {
    let mut v = 0;
    for c in s.chars() {
        v = v * 10 + crate::numerals::han_digit(c)?;
    }
    Some(v)
}

/// A line that is only a date (a 成文日期), e.g. 2023年3月15日 or 二〇二三年三月十五日.
pub fn date_of_line(line: &str) -> Option<(u32, u32, u32)> {
    let c = date_re().captures(line.trim())?;
    let y = parse_arabic(&c["y"]).or_else(|| han_year(&c["y"]))?;
    let m = parse_arabic(&c["m"]).or_else(|| parse_han(&c["m"]))?;
    let d = parse_arabic(&c["d"]).or_else(|| parse_han(&c["d"]))?;
    ((1949..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `inline_hits` replaced: every match of the unanchored pattern
    /// in turn, kept where it opens a clause.
    fn inline_hits_by_search(
        re: &Regex,
        body: &str,
        from: usize,
    ) -> Vec<(MarkerKind, Range<usize>, Range<usize>)> {
        re.captures_iter(body)
            .map(|c| inline_hit(&c, 0))
            .filter(|h| h.whole.start >= from)
            .filter(|h| opens_clause(body[..h.whole.start].chars().next_back()))
            .map(|h| (h.kind, h.group, h.whole))
            .collect()
    }

    /// Trying only clause-opening positions finds what searching for every
    /// marker finds, on many strings made of the characters that matter.
    #[test]
    fn inline_markers_found_at_clause_openings_are_all_of_them() {
        let alphabet: Vec<char> = "一二三十是第其首先次再最后（）()，,、：:。；“ 　12０字的"
            .chars()
            .collect();
        let mut rng = crate::testing::Xorshift(0x9E37_79B9_7F4A_7C15);
        let re = Regex::new(INLINE_MARKER).unwrap();
        let mut markers = 0;
        for _ in 0..20_000 {
            let body = rng.string(&alphabet, 24);
            let from = if rng.next().is_multiple_of(4) {
                body.char_indices().nth(2).map_or(0, |(i, _)| i)
            } else {
                0
            };
            let fast: Vec<_> = inline_hits(&body, from)
                .into_iter()
                .map(|h| (h.kind, h.group, h.whole))
                .collect();
            assert_eq!(
                fast,
                inline_hits_by_search(&re, &body, from),
                "{body:?} from {from}"
            );
            markers += fast.len();
        }
        assert!(markers > 300, "the strings hold markers: {markers}");
    }

    #[test]
    fn dates() {
        assert_eq!(date_of_line("2023年3月15日"), Some((2023, 3, 15)));
        assert_eq!(date_of_line("二〇二三年三月十五日"), Some((2023, 3, 15)));
        assert_eq!(date_of_line("（2024年12月1日）"), Some((2024, 12, 1)));
        assert_eq!(date_of_line("X年X月X日"), None);
        assert_eq!(date_of_line("2023年3月15日召开会议"), None);
    }

    #[test]
    fn han_numbers_render() {
        assert_eq!(han_number(4), "四");
        assert_eq!(han_number(12), "十二");
        assert_eq!(han_number(30), "三十");
        assert_eq!(MarkerKind::ParenHan.render(3), "（三）");
    }
}
