//! The gwlint command as every CLI test builds it: hermetic (no gwlint.toml
//! above the checkout or the temporary directory can change a result), with a
//! fixed date, no colour and no CI-provider environment, and a time limit that
//! turns a hang into a failure.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `--as-of` for every check, the same day as [`super::AS_OF`].
pub const AS_OF_ARG: &str = "2026-11-28";

/// Generous: cases finish in seconds; this only turns a hang into a failure.
pub const HANG: Duration = Duration::from_secs(120);

/// A directory holding an empty `gwlint.toml`: configuration discovery from
/// here stops at that file, whatever lies above the checkout.
pub fn neutral_dir() -> PathBuf {
    super::repo().join("tests/common/neutral")
}

/// The binary with a clean environment, run in `dir`, without arguments.
pub fn bare(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("gwlint").unwrap();
    c.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GWLINT_TEST_PANIC")
        .timeout(HANG);
    c
}

/// For checking files in `dir`: `--isolated --as-of 2026-11-28`.
pub fn gwlint_in(dir: &Path) -> Command {
    let mut c = bare(dir);
    c.args(["--isolated", "--as-of", AS_OF_ARG]);
    c
}

/// [`gwlint_in`] as a `std::process::Command`, for tests that read the
/// output while the process runs.
pub fn gwlint_std_in(dir: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_gwlint"));
    c.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GWLINT_TEST_PANIC")
        .args(["--isolated", "--as-of", AS_OF_ARG]);
    c
}

/// For checking files named by absolute paths.
pub fn gwlint() -> Command {
    gwlint_in(&neutral_dir())
}

/// For subcommands, `--help` and argument errors: no arguments, run where
/// configuration discovery finds only an empty file.
pub fn subcommand() -> Command {
    bare(&neutral_dir())
}

/// For tests of configuration discovery: run in `dir`, which (or a parent
/// inside the temporary directory) must hold the test's own gwlint.toml, so
/// that discovery never climbs out of the test's files.
pub fn configured(dir: &Path) -> Command {
    let tmp = std::env::temp_dir().canonicalize().unwrap();
    let dir_abs = dir.canonicalize().unwrap();
    assert!(
        dir_abs
            .ancestors()
            .take_while(|d| d.starts_with(&tmp) && *d != tmp)
            .any(|d| d.join("gwlint.toml").is_file()),
        "{}: a configured run needs its own gwlint.toml in the test's directory",
        dir.display()
    );
    bare(dir)
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The JSON array a `--format json` run printed.
pub fn json_items(stdout: &[u8]) -> Vec<serde_json::Value> {
    match serde_json::from_slice(stdout).unwrap() {
        serde_json::Value::Array(items) => items,
        other => panic!("not a JSON array: {other}"),
    }
}
