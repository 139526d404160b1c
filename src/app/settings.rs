//! The settings of a run: the configuration found (or named), checked, with
//! the command line's options on top; and `gwlint config --show`.

use super::Error;
use crate::cli::Cli;
use crate::config::{self, file, Settings};
use crate::packs::parse_date;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Find and resolve the configuration; a user's packs must pass their own
/// examples.
pub fn load(config: Option<&Path>, isolated: bool) -> Result<Settings, Error> {
    let path = match (config, isolated) {
        (_, true) => None,
        (Some(p), _) => Some(p.to_path_buf()),
        (None, false) => std::env::current_dir()
            .ok()
            .and_then(|d| file::discover(&d)),
    };
    let loaded = path.map(|p| file::load(&p)).transpose()?;
    let settings = config::resolve(loaded)?;
    if settings.base.packs.is_some() {
        crate::selftest::check_user_packs(&settings.base)?;
    }
    Ok(settings)
}

/// The configuration with the command line's options applied on top.
pub fn for_cli(cli: &Cli) -> Result<Settings, Error> {
    let mut settings = load(cli.config.as_deref(), cli.isolated)?;
    apply_cli(cli, &mut settings)?;
    Ok(settings)
}

/// Command-line options override the configuration file.
fn apply_cli(cli: &Cli, settings: &mut Settings) -> Result<(), String> {
    let registry = settings.base.registry();
    for id in cli.select.iter().chain(&cli.ignore) {
        if registry.by_id(id).is_none() {
            return Err(registry.unknown_rule_message(id));
        }
    }
    let packs = settings.base.packs.clone();
    let packs = match packs.as_deref() {
        Some(p) => p,
        None => crate::packs::Packs::builtin(),
    };
    let base = &mut settings.base;
    if let Some(level) = &cli.level {
        packs.check_level(level)?;
        base.level = Some(level.clone());
    }
    if let Some(organ) = &cli.organ {
        packs.check_organ(organ)?;
        base.organ = Some(organ.clone());
    }
    if let Some(t) = &cli.template {
        packs.check_template(t)?;
        base.template = Some(t.clone());
    }
    if let Some(s) = &cli.as_of {
        base.as_of = Some(
            parse_date(s)
                .ok_or_else(|| format!("--as-of 需要 YYYY-MM-DD 格式的日期，收到“{s}”"))?,
        );
    }
    if !cli.select.is_empty() {
        base.select = cli.select.clone();
    }
    base.ignore.extend(cli.ignore.iter().cloned());
    Ok(())
}

/// The encoding named by `--encoding`, if any.
pub fn forced_encoding(cli: &Cli) -> Result<Option<&'static encoding_rs::Encoding>, String> {
    cli.encoding
        .as_ref()
        .map(|label| {
            encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
                format!("未知的编码“{label}”，可用如 UTF-8、GB18030、GBK、Big5、UTF-16LE")
            })
        })
        .transpose()
}

/// The effective configuration as `gwlint.toml` would write it.
#[derive(Serialize)]
struct Shown<'a> {
    select: &'a [String],
    ignore: &'a [String],
    exclude: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    organ: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of: Option<toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_dirs: Option<Vec<&'a str>>,
    limits: ShownLimits,
    /// In registry order, as `gwlint rules` lists them.
    rules: Ordered<'a>,
    #[serde(
        rename = "per-file-ignores",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    per_file_ignores: BTreeMap<&'a str, Vec<&'a str>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    templates: BTreeMap<&'a str, &'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    placeholders: Option<Words<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    residue: Option<Words<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    jurisdiction: Option<Words<'a>>,
}

#[derive(Serialize)]
struct ShownLimits {
    max_file_mb: u64,
    max_paragraph_chars: usize,
    max_docx_text_mb: u64,
    max_findings_per_file: usize,
}

/// A table whose keys keep their order.
struct Ordered<'a>(Vec<(&'a str, &'a str)>);

impl Serialize for Ordered<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().copied())
    }
}

/// A small extension table (`[placeholders] allow = […]`): its one list
/// of words, when it has any.
type Words<'a> = BTreeMap<&'static str, &'a [String]>;

fn words<'a>(key: &'static str, list: &'a [String]) -> Option<Words<'a>> {
    (!list.is_empty()).then(|| BTreeMap::from([(key, list)]))
}

/// `gwlint config --show`: the effective configuration, as TOML, after
/// comments naming the file and what is inferred rather than set.
pub fn show(s: &Settings) -> String {
    let b = &s.base;
    let c = s.file.as_ref().map(|f| &f.config);
    let mut out = match &s.file {
        Some(f) => format!("# 配置文件：{}\n", f.path.display()),
        None => "# 没有找到 gwlint.toml，使用默认设置\n".to_string(),
    };
    for (set, comment) in [
        (b.level.is_some(), "# level：按标题和正文推断\n"),
        (b.organ.is_some(), "# organ：按标题和落款推断\n"),
        (b.as_of.is_some(), "# as_of：今天\n"),
    ] {
        if !set {
            out.push_str(comment);
        }
    }
    let shown = Shown {
        select: &b.select,
        ignore: &b.ignore,
        exclude: config::DEFAULT_EXCLUDES
            .iter()
            .map(|s| s.to_string())
            .chain(
                c.into_iter()
                    .flat_map(|c| c.exclude.iter().map(|e| e.get_ref().clone())),
            )
            .collect(),
        level: b.level.as_deref(),
        organ: b.organ.as_deref(),
        as_of: b.as_of.map(|(y, m, d)| {
            format!("{y:04}-{m:02}-{d:02}")
                .parse()
                .expect("a date is a TOML date")
        }),
        rule_dirs: c.map(|c| c.rule_dirs.iter().map(|d| d.get_ref().as_str()).collect()),
        limits: ShownLimits {
            max_file_mb: b.limits.file_bytes / crate::limits::MIB,
            max_paragraph_chars: b.limits.paragraph_chars,
            max_docx_text_mb: b.limits.docx_text_bytes as u64 / crate::limits::MIB,
            max_findings_per_file: b.limits.findings_per_file,
        },
        rules: Ordered(
            b.registry()
                .all()
                .iter()
                .map(|r| {
                    let off = !b.select.is_empty() && !b.select.iter().any(|x| x == r.id)
                        || b.ignore.iter().any(|x| x == r.id);
                    (
                        r.id,
                        if off {
                            "off"
                        } else {
                            b.severity_of(r).as_str()
                        },
                    )
                })
                .collect(),
        ),
        per_file_ignores: c
            .into_iter()
            .flat_map(|c| &c.per_file_ignores)
            .map(|(g, ids)| {
                (
                    g.as_str(),
                    ids.iter().map(|i| i.get_ref().as_str()).collect(),
                )
            })
            .collect(),
        templates: c
            .into_iter()
            .flat_map(|c| &c.templates)
            .map(|(g, t)| (g.as_str(), t.get_ref().as_str()))
            .collect(),
        placeholders: c.and_then(|c| words("allow", &c.placeholders.allow)),
        residue: c.and_then(|c| words("phrases", &c.residue.phrases)),
        jurisdiction: c.and_then(|c| words("exceptions", &c.jurisdiction.exceptions)),
    };
    out.push_str(&toml::to_string(&shown).expect("the settings serialise as TOML"));
    out
}
