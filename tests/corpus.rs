//! Every corpus draft is linted and compared with the `.expected` file
//! beside it. To accept new results deliberately, run
//! `GWLINT_BLESS=1 cargo test --test corpus` and review the diff.

mod common;

use std::path::{Path, PathBuf};

fn drafts(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            drafts(&p, out);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "md" | "docx")
        ) {
            out.push(p);
        }
    }
}

fn all_drafts() -> Vec<PathBuf> {
    let mut out = Vec::new();
    drafts(&common::repo().join("corpus"), &mut out);
    out.sort();
    out
}

#[test]
fn corpus_matches_expected_diagnostics() {
    let bless = std::env::var_os("GWLINT_BLESS").is_some();
    let mut failures = Vec::new();
    let drafts = all_drafts();
    assert!(
        drafts.len() >= 20,
        "the corpus should hold at least 20 drafts"
    );
    for draft in drafts {
        let got = common::render(&draft);
        let expected_path = draft.with_extension("expected");
        if bless {
            let mut text = got.join("\n");
            if !text.is_empty() {
                text.push('\n');
            }
            std::fs::write(&expected_path, text).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("missing {}", expected_path.display()));
        let expected: Vec<&str> = expected.lines().collect();
        if got != expected {
            failures.push(format!(
                "{}\n  expected:\n    {}\n  got:\n    {}",
                draft.display(),
                expected.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "corpus mismatches:\n{}",
        failures.join("\n\n")
    );
}

/// Clean drafts and whole documents must produce nothing at all: a snapshot
/// must never bless a false positive into them.
#[test]
fn clean_drafts_are_silent() {
    for draft in all_drafts() {
        let name = draft.file_name().unwrap().to_string_lossy().to_string();
        let in_docs = draft.parent().unwrap().ends_with("docs");
        if name.starts_with("clean") || in_docs {
            let got = common::render(&draft);
            assert!(
                got.is_empty(),
                "{} should be clean:\n{}",
                draft.display(),
                got.join("\n")
            );
        }
    }
}

/// A draft in `corpus/rules/RULE/` named `fire*` fires that rule, and only that rule.
#[test]
fn fire_drafts_fire_their_rule_only() {
    for draft in all_drafts() {
        let name = draft.file_name().unwrap().to_string_lossy().to_string();
        if !name.starts_with("fire") {
            continue;
        }
        let rule = draft
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let got = common::render(&draft);
        assert!(!got.is_empty(), "{} should fire {rule}", draft.display());
        for line in &got {
            let fired = line.split(' ').nth(1).unwrap();
            assert_eq!(fired, rule, "{}: unexpected {line}", draft.display());
        }
    }
}

/// At least six whole clean documents of different genres.
#[test]
fn whole_documents_cover_several_genres() {
    let docs: Vec<_> = all_drafts()
        .into_iter()
        .filter(|d| d.parent().unwrap().ends_with("docs"))
        .collect();
    assert!(docs.len() >= 6, "{docs:?}");
}
