//! Expanding the paths given on the command line into the files to check.

use crate::config::Settings;
use crate::input::Format;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Directories never descended into.
const SKIP_DIRS: &[&str] = &["target", "node_modules"];

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

/// A path that could not be walked.
#[derive(Debug)]
pub struct WalkError {
    pub path: String,
    pub message: String,
}

/// What the command-line paths expand to.
#[derive(Debug, Default)]
pub struct Collected {
    pub sources: Vec<Source>,
    pub errors: Vec<WalkError>,
    /// Directories that hold no file to check.
    pub empty: Vec<String>,
}

/// Expand `paths` into sources, sorted by path. Directories contribute their
/// `.txt`, `.md` and `.docx` files (and drafts in formats gwlint cannot read,
/// .doc, .wps, .pdf, .ofd…, which are then reported by name), skipping
/// hidden directories, `target/`,
/// `node_modules/` and what the configuration excludes. Files named
/// explicitly are always included, unless `force_exclude` makes them obey
/// the excludes too (for pre-commit). Links are not followed.
pub fn collect(paths: &[PathBuf], settings: &Settings, force_exclude: bool) -> Collected {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut empty = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => errors.push(WalkError {
                path: p.display().to_string(),
                message: describe(&e),
            }),
            Ok(m) if m.is_dir() => {
                let before = out.len();
                walk_dir(p, settings, &mut out, &mut errors);
                if out.len() == before {
                    empty.push(p.display().to_string());
                }
            }
            Ok(_) if force_exclude && settings.is_excluded(p) => {}
            Ok(_) => out.push(Source::File(p.clone())),
        }
    }
    out.sort();
    out.dedup();
    Collected {
        sources: out,
        errors,
        empty,
    }
}

fn walk_dir(root: &Path, settings: &Settings, out: &mut Vec<Source>, errors: &mut Vec<WalkError>) {
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !(e.file_name().to_string_lossy().starts_with('.')
                    || (e.file_type().is_dir()
                        && SKIP_DIRS.contains(&e.file_name().to_string_lossy().as_ref()))
                    || settings.is_excluded(e.path()))
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && checked_when_walking(e.path()) => {
                out.push(Source::File(e.into_path()))
            }
            Ok(_) => {}
            Err(e) => errors.push(WalkError {
                path: e
                    .path()
                    .map_or_else(|| root.display().to_string(), |p| p.display().to_string()),
                message: e.io_error().map_or_else(|| e.to_string(), describe),
            }),
        }
    }
}

/// Files a folder contributes: those gwlint reads, and drafts it cannot.
fn checked_when_walking(path: &Path) -> bool {
    Format::from_path(path).is_some()
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(crate::input::is_unreadable_draft)
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "路径不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ => e.to_string(),
    }
}
