//! Every CLI test builds its command through tests/common/cmd.rs, which
//! isolates it from any gwlint.toml above the checkout or the temporary
//! directory. `.ci/hermetic` proves the whole suite so; this keeps new tests
//! from starting the binary some other way.

use crate::common;

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn only_the_shared_builders_start_gwlint() {
    let tests = common::repo().join("tests");
    let builders = tests.join("common/cmd.rs");
    let mut files = Vec::new();
    rust_files(&tests, &mut files);
    assert!(files.contains(&builders));
    // Spelt in pieces so that this file does not match itself.
    let starts = [
        concat!("cargo", "_bin("),
        concat!("CARGO_BIN", "_EXE"),
        concat!("target/", "debug/gwlint"),
    ];
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| **f != builders)
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            starts
                .iter()
                .filter(|s| text.contains(*s))
                .map(|s| format!("{} uses {s}", f.display()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "start gwlint with the builders in tests/common/cmd.rs:\n{}",
        offenders.join("\n")
    );
}
