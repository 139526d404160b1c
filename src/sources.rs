//! The files of one run, as named on the command line: the same file
//! named twice is checked once, a report is never written over one of
//! them, and names that are not UTF-8 stay recoverable.

use crate::walk::Source;
use std::path::{Path, PathBuf};

/// A file name's bytes, when they are not valid UTF-8 (JSON then carries
/// them so that the name can be recovered exactly).
pub fn non_utf8_name(path: &Path) -> Option<Vec<u8>> {
    if path.to_str().is_some() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(path.as_os_str().as_bytes().to_vec())
    }
    #[cfg(not(unix))]
    {
        Some(path.to_string_lossy().as_bytes().to_vec())
    }
}

/// The same file named twice (a.txt ./a.txt, or through a link) is checked
/// once: sources are kept in order, de-duplicated by canonical path.
pub fn distinct(sources: Vec<Source>) -> Vec<Source> {
    let mut seen = std::collections::HashSet::new();
    sources
        .into_iter()
        .filter(|s| match s {
            Source::Stdin => seen.insert(PathBuf::from("-")),
            Source::File(p) => seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
        })
        .collect()
}

/// Refuse to write a report or baseline over a file that is being checked.
pub fn refuse_input_as_output(out: &Path, sources: &[Source]) -> Result<(), String> {
    let Ok(target) = std::fs::canonicalize(out) else {
        // It does not exist yet, so it is not an input.
        return Ok(());
    };
    let clash = sources.iter().any(|s| match s {
        Source::File(p) => std::fs::canonicalize(p).is_ok_and(|p| p == target),
        Source::Stdin => false,
    });
    if clash {
        return Err(format!(
            "输出文件 {} 也是要检查的文件：拒绝覆盖，请换一个输出路径",
            crate::report::escape::shown(&out.display().to_string())
        ));
    }
    Ok(())
}
