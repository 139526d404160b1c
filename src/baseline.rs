//! Baselines: adopt gwlint without fixing every old document first.
//! `--write-baseline FILE` records today's diagnostics by path, rule and the
//! flagged text with a little context (not by line number, so edits
//! elsewhere do not break it); `--baseline FILE` reports only what is new.

use crate::diag::Diagnostic;
use crate::doc::Document;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Characters of context kept on each side of the flagged text.
const CONTEXT: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub text: String,
    pub context: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct File {
    gwlint_baseline: u32,
    entries: Vec<Entry>,
}

/// A path as recorded: forward slashes, no leading `./`.
pub fn normalize(path: &str) -> String {
    let p = path.replace('\\', "/");
    p.strip_prefix("./").unwrap_or(&p).to_string()
}

/// The fingerprint of one diagnostic.
pub fn entry(doc: &Document, d: &Diagnostic) -> Entry {
    let src = doc.source();
    let line = doc.lines.line_range(src, doc.lines.line_of(d.range.start));
    let start = d.range.start.min(line.end);
    let end = d.range.end.min(line.end).max(start);
    let before: String = src[line.start..start]
        .chars()
        .rev()
        .take(CONTEXT)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = src[end..line.end].chars().take(CONTEXT).collect();
    let text: String = src[start..end].chars().take(60).collect();
    Entry {
        path: normalize(&doc.name),
        rule: d.rule.to_string(),
        context: format!("{before}|{after}"),
        text,
    }
}

/// A loaded baseline, counting how many of each entry are still unmatched.
#[derive(Debug, Default)]
pub struct Baseline {
    remaining: BTreeMap<Entry, usize>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("无法读取基线文件 {}：{e}", path.display()))?;
        let file: File = serde_json::from_str(&text)
            .map_err(|e| format!("基线文件 {} 格式有误：{e}", path.display()))?;
        let mut remaining = BTreeMap::new();
        for e in file.entries {
            *remaining.entry(e).or_insert(0) += 1;
        }
        Ok(Baseline { remaining })
    }

    /// Keep the diagnostics the baseline does not account for.
    pub fn filter(&mut self, doc: &Document, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diags
            .into_iter()
            .filter(|d| match self.remaining.get_mut(&entry(doc, d)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect()
    }

    /// Entries of the checked files that matched nothing: fixed since, so
    /// the baseline can shrink.
    pub fn unused(&self, checked: &[String]) -> Vec<(&Entry, usize)> {
        let checked: std::collections::HashSet<&String> = checked.iter().collect();
        self.remaining
            .iter()
            .filter(|(e, n)| **n > 0 && checked.contains(&e.path))
            .map(|(e, n)| (e, *n))
            .collect()
    }
}

/// Write a baseline of these entries (sorted, so the file is stable).
pub fn write(path: &Path, mut entries: Vec<Entry>) -> Result<(), String> {
    entries.sort();
    let file = File {
        gwlint_baseline: 1,
        entries,
    };
    let text = serde_json::to_string_pretty(&file).expect("a baseline serialises");
    std::fs::write(path, text + "\n")
        .map_err(|e| format!("无法写入基线文件 {}：{e}", path.display()))
}
