//! `gwlint annotate`: the Word copy carries one comment per finding on
//! exactly the flagged text, and nothing else changes. Read back by gwlint
//! itself, by python-docx (installed with pip into a virtual environment
//! under the target directory; the test is skipped locally without Python,
//! and fails under CI=true), and, where LibreOffice is installed, by
//! LibreOffice, which also renders it to PDF.

use crate::common;

use crate::common::{word_document, word_paragraph};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>"#;
const COMMENTS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="原作者"><w:p><w:r><w:t>请再斟酌</w:t></w:r></w:p></w:comment></w:comments>"#;
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2、"/></w:lvl></w:abstractNum><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;
const FOOTNOTES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>注：数据截至X年底。</w:t></w:r></w:p></w:footnote></w:footnotes>"#;

const TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>"#;

/// A complete package, as Word writes it (content types and relationships).
fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().last_modified_time(zip::DateTime::default());
    for (name, content) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(content.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A draft with words cut across bold runs, a hyperlink, tracked changes,
/// an existing comment, an entity, a tab, a table and a footnote.
fn draft() -> Vec<u8> {
    let body = [
        word_paragraph("县委常委班子X年度民主生活会召开情况通报", 4),
        "<w:p/>".to_string(),
        "<w:p><w:r><w:t>会议由</w:t></w:r><w:hyperlink><w:r><w:t>XX同志</w:t></w:r></w:hyperlink><w:r><w:t>主持，</w:t></w:r><w:ins w:id=\"1\" w:author=\"甲\"><w:r><w:t>在全区营造氛围</w:t></w:r></w:ins><w:del w:id=\"2\" w:author=\"甲\"><w:r><w:delText>已删除的X年</w:delText></w:r></w:del><w:r><w:t>。</w:t></w:r></w:p>".to_string(),
        "<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t>原有批注的文字</w:t></w:r><w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>".to_string(),
        "<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>研究甲&amp;乙,丙两项</w:t><w:tab/><w:t>工作,要求</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>".to_string(),
        word_paragraph("坚持在岗尽责,科学谋划，推动工作落实。", 3),
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>联系人：某某</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".to_string(),
        // Word numbering "1、" (should be "1."): flagged on generated text.
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>工作要求</w:t></w:r></w:p>".to_string(),
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>加强领导。</w:t></w:r></w:p>".to_string(),
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>落实责任。</w:t></w:r></w:p>".to_string(),
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>保障措施</w:t></w:r></w:p>".to_string(),
    ]
    .concat();
    package(&[
        ("[Content_Types].xml", TYPES),
        ("_rels/.rels", RELS),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/document.xml", &word_document(&body)),
        ("word/comments.xml", COMMENTS),
        ("word/footnotes.xml", FOOTNOTES),
        ("word/numbering.xml", NUMBERING),
    ])
}

fn json(path: &Path) -> Vec<Value> {
    let out = common::gwlint()
        .args(["--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    common::json_items(&out.stdout)
}

/// The findings without their path.
fn findings(path: &Path) -> Vec<Value> {
    json(path)
        .into_iter()
        .map(|mut d| {
            d.as_object_mut().unwrap().remove("path");
            d
        })
        .collect()
}

/// The run ended with `code`; its stderr is shown when it did not.
fn assert_exit(out: &std::process::Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn annotate(input: &Path, output: &Path, extra: &[&str]) -> std::process::Output {
    common::subcommand()
        .args(["annotate", "--isolated"])
        .arg(input)
        .arg("-o")
        .arg(output)
        .args(extra)
        .output()
        .unwrap()
}

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// A Python that can import python-docx: a virtual environment kept under
/// the target directory, made (with pip) on first use — once, although the
/// tests run in parallel.
fn python_docx() -> Option<PathBuf> {
    static PYTHON: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    PYTHON.get_or_init(make_python_docx).clone()
}

fn make_python_docx() -> Option<PathBuf> {
    let venv = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("python-docx");
    let python = venv.join("bin/python");
    let works = |p: &Path| {
        std::process::Command::new(p)
            .args(["-c", "import docx"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if works(&python) {
        return Some(python);
    }
    let made = std::process::Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .is_ok_and(|s| s.success())
        && std::process::Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "python-docx"])
            .status()
            .is_ok_and(|s| s.success());
    if made && works(&python) {
        return Some(python);
    }
    if under_ci() {
        panic!("CI=true but python-docx could not be installed with pip");
    }
    eprintln!("skipped the python-docx checks: no Python with pip here");
    None
}

/// What python-docx reads in a .docx (see tests/common/read_docx.py).
fn read_with_python(python: &Path, path: &Path) -> Value {
    let script = common::repo().join("tests/common/read_docx.py");
    let out = std::process::Command::new(python)
        .arg(script)
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every finding has its own new comment, covering exactly its text.
/// `note`: the first line of the extracted text read from footnotes, and
/// the text of the body paragraph referring to the note, where comments
/// on findings in the note are anchored.
fn assert_comments_match(
    read: &Value,
    input: &Path,
    author: &str,
    old: usize,
    note: Option<(u64, &str)>,
) {
    let text = gwlint::input::read_path(input, None).unwrap().text;
    let diags = json(input);
    let comments = read["comments"].as_array().unwrap();
    assert_eq!(comments.len(), old + diags.len(), "{read}");
    let mut open: Vec<(String, String)> = comments
        .iter()
        .filter(|c| c["author"] == author)
        .map(|c| {
            let id = c["id"].as_str().unwrap();
            (
                c["text"].as_str().unwrap().to_string(),
                read["ranges"][id].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(open.len(), diags.len());
    for d in &diags {
        let head = format!(
            "[{}] {}",
            d["rule"].as_str().unwrap(),
            d["message"].as_str().unwrap()
        );
        let (s, e) = (
            d["byte_start"].as_u64().unwrap() as usize,
            d["byte_end"].as_u64().unwrap() as usize,
        );
        let mut flagged = text[s..e].trim_end_matches('\n');
        let mut head = head;
        let line = d["line"].as_u64().unwrap();
        if let Some((_, anchored)) = note.filter(|n| line >= n.0) {
            head = format!("（在本段的脚注中：“{flagged}”）\n{head}");
            flagged = anchored;
        }
        // On Word's numbering: the comment covers the paragraph's own text.
        let generated = format!("（问题在“{flagged}”，涉及 Word 自动编号");
        let paragraph = text.lines().nth(line as usize - 1).unwrap();
        let own_text = paragraph.split_once('、').map_or("", |(_, rest)| rest);
        let at = open
            .iter()
            .position(|(t, range)| {
                t.starts_with(&head)
                    && (range == flagged || (t.contains(&generated) && range == own_text))
            })
            .unwrap_or_else(|| panic!("no comment on 「{flagged}」 for {head}: {open:?}"));
        open.remove(at);
    }
    // Each comment is referenced once, where its range ends.
    let mut refs: Vec<&str> = read["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    let mut ids: Vec<&str> = comments.iter().map(|c| c["id"].as_str().unwrap()).collect();
    refs.sort_unstable();
    ids.sort_unstable();
    assert_eq!(refs, ids);
}

#[test]
fn docx_gets_a_comment_on_every_finding_and_nothing_else_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("草稿.docx");
    let bytes = draft();
    fs::write(&input, &bytes).unwrap();
    let output = tmp.path().join("草稿-审阅.docx");
    let out = annotate(&input, &output, &[]);
    assert_exit(&out, 1);
    let diags = json(&input);
    assert!(diags.len() >= 7, "{diags:?}");
    let rules: Vec<&str> = diags.iter().map(|d| d["rule"].as_str().unwrap()).collect();
    for r in ["placeholder", "halfwidth-punct", "mixed-jurisdiction"] {
        assert!(rules.contains(&r), "{rules:?}");
    }
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{} 条批注", diags.len())),
        "{stderr}"
    );
    // The input is untouched; the copy reads back with the same findings.
    assert_eq!(fs::read(&input).unwrap(), bytes);
    assert_eq!(findings(&input), findings(&output));

    let Some(python) = python_docx() else { return };
    let before = read_with_python(&python, &input);
    let after = read_with_python(&python, &output);
    assert_eq!(before["paragraphs"], after["paragraphs"]);
    assert_eq!(
        before["bold"], after["bold"],
        "formatting kept across split runs"
    );
    assert_eq!(after["insertions"], 1);
    assert_eq!(after["deletions"], 1);
    // The reviewer's own comment is still there, on the same words.
    let original = after["comments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "0")
        .unwrap();
    assert_eq!(original["author"], "原作者");
    assert_eq!(original["text"], "请再斟酌");
    assert_eq!(after["ranges"]["0"], "原有批注的文字");
    // The footnote's placeholder is commented on the paragraph citing it.
    assert!(diags.iter().any(|d| d["line"] == 11), "{diags:?}");
    let numbering = diags
        .iter()
        .filter(|d| d["rule"] == "heading-numbering")
        .count();
    assert_eq!(numbering, 2, "{diags:?}");
    assert!(stderr.contains("条涉及 Word 自动编号"), "{stderr}");
    assert_comments_match(
        &after,
        &input,
        "gwlint",
        1,
        Some((11, "研究甲&乙,丙两项工作,要求")),
    );

    // Where LibreOffice is installed: it sees every comment with its range,
    // and renders the document.
    if let Some(soffice) = common::installed(&["soffice", "libreoffice"]) {
        let profile = format!(
            "-env:UserInstallation=file://{}/lo-profile",
            tmp.path().display()
        );
        for to in ["fodt", "pdf"] {
            let status = std::process::Command::new(soffice)
                .args(["--headless", &profile, "--convert-to", to, "--outdir"])
                .arg(tmp.path())
                .arg(&output)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
        }
        let flat = fs::read_to_string(tmp.path().join("草稿-审阅.fodt")).unwrap();
        assert_eq!(flat.matches("<office:annotation ").count(), diags.len() + 1);
        assert_eq!(
            flat.matches("<office:annotation-end ").count(),
            diags.len() + 1
        );
        let pdf = fs::read(tmp.path().join("草稿-审阅.pdf")).unwrap();
        assert!(pdf.starts_with(b"%PDF") && pdf.len() > 1000);
    } else {
        eprintln!("LibreOffice not installed: skipped rendering the copy");
    }
}

#[test]
fn author_is_configurable_and_the_input_is_never_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("a.docx");
    fs::write(&input, draft()).unwrap();
    let output = tmp.path().join("b.docx");
    let out = annotate(&input, &output, &["--author", "县委办公室"]);
    assert_eq!(out.status.code(), Some(1));
    let bytes = draft();
    // Writing over the input is refused, also through a link.
    let refused = annotate(&input, &input, &[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("从不修改原稿"));
    let link = tmp.path().join("link.docx");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    assert_eq!(annotate(&input, &link, &[]).status.code(), Some(2));
    assert_eq!(fs::read(&input).unwrap(), bytes);
    let Some(python) = python_docx() else { return };
    let read = read_with_python(&python, &output);
    assert_comments_match(
        &read,
        &input,
        "县委办公室",
        1,
        Some((11, "研究甲&乙,丙两项工作,要求")),
    );
}

#[test]
fn text_drafts_become_word_documents_with_comments() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("通报.txt");
    let text = "县委常委班子X年度民主生活会召开情况通报\n\n会议由XX同志主持，在全区营造氛围。\n坚持在岗尽责,科学谋划\t推动落实。\n";
    fs::write(&input, text).unwrap();
    let output = tmp.path().join("通报.docx");
    let out = annotate(&input, &output, &[]);
    assert_exit(&out, 1);
    assert_eq!(fs::read_to_string(&input).unwrap(), text);
    let located = |path: &std::path::Path| {
        findings(path)
            .iter()
            .map(|d| {
                (
                    d["rule"].clone(),
                    d["line"].clone(),
                    d["column"].clone(),
                    d["message"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(located(&input), located(&output));
    let Some(python) = python_docx() else { return };
    let read = read_with_python(&python, &output);
    let lines: Vec<Value> = text.lines().map(|l| Value::String(l.to_string())).collect();
    assert_eq!(read["paragraphs"], Value::Array(lines));
    assert_comments_match(&read, &input, "gwlint", 0, None);
}

#[test]
fn a_clean_draft_gets_no_comments_and_exits_zero() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("clean.md");
    fs::write(
        &input,
        "# 关于做好冬季安全生产工作的通知\n\n各单位要认真落实安全生产责任。\n",
    )
    .unwrap();
    let output = tmp.path().join("clean.docx");
    let out = annotate(&input, &output, &[]);
    assert_exit(&out, 0);
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 条批注"));
    assert!(json(&output).is_empty());
}
