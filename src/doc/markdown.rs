//! Markdown: what is not prose (front matter, code, HTML comments, link
//! targets, URLs) is masked out before anything is analysed.
//!
//! Masking replaces each character with a blank of the same UTF-8 length,
//! so byte offsets and character columns are the same in the masked text
//! as in the original, and diagnostics point at the original.

use regex::Regex;
use std::sync::OnceLock;

/// A blank character with the same UTF-8 length as `c`.
fn blank_for(c: char) -> char {
    match c.len_utf8() {
        1 => ' ',
        2 => '\u{A0}',
        3 => '\u{3000}',
        _ => '\u{E0020}',
    }
}

fn blank(out: &mut String, text: &str, from: usize, to: usize) {
    for c in text[from..to].chars() {
        out.push(if c == '\n' || c == '\r' {
            c
        } else {
            blank_for(c)
        });
    }
}

fn spans_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?s)<!--.*?-->", // HTML comments, may span lines
            // fenced code, CRLF or LF; an unclosed fence runs to the end
            r"|(?m)^[ ]{0,3}(?:```|~~~)[^\n]*(?:\n|\z)(?s:.*?)(?:(?m:^[ ]{0,3}(?:```|~~~)[ \t]*\r?$)|\z)",
            r"|`[^`\n]+`",     // inline code
            r"|\]\([^)\n]*\)", // link and image targets
            r"|<(?:https?|mailto):[^>\s]*>", // autolinks
            r"|(?i:https?|ftp)://[\x21-\x7E]+", // bare URLs
        ))
        .unwrap()
    })
}

/// The text with non-prose parts blanked out, and where the HTML comments
/// were (outside code), for suppression comments.
pub fn mask_with_comments(text: &str) -> (String, Vec<std::ops::Range<usize>>) {
    let mut comments = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    // Front matter: a first line of --- (YAML) or +++ (TOML) up to its closing line.
    for fence in ["---", "+++"] {
        if text.starts_with(&format!("{fence}\n")) || text.starts_with(&format!("{fence}\r\n")) {
            let close = text[3..]
                .match_indices(&format!("\n{fence}"))
                .map(|(i, _)| 3 + i + 1 + fence.len())
                .find(|&end| text[end..].starts_with(['\n', '\r']) || end == text.len());
            if let Some(end) = close {
                blank(&mut out, text, 0, end);
                pos = end;
            }
        }
    }
    for m in spans_re().find_iter(&text[pos..]) {
        let (s, e) = (pos + m.start(), pos + m.end());
        out.push_str(&text[out.len()..s]);
        if m.as_str().starts_with("<!--") {
            comments.push(s..e);
        }
        // Keep the ] of a link target: only the target is not prose.
        let s = if text[s..].starts_with("](") {
            out.push(']');
            s + 1
        } else {
            s
        };
        blank(&mut out, text, s, e);
    }
    out.push_str(&text[out.len()..]);
    debug_assert_eq!(out.len(), text.len());
    (out, comments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_offsets_and_columns() {
        let text = "---\ntitle: 通知\n---\n正文`代码,x`见[链接](http://a.cn/X)和<!-- 注释“ -->。\n```\nXX同志\n```\n";
        let m = mask_with_comments(text).0;
        assert_eq!(m.len(), text.len());
        assert_eq!(m.chars().count(), text.chars().count());
        assert!(!m.contains("title"));
        assert!(!m.contains("代码"));
        assert!(!m.contains("http"));
        assert!(!m.contains("注释"));
        assert!(!m.contains("XX"));
        assert!(m.contains("正文"));
        assert!(m.contains("[链接]"));
    }
}
