//! Errors in configuration and rule-pack files (crate-wide: configuration,
//! packs and lexicon packs all report through it), shown with the file, line,
//! column and a caret under the offending text.

use std::fmt;
use std::ops::Range;

/// A problem in a TOML file the user wrote (or a pack they added).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub file: String,
    pub message: String,
    /// 1-based line and column (in characters), and the line's text.
    pub location: Option<(usize, usize, String)>,
    /// How many characters the caret covers.
    pub width: usize,
}

impl FileError {
    /// An error at a byte span of `text`.
    pub fn at(
        file: &str,
        text: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        let location = span.as_ref().map(|s| {
            let start = s.start.min(text.len());
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            let line_no = text[..start].matches('\n').count() + 1;
            let col = text[line_start..start].chars().count() + 1;
            (
                line_no,
                col,
                text[line_start..line_end]
                    .trim_end_matches('\r')
                    .to_string(),
            )
        });
        let width = span
            .map(|s| {
                let end = s.end.min(text.len()).max(s.start.min(text.len()));
                let seg = &text[s.start.min(text.len())..end];
                seg.split('\n').next().unwrap_or("").chars().count().max(1)
            })
            .unwrap_or(1);
        FileError {
            file: file.to_string(),
            message: message.into(),
            location,
            width,
        }
    }

    /// From a TOML parse or schema error.
    pub fn from_toml(file: &str, text: &str, e: &toml::de::Error) -> Self {
        FileError::at(file, text, e.span(), translate(e.message()))
    }
}

/// Parse a pack or configuration file, locating any error at its line and
/// naming the entry it belongs to.
pub fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, FileError> {
    toml::from_str(text).map_err(|e| {
        let mut err = FileError::from_toml(file, text, &e);
        // Name the entry: the nearest `id`/`term`/`name` line above the error.
        if let Some(span) = e.span() {
            let entry = text[..span.start.min(text.len())]
                .lines()
                .rev()
                .find_map(|l| {
                    let l = l.trim();
                    ["id", "term", "name", "wrong"].iter().find_map(|k| {
                        l.strip_prefix(k)?
                            .trim_start()
                            .strip_prefix('=')
                            .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
                    })
                });
            if let Some(entry) = entry {
                err.message = format!("{}（条目：{entry}）", err.message);
            }
        }
        err
    })
}

/// Make serde's English messages readable for Chinese users, keeping the
/// technical part.
fn translate(message: &str) -> String {
    let m = message.trim();
    if m.starts_with("regex parse error") {
        let last = m.lines().last().unwrap_or(m).trim();
        return format!("正则表达式有误：{}", last.trim_start_matches("error: "));
    }
    if let Some(rest) = m.strip_prefix("unknown field ") {
        // unknown field `x`, expected one of `a`, `b`
        let (field, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches(" one of").trim();
        return format!("未知的键 {field}，可用的键：{expected}");
    }
    if let Some(rest) = m.strip_prefix("missing field ") {
        return format!("缺少必填的键 {rest}");
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        return format!("类型不对：{rest}");
    }
    if let Some(rest) = m.strip_prefix("unknown variant ") {
        return format!("不支持的取值 {rest}");
    }
    if m.starts_with("invalid") || m.starts_with("expected") || m.starts_with("unexpected") {
        return format!("TOML 语法错误：{m}");
    }
    m.to_string()
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some((line, col, text)) => {
                writeln!(f, "{}:{line}:{col}: {}", self.file, self.message)?;
                let gutter = line.to_string().len();
                writeln!(f, "{:gutter$} |", "")?;
                writeln!(f, "{line} | {text}")?;
                // Wide characters take two columns on a terminal.
                let pad: usize = text
                    .chars()
                    .take(col - 1)
                    .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
                    .sum();
                let caret: usize = text
                    .chars()
                    .skip(col - 1)
                    .take(self.width)
                    .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(1))
                    .sum();
                write!(
                    f,
                    "{:gutter$} | {:pad$}{}",
                    "",
                    "",
                    "^".repeat(caret.max(1))
                )
            }
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_under_the_span() {
        let text = "level = \"县\"\n[rules]\nplaceholdr = \"off\"\n";
        let start = text.find("placeholdr").unwrap();
        let e = FileError::at("gwlint.toml", text, Some(start..start + 10), "未知的规则");
        assert_eq!(
            e.to_string(),
            "gwlint.toml:3:1: 未知的规则\n  |\n3 | placeholdr = \"off\"\n  | ^^^^^^^^^^"
        );
    }
}
