//! A plain Word document holding a text, one paragraph per line, so that a
//! .txt or .md draft can be annotated too. Body text is set in 仿宋 三号
//! (16 pt), as 公文 bodies are.

use super::markup::escape;
use super::package::MAIN_NS;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// The text as it will read back from the document: line ends removed
/// (each line is a paragraph) and characters XML cannot hold made spaces,
/// so byte offsets into the original text stay valid.
pub fn storable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => ' ',
            c => c,
        })
        .collect()
}

fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{MAIN_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#
    )
}

/// A .docx holding `text` (already passed through [`storable`]).
pub fn document(text: &str) -> Result<Vec<u8>, String> {
    let mut body = String::with_capacity(text.len() * 2);
    for line in text.split_inclusive('\n') {
        let line = line.strip_suffix('\n').unwrap_or(line);
        body.push_str("<w:p>");
        if !line.is_empty() {
            body.push_str("<w:r>");
            for (i, part) in line.split('\t').enumerate() {
                if i > 0 {
                    body.push_str("<w:tab/>");
                }
                if !part.is_empty() {
                    body.push_str(&format!(
                        "<w:t xml:space=\"preserve\">{}</w:t>",
                        escape(part)
                    ));
                }
            }
            body.push_str("</w:r>");
        }
        body.push_str("</w:p>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{MAIN_NS}\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let styles = styles();
    for (name, content) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", styles.as_str()),
        ("word/document.xml", document.as_str()),
    ] {
        zip.start_file(name, options)
            .and_then(|_| zip.write_all(content.as_bytes()).map_err(Into::into))
            .map_err(|e| format!("生成 .docx 失败：{e}"))?;
    }
    Ok(zip
        .finish()
        .map_err(|e| format!("生成 .docx 失败：{e}"))?
        .into_inner())
}
