//! A trimmed view of a document for rendering one diagnostic: only the lines
//! it touches, each cut down to the parts around its labels, joined by "…".
//! Reported line and column numbers stay those of the real document.

use crate::doc::lines::LineIndex;
use codespan_reporting::files::{Error, Files};
use std::ops::Range;

/// Characters of context kept on each side of a label.
const CONTEXT: usize = 16;
/// Longest stretch of one label shown before it is cut.
const MAX_LABEL: usize = 40;

struct Segment {
    /// Byte range in the real document.
    orig: Range<usize>,
    /// Where it starts in the window text.
    window_start: usize,
    /// Which shown stretch of the line it belongs to (stretches are
    /// separated by "…"; one stretch is cut into several segments where
    /// characters are shown escaped).
    stretch: usize,
}

/// Copy `text[range]` into the window, showing control characters, bidi
/// controls and CI commands escaped (see [`super::escape`]); the escapes
/// sit between segments, so that offsets still map exactly.
fn push_escaped(
    source: &mut String,
    segments: &mut Vec<Segment>,
    text: &str,
    range: Range<usize>,
    stretch: usize,
) {
    let github = super::escape::under_github();
    let mut from = range.start;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        if let Some(e) = super::escape::escape_at(text, at, c, true, github) {
            segments.push(Segment {
                orig: from..at,
                window_start: source.len(),
                stretch,
            });
            source.push_str(&text[from..at]);
            source.push_str(&e);
            from = at + c.len_utf8();
        }
    }
    segments.push(Segment {
        orig: from..range.end,
        window_start: source.len(),
        stretch,
    });
    source.push_str(&text[from..range.end]);
}

struct WindowLine {
    /// 0-based line in the real document.
    line: usize,
    /// Byte range of this line in the window text.
    range: Range<usize>,
    segments: Vec<Segment>,
}

pub struct Window<'a> {
    name: &'a str,
    text: &'a str,
    index: &'a LineIndex,
    source: String,
    lines: Vec<WindowLine>,
}

impl<'a> Window<'a> {
    /// Build a view showing `ranges` of `text` (byte ranges).
    pub fn new(
        name: &'a str,
        text: &'a str,
        index: &'a LineIndex,
        ranges: &[Range<usize>],
    ) -> Self {
        // Each range is shown on its first line only.
        let mut per_line: Vec<(usize, Vec<Range<usize>>)> = Vec::new();
        for r in ranges {
            let line = index.line_of(r.start);
            let lr = index.line_range(text, line);
            let clipped = r.start.min(lr.end)..r.end.min(lr.end).max(r.start.min(lr.end));
            match per_line.iter_mut().find(|(l, _)| *l == line) {
                Some((_, v)) => v.push(clipped),
                None => per_line.push((line, vec![clipped])),
            }
        }
        per_line.sort_by_key(|(l, _)| *l);
        let mut source = String::new();
        let mut lines = Vec::new();
        for (line, mut rs) in per_line {
            if !source.is_empty() {
                source.push('\n');
            }
            let lr = index.line_range(text, line);
            // Byte offsets `n` characters before/after `at`, within the line.
            let back = |at: usize, n: usize| {
                text[lr.start..at]
                    .char_indices()
                    .rev()
                    .nth(n.saturating_sub(1))
                    .map_or(lr.start, |(i, _)| lr.start + i)
            };
            let forward = |at: usize, n: usize| {
                text[at..lr.end]
                    .char_indices()
                    .nth(n)
                    .map_or(lr.end, |(i, _)| at + i)
            };
            rs.sort_by_key(|r| r.start);
            // Byte spans to show, merged when they overlap or nearly touch.
            let mut spans: Vec<(usize, usize)> = Vec::new();
            for r in rs {
                let label_end = r.end.min(forward(r.start, MAX_LABEL));
                let s = (
                    if CONTEXT == 0 {
                        r.start
                    } else {
                        back(r.start, CONTEXT)
                    },
                    forward(label_end, CONTEXT),
                );
                match spans.last_mut() {
                    Some(last) if s.0 <= forward(last.1, 4) => last.1 = last.1.max(s.1),
                    _ => spans.push(s),
                }
            }
            let start = source.len();
            let mut segments = Vec::new();
            for (i, &(a, b)) in spans.iter().enumerate() {
                if i > 0 || a > lr.start {
                    source.push('…');
                }
                push_escaped(&mut source, &mut segments, text, a..b, i);
            }
            if spans.last().is_some_and(|&(_, b)| b < lr.end) {
                source.push('…');
            }
            lines.push(WindowLine {
                line,
                range: start..source.len(),
                segments,
            });
        }
        Window {
            name,
            text,
            index,
            source,
            lines,
        }
    }

    /// Map a real byte range into the window (clipped to what is shown).
    pub fn map(&self, r: &Range<usize>) -> Range<usize> {
        for l in &self.lines {
            for (k, s) in l.segments.iter().enumerate() {
                if s.orig.start <= r.start && r.start <= s.orig.end {
                    let start = s.window_start + (r.start - s.orig.start);
                    // The end: in this stretch, clipped to what is shown;
                    // an escaped character inside the range is covered whole.
                    let mut end = start;
                    for t in l.segments[k..]
                        .iter()
                        .take_while(|t| t.stretch == s.stretch)
                    {
                        if r.end < t.orig.start {
                            break;
                        }
                        end = t.window_start + (r.end.min(t.orig.end) - t.orig.start);
                    }
                    return start..end.max(start);
                }
            }
        }
        0..0
    }

    /// Map a window byte offset back to the real document.
    fn unmap(&self, w: usize) -> usize {
        for l in &self.lines {
            for s in &l.segments {
                let len = s.orig.end - s.orig.start;
                if s.window_start <= w && w <= s.window_start + len {
                    return s.orig.start + (w - s.window_start);
                }
            }
        }
        0
    }
}

impl<'w> Files<'w> for Window<'_> {
    type FileId = ();
    type Name = &'w str;
    type Source = &'w str;

    fn name(&'w self, _: ()) -> Result<&'w str, Error> {
        Ok(self.name)
    }

    fn source(&'w self, _: ()) -> Result<&'w str, Error> {
        Ok(&self.source)
    }

    fn line_index(&'w self, _: (), byte_index: usize) -> Result<usize, Error> {
        Ok(self
            .lines
            .iter()
            .position(|l| byte_index <= l.range.end)
            .unwrap_or(self.lines.len().saturating_sub(1)))
    }

    fn line_number(&'w self, _: (), line_index: usize) -> Result<usize, Error> {
        Ok(self.lines.get(line_index).map_or(0, |l| l.line) + 1)
    }

    fn column_number(
        &'w self,
        _: (),
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let real = self.unmap(byte_index);
        Ok(self.index.position(self.text, real).1)
    }

    fn line_range(&'w self, _: (), line_index: usize) -> Result<Range<usize>, Error> {
        let l = self.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.lines.len(),
        })?;
        // Include the separating newline, as codespan's own files do.
        let end = if line_index + 1 < self.lines.len() {
            l.range.end + 1
        } else {
            l.range.end
        };
        Ok(l.range.start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown<'w>(w: &'w Window, r: Range<usize>) -> &'w str {
        &w.source[w.map(&r)]
    }

    #[test]
    fn escaped_characters_keep_labels_on_their_text() {
        let text = "甲\u{1b}[2J乙XX\u{202e}丙\n";
        let index = LineIndex::new(text);
        let xx = text.find("XX").unwrap();
        let esc = text.find('\u{1b}').unwrap();
        let bidi = text.find('\u{202e}').unwrap();
        let ranges = [xx..xx + 2, esc..xx, xx..bidi + 3];
        let w = Window::new("a.txt", text, &index, &ranges);
        assert!(
            w.source.contains("甲\\u{1b}[2J乙XX\\u{202e}丙"),
            "{}",
            w.source
        );
        assert!(!w.source.contains('\u{1b}') && !w.source.contains('\u{202e}'));
        assert_eq!(shown(&w, ranges[0].clone()), "XX");
        // A label over an escaped character covers its whole escape.
        assert_eq!(shown(&w, ranges[1].clone()), "\\u{1b}[2J乙");
        assert_eq!(shown(&w, ranges[2].clone()), "XX\\u{202e}");
    }
}
