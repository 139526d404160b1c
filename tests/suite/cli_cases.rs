//! Command-line cases as data: each `tests/cli/*.toml` file is one run of
//! gwlint (arguments, standard input, files in its working directory) and
//! what it must print and return. Adding a case is adding a file; the
//! fields are documented in tests/cli/README.md.

use crate::common;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the case shows, in a sentence.
    about: String,
    /// `check` (default): `gwlint --isolated --as-of 2026-11-28 ARGS` in a
    /// fresh directory holding `files`; `bare`: `gwlint ARGS` where only an
    /// empty gwlint.toml is found (subcommands, help, argument errors).
    #[serde(default)]
    mode: Mode,
    #[serde(default)]
    args: Vec<String>,
    stdin: Option<String>,
    #[serde(default)]
    files: BTreeMap<String, String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    expect: Expect,
}

#[derive(Deserialize, Default, PartialEq)]
#[serde(rename_all = "lowercase")]
enum Mode {
    #[default]
    Check,
    Bare,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    code: i32,
    stdout: Option<String>,
    #[serde(default)]
    stdout_contains: Vec<String>,
    #[serde(default)]
    stdout_lacks: Vec<String>,
    stderr: Option<String>,
    #[serde(default)]
    stderr_contains: Vec<String>,
    #[serde(default)]
    stderr_lacks: Vec<String>,
}

/// Run one case file; return what did not hold.
fn check(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let case: Case = match toml::from_str(&text) {
        Ok(c) => c,
        Err(e) => return vec![format!("cannot read the case: {e}")],
    };
    if case.mode == Mode::Bare && !case.files.is_empty() {
        return vec!["a bare case runs in tests/common/neutral and takes no files".to_string()];
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in &case.files {
        common::write(dir.path(), name, content.as_bytes());
    }
    let mut cmd = match case.mode {
        Mode::Check => common::gwlint_in(dir.path()),
        Mode::Bare => common::subcommand(),
    };
    cmd.args(&case.args).envs(&case.env);
    if let Some(stdin) = &case.stdin {
        cmd.write_stdin(stdin.as_bytes());
    }
    let run = common::run(&mut cmd);
    let e = &case.expect;
    let mut wrong = Vec::new();
    if run.code != Some(e.code) {
        wrong.push(format!("exit code {:?}, expected {}", run.code, e.code));
    }
    for (name, got, exact, contains, lacks) in [
        (
            "stdout",
            &run.stdout,
            &e.stdout,
            &e.stdout_contains,
            &e.stdout_lacks,
        ),
        (
            "stderr",
            &run.stderr,
            &e.stderr,
            &e.stderr_contains,
            &e.stderr_lacks,
        ),
    ] {
        if exact.as_ref().is_some_and(|x| x != got) {
            wrong.push(format!("{name} is not exactly as expected"));
        }
        for c in contains {
            if !got.contains(c.as_str()) {
                wrong.push(format!("{name} lacks {c:?}"));
            }
        }
        for l in lacks {
            if got.contains(l.as_str()) {
                wrong.push(format!("{name} contains {l:?}"));
            }
        }
    }
    if !wrong.is_empty() {
        wrong.insert(0, format!("({})", case.about));
        wrong.push(format!("stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr));
    }
    wrong
}

#[test]
fn every_cli_case_holds() {
    let dir = common::repo().join("tests/cli");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "{}: too few cases", dir.display());
    use rayon::prelude::*;
    let failures: Vec<String> = cases
        .par_iter()
        .filter_map(|case| {
            let wrong = check(case);
            (!wrong.is_empty()).then(|| {
                format!(
                    "{}:\n  {}",
                    case.file_name().unwrap().to_string_lossy(),
                    wrong.join("\n  ")
                )
            })
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The runner itself: a case that does not hold is reported, with each
/// mismatch named; a misspelt field is an error, not an ignored line.
#[test]
fn a_case_that_does_not_hold_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let wrong = common::write(
        dir.path(),
        "wrong.toml",
        "about = \"deliberately wrong\"\nargs = [\"-\"]\nstdin = \"标题\\n\\nXX同志主持。\\n\"\n[expect]\ncode = 0\nstdout_contains = [\"没有的文字\"]\nstdout_lacks = [\"placeholder\"]\n".as_bytes(),
    );
    let found = check(&wrong);
    assert!(
        found.iter().any(|w| w == "exit code Some(1), expected 0"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|w| w.contains("stdout lacks \"没有的文字\"")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|w| w.contains("stdout contains \"placeholder\"")),
        "{found:?}"
    );
    let typo = common::write(
        dir.path(),
        "typo.toml",
        b"about = \"x\"\n[expect]\ncode = 0\nstdout_contain = [\"x\"]\n",
    );
    let found = check(&typo);
    assert!(found[0].contains("stdout_contain"), "{found:?}");
}
