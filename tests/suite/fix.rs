//! --fix and --diff: fixes are applied atomically, idempotently, in the
//! file's own encoding and line endings, and never touch other bytes.

use crate::common;

use crate::common::gwlint;
use gwlint::diag::Applicability;
use gwlint::doc::Document;
use gwlint::fix;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn corpus_drafts() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![common::repo().join("corpus")];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn json(path: &Path) -> Vec<Value> {
    let out = gwlint()
        .args(["--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    common::json_items(&out.stdout)
}

/// Fixing is a library step: checked in-process on every corpus draft, in
/// parallel; the tests below check what the command adds (writing files).
#[test]
fn fixing_twice_equals_fixing_once_and_leaves_nothing_safe() {
    use rayon::prelude::*;
    let options = common::options();
    let failures: Vec<String> = corpus_drafts()
        .par_iter()
        .flat_map_iter(|draft| {
            let mut failures = Vec::new();
            for unsafe_fixes in [false, true] {
                let text = gwlint::input::read_path(draft, None).unwrap();
                let once = fix::fix_document(Document::new(text), &options, unsafe_fixes);
                let again_input = Document::with_packs(
                    gwlint::input::Text {
                        name: once.doc.name.clone(),
                        text: once.text.clone(),
                        format: once.doc.format,
                        encoding: once.doc.encoding,
                        generated: once.doc.generated.clone(),
                    },
                    options.packs(),
                );
                let twice = fix::fix_document(again_input, &options, unsafe_fixes);
                if twice.text != once.text {
                    failures.push(format!(
                        "{} changed on a second fix (unsafe: {unsafe_fixes})",
                        draft.display()
                    ));
                }
                let safe_left = once
                    .remaining
                    .iter()
                    .filter(|d| {
                        d.fix
                            .as_ref()
                            .is_some_and(|f| f.applicability == Applicability::Safe)
                    })
                    .count();
                if safe_left > 0 {
                    failures.push(format!(
                        "{} still has {safe_left} safe fixes (unsafe: {unsafe_fixes})",
                        draft.display()
                    ));
                }
            }
            failures
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Apply the safe edits reported in JSON to the original bytes.
fn apply_reported(original: &str, items: &[Value]) -> String {
    let mut edits: Vec<(usize, usize, String)> = items
        .iter()
        .filter(|i| i["fix"]["applicability"] == "safe")
        .flat_map(|i| i["fix"]["edits"].as_array().unwrap().clone())
        .map(|e| {
            (
                e["byte_start"].as_u64().unwrap() as usize,
                e["byte_end"].as_u64().unwrap() as usize,
                e["replacement"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort();
    let mut out = String::new();
    let mut pos = 0;
    for (s, e, r) in edits {
        out.push_str(&original[pos..s]);
        out.push_str(&r);
        pos = e;
    }
    out.push_str(&original[pos..]);
    out
}

#[test]
fn only_the_edited_bytes_change() {
    let dir = tempfile::tempdir().unwrap();
    let text = "关于做好防汛工作的通知\n\n各单位要在岗尽责,科学谋划;确保“安全度汛''目标实现。\n联系人:王明\n2024年6月1日\n";
    let p = dir.path().join("a.txt");
    fs::write(&p, text).unwrap();
    let expected = apply_reported(text, &json(&p));
    let out = gwlint().arg("--fix").arg(&p).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(fs::read_to_string(&p).unwrap(), expected);
    assert_eq!(
        expected,
        "关于做好防汛工作的通知\n\n各单位要在岗尽责，科学谋划；确保“安全度汛”目标实现。\n联系人：王明\n2024年6月1日\n"
    );
}

#[test]
fn gbk_and_crlf_round_trip_with_only_the_intended_bytes_changed() {
    let dir = tempfile::tempdir().unwrap();
    let text = "关于做好防汛工作的通知\r\n\r\n各单位要在岗尽责,科学谋划。\r\n2024年6月1日\r\n";
    let p = dir.path().join("gbk.txt");
    let original = encoding_rs::GBK.encode(text).0.into_owned();
    fs::write(&p, &original).unwrap();
    gwlint().arg("--fix").arg(&p).output().unwrap();
    let fixed = fs::read(&p).unwrap();
    let comma = original.iter().position(|&b| b == b',').unwrap();
    // The ASCII comma became the two GBK bytes of "，"; everything else is identical.
    assert_eq!(&fixed[..comma], &original[..comma]);
    assert_eq!(&fixed[comma..comma + 2], &[0xA3, 0xAC]);
    assert_eq!(&fixed[comma + 2..], &original[comma + 1..]);
    assert!(fixed.windows(2).any(|w| w == b"\r\n"), "CRLF kept");

    let bom = dir.path().join("bom.txt");
    fs::write(&bom, [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat()).unwrap();
    gwlint().arg("--fix").arg(&bom).output().unwrap();
    let fixed = fs::read(&bom).unwrap();
    assert!(fixed.starts_with(&[0xEF, 0xBB, 0xBF]), "BOM kept");
    assert_eq!(
        String::from_utf8(fixed[3..].to_vec()).unwrap(),
        text.replace("尽责,", "尽责，")
    );

    let u16 = dir.path().join("u16.txt");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    fs::write(&u16, bytes).unwrap();
    gwlint().arg("--fix").arg(&u16).output().unwrap();
    let fixed = fs::read(&u16).unwrap();
    let expected: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            text.replace("尽责,", "尽责，")
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    assert_eq!(fixed, expected, "UTF-16LE with BOM kept");
}

#[test]
fn diff_writes_nothing_and_exits_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    let text = "标题\n\n在岗尽责,科学谋划。\n";
    fs::write(&p, text).unwrap();
    let before = fs::metadata(&p).unwrap().modified().unwrap();
    let out = gwlint().arg("--diff").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("-在岗尽责,科学谋划。") && stdout.contains("+在岗尽责，科学谋划。"),
        "{stdout}"
    );
    assert_eq!(fs::read_to_string(&p).unwrap(), text);
    assert_eq!(fs::metadata(&p).unwrap().modified().unwrap(), before);
    // Nothing to fix: exit 0, empty diff.
    let clean = dir.path().join("clean.txt");
    fs::write(&clean, "标题\n\n在岗尽责，科学谋划。\n").unwrap();
    let out = gwlint().arg("--diff").arg(&clean).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn unsafe_fixes_need_asking_and_unchanged_files_are_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    let text = "县委常委班子民主生活会召开情况通报\n\n县委在全区营造氛围。\n一、基本情况\n二、存在的问题及原因\n三、整改措施\n";
    fs::write(&p, text).unwrap();
    let before = fs::metadata(&p).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = gwlint().arg("--fix").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the unsafe-only error remains");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("修复了 0 个问题") && stdout.contains("1 个有需人工确认的修复"),
        "{stdout}"
    );
    assert_eq!(
        fs::metadata(&p).unwrap().modified().unwrap(),
        before,
        "no edits, no rewrite"
    );
    let out = gwlint()
        .args(["--fix", "--unsafe-fixes"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(fs::read_to_string(&p)
        .unwrap()
        .contains("县委在全县营造氛围。"));
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    fs::write(&p, "标题\n\n在岗尽责,科学谋划。\n").unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
    gwlint().arg("--fix").arg(&p).output().unwrap();
    assert_eq!(
        fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert!(fs::read_to_string(&p).unwrap().contains("尽责，"));
}

#[test]
fn stdin_fix_prints_the_fixed_text() {
    let out = gwlint()
        .args(["--fix", "-"])
        .write_stdin("标题\n\n在岗尽责,科学谋划。\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "标题\n\n在岗尽责，科学谋划。\n"
    );
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("修复了 1 个问题"));
}

#[test]
fn word_files_are_not_modified() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.docx");
    let bytes = common::docx_from_text("标题\n\n在岗尽责,科学谋划。");
    fs::write(&p, &bytes).unwrap();
    let out = gwlint().arg("--fix").arg(&p).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Word 文件只检查、不修改"), "{stdout}");
    assert!(
        stdout.contains("halfwidth-punct"),
        "still reported: {stdout}"
    );
    assert_eq!(fs::read(&p).unwrap(), bytes);
}

#[cfg(unix)]
#[test]
fn fixing_through_a_symlink_fixes_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.txt");
    fs::write(&target, "标题\n\n在岗尽责,科学谋划。\n").unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    gwlint().arg("--fix").arg(&link).output().unwrap();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(&target).unwrap().contains("尽责，"));
}
