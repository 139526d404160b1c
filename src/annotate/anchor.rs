//! Where in the XML a comment on a span of extracted text begins and ends.
//! A span is anchored on exactly its characters when both ends fall in
//! text Word stores in `<w:t>`; a span touching generated numbering, or
//! whose ends fall where no run can be split, is anchored on its whole
//! paragraph. A span running over several paragraphs ends with its first.
//! A span in a footnote or endnote is anchored on the body paragraph that
//! refers to the note (LibreOffice cannot open comments inside notes).

use crate::input::docx_map::{ParaMap, PartMap, Piece};
use std::ops::Range;

/// A place in a part's XML where comment markers can go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    /// Inside the text of a `<w:t>`: its run is split there. `piece`
    /// indexes the part's pieces.
    InText { pos: usize, piece: usize },
    /// Between runs, at paragraph level.
    Between { pos: usize },
}

impl Point {
    pub fn pos(self) -> usize {
        match self {
            Point::InText { pos, .. } | Point::Between { pos } => pos,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub part: usize,
    pub start: Point,
    pub end: Point,
    /// Whether the comment covers its whole paragraph instead of the span.
    pub on_paragraph: bool,
    /// Set when the span is in a note: "脚注" or "尾注".
    pub in_note: Option<&'static str>,
}

/// The whole body paragraph referring to the note holding `para`, or the
/// first body paragraph when no reference is found.
fn note_anchor(parts: &[PartMap], para: &ParaMap) -> Option<Anchor> {
    let body = parts.first()?;
    let key = para.note.as_deref().unwrap_or("");
    let target = body
        .paragraphs
        .iter()
        .find(|p| p.note_refs.iter().any(|r| r == key))
        .or(body.paragraphs.first())?;
    Some(Anchor {
        part: 0,
        start: Point::Between {
            pos: target.content.start,
        },
        end: Point::Between {
            pos: target.content.end,
        },
        on_paragraph: true,
        in_note: Some(if key.starts_with("endnote") {
            "尾注"
        } else {
            "脚注"
        }),
    })
}

/// The paragraph holding `offset`, as (part, index).
fn paragraph_of(parts: &[PartMap], offset: usize) -> Option<(usize, usize)> {
    parts.iter().enumerate().find_map(|(pi, part)| {
        let i = part.paragraphs.partition_point(|p| p.text.start <= offset);
        let p: &ParaMap = part.paragraphs.get(i.checked_sub(1)?)?;
        (offset <= p.text.end).then_some((pi, i - 1))
    })
}

/// Whether a piece can be split inside.
fn splittable(p: &Piece) -> bool {
    p.in_run
}

/// The point at text offset `at` inside piece `i`: `start` tells whether
/// it opens the span (an entity is then covered whole).
fn point_in(pieces: &[Piece], i: usize, at: usize, start: bool) -> Point {
    let p = &pieces[i];
    let pos = if p.exact {
        p.xml.start + (at - p.text.start)
    } else if start {
        p.xml.start
    } else {
        p.xml.end
    };
    Point::InText { pos, piece: i }
}

/// Anchor the span `range` of the extracted text.
pub fn anchor(
    parts: &[PartMap],
    generated: &[Range<usize>],
    range: Range<usize>,
) -> Option<Anchor> {
    let (part_index, para_index) = paragraph_of(parts, range.start)?;
    let part = &parts[part_index];
    let para = &part.paragraphs[para_index];
    if part_index > 0 {
        return note_anchor(parts, para);
    }
    let whole = Anchor {
        part: part_index,
        start: Point::Between {
            pos: para.content.start,
        },
        end: Point::Between {
            pos: para.content.end,
        },
        on_paragraph: true,
        in_note: None,
    };
    let touches_generated = generated
        .iter()
        .any(|g| g.start < range.end.max(range.start + 1) && range.start < g.end);
    if touches_generated {
        return Some(whole);
    }
    // The span within this paragraph only.
    let end = range.end.min(para.text.end).max(range.start);
    let pieces = &part.pieces;
    // Pieces of this paragraph that the span touches.
    let first = pieces.partition_point(|p| p.text.end <= range.start);
    let inside: Vec<usize> = (first..pieces.len())
        .take_while(|&i| pieces[i].text.start < end.max(range.start + 1))
        .filter(|&i| pieces[i].text.start >= para.text.start && pieces[i].text.end <= para.text.end)
        .collect();
    let (Some(&a), Some(&b)) = (inside.first(), inside.last()) else {
        return Some(whole);
    };
    if !splittable(&pieces[a]) || !splittable(&pieces[b]) {
        return Some(whole);
    }
    let start = point_in(pieces, a, range.start.max(pieces[a].text.start), true);
    let stop = if end == range.start {
        start
    } else {
        point_in(pieces, b, end.min(pieces[b].text.end), false)
    };
    Some(Anchor {
        part: part_index,
        start,
        end: stop,
        on_paragraph: false,
        in_note: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::docx::extract_located;

    fn located(body: &str) -> (crate::input::docx::Extracted, Vec<PartMap>) {
        use std::io::Write;
        let xml = format!(
            "<w:document xmlns:w=\"{}\"><w:body>{body}</w:body></w:document>",
            super::super::package::MAIN_NS
        );
        let numbering = "<w:numbering><w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl></w:abstractNum><w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num></w:numbering>";
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        for (name, content) in [
            ("word/document.xml", xml.as_str()),
            ("word/numbering.xml", numbering),
        ] {
            zip.start_file(name, opts).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        extract_located(&zip.finish().unwrap().into_inner()).unwrap()
    }

    #[test]
    fn spans_in_runs_are_anchored_on_their_characters() {
        let (e, parts) = located(
            "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>甲乙</w:t></w:r><w:r><w:t>丙丁</w:t></w:r></w:p>",
        );
        assert_eq!(e.text, "甲乙丙丁\n");
        // 乙丙: from inside the first run to inside the second.
        let a = anchor(&parts, &e.generated, 3..9).unwrap();
        assert!(!a.on_paragraph);
        let xml = &parts[0].xml;
        let (Point::InText { pos: s, piece: 0 }, Point::InText { pos: t, piece: 1 }) =
            (a.start, a.end)
        else {
            panic!("{a:?}");
        };
        assert!(xml[s..].starts_with("乙</w:t>"), "{}", &xml[s..]);
        assert!(xml[t..].starts_with("丁</w:t>"), "{}", &xml[t..]);
        assert_eq!(
            parts[0].pieces[0].run_props.clone().map(|r| &xml[r]),
            Some("<w:rPr><w:b/></w:rPr>")
        );
    }

    #[test]
    fn entities_are_covered_whole() {
        let (e, parts) = located("<w:p><w:r><w:t>甲&amp;乙</w:t></w:r></w:p>");
        assert_eq!(e.text, "甲&乙\n");
        let a = anchor(&parts, &e.generated, 3..4).unwrap();
        let xml = &parts[0].xml;
        assert_eq!(&xml[a.start.pos()..a.end.pos()], "&amp;");
    }

    #[test]
    fn generated_numbering_and_unsplittable_places_go_on_the_paragraph() {
        let (e, parts) = located(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>基本情况</w:t></w:r></w:p>",
        );
        assert_eq!(e.text, "一、基本情况\n");
        let a = anchor(&parts, &e.generated, 0..6).unwrap();
        assert!(a.on_paragraph);
        let xml = &parts[0].xml;
        let (Point::Between { pos: s }, Point::Between { pos: t }) = (a.start, a.end) else {
            panic!("{a:?}");
        };
        assert!(xml[..s].ends_with("</w:pPr>"), "{}", &xml[..s]);
        assert!(xml[t..].starts_with("</w:p>"));
        // Text after the label is still anchored exactly.
        let b = anchor(&parts, &e.generated, 6..12).unwrap();
        assert!(!b.on_paragraph);
    }

    #[test]
    fn a_span_over_two_paragraphs_ends_with_the_first() {
        let (e, parts) =
            located("<w:p><w:r><w:t>甲乙</w:t></w:r></w:p><w:p><w:r><w:t>丙</w:t></w:r></w:p>");
        let a = anchor(&parts, &e.generated, 3..10).unwrap();
        let xml = &parts[0].xml;
        assert!(
            xml[a.end.pos()..].starts_with("</w:t></w:r></w:p><w:p>"),
            "{}",
            &xml[a.end.pos()..]
        );
    }
}
