//! `-j/--threads`: the report of a tree is the same, byte for byte and in
//! path order, whatever the number of threads.

use crate::common::cmd;
use std::fs;
use std::path::Path;

/// A tree of more files than one parallel batch, from the corpus drafts,
/// in nested directories.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let drafts = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/drafts");
    let mut n = 0;
    for copy in 0..4 {
        for entry in fs::read_dir(&drafts).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "txt") {
                let sub = dir.path().join(format!("d{copy}/{}", n % 3));
                fs::create_dir_all(&sub).unwrap();
                fs::copy(&p, sub.join(p.file_name().unwrap())).unwrap();
                n += 1;
            }
        }
    }
    assert!(n > 64, "{n} files");
    dir
}

fn run(dir: &Path, threads: Option<&str>, rayon: Option<&str>, format: &str) -> (i32, String) {
    let mut c = cmd::gwlint_in(dir);
    c.args(["--color", "never"])
        .args(["--format", format])
        .env_remove("RAYON_NUM_THREADS");
    if let Some(j) = threads {
        c.args(["-j", j]);
    }
    if let Some(r) = rayon {
        c.env("RAYON_NUM_THREADS", r);
    }
    let out = c.arg(".").output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn one_thread_and_two_write_the_same_report() {
    let dir = tree();
    for format in ["human", "json", "sarif", "short"] {
        let serial = run(dir.path(), Some("1"), None, format);
        assert_eq!(serial.0, 1, "{format}: the drafts have errors");
        assert!(
            serial.1.contains("d0/0/") && serial.1.contains("d3/"),
            "{format}"
        );
        assert_eq!(
            serial,
            run(dir.path(), Some("2"), None, format),
            "{format}: -j 1 against -j 2"
        );
        assert_eq!(
            serial,
            run(dir.path(), None, Some("2"), format),
            "{format}: -j 1 against RAYON_NUM_THREADS=2"
        );
    }
}

#[test]
fn json_lists_files_in_path_order() {
    let dir = tree();
    let (_, out) = run(dir.path(), Some("2"), None, "json");
    let records: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let paths: Vec<&str> = records
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    let files: std::collections::BTreeSet<&str> = paths.iter().copied().collect();
    assert!(files.len() > 64, "{} files with findings", files.len());
}

#[test]
fn zero_threads_is_refused() {
    let dir = tree();
    let out = cmd::gwlint_in(dir.path())
        .args(["-j", "0", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("-j") || stderr.contains("--threads"),
        "{stderr}"
    );
}
