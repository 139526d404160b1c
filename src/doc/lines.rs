//! Mapping byte offsets to 1-based lines and character columns.

use std::ops::Range;

/// Start offsets of every line; `\n` and `\r\n` both end a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// Number of lines (a trailing newline does not open a new line).
    pub fn count(&self) -> usize {
        match self.starts.last() {
            Some(&s) if s == self.len && self.starts.len() > 1 => self.starts.len() - 1,
            _ => self.starts.len(),
        }
    }

    /// 0-based index of the line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    /// The byte range of line `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(self.len, |&s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// 1-based line and 1-based column counted in Unicode scalar values.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let col = text[self.starts[line]..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// Like [`position`](Self::position), but resumes from the previous
    /// answer when `offset` lies further on the same line, so that mapping
    /// many sorted offsets on one very long line stays linear.
    pub fn position_from(&self, text: &str, offset: usize, cursor: &mut Cursor) -> (usize, usize) {
        let line = self.line_of(offset);
        let col = if cursor.line == line && cursor.offset <= offset && cursor.valid {
            cursor.col + text[cursor.offset..offset].chars().count()
        } else {
            text[self.starts[line]..offset].chars().count() + 1
        };
        *cursor = Cursor {
            line,
            offset,
            col,
            valid: true,
        };
        (line + 1, col)
    }
}

/// The last position computed by [`LineIndex::position_from`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Cursor {
    line: usize,
    offset: usize,
    col: usize,
    valid: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "标题\r\n第二行，X\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.count(), 2);
        let x = text.find('X').unwrap();
        assert_eq!(idx.position(text, x), (2, 5));
        assert_eq!(&text[idx.line_range(text, 0)], "标题");
        assert_eq!(&text[idx.line_range(text, 1)], "第二行，X");
        let mut cur = Cursor::default();
        for (o, _) in text.char_indices() {
            assert_eq!(idx.position_from(text, o, &mut cur), idx.position(text, o));
        }
    }
}
