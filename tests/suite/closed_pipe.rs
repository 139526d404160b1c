//! Output piped into a reader that stops early (`gwlint docs/ | head`):
//! gwlint stops quietly, with exit code 0, in every format.

use crate::common::cmd;
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

/// Enough drafts that the report is far larger than a pipe's buffer.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let drafts = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/drafts");
    for copy in 0..10 {
        let sub = dir.path().join(format!("c{copy}"));
        std::fs::create_dir_all(&sub).unwrap();
        for entry in std::fs::read_dir(&drafts).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "txt") {
                std::fs::copy(&p, sub.join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    let dir = tree();
    for args in [
        &["--color", "never"][..],
        &["--format", "json"],
        &["--format", "sarif"],
        &["--format", "short", "-j", "1"],
    ] {
        let mut child = cmd::gwlint_std_in(dir.path())
            .arg(".")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 512];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The read end is closed here, long before the report's end.
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("失败") && !stderr.contains("panick"),
            "{args:?}: {stderr}"
        );
    }
}
