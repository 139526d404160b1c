//! The same draft saved in every supported encoding and with either line
//! ending gives the same diagnostics: same rules, lines and columns.

use crate::common;

fn variants(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let crlf = text.replace('\n', "\r\n");
    let utf16le = |t: &str| -> Vec<u8> {
        let mut b = vec![0xFF, 0xFE];
        b.extend(t.encode_utf16().flat_map(|u| u.to_le_bytes()));
        b
    };
    vec![
        ("utf8-lf", text.as_bytes().to_vec()),
        ("utf8-crlf", crlf.as_bytes().to_vec()),
        (
            "utf8-bom",
            [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        ),
        ("gbk", encoding_rs::GBK.encode(text).0.into_owned()),
        (
            "gb18030-crlf",
            encoding_rs::GB18030.encode(&crlf).0.into_owned(),
        ),
        ("utf16le-bom", utf16le(text)),
        ("utf16le-bom-crlf", utf16le(&crlf)),
    ]
}

/// (rule, line, column, end line, end column)
type Located = (String, usize, usize, usize, usize);

/// What the library finds in the file as read from disk, and the name of
/// the encoding it was decoded from (as JSON reports it). In-process: the
/// command adds nothing to decoding and linting.
fn diagnostics(path: &std::path::Path) -> (Vec<Located>, String) {
    let text = gwlint::input::read_path(path, None).unwrap();
    let encoding = text.encoding.name();
    let doc = gwlint::doc::Document::new(text);
    let at = |offset: usize| doc.lines.position(&doc.text, offset);
    let keys = gwlint::lint_document(&doc, &common::options())
        .iter()
        .map(|d| {
            let ((line, col), (end_line, end_col)) = (at(d.range.start), at(d.range.end));
            (d.rule.to_string(), line, col, end_line, end_col)
        })
        .collect();
    (keys, encoding)
}

#[test]
fn every_encoding_and_line_ending_gives_the_same_diagnostics() {
    let mut drafts = vec![common::repo().join("corpus/rules/count-mismatch/fire.txt")];
    if let Some(shared) = common::shared() {
        drafts.push(shared.join("seeds/000_4ad656d6f473d90a.txt"));
    }
    for draft in drafts {
        let text = std::fs::read_to_string(&draft).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut reference: Option<Vec<_>> = None;
        for (name, bytes) in variants(&text) {
            let p = dir.path().join(format!("{name}.txt"));
            std::fs::write(&p, bytes).unwrap();
            let (got, enc) = diagnostics(&p);
            assert!(!got.is_empty(), "{name}: nothing found");
            let expected_enc = match name {
                "gbk" | "gb18030-crlf" => "gb18030",
                "utf8-bom" => "UTF-8-BOM",
                n if n.starts_with("utf16") => "UTF-16LE",
                _ => "UTF-8",
            };
            assert_eq!(enc, expected_enc, "{name}");
            match &reference {
                None => reference = Some(got),
                Some(r) => assert_eq!(&got, r, "{} saved as {name} differs", draft.display()),
            }
        }
    }
}

#[test]
fn forced_encoding_overrides_detection() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    std::fs::write(&p, encoding_rs::GBK.encode("标题\n\nXX同志主持会议。\n").0).unwrap();
    let out = common::gwlint()
        .args(["--encoding", "utf-8"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "GBK bytes forced as UTF-8 cannot decode"
    );
    let out = common::gwlint()
        .args(["--encoding", "gbk", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // JSON names the encoding each file was read in.
    let items = common::json_items(&out.stdout);
    assert!(
        !items.is_empty() && items.iter().all(|i| i["encoding"] == "GBK"),
        "{items:?}"
    );
    let out = common::gwlint()
        .args(["--encoding", "klingon"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
