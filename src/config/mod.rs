//! What shapes one lint run: options from the command line and from
//! `gwlint.toml`, resolved once, then specialised per file.

pub mod file;

use crate::diag::Severity;
use crate::error::FileError;
use crate::limits::{Limits, MIB};
use crate::packs::Packs;
use crate::rules::{Registry, Rule};
use file::{Loaded, RuleSetting};
use globset::{Glob, GlobMatcher, GlobSet, GlobSetBuilder};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// Options for linting one document.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The issuing level, when it should not be inferred.
    pub level: Option<String>,
    /// The issuing organ type (局, 委员会…), when it should not be inferred.
    pub organ: Option<String>,
    /// The genre template, when it should not be chosen by the title.
    pub template: Option<String>,
    /// The date for `outdated-term` when a document has none; default today.
    pub as_of: Option<(u32, u32, u32)>,
    /// Rule ids to run; empty means all.
    pub select: Vec<String>,
    /// Rule ids not to run.
    pub ignore: Vec<String>,
    /// Severities changed from the rules' defaults.
    pub severity: BTreeMap<String, Severity>,
    /// Rule packs, when they differ from the embedded ones.
    pub packs: Option<Arc<Packs>>,
    /// How much is read and reported per file.
    pub limits: Limits,
    /// The rules of those packs, when they differ from the embedded ones.
    pub registry: Option<Arc<Registry>>,
}

impl Options {
    /// The rules this run checks, in registry order.
    pub fn rules(&self) -> Vec<&Rule> {
        self.registry()
            .all()
            .iter()
            .copied()
            .filter(|r| self.select.is_empty() || self.select.iter().any(|s| s == r.id))
            .filter(|r| !self.ignore.iter().any(|s| s == r.id))
            .collect()
    }

    pub fn packs(&self) -> &Packs {
        match self.packs.as_deref() {
            Some(p) => p,
            None => Packs::builtin(),
        }
    }

    /// Every rule known in this run: code rules and lexicon packs.
    pub fn registry(&self) -> &Registry {
        match self.registry.as_deref() {
            Some(r) => r,
            None => Registry::builtin(),
        }
    }

    /// The severity a rule reports with in this run.
    pub fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity.get(rule.id).copied().unwrap_or(rule.severity)
    }
}

/// Settings for a whole run: base options plus what varies by path.
#[derive(Debug, Default)]
pub struct Settings {
    pub base: Options,
    /// The configuration file in effect, if any.
    pub file: Option<Loaded>,
    exclude: Option<GlobSet>,
    per_file_ignores: PerFileIgnores,
    templates: Vec<(GlobMatcher, String)>,
}

/// `[per-file-ignores]`: one glob set matched once per file, however many
/// entries there are.
#[derive(Debug, Default)]
struct PerFileIgnores {
    globs: GlobSet,
    /// The rule ids of each glob, by the glob's index.
    ids: Vec<Vec<String>>,
}

/// Paths excluded even without configuration (beside hidden directories).
pub const DEFAULT_EXCLUDES: &[&str] = &["**/target/**", "**/node_modules/**"];

impl Settings {
    /// Options for one file: per-file ignores and templates applied.
    pub fn options_for(&self, path: &Path) -> Options {
        let mut o = self.base.clone();
        let rel = self.relative(path);
        let pfi = &self.per_file_ignores;
        let mut hits = pfi.globs.matches(&rel);
        hits.extend(pfi.globs.matches(path));
        hits.sort_unstable();
        hits.dedup();
        for id in hits.into_iter().flat_map(|i| &pfi.ids[i]) {
            if !o.ignore.contains(id) {
                o.ignore.push(id.clone());
            }
        }
        if o.template.is_none() {
            if let Some((_, t)) = self
                .templates
                .iter()
                .find(|(g, _)| g.is_match(&rel) || g.is_match(path))
            {
                o.template = Some(t.clone());
            }
        }
        o
    }

    /// Which configuration is in force, for `-v`, and whose it is when it
    /// belongs to another user (a gwlint.toml found in a parent directory).
    pub fn in_force(&self) -> String {
        match &self.file {
            Some(f) => format!(
                "使用配置文件 {}{}",
                f.path.display(),
                foreign_owner(&f.path)
                    .map(|uid| format!("（属于另一个用户，uid {uid}）"))
                    .unwrap_or_default()
            ),
            None => "没有使用配置文件（未找到 gwlint.toml，或用了 --isolated）".to_string(),
        }
    }

    /// Whether a path is excluded by configuration.
    pub fn is_excluded(&self, path: &Path) -> bool {
        let rel = self.relative(path);
        self.exclude
            .as_ref()
            .is_some_and(|set| set.is_match(&rel) || set.is_match(path))
    }

    /// A path relative to the configuration's directory, when it lies below it.
    fn relative(&self, path: &Path) -> std::path::PathBuf {
        let Some(f) = &self.file else {
            return path.to_path_buf();
        };
        let abs = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|d| d.join(path))
                .unwrap_or_else(|_| path.to_path_buf())
        };
        // The configuration's own path is already absolute and canonical.
        let abs = abs.canonicalize().unwrap_or(abs);
        abs.strip_prefix(f.dir())
            .map(Path::to_path_buf)
            .unwrap_or(abs)
    }
}

/// The owner of `path` when it is not the user running gwlint (Linux).
fn foreign_owner(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let me = std::fs::metadata("/proc/self").ok()?.uid();
        let owner = std::fs::metadata(path).ok()?.uid();
        (owner != me).then_some(owner)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Check a rule id written in the configuration.
fn rule_id(
    loaded: &Loaded,
    registry: &Registry,
    id: &toml::Spanned<String>,
) -> Result<String, FileError> {
    let name = id.get_ref();
    if registry.by_id(name).is_some() {
        return Ok(name.clone());
    }
    Err(loaded.error(id.span(), registry.unknown_rule_message(name)))
}

/// Compile a glob; `span` (where it is written, for the error) is only
/// looked up when it is invalid, so that many globs stay linear to load.
fn glob(
    loaded: &Loaded,
    pattern: &str,
    span: impl FnOnce() -> std::ops::Range<usize>,
) -> Result<Glob, FileError> {
    Glob::new(pattern).map_err(|e| loaded.error(span(), format!("无效的路径模式：{e}")))
}

/// Resolve a configuration file into settings. Command-line options are
/// applied on top by the caller, and so is the check of the examples of the
/// user's packs (`selftest::check_user_packs`).
pub fn resolve(loaded: Option<Loaded>) -> Result<Settings, FileError> {
    let Some(loaded) = loaded else {
        return Ok(Settings {
            exclude: Some(default_excludes()),
            ..Settings::default()
        });
    };
    let mut base = Options::default();
    if let Some((packs, registry)) = user_packs(&loaded)? {
        base.packs = Some(Arc::new(packs));
        base.registry = Some(Arc::new(registry));
    }
    let registry = base.registry.clone();
    let registry = match registry.as_deref() {
        Some(r) => r,
        None => Registry::builtin(),
    };
    rule_settings(&loaded, registry, &mut base)?;
    let packs = base.packs.clone();
    let packs = match packs.as_deref() {
        Some(p) => p,
        None => Packs::builtin(),
    };
    document_settings(&loaded, packs, &mut base)?;
    base.limits = limits(&loaded)?;
    let exclude = excludes(&loaded)?;
    let per_file_ignores = per_file_ignores(&loaded, registry)?;
    let mut templates = Vec::new();
    for (pattern, name) in &loaded.config.templates {
        packs
            .check_template(name.get_ref())
            .map_err(|m| loaded.error(name.span(), m))?;
        let m = glob(&loaded, pattern, || find_key(&loaded.text, pattern))?.compile_matcher();
        templates.push((m, name.get_ref().clone()));
    }
    Ok(Settings {
        base,
        file: Some(loaded),
        exclude: Some(exclude),
        per_file_ignores,
        templates,
    })
}

/// The embedded packs plus `rule_dirs` and the small extensions, and their
/// rules; none when the configuration adds nothing to the embedded packs.
fn user_packs(loaded: &Loaded) -> Result<Option<(Packs, Registry)>, FileError> {
    let c = &loaded.config;
    let needs_packs = !c.rule_dirs.is_empty()
        || !c.placeholders.allow.is_empty()
        || !c.residue.phrases.is_empty()
        || !c.jurisdiction.exceptions.is_empty();
    if !needs_packs {
        return Ok(None);
    }
    let mut packs =
        Packs::embedded().map_err(|e| FileError::at("rules/", "", None, e.to_string()))?;
    for dir in &c.rule_dirs {
        packs.extend_from_dir(&loaded.dir().join(dir.get_ref()))?;
    }
    packs.extend_words(
        &c.placeholders.allow,
        &c.residue.phrases,
        &c.jurisdiction.exceptions,
    );
    let registry = Registry::new(&packs).map_err(|m| {
        let span = c.rule_dirs.first().map(|d| d.span());
        loaded.error(span.unwrap_or(0..0), m)
    })?;
    Ok(Some((packs, registry)))
}

/// `select`, `ignore` and `[rules]`.
fn rule_settings(
    loaded: &Loaded,
    registry: &Registry,
    base: &mut Options,
) -> Result<(), FileError> {
    let c = &loaded.config;
    for id in &c.select {
        base.select.push(rule_id(loaded, registry, id)?);
    }
    for id in &c.ignore {
        base.ignore.push(rule_id(loaded, registry, id)?);
    }
    for (id, setting) in &c.rules {
        let id = rule_id(loaded, registry, id)?;
        match setting {
            RuleSetting::Off => base.ignore.push(id),
            RuleSetting::Warning => {
                base.severity.insert(id, Severity::Warning);
            }
            RuleSetting::Error => {
                base.severity.insert(id, Severity::Error);
            }
        }
    }
    Ok(())
}

/// What the configuration says of every document: `level`, `organ`, `as_of`.
fn document_settings(loaded: &Loaded, packs: &Packs, base: &mut Options) -> Result<(), FileError> {
    let c = &loaded.config;
    if let Some(level) = &c.level {
        packs
            .check_level(level.get_ref())
            .map_err(|m| loaded.error(level.span(), m))?;
        base.level = Some(level.get_ref().clone());
    }
    if let Some(organ) = &c.organ {
        packs
            .check_organ(organ.get_ref())
            .map_err(|m| loaded.error(organ.span(), m))?;
        base.organ = Some(organ.get_ref().clone());
    }
    if let Some(d) = &c.as_of {
        let date = d
            .get_ref()
            .date
            .as_ref()
            .ok_or_else(|| loaded.error(d.span(), "as_of 需要日期，如 2026-11-28"))?;
        base.as_of = Some((
            u32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        ));
    }
    Ok(())
}

/// The default excludes and the configuration's, as one glob set.
fn excludes(loaded: &Loaded) -> Result<GlobSet, FileError> {
    let mut ex = GlobSetBuilder::new();
    for g in DEFAULT_EXCLUDES {
        ex.add(Glob::new(g).expect("default globs are valid"));
    }
    for g in &loaded.config.exclude {
        ex.add(glob(loaded, g.get_ref(), || g.span())?);
    }
    ex.build()
        .map_err(|e| FileError::at(&loaded.path.display().to_string(), "", None, e.to_string()))
}

/// `[per-file-ignores]`, with every rule id checked.
fn per_file_ignores(loaded: &Loaded, registry: &Registry) -> Result<PerFileIgnores, FileError> {
    let mut globs = GlobSetBuilder::new();
    let mut ids = Vec::new();
    for (pattern, rules) in &loaded.config.per_file_ignores {
        globs.add(glob(loaded, pattern, || find_key(&loaded.text, pattern))?);
        ids.push(
            rules
                .iter()
                .map(|id| rule_id(loaded, registry, id))
                .collect::<Result<Vec<_>, _>>()?,
        );
    }
    Ok(PerFileIgnores {
        globs: globs.build().map_err(|e| {
            FileError::at(&loaded.path.display().to_string(), "", None, e.to_string())
        })?,
        ids,
    })
}

/// `[limits]`, each at least 1 (a limit of 0 would check nothing).
fn limits(loaded: &Loaded) -> Result<Limits, FileError> {
    let l = &loaded.config.limits;
    let mut out = Limits::default();
    let positive = |v: &toml::Spanned<u64>| {
        if *v.get_ref() == 0 {
            Err(loaded.error(v.span(), "上限必须大于 0"))
        } else {
            Ok(*v.get_ref())
        }
    };
    if let Some(v) = &l.max_file_mb {
        out.file_bytes = positive(v)?.saturating_mul(MIB);
    }
    if let Some(v) = &l.max_docx_text_mb {
        out.docx_text_bytes =
            usize::try_from(positive(v)?.saturating_mul(MIB)).unwrap_or(usize::MAX);
    }
    let positive = |v: &toml::Spanned<usize>| {
        if *v.get_ref() == 0 {
            Err(loaded.error(v.span(), "上限必须大于 0"))
        } else {
            Ok(*v.get_ref())
        }
    };
    if let Some(v) = &l.max_paragraph_chars {
        out.paragraph_chars = positive(v)?;
    }
    if let Some(v) = &l.max_findings_per_file {
        out.findings_per_file = positive(v)?;
    }
    Ok(out)
}

fn default_excludes() -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for g in DEFAULT_EXCLUDES {
        b.add(Glob::new(g).expect("default globs are valid"));
    }
    b.build().expect("default globs are valid")
}

/// Where a table key is written (for errors about it).
fn find_key(text: &str, key: &str) -> std::ops::Range<usize> {
    text.find(&format!("\"{key}\""))
        .map(|i| i..i + key.len() + 2)
        .unwrap_or(0..0)
}

/// Today's date in China (UTC+8), from the system clock.
pub fn today() -> (u32, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days(((secs + 8 * 3600) / 86_400) as i64)
}

/// Convert days since 1970-01-01 to a (year, month, day) date
/// (the proleptic Gregorian calendar algorithm of Howard Hinnant).
fn civil_from_days(z: i64) -> (u32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as u32, m as u32, d as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_785), (2026, 11, 28));
    }
}
