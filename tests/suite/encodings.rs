//! The same draft saved in every supported encoding and with either line
//! ending gives the same diagnostics: same rules, lines and columns.

use crate::common;

use serde_json::Value;

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
type Located = (String, u64, u64, u64, u64);

fn diagnostics(path: &std::path::Path) -> (Vec<Located>, String) {
    let out = common::gwlint()
        .args(["--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let items: Vec<Value> = serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let enc = items.first().map_or(String::new(), |i| {
        i["encoding"].as_str().unwrap().to_string()
    });
    let keys = items
        .iter()
        .map(|i| {
            (
                i["rule"].as_str().unwrap().to_string(),
                i["line"].as_u64().unwrap(),
                i["column"].as_u64().unwrap(),
                i["end_line"].as_u64().unwrap(),
                i["end_column"].as_u64().unwrap(),
            )
        })
        .collect();
    (keys, enc)
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
    let out = common::gwlint()
        .args(["--encoding", "klingon"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
