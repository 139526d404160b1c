//! The corpus holds Word and GBK variants of several UTF-8 drafts, written
//! by this test code (`GWLINT_BLESS=1 cargo test --test variants` rewrites
//! them). Each variant must give exactly the diagnostics of its twin.

use crate::common;

use std::path::PathBuf;

/// (UTF-8 twin under corpus/, variant base name under corpus/variants/)
const TWINS: &[(&str, &str)] = &[
    ("rules/count-mismatch/fire.txt", "count-mismatch-fire"),
    ("rules/placeholder/fire.txt", "placeholder-fire"),
    ("rules/quote-pair/fire.txt", "quote-pair-fire"),
    (
        "rules/mixed-jurisdiction/fire.txt",
        "mixed-jurisdiction-fire",
    ),
    (
        "docs/minzhushenghuohui-tongbao-qu.txt",
        "minzhushenghuohui-tongbao-qu",
    ),
    ("docs/tongbao-xian.txt", "tongbao-xian"),
];

fn corpus(rel: &str) -> PathBuf {
    common::repo().join("corpus").join(rel)
}

fn variants(twin: &str, base: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let text = std::fs::read_to_string(corpus(twin)).unwrap();
    vec![
        (
            corpus(&format!("variants/{base}.docx")),
            common::docx_from_text(&text),
        ),
        (
            corpus(&format!("variants/{base}-gbk.txt")),
            encoding_rs::GBK.encode(&text).0.into_owned(),
        ),
    ]
}

#[test]
fn variant_files_are_generated_from_their_twins() {
    let bless = std::env::var_os("GWLINT_BLESS").is_some();
    for (twin, base) in TWINS {
        for (path, bytes) in variants(twin, base) {
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &bytes).unwrap();
            } else {
                let on_disk =
                    std::fs::read(&path).unwrap_or_else(|_| panic!("missing {}", path.display()));
                assert!(
                    on_disk == bytes,
                    "{} is stale; regenerate with GWLINT_BLESS=1",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn variants_give_the_same_diagnostics_as_their_twins() {
    for (twin, base) in TWINS {
        let expected = common::render(&corpus(twin));
        assert!(!expected.is_empty() || twin.starts_with("docs/"));
        for (path, _) in variants(twin, base) {
            assert_eq!(
                common::render(&path),
                expected,
                "{} differs from {twin}",
                path.display()
            );
        }
    }
}
