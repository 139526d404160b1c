//! The document model every rule reads: paragraphs, jieba tokens with byte
//! spans, the outline and the paired-punctuation structure. Built once per
//! document; rules never re-read or re-segment the text.

pub mod chars;
pub mod counts;
pub mod facts;
pub mod lines;
pub mod markdown;
pub mod mentions;
pub mod outline;
pub mod pairs;
pub mod segment;
pub mod vocab;
pub mod words;

use crate::input::{Decoded, Format, Text};
use lines::LineIndex;
use outline::{Heading, Outline};
use pairs::Brackets;
use std::borrow::Cow;
use std::ops::Range;

/// A paragraph: for plain text one non-empty line; in Markdown a block of lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub index: usize,
    /// Byte range, without line terminators or trailing blanks.
    pub range: Range<usize>,
}

#[derive(Debug)]
pub struct Document {
    pub name: String,
    /// The text the rules analyse: the source with non-prose parts (Markdown
    /// code, comments, URLs) blanked out, byte for byte and column for column.
    pub text: String,
    /// The original text, when it differs from `text`.
    original: Option<String>,
    pub format: Format,
    pub encoding: Decoded,
    /// Text generated rather than written (Word's automatic numbering).
    pub generated: Vec<Range<usize>>,
    /// Comments of the source (Markdown), as byte ranges; the suppression
    /// comments among them are read by `suppress`.
    pub comments: Vec<Range<usize>>,
    pub lines: LineIndex,
    pub paragraphs: Vec<Paragraph>,
    /// Word tokens of all paragraphs, in order, as byte ranges.
    pub tokens: segment::Tokens,
    pub outline: Outline,
    pub brackets: Brackets,
    /// Stated counts (四个方面, 3条, 六稳), in document order.
    pub counts: Vec<counts::Count>,
    /// Every mention of a set phrase or an outdated term.
    pub mentions: mentions::Mentions,
    /// Every occurrence of the packs' literal words (`vocab`), found in one
    /// pass for the lexicon rules, the placeholder and residue patterns'
    /// prefilter and the mentions.
    found: vocab::Found,
    /// Genre, level, place, organ and date, with their evidence.
    pub facts: facts::Facts,
}

impl Document {
    /// Model a text with the embedded rule packs.
    pub fn new(input: Text) -> Document {
        Document::with_packs(input, crate::packs::Packs::builtin())
    }

    /// Model a text; `packs` name the set phrases that are not counts.
    pub fn with_packs(input: Text, packs: &crate::packs::Packs) -> Document {
        let Text {
            name,
            text: source,
            format,
            encoding,
            generated,
        } = input;
        let (text, original, comments) = match format {
            Format::Markdown => {
                // Only real comments, not examples inside code blocks.
                let (masked, comments) = markdown::mask_with_comments(&source);
                (masked, Some(source), comments)
            }
            Format::Plain | Format::Docx => (source, None, Vec::new()),
        };
        let lines = LineIndex::new(&text);
        let paragraphs = split_paragraphs(&text, &lines, format);
        // The segmentation and the steps that need no tokens, side by side
        // on a large text.
        let (tokens, (markers, brackets, mentions, found)) = crate::parallel::join(
            text.len(),
            || segment::tokens(&text, &paragraphs),
            || {
                let mut markers = Vec::new();
                for p in &paragraphs {
                    markers.extend(outline::paragraph_markers(&text, p.index, p));
                }
                for m in &mut markers {
                    m.generated = generated
                        .iter()
                        .any(|g| g.start <= m.range.start && m.range.start < g.end);
                }
                let brackets = pairs::analyse(&text, &paragraphs);
                let found = vocab::Vocabulary::of(packs).find(&text);
                let mentions = found.mentions(&paragraphs);
                (markers, brackets, mentions, found)
            },
        );
        let title = match format {
            Format::Markdown => markdown_title(&text, &paragraphs)
                .unwrap_or_else(|| outline::find_title(&text, &paragraphs, &markers)),
            Format::Plain | Format::Docx => outline::find_title(&text, &paragraphs, &markers),
        };
        let mut headings: Vec<Heading> = markers
            .iter()
            .filter(|m| m.at_start && !title.contains(&m.para))
            .filter_map(|m| {
                Some(Heading {
                    para: m.para,
                    level: m.kind.level()?,
                    text: m.range.end..paragraphs[m.para].range.end,
                })
            })
            .collect();
        if format == Format::Markdown {
            headings.extend(markdown_headings(&text, &paragraphs, &title));
            headings.sort_by_key(|h| h.para);
        }
        let phrases: Vec<&str> = packs
            .fixed_phrases
            .phrase
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        let counts = counts::find(&text, &paragraphs, &tokens, &phrases, &mentions);
        let mut doc = Document {
            name,
            original,
            format,
            encoding,
            generated,
            comments,
            lines,
            tokens,
            outline: Outline {
                title,
                headings,
                markers,
            },
            brackets,
            counts,
            mentions,
            found,
            paragraphs,
            text,
            facts: facts::Facts::default(),
        };
        doc.facts = facts::Facts::infer(&doc, packs);
        doc
    }

    /// Convenience for tests and the library API.
    pub fn from_str(name: &str, text: &str, format: Format) -> Document {
        Document::new(Text {
            name: name.to_string(),
            text: text.to_string(),
            format,
            encoding: Decoded::UTF8,
            generated: Vec::new(),
        })
    }

    /// The original text, for showing to users and for applying fixes.
    pub fn source(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.text)
    }

    pub fn para_text(&self, i: usize) -> &str {
        &self.text[self.paragraphs[i].range.clone()]
    }

    /// The paragraph holding byte `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self
            .paragraphs
            .partition_point(|p| p.range.start <= offset)
            .checked_sub(1)?;
        (offset <= self.paragraphs[i].range.end).then_some(i)
    }

    /// The title's text, its lines joined without separators.
    pub fn title_text(&self) -> String {
        self.outline
            .title
            .iter()
            .map(|&i| self.para_text(i).trim())
            .collect()
    }

    /// The mentions of the set phrases and outdated terms of `packs`: the
    /// model's own, or found now when the model was built with other packs.
    pub fn mentions_for(&self, packs: &crate::packs::Packs) -> Cow<'_, mentions::Mentions> {
        if self.mentions.are_for(packs) {
            Cow::Borrowed(&self.mentions)
        } else {
            Cow::Owned(mentions::Mentions::find(
                &self.text,
                &self.paragraphs,
                packs,
            ))
        }
    }

    /// The literals `patterns` need, found in the text: from the model's
    /// one pass when they are among the words it searched, else now.
    pub fn scan_for<'a>(
        &self,
        patterns: &'a std::sync::Arc<crate::patterns::Patterns>,
    ) -> crate::patterns::Scan<'a> {
        self.found
            .scan(patterns)
            .unwrap_or_else(|| patterns.scan(&self.text))
    }

    /// Every word of `lexicon` in the text: from the model's one pass when
    /// it searched these words, else found now.
    pub fn lexicon_hits(&self, lexicon: &crate::lexicon::Lexicon) -> crate::lexicon::Hits {
        self.found
            .lexicon_hits(lexicon)
            .unwrap_or_else(|| lexicon.hits(&self.text))
    }

    /// Whether `offset` falls between two jieba tokens (or at a paragraph edge).
    pub fn is_token_boundary(&self, offset: usize) -> bool {
        let i = self.tokens.partition_point(|t| t.end < offset);
        match self.tokens.get(i) {
            Some(t) => t.end == offset || t.start == offset || t.start > offset,
            None => true,
        }
    }

    /// Tokens overlapping `range`.
    pub fn tokens_in(&self, range: Range<usize>) -> segment::TokenSlice<'_> {
        let lo = self.tokens.partition_point(|t| t.end <= range.start);
        let hi = self.tokens.partition_point(|t| t.start < range.end);
        self.tokens.slice(lo, hi.max(lo))
    }
}

/// Split text into paragraphs. Markdown code has been masked out already.
pub fn split_paragraphs(text: &str, idx: &LineIndex, format: Format) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut prev_blank = true;
    for line in 0..idx.count() {
        let r = idx.line_range(text, line);
        let s = &text[r.clone()];
        let trimmed_end = s.trim_end_matches([' ', '\t', '\u{3000}']);
        let r = r.start..r.start + trimmed_end.len();
        let blank = trimmed_end.trim().is_empty();
        if format == Format::Markdown {
            let t = trimmed_end.trim_start();
            let starts_block = t.starts_with(['#', '-', '*', '+', '>', '|'])
                || t.chars().next().is_some_and(|c| c.is_ascii_digit());
            if !blank && !prev_blank && !starts_block {
                if let Some(last) = out.last_mut() {
                    last.range.end = r.end;
                    continue;
                }
            }
        }
        prev_blank = blank;
        if !blank {
            out.push(Paragraph {
                index: out.len(),
                range: r,
            });
        }
    }
    out
}

fn markdown_heading_level(s: &str) -> Option<(u8, usize)> {
    let hashes = s.len() - s.trim_start_matches('#').len();
    ((1..=6).contains(&hashes) && s[hashes..].starts_with(' '))
        .then_some((hashes as u8, hashes + 1))
}

fn markdown_title(text: &str, paras: &[Paragraph]) -> Option<Vec<usize>> {
    let first = paras.first()?;
    let (level, _) = markdown_heading_level(&text[first.range.clone()])?;
    (level == 1).then(|| vec![0])
}

fn markdown_headings(text: &str, paras: &[Paragraph], title: &[usize]) -> Vec<Heading> {
    paras
        .iter()
        .filter(|p| !title.contains(&p.index))
        .filter_map(|p| {
            let (level, skip) = markdown_heading_level(&text[p.range.clone()])?;
            Some(Heading {
                para: p.index,
                level: level.saturating_sub(1).max(1),
                text: p.range.start + skip..p.range.end,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_skips_watermark_and_spans_two_lines() {
        let d = Document::from_str(
            "t",
            "本文系作者原创，仅供参考！\n县委常委班子2023年度民主生活会\n召开情况通报\n\n按照要求，召开了会议。\n一、基本情况\n",
            Format::Plain,
        );
        assert_eq!(d.outline.title, vec![1, 2]);
        assert_eq!(d.title_text(), "县委常委班子2023年度民主生活会召开情况通报");
        assert_eq!(d.outline.headings.len(), 1);
        assert_eq!(d.outline.headings[0].level, 1);
        assert_eq!(d.facts.date.unwrap().value, (2023, 12, 31));
    }

    #[test]
    fn markers_and_headings() {
        let text = "标题\n正文：一是学习，二是工作。\n（一）理论学习\n1.加强学习\n（1）读原著\n统一是关键，第一时间到位。";
        let d = Document::from_str("t", text, Format::Plain);
        let kinds: Vec<_> = d
            .outline
            .markers
            .iter()
            .map(|m| (text[m.range.clone()].to_string(), m.ordinal))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("一是".to_string(), 1),
                ("二是".to_string(), 2),
                ("（一）".to_string(), 1),
                ("1.".to_string(), 1),
                ("（1）".to_string(), 1)
            ]
        );
        let levels: Vec<u8> = d.outline.headings.iter().map(|h| h.level).collect();
        assert_eq!(levels, vec![2, 3, 4]);
    }

    #[test]
    fn decimal_is_not_a_marker() {
        let d = Document::from_str("t", "标题\n\n1.5亿元的投资已到位。", Format::Plain);
        assert!(d.outline.markers.is_empty());
    }

    #[test]
    fn token_boundaries() {
        let text = "标题\n\n全县社区工作。";
        let d = Document::from_str("t", text, Format::Plain);
        let she = text.find("社区").unwrap();
        assert!(d.is_token_boundary(she));
        assert!(!d.is_token_boundary(she + "社".len()));
    }

    #[test]
    fn markdown_blocks_and_fences() {
        let source = "# 标题\n\n第一行\n续行\n\n```\n代码“\n```\n## 一级\n\n```\r\nCRLF 代码\r\n```\r\n正文\n\n```\n未闭合的代码块";
        let text = &markdown::mask_with_comments(source).0;
        let paras = split_paragraphs(text, &LineIndex::new(text), Format::Markdown);
        let texts: Vec<&str> = paras.iter().map(|p| &text[p.range.clone()]).collect();
        assert_eq!(texts, vec!["# 标题", "第一行\n续行", "## 一级", "正文"]);
    }
}
