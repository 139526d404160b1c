//! CI output: short, github, sarif, statistics, output files and the
//! warning thresholds, each pinned.

use crate::common;

use crate::common::gwlint_in;
use serde_json::Value;
use std::fs;

const DRAFT: &str = "标题\n\n在岗尽责,科学谋划。XX同志主持。\n";

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), DRAFT).unwrap();
    dir
}

#[test]
fn short_format() {
    let dir = setup();
    let out = gwlint_in(dir.path())
        .args(["--format", "short", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "a.txt:3:5: warning[halfwidth-punct] 中文中使用了半角标点「,」：应改为全角「，」\na.txt:3:11: error[placeholder] 未填写的占位符“XX”：此处应填入实际的姓名\n"
    );
}

#[test]
fn github_format() {
    let dir = setup();
    let out = gwlint_in(dir.path())
        .args(["--format", "github", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "::warning file=a.txt,line=3,col=5,endLine=3,endColumn=6,title=halfwidth-punct::中文中使用了半角标点「,」：应改为全角「，」\n::error file=a.txt,line=3,col=11,endLine=3,endColumn=13,title=placeholder::未填写的占位符“XX”：此处应填入实际的姓名\n"
    );
}

#[test]
fn sarif_format() {
    let dir = setup();
    let out = gwlint_in(dir.path())
        .args(["--format", "sarif", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), gwlint::rules::Registry::builtin().all().len());
    for r in rules {
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
        assert!(!r["fullDescription"]["text"].as_str().unwrap().is_empty());
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let ph = &results[1];
    assert_eq!(ph["ruleId"], "placeholder");
    assert_eq!(ph["level"], "error");
    assert_eq!(
        rules[ph["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "placeholder"
    );
    let region = &ph["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(3), Some(11))
    );
    assert_eq!(region["endColumn"].as_u64(), Some(13));
    assert_eq!(
        ph["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a.txt"
    );
}

#[test]
fn statistics_count_per_rule() {
    let dir = setup();
    fs::write(dir.path().join("b.txt"), DRAFT).unwrap();
    let out = gwlint_in(dir.path())
        .args(["--statistics", "."])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    // Ties keep the order of `gwlint rules`.
    assert!(
        lines[0].trim_start().starts_with("2  placeholder"),
        "{stdout}"
    );
    assert!(
        lines[1].trim_start().starts_with("2  halfwidth-punct"),
        "{stdout}"
    );
    assert_eq!(lines[2], "共 4 个问题，2 个文件");
    let out = gwlint_in(dir.path())
        .args(["--statistics", "--format", "json", "."])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["rule"], "placeholder");
    assert_eq!(v[0]["count"], 2);
}

#[test]
fn output_file_quiet_and_warning_thresholds() {
    let dir = setup();
    let out = gwlint_in(dir.path())
        .args(["-o", "report.json", "--format", "json", "a.txt"])
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    let v: Value =
        serde_json::from_slice(&fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);

    let out = gwlint_in(dir.path())
        .args(["-q", "a.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("error[placeholder]") && !stdout.contains("检查了"),
        "{stdout}"
    );

    fs::write(dir.path().join("w.txt"), "标题\n\n在岗尽责,科学谋划。\n").unwrap();
    let code = |args: &[&str]| {
        gwlint_in(dir.path())
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&["w.txt"]), Some(0), "warnings alone pass");
    assert_eq!(code(&["--deny-warnings", "w.txt"]), Some(1));
    assert_eq!(code(&["--max-warnings", "1", "w.txt"]), Some(0));
    assert_eq!(code(&["--max-warnings", "0", "w.txt"]), Some(1));
}

#[test]
fn pre_commit_hook_is_declared() {
    let hooks = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.pre-commit-hooks.yaml"
    ))
    .unwrap();
    assert!(hooks.contains("id: gwlint"));
    assert!(hooks.contains("language: rust"));
    assert!(hooks.contains("entry: gwlint --force-exclude"));
    // What pre-commit runs: the entry with the staged file names appended.
    let dir = setup();
    fs::write(dir.path().join("gwlint.toml"), "exclude = [\"a.txt\"]\n").unwrap();
    let out = common::configured(dir.path())
        .args(["--force-exclude", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "an excluded staged file is skipped"
    );
}
