//! Arbitrary bytes read as a .docx: a clean refusal or text, never a panic;
//! generated numbering ranges lie inside the text.
#![no_main]

use gwlint::config::Options;
use gwlint::doc::Document;
use gwlint::input::{docx, Decoded, Format, Text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(extracted) = docx::extract(data) else {
        return;
    };
    for g in &extracted.generated {
        assert!(g.start <= g.end && g.end <= extracted.text.len());
    }
    let options = Options {
        as_of: Some((2026, 11, 28)),
        ..Options::default()
    };
    let doc = Document::with_packs(
        Text {
            name: "fuzz.docx".to_string(),
            text: extracted.text,
            format: Format::Docx,
            encoding: Decoded::UTF8,
            generated: extracted.generated,
        },
        options.packs(),
    );
    let _ = gwlint::lint_document(&doc, &options);
});
