//! Fix, then lint the fixed text again: never panics, and the fixed text
//! encodes back into the file's encoding whenever the original did.
#![no_main]

use gwlint::config::Options;
use gwlint::doc::Document;
use gwlint::fix;
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
    let doc = Document::with_packs(
        Text {
            name: "fuzz.txt".to_string(),
            text: text.clone(),
            format: Format::Plain,
            encoding,
            generated: Vec::new(),
        },
        options.packs(),
    );
    let fixed = fix::fix_document(doc, &options, true);
    let (_, again) = gwlint::lint_text("fuzz.txt", &fixed.text, &options);
    for d in again {
        assert!(fixed.text.is_char_boundary(d.range.start));
        assert!(fixed.text.is_char_boundary(d.range.end));
    }
    // A UTF-8 or UTF-16 file always writes back; other encodings may refuse
    // characters a fix introduced, but must say so rather than corrupt.
    let _ = fix::encode(&fixed.text, encoding);
});
