//! A short property run over the entry points the fuzz targets in `fuzz/`
//! exercise at length: bytes → diagnostics, Word extraction, and fixing
//! then linting again. None may panic, and every span must be usable.

use crate::common;

use gwlint::config::Options;
use gwlint::doc::Document;
use gwlint::input::{self, docx, Decoded, Format, Text};
use proptest::prelude::*;

fn options() -> Options {
    common::options()
}

/// Text made of what drafts and their defects are made of, so that rules
/// actually fire: Chinese, placeholders, quotes and brackets, numerals,
/// heading ordinals, half-width punctuation, controls and line breaks.
fn draft() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "县委",
        "全区",
        "我区",
        "区直单位",
        "通报",
        "X",
        "XX",
        "×",
        "××",
        "某某",
        "20XX",
        "X年X月X日",
        "同志",
        "“",
        "”",
        "‘",
        "’",
        "（",
        "）",
        "《",
        "》",
        "【",
        "】",
        "''",
        "四个方面",
        "3个方面",
        "三是",
        "一是",
        "二是",
        "一、",
        "（一）",
        "1.",
        "（1）",
        "，",
        "、",
        "。",
        "：",
        ";",
        ",",
        ":",
        "(",
        ")",
        "?",
        "!",
        "\n",
        "\r\n",
        "\r",
        "\t",
        " ",
        "\u{0}",
        "\u{1b}",
        "\u{202e}",
        "决胜全面建成小康社会",
        "本文系作者原创",
        "仅供参考",
        "存在的问题及原因",
        "整改措施",
        "#",
        "**",
        "- ",
        "> ",
        "<!-- gwlint-disable -->",
        "gwlint: disable=placeholder",
        "\u{feff}",
        "𠀀",
        "é",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
}

fn check_spans(text: &str, doc: &Document, diags: &[gwlint::diag::Diagnostic]) {
    for d in diags {
        assert!(d.range.start <= d.range.end && d.range.end <= text.len());
        assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
        for l in &d.labels {
            assert!(l.range.end <= text.len() && text.is_char_boundary(l.range.start));
        }
        let _ = doc.lines.position(&doc.text, d.range.end);
    }
}

fn lint_as(text: &str, format: Format) -> (Document, Vec<gwlint::diag::Diagnostic>) {
    let o = options();
    let doc = Document::with_packs(
        Text {
            name: "p.txt".into(),
            text: text.to_string(),
            format,
            encoding: Decoded::UTF8,
            generated: Vec::new(),
        },
        o.packs(),
    );
    let diags = gwlint::lint_document(&doc, &o);
    (doc, diags)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn bytes_to_diagnostics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok((text, _)) = input::decode(bytes, None) {
            let (doc, diags) = lint_as(&text, Format::Plain);
            check_spans(&text, &doc, &diags);
        }
    }

    #[test]
    fn drafts_to_diagnostics(text in draft()) {
        for format in [Format::Plain, Format::Markdown] {
            let (doc, diags) = lint_as(&text, format);
            check_spans(&text, &doc, &diags);
        }
    }

    #[test]
    fn fix_then_lint_again(text in draft()) {
        let o = options();
        let (doc, _) = lint_as(&text, Format::Plain);
        let fixed = gwlint::fix::fix_document(doc, &o, true);
        let (again, diags) = gwlint::lint_text("p.txt", &fixed.text, &o);
        check_spans(&fixed.text, &again, &diags);
        // Fixes never introduce a character UTF-8 cannot carry back.
        prop_assert!(gwlint::fix::encode(&fixed.text, Decoded::UTF8).is_ok());
    }

    #[test]
    fn word_files_of_any_text(paras in prop::collection::vec(draft(), 0..8), run in 1usize..6) {
        let clean: Vec<String> = paras
            .iter()
            .map(|p| p.chars().filter(|c| !c.is_control()).collect())
            .collect();
        let body: String = clean.iter().map(|p| common::word_paragraph(p, run)).collect();
        let bytes = common::docx(&[("word/document.xml", &common::word_document(&body))], true);
        let e = docx::extract(&bytes).unwrap();
        prop_assert_eq!(e.text.lines().count(), clean.len());
        let (doc, diags) = lint_as(&e.text, Format::Docx);
        check_spans(&e.text, &doc, &diags);
    }

    #[test]
    fn word_reader_on_damaged_files(cut in 0usize..4096, flip in any::<u8>()) {
        let body = common::word_paragraph("关于X年X月X日开会的通知，由XX同志主持。", 3);
        let mut bytes = common::docx(&[("word/document.xml", &common::word_document(&body))], true);
        let at = cut % bytes.len();
        bytes[at] ^= flip;
        let _ = docx::extract(&bytes[..]);
        let _ = docx::extract(&bytes[..at]);
    }
}
