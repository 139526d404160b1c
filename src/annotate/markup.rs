//! Comment markers inserted into a part's XML, and the comments themselves.
//! Runs are split where a comment starts or ends inside their text; the
//! second half gets a copy of the run's properties, so formatting is kept.

use super::anchor::{Anchor, Point};
use crate::input::docx_map::PartMap;
use std::collections::BTreeMap;

/// One comment to write: its anchor and its paragraphs of text.
pub struct Comment {
    pub id: u64,
    pub anchor: Anchor,
    pub paragraphs: Vec<String>,
}

/// Escape text for XML content and attribute values; characters XML 1.0
/// cannot hold become U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// What goes at one position: markers, and whether the run is split there.
#[derive(Default)]
struct Insertion {
    split: Option<usize>,
    /// (order, markup): ends of earlier comments, then starts, then ends of
    /// empty comments.
    markers: Vec<(u8, u64, String)>,
}

fn range_start(id: u64) -> String {
    format!("<w:commentRangeStart w:id=\"{id}\"/>")
}

fn range_end(id: u64) -> String {
    format!("<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>")
}

/// A point at the very start or end of a run's only text moves out of the
/// run, so that no run is split into an empty half.
fn outside_run(part: &PartMap, point: Point) -> Point {
    let Point::InText { pos, piece } = point else {
        return point;
    };
    let xml = &part.xml;
    let p = &part.pieces[piece];
    let after = &xml[pos..];
    if after.starts_with("</w:t></w:r>") {
        return Point::Between {
            pos: pos + "</w:t></w:r>".len(),
        };
    }
    // Only `<w:r …>`, run properties and `<w:t …>` before the point.
    let tag_end = xml[p.tag..].find('>').map_or(usize::MAX, |i| p.tag + i + 1);
    if pos == tag_end {
        let mut head = xml[p.run_start..p.tag].to_string();
        if let Some(props) = &p.run_props {
            head = head.replacen(&xml[props.clone()], "", 1);
        }
        if head.matches('<').count() == 1 && !head.ends_with("/>") {
            return Point::Between { pos: p.run_start };
        }
    }
    point
}

/// The part's XML with the markers of `comments` (all anchored in it).
pub fn mark_part(part: &PartMap, comments: &[&Comment]) -> String {
    let xml = &part.xml;
    let mut at: BTreeMap<usize, Insertion> = BTreeMap::new();
    // `<w:t` tags that must start preserving spaces once split.
    let mut tags: BTreeMap<usize, ()> = BTreeMap::new();
    for c in comments {
        let empty = c.anchor.start == c.anchor.end;
        for (point, is_start) in [(c.anchor.start, true), (c.anchor.end, false)] {
            let point = if empty {
                point
            } else {
                outside_run(part, point)
            };
            let slot = at.entry(point.pos()).or_default();
            if let Point::InText { piece, .. } = point {
                slot.split = Some(piece);
                let p = &part.pieces[piece];
                if !p.preserves_space {
                    tags.insert(p.tag, ());
                }
            }
            let order = match (is_start, empty) {
                (false, false) => 0,
                (true, _) => 1,
                (false, true) => 2,
            };
            let markup = if is_start {
                range_start(c.id)
            } else {
                range_end(c.id)
            };
            slot.markers.push((order, c.id, markup));
        }
    }
    let mut out = String::with_capacity(xml.len() + at.len() * 160);
    let mut last = 0;
    let mut edits: Vec<(usize, String)> = tags
        .keys()
        .map(|&tag| (tag + "<w:t".len(), " xml:space=\"preserve\"".to_string()))
        .collect();
    for (pos, mut ins) in at {
        ins.markers.sort_by_key(|m| (m.0, m.1));
        let markers: String = ins.markers.into_iter().map(|m| m.2).collect();
        let text = match ins.split {
            Some(piece) => {
                let props = part.pieces[piece].run_props.clone().map_or("", |r| &xml[r]);
                format!("</w:t></w:r>{markers}<w:r>{props}<w:t xml:space=\"preserve\">")
            }
            None => markers,
        };
        edits.push((pos, text));
    }
    edits.sort_by_key(|e| e.0);
    for (pos, text) in edits {
        out.push_str(&xml[last..pos]);
        out.push_str(&text);
        last = pos;
    }
    out.push_str(&xml[last..]);
    out
}

/// `<w:comment>` elements for comments.xml.
pub fn comment_elements(comments: &[Comment], author: &str) -> String {
    let author = escape(author);
    let initials: String = author.chars().take(2).collect();
    let mut out = String::new();
    for c in comments {
        out.push_str(&format!(
            "<w:comment w:id=\"{}\" w:author=\"{author}\" w:initials=\"{initials}\">",
            c.id
        ));
        for (i, text) in c.paragraphs.iter().enumerate() {
            out.push_str("<w:p>");
            if i == 0 {
                out.push_str("<w:r><w:annotationRef/></w:r>");
            }
            out.push_str(&format!(
                "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(text)
            ));
        }
        out.push_str("</w:comment>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::docx_map::{ParaMap, Piece};

    fn part() -> PartMap {
        let xml = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>甲乙丙</w:t></w:r></w:p>".to_string();
        let t = xml.find("<w:t>").unwrap();
        let text = t + "<w:t>".len();
        PartMap {
            name: "word/document.xml",
            pieces: vec![Piece {
                text: 0..9,
                xml: text..text + 9,
                exact: true,
                tag: t,
                preserves_space: false,
                in_run: true,
                run_start: 5,
                run_props: Some(xml.find("<w:rPr>").unwrap()..t),
            }],
            paragraphs: vec![ParaMap {
                text: 0..9,
                content: 5..xml.len() - 6,
                note: None,
                note_refs: Vec::new(),
            }],
            xml,
        }
    }

    #[test]
    fn runs_are_split_with_their_properties() {
        let p = part();
        let start = p.pieces[0].xml.start;
        let c = Comment {
            id: 7,
            anchor: Anchor {
                part: 0,
                start: Point::InText {
                    pos: start + 3,
                    piece: 0,
                },
                end: Point::InText {
                    pos: start + 6,
                    piece: 0,
                },
                on_paragraph: false,
                in_note: None,
            },
            paragraphs: vec!["[x] y".into()],
        };
        assert_eq!(
            mark_part(&p, &[&c]),
            "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">甲</w:t></w:r>\
<w:commentRangeStart w:id=\"7\"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">乙</w:t></w:r>\
<w:commentRangeEnd w:id=\"7\"/><w:r><w:commentReference w:id=\"7\"/></w:r>\
<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">丙</w:t></w:r></w:p>"
        );
        let elements = comment_elements(&[c], "办公室<&>");
        assert!(
            elements.starts_with("<w:comment w:id=\"7\" w:author=\"办公室&lt;&amp;&gt;\""),
            "{elements}"
        );
        assert!(elements.contains("<w:annotationRef/>") && elements.contains("[x] y"));
    }

    #[test]
    fn comments_on_whole_runs_do_not_split_them() {
        let p = part();
        let start = p.pieces[0].xml.start;
        let c = Comment {
            id: 1,
            anchor: Anchor {
                part: 0,
                start: Point::InText {
                    pos: start,
                    piece: 0,
                },
                end: Point::InText {
                    pos: start + 9,
                    piece: 0,
                },
                on_paragraph: false,
                in_note: None,
            },
            paragraphs: vec!["x".into()],
        };
        assert_eq!(
            mark_part(&p, &[&c]),
            "<w:p><w:commentRangeStart w:id=\"1\"/><w:r><w:rPr><w:b/></w:rPr><w:t>甲乙丙</w:t></w:r>\
<w:commentRangeEnd w:id=\"1\"/><w:r><w:commentReference w:id=\"1\"/></w:r></w:p>"
        );
    }

    #[test]
    fn escapes_markup_and_characters_xml_cannot_hold() {
        assert_eq!(
            escape("<a href=\"x\">&\u{1}</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;\u{FFFD}&lt;/a&gt;"
        );
    }
}
