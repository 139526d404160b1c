//! `gwlint annotate`: a copy of a draft as a Word document with a comment
//! (批注) on every finding, anchored on exactly the flagged characters. The
//! document's text is not changed — runs are split where a comment starts
//! or ends, keeping their formatting — so linting the copy gives the same
//! findings at the same places; existing comments and tracked changes stay.
//! A .txt or .md draft becomes a plain Word document of its text.
//!
//! The anchors come from the same .docx reader that linting uses
//! ([`crate::input::docx::extract_located`]); before anything is written
//! the new document is read back and must give exactly the same text.

mod anchor;
mod markup;
mod package;
mod plain;

use crate::diag::Diagnostic;
use crate::input::docx;
use crate::input::Format;
use crate::report::suggest::suggestion;
use markup::Comment;
use std::collections::HashMap;
use std::path::Path;

/// What was written.
#[derive(Debug)]
pub struct Annotated {
    pub bytes: Vec<u8>,
    pub comments: usize,
    /// Comments put on a whole paragraph (generated numbering and the like).
    pub on_paragraph: usize,
}

/// The paragraphs of the comment for one diagnostic.
fn comment_text(text: &str, d: &Diagnostic) -> Vec<String> {
    let mut paragraphs = vec![format!("[{}] {}", d.rule, d.message)];
    paragraphs.extend(suggestion(text, d, false));
    paragraphs.extend(d.labels.iter().map(|l| {
        let quoted: String = text
            .get(l.range.clone())
            .unwrap_or("")
            .chars()
            .take(20)
            .collect();
        format!("“{quoted}”：{}", l.message)
    }));
    paragraphs.extend(d.notes.iter().cloned());
    paragraphs
}

/// Annotate the document `bytes` (a .docx) whose extracted text is `text`
/// with `diags` (byte ranges into `text`).
pub fn annotate_docx(
    bytes: &[u8],
    text: &str,
    diags: &[Diagnostic],
    author: &str,
) -> Result<Annotated, String> {
    let (extracted, parts) = docx::extract_located(bytes).map_err(|e| e.to_string())?;
    if extracted.text != text {
        return Err("内部错误：重新读取的文字与检查时不同，未写出".to_string());
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("不是有效的 .docx（zip）文件：{e}"))?;
    let existing_comments = package::read_text(&mut zip, "word/comments.xml")?.unwrap_or_default();
    let mut texts: Vec<&str> = parts.iter().map(|p| p.xml.as_str()).collect();
    texts.push(&existing_comments);
    let first_id = package::max_id(&texts).map_or(0, |m| m + 1);

    let mut comments = Vec::new();
    for d in diags {
        let Some(anchor) = anchor::anchor(&parts, &extracted.generated, d.range.clone()) else {
            continue;
        };
        let mut paragraphs = comment_text(text, d);
        let flagged: String = text
            .get(d.range.clone())
            .unwrap_or("")
            .chars()
            .take(20)
            .collect();
        if let Some(note) = anchor.in_note {
            paragraphs.insert(0, format!("（在本段的{note}中：“{flagged}”）"));
        } else if anchor.on_paragraph {
            paragraphs.push(format!(
                "（问题在“{flagged}”，涉及 Word 自动编号，批注标在整段上；编号请在 Word 中调整）"
            ));
        }
        comments.push(Comment {
            id: first_id + comments.len() as u64,
            anchor,
            paragraphs,
        });
    }
    let on_paragraph = comments.iter().filter(|c| c.anchor.on_paragraph).count();
    let mut changed = HashMap::new();
    for (i, part) in parts.iter().enumerate() {
        let here: Vec<&Comment> = comments.iter().filter(|c| c.anchor.part == i).collect();
        if !here.is_empty() {
            changed.insert(part.name, markup::mark_part(part, &here));
        }
    }
    let out = package::rewrite(
        bytes,
        package::Changes {
            parts: changed,
            comments: markup::comment_elements(&comments, author),
        },
    )?;
    // The copy must read back as exactly the same text.
    let back =
        docx::extract(&out).map_err(|e| format!("内部错误：生成的文件无法读取（{e}），未写出"))?;
    if back.text != text {
        return Err("内部错误：批注改变了文档文字，未写出".to_string());
    }
    Ok(Annotated {
        bytes: out,
        comments: comments.len(),
        on_paragraph,
    })
}

/// Annotate a checked document: .docx in place of its own bytes, other
/// formats as a plain Word document of their text.
pub fn annotate(
    format: Format,
    bytes: &[u8],
    text: &str,
    diags: &[Diagnostic],
    author: &str,
) -> Result<Annotated, String> {
    if format == Format::Docx {
        return annotate_docx(bytes, text, diags, author);
    }
    let mut stored = plain::storable(text);
    if !stored.ends_with('\n') {
        stored.push('\n');
    }
    let plain = plain::document(&stored)?;
    let diags: Vec<Diagnostic> = diags
        .iter()
        .map(|d| Diagnostic {
            range: d.range.start.min(stored.len())..d.range.end.min(stored.len()),
            ..d.clone()
        })
        .collect();
    annotate_docx(&plain, &stored, &diags, author)
}

/// Refuse to write over the input (directly or through a link).
pub fn check_output(input: &Path, output: &Path) -> Result<(), String> {
    if let (Ok(a), Ok(b)) = (input.canonicalize(), output.canonicalize()) {
        if a == b {
            return Err(format!(
                "输出文件 {} 就是输入文件：annotate 从不修改原稿，请另选输出文件名",
                output.display()
            ));
        }
    }
    Ok(())
}

/// Write `bytes` to `output` atomically (a temporary file in the same
/// directory, then renamed).
pub fn write(output: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let dir = match output.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("无法在 {} 中创建临时文件：{e}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| format!("写入 {} 失败：{e}", output.display()))?;
    tmp.persist(output)
        .map_err(|e| format!("写入 {} 失败：{}", output.display(), e.error))?;
    Ok(())
}
