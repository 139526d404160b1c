//! Hostile and broken Word files: each is refused with a message naming
//! it, or read within bounds; a good file in the same run is still reported.

use crate::common;

use crate::common::{docx, word_document, word_paragraph};
use gwlint::input::docx::{extract, extract_with};
use std::fs;
use std::path::Path;

const GOOD: &str = "关于做好防汛工作的通知\n\n请于X月X日前报送材料。\n";

/// Run on `bad.docx` and good.txt; return exit code and short output.
fn run_with_good(bytes: &[u8]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    fs::write(dir.path().join("bad.docx"), bytes).unwrap();
    let common::Run {
        code,
        stdout,
        stderr,
    } = common::run(
        common::gwlint_in(dir.path()).args(["--format", "short", "bad.docx", "good.txt"]),
    );
    assert!(
        stdout.contains("good.txt:3:3: error[placeholder]"),
        "good file not reported:\n{stdout}{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    (code, stdout, stderr)
}

fn assert_refused(bytes: &[u8], why: &str) {
    let (code, stdout, _) = run_with_good(bytes);
    assert_eq!(code, Some(2), "{stdout}");
    let line = stdout
        .lines()
        .find(|l| l.starts_with("bad.docx:1:1: error[io]"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(line.contains(why), "{line}");
}

fn sample() -> Vec<u8> {
    docx(
        &[(
            "word/document.xml",
            &word_document(&word_paragraph("关于开会的通知", 2)),
        )],
        true,
    )
}

#[test]
fn a_truncated_docx_is_refused() {
    let whole = sample();
    assert_refused(&whole[..whole.len() / 2], "不是有效的 .docx");
}

#[test]
fn xml_that_is_not_well_formed_is_refused() {
    let bytes = docx(
        &[(
            "word/document.xml",
            "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>通知</w:r></w:p></w:body></w:document>",
        )],
        false,
    );
    assert_refused(&bytes, "XML 格式错误");
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_expanded() {
    let body = word_document(&" ".repeat(20 * 1024 * 1024));
    let bytes = docx(&[("word/document.xml", &body)], true);
    assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
    assert_refused(&bytes, "word/document.xml");
}

#[test]
fn entity_definitions_are_not_expanded() {
    let mut dtd = String::from("<!DOCTYPE w:document [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    dtd.push(']');
    dtd.push('>');
    let xml = format!(
        "<?xml version=\"1.0\"?>{dtd}<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>通知&lol9;结束</w:t></w:r></w:p></w:body></w:document>"
    );
    let bytes = docx(&[("word/document.xml", &xml)], true);
    let text = extract(&bytes).unwrap().text;
    assert_eq!(text, "通知结束\n");
    let (code, _, _) = run_with_good(&bytes);
    assert_eq!(code, Some(1));
}

/// Numbering whose level text repeats %1 a thousand times, at the largest
/// number, in its widest format: gigabytes if expanded naively.
fn numbering_bomb(paragraphs: usize) -> Vec<u8> {
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="32767"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="{}"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#,
        "%1".repeat(1000)
    );
    let para = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>";
    let body = word_document(&para.repeat(paragraphs));
    docx(
        &[
            ("word/document.xml", &body),
            ("word/numbering.xml", &numbering),
        ],
        true,
    )
}

#[test]
fn a_numbering_text_bomb_stays_small() {
    let bytes = numbering_bomb(2000);
    assert!(bytes.len() < 64 * 1024, "{}", bytes.len());
    let e = extract(&bytes).unwrap();
    assert_eq!(e.text.lines().count(), 2000);
    // Each generated label is capped (256 bytes), so the text stays near
    // 2000 × (256 + 7) bytes instead of 2000 × 1.26 MB.
    assert!(e.text.len() <= 2000 * (256 + 7), "{}", e.text.len());
    assert!(e.text.lines().all(|l| l.ends_with("正文")));
    let (code, _, _) = run_with_good(&bytes);
    assert_eq!(code, Some(1));
}

#[test]
fn extracted_text_beyond_the_limit_is_refused_with_the_setting_named() {
    let bytes = numbering_bomb(200);
    let err = extract_with(&bytes, 10_000).unwrap_err().to_string();
    assert!(err.contains("max_docx_text_mb"), "{err}");
    assert!(extract_with(&bytes, 1 << 20).is_ok());
}

#[test]
fn a_hundred_thousand_runs_in_one_paragraph() {
    let text: String = "通知正文".repeat(25_000);
    let body = word_document(&word_paragraph(&text, 1));
    let bytes = docx(&[("word/document.xml", &body)], true);
    let e = extract(&bytes).unwrap();
    assert_eq!(e.text.trim_end().chars().count(), 100_000);
    let (code, stdout, _) = run_with_good(&bytes);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(!stdout.contains("bad.docx:1:1: error[io]"), "{stdout}");
}

#[test]
fn a_docx_named_twice_is_checked_once() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.docx");
    fs::write(&p, sample()).unwrap();
    let out = common::gwlint_in(dir.path())
        .args(["a.docx", "./a.docx"])
        .arg(
            Path::new("..")
                .join(dir.path().file_name().unwrap())
                .join("a.docx"),
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("检查了 1 个文件"), "{stdout}");
}
