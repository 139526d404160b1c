//! What reaches a terminal or a CI log: document text and file names can
//! neither draw on the terminal, start a line of their own, nor issue a
//! GitHub Actions command; SARIF URIs are percent-encoded.

use crate::common;

use assert_cmd::Command;
use std::fs;
use std::path::Path;

/// Document text that tries everything: ESC sequences, a bidi override,
/// GitHub Actions commands, a placeholder so that the line is quoted.
const NASTY: &str = "关于开会的通知\n\n由XX同志\u{1b}[2J\u{202E}主持##[error]伪造::add-mask::x。\n";

fn gwlint(dir: &Path, github: bool) -> Command {
    let mut c = common::gwlint_in(dir);
    c.args(["--color", "never"]);
    if github {
        c.env("GITHUB_ACTIONS", "true");
    }
    c
}

fn output(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let mut s = String::from_utf8(out.stdout).unwrap();
    s.push_str(&String::from_utf8(out.stderr).unwrap());
    s
}

/// A file name holding a line break followed by a workflow command.
const NASTY_NAME: &str = "a\n::error title=x::pwned\u{1b}[31m.txt";

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.txt"), NASTY).unwrap();
    fs::write(dir.path().join(NASTY_NAME), NASTY).unwrap();
    dir
}

fn assert_no_raw_controls(out: &str) {
    assert!(!out.contains('\u{1b}'), "raw ESC:\n{out}");
    assert!(!out.contains('\u{202E}'), "raw bidi override:\n{out}");
}

#[test]
fn human_and_short_output_escape_controls_and_keep_lines_our_own() {
    let dir = setup();
    for format in ["human", "short"] {
        let out =
            output(gwlint(dir.path(), false).args(["--format", format, "doc.txt", NASTY_NAME]));
        assert_no_raw_controls(&out);
        assert!(
            out.contains("\\u{1b}"),
            "{format}: ESC not shown escaped:\n{out}"
        );
        if format == "human" {
            // The document's line is quoted under the message.
            assert!(out.contains("\\u{202e}"), "bidi not shown escaped:\n{out}");
        }
        for line in out.lines() {
            assert!(
                !line.trim_start().starts_with("::") && !line.starts_with("##["),
                "{format}: a line begins with text from the input: {line:?}"
            );
        }
        // The file name's line break is shown, not obeyed.
        assert!(
            out.contains("a\\n::error title=x::pwned"),
            "{format}:\n{out}"
        );
    }
}

#[test]
fn under_github_actions_runner_commands_are_neutralised() {
    let dir = setup();
    for format in ["human", "short", "github"] {
        let out =
            output(gwlint(dir.path(), true).args(["--format", format, "doc.txt", NASTY_NAME]));
        assert_no_raw_controls(&out);
        assert!(!out.contains("##[error]"), "{format}:\n{out}");
        for line in out.lines() {
            let t = line.trim_start();
            if format == "github" {
                // Only gwlint's own annotations are commands.
                assert!(
                    t.starts_with("::error file=") || t.starts_with("::warning file="),
                    "{line:?}"
                );
            } else {
                assert!(!t.starts_with("::"), "{format}: {line:?}");
            }
        }
    }
    // Without GitHub Actions the text is shown as written.
    let out = output(gwlint(dir.path(), false).args(["--format", "human", "doc.txt"]));
    assert!(out.contains("##[error]"), "{out}");
}

#[test]
fn sarif_uris_are_percent_encoded_and_the_log_is_valid_json() {
    let dir = tempfile::tempdir().unwrap();
    let name = "会议 #1%.txt";
    fs::write(dir.path().join(name), NASTY).unwrap();
    let out = gwlint(dir.path(), false)
        .args(["--format", "sarif", name, "missing.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "%E4%BC%9A%E8%AE%AE%20%231%25.txt"
        );
    }
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
}

#[test]
fn sarif_without_findings_is_still_a_complete_log() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("ok.txt"),
        "关于开会的通知\n\n请准时参加。\n",
    )
    .unwrap();
    let out = gwlint(dir.path(), false)
        .args(["--format", "sarif", "ok.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 0);
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
    assert!(!log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .is_empty());
}
