//! `gwlint.toml`: the configuration a document repository keeps beside its
//! documents. Discovered upward from the current directory.

use crate::error::FileError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FILE_NAME: &str = "gwlint.toml";

/// What a rule is set to in `[rules]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Off,
    Warning,
    Error,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceholderExtras {
    /// Words that look like placeholders but are not (X型, XX系列).
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ResidueExtras {
    /// Literal phrases to report as template residue.
    #[serde(default)]
    pub phrases: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionExtras {
    /// Mentions that are never a wrong self-reference (区县联动).
    #[serde(default)]
    pub exceptions: Vec<String>,
}

/// `[limits]`: how much gwlint reads and reports per file (see README).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsFile {
    /// The largest file read, in MiB.
    pub max_file_mb: Option<Spanned<u64>>,
    /// The longest paragraph (line), in characters.
    pub max_paragraph_chars: Option<Spanned<usize>>,
    /// The most text a .docx may expand to, numbering included, in MiB.
    pub max_docx_text_mb: Option<Spanned<u64>>,
    /// The most findings reported for one file.
    pub max_findings_per_file: Option<Spanned<usize>>,
}

/// The file as written. Rule ids keep their spans so that a typo can be
/// shown where it stands.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Rules to run (all when empty).
    #[serde(default)]
    pub select: Vec<Spanned<String>>,
    /// Rules not to run.
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    /// Globs of paths not to check, added to the defaults.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// The issuing level, instead of inferring it (县, 区…).
    #[serde(default)]
    pub level: Option<Spanned<String>>,
    /// The issuing organ type, instead of inferring it (局, 委员会…).
    pub organ: Option<Spanned<String>>,
    /// The date for outdated-term when a document has none.
    #[serde(default)]
    pub as_of: Option<Spanned<toml::value::Datetime>>,
    /// Directories of extra rule packs (same schema as rules/).
    #[serde(default)]
    pub rule_dirs: Vec<Spanned<String>>,
    /// Severity per rule.
    #[serde(default)]
    pub rules: BTreeMap<Spanned<String>, RuleSetting>,
    /// Glob → rules not to run on matching files.
    #[serde(default, rename = "per-file-ignores")]
    pub per_file_ignores: BTreeMap<String, Vec<Spanned<String>>>,
    /// Glob → template name for matching files.
    #[serde(default)]
    pub templates: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub placeholders: PlaceholderExtras,
    #[serde(default)]
    pub residue: ResidueExtras,
    #[serde(default)]
    pub jurisdiction: JurisdictionExtras,
    #[serde(default)]
    pub limits: LimitsFile,
}

/// A configuration file with where it was found.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub text: String,
    pub config: ConfigFile,
}

impl Loaded {
    /// The directory globs and rule_dirs are relative to.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    pub fn error(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> FileError {
        FileError::at(
            &self.path.display().to_string(),
            &self.text,
            Some(span),
            message,
        )
    }
}

/// Find `gwlint.toml` in `start` or a parent directory.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = start.canonicalize().ok()?;
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Read and parse a configuration file.
pub fn load(path: &Path) -> Result<Loaded, FileError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| FileError::at(&name, "", None, format!("无法读取配置文件：{e}")))?;
    let config: ConfigFile =
        toml::from_str(&text).map_err(|e| FileError::from_toml(&name, &text, &e))?;
    Ok(Loaded {
        // Absolute, so that globs are relative to its directory even when
        // it was named as a bare file name.
        path: path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
        text,
        config,
    })
}
