//! Rule packs: the data behind the rules, read from the TOML files under
//! `rules/` that are embedded in the binary. Every pack entry may carry
//! `examples` (text that must fire) and `counter_examples` (must not fire);
//! `tests/suite/packs.rs` runs them all.

use crate::error::{parse, FileError};
use crate::lazy_regex::LazyRegex;
use crate::lexicon::Lexicon;
use crate::literals::Literals;
use serde::Deserialize;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

/// The embedded packs, as (file name, contents).
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "placeholders.toml",
        include_str!("../rules/placeholders.toml"),
    ),
    ("residue.toml", include_str!("../rules/residue.toml")),
    (
        "jurisdiction.toml",
        include_str!("../rules/jurisdiction.toml"),
    ),
    (
        "fixed-phrases.toml",
        include_str!("../rules/fixed-phrases.toml"),
    ),
    ("outdated.toml", include_str!("../rules/outdated.toml")),
    ("organs.toml", include_str!("../rules/organs.toml")),
];

/// The embedded genre templates, as (file name, contents).
pub const EMBEDDED_TEMPLATES: &[(&str, &str)] = &[
    (
        "templates/minzhu-shenghuohui-tongbao.toml",
        include_str!("../rules/templates/minzhu-shenghuohui-tongbao.toml"),
    ),
    (
        "templates/banzi-duizhao-jiancha.toml",
        include_str!("../rules/templates/banzi-duizhao-jiancha.toml"),
    ),
    (
        "templates/geren-duizhao-jiancha.toml",
        include_str!("../rules/templates/geren-duizhao-jiancha.toml"),
    ),
    // The general genres, most specific first: the first whose title
    // pattern matches is the document's genre.
    (
        "templates/shuzhi-shulian.toml",
        include_str!("../rules/templates/shuzhi-shulian.toml"),
    ),
    (
        "templates/huiyi-jiyao.toml",
        include_str!("../rules/templates/huiyi-jiyao.toml"),
    ),
    (
        "templates/gongzuo-zongjie.toml",
        include_str!("../rules/templates/gongzuo-zongjie.toml"),
    ),
    (
        "templates/shishi-fangan.toml",
        include_str!("../rules/templates/shishi-fangan.toml"),
    ),
    (
        "templates/jianghua.toml",
        include_str!("../rules/templates/jianghua.toml"),
    ),
    (
        "templates/qingshi.toml",
        include_str!("../rules/templates/qingshi.toml"),
    ),
    (
        "templates/pifu.toml",
        include_str!("../rules/templates/pifu.toml"),
    ),
    (
        "templates/han.toml",
        include_str!("../rules/templates/han.toml"),
    ),
    (
        "templates/tongbao.toml",
        include_str!("../rules/templates/tongbao.toml"),
    ),
    (
        "templates/tongzhi.toml",
        include_str!("../rules/templates/tongzhi.toml"),
    ),
    (
        "templates/yijian.toml",
        include_str!("../rules/templates/yijian.toml"),
    ),
    (
        "templates/baogao.toml",
        include_str!("../rules/templates/baogao.toml"),
    ),
];

/// A pattern that must match at least one character: one that can match
/// the empty string would report (or find a heading) at every position.
fn nonempty_regex(s: &str) -> Result<LazyRegex, String> {
    let re = LazyRegex::new(s).map_err(|e| e.to_string())?;
    let hir = regex_syntax::parse(s).map_err(|e| e.to_string())?;
    if hir.properties().minimum_len() == Some(0) {
        return Err(format!(
            "模式“{s}”可以匹配空字符串，会在每个位置报告：请改为至少匹配一个字符"
        ));
    }
    Ok(re)
}

fn de_regex<'de, D: serde::Deserializer<'de>>(d: D) -> Result<LazyRegex, D::Error> {
    let s = String::deserialize(d)?;
    nonempty_regex(&s).map_err(serde::de::Error::custom)
}

fn de_opt_regex<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<LazyRegex>, D::Error> {
    let s = Option::<String>::deserialize(d)?;
    s.map(|s| LazyRegex::new(&s).map_err(serde::de::Error::custom))
        .transpose()
}

/// A regex character-class body such as `A-Za-z0-9`, compiled to match one char.
fn de_class<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<LazyRegex>, D::Error> {
    let s = String::deserialize(d)?;
    if s.is_empty() {
        return Ok(None);
    }
    LazyRegex::new(&format!("^[{s}]$"))
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// Whether `c` is in an optional character class.
pub fn class_has(class: &Option<LazyRegex>, c: Option<char>) -> bool {
    match (class, c) {
        (Some(re), Some(c)) => re.is_match(c.encode_utf8(&mut [0; 4])),
        _ => false,
    }
}

fn de_regexes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<LazyRegex>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|s| nonempty_regex(s).map_err(serde::de::Error::custom))
        .collect()
}

/// Self-testing text attached to a pack entry.
///
/// Each entry type writes `examples` and `counter_examples` as its own
/// fields rather than through `#[serde(flatten)]`, so that a misspelt key
/// is reported at its line with the list of valid keys.
#[derive(Debug, Clone, Default)]
pub struct Specs {
    pub examples: Vec<String>,
    pub counter_examples: Vec<String>,
}

/// `specs()` for the entry types that carry examples.
macro_rules! with_specs {
    ($($t:ty),* $(,)?) => {
        $(impl $t {
            /// The entry's examples and counter-examples.
            pub fn specs(&self) -> Specs {
                Specs {
                    examples: self.examples.clone(),
                    counter_examples: self.counter_examples.clone(),
                }
            }
        })*
    };
}

with_specs!(
    Shape,
    AllowList,
    Meaning,
    ResidueEntry,
    Level,
    Jurisdiction,
    Organ,
    Organs,
    Phrase,
    FixedPhrases,
    Term,
    Outdated,
    Template,
    Section,
    Convention,
);

// ---- placeholders.toml ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shape {
    pub id: String,
    #[serde(deserialize_with = "de_regex")]
    pub pattern: LazyRegex,
    /// Characters that may not stand right before a match (a regex class body).
    #[serde(default, deserialize_with = "de_class")]
    pub not_before: Option<LazyRegex>,
    #[serde(default, deserialize_with = "de_class")]
    pub not_after: Option<LazyRegex>,
    /// Whether the shape applies in Markdown (where ** is emphasis).
    #[serde(default = "yes")]
    pub markdown: bool,
    /// A match shorter than this is a placeholder only when what follows
    /// tells what it stands for (a lone X before 年, 个, 同志…).
    #[serde(default)]
    pub min_len_without_meaning: usize,
    /// The shape is not used in documents this pattern matches.
    #[serde(default, deserialize_with = "de_opt_regex")]
    pub unless_document: Option<LazyRegex>,
    /// What the placeholder stands for when its neighbours do not say (年份
    /// for 〔20XX〕).
    #[serde(default)]
    pub what: Option<String>,
    /// A Word template's bracketed prompt ([此处输入正文内容]): the hint is
    /// what the prompt asks for.
    #[serde(default)]
    pub prompt: bool,
    /// Matches of the shape that this pattern matches are something else
    /// (（此处隐藏3826字） is a paywall's, not a prompt).
    #[serde(default, deserialize_with = "de_opt_regex")]
    pub unless: Option<LazyRegex>,
    /// The shape is a placeholder whatever stands around it (a blank line
    /// ＿＿ between spaces); other shapes need Chinese text beside them.
    #[serde(default)]
    pub standalone: bool,
    /// Text that must fire.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text that must not fire.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowList {
    #[serde(default)]
    pub words: Vec<String>,
    /// Text that must fire.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text that must not fire.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meaning {
    #[serde(default)]
    pub after: Vec<String>,
    #[serde(default)]
    pub before: Vec<String>,
    pub what: String,
    /// Text whose placeholder this meaning names: its message must end
    /// with `what`.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text where the placeholder is named otherwise.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placeholders {
    #[serde(default)]
    pub shape: Vec<Shape>,
    #[serde(default)]
    pub allow: AllowList,
    #[serde(default)]
    pub meaning: Vec<Meaning>,
}

// ---- residue.toml ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResidueEntry {
    pub id: String,
    #[serde(deserialize_with = "de_regex")]
    pub pattern: LazyRegex,
    pub what: String,
    /// Ordinary documents may say this too: alone on a long line it is not
    /// residue.
    #[serde(default)]
    pub weak: bool,
    /// Text that must fire.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text that must not fire.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Residue {
    #[serde(default)]
    pub residue: Vec<ResidueEntry>,
}

// ---- jurisdiction.toml ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub name: String,
    /// The character(s) used in self-references (自治区 says 全区); the name by default.
    #[serde(rename = "self", default)]
    pub self_ref: Option<String>,
    /// 1 省级, 2 地级, 3 县级, 4 乡级.
    pub tier: u8,
    /// Levels of the same tier: every self-reference form is wrong.
    pub siblings: Vec<String>,
    /// Levels below: only the possessive forms (我镇, 本县) are wrong.
    #[serde(default)]
    pub lower: Vec<String>,
    /// Places of this level whose names end like another level's
    /// (北京 of 北京市 is a 直辖市, not a 市).
    #[serde(default)]
    pub places: Vec<String>,
    /// Text that must fire.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text that must not fire.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

impl Level {
    /// The characters this level uses for itself: 县, or 区 for 自治区.
    pub fn self_chars(&self) -> &str {
        self.self_ref.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Jurisdiction {
    pub level: Vec<Level>,
    pub strong: Vec<String>,
    pub organ: Vec<String>,
    pub own: Vec<String>,
    pub organ_may_follow: String,
    pub organ_suffixes: Vec<String>,
    pub bureau_ends: Vec<String>,
    pub not_names: String,
    /// Words that hide a level's character (社区 over 区); add to them and
    /// to `not_levels` only through `add_words`, which keeps the index of
    /// `exception_words_around` true.
    pub exceptions: Vec<String>,
    pub not_levels: Vec<String>,
    /// Text that must fire.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text that must not fire.
    #[serde(default)]
    pub counter_examples: Vec<String>,
    /// The exception and non-level words, compiled on first use (and
    /// dropped whenever words are added).
    #[serde(skip)]
    word_index: OnceLock<WordIndex>,
}

impl Jurisdiction {
    pub fn level(&self, name: &str) -> Option<&Level> {
        self.level.iter().find(|l| l.name == name)
    }

    /// The level a self-reference character stands for (区 → 区, not 自治区).
    pub fn level_of_self(&self, chars: &str) -> Option<&Level> {
        self.level(chars)
            .or_else(|| self.level.iter().find(|l| l.self_chars() == chars))
    }

    /// The exception and non-level words that occur over (part of) `r` in
    /// `text` — found in one pass over a small window around it; the others
    /// cannot cover it — and every empty word.
    pub fn exception_words_around(&self, text: &str, r: &Range<usize>) -> Vec<&String> {
        let index = self.word_index.get_or_init(|| {
            let words = self.exceptions.iter().chain(&self.not_levels);
            let (mut ids, mut empty, mut listed) = (Vec::new(), Vec::new(), Vec::new());
            for (i, w) in words.enumerate() {
                if w.is_empty() {
                    empty.push(i as u32);
                } else {
                    ids.push(i as u32);
                    listed.push(w.as_str());
                }
            }
            WordIndex {
                longest: listed.iter().map(|w| w.len()).max().unwrap_or(0),
                words: Literals::new(&listed),
                ids,
                empty,
            }
        });
        let lo = text.floor_char_boundary(r.start.saturating_sub(index.longest));
        let hi = text.ceil_char_boundary((r.end + index.longest).min(text.len()));
        let mut found: Vec<u32> = index.empty.clone();
        index.words.for_each(&text[lo..hi], |k, at| {
            if lo + at.start < r.end && lo + at.end > r.start {
                found.push(index.ids[k]);
            }
        });
        found.sort_unstable();
        found.dedup();
        let n = self.exceptions.len();
        let word = |i: usize| match i.checked_sub(n) {
            None => &self.exceptions[i],
            Some(j) => &self.not_levels[j],
        };
        found.iter().map(|&i| word(i as usize)).collect()
    }

    /// Add exception and non-level words (the index is rebuilt on next use).
    fn add_words(
        &mut self,
        exceptions: impl IntoIterator<Item = String>,
        not_levels: impl IntoIterator<Item = String>,
    ) {
        self.exceptions.extend(exceptions);
        self.not_levels.extend(not_levels);
        self.word_index = OnceLock::new();
    }

    /// The level of a named place: 北京市 is a 直辖市, 长沙市 a 市.
    pub fn level_of_place<'a>(&'a self, place: &str, named: &'a Level) -> &'a Level {
        let name = place.strip_suffix(named.name.as_str()).unwrap_or(place);
        self.level
            .iter()
            .find(|l| l.places.iter().any(|p| p == name))
            .unwrap_or(named)
    }
}

/// A level pack's exception words, then its non-level words, searched
/// together (numbered in that order).
#[derive(Debug)]
struct WordIndex {
    /// The non-empty words.
    words: Literals,
    /// For each of `words`, its number.
    ids: Vec<u32>,
    /// The empty words (they match everywhere).
    empty: Vec<u32>,
    /// The length in bytes of the longest word.
    longest: usize,
}

// ---- organs.toml ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organ {
    pub name: String,
    /// The character the organ uses for itself: 局 (我局), 委 (本委).
    #[serde(rename = "self")]
    pub self_ref: String,
    /// Matches the end of an organ's name.
    #[serde(deserialize_with = "de_regex")]
    pub suffix: LazyRegex,
    /// Whether its documents are checked by `mixed-organ` (an office writes
    /// for its organ and may say 我局).
    #[serde(default = "yes")]
    pub check: bool,
    /// Text that must fire.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text that must not fire.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Organs {
    pub holders: Vec<String>,
    pub own: Vec<String>,
    pub checked: Vec<String>,
    pub bodies: Vec<String>,
    /// Parts of an organ named after it (局机关): wrong after another
    /// organ's character.
    pub parts: Vec<String>,
    pub organ: Vec<Organ>,
    /// Text that must fire.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text that must not fire.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

impl Organs {
    pub fn organ(&self, name: &str) -> Option<&Organ> {
        self.organ.iter().find(|o| o.name == name)
    }
}

// ---- fixed-phrases.toml ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    pub name: String,
    /// The fixed members, in their canonical order. A member may give
    /// alternative wordings separated by `|`; any of them counts.
    #[serde(default)]
    pub members: Vec<String>,
    /// What fixes the members (a congress report, the Party Constitution…).
    #[serde(default)]
    pub source: Option<String>,
    /// Text that must fire.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text that must not fire.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

impl Phrase {
    /// Each member's alternative wordings.
    pub fn member_forms(&self) -> impl Iterator<Item = Vec<&str>> {
        self.members.iter().map(|m| m.split('|').collect())
    }

    /// How a member is written in messages: its first wording.
    pub fn member_name(m: &str) -> &str {
        m.split('|').next().unwrap_or(m)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedPhrases {
    #[serde(default)]
    pub phrase: Vec<Phrase>,
    /// Nouns that make a count announce a list when a paragraph ends with
    /// it (……主要有三个方面：, 提出四点要求。) — for `count-mismatch`.
    #[serde(default)]
    pub list_nouns: Vec<String>,
    /// Text that must fire.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text that must not fire.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

// ---- outdated.toml ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    /// First date (YYYY-MM-DD) on which the term is outdated.
    #[serde(deserialize_with = "de_date")]
    pub since: (u32, u32, u32),
    pub current: String,
    /// A drop-in substitute, offered as an unsafe fix.
    #[serde(default)]
    pub replacement: Option<String>,
    pub why: String,
    /// Reported only in a document that carries its own date: the term was
    /// current for years, so an undated draft may well be that old.
    #[serde(default)]
    pub dated_only: bool,
    /// Text that must fire.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text that must not fire.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

fn de_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<(u32, u32, u32), D::Error> {
    let s = String::deserialize(d)?;
    parse_date(&s).ok_or_else(|| serde::de::Error::custom(format!("不是 YYYY-MM-DD 日期：{s}")))
}

/// Parse `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let mut it = s.trim().splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (it.next()??, it.next()??, it.next()??);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outdated {
    #[serde(default)]
    pub term: Vec<Term>,
    /// Words after a term that show it is history, not current usage
    /// (环保局更名为…).
    #[serde(default)]
    pub history_words: Vec<String>,
    /// Text that must fire.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text that must not fire.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

// ---- templates/*.toml ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub name: String,
    #[serde(default)]
    pub optional: bool,
    #[serde(deserialize_with = "de_regexes")]
    pub headings: Vec<LazyRegex>,
    #[serde(default, deserialize_with = "de_regexes")]
    pub exclude: Vec<LazyRegex>,
    /// Documents of the genre whose `required-section` finding names this
    /// section: missing, or for an optional section out of order.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Documents of the genre with this section in place: no finding.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub name: String,
    #[serde(deserialize_with = "de_regex")]
    pub title: LazyRegex,
    #[serde(default, deserialize_with = "de_opt_regex")]
    pub title_exclude: Option<LazyRegex>,
    #[serde(default)]
    pub section: Vec<Section>,
    /// The genre's conventions, checked by `genre-convention`.
    #[serde(default)]
    pub convention: Vec<Convention>,
    /// Text that must fire.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text that must not fire.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

/// What a genre convention checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConventionKind {
    /// The last paragraph of the body matches `pattern` (妥否，请批示).
    Closing,
    /// No paragraph of the body matches `pattern` (请批示 in a 报告).
    Forbidden,
    /// `pattern` matches at most once in the body (一文一事).
    Once,
    /// Some paragraph matches `pattern` (the salutation of a speech).
    Present,
    /// The title does not match `pattern`.
    TitleForbidden,
    /// The title ends without punctuation.
    TitlePunct,
    /// The 主送机关 line ends with a full-width colon.
    Addressee,
}

/// How serious a breach of a convention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConventionLevel {
    /// The standard says 应 (shall).
    Error,
    /// The standard says 一般 (usually), or it is established practice.
    Warning,
}

/// One convention of a genre, with the clause it enforces.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Convention {
    pub id: String,
    pub kind: ConventionKind,
    #[serde(default, deserialize_with = "de_opt_regex")]
    pub pattern: Option<LazyRegex>,
    pub severity: ConventionLevel,
    /// What is wrong and what to do, shown to users.
    pub message: String,
    /// The clause it enforces (GB/T 9704-2012 7.3.2, 条例第十五条…).
    pub basis: String,
    /// Text that must fire.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text that must not fire.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

impl Template {
    pub fn matches_title(&self, title: &str) -> bool {
        self.title.is_match(title)
            && !self
                .title_exclude
                .as_ref()
                .is_some_and(|re| re.is_match(title))
    }
}

/// All rule data.
#[derive(Debug)]
pub struct Packs {
    pub placeholders: Placeholders,
    pub residue: Residue,
    pub jurisdiction: Jurisdiction,
    pub fixed_phrases: FixedPhrases,
    pub outdated: Outdated,
    pub organs: Organs,
    pub templates: Vec<Template>,
    /// Word-list rules declared as data (`lexicon/*.toml`).
    pub lexicon: Lexicon,
}

/// A pack that failed to load, naming the file, line and entry.
pub type PackError = FileError;

/// A template, with each convention checked to carry the pattern its kind needs.
fn parse_template(file: &str, text: &str) -> Result<Template, PackError> {
    let t: Template = parse(file, text)?;
    let patternless = [ConventionKind::TitlePunct, ConventionKind::Addressee];
    for c in &t.convention {
        if c.pattern.is_none() && !patternless.contains(&c.kind) {
            let span = text
                .find(&format!("\"{}\"", c.id))
                .map(|i| i..i + c.id.len() + 2);
            return Err(FileError::at(
                file,
                text,
                span,
                format!("惯例“{}”缺少 pattern（这一种类的惯例需要正则表达式）", c.id),
            ));
        }
    }
    Ok(t)
}

impl Packs {
    /// Load the packs embedded in the binary, their patterns compiled on
    /// first use (see `lazy_regex`).
    pub fn embedded() -> Result<Packs, PackError> {
        crate::lazy_regex::deferred(Packs::parse_embedded)
    }

    /// Load the packs embedded in the binary.
    fn parse_embedded() -> Result<Packs, PackError> {
        let find = |name: &str| {
            EMBEDDED
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(n, t)| (*n, *t))
                .expect("embedded pack list is complete")
        };
        let (f, t) = find("placeholders.toml");
        let placeholders = parse(f, t)?;
        let (f, t) = find("residue.toml");
        let residue = parse(f, t)?;
        let (f, t) = find("jurisdiction.toml");
        let jurisdiction = parse(f, t)?;
        let (f, t) = find("fixed-phrases.toml");
        let fixed_phrases = parse(f, t)?;
        let (f, t) = find("outdated.toml");
        let outdated = parse(f, t)?;
        let (f, t) = find("organs.toml");
        let organs = parse(f, t)?;
        let templates = EMBEDDED_TEMPLATES
            .iter()
            .map(|(f, t)| parse_template(f, t))
            .collect::<Result<_, _>>()?;
        Ok(Packs {
            placeholders,
            residue,
            jurisdiction,
            fixed_phrases,
            outdated,
            organs,
            templates,
            lexicon: Lexicon::embedded()?,
        })
    }

    /// The embedded packs, loaded once per process. They are tested, so a
    /// failure here is a build defect.
    pub fn builtin() -> &'static Packs {
        static PACKS: OnceLock<Packs> = OnceLock::new();
        PACKS.get_or_init(|| Packs::embedded().unwrap_or_else(|e| panic!("{e}")))
    }

    pub fn template(&self, name: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.name == name)
    }

    /// A level name the user gave, checked; the error lists the known ones.
    pub fn check_level(&self, name: &str) -> Result<(), String> {
        if self.jurisdiction.level(name).is_some() {
            return Ok(());
        }
        let known: Vec<&str> = self
            .jurisdiction
            .level
            .iter()
            .map(|l| l.name.as_str())
            .collect();
        Err(format!("未知的层级“{name}”，可选：{}", known.join("、")))
    }

    /// An organ type the user gave, checked; the error lists the known ones.
    pub fn check_organ(&self, name: &str) -> Result<(), String> {
        if self.organs.organ(name).is_some() {
            return Ok(());
        }
        let known: Vec<&str> = self.organs.organ.iter().map(|o| o.name.as_str()).collect();
        Err(format!(
            "未知的机关类型“{name}”，可选：{}",
            known.join("、")
        ))
    }

    /// A template name the user gave, checked; the error lists the known ones.
    pub fn check_template(&self, name: &str) -> Result<(), String> {
        if self.template(name).is_some() {
            return Ok(());
        }
        let known: Vec<&str> = self.templates.iter().map(|t| t.name.as_str()).collect();
        Err(format!("未知的模板“{name}”，可选：{}", known.join("、")))
    }

    /// Add the packs found in a user's rule directory: files named like the
    /// embedded ones (any of them may be missing or partial), and
    /// `templates/*.toml`. Their entries are added to the embedded ones.
    pub fn extend_from_dir(&mut self, dir: &Path) -> Result<(), PackError> {
        let read = |name: &str| -> Result<Option<(String, String)>, PackError> {
            let p = dir.join(name);
            match std::fs::read_to_string(&p) {
                Ok(t) => Ok(Some((p.display().to_string(), t))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(FileError::at(
                    &p.display().to_string(),
                    "",
                    None,
                    format!("无法读取：{e}"),
                )),
            }
        };
        if !dir.is_dir() {
            return Err(FileError::at(
                &dir.display().to_string(),
                "",
                None,
                "规则目录不存在",
            ));
        }
        if let Some((f, t)) = read("placeholders.toml")? {
            let p: Placeholders = parse(&f, &t)?;
            self.placeholders.shape.extend(p.shape);
            self.placeholders.allow.words.extend(p.allow.words);
            self.placeholders.meaning.extend(p.meaning);
        }
        if let Some((f, t)) = read("residue.toml")? {
            let r: Residue = parse(&f, &t)?;
            self.residue.residue.extend(r.residue);
        }
        if let Some((f, t)) = read("jurisdiction.toml")? {
            let j: Jurisdiction = parse(&f, &t)?;
            self.jurisdiction.level.extend(j.level);
            self.jurisdiction.strong.extend(j.strong);
            self.jurisdiction.organ.extend(j.organ);
            self.jurisdiction.own.extend(j.own);
            self.jurisdiction.organ_suffixes.extend(j.organ_suffixes);
            self.jurisdiction.bureau_ends.extend(j.bureau_ends);
            self.jurisdiction.not_names.push_str(&j.not_names);
            self.jurisdiction
                .organ_may_follow
                .push_str(&j.organ_may_follow);
            self.jurisdiction.add_words(j.exceptions, j.not_levels);
        }
        if let Some((f, t)) = read("organs.toml")? {
            let o: Organs = parse(&f, &t)?;
            self.organs.holders.extend(o.holders);
            self.organs.own.extend(o.own);
            self.organs.checked.extend(o.checked);
            self.organs.bodies.extend(o.bodies);
            self.organs.parts.extend(o.parts);
            self.organs.organ.extend(o.organ);
        }
        if let Some((f, t)) = read("fixed-phrases.toml")? {
            let p: FixedPhrases = parse(&f, &t)?;
            self.fixed_phrases.phrase.extend(p.phrase);
            self.fixed_phrases.list_nouns.extend(p.list_nouns);
        }
        if let Some((f, t)) = read("outdated.toml")? {
            let o: Outdated = parse(&f, &t)?;
            self.outdated.term.extend(o.term);
            self.outdated.history_words.extend(o.history_words);
        }
        report_unknown_files(dir)?;
        for p in toml_files(&dir.join("lexicon")) {
            let name = p.strip_prefix(dir).unwrap_or(&p).display().to_string();
            if let Some((f, t)) = read(&name)? {
                let pack = crate::lexicon::parse(&f, &t)?;
                self.lexicon.add(pack, &f, &t)?;
            }
        }
        if let Ok(entries) = std::fs::read_dir(dir.join("templates")) {
            let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            for p in files
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            {
                let name = p.strip_prefix(dir).unwrap_or(p).display().to_string();
                if let Some((f, t)) = read(&name)? {
                    self.templates.push(parse_template(&f, &t)?);
                }
            }
        }
        Ok(())
    }

    /// Small extensions from `gwlint.toml` that need no pack of their own.
    pub fn extend_words(&mut self, allow: &[String], residue: &[String], exceptions: &[String]) {
        self.placeholders.allow.words.extend(allow.iter().cloned());
        for phrase in residue {
            self.residue.residue.push(ResidueEntry {
                id: format!("gwlint.toml: {phrase}"),
                pattern: LazyRegex::new(&regex::escape(phrase))
                    .expect("an escaped literal is a valid regex"),
                what: "本单位配置的残留文字".to_string(),
                weak: false,
                examples: Vec::new(),
                counter_examples: Vec::new(),
            });
        }
        self.jurisdiction
            .add_words(exceptions.iter().cloned(), Vec::new());
    }
}

/// The pack files gwlint reads from a rule directory.
const KNOWN_FILES: &[&str] = &[
    "placeholders.toml",
    "residue.toml",
    "jurisdiction.toml",
    "organs.toml",
    "fixed-phrases.toml",
    "outdated.toml",
];

/// The `.toml` files directly in `dir`, sorted; none when it does not exist.
fn toml_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    files
}

/// A file in a rule directory that gwlint would not read is a mistake (a
/// misspelt pack name, a pack in the wrong folder): report it.
fn report_unknown_files(dir: &Path) -> Result<(), PackError> {
    let unknown = |p: &Path, what: &str| {
        FileError::at(
            &p.display().to_string(),
            "",
            None,
            format!(
                "无法识别的规则文件（{what}）。规则目录中可以有：{}、templates/*.toml、lexicon/*.toml",
                KNOWN_FILES.join("、")
            ),
        )
    };
    let hidden = |p: &Path| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
    };
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.sort();
    for p in entries.iter().filter(|p| !hidden(p)) {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if name != "templates" && name != "lexicon" {
                return Err(unknown(p, "未知的目录"));
            }
            let mut inner: Vec<_> = std::fs::read_dir(p)
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            inner.sort();
            if let Some(bad) = inner
                .iter()
                .find(|q| !hidden(q) && (q.is_dir() || q.extension().is_none_or(|e| e != "toml")))
            {
                return Err(unknown(bad, "这里只读取 .toml 文件"));
            }
        } else if !KNOWN_FILES.contains(&name) {
            return Err(unknown(p, "文件名不是 gwlint 的规则包"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded packs are loaded with their patterns compiled on first
    /// use; loaded eagerly, every pattern of every pack compiles.
    #[test]
    fn every_embedded_pattern_compiles() {
        let eager = Packs::parse_embedded().unwrap();
        assert!(eager
            .placeholders
            .shape
            .iter()
            .all(|s| s.pattern.is_compiled()));
        assert!(eager.templates.iter().all(|t| t.title.is_compiled()));
        let deferred = Packs::embedded().unwrap();
        assert!(deferred
            .residue
            .residue
            .iter()
            .all(|e| !e.pattern.is_compiled()));
    }

    #[test]
    fn patterns_matching_the_empty_string_are_refused() {
        for bad in ["", "X*", "(?m)^", r"\b", "(某某)?", "a|"] {
            assert!(nonempty_regex(bad).is_err(), "{bad:?} was accepted");
        }
        for good in ["X+", "某某", r"\bXX\b", "[×Ｘ]{2,}"] {
            assert!(nonempty_regex(good).is_ok(), "{good:?} was refused");
        }
        assert!(nonempty_regex("(").unwrap_err().contains("unclosed"));
    }

    /// A user's pack with one misspelt key, loaded from a rule directory:
    /// the error line (`file:line:col: message`).
    fn misspelt(file: &str, text: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        let mut packs = Packs::embedded().unwrap();
        let e = packs.extend_from_dir(dir.path()).unwrap_err();
        assert_eq!(e.file, path.display().to_string());
        e.to_string().lines().next().unwrap().to_string()
    }

    #[test]
    fn a_misspelt_key_is_named_at_its_line_with_the_valid_keys() {
        // (file, text, line of the misspelt key, a valid key listed)
        let cases = [
            ("placeholders.toml", "[[shape]]\nid = \"a\"\npattern = \"QQ\"\nnot_befor = \"a\"\n", 4, "`not_before`"),
            ("placeholders.toml", "[allow]\nword = [\"X型\"]\n", 2, "`words`"),
            ("residue.toml", "[[residue]]\nid = \"a\"\npattern = \"QQ\"\nwhat = \"x\"\nweek = true\n", 5, "`weak`"),
            ("jurisdiction.toml", "[[level]]\nname = \"X\"\ntier = 3\nsiblngs = []\n", 4, "`siblings`"),
            ("organs.toml", "[[organ]]\nname = \"X\"\nself = \"x\"\nsuffix = \"x$\"\nchek = true\n", 5, "`check`"),
            ("fixed-phrases.toml", "[[phrase]]\nname = \"三个务必\"\nmember = [\"a\"]\n", 3, "`members`"),
            ("outdated.toml", "[[term]]\nterm = \"甲\"\nsince = \"2020-01-01\"\ncurrent = \"乙\"\nwhy = \"x\"\nexampels = [\"甲\"]\n", 6, "`examples`"),
            ("outdated.toml", "histroy_words = [\"x\"]\n", 1, "`history_words`"),
            ("templates/a.toml", "name = \"a\"\ntitle = \"a\"\n[[section]]\nname = \"b\"\nheadings = [\"b\"]\noptinal = true\n", 6, "`optional`"),
            ("templates/a.toml", "name = \"a\"\ntitle = \"a\"\n[[convention]]\nid = \"c\"\nkind = \"closing\"\npattern = \"a\"\nseverity = \"error\"\nmessage = \"m\"\nbasis = \"b\"\nexample = [\"a\"]\n", 10, "`counter_examples`"),
            ("lexicon/x.toml", "id = \"my\"\nsummary = \"s\"\n[[entry]]\nwrong = \"甲\"\nrigth = \"乙\"\n", 5, "`right`"),
        ];
        for (file, text, line, valid) in cases {
            let first = misspelt(file, text);
            assert!(
                first.contains(&format!("{file}:{line}:1: 未知的键")),
                "{file}: {first}"
            );
            assert!(first.contains(valid), "{file}: {first}");
        }
    }

    #[test]
    fn a_pack_file_of_an_unknown_name_is_refused() {
        let first = misspelt("outdate.toml", "[[term]]\n");
        assert!(first.contains("outdate.toml"), "{first}");
        assert!(
            first.contains("outdated.toml"),
            "lists the known files: {first}"
        );
    }

    #[test]
    fn every_meaning_names_the_placeholders_of_its_examples() {
        let options = crate::config::Options {
            select: vec!["placeholder".to_string()],
            as_of: Some((2026, 11, 28)),
            ..crate::config::Options::default()
        };
        let named = |text: &str, what: &str| {
            let (_, diags) = crate::lint_text("example.txt", text, &options);
            let suffix = format!("此处应填入实际的{what}");
            let messages: Vec<String> = diags.into_iter().map(|d| d.message).collect();
            (messages.iter().any(|m| m.ends_with(&suffix)), messages)
        };
        let mut checked = 0;
        for m in &Packs::builtin().placeholders.meaning {
            assert!(!m.examples.is_empty(), "meaning {} has no example", m.what);
            for ex in &m.examples {
                let (hit, messages) = named(ex, &m.what);
                assert!(hit, "{ex}: not named {}: {messages:?}", m.what);
                checked += 1;
            }
            for ex in &m.counter_examples {
                let (hit, messages) = named(ex, &m.what);
                assert!(!hit, "{ex}: named {}: {messages:?}", m.what);
                assert!(!messages.is_empty(), "{ex}: still a placeholder");
                checked += 1;
            }
        }
        assert!(checked >= 14, "{checked}");
    }
}
