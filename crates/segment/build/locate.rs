//! Finding jieba-rs's default dictionary, `src/data/dict.txt` in the
//! jieba-rs package source. The crate build-depends on jieba-rs (without
//! its default features), so cargo has downloaded that source before this
//! build script runs; the question is only where it is.
//!
//! First choice: `cargo metadata`, which names the manifest of the exact
//! jieba-rs package this crate depends on, wherever it comes from (a
//! registry, a vendored directory, a patch). Otherwise (no cargo, a package
//! that is not in its workspace, as in `cargo package`'s verification
//! build): the version in Cargo.lock, looked for in cargo's registry
//! sources.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use std::{env, fs};

const DICT: &str = "src/data/dict.txt";

/// The dictionary's path; panics naming every place looked at.
pub fn jieba_dictionary(out_dir: &Path) -> PathBuf {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut tried = Vec::new();
    match from_metadata(&manifest_dir, out_dir) {
        Ok(dir) => {
            let path = dir.join(DICT);
            if path.is_file() {
                return path;
            }
            tried.push(format!(
                "{} (the jieba-rs package that cargo metadata names)",
                path.display()
            ));
        }
        Err(why) => tried.push(format!("cargo metadata: {why}")),
    }
    match from_registry(&manifest_dir) {
        Ok(path) => return path,
        Err(why) => tried.push(why),
    }
    panic!(
        "jieba-rs's default dictionary ({DICT} in the jieba-rs package source) was not found:\n  {}",
        tried.join("\n  ")
    );
}

/// The directory of the jieba-rs package this crate depends on, from
/// `cargo metadata --frozen` (offline, Cargo.lock untouched). Only the
/// host's and the target's packages are asked for: the others
/// (Windows-only crates on Linux…) may not be downloaded. It runs with a time limit, in case a cargo lock held by the
/// build that runs this script ever made it wait.
fn from_metadata(manifest_dir: &Path, out_dir: &Path) -> Result<PathBuf, String> {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = manifest_dir.join("Cargo.toml");
    // Output to files rather than pipes, which would need readers.
    let json_path = out_dir.join("cargo-metadata.json");
    let err_path = out_dir.join("cargo-metadata.err");
    let json_file = fs::File::create(&json_path).map_err(|e| e.to_string())?;
    let err_file = fs::File::create(&err_path).map_err(|e| e.to_string())?;
    let mut command = Command::new(&cargo);
    command
        .args([
            "metadata",
            "--format-version",
            "1",
            // Offline, and never rewriting Cargo.lock under the build.
            "--frozen",
            "--manifest-path",
        ])
        .arg(&manifest);
    for platform in ["HOST", "TARGET"].iter().filter_map(env::var_os) {
        command.arg("--filter-platform").arg(platform);
    }
    let mut child = command
        .stdin(Stdio::null())
        .stdout(json_file)
        .stderr(err_file)
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", Path::new(&cargo).display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            return Err("no answer within 20 s".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if !status.success() {
        let err = fs::read_to_string(&err_path).unwrap_or_default();
        return Err(format!("{status}: {}", err.trim()));
    }
    let json = fs::read_to_string(&json_path).map_err(|e| e.to_string())?;
    let _ = fs::remove_file(&json_path);
    let _ = fs::remove_file(&err_path);
    let meta: Value = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    jieba_package_dir(&meta, &manifest)
        .ok_or_else(|| "no jieba-rs among this package's dependencies".into())
}

/// In `cargo metadata` output: the directory of the jieba-rs package that
/// the package at `manifest` depends on.
fn jieba_package_dir(meta: &Value, manifest: &Path) -> Option<PathBuf> {
    let packages = meta["packages"].as_array()?;
    let ours = packages.iter().find(|p| {
        p["manifest_path"]
            .as_str()
            .is_some_and(|m| same_file(Path::new(m), manifest))
    })?;
    let node = meta["resolve"]["nodes"]
        .as_array()?
        .iter()
        .find(|n| n["id"] == ours["id"])?;
    let jieba_id = node["deps"]
        .as_array()?
        .iter()
        .find(|d| d["name"] == "jieba_rs")?["pkg"]
        .clone();
    let jieba = packages.iter().find(|p| p["id"] == jieba_id)?;
    Some(
        Path::new(jieba["manifest_path"].as_str()?)
            .parent()?
            .to_path_buf(),
    )
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// `$CARGO_HOME/registry/src/*/jieba-rs-VERSION/src/data/dict.txt`, for the
/// versions of jieba-rs in the nearest Cargo.lock.
fn from_registry(manifest_dir: &Path) -> Result<PathBuf, String> {
    let lock = manifest_dir
        .ancestors()
        .map(|d| d.join("Cargo.lock"))
        .find(|p| p.is_file())
        .ok_or("no Cargo.lock in this package's directory or above")?;
    let versions = locked_versions(
        &fs::read_to_string(&lock).map_err(|e| e.to_string())?,
        "jieba-rs",
    );
    if versions.is_empty() {
        return Err(format!("no jieba-rs in {}", lock.display()));
    }
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| {
            env::var_os("HOME")
                .or_else(|| env::var_os("USERPROFILE"))
                .map(|h| Path::new(&h).join(".cargo"))
        })
        .ok_or("none of CARGO_HOME, HOME and USERPROFILE is set")?;
    let sources = cargo_home.join("registry/src");
    let registries: Vec<PathBuf> = fs::read_dir(&sources)
        .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    for version in &versions {
        for registry in &registries {
            let path = registry.join(format!("jieba-rs-{version}")).join(DICT);
            if path.is_file() {
                return Ok(path);
            }
        }
    }
    Err(format!(
        "no {} in {} (jieba-rs {} from {})",
        Path::new("jieba-rs-VERSION").join(DICT).display(),
        sources.join("*").display(),
        versions.join(", "),
        lock.display()
    ))
}

/// The versions of package `name` in the text of a Cargo.lock.
fn locked_versions(lock: &str, name: &str) -> Vec<String> {
    let wanted = format!("name = \"{name}\"");
    let mut versions = Vec::new();
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                versions.push(v.trim_end_matches('"').to_string());
            }
        }
    }
    versions
}
