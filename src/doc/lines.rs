//! Mapping byte offsets to 1-based lines and character columns.

use std::ops::Range;

/// Bytes between column checkpoints: a column is counted from the nearest
/// checkpoint, so lookups on very long lines stay cheap.
const STEP: usize = 4096;

/// Start offsets of every line; `\n` and `\r\n` both end a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// (byte offset, characters from its line's start to it), every `STEP` bytes.
    checkpoints: Vec<(usize, usize)>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let starts: Vec<usize> = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1))
            .collect();
        // A checkpoint at the first character at or after every STEP bytes
        // past the previous one, counting characters from its line's start
        // (or from the previous checkpoint on the same line).
        let count = |b: &[u8]| b.iter().filter(|&&x| x & 0xC0 != 0x80).count();
        let mut checkpoints = Vec::new();
        let (mut at, mut chars) = (0, 0);
        let mut next = STEP;
        while let Some(i) = bytes
            .get(next..)
            .and_then(|rest| rest.iter().position(|&b| b & 0xC0 != 0x80))
            .map(|k| next + k)
        {
            let line_start = starts[starts.partition_point(|&s| s <= i) - 1];
            if line_start > at {
                (at, chars) = (line_start, 0);
            }
            chars += count(&bytes[at..i]);
            at = i;
            checkpoints.push((i, chars));
            next = i + STEP;
        }
        LineIndex {
            starts,
            len: text.len(),
            checkpoints,
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
        let line_start = self.starts[line];
        let i = self.checkpoints.partition_point(|c| c.0 <= offset);
        let (from, base) = match i.checked_sub(1).map(|j| self.checkpoints[j]) {
            Some((byte, chars)) if byte >= line_start => (byte, chars),
            _ => (line_start, 0),
        };
        (line + 1, base + text[from..offset].chars().count() + 1)
    }
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
    }

    #[test]
    fn checkpoints_agree_with_counting() {
        let long_lines = format!(
            "短行\n{}\n{}",
            "长行，含汉字和ASCII。".repeat(2000),
            "末行".repeat(3000)
        );
        // Checkpoints that fall on short lines, on a newline and on a CR.
        let short_lines = "第一行ab\r\n二\n\n三三三c\n".repeat(3000);
        for text in [long_lines, short_lines] {
            let idx = LineIndex::new(&text);
            for (o, _) in text.char_indices().step_by(97) {
                let line = text[..o].matches('\n').count();
                let start = text[..o].rfind('\n').map_or(0, |i| i + 1);
                assert_eq!(
                    idx.position(&text, o),
                    (line + 1, text[start..o].chars().count() + 1)
                );
            }
        }
    }
}
