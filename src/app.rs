//! One invocation of the command line: configuration, walk, lint (in
//! parallel), report (in order), exit code.

use crate::baseline::{self, Baseline};
use crate::cli::{Cli, ColorWhen, Command, OutputFormat};
use crate::config::{self, file, Settings};
use crate::diag::Diagnostic;
use crate::doc::Document;
use crate::fix;
use crate::input;
use crate::packs::{parse_date, ConventionLevel, Packs};
use crate::report::{Github, Human, Json, Reporter, Sarif, Short, Statistics, Summary};
use crate::rules;
use crate::walk::{self, Source};
use codespan_reporting::term::termcolor::NoColor;
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes (see README): no errors, errors found, could not do the job.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

/// Files linted in parallel before their results are reported in order;
/// bounds memory whatever the number of files.
const BATCH: usize = 64;

const BROKEN_PIPE: &str = "\u{0}broken pipe";

pub fn run(cli: Cli) -> ExitCode {
    match run_inner(cli) {
        Ok(code) => ExitCode::from(code),
        // Output piped into `head` and closed early: stop quietly.
        Err(message) if message.contains(BROKEN_PIPE) => ExitCode::from(EXIT_OK),
        Err(message) => {
            eprintln!("gwlint: {message}");
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

fn io_error(e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        BROKEN_PIPE.to_string()
    } else {
        format!("写出结果失败：{e}")
    }
}

/// Find and resolve the configuration.
fn settings(config: Option<&Path>, isolated: bool) -> Result<Settings, String> {
    let path = match (config, isolated) {
        (_, true) => None,
        (Some(p), _) => Some(p.to_path_buf()),
        (None, false) => std::env::current_dir()
            .ok()
            .and_then(|d| file::discover(&d)),
    };
    let loaded = path
        .map(|p| file::load(&p))
        .transpose()
        .map_err(|e| e.to_string())?;
    config::resolve(loaded).map_err(|e| e.to_string())
}

fn run_inner(cli: Cli) -> Result<u8, String> {
    match &cli.command {
        Some(Command::Rules) => {
            let registry = settings(None, false)?.base.registry();
            let width = registry.all().iter().map(|r| r.id.len()).max().unwrap_or(0);
            let mut out = String::new();
            for r in registry.all() {
                let (id, sev) = (r.id, r.severity.as_str());
                out.push_str(&format!("{id:width$}  {sev:7}  {}\n", r.summary));
            }
            std::io::stdout()
                .write_all(out.as_bytes())
                .map_err(io_error)?;
            return Ok(EXIT_OK);
        }
        Some(Command::Explain { rule }) => {
            let registry = settings(None, false)?.base.registry();
            let r = registry
                .by_id(rule)
                .ok_or_else(|| registry.unknown_rule_message(rule))?;
            // Written at once, so that `gwlint explain typo | head` stops quietly.
            let text = format!(
                "{}（{}，默认级别：{}）\n\n{}\n",
                r.id,
                r.summary,
                r.severity.as_str(),
                r.documentation()
            );
            std::io::stdout()
                .write_all(text.as_bytes())
                .map_err(io_error)?;
            return Ok(EXIT_OK);
        }
        Some(Command::Templates) => {
            for t in &Packs::builtin().templates {
                let sections: Vec<String> = t
                    .section
                    .iter()
                    .map(|s| {
                        if s.optional {
                            format!("{}（可选）", s.name)
                        } else {
                            s.name.clone()
                        }
                    })
                    .collect();
                if sections.is_empty() {
                    println!("{}：（不要求固定的部分）", t.name);
                } else {
                    println!("{}：{}", t.name, sections.join(" → "));
                }
                for c in &t.convention {
                    let level = match c.severity {
                        ConventionLevel::Error => "错误",
                        ConventionLevel::Warning => "警告",
                    };
                    println!("  惯例 {}（{level}）：{}", c.id, c.message);
                }
            }
            return Ok(EXIT_OK);
        }
        Some(Command::Facts { paths }) => return show_facts(&cli, paths),
        Some(Command::CheckPacks) => {
            let (text, passed) = crate::selftest::summary(&settings(None, false)?.base);
            std::io::stdout()
                .write_all(text.as_bytes())
                .map_err(io_error)?;
            return Ok(if passed { EXIT_OK } else { EXIT_FINDINGS });
        }
        Some(Command::Config {
            show,
            config,
            isolated,
        }) => {
            let s = settings(config.as_deref(), *isolated)?;
            if *show {
                print!("{}", show_settings(&s));
            } else {
                println!("用 `gwlint config --show` 查看生效的配置");
            }
            return Ok(EXIT_OK);
        }
        None => {}
    }
    let mut settings = settings(cli.config.as_deref(), cli.isolated)?;
    apply_cli(&cli, &mut settings)?;
    rules::Registry::activate(settings.base.registry());
    if cli.unsafe_fixes && !(cli.fix || cli.diff) {
        return Err("--unsafe-fixes 需要与 --fix 或 --diff 一起使用".to_string());
    }
    let paths = if cli.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        cli.paths.clone()
    };
    let forced = forced_encoding(&cli)?;
    let mut baseline = match &cli.baseline {
        Some(p) => Some(Baseline::load(p)?),
        None => None,
    };

    // Where the report goes: a file, stderr (stdout carries fixed text or a
    // diff), or stdout.
    let stdin_fix = cli.fix && paths.iter().any(|p| p.as_os_str() == "-");
    let to_stderr = stdin_fix || cli.diff || cli.write_baseline.is_some();
    let sink: Box<dyn Write> = match &cli.output_file {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p)
                .map_err(|e| format!("无法创建输出文件 {}：{e}", p.display()))?,
        )),
        None if to_stderr => Box::new(std::io::stderr().lock()),
        None => Box::new(std::io::stdout().lock()),
    };
    let color = cli.output_file.is_none()
        && match cli.color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                let tty = if to_stderr {
                    std::io::stderr().is_terminal()
                } else {
                    std::io::stdout().is_terminal()
                };
                tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
    let mut reporter: Box<dyn Reporter> = if cli.statistics {
        Box::new(Statistics::new(sink, cli.format == OutputFormat::Json))
    } else {
        match cli.format {
            OutputFormat::Human if cli.output_file.is_none() => {
                Box::new(Human::stream(color, cli.verbose, to_stderr).quiet(cli.quiet))
            }
            OutputFormat::Human => Box::new(Human::new(NoColor::new(sink)).quiet(cli.quiet)),
            OutputFormat::Json => Box::new(Json::new(sink)),
            OutputFormat::Short => Box::new(Short::new(sink)),
            OutputFormat::Github => Box::new(Github::new(sink)),
            OutputFormat::Sarif => Box::new(Sarif::new(sink)),
        }
    };

    let walk::Collected {
        sources,
        errors: walk_errors,
        empty,
    } = walk::collect(&paths, &settings, cli.force_exclude);
    for dir in &empty {
        eprintln!("gwlint: {dir} 下没有可检查的文件（.txt、.md、.docx）");
    }
    let mut summary = Summary::default();
    let mut diffs = 0;
    let mut recorded = Vec::new();
    let mut checked = Vec::new();
    for e in &walk_errors {
        summary.unreadable += 1;
        reporter.unreadable(&e.path, &e.message).map_err(io_error)?;
    }
    let job = Job {
        cli: &cli,
        settings: &settings,
        forced,
    };
    for batch in sources.chunks(BATCH) {
        let outcomes: Vec<Outcome> = batch.par_iter().map(|s| job.process(s)).collect();
        for outcome in outcomes {
            match outcome {
                Outcome::Unreadable { name, error } => {
                    summary.unreadable += 1;
                    reporter.unreadable(&name, &error).map_err(io_error)?;
                }
                Outcome::Checked {
                    doc,
                    mut diags,
                    note,
                    fixed,
                    diff,
                    stdout,
                } => {
                    if let Some(note) = note {
                        if !cli.quiet {
                            reporter.note(&doc.name, &note).map_err(io_error)?;
                        }
                    }
                    if let Some(n) = fixed {
                        *summary.fixed.get_or_insert(0) += n;
                    }
                    if let Some(d) = diff {
                        diffs += 1;
                        std::io::stdout()
                            .lock()
                            .write_all(d.as_bytes())
                            .map_err(io_error)?;
                    }
                    if let Some(t) = stdout {
                        std::io::stdout()
                            .lock()
                            .write_all(t.as_bytes())
                            .map_err(io_error)?;
                    }
                    if cli.diff {
                        continue;
                    }
                    checked.push(baseline::normalize(&doc.name));
                    if cli.write_baseline.is_some() {
                        recorded.extend(diags.iter().map(|d| baseline::entry(&doc, d)));
                    }
                    if let Some(b) = baseline.as_mut() {
                        diags = b.filter(&doc, diags);
                    }
                    summary.add(&diags);
                    reporter.file(&doc, &diags).map_err(io_error)?;
                }
            }
        }
    }
    if cli.diff {
        let fixable = summary.fixed.unwrap_or(0);
        if !cli.quiet {
            eprintln!("将修复 {fixable} 个问题，涉及 {diffs} 个文件（--diff 不写文件）");
        }
        return Ok(if summary.unreadable > 0 {
            EXIT_TROUBLE
        } else if diffs > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        });
    }
    if let Some(path) = &cli.write_baseline {
        let n = recorded.len();
        baseline::write(path, recorded)?;
        reporter.finish(&summary).map_err(io_error)?;
        eprintln!(
            "已将 {n} 个问题写入基线 {}；之后用 --baseline {} 只报告新问题",
            path.display(),
            path.display()
        );
        return Ok(if summary.unreadable > 0 {
            EXIT_TROUBLE
        } else {
            EXIT_OK
        });
    }
    if let Some(b) = &baseline {
        let unused = b.unused(&checked);
        if !unused.is_empty() && !cli.quiet {
            let n: usize = unused.iter().map(|u| u.1).sum();
            let mut msg = format!(
                "基线中有 {n} 条记录已不再出现（问题已改正），可用 --write-baseline 更新基线："
            );
            for (e, _) in unused.iter().take(10) {
                msg.push_str(&format!("\n  {} [{}] {}", e.path, e.rule, e.text));
            }
            reporter.note("baseline", &msg).map_err(io_error)?;
        }
    }
    reporter.finish(&summary).map_err(io_error)?;
    let too_many_warnings = (cli.deny_warnings && summary.warnings > 0)
        || cli.max_warnings.is_some_and(|max| summary.warnings > max);
    Ok(if summary.unreadable > 0 {
        EXIT_TROUBLE
    } else if summary.errors > 0 || too_many_warnings {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// What checking one source produced.
enum Outcome {
    Unreadable {
        name: String,
        error: String,
    },
    Checked {
        doc: Box<Document>,
        diags: Vec<Diagnostic>,
        note: Option<String>,
        /// With --fix/--diff: how many diagnostics were fixed.
        fixed: Option<usize>,
        /// With --diff: the unified diff.
        diff: Option<String>,
        /// With stdin --fix: the fixed text.
        stdout: Option<String>,
    },
}

/// What every file of a run shares.
struct Job<'a> {
    cli: &'a Cli,
    settings: &'a Settings,
    forced: Option<&'static encoding_rs::Encoding>,
}

impl Job<'_> {
    fn process(&self, source: &Source) -> Outcome {
        let (name, text, options) = match source {
            Source::Stdin => (
                "<stdin>".to_string(),
                input::read_stdin(self.forced),
                self.settings.base.clone(),
            ),
            Source::File(p) => (
                p.display().to_string(),
                input::read_path(p, self.forced),
                self.settings.options_for(p),
            ),
        };
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                return Outcome::Unreadable {
                    name,
                    error: e.to_string(),
                }
            }
        };
        let fixing = self.cli.fix || self.cli.diff;
        if !fixing || !fix::writable(text.format) {
            let doc = Document::with_packs(text, options.packs());
            let diags = crate::lint_document(&doc, &options);
            let note =
                fixing.then(|| "Word 文件只检查、不修改：请在 Word 中按提示修改".to_string());
            return Outcome::Checked {
                doc: Box::new(doc),
                diags,
                note,
                fixed: None,
                diff: None,
                stdout: None,
            };
        }
        let original = text.text.clone();
        let doc = Document::with_packs(text, options.packs());
        let fixed = fix::fix_document(doc, &options, self.cli.unsafe_fixes);
        let changed = fixed.applied > 0 && fixed.text != original;
        let applied = if changed { fixed.applied } else { 0 };
        if self.cli.diff {
            let diff = changed.then(|| fix::unified_diff(&name, &original, &fixed.text));
            return Outcome::Checked {
                doc: Box::new(fixed.doc),
                diags: fixed.remaining,
                note: None,
                fixed: Some(applied),
                diff,
                stdout: None,
            };
        }
        match source {
            Source::Stdin => Outcome::Checked {
                stdout: Some(fixed.text.clone()),
                doc: Box::new(fixed.doc),
                diags: fixed.remaining,
                note: None,
                fixed: Some(applied),
                diff: None,
            },
            Source::File(p) => {
                if changed {
                    if let Err(e) = fix::write_back(p, &original, &fixed.text, fixed.doc.encoding) {
                        return Outcome::Unreadable {
                            name,
                            error: format!("修复未写入：{e}"),
                        };
                    }
                }
                Outcome::Checked {
                    doc: Box::new(fixed.doc),
                    diags: fixed.remaining,
                    note: None,
                    fixed: Some(applied),
                    diff: None,
                    stdout: None,
                }
            }
        }
    }
}

/// The encoding named by `--encoding`, if any.
fn forced_encoding(cli: &Cli) -> Result<Option<&'static encoding_rs::Encoding>, String> {
    cli.encoding
        .as_ref()
        .map(|label| {
            encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
                format!("未知的编码“{label}”，可用如 UTF-8、GB18030、GBK、Big5、UTF-16LE")
            })
        })
        .transpose()
}

/// `gwlint facts`: what gwlint believes about each file, and why.
fn show_facts(cli: &Cli, paths: &[PathBuf]) -> Result<u8, String> {
    let mut settings = settings(cli.config.as_deref(), cli.isolated)?;
    apply_cli(cli, &mut settings)?;
    let forced = forced_encoding(cli)?;
    let mut status = EXIT_OK;
    for p in paths {
        let (name, text, options) = if p.as_os_str() == "-" {
            (
                "<stdin>".to_string(),
                input::read_stdin(forced),
                settings.base.clone(),
            )
        } else {
            (
                p.display().to_string(),
                input::read_path(p, forced),
                settings.options_for(p),
            )
        };
        match text {
            Ok(text) => {
                let doc = Document::with_packs(text, options.packs());
                let facts = doc.facts.overridden(
                    &doc,
                    options.level.as_deref(),
                    options.organ.as_deref(),
                    options.template.as_deref(),
                );
                println!("{name}\n{}", facts.describe(&doc));
            }
            Err(e) => {
                eprintln!("{name}：{e}");
                status = EXIT_TROUBLE;
            }
        }
    }
    Ok(status)
}

/// Command-line options override the configuration file.
fn apply_cli(cli: &Cli, settings: &mut Settings) -> Result<(), String> {
    let registry = settings.base.registry();
    for id in cli.select.iter().chain(&cli.ignore) {
        if registry.by_id(id).is_none() {
            return Err(registry.unknown_rule_message(id));
        }
    }
    let base = &mut settings.base;
    let packs = base.packs();
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

/// The effective configuration, as TOML.
fn show_settings(s: &Settings) -> String {
    let b = &s.base;
    let mut out = String::new();
    match &s.file {
        Some(f) => out.push_str(&format!("# 配置文件：{}\n", f.path.display())),
        None => out.push_str("# 没有找到 gwlint.toml，使用默认设置\n"),
    }
    let list = |v: &[String]| {
        format!(
            "[{}]",
            v.iter()
                .map(|x| format!("{x:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    out.push_str(&format!("select = {}\n", list(&b.select)));
    out.push_str(&format!("ignore = {}\n", list(&b.ignore)));
    let excludes: Vec<String> = config::DEFAULT_EXCLUDES
        .iter()
        .map(|s| s.to_string())
        .chain(
            s.file
                .iter()
                .flat_map(|f| f.config.exclude.iter().map(|e| e.get_ref().clone())),
        )
        .collect();
    out.push_str(&format!("exclude = {}\n", list(&excludes)));
    out.push_str(&match &b.level {
        Some(l) => format!("level = {l:?}\n"),
        None => "# level：按标题和正文推断\n".to_string(),
    });
    out.push_str(&match &b.organ {
        Some(o) => format!("organ = {o:?}\n"),
        None => "# organ：按标题和落款推断\n".to_string(),
    });
    out.push_str(&match b.as_of {
        Some((y, m, d)) => format!("as_of = {y:04}-{m:02}-{d:02}\n"),
        None => "# as_of：今天\n".to_string(),
    });
    if let Some(f) = &s.file {
        let dirs: Vec<String> = f
            .config
            .rule_dirs
            .iter()
            .map(|d| d.get_ref().clone())
            .collect();
        out.push_str(&format!("rule_dirs = {}\n", list(&dirs)));
    }
    out.push_str("\n[rules]\n");
    for r in b.registry().all() {
        let setting = if !b.select.is_empty() && !b.select.iter().any(|x| x == r.id)
            || b.ignore.iter().any(|x| x == r.id)
        {
            "off"
        } else {
            b.severity_of(r).as_str()
        };
        out.push_str(&format!("{} = {setting:?}\n", r.id));
    }
    if let Some(f) = &s.file {
        if !f.config.per_file_ignores.is_empty() {
            out.push_str("\n[per-file-ignores]\n");
            for (g, ids) in &f.config.per_file_ignores {
                let ids: Vec<String> = ids.iter().map(|i| i.get_ref().clone()).collect();
                out.push_str(&format!("{g:?} = {}\n", list(&ids)));
            }
        }
        if !f.config.templates.is_empty() {
            out.push_str("\n[templates]\n");
            for (g, t) in &f.config.templates {
                out.push_str(&format!("{g:?} = {:?}\n", t.get_ref()));
            }
        }
        let c = &f.config;
        if !c.placeholders.allow.is_empty() {
            out.push_str(&format!(
                "\n[placeholders]\nallow = {}\n",
                list(&c.placeholders.allow)
            ));
        }
        if !c.residue.phrases.is_empty() {
            out.push_str(&format!(
                "\n[residue]\nphrases = {}\n",
                list(&c.residue.phrases)
            ));
        }
        if !c.jurisdiction.exceptions.is_empty() {
            out.push_str(&format!(
                "\n[jurisdiction]\nexceptions = {}\n",
                list(&c.jurisdiction.exceptions)
            ));
        }
    }
    out
}
