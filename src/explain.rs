//! `gwlint explain`: a rule's documentation (Markdown in its doc comment)
//! rendered for a terminal: headings, emphasis, code and lists without
//! Markdown syntax; bold and colour only when `color` is set.

use unicode_width::UnicodeWidthStr;

const BOLD: &str = "\x1b[1m";
const CODE: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// Render the Markdown subset used in rule docs: `#` headings, `-` lists,
/// `**strong**`, `` `code` `` and fenced code blocks.
pub fn render(markdown: &str, color: bool) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            out.push_str("    ");
            out.push_str(&paint(line, CODE, color));
            out.push('\n');
            continue;
        }
        if let Some(title) = heading(trimmed) {
            let title = inline(title, false);
            if color {
                out.push_str(&format!("{BOLD}{title}{RESET}\n"));
            } else {
                out.push_str(&format!("{title}\n"));
            }
            out.push_str(&"═".repeat(title.width().div_ceil(2).clamp(1, 40)));
            out.push('\n');
            continue;
        }
        let indent = line.len() - trimmed.len();
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            out.push_str(&" ".repeat(indent + 2));
            out.push_str("• ");
            out.push_str(&inline(item, color));
        } else {
            out.push_str(&" ".repeat(indent));
            out.push_str(&inline(trimmed, color));
        }
        out.push('\n');
    }
    out
}

fn heading(line: &str) -> Option<&str> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    (1..=6)
        .contains(&hashes)
        .then(|| line[hashes..].strip_prefix(' '))
        .flatten()
}

fn paint(text: &str, style: &str, color: bool) -> String {
    if color {
        format!("{style}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// `**strong**` and `` `code` `` within a line; an unpaired marker is kept
/// as written.
fn inline(line: &str, color: bool) -> String {
    let mut out = String::new();
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("**") {
            if let Some(end) = after.find("**") {
                out.push_str(&paint(&after[..end], BOLD, color));
                rest = &after[end + 2..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix('`') {
            if let Some(end) = after.find('`') {
                let code = &after[..end];
                if color {
                    out.push_str(&paint(code, CODE, true));
                } else {
                    out.push_str(&format!("「{code}」"));
                }
                rest = &after[end + 1..];
                continue;
            }
        }
        let c = rest.chars().next().expect("not empty");
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "## 标题（rule-id）\n\n说明 `7个社区` 的写法。\n- 一条\n  续行\n\n**为什么**：因为。\n```\n原样\n```\n单个 ` 与 ** 保留";

    #[test]
    fn plain_rendering_has_no_markdown_syntax() {
        let out = render(DOC, false);
        assert!(out.starts_with("标题（rule-id）\n═"), "{out}");
        assert!(out.contains("说明 「7个社区」 的写法。"), "{out}");
        assert!(out.contains("  • 一条\n  续行"), "{out}");
        assert!(out.contains("为什么：因为。"), "{out}");
        assert!(out.contains("    原样\n"), "{out}");
        assert!(!out.contains("##") && !out.contains("```"), "{out}");
        assert!(out.contains("单个 ` 与 ** 保留"), "{out}");
        assert!(!out.contains('\x1b'));
    }

    #[test]
    fn colour_marks_emphasis_and_code() {
        let out = render(DOC, true);
        assert!(out.contains(&format!("{BOLD}为什么{RESET}")), "{out}");
        assert!(out.contains(&format!("{CODE}7个社区{RESET}")), "{out}");
        assert!(!out.contains("**为什么**"));
    }

    #[test]
    fn every_rule_doc_renders_without_markers() {
        for r in crate::rules::Registry::builtin().all() {
            let out = render(&r.documentation(), false);
            // Code spans may legitimately show `**` (a placeholder shape).
            let outside_code: String = out
                .split('「')
                .map(|part| part.split_once('」').map_or(part, |(_, rest)| rest))
                .collect();
            assert!(!outside_code.contains("**"), "{}: {out}", r.id);
            assert!(!outside_code.contains('`'), "{}: {out}", r.id);
            assert!(!out.lines().any(|l| l.starts_with('#')), "{}", r.id);
        }
    }
}
