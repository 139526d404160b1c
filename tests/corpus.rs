//! Every corpus draft is linted and compared with the `.expected` file
//! beside it: each finding's location, rule, severity, flagged text and
//! message, then, indented, its labels, notes and the edits of its fix. To
//! accept new results deliberately, run `GWLINT_BLESS=1 cargo test --test
//! corpus` and review the diff; blessing also removes `.expected` files
//! whose draft is gone (and names them), which otherwise fail the test.

mod common;

use gwlint::doc::Document;
use gwlint::input;
use std::path::{Path, PathBuf};

const DRAFT_EXTENSIONS: [&str; 3] = ["txt", "md", "docx"];

/// Every file below `dir` with one of `extensions`.
fn files(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            files(&p, extensions, out);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.contains(&e))
        {
            out.push(p);
        }
    }
}

fn all_drafts() -> Vec<PathBuf> {
    let mut out = Vec::new();
    files(&common::repo().join("corpus"), &DRAFT_EXTENSIONS, &mut out);
    out.sort();
    out
}

/// `.expected` files with no draft of the same name beside them.
fn orphans() -> Vec<PathBuf> {
    let mut expected = Vec::new();
    files(&common::repo().join("corpus"), &["expected"], &mut expected);
    expected.sort();
    expected
        .into_iter()
        .filter(|e| {
            !DRAFT_EXTENSIONS
                .iter()
                .any(|ext| e.with_extension(ext).is_file())
        })
        .collect()
}

/// A short quotation of `text`, one line, for the snapshot.
fn quote(text: &str) -> String {
    text.replace('\n', "\\n")
}

/// The snapshot of one draft: a line per finding as `common::render` gives
/// it, followed by its labels, notes and fix edits, indented.
fn snapshot(path: &Path) -> Vec<String> {
    let text = input::read_path(path, None).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = Document::new(text);
    let at = |offset: usize| {
        let (line, col) = doc.lines.position(&doc.text, offset);
        format!("{line}:{col}")
    };
    let mut out = Vec::new();
    for d in gwlint::lint_document(&doc, &common::options()) {
        out.push(common::render_one(&doc, &d));
        if d.demoted {
            out.push("  demoted".to_string());
        }
        for l in &d.labels {
            out.push(format!(
                "  label {} 「{}」 {}",
                at(l.range.start),
                quote(&doc.text[l.range.clone()]),
                l.message
            ));
        }
        for n in &d.notes {
            out.push(format!("  note {n}"));
        }
        if let Some(fix) = &d.fix {
            let kind = format!("{:?}", fix.applicability).to_lowercase();
            for e in &fix.edits {
                out.push(format!(
                    "  fix {kind} {} -「{}」 +「{}」",
                    at(e.range.start),
                    quote(&doc.source()[e.range.clone()]),
                    quote(&e.replacement)
                ));
            }
        }
    }
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
        let got = snapshot(&draft);
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
    let orphans = orphans();
    if bless {
        // Written past the test harness's capture, so that it shows.
        use std::io::Write;
        for o in &orphans {
            std::fs::remove_file(o).unwrap();
            writeln!(
                std::io::stderr(),
                "removed {}: no draft of that name",
                o.display()
            )
            .unwrap();
        }
    } else {
        failures.extend(orphans.iter().map(|o| {
            format!(
                "{}: no draft of that name; remove it or run GWLINT_BLESS=1 cargo test --test corpus",
                o.display()
            )
        }));
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
