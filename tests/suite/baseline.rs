//! Adoption without fixing everything first: baselines and suppression
//! comments; and deterministic output over many files.

use crate::common::gwlint_in;
use std::fs;

#[test]
fn baseline_survives_an_edit_above_a_recorded_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    fs::write(&p, "标题\n\nXX同志主持会议。\n在岗尽责,科学谋划。\n").unwrap();
    let out = gwlint_in(dir.path())
        .args(["--write-baseline", "baseline.json", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("已将 2 个问题写入基线"));
    // Add paragraphs above: the recorded diagnostics move but stay recorded.
    fs::write(
        &p,
        "标题\n\n新增的第一段。\n新增的第二段。\nXX同志主持会议。\n在岗尽责,科学谋划。\n",
    )
    .unwrap();
    let out = gwlint_in(dir.path())
        .args(["--baseline", "baseline.json", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A new problem is reported.
    fs::write(
        &p,
        "标题\n\n新增的第一段，由XX同志负责。\nXX同志主持会议。\n在岗尽责,科学谋划。\n",
    )
    .unwrap();
    let out = gwlint_in(dir.path())
        .args(["--baseline", "baseline.json", "--format", "short", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "a.txt:3:9: error[placeholder] 未填写的占位符“XX”：此处应填入实际的姓名\n"
    );
}

#[test]
fn fixed_problems_leave_unused_baseline_entries_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    fs::write(&p, "标题\n\nXX同志主持会议。\n").unwrap();
    gwlint_in(dir.path())
        .args(["--write-baseline", "b.json", "a.txt"])
        .output()
        .unwrap();
    fs::write(&p, "标题\n\n王明同志主持会议。\n").unwrap();
    let out = gwlint_in(dir.path())
        .args(["--baseline", "b.json", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("基线中有 1 条记录已不再出现"), "{stdout}");
    assert!(stdout.contains("a.txt [placeholder] XX"), "{stdout}");
}

#[test]
fn markdown_suppression_comments() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.md"),
        "# 标题\n\n<!-- gwlint-disable-next-line placeholder -->\nXX同志主持。\n\n<!-- gwlint-disable-next-line placeholder -->\n王明同志发言。\n",
    )
    .unwrap();
    let out = gwlint_in(dir.path())
        .args(["--format", "short", "a.md"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "a.md:6:1: warning[unused-suppression] 这条 gwlint 屏蔽注释没有屏蔽任何问题：问题已不存在，可以删除这条注释\n"
    );
}

#[test]
fn two_runs_over_500_files_give_identical_output() {
    let dir = tempfile::tempdir().unwrap();
    let drafts = [
        "标题\n\nXX同志主持，在岗尽责,科学谋划。\n",
        "县委常委班子民主生活会召开情况通报\n\n县委在全区营造氛围。\n一、基本情况\n",
        "标题\n\n从四个方面推进：一是学习，二是调研，三是整改。\n",
        "标题\n\n全县上下团结一致。\n",
    ];
    for i in 0..500 {
        let sub = dir.path().join(format!("d{}", i % 7));
        fs::create_dir_all(&sub).unwrap();
        fs::write(sub.join(format!("{i:03}.txt")), drafts[i % drafts.len()]).unwrap();
    }
    let run = || {
        gwlint_in(dir.path())
            .args(["--format", "json", "."])
            .output()
            .unwrap()
            .stdout
    };
    let first = run();
    assert!(first.len() > 10_000);
    assert_eq!(first, run());
    let human = || gwlint_in(dir.path()).arg(".").output().unwrap().stdout;
    assert_eq!(human(), human());
}
