//! `--diff` for people: each changed line shown as a removed and an added
//! line, cut down to a window around each change when the line is long
//! (公文 paragraphs often run to a thousand characters), with the changed
//! characters marked — by colour on a terminal, otherwise by a line of `^`
//! under them.

use similar::{DiffOp, DiffTag, TextDiff};
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Lines up to this many characters are shown whole.
const LONG: usize = 100;
/// Characters of unchanged context kept on each side of a change.
const CONTEXT: usize = 20;
/// Characters of a wholly removed or added long line shown.
const HEAD: usize = 60;

const RED: &str = "\x1b[1;31m";
const GREEN: &str = "\x1b[1;32m";
const RESET: &str = "\x1b[0m";

/// The changes from `old` to `new` of the file `name`.
pub fn render(name: &str, old: &str, new: &str, color: bool) -> String {
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let diff = TextDiff::from_lines(old, new);
    for op in diff.ops() {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        let paired = o.len().min(n.len());
        for i in 0..paired {
            out.push_str(&format!("@@ 第{}行 @@\n", o.start + i + 1));
            changed_pair(
                &mut out,
                old_lines[o.start + i],
                new_lines[n.start + i],
                color,
            );
        }
        if o.len() > paired || n.len() > paired {
            out.push_str(&format!("@@ 第{}行 @@\n", o.start + paired + 1));
        }
        for line in &old_lines[o.start + paired..o.end] {
            whole(&mut out, '-', line, color);
        }
        for line in &new_lines[n.start + paired..n.end] {
            whole(&mut out, '+', line, color);
        }
    }
    out
}

/// A line removed or added as a whole: its beginning if it is long.
fn whole(out: &mut String, sign: char, line: &str, color: bool) {
    let chars: Vec<char> = line.chars().collect();
    let shown = chars
        .len()
        .min(if chars.len() > LONG { HEAD } else { LONG });
    let text: String = chars[..shown].iter().collect();
    let more = if shown < chars.len() { "…" } else { "" };
    if color {
        let c = if sign == '-' { RED } else { GREEN };
        out.push_str(&format!("{c}{sign}{text}{more}{RESET}\n"));
    } else {
        out.push_str(&format!("{sign}{text}{more}\n"));
    }
}

/// One changed line: windows of the old and new text with the changed
/// characters marked.
fn changed_pair(out: &mut String, old: &str, new: &str, color: bool) {
    let o: Vec<char> = old.chars().collect();
    let n: Vec<char> = new.chars().collect();
    let diff = TextDiff::from_chars(old, new);
    let changes: Vec<&DiffOp> = diff
        .ops()
        .iter()
        .filter(|op| op.tag() != DiffTag::Equal)
        .collect();
    let whole_line = o.len() <= LONG && n.len() <= LONG;
    // Changes close to each other share a window.
    let mut groups: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for op in changes.iter() {
        let (or, nr) = (op.old_range(), op.new_range());
        match groups.last_mut() {
            Some((go, gn)) if whole_line || or.start <= go.end + 2 * CONTEXT => {
                go.end = or.end;
                gn.end = nr.end;
            }
            _ => groups.push((or, nr)),
        }
    }
    let windows: Vec<(Range<usize>, Range<usize>)> = groups
        .into_iter()
        .map(|(go, gn)| {
            if whole_line {
                return (0..o.len(), 0..n.len());
            }
            // Context before and after a change is the same text on both sides.
            let before = go.start.min(CONTEXT);
            let after = (o.len() - go.end).min(CONTEXT);
            (
                go.start - before..go.end + after,
                gn.start - before..gn.end + after,
            )
        })
        .collect();
    let old_marked = marks(o.len(), changes.iter().map(|op| op.old_range()));
    let new_marked = marks(n.len(), changes.iter().map(|op| op.new_range()));
    let old_windows: Vec<Range<usize>> = windows.iter().map(|w| w.0.clone()).collect();
    let new_windows: Vec<Range<usize>> = windows.iter().map(|w| w.1.clone()).collect();
    side(out, '-', &o, &old_windows, &old_marked, color);
    side(out, '+', &n, &new_windows, &new_marked, color);
}

fn marks(len: usize, ranges: impl Iterator<Item = Range<usize>>) -> Vec<bool> {
    let mut m = vec![false; len];
    for r in ranges {
        m[r].fill(true);
    }
    m
}

/// One side of a changed line: its windows joined by "…", then the marker
/// line (without colour).
fn side(
    out: &mut String,
    sign: char,
    chars: &[char],
    windows: &[Range<usize>],
    marked: &[bool],
    color: bool,
) {
    let mut text = String::from(sign);
    let mut under = String::from(" ");
    let mut last_end = 0;
    let mut in_mark = false;
    let style = if sign == '-' { RED } else { GREEN };
    for (i, w) in windows.iter().enumerate() {
        if w.start > last_end || (i == 0 && w.start > 0) {
            text.push('…');
            under.push(' ');
        }
        for (c, &m) in chars[w.clone()].iter().zip(&marked[w.clone()]) {
            if color && m != in_mark {
                text.push_str(if m { style } else { RESET });
                in_mark = m;
            }
            text.push(*c);
            let width = c.width().unwrap_or(0);
            under.push_str(&(if m { "^" } else { " " }).repeat(width));
        }
        if color && in_mark {
            text.push_str(RESET);
            in_mark = false;
        }
        last_end = w.end;
    }
    if last_end < chars.len() {
        text.push('…');
    }
    out.push_str(&text);
    out.push('\n');
    if !color && marked.iter().any(|&m| m) {
        out.push_str(under.trim_end());
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_whole_with_marks_under_changes() {
        let out = render(
            "a.txt",
            "标题\n在岗尽责,科学谋划。\n",
            "标题\n在岗尽责，科学谋划。\n",
            false,
        );
        assert_eq!(
            out,
            "--- a/a.txt\n+++ b/a.txt\n@@ 第2行 @@\n-在岗尽责,科学谋划。\n         ^\n+在岗尽责，科学谋划。\n         ^^\n"
        );
    }

    #[test]
    fn each_changed_line_has_its_number() {
        let out = render("a.txt", "甲,乙\n丙,丁\n", "甲，乙\n丙，丁\n", false);
        assert!(
            out.contains("@@ 第1行 @@\n-甲,乙") && out.contains("@@ 第2行 @@\n-丙,丁"),
            "{out}"
        );
    }

    #[test]
    fn long_lines_show_a_window_around_each_change() {
        let filler = "加强学习".repeat(100);
        let old = format!("{filler}在岗尽责,科学谋划{filler}求稳怕变''的思想{filler}\n");
        let new = format!("{filler}在岗尽责，科学谋划{filler}求稳怕变”的思想{filler}\n");
        let out = render("b.txt", &old, &new, false);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[2], "@@ 第1行 @@");
        let minus = lines[3];
        assert!(minus.starts_with("-…") && minus.ends_with('…'), "{minus}");
        assert!(minus.contains("在岗尽责,科学谋划") && minus.contains("求稳怕变''的思想"));
        assert!(minus.chars().count() < 2 * (2 * CONTEXT + 5) + 4, "{minus}");
        assert!(lines[5].contains("在岗尽责，科学谋划") && lines[5].contains("求稳怕变”的思想"));
        // The markers sit under the changed characters.
        let col = |line: &str, pat: &str| {
            let at = line.find(pat).unwrap();
            line[..at]
                .chars()
                .map(|c| c.width().unwrap_or(0))
                .sum::<usize>()
        };
        assert_eq!(lines[4].find('^').unwrap(), col(minus, ",科学"));
        assert_eq!(lines[6].find('^').unwrap(), col(lines[5], "，科学"));
    }

    #[test]
    fn removed_lines_are_shown_cut_and_colour_replaces_markers() {
        let long = "本文系作者原创".repeat(30);
        let out = render("c.txt", &format!("{long}\n正文\n"), "正文\n", false);
        assert!(out.contains("@@ 第1行 @@\n-本文系作者原创"), "{out}");
        assert!(out.trim_end().ends_with('…'), "{out}");
        let coloured = render("a.txt", "甲,乙\n", "甲，乙\n", true);
        assert!(
            coloured.contains(&format!("-甲{RED},{RESET}乙")),
            "{coloured}"
        );
        assert!(
            coloured.contains(&format!("+甲{GREEN}，{RESET}乙")),
            "{coloured}"
        );
        assert!(!coloured.contains('^'));
    }
}
