//! Bad and hostile input, as an attacker or an unlucky user would give it.
//! Every case names a bad file together with a good one in the same run:
//! the bad one gets a clear message naming it (or a correct result), the
//! good one is still reported, nothing panics, nothing hangs.

use crate::common;

use crate::common::{gwlint_in, run, write, Run};
use assert_cmd::Command;
use std::fs;
use std::path::Path;

/// A draft with one unfilled date: always reported.
const GOOD: &str = "关于做好防汛工作的通知\n\n请于X月X日前报送材料。\n";

/// Checking with the gwlint.toml the test wrote in `dir`.
fn configured(dir: &Path) -> Command {
    let mut c = common::configured(dir);
    c.args(["--as-of", common::AS_OF_ARG]);
    c
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    dir
}

/// Check `bad` beside good.txt in short format, with no configuration.
fn check_with_good(dir: &Path, bad: &str) -> Run {
    run(gwlint_in(dir).args(["--format", "short", bad, "good.txt"]))
}

/// The promises every case keeps.
fn assert_sane(r: &Run) {
    for text in [&r.stdout, &r.stderr] {
        assert!(
            !text.contains("panicked") && !text.contains("RUST_BACKTRACE"),
            "panic text:\n{text}"
        );
    }
    assert!(
        r.stdout.lines().any(|l| {
            l.trim_start_matches("./")
                .starts_with("good.txt:3:3: error[placeholder]")
        }),
        "the good file was not reported:\n{}\n{}",
        r.stdout,
        r.stderr
    );
}

/// A file refused with a message naming it.
fn assert_refused(r: &Run, bad: &str, why: &str) {
    assert_sane(r);
    assert_eq!(r.code, Some(2), "{}{}", r.stdout, r.stderr);
    let line = r
        .stdout
        .lines()
        .find(|l| l.contains("error[io]") && l.contains(bad))
        .unwrap_or_else(|| panic!("no message naming {bad}:\n{}", r.stdout));
    assert!(line.contains(why), "{line}");
}

/// A file checked normally: no io error, exit 1 (the good file's error).
fn assert_checked(r: &Run) {
    assert_sane(r);
    assert!(!r.stdout.contains("error[io]"), "{}", r.stdout);
    assert_eq!(r.code, Some(1), "{}{}", r.stdout, r.stderr);
}

#[test]
fn empty_and_whitespace_only_files_are_checked() {
    let dir = setup();
    write(dir.path(), "empty.txt", b"");
    write(dir.path(), "blank.txt", b" \n\t\n\r\n\xE3\x80\x80\n");
    assert_checked(&check_with_good(dir.path(), "empty.txt"));
    assert_checked(&check_with_good(dir.path(), "blank.txt"));
}

#[test]
fn binary_nul_and_undecodable_files_are_refused() {
    let dir = setup();
    let png = [
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
    ];
    write(dir.path(), "image.txt", &png);
    assert_refused(
        &check_with_good(dir.path(), "image.txt"),
        "image.txt",
        "二进制",
    );
    write(dir.path(), "nul.txt", "通知\0正文".as_bytes());
    assert_refused(&check_with_good(dir.path(), "nul.txt"), "nul.txt", "二进制");
    let mut bad = "通知".as_bytes().to_vec();
    bad.extend_from_slice(&[0xFF, 0xFE, 0xFD, 0x81]);
    write(dir.path(), "bytes.txt", &bad);
    assert_refused(
        &check_with_good(dir.path(), "bytes.txt"),
        "bytes.txt",
        "解码",
    );
}

#[test]
fn utf16_without_bom_is_read_and_a_lone_surrogate_refused() {
    let dir = setup();
    let le: Vec<u8> = "关于开会的通知\n\n由XX同志主持。\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    write(dir.path(), "utf16.txt", &le);
    let r = check_with_good(dir.path(), "utf16.txt");
    assert_checked(&r);
    assert!(
        r.stdout.contains("utf16.txt:3:2: error[placeholder]"),
        "{}",
        r.stdout
    );
    // A high surrogate followed by an ordinary character.
    let mut lone = vec![0xFF, 0xFE];
    for u in [0x901A_u16, 0xD800, 0x77E5, 0x000A] {
        lone.extend_from_slice(&u.to_le_bytes());
    }
    write(dir.path(), "surrogate.txt", &lone);
    assert_refused(
        &check_with_good(dir.path(), "surrogate.txt"),
        "surrogate.txt",
        "UTF-16LE",
    );
}

#[test]
fn a_50_mb_single_line_is_refused_by_the_paragraph_limit() {
    let dir = setup();
    let line = "一".repeat(50 * 1024 * 1024 / 3);
    write(dir.path(), "long.txt", line.as_bytes());
    let r = check_with_good(dir.path(), "long.txt");
    assert_refused(&r, "long.txt", "max_paragraph_chars");
    assert!(r.stdout.contains("第 1 行"), "{}", r.stdout);
}

#[test]
fn deep_nesting_and_dense_placeholders_give_a_result() {
    let dir = setup();
    let quotes = format!("标题\n{}{}\n", "“".repeat(100_000), "”".repeat(100_000));
    write(dir.path(), "quotes.txt", quotes.as_bytes());
    let r = check_with_good(dir.path(), "quotes.txt");
    assert_checked(&r);
    // 300,000 characters in one paragraph, with a limit raised to allow it.
    let dense = format!("标题\n{}\n", "XX，".repeat(100_000));
    write(dir.path(), "dense.txt", dense.as_bytes());
    fs::write(
        dir.path().join("gwlint.toml"),
        "[limits]\nmax_paragraph_chars = 400000\n",
    )
    .unwrap();
    let r = run(configured(dir.path()).args(["--format", "short", "dense.txt", "good.txt"]));
    assert_sane(&r);
    let flagged = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("dense.txt:2:") && l.contains("[placeholder]"))
        .count();
    // Cut at the default of 10,000 findings per file, and told so.
    assert_eq!(flagged, 10_000);
    assert!(r.stderr.contains("问题过多（100000 个）"), "{}", r.stderr);
}

#[test]
fn crlf_and_lone_cr_give_a_result() {
    let dir = setup();
    write(
        dir.path(),
        "crlf.txt",
        "关于开会的通知\r\n\r\n由XX同志主持。\r\n".as_bytes(),
    );
    let r = check_with_good(dir.path(), "crlf.txt");
    assert_checked(&r);
    assert!(
        r.stdout.contains("crlf.txt:3:2: error[placeholder]"),
        "{}",
        r.stdout
    );
    write(
        dir.path(),
        "cr.txt",
        "关于开会的通知\r\r由XX同志主持。\r".as_bytes(),
    );
    let r = check_with_good(dir.path(), "cr.txt");
    assert_checked(&r);
    assert!(r.stdout.contains("cr.txt:1:"), "{}", r.stdout);
}

#[cfg(unix)]
#[test]
fn links_fifos_missing_and_unreadable_paths() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = setup();
    let d = dir.path();
    symlink("loop-b.txt", d.join("loop-a.txt")).unwrap();
    symlink("loop-a.txt", d.join("loop-b.txt")).unwrap();
    let r = check_with_good(d, "loop-a.txt");
    assert_sane(&r);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stdout.contains("loop-a.txt:1:1: error[io]"),
        "{}",
        r.stdout
    );

    symlink("nowhere.txt", d.join("dangling.txt")).unwrap();
    assert_refused(
        &check_with_good(d, "dangling.txt"),
        "dangling.txt",
        "路径不存在",
    );
    assert_refused(
        &check_with_good(d, "missing.txt"),
        "missing.txt",
        "路径不存在",
    );

    let fifo = d.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // Named on the command line, a FIFO nobody writes to must not block.
    assert_refused(&check_with_good(d, "pipe.txt"), "pipe.txt", "不是普通文件");

    // Walking the directory skips links and the FIFO and never hangs.
    let r = run(gwlint_in(d).args(["--format", "short", "."]));
    assert_sane(&r);

    let locked = write(d, "locked.txt", "关于开会的通知\n".as_bytes());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let r = check_with_good(d, "locked.txt");
    if fs::read(&locked).is_ok() {
        // Running with privileges that read it anyway: it is checked.
        assert_checked(&r);
    } else {
        assert_refused(&r, "locked.txt", "权限");
    }
}

#[test]
fn a_directory_of_ten_thousand_small_files() {
    let dir = setup();
    let many = dir.path().join("many");
    fs::create_dir(&many).unwrap();
    for i in 0..10_000 {
        fs::write(many.join(format!("{i:05}.txt")), "通知\n").unwrap();
    }
    let r = run(gwlint_in(dir.path()).args(["many", "good.txt"]));
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stdout.contains("检查了 10001 个文件：1 个错误"),
        "{}",
        r.stdout.lines().last().unwrap_or_default()
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_kept_recoverable() {
    use std::os::unix::ffi::OsStrExt;
    let dir = setup();
    let raw: &[u8] = b"\xB7\xA2\xCE\xC4.txt"; // 发文 in GBK: not UTF-8
    let name = std::ffi::OsStr::from_bytes(raw);
    fs::write(dir.path().join(name), "关于开会的通知\n\n由XX同志主持。\n").unwrap();
    let out = gwlint_in(dir.path())
        .args(["--format", "json"])
        .arg(name)
        .arg("good.txt")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let records = v.as_array().unwrap();
    let odd: Vec<_> = records
        .iter()
        .filter(|r| r.get("path_bytes").is_some())
        .collect();
    assert!(!odd.is_empty(), "{v}");
    let bytes: Vec<u8> = odd[0]["path_bytes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_u64().unwrap() as u8)
        .collect();
    assert_eq!(bytes, raw);
    // UTF-8 names carry no extra field.
    assert!(records
        .iter()
        .filter(|r| r["path"] == "good.txt")
        .all(|r| r.get("path_bytes").is_none()));
}

#[test]
fn malformed_configuration_and_packs_are_errors_naming_the_file() {
    let dir = setup();
    fs::write(dir.path().join("gwlint.toml"), "level = [\n").unwrap();
    let r = run(configured(dir.path()).arg("good.txt"));
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("gwlint.toml:"), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));

    fs::create_dir(dir.path().join("packs")).unwrap();
    fs::write(dir.path().join("gwlint.toml"), "rule_dirs = [\"packs\"]\n").unwrap();
    for (pattern, why) in [("(未闭合", "unclosed"), ("某*", "空字符串")] {
        fs::write(
            dir.path().join("packs/residue.toml"),
            format!("[[residue]]\nid = \"mine\"\npattern = '{pattern}'\nwhat = \"x\"\n"),
        )
        .unwrap();
        let r = run(configured(dir.path()).arg("good.txt"));
        assert_eq!(r.code, Some(2), "{}", r.stderr);
        assert!(r.stderr.contains("residue.toml"), "{}", r.stderr);
        assert!(r.stderr.contains(why), "{}", r.stderr);
    }
}

#[test]
fn a_bug_while_checking_one_file_is_an_internal_error_for_that_file() {
    let dir = setup();
    write(dir.path(), "trigger.txt", "通知\n".as_bytes());
    let r = run(gwlint_in(dir.path())
        .env("GWLINT_TEST_PANIC", "trigger.txt")
        .args(["--format", "short", "trigger.txt", "good.txt"]));
    if !cfg!(debug_assertions) {
        // The hook exists in debug builds only: the file is simply checked.
        assert_checked(&r);
        return;
    }
    assert_sane(&r);
    assert_eq!(r.code, Some(2));
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("trigger.txt:1:1: error[io]"))
        .unwrap_or_else(|| panic!("{}", r.stdout));
    assert!(line.contains("内部错误") && line.contains("报告"), "{line}");
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn limits_are_configurable_and_named_in_the_message() {
    let dir = setup();
    fs::write(
        dir.path().join("gwlint.toml"),
        "[limits]\nmax_file_mb = 1\nmax_findings_per_file = 2\n",
    )
    .unwrap();
    write(dir.path(), "big.txt", "通知。\n".repeat(200_000).as_bytes());
    let r = run(configured(dir.path()).args(["--format", "short", "big.txt", "good.txt"]));
    assert_refused(&r, "big.txt", "max_file_mb");
    write(
        dir.path(),
        "many.txt",
        format!("标题\n\n{}", "请于X月X日前报送材料。\n".repeat(5)).as_bytes(),
    );
    let r = run(configured(dir.path()).args(["--format", "short", "many.txt", "good.txt"]));
    assert_sane(&r);
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.starts_with("many.txt"))
            .count(),
        2,
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("max_findings_per_file"), "{}", r.stderr);
    let shown = run(common::configured(dir.path()).args(["config", "--show"]));
    assert!(
        shown.stdout.contains("max_file_mb = 1\n")
            && shown.stdout.contains("max_findings_per_file = 2\n")
            && shown.stdout.contains("max_paragraph_chars = 200000\n"),
        "{}",
        shown.stdout
    );
    // Standard input obeys the same limits.
    fs::write(
        dir.path().join("gwlint.toml"),
        "[limits]\nmax_paragraph_chars = 5\n",
    )
    .unwrap();
    let r = run(configured(dir.path())
        .args(["--format", "short", "-"])
        .write_stdin("一二三四五六七\n"));
    assert_eq!(r.code, Some(2));
    assert!(
        r.stdout
            .contains("<stdin>:1:1: error[io] 第 1 行（段）长 7 字，超过上限 5 字"),
        "{}",
        r.stdout
    );
    fs::write(
        dir.path().join("gwlint.toml"),
        "[limits]\nmax_file_mb = 0\n",
    )
    .unwrap();
    let r = run(configured(dir.path()).arg("good.txt"));
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("上限必须大于 0"), "{}", r.stderr);
}

/// Paragraphs of 40,000 repetitions that once took minutes (work grew with
/// the square of the paragraph). The counts show every repetition was
/// judged; a return to quadratic work shows as a hung test, not a timing.
#[test]
fn hot_spot_paragraphs_are_judged_in_full() {
    let options = common::options();
    let count = |unit: &str, rule: &str| {
        let text = format!("关于某事的通知\n{}\n", unit.repeat(40_000));
        let (_, diags) = gwlint::lint_text("hot.txt", &text, &options);
        diags.iter().filter(|d| d.rule == rule).count()
    };
    assert_eq!(count("X年X月X日，", "placeholder"), 40_000);
    assert_eq!(count("××单位，", "placeholder"), 40_000);
    assert_eq!(count("某某同志，", "placeholder"), 0);
    // A count with nothing listed after it is not a mismatch.
    assert_eq!(count("做到四个方面，", "count-mismatch"), 0);
    // Equal numbers of each style: all but the first of one are reported.
    let mixed = count("3个方面，四个方面，", "number-style");
    assert!((39_999..=40_000).contains(&mixed), "{mixed}");
    // Sentences are looked for within a bounded window around each mention.
    let count = |unit: &str, rule: &str| {
        let text = format!("县委关于某事的通报\n{}\n", unit.repeat(8_000));
        let (_, diags) = gwlint::lint_text("hot.txt", &text, &options);
        diags.iter().filter(|d| d.rule == rule).count()
    };
    assert_eq!(count("决胜全面建成小康社会，", "outdated-term"), 8_000);
    // An introducer with no list after it within the sentence.
    assert_eq!(count("以下三项：", "count-mismatch"), 0);
}

/// Twenty thousand per-file-ignores entries load and apply; loading them
/// once searched the whole file for each entry (work grew with the square).
#[test]
fn many_per_file_ignores_apply() {
    let dir = setup();
    let mut config = String::from("[per-file-ignores]\n");
    for i in 0..20_000 {
        config.push_str(&format!("\"archive/{i:05}/**\" = [\"placeholder\"]\n"));
    }
    config.push_str("\"quiet.txt\" = [\"placeholder\"]\n");
    fs::write(dir.path().join("gwlint.toml"), config).unwrap();
    fs::write(dir.path().join("quiet.txt"), GOOD).unwrap();
    let r = run(configured(dir.path()).args(["--format", "short", "quiet.txt", "good.txt"]));
    assert_sane(&r);
    assert!(!r.stdout.contains("quiet.txt"), "{}", r.stdout);
}
