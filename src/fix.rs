//! Applying fixes: choose non-overlapping edits, apply them, lint again,
//! repeat until nothing changes; then write the file back atomically in its
//! own encoding, byte order mark, line endings and permissions.

use crate::config::Options;
use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::Document;
use crate::input::{Decoded, Format, Text};
use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8};
use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;
use std::path::Path;

/// Rounds of fix-and-relint before giving up on reaching a fixed point.
const MAX_ROUNDS: usize = 10;

/// The outcome of fixing one document.
#[derive(Debug)]
pub struct Fixed {
    /// The fixed text (the source itself when nothing applied).
    pub text: String,
    /// How many diagnostics were fixed.
    pub applied: usize,
    /// The diagnostics of the fixed text.
    pub remaining: Vec<Diagnostic>,
    /// The fixed text, modelled (for reporting the remaining diagnostics).
    pub doc: Document,
}

/// Whether a diagnostic's fix may be applied in this run.
fn allowed(d: &Diagnostic, unsafe_fixes: bool) -> bool {
    match &d.fix {
        Some(f) => f.applicability == Applicability::Safe || unsafe_fixes,
        None => false,
    }
}

/// Apply the allowed fixes of `diags` to `text`: a fix whose edits overlap
/// an already chosen edit, or touch text Word generated, waits for the next
/// round. Returns the new text and how many fixes were applied.
pub fn apply(
    text: &str,
    diags: &[Diagnostic],
    generated: &[Range<usize>],
    unsafe_fixes: bool,
) -> (String, usize) {
    // Chosen edits by start offset, for overlap checks in logarithmic time.
    let mut chosen: BTreeMap<usize, &Edit> = BTreeMap::new();
    let mut applied = 0;
    let overlaps = |a: &Range<usize>, b: &Range<usize>| {
        a.start < b.end && b.start < a.end || a.start == b.start
    };
    let clashes = |chosen: &BTreeMap<usize, &Edit>, r: &Range<usize>| {
        let before = chosen.range(..=r.start).next_back().map(|(_, e)| &e.range);
        let after = chosen.range(r.start..).next().map(|(_, e)| &e.range);
        before.is_some_and(|c| overlaps(c, r)) || after.is_some_and(|c| overlaps(c, r))
    };
    for d in diags.iter().filter(|d| allowed(d, unsafe_fixes)) {
        let edits = &d.fix.as_ref().unwrap().edits;
        let clash = edits.iter().enumerate().any(|(i, e)| {
            clashes(&chosen, &e.range)
                || edits[..i].iter().any(|o| overlaps(&o.range, &e.range))
                || generated.iter().any(|g| overlaps(g, &e.range))
        });
        let valid = edits.iter().all(|e| {
            e.range.end <= text.len()
                && text.is_char_boundary(e.range.start)
                && text.is_char_boundary(e.range.end)
        });
        if !clash && valid {
            for e in edits {
                chosen.insert(e.range.start, e);
            }
            applied += 1;
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in chosen.into_values() {
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.replacement);
        pos = e.range.end;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

/// Fix a document until no allowed fix is left (or `MAX_ROUNDS` pass).
pub fn fix_document(doc: Document, options: &Options, unsafe_fixes: bool) -> Fixed {
    let mut doc = doc;
    let mut diags = crate::lint_document(&doc, options);
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let (text, n) = apply(doc.source(), &diags, &doc.generated, unsafe_fixes);
        if n == 0 || text == doc.source() {
            break;
        }
        applied += n;
        doc = Document::with_packs(
            Text {
                name: doc.name.clone(),
                text,
                format: doc.format,
                encoding: doc.encoding,
                generated: doc.generated.clone(),
            },
            options.packs(),
        );
        diags = crate::lint_document(&doc, options);
    }
    Fixed {
        text: doc.source().to_string(),
        applied,
        remaining: diags,
        doc,
    }
}

/// Encode text the way the file was encoded, refusing when that cannot be
/// done exactly (a character the encoding cannot hold).
pub fn encode(text: &str, enc: Decoded) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() + 3);
    if enc.encoding == UTF_16LE || enc.encoding == UTF_16BE {
        let le = enc.encoding == UTF_16LE;
        if enc.bom {
            out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for u in text.encode_utf16() {
            out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        return Ok(out);
    }
    if enc.encoding == UTF_8 {
        if enc.bom {
            out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
        }
        out.extend_from_slice(text.as_bytes());
        return Ok(out);
    }
    let (bytes, _, unmappable) = enc.encoding.encode(text);
    if unmappable {
        return Err(format!(
            "修复后的文字含有 {} 编码无法表示的字符",
            enc.encoding.name()
        ));
    }
    out.extend_from_slice(&bytes);
    Ok(out)
}

/// Write `text` over `path` atomically: a temporary file in the same
/// directory, the original permissions, owner and group, then a rename.
/// Refused, leaving the file untouched, when the file is read-only, when
/// it changed since it was read (an edit made meanwhile would be lost),
/// when its owner cannot be kept, or when the original bytes do not
/// round-trip through the encoding (so that nothing but the edits changes).
pub fn write_back(
    path: &Path,
    original_text: &str,
    fixed: &str,
    enc: Decoded,
) -> Result<(), String> {
    // Through a symbolic link, fix the file it points to and keep the link.
    let target = std::fs::canonicalize(path).map_err(|e| format!("无法定位文件：{e}"))?;
    let path = target.as_path();
    let meta = std::fs::metadata(path).map_err(|e| format!("无法读取文件属性：{e}"))?;
    if meta.permissions().readonly() {
        return Err("文件是只读的，未修改（如需修复，请先取消只读）".to_string());
    }
    unchanged_since_read(path, original_text, enc)?;
    if encode(original_text, enc)?
        != std::fs::read(path).map_err(|e| format!("无法重新读取：{e}"))?
    {
        return Err(format!(
            "按 {} 编码无法原样写回（文件含有无法往返转换的字节），未修改",
            enc.name()
        ));
    }
    let bytes = encode(fixed, enc)?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp =
        tempfile::NamedTempFile::new_in(dir).map_err(|e| format!("无法创建临时文件：{e}"))?;
    tmp.write_all(&bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| format!("写入临时文件失败：{e}"))?;
    keep_owner(tmp.as_file(), &meta)?;
    std::fs::set_permissions(tmp.path(), meta.permissions())
        .map_err(|e| format!("无法设置权限：{e}"))?;
    // Last look before replacing: an edit made while the fix was computed
    // or written is never overwritten.
    unchanged_since_read(path, original_text, enc)?;
    tmp.persist(path)
        .map_err(|e| format!("无法替换原文件：{}", e.error))?;
    Ok(())
}

/// Whether the file still holds the text that was checked.
fn unchanged_since_read(path: &Path, original_text: &str, enc: Decoded) -> Result<(), String> {
    let now = std::fs::read(path).map_err(|e| format!("无法重新读取：{e}"))?;
    let same =
        crate::input::decode(now, Some(enc.encoding)).is_ok_and(|(text, _)| text == original_text);
    if same {
        Ok(())
    } else {
        Err("文件在检查期间被修改过，未写入修复，以免覆盖新的改动；请重新运行".to_string())
    }
}

/// Give the new file the original's owner and group; refuse when that is
/// not allowed (the file would otherwise change hands).
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, meta: &std::fs::Metadata) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let now = file.metadata().map_err(|e| e.to_string())?;
    if now.uid() == meta.uid() && now.gid() == meta.gid() {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).map_err(|e| {
        format!(
            "无法保持文件的所有者（{}:{}），未修改：{e}",
            meta.uid(),
            meta.gid()
        )
    })
}

#[cfg(not(unix))]
fn keep_owner(_file: &std::fs::File, _meta: &std::fs::Metadata) -> Result<(), String> {
    Ok(())
}

/// Whether gwlint may write fixes into files of this format.
pub fn writable(format: Format) -> bool {
    format != Format::Docx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::with_edit as edit;

    #[test]
    fn overlapping_and_unsafe_fixes_wait() {
        let text = "甲,乙;丙";
        let diags = vec![
            edit(3..4, "，", Applicability::Safe),
            edit(3..4, "、", Applicability::Safe),
            edit(7..8, "；", Applicability::Unsafe),
        ];
        assert_eq!(
            apply(text, &diags, &[], false),
            ("甲，乙;丙".to_string(), 1)
        );
        assert_eq!(
            apply(text, &diags, &[], true),
            ("甲，乙；丙".to_string(), 2)
        );
        // Generated text (Word numbering) is never edited.
        let generated = vec![Range { start: 3, end: 4 }];
        assert_eq!(apply(text, &diags, &generated, true).1, 1);
    }

    #[test]
    fn an_edit_made_during_the_run_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        // What gwlint read, then what the user saved meanwhile.
        let checked = "甲,乙\n";
        std::fs::write(&p, "甲,乙\n用户刚加的一行\n").unwrap();
        let err = write_back(&p, checked, "甲，乙\n", Decoded::UTF8).unwrap_err();
        assert!(err.contains("检查期间被修改"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "甲,乙\n用户刚加的一行\n"
        );
        // Unchanged, the fix is written.
        std::fs::write(&p, checked).unwrap();
        write_back(&p, checked, "甲，乙\n", Decoded::UTF8).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "甲，乙\n");
    }

    #[test]
    fn encodings_round_trip() {
        for enc in [
            Decoded {
                encoding: UTF_8,
                bom: true,
            },
            Decoded {
                encoding: encoding_rs::GB18030,
                bom: false,
            },
            Decoded {
                encoding: UTF_16LE,
                bom: true,
            },
            Decoded {
                encoding: UTF_16BE,
                bom: false,
            },
        ] {
            let bytes = encode("通知，第一行\r\n", enc).unwrap();
            let (text, got) = crate::input::decode(bytes, Some(enc.encoding)).unwrap();
            assert_eq!(text, "通知，第一行\r\n");
            assert_eq!(got.encoding, enc.encoding);
        }
        assert!(encode(
            "한국어",
            Decoded {
                encoding: encoding_rs::BIG5,
                bom: false
            }
        )
        .is_err());
    }
}
