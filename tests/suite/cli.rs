//! The command line as a user meets it, where a case needs code: JSON
//! parsed, carets measured, lists compared with the registry. Cases that
//! only check exit code and output are data in tests/cli/ (cli_cases.rs).

use crate::common;

use crate::common::{gwlint, subcommand, write};

const DIRTY: &str = "县委常委班子2023年度民主生活会召开情况通报\n\nX年X月X日，县委召开会议，在全区营造氛围。\n一、基本情况\n二、存在的问题及原因\n三、整改措施\n";

/// Run and return the exit code and standard output.
fn run(cmd: &mut assert_cmd::Command) -> (Option<i32>, String) {
    let r = common::run(cmd);
    (r.code, r.stdout)
}

#[test]
fn carets_align_under_wide_characters_in_a_trimmed_window() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!(
        "标题\n\n{}，在全区营造氛围。\n全县上下，县委，全县，我县。\n",
        "县委坚持学习".repeat(40)
    );
    let f = write(dir.path(), "long.txt", long.as_bytes());
    let out = gwlint()
        .arg(&f)
        .arg("--select")
        .arg("mixed-jurisdiction")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    // The true column: 240 characters of filler, then ，在 → 全区 at column 243.
    assert!(stdout.contains("long.txt:3:243"), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    let src = lines
        .iter()
        .position(|l| l.contains("在全区营造"))
        .expect(&stdout);
    assert!(
        lines[src].contains('…'),
        "long lines are trimmed: {}",
        lines[src]
    );
    let caret_line = lines[src + 1];
    // Display width up to 全区 in the source line equals the caret's offset.
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let before = &lines[src][..lines[src].find("全区").unwrap()];
    let caret_at = caret_line.find('^').unwrap();
    assert_eq!(
        width(before),
        width(&caret_line[..caret_at]),
        "\n{}\n{}",
        lines[src],
        caret_line
    );
    assert!(caret_line.contains("^^^^"), "两个汉字宽 4 列: {caret_line}");
}

#[test]
fn json_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", DIRTY.as_bytes());
    write(dir.path(), "a.txt", DIRTY.as_bytes());
    let out = gwlint()
        .arg("--format")
        .arg("json")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let items = common::json_items(&out.stdout);
    assert!(!items.is_empty());
    let first = &items[0];
    for key in [
        "path",
        "rule",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "byte_start",
        "byte_end",
        "fix",
    ] {
        assert!(first.get(key).is_some(), "missing {key}: {first}");
    }
    // Sorted by path, line, column, rule.
    let keys: Vec<(String, u64, u64, String)> = items
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap().to_string(),
                i["line"].as_u64().unwrap(),
                i["column"].as_u64().unwrap(),
                i["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(keys[0].0.ends_with("a.txt"));
    // X年X月X日 on line 3, columns in characters, bytes in bytes.
    let ph = items.iter().find(|i| i["rule"] == "placeholder").unwrap();
    assert_eq!(
        (ph["line"].as_u64(), ph["column"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(ph["end_column"].as_u64(), Some(7));
    let start = ph["byte_start"].as_u64().unwrap() as usize;
    let end = ph["byte_end"].as_u64().unwrap() as usize;
    assert_eq!(&DIRTY[start..end], "X年X月X日");
}

#[test]
fn stdin_is_read_with_a_dash() {
    let out = gwlint()
        .arg("--format")
        .arg("json")
        .arg("-")
        .write_stdin(DIRTY)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let items = common::json_items(&out.stdout);
    assert!(items.iter().all(|i| i["path"] == "<stdin>"));
    assert!(items.iter().any(|i| i["rule"] == "placeholder"));
}

#[test]
fn directories_are_walked_with_skips() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/a.txt", DIRTY.as_bytes());
    write(dir.path(), "docs/sub/b.md", DIRTY.as_bytes());
    write(dir.path(), "docs/c.docx.bak", DIRTY.as_bytes());
    write(dir.path(), "docs/.hidden/d.txt", DIRTY.as_bytes());
    write(dir.path(), "docs/target/e.txt", DIRTY.as_bytes());
    write(dir.path(), "docs/node_modules/f.txt", DIRTY.as_bytes());
    let out = gwlint()
        .arg("--format")
        .arg("json")
        .arg(dir.path().join("docs"))
        .output()
        .unwrap();
    let mut paths: Vec<String> = common::json_items(&out.stdout)
        .iter()
        .map(|i| i["path"].as_str().unwrap().replace('\\', "/"))
        .collect();
    paths.dedup();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("docs/a.txt") && paths[1].ends_with("docs/sub/b.md"),
        "{paths:?}"
    );
}

#[test]
fn missing_and_unreadable_files_are_named_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", DIRTY.as_bytes());
    let binary = write(dir.path(), "bin.txt", b"PK\x03\x04\x00\x00binary");
    let garbled = write(dir.path(), "garbled.txt", &[0xB9, 0xE3, 0xFF, 0x41]);
    let out = gwlint()
        .arg(dir.path().join("missing.txt"))
        .arg(&binary)
        .arg(&garbled)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("missing.txt: 路径不存在"), "{stdout}");
    assert!(stdout.contains("bin.txt: 看起来是二进制文件"), "{stdout}");
    assert!(
        stdout.contains("garbled.txt: 按 gb18030 编码无法解码（第 2 字节起）"),
        "{stdout}"
    );
    assert!(
        stdout.contains("error[placeholder]"),
        "the good file is still checked: {stdout}"
    );
    assert!(stdout.contains("3 个文件无法读取"), "{stdout}");
}

#[test]
fn rules_lists_every_rule_and_explain_shows_docs() {
    let (code, stdout) = run(subcommand().arg("rules"));
    assert_eq!(code, Some(0));
    for id in gwlint::rules::Registry::builtin()
        .all()
        .iter()
        .map(|r| r.id)
    {
        assert!(stdout.contains(id), "{id} missing from:\n{stdout}");
    }
    let out = subcommand()
        .arg("explain")
        .arg("count-mismatch")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("数量与所列条目不符"), "{stdout}");
    // Rendered for reading: no Markdown syntax (stdout is not a terminal: no colour).
    assert!(stdout.contains("\n不会报告："), "{stdout}");
    assert!(
        !stdout.contains("**") && !stdout.contains("## "),
        "{stdout}"
    );
    assert!(!stdout.contains('\x1b'), "{stdout}");
    let out = subcommand()
        .args(["explain", "count-mismatch", "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("## 数量与所列条目不符"), "{stdout}");
    assert!(stdout.contains("**不会报告**"), "{stdout}");
}

#[test]
fn templates_lists_every_genre_with_its_conventions() {
    let (code, stdout) = run(subcommand().arg("templates"));
    assert_eq!(code, Some(0));
    // Every template (tests/packs.rs checks each common genre has one).
    let packs = gwlint::packs::Packs::embedded().unwrap();
    for genre in packs.templates.iter().map(|t| t.name.as_str()) {
        assert!(
            stdout.lines().any(|l| l.starts_with(&format!("{genre}："))),
            "{genre} missing from:\n{stdout}"
        );
    }
    assert!(stdout.contains("惯例 request-phrase（错误）"), "{stdout}");
    // Every listed genre is accepted by --template.
    let out = gwlint()
        .args(["--template", "通知", "-"])
        .write_stdin("关于做好防汛工作的通知\n各乡镇：\n汛期将至。\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}
