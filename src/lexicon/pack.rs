//! The schema of a lexicon pack and the context conditions of its entries.

use crate::diag::Severity;
use crate::error::FileError;
use crate::lazy_regex::LazyRegex;
use serde::Deserialize;
use std::ops::Range;

/// A whole rule as data: its header, then its words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconPack {
    /// The rule id (kebab-case), as used in `--select`, `[rules]` and
    /// suppression comments.
    pub id: String,
    /// Default severity: "error" or "warning".
    #[serde(default)]
    pub severity: Option<PackSeverity>,
    /// One line for `gwlint rules`.
    #[serde(default)]
    pub summary: Option<String>,
    /// What a finding is called in messages (错别字, 异形词).
    #[serde(default)]
    pub label: Option<String>,
    /// The rule's documentation, shown by `gwlint explain`.
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub entry: Vec<Entry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PackSeverity {
    Error,
    Warning,
}

/// Whether a finding's replacement may be applied by `--fix`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixKind {
    /// Applied by `--fix`.
    Safe,
    /// Applied only with `--unsafe-fixes`.
    Unsafe,
    /// Only named in the message.
    None,
}

/// One word a rule reports.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The word to report.
    pub wrong: String,
    /// What to write instead.
    #[serde(default)]
    pub right: Option<String>,
    /// Why it is wrong, shown in the message.
    #[serde(default)]
    pub why: Option<String>,
    /// Report only when the text right after the word matches this regex
    /// (e.g. a date after 截止).
    #[serde(default, deserialize_with = "de_anchored")]
    pub followed_by: Option<LazyRegex>,
    /// Do not report when the word is followed by one of these.
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    /// Do not report when the word is preceded by one of these.
    #[serde(default)]
    pub not_preceded_by: Vec<String>,
    /// Report even when the word straddles two words of the segmentation
    /// (by default 按排名 is 按 + 排名, not 按排). Words of four or more
    /// characters are always reported.
    #[serde(default)]
    pub inside_words: bool,
    /// Override the fix's applicability (default: safe when the entry has a
    /// replacement and no context conditions, unsafe with conditions).
    #[serde(default)]
    pub fix: Option<FixKind>,
    /// Text that must be reported.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Text that must not be reported.
    #[serde(default)]
    pub counter_examples: Vec<String>,
    /// The pack file the entry was read from.
    #[serde(skip)]
    pub origin: String,
}

fn de_anchored<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<LazyRegex>, D::Error> {
    let s = String::deserialize(d)?;
    LazyRegex::new(&format!("^(?:{s})"))
        .map(Some)
        .map_err(serde::de::Error::custom)
}

impl LexiconPack {
    pub fn severity(&self) -> Severity {
        match self.severity {
            Some(PackSeverity::Warning) => Severity::Warning,
            _ => Severity::Error,
        }
    }

    pub fn label(&self) -> &str {
        self.label.as_deref().unwrap_or("不规范用语")
    }

    /// A pack that declares a new rule must say what the rule is.
    pub(super) fn require_header(&self, file: &str, text: &str) -> Result<(), FileError> {
        let missing: Vec<&str> = [
            ("severity", self.severity.is_none()),
            ("summary", self.summary.is_none()),
            ("doc", self.doc.is_none()),
        ]
        .iter()
        .filter(|(_, m)| *m)
        .map(|(k, _)| *k)
        .collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(FileError::at(
            file,
            text,
            find_value(text, &self.id),
            format!(
                "新规则“{}”缺少 {}（声明新规则需要 id、severity、summary、doc）",
                self.id,
                missing.join("、")
            ),
        ))
    }
}

impl Entry {
    /// Whether the entry has conditions on its context.
    pub fn conditional(&self) -> bool {
        self.followed_by.is_some()
            || !self.not_followed_by.is_empty()
            || !self.not_preceded_by.is_empty()
    }

    /// How its replacement may be applied.
    pub fn fix_kind(&self) -> FixKind {
        match (self.fix, &self.right) {
            (_, None) => FixKind::None,
            (Some(k), _) => k,
            (None, Some(_)) if self.conditional() => FixKind::Unsafe,
            (None, Some(_)) => FixKind::Safe,
        }
    }

    /// Whether the word found at `range` of `text` is reported, given its
    /// context; `tokens` are the segmentation's words that overlap `range`.
    pub fn applies(
        &self,
        text: &str,
        tokens: impl Iterator<Item = Range<usize>>,
        range: Range<usize>,
    ) -> bool {
        let before = &text[..range.start];
        let after = &text[range.end..];
        if self
            .followed_by
            .as_ref()
            .is_some_and(|re| !re.is_match(after))
        {
            return false;
        }
        if self
            .not_followed_by
            .iter()
            .any(|s| after.starts_with(s.as_str()))
        {
            return false;
        }
        if self
            .not_preceded_by
            .iter()
            .any(|s| before.ends_with(s.as_str()))
        {
            return false;
        }
        // A misspelt idiom of four or more characters confuses the
        // segmentation (直接了当 → 直接/了/当地) and stands for nothing else.
        self.inside_words || self.wrong.chars().count() >= 4 || !cuts_a_word(text, tokens, range)
    }
}

/// Whether a word of two or more characters from the segmentation starts
/// or ends strictly inside `range` while reaching out of it: then the range
/// straddles two words (按排名 is 按 + 排名) and is no word of its own. A
/// token that holds the whole range does not count: jieba's dictionary
/// holds common misspellings (侯选人, 银行帐号) as words.
fn cuts_a_word(
    text: &str,
    mut tokens: impl Iterator<Item = Range<usize>>,
    range: Range<usize>,
) -> bool {
    tokens.any(|t| {
        let crosses_start = t.start < range.start && t.end < range.end;
        let crosses_end = t.start > range.start && t.end > range.end;
        (crosses_start || crosses_end) && text[t].chars().nth(1).is_some()
    })
}

/// Where `"value"` is written in a pack's text, for errors about it.
pub fn find_value(text: &str, value: &str) -> Option<Range<usize>> {
    let quoted = format!("\"{value}\"");
    text.find(&quoted).map(|i| i..i + quoted.len())
}

/// Parse and check one pack file.
pub fn parse(file: &str, text: &str) -> Result<LexiconPack, FileError> {
    let mut pack: LexiconPack = crate::error::parse(file, text)?;
    for e in &mut pack.entry {
        e.origin = file.to_string();
    }
    let at = |v: &str, msg: String| FileError::at(file, text, find_value(text, v), msg);
    let kebab = !pack.id.is_empty()
        && pack
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !kebab {
        return Err(at(
            &pack.id,
            format!("规则编号“{}”应由小写英文字母、数字和“-”组成", pack.id),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for e in &pack.entry {
        if e.wrong.trim().is_empty() {
            return Err(FileError::at(
                file,
                text,
                text.find("wrong").map(|i| i..i + 5),
                "词条的 wrong 不能为空",
            ));
        }
        if e.right.as_deref() == Some(e.wrong.as_str()) {
            return Err(at(
                &e.wrong,
                format!("词条“{}”的 right 与 wrong 相同", e.wrong),
            ));
        }
        if !seen.insert(e.wrong.as_str()) {
            let first = find_value(text, &e.wrong).map_or(0, |r| r.end);
            let span = text[first..]
                .find(&format!("\"{}\"", e.wrong))
                .map(|i| first + i..first + i + e.wrong.len() + 2);
            return Err(FileError::at(
                file,
                text,
                span,
                format!("词条“{}”重复", e.wrong),
            ));
        }
    }
    Ok(pack)
}
