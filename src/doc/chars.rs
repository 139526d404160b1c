//! Character classes shared by the model and the rules.

/// A CJK ideograph.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Chinese (full-width) punctuation, including curly quotes (not the
/// ideographic space).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3001..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0x2018..=0x201F | 0x2026 | 0x2014)
}

/// A Han character or Chinese punctuation: text that is "Chinese" for
/// punctuation purposes.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}
