//! Shared helpers for integration tests.
#![allow(dead_code)]

use gwlint::config::Options;
use gwlint::doc::Document;
use gwlint::input;
use std::path::{Path, PathBuf};

pub mod cmd;
#[allow(unused_imports)]
pub use cmd::{bare, configured, gwlint, gwlint_in, json_items, run, subcommand, Run, AS_OF_ARG};

/// The date every test judges outdated terms by, so results never drift.
pub const AS_OF: (u32, u32, u32) = (2026, 11, 28);

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared`, when this checkout sits beside it.
pub fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    p.is_dir().then_some(p)
}

/// Write `bytes` to `dir/name`, creating parent directories; return the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The first of `programs` that is installed (`PROGRAM --version` succeeds).
pub fn installed<'a>(programs: &[&'a str]) -> Option<&'a str> {
    programs.iter().copied().find(|p| {
        std::process::Command::new(p)
            .arg("--version")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

pub fn options() -> Options {
    Options {
        as_of: Some(AS_OF),
        ..Options::default()
    }
}

/// Lint a file and render each diagnostic as one stable line:
/// `LINE:COL rule severity 「flagged text」 message`.
pub fn render(path: &Path) -> Vec<String> {
    let text = input::read_path(path, None).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = Document::new(text);
    gwlint::lint_document(&doc, &options())
        .iter()
        .map(|d| render_one(&doc, d))
        .collect()
}

/// One diagnostic as `LINE:COL rule severity 「flagged text」 message`.
pub fn render_one(doc: &Document, d: &gwlint::diag::Diagnostic) -> String {
    let (line, col) = doc.lines.position(&doc.text, d.range.start);
    format!(
        "{line}:{col} {} {} 「{}」 {}",
        d.rule,
        d.severity.as_str(),
        &doc.text[d.range.clone()],
        d.message
    )
}

/// Escape text for WordprocessingML.
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A paragraph of Word XML whose text is split into runs of `run_len`
/// characters (so words are cut across runs, as Word often does).
pub fn word_paragraph(text: &str, run_len: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let runs: String = chars
        .chunks(run_len.max(1))
        .map(|c| {
            format!(
                "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                xml_escape(&c.iter().collect::<String>())
            )
        })
        .collect();
    format!("<w:p>{runs}</w:p>")
}

/// Wrap body XML as word/document.xml.
pub fn word_document(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>{body}</w:body></w:document>"
    )
}

/// Build a .docx (zip) from parts, deterministically (fixed timestamps).
pub fn docx(parts: &[(&str, &str)], compress: bool) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if compress {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let opts = SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(zip::DateTime::default());
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    w.start_file("[Content_Types].xml", opts).unwrap();
    w.write_all(content_types.as_bytes()).unwrap();
    for (name, content) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(content.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A .docx holding `text`, one Word paragraph per line, runs cut every 3 characters.
pub fn docx_from_text(text: &str) -> Vec<u8> {
    let body: String = text.lines().map(|l| word_paragraph(l, 3)).collect();
    docx(&[("word/document.xml", &word_document(&body))], false)
}
