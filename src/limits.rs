//! How much gwlint reads and reports per file. Every limit is explicit,
//! documented in README and settable in `gwlint.toml` under `[limits]`;
//! a file beyond one is refused (or cut short) with a message saying which
//! limit it hit and how to raise it.

/// Limits for one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file read, in bytes.
    pub file_bytes: u64,
    /// The longest paragraph (line), in characters.
    pub paragraph_chars: usize,
    /// The most text a .docx may expand to, generated numbering included, in bytes.
    pub docx_text_bytes: usize,
    /// The most findings reported for one file.
    pub findings_per_file: usize,
}

pub const MIB: u64 = 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_bytes: 64 * MIB,
            paragraph_chars: 200_000,
            docx_text_bytes: 64 * MIB as usize,
            findings_per_file: 10_000,
        }
    }
}

/// The first line longer than `max` characters: its 1-based number and
/// length. One pass over the text.
pub fn long_line(text: &str, max: usize) -> Option<(usize, usize)> {
    // A line of at most `max` characters has at most 4 × `max` bytes.
    text.split('\n').enumerate().find_map(|(i, line)| {
        if line.len() <= max {
            return None;
        }
        let chars = line.chars().count();
        (chars > max).then_some((i + 1, chars))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_found_by_characters_not_bytes() {
        assert_eq!(long_line("短\n很长的一行\n", 4), Some((2, 5)));
        // Five characters, fifteen bytes: within a limit of five characters.
        assert_eq!(long_line("一二三四五\n", 5), None);
        assert_eq!(long_line("", 0), None);
    }
}
