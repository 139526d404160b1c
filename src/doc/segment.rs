//! The process-wide word segmenter, and the segmentation of a document's
//! paragraphs into tokens with byte spans.

use super::Paragraph;
use jieba_rs::Jieba;
use std::ops::Range;
use std::sync::OnceLock;

/// The shared jieba instance, built on first use (it is `Send + Sync`).
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// Word tokens of all `paragraphs`, in order, as byte ranges into `text`.
pub fn tokens(text: &str, paragraphs: &[Paragraph]) -> Vec<Range<usize>> {
    let jieba = jieba();
    let mut tokens = Vec::new();
    for p in paragraphs {
        for piece in sentence_chunks(text, p.range.clone()) {
            let base = piece.start;
            tokens.extend(
                jieba
                    .cut(&text[piece], false)
                    .into_iter()
                    .map(|t| base + t.byte_start..base + t.byte_end),
            );
        }
    }
    tokens
}

/// Cut a paragraph into pieces of at most about 4 KiB, at sentence ends
/// where possible, so that one huge paragraph is segmented in small steps.
fn sentence_chunks(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    const TARGET: usize = 4096;
    let mut out = Vec::new();
    let mut start = range.start;
    while range.end - start > TARGET {
        let mut cut = start + TARGET;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[start..cut];
        let end = window
            .rfind(['。', '！', '？', '；', '\n'])
            .map(|i| start + i + window[i..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(cut);
        out.push(start..end);
        start = end;
    }
    out.push(start..range.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_are_segmented_in_sentence_chunks() {
        let text = "全县上下统一思想。".repeat(2000);
        let chunks = sentence_chunks(&text, 0..text.len());
        assert!(chunks.len() > 1);
        assert_eq!(chunks.first().unwrap().start, 0);
        assert_eq!(chunks.last().unwrap().end, text.len());
        for w in chunks.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert!(text[w[0].clone()].ends_with('。'));
        }
    }
}
