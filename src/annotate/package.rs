//! Rewriting a .docx package: changed parts replaced, the comments part
//! created or extended, its relationship and content type declared; every
//! other entry copied byte for byte.

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;

pub const MAIN_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";
const CONTENT_TYPES: &str = "[Content_Types].xml";

/// Read a (small, already size-checked) part as text.
pub fn read_text(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let mut f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("无法读取 {name}：{e}")),
    };
    let mut s = String::new();
    f.read_to_string(&mut s)
        .map_err(|e| format!("无法读取 {name}：{e}"))?;
    Ok(Some(s))
}

/// The value of attribute `name` in the start tag `tag`.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=");
    let at = tag.find(&key)? + key.len();
    let quote = tag[at..].chars().next()?;
    let rest = &tag[at + 1..];
    Some(&rest[..rest.find(quote)?])
}

/// The comments part named by the document's relationships, if any.
fn comments_target(rels: &str) -> Option<String> {
    rels.split("<Relationship ")
        .skip(1)
        .map(|r| &r[..r.find('>').unwrap_or(r.len())])
        .find(|r| attribute(&format!(" {r}"), "Type") == Some(COMMENTS_REL))
        .and_then(|r| attribute(&format!(" {r}"), "Target").map(str::to_string))
        .map(|t| match t.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("word/{t}"),
        })
}

/// Highest `w:id` used in any of `texts` (comments, bookmarks, revisions).
pub fn max_id(texts: &[&str]) -> Option<u64> {
    texts
        .iter()
        .flat_map(|t| t.split("w:id=\"").skip(1))
        .filter_map(|rest| rest[..rest.find('"')?].parse::<u64>().ok())
        .max()
}

/// What changes in the package.
pub struct Changes {
    /// Replaced parts, by name.
    pub parts: HashMap<&'static str, String>,
    /// `<w:comment>` elements to add.
    pub comments: String,
}

/// Write the new package.
pub fn rewrite(bytes: &[u8], mut changes: Changes) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("不是有效的 .docx（zip）文件：{e}"))?;
    let rels = read_text(&mut zip, DOCUMENT_RELS)?.unwrap_or_else(|| {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>".to_string()
    });
    let types = read_text(&mut zip, CONTENT_TYPES)?
        .ok_or("缺少 [Content_Types].xml，不是有效的 Word 文档")?;
    let (comments_name, rels) = match comments_target(&rels) {
        Some(name) => (name, None),
        None => {
            let mut id = 1;
            while rels.contains(&format!("Id=\"rIdGwlint{id}\"")) {
                id += 1;
            }
            let rel = format!(
                "<Relationship Id=\"rIdGwlint{id}\" Type=\"{COMMENTS_REL}\" Target=\"comments.xml\"/>"
            );
            let at = rels
                .rfind("</Relationships>")
                .ok_or("word/_rels/document.xml.rels 格式错误")?;
            (
                "word/comments.xml".to_string(),
                Some(format!("{}{rel}{}", &rels[..at], &rels[at..])),
            )
        }
    };
    let comments = match read_text(&mut zip, &comments_name)? {
        Some(existing) => {
            let at = existing
                .rfind("</w:comments>")
                .ok_or_else(|| format!("{comments_name} 格式错误：找不到 </w:comments>"))?;
            format!("{}{}{}", &existing[..at], changes.comments, &existing[at..])
        }
        None => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"{MAIN_NS}\">{}</w:comments>",
            changes.comments
        ),
    };
    let part_name = format!("/{comments_name}");
    let types = if types.contains(&format!("PartName=\"{part_name}\"")) {
        None
    } else {
        let at = types
            .rfind("</Types>")
            .ok_or("[Content_Types].xml 格式错误")?;
        Some(format!(
            "{}<Override PartName=\"{part_name}\" ContentType=\"{COMMENTS_TYPE}\"/>{}",
            &types[..at],
            &types[at..]
        ))
    };

    let mut replaced: HashMap<String, String> = changes
        .parts
        .drain()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    replaced.insert(comments_name.clone(), comments);
    if let Some(r) = rels {
        replaced.insert(DOCUMENT_RELS.to_string(), r);
    }
    if let Some(t) = types {
        replaced.insert(CONTENT_TYPES.to_string(), t);
    }

    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let werr = |e: zip::result::ZipError| format!("写出 .docx 失败：{e}");
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| format!("无法读取 .docx：{e}"))?;
        let name = entry
            .name()
            .map_err(|e| format!("无法读取 .docx：{e}"))?
            .to_string();
        match replaced.remove(&name) {
            Some(text) => {
                drop(entry);
                out.start_file(name, options).map_err(werr)?;
                out.write_all(text.as_bytes())
                    .map_err(|e| format!("写出 .docx 失败：{e}"))?;
            }
            None => out.raw_copy_file(entry).map_err(werr)?,
        }
    }
    // Parts that did not exist before (a new comments part, new rels).
    let mut new: Vec<(String, String)> = replaced.into_iter().collect();
    new.sort();
    for (name, text) in new {
        out.start_file(name, options).map_err(werr)?;
        out.write_all(text.as_bytes())
            .map_err(|e| format!("写出 .docx 失败：{e}"))?;
    }
    Ok(out.finish().map_err(werr)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_comments_relationship_in_any_attribute_order() {
        let rels = format!(
            "<Relationships><Relationship Id=\"rId1\" Type=\"x/styles\" Target=\"styles.xml\"/><Relationship Target=\"notes/c.xml\" Type=\"{COMMENTS_REL}\" Id=\"rId9\"/></Relationships>"
        );
        assert_eq!(comments_target(&rels).as_deref(), Some("word/notes/c.xml"));
        assert_eq!(comments_target("<Relationships></Relationships>"), None);
    }

    #[test]
    fn highest_id() {
        assert_eq!(
            max_id(&[
                "<w:ins w:id=\"4\"/><w:x w:id=\"12\"/>",
                "w:id=\"-1\" w:id=\"7\""
            ]),
            Some(12)
        );
        assert_eq!(max_id(&["<w:p/>"]), None);
    }
}
