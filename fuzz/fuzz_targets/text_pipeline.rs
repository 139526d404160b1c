//! Bytes → decoded text → document → diagnostics: never panics, and every
//! diagnostic span lies on character boundaries inside the text.
#![no_main]

use gwlint::config::Options;
use gwlint::doc::Document;
use gwlint::input::{self, Format, Text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, encoding)) = input::decode(data.to_vec(), None) else {
        return;
    };
    let options = Options {
        as_of: Some((2026, 11, 28)),
        ..Options::default()
    };
    for format in [Format::Plain, Format::Markdown] {
        let doc = Document::with_packs(
            Text {
                name: "fuzz.txt".to_string(),
                text: text.clone(),
                format,
                encoding,
                generated: Vec::new(),
            },
            options.packs(),
        );
        for d in gwlint::lint_document(&doc, &options) {
            assert!(d.range.start <= d.range.end && d.range.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(d.range.start));
            assert!(doc.text.is_char_boundary(d.range.end));
            let _ = doc.lines.position(&doc.text, d.range.end);
        }
    }
});
