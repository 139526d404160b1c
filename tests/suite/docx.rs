//! Word files: text in reading order, tracked changes, tables, text boxes,
//! footnotes, automatic numbering, and refusal of hostile files.

use crate::common;

use crate::common::{docx, word_document, word_paragraph};
use gwlint::input::{self, InputError};
use serde_json::Value;

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"#;

const FOOTNOTES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:t>注：数据截至X年底。</w:t></w:r></w:p></w:footnote>
</w:footnotes>"#;

fn numbered(text: &str, ilvl: u32) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
    )
}

fn sample() -> Vec<u8> {
    let body = [
        word_paragraph("县委常委班子2023年度民主生活会召开情况通报", 4),
        word_paragraph("", 1),
        // A hyperlink, a tracked insertion holding a defect, a tracked deletion.
        "<w:p><w:r><w:t>会议由</w:t></w:r><w:hyperlink r:id=\"rId9\" xmlns:r=\"r\"><w:r><w:t>XX同志</w:t></w:r></w:hyperlink><w:r><w:t>主持，</w:t></w:r><w:ins w:id=\"1\" w:author=\"a\"><w:r><w:t>在全区营造氛围</w:t></w:r></w:ins><w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>已删除的X年</w:delText></w:r></w:del><w:r><w:t>。</w:t></w:r></w:p>".to_string(),
        numbered("基本情况", 0),
        // Word-numbered sub-headings under a count that does not match them.
        word_paragraph("深层原因主要有四个方面：", 5),
        numbered("理论学习有差距。", 1),
        numbered("党性修养有差距。", 1),
        numbered("斗争精神有差距。", 1),
        numbered("存在的问题及原因", 0),
        numbered("整改措施", 0),
        // A table and a text box.
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>单元格一</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>联系人：某某</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".to_string(),
        "<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框里的××</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框里的××</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:tab/><w:t>续文</w:t></w:r></w:p>".to_string(),
    ]
    .concat();
    docx(
        &[
            ("word/document.xml", &word_document(&body)),
            ("word/numbering.xml", NUMBERING),
            ("word/footnotes.xml", FOOTNOTES),
        ],
        true,
    )
}

fn extract(bytes: &[u8]) -> Result<gwlint::input::docx::Extracted, InputError> {
    input::docx::extract(bytes)
}

#[test]
fn text_comes_out_in_reading_order() {
    let e = extract(&sample()).unwrap();
    let lines: Vec<&str> = e.text.lines().collect();
    assert_eq!(
        lines[0], "县委常委班子2023年度民主生活会召开情况通报",
        "runs split mid-word are joined"
    );
    assert_eq!(lines[1], "");
    assert_eq!(
        lines[2], "会议由XX同志主持，在全区营造氛围。",
        "hyperlinks and insertions kept, deletions dropped"
    );
    assert_eq!(lines[3], "一、基本情况");
    assert_eq!(lines[5], "（一）理论学习有差距。");
    assert_eq!(lines[7], "（三）斗争精神有差距。");
    assert_eq!(
        lines[8], "二、存在的问题及原因",
        "the sub-level restarts under a new top level"
    );
    assert_eq!(lines[10], "单元格一");
    assert_eq!(lines[11], "联系人：某某");
    assert_eq!(
        lines[12], "文本框里的××",
        "text-box content once, fallback skipped"
    );
    assert_eq!(lines[13], "正文\t续文");
    assert_eq!(
        lines[14], "注：数据截至X年底。",
        "footnotes follow the body"
    );
    assert_eq!(lines.len(), 15);
    let generated: Vec<&str> = e.generated.iter().map(|r| &e.text[r.clone()]).collect();
    assert_eq!(
        generated,
        vec!["一、", "（一）", "（二）", "（三）", "二、", "三、"]
    );
}

#[test]
fn word_numbering_feeds_the_rules_and_locations_are_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("通报.docx");
    std::fs::write(&p, sample()).unwrap();
    let out = common::gwlint()
        .args(["--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let items: Vec<Value> = serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let find = |rule: &str| -> Vec<(u64, u64)> {
        items
            .iter()
            .filter(|i| i["rule"] == rule)
            .map(|i| {
                (
                    i["paragraph"].as_u64().unwrap(),
                    i["column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        find("count-mismatch"),
        vec![(5, 8)],
        "四个方面 vs Word's （一）（二）（三）"
    );
    assert_eq!(
        find("mixed-jurisdiction"),
        vec![(3, 12)],
        "the tracked insertion is checked"
    );
    assert!(
        find("placeholder").contains(&(3, 4)),
        "XX in the hyperlink: {items:?}"
    );
    assert!(find("placeholder").contains(&(15, 7)), "X in the footnote");
    assert!(!items
        .iter()
        .any(|i| i["message"].as_str().unwrap().contains("已删除")));
    assert!(
        find("required-section").is_empty(),
        "sections found through Word numbering"
    );
    // Human output names the paragraph.
    let out = common::gwlint().arg(&p).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("第5段第8字"), "{stdout}");
    assert!(stdout.contains("Word 自动编号"), "{stdout}");
}

#[test]
fn hostile_and_unsupported_files_are_refused_clearly() {
    // A zip bomb: a part that inflates far beyond its compressed size.
    let huge = word_document(&word_paragraph(&"啊".repeat(2_000_000), 2_000_000));
    let bomb = docx(&[("word/document.xml", &huge)], true);
    assert!(matches!(extract(&bomb), Err(InputError::Docx(m)) if m.contains("压缩比")));
    // XML nested too deep.
    let deep = word_document(&format!(
        "{}{}",
        "<w:sdt>".repeat(400),
        "</w:sdt>".repeat(400)
    ));
    assert!(
        matches!(extract(&docx(&[("word/document.xml", &deep)], false)), Err(InputError::Docx(m)) if m.contains("嵌套"))
    );
    // Not a zip, no document part, malformed XML.
    assert!(matches!(extract(b"hello"), Err(InputError::Docx(_))));
    assert!(
        matches!(extract(&docx(&[("word/other.xml", "<a/>")], false)), Err(InputError::Docx(m)) if m.contains("document.xml"))
    );
    let bad = docx(
        &[("word/document.xml", "<w:document><w:body><w:p></w:body>")],
        false,
    );
    assert!(matches!(extract(&bad), Err(InputError::Docx(m)) if m.contains("XML")));

    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("a.txt");
    std::fs::write(&good, "标题\n\nXX同志主持。\n").unwrap();
    let doc = dir.path().join("old.doc");
    std::fs::write(&doc, [0xD0, 0xCF, 0x11, 0xE0]).unwrap();
    let enc = dir.path().join("locked.docx");
    std::fs::write(&enc, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1]).unwrap();
    let pdf = dir.path().join("scan.pdf");
    std::fs::write(&pdf, b"%PDF-1.4").unwrap();
    let out = common::gwlint()
        .args([&good, &doc, &enc, &pdf])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("old.doc: 暂不支持 .doc 文件：请在 Word/WPS 中另存为 .docx"),
        "{stdout}"
    );
    assert!(
        stdout.contains("locked.docx: 这是加密的 Word 文件"),
        "{stdout}"
    );
    assert!(stdout.contains("scan.pdf: 暂不支持 .pdf 文件"), "{stdout}");
    assert!(
        stdout.contains("error[placeholder]"),
        "the text file is still checked: {stdout}"
    );
}

/// The sample's XML with another prefix for WordprocessingML, as some tools write it.
fn with_prefix(xml: &str, prefix: &str) -> String {
    xml.replace("<w:", &format!("<{prefix}:"))
        .replace("</w:", &format!("</{prefix}:"))
        .replace(" w:", &format!(" {prefix}:"))
        .replace("xmlns:w=", &format!("xmlns:{prefix}="))
}

#[test]
fn namespace_prefixes_do_not_matter() {
    let body = [
        word_paragraph("县委常委班子2023年度民主生活会召开情况通报", 4),
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>基本情况</w:t></w:r></w:p>".to_string(),
        word_paragraph("会议由XX同志主持，在全区营造氛围。", 5),
    ]
    .concat();
    let doc = word_document(&body);
    let reference = extract(&docx(
        &[
            ("word/document.xml", &doc),
            ("word/numbering.xml", NUMBERING),
        ],
        false,
    ))
    .unwrap();
    assert!(
        reference.text.contains("一、基本情况"),
        "{}",
        reference.text
    );
    for prefix in ["ns0", "wp"] {
        let other = extract(&docx(
            &[
                ("word/document.xml", &with_prefix(&doc, prefix)),
                ("word/numbering.xml", &with_prefix(NUMBERING, prefix)),
            ],
            false,
        ))
        .unwrap();
        assert_eq!(other.text, reference.text, "prefix {prefix}");
        assert_eq!(other.generated, reference.generated, "prefix {prefix}");
    }
    // WordprocessingML as the default namespace.
    let default_ns = doc
        .replace("<w:", "<")
        .replace("</w:", "</")
        .replace("xmlns:w=", "xmlns=");
    let other = extract(&docx(&[("word/document.xml", &default_ns)], false)).unwrap();
    assert!(other.text.contains("XX同志"), "{}", other.text);
}

#[test]
fn broken_or_foreign_xml_is_an_error_never_a_silent_pass() {
    // Unclosed elements at the end: truncated XML.
    let truncated = docx(
        &[(
            "word/document.xml",
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>正文</w:t></w:r>",
        )],
        false,
    );
    assert!(matches!(extract(&truncated), Err(InputError::Docx(m)) if m.contains("闭合")));
    // Text in elements of an unknown namespace: nothing would be read.
    let foreign = docx(
        &[(
            "word/document.xml",
            "<x:document xmlns:x=\"urn:example\"><x:body><x:p><x:r><x:t>XX同志主持会议</x:t></x:r></x:p></x:body></x:document>",
        )],
        false,
    );
    assert!(
        matches!(extract(&foreign), Err(InputError::Docx(m)) if m.contains("读不出")),
        "{:?}",
        extract(&foreign).map(|e| e.text)
    );
    // An empty Word document is simply empty.
    let empty = docx(&[("word/document.xml", &word_document(""))], false);
    assert_eq!(extract(&empty).unwrap().text, "");
}

#[test]
fn folders_report_drafts_gwlint_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "标题\n\nXX同志主持。\n").unwrap();
    std::fs::write(dir.path().join("b.doc"), [0xD0, 0xCF, 0x11, 0xE0]).unwrap();
    std::fs::write(dir.path().join("c.wps"), [0xD0, 0xCF, 0x11, 0xE0]).unwrap();
    std::fs::write(dir.path().join("d.ofd"), b"PK").unwrap();
    std::fs::write(dir.path().join("e.png"), b"\x89PNG").unwrap();
    let out = common::gwlint()
        .args(["--format", "short"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    for name in ["b.doc", "c.wps", "d.ofd"] {
        assert!(stdout.contains(name), "{name}: {stdout}");
    }
    assert!(!stdout.contains("e.png"), "{stdout}");
    assert!(stdout.contains("error[placeholder]"), "{stdout}");

    // A folder with nothing to check says so.
    let empty = tempfile::tempdir().unwrap();
    let out = common::gwlint().arg(empty.path()).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("没有可检查的文件"), "{stderr}");
}

#[test]
fn summary_offers_fix_only_for_files_fix_can_write() {
    let dir = tempfile::tempdir().unwrap();
    let text = "关于做好工作的通知\n在岗尽责,科学谋划。\n";
    let word = dir.path().join("a.docx");
    std::fs::write(&word, common::docx_from_text(text)).unwrap();
    let plain = dir.path().join("a.txt");
    std::fs::write(&plain, text).unwrap();
    let run = |p: &std::path::Path| {
        let out = common::gwlint()
            .args(["--color", "never"])
            .arg(p)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let from_word = run(&word);
    assert!(from_word.contains("halfwidth-punct"), "{from_word}");
    assert!(!from_word.contains("--fix"), "{from_word}");
    assert!(run(&plain).contains("其中 1 个可用 --fix 自动修复"));
}
