//! Text from documents and file names, made safe to print: it may not draw
//! on the terminal, reorder what is shown, start a line of its own, or be
//! read by a CI runner as a command.
//!
//! Control characters (ESC, NUL, line breaks…) and bidirectional controls
//! are shown escaped, as rustc does (`\u{1b}`, `\u{202e}`, `\n`). Under
//! GitHub Actions (`GITHUB_ACTIONS=true`), whose runner executes `##[…]`
//! anywhere in a log line and `::command::` at its start, `##[` is broken
//! up by a zero-width space and a leading `::` is shown as `\:\:`.

use std::borrow::Cow;
use std::sync::OnceLock;

/// Whether the run's output is read by a GitHub Actions runner.
pub fn under_github() -> bool {
    static GITHUB: OnceLock<bool> = OnceLock::new();
    *GITHUB.get_or_init(|| std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true"))
}

/// Characters that reorder displayed text.
fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// How one character is shown, when not as itself. Tabs are kept when
/// `keep_tab` (document lines: the renderer expands them).
pub fn char_escape(c: char, keep_tab: bool) -> Option<String> {
    match c {
        '\t' if keep_tab => None,
        '\t' => Some("\\t".to_string()),
        '\n' => Some("\\n".to_string()),
        '\r' => Some("\\r".to_string()),
        '\u{2028}' | '\u{2029}' => Some(format!("\\u{{{:x}}}", c as u32)),
        c if c.is_control() || is_bidi(c) => Some(format!("\\u{{{:x}}}", c as u32)),
        _ => None,
    }
}

/// What replaces the character at `text[i..]` (a character boundary), if
/// anything: its escape, or the CI-command breaker for `##[`.
pub fn escape_at(text: &str, i: usize, c: char, keep_tab: bool, github: bool) -> Option<String> {
    if github && c == '#' && text[i..].starts_with("##[") {
        return Some("#\u{200B}".to_string());
    }
    char_escape(c, keep_tab)
}

/// Text from a document or file name, made safe to print on one line.
pub fn shown(text: &str) -> Cow<'_, str> {
    shown_with(text, under_github())
}

/// Text for a GitHub Actions workflow command, wherever gwlint runs.
pub fn for_github(text: &str) -> Cow<'_, str> {
    shown_with(text, true)
}

fn shown_with(text: &str, github: bool) -> Cow<'_, str> {
    let leading_colons = github && text.trim_start().starts_with("::");
    let clean = !leading_colons
        && text
            .char_indices()
            .all(|(i, c)| escape_at(text, i, c, false, github).is_none());
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest_start = 0;
    if leading_colons {
        let at = text.len() - text.trim_start().len();
        out.push_str(&text[..at]);
        out.push_str("\\:\\:");
        rest_start = at + 2;
    }
    for (i, c) in text[rest_start..].char_indices() {
        let i = i + rest_start;
        match escape_at(text, i, c, false, github) {
            Some(e) => out.push_str(&e),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Output that must stay as written (a diff to apply), except under GitHub
/// Actions: there a line the runner would read as a command is shown
/// escaped.
pub fn ci_lines(text: &str) -> Cow<'_, str> {
    ci_lines_with(text, under_github())
}

fn ci_lines_with(text: &str, github: bool) -> Cow<'_, str> {
    let command = |l: &str| l.trim_start().starts_with("::") || l.contains("##[");
    if !github || !text.lines().any(command) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        if command(body) {
            out.push_str(&shown_with(body, true));
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// A message of several lines: each line made safe on its own.
pub fn lines(text: &str) -> String {
    text.lines().map(shown).collect::<Vec<_>>().join("\n")
}

/// A file name as the first thing on an output line (`--format short`):
/// shown escaped, and a relative name that does not begin with a letter,
/// digit or Chinese character gets `./` in front, so that a line never
/// starts with punctuation chosen by whoever named the file (`::error`,
/// `##[`, `-`, spaces). Ordinary names stay as editors expect them.
pub fn line_start_path(name: &str) -> Cow<'_, str> {
    line_start_path_with(name, under_github())
}

fn line_start_path_with(name: &str, github: bool) -> Cow<'_, str> {
    let safe = name.starts_with('/')
        || name.starts_with("./")
        || name.starts_with("../")
        || name == "<stdin>"
        || name.chars().next().is_some_and(char::is_alphanumeric);
    match (safe, shown_with(name, github)) {
        (true, s) => s,
        (false, s) => Cow::Owned(format!("./{s}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped() {
        assert_eq!(shown_with("a\u{1b}[31mb", false), "a\\u{1b}[31mb");
        assert_eq!(shown_with("甲\u{202E}乙", false), "甲\\u{202e}乙");
        assert_eq!(shown_with("x\ny\r\t", false), "x\\ny\\r\\t");
        assert_eq!(shown_with("\u{85}\u{7f}", false), "\\u{85}\\u{7f}");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            shown_with("县委常委班子：X年X月X日", true),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn ci_commands_are_neutralised_only_under_github() {
        assert_eq!(shown_with("a ##[error]b", false), "a ##[error]b");
        assert_eq!(shown_with("a ##[error]b", true), "a #\u{200B}#[error]b");
        assert_eq!(shown_with("  ::error ::x", true), "  \\:\\:error ::x");
        assert_eq!(shown_with("::error ::x", false), "::error ::x");
        // A single '#' before '#[' is not touched.
        assert_eq!(shown_with("#[x]", true), "#[x]");
    }

    #[test]
    fn diffs_change_only_under_github_and_only_command_lines() {
        let diff = "--- a/x\n+++ b/x\n ::error::x\n-a##[b\n+ok\n";
        assert_eq!(ci_lines_with(diff, false), diff);
        assert_eq!(
            ci_lines_with(diff, true),
            "--- a/x\n+++ b/x\n \\:\\:error::x\n-a#\u{200B}#[b\n+ok\n"
        );
    }

    #[test]
    fn short_output_paths_never_start_a_line_with_the_name() {
        assert_eq!(
            line_start_path_with("::error x.txt", false),
            "./::error x.txt"
        );
        assert_eq!(line_start_path_with("docs/a.txt", false), "docs/a.txt");
        assert_eq!(line_start_path_with("通知.txt", false), "通知.txt");
        assert_eq!(
            line_start_path_with("##[error]x.txt", false),
            "./##[error]x.txt"
        );
        assert_eq!(
            line_start_path_with("##[error]x.txt", true),
            "./#\u{200B}#[error]x.txt"
        );
        assert_eq!(line_start_path_with(" x.txt", false), "./ x.txt");
        assert_eq!(line_start_path_with("./a.txt", false), "./a.txt");
        assert_eq!(line_start_path_with("/tmp/a.txt", false), "/tmp/a.txt");
        assert_eq!(
            line_start_path_with("a\n::error.txt", false),
            "a\\n::error.txt"
        );
    }
}
