//! gwlint never loses or re-owns a file: the report is never written over
//! an input, --fix keeps owner, group and mode, leaves read-only files
//! alone, and the same file named twice is checked once.

use crate::common::{configured, gwlint_in, AS_OF_ARG};
use std::fs;

/// A draft with one safe fix (a half-width comma) and one error.
const FIXABLE: &str = "关于开会的通知\n\n在岗尽责,科学谋划，请于X月X日前报送。\n";

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), FIXABLE).unwrap();
    dir
}

#[test]
fn the_report_is_never_written_over_an_input() {
    let dir = setup();
    for target in ["a.txt", "./a.txt"] {
        for flag in ["-o", "--write-baseline"] {
            let out = gwlint_in(dir.path())
                .args([flag, target, "a.txt"])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{flag} {target}");
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert!(stderr.contains("也是要检查的文件"), "{stderr}");
            assert_eq!(
                fs::read_to_string(dir.path().join("a.txt")).unwrap(),
                FIXABLE
            );
        }
    }
    // Another path is fine.
    let out = gwlint_in(dir.path())
        .args(["-o", "report.txt", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(fs::read_to_string(dir.path().join("report.txt"))
        .unwrap()
        .contains("placeholder"));
}

#[test]
fn the_same_file_named_twice_is_checked_once() {
    let dir = setup();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let out = gwlint_in(dir.path())
        .args(["--format", "json", "a.txt", "./a.txt", "sub/../a.txt"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let placeholders = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "placeholder")
        .count();
    assert_eq!(placeholders, 1, "{v}");
}

#[test]
fn verbose_names_the_configuration_in_force() {
    let dir = setup();
    fs::write(
        dir.path().join("gwlint.toml"),
        "ignore = [\"halfwidth-punct\"]\n",
    )
    .unwrap();
    let out = configured(dir.path())
        .args(["--as-of", AS_OF_ARG, "-v", "a.txt"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let expected = dir.path().canonicalize().unwrap().join("gwlint.toml");
    assert!(
        stderr.contains(&format!("使用配置文件 {}", expected.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("另一个用户"), "{stderr}");
    // A configuration someone else owns is named as such.
    #[cfg(unix)]
    if std::os::unix::fs::chown(dir.path().join("gwlint.toml"), Some(4321), None).is_ok() {
        let out = configured(dir.path())
            .args(["--as-of", AS_OF_ARG, "-v", "a.txt"])
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("属于另一个用户，uid 4321"), "{stderr}");
    }
    let out = gwlint_in(dir.path())
        .args(["-v", "a.txt"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("没有使用配置文件"));
}

#[cfg(unix)]
#[test]
fn fix_refuses_read_only_files_and_leaves_them_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = setup();
    let p = dir.path().join("a.txt");
    fs::set_permissions(&p, fs::Permissions::from_mode(0o444)).unwrap();
    let out = gwlint_in(dir.path())
        .args(["--fix", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("a.txt") && stdout.contains("只读"),
        "{stdout}"
    );
    assert_eq!(fs::read_to_string(&p).unwrap(), FIXABLE);
    assert_eq!(
        fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

#[cfg(unix)]
#[test]
fn fix_keeps_owner_group_and_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = setup();
    let p = dir.path().join("a.txt");
    fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
    // As root, hand the file to another user first, as in a shared checkout.
    let other = std::os::unix::fs::chown(&p, Some(4321), Some(4322)).is_ok();
    let before = fs::metadata(&p).unwrap();
    let out = gwlint_in(dir.path())
        .args(["--fix", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = fs::read_to_string(&p).unwrap();
    assert!(text.contains("在岗尽责，科学谋划"), "{text}");
    let after = fs::metadata(&p).unwrap();
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if other {
        assert_eq!((after.uid(), after.gid()), (4321, 4322));
    }
    assert_eq!(after.permissions().mode() & 0o777, 0o640);
}
