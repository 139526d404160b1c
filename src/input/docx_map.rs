//! Where the text extracted from a .docx came from in its XML: each piece
//! of `<w:t>` text with its run, and each paragraph with the places runs can
//! be inserted. Recorded only on request, for `gwlint annotate`, which
//! anchors Word comments on exactly the characters a finding flags.

use super::docx::attr;
use quick_xml::events::{BytesStart, Event};
use std::ops::Range;

/// The source map of one part (`word/document.xml`, footnotes, endnotes).
#[derive(Debug)]
pub struct PartMap {
    /// The part's name in the package.
    pub name: &'static str,
    pub xml: String,
    /// Text read from `<w:t>` elements, in text order.
    pub pieces: Vec<Piece>,
    /// Every paragraph emitted from this part.
    pub paragraphs: Vec<ParaMap>,
}

/// A stretch of extracted text that is one text or entity event of a
/// `<w:t>` element.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Byte range in the extracted text.
    pub text: Range<usize>,
    /// Byte range of the raw characters in the part's XML.
    pub xml: Range<usize>,
    /// Whether the raw XML is byte for byte the extracted text (no entity,
    /// no normalised line end), so that it can be split anywhere.
    pub exact: bool,
    /// Offset of the `<w:t` that holds it, and whether that tag already
    /// preserves spaces.
    pub tag: usize,
    pub preserves_space: bool,
    /// Whether its `<w:t>` sits in a run (`<w:r>`) that can be split.
    pub in_run: bool,
    /// Offset of that run's `<w:r`.
    pub run_start: usize,
    /// The run properties (`<w:rPr>…</w:rPr>`) of its run, in the XML.
    pub run_props: Option<Range<usize>>,
}

/// A paragraph: its line in the extracted text (numbering label included,
/// line end excluded) and where runs may be inserted in the XML (after
/// `<w:pPr>`, before `</w:p>`).
#[derive(Debug, Clone)]
pub struct ParaMap {
    pub text: Range<usize>,
    pub content: Range<usize>,
    /// In a footnote or endnote: which one ("footnote 1").
    pub note: Option<String>,
    /// The notes this paragraph refers to.
    pub note_refs: Vec<String>,
}

impl PartMap {
    pub(super) fn new(name: &'static str) -> Self {
        PartMap {
            name,
            xml: String::new(),
            pieces: Vec::new(),
            paragraphs: Vec::new(),
        }
    }

    /// Add a finished paragraph whose own text starts at `body` in the
    /// extracted text and whose line is `line`.
    pub(super) fn add(&mut self, loc: ParaLoc, body: usize, line: Range<usize>) {
        self.pieces.extend(loc.pieces.into_iter().map(|mut piece| {
            piece.text = piece.text.start + body..piece.text.end + body;
            piece
        }));
        self.paragraphs.push(ParaMap {
            text: line,
            content: loc.content,
            note: loc.note,
            note_refs: loc.note_refs,
        });
    }
}

/// A paragraph being read: pieces with text ranges relative to its own text.
#[derive(Debug, Default)]
pub(super) struct ParaLoc {
    depth: usize,
    pub(super) content: Range<usize>,
    pieces: Vec<Piece>,
    note: Option<String>,
    note_refs: Vec<String>,
}

/// Follows runs, run properties, `<w:t>` elements and notes while a part
/// is walked.
#[derive(Default)]
pub(super) struct Locator {
    /// Open runs: depth, run properties, and where the run starts.
    runs: Vec<(usize, Option<Range<usize>>, usize)>,
    rpr_start: Option<(usize, usize)>,
    tag: usize,
    preserves_space: bool,
    /// The footnote or endnote being read.
    note: Option<String>,
}

impl Locator {
    /// A paragraph starting with the tag at `range`, nested `depth` deep.
    pub(super) fn paragraph(&self, depth: usize, range: &Range<usize>) -> ParaLoc {
        ParaLoc {
            depth,
            content: range.end..range.end,
            note: self.note.clone(),
            ..ParaLoc::default()
        }
    }

    /// A `<w:t>` element starts at `range`.
    pub(super) fn text_element(&mut self, e: &BytesStart, range: &Range<usize>) {
        self.tag = range.start;
        self.preserves_space = attr(e, "xml:space").is_some_and(|v| v == "preserve");
    }

    /// Follow runs, run properties, paragraph properties and notes; `top`
    /// is the innermost open paragraph.
    pub(super) fn track(
        &mut self,
        ev: &Event,
        depth: usize,
        range: &Range<usize>,
        top: Option<&mut ParaLoc>,
    ) {
        match ev {
            Event::Start(e) => match e.name().as_ref() {
                "w:r" => self.runs.push((depth, None, range.start)),
                kind @ ("w:footnote" | "w:endnote") => {
                    self.note = Some(format!(
                        "{} {}",
                        &kind[2..],
                        attr(e, "w:id").unwrap_or_default()
                    ))
                }
                "w:rPr" if self.runs.last().is_some_and(|r| r.0 + 1 == depth) => {
                    self.rpr_start = Some((depth, range.start))
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:r" if self.runs.last().is_some_and(|r| r.0 == depth) => {
                    self.runs.pop();
                }
                "w:rPr" => {
                    if let Some((d, start)) = self.rpr_start.take_if(|(d, _)| *d == depth) {
                        if let Some(run) = self.runs.last_mut().filter(|r| r.0 + 1 == d) {
                            run.1 = Some(start..range.end);
                        }
                    }
                }
                "w:pPr" => {
                    if let Some(p) = top.filter(|p| p.depth + 1 == depth) {
                        p.content = range.end..range.end;
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                kind @ ("w:footnoteReference" | "w:endnoteReference") => {
                    if let Some(p) = top {
                        let kind = kind.trim_start_matches("w:").trim_end_matches("Reference");
                        p.note_refs
                            .push(format!("{kind} {}", attr(e, "w:id").unwrap_or_default()));
                    }
                }
                "w:pPr" => {
                    if let Some(p) = top.filter(|p| p.depth == depth) {
                        p.content = range.end..range.end;
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }

    /// Record that `text` of the paragraph's own text was read from `xml`.
    pub(super) fn piece(
        &self,
        p: &mut ParaLoc,
        text: Range<usize>,
        xml: Range<usize>,
        exact: bool,
    ) {
        if !text.is_empty() {
            p.pieces.push(Piece {
                text,
                xml,
                exact,
                tag: self.tag,
                preserves_space: self.preserves_space,
                in_run: !self.runs.is_empty(),
                run_start: self.runs.last().map_or(0, |r| r.2),
                run_props: self.runs.last().and_then(|r| r.1.clone()),
            });
        }
    }
}
