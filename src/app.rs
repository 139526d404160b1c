//! One invocation of the command line: configuration, walk, lint (in
//! parallel), report (in order), exit code.

use crate::annotate;
use crate::baseline::{self, Baseline};
use crate::cli::{Cli, ColorWhen, Command, ExplainFormat, OutputFormat};
use crate::config::{self, file, Settings};
use crate::diag::Diagnostic;
use crate::doc::Document;
use crate::explain;
use crate::fix;
use crate::input;
use crate::packs::{parse_date, ConventionLevel, Packs};
use crate::panic_guard;
use crate::report::{Github, Html, Human, Json, Reporter, Sarif, Short, Statistics, Summary};
use crate::rules;
use crate::sources;
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
    panic_guard::install();
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

/// Whether to colour what goes to stdout.
fn stdout_color(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
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
        Some(Command::Explain { rule, format }) => {
            let registry = settings(None, false)?.base.registry();
            let r = registry
                .by_id(rule)
                .ok_or_else(|| registry.unknown_rule_message(rule))?;
            let body = match format {
                ExplainFormat::Markdown => format!("{}\n", r.documentation()),
                ExplainFormat::Terminal => {
                    explain::render(&r.documentation(), stdout_color(ColorWhen::Auto))
                }
            };
            // Written at once, so that `gwlint explain typo | head` stops quietly.
            let text = format!(
                "{}（{}，默认级别：{}）\n\n{body}",
                r.id,
                r.summary,
                r.severity.as_str(),
            );
            std::io::stdout()
                .write_all(text.as_bytes())
                .map_err(io_error)?;
            return Ok(EXIT_OK);
        }
        Some(Command::Annotate {
            path,
            output,
            author,
            config,
            isolated,
        }) => {
            let settings = settings(config.as_deref(), *isolated)?;
            return annotate_file(path, output, author, &settings);
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

    let walk::Collected {
        sources,
        errors: walk_errors,
        empty,
    } = walk::collect(&paths, &settings, cli.force_exclude);
    for dir in &empty {
        eprintln!(
            "gwlint: {} 下没有可检查的文件（.txt、.md、.docx）",
            crate::report::escape::shown(dir)
        );
    }
    let sources = sources::distinct(sources);
    for out in [&cli.output_file, &cli.write_baseline]
        .into_iter()
        .flatten()
    {
        sources::refuse_input_as_output(out, &sources)?;
    }
    if cli.verbose {
        eprintln!(
            "gwlint: {}",
            crate::report::escape::shown(&settings.in_force())
        );
    }

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
            OutputFormat::Html => Box::new(Html::new(sink)),
        }
    };

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
        diff_color: stdout_color(cli.color),
        settings: &settings,
        forced,
    };
    for batch in sources.chunks(BATCH) {
        let outcomes: Vec<Outcome> = batch.par_iter().map(|s| job.isolated(s)).collect();
        for outcome in outcomes {
            match outcome {
                Outcome::Unreadable { name, error } => {
                    summary.unreadable += 1;
                    reporter.unreadable(&name, &error).map_err(io_error)?;
                }
                Outcome::Internal { name, error } => {
                    summary.unreadable += 1;
                    reporter
                        .unreadable(
                            &name,
                            &format!(
                                "gwlint 内部错误，此文件未检查完（其他文件不受影响）：{error}。这是 gwlint 的缺陷，请把这个文件和这条消息报告给维护者"
                            ),
                        )
                        .map_err(io_error)?;
                }
                Outcome::Checked {
                    doc,
                    mut diags,
                    note,
                    fixed,
                    diff,
                    stdout,
                    raw_name,
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
                    let limit = job.settings.base.limits.findings_per_file;
                    if diags.len() > limit {
                        let total = diags.len();
                        diags.truncate(limit);
                        reporter
                            .note(
                                &doc.name,
                                &format!("问题过多（{total} 个），只报告前 {limit} 个；可在 gwlint.toml 的 [limits] 中用 max_findings_per_file 调整"),
                            )
                            .map_err(io_error)?;
                    }
                    summary.add_file(&diags, fix::writable(doc.format));
                    if let Some(raw) = raw_name {
                        reporter.raw_name(&raw);
                    }
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
                msg.push_str(&format!(
                    "\n  {} [{}] {}",
                    crate::report::escape::shown(&e.path),
                    e.rule,
                    crate::report::escape::shown(&e.text)
                ));
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
    /// Checking the file hit a bug in gwlint (a panic), caught.
    Internal {
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
        /// The file name's bytes, when they are not UTF-8.
        raw_name: Option<Vec<u8>>,
    },
}

/// What every file of a run shares.
struct Job<'a> {
    cli: &'a Cli,
    /// Whether --diff output on stdout is coloured.
    diff_color: bool,
    settings: &'a Settings,
    forced: Option<&'static encoding_rs::Encoding>,
}

impl Job<'_> {
    /// Check one source; a panic inside becomes an internal error for this
    /// source alone.
    fn isolated(&self, source: &Source) -> Outcome {
        let name = match source {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(p) => p.display().to_string(),
        };
        let mut outcome = match panic_guard::contain(&name, || self.process(source)) {
            Ok(outcome) => outcome,
            Err(error) => Outcome::Internal { name, error },
        };
        if let (Outcome::Checked { raw_name, .. }, Source::File(p)) = (&mut outcome, source) {
            *raw_name = sources::non_utf8_name(p);
        }
        outcome
    }

    fn process(&self, source: &Source) -> Outcome {
        let (name, text, options) = match source {
            Source::Stdin => (
                "<stdin>".to_string(),
                input::read_stdin(self.forced, &self.settings.base.limits),
                self.settings.base.clone(),
            ),
            Source::File(p) => (
                p.display().to_string(),
                input::read_path_with(p, self.forced, &self.settings.base.limits),
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
                raw_name: None,
            };
        }
        let original = text.text.clone();
        let doc = Document::with_packs(text, options.packs());
        let fixed = fix::fix_document(doc, &options, self.cli.unsafe_fixes);
        let changed = fixed.applied > 0 && fixed.text != original;
        let applied = if changed { fixed.applied } else { 0 };
        if self.cli.diff {
            let diff = changed.then(|| {
                let d = crate::report::diff::render(
                    &crate::report::escape::shown(&name),
                    &original,
                    &fixed.text,
                    self.diff_color,
                );
                crate::report::escape::ci_lines(&d).into_owned()
            });
            return Outcome::Checked {
                doc: Box::new(fixed.doc),
                diags: fixed.remaining,
                note: None,
                fixed: Some(applied),
                diff,
                stdout: None,
                raw_name: None,
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
                raw_name: None,
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
                    raw_name: None,
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
                input::read_stdin(forced, &settings.base.limits),
                settings.base.clone(),
            )
        } else {
            (
                p.display().to_string(),
                input::read_path_with(p, forced, &settings.base.limits),
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

/// `gwlint annotate`: lint one draft and write a Word copy with a comment
/// on every finding. Exit code as for linting.
fn annotate_file(
    path: &Path,
    output: &Path,
    author: &str,
    settings: &Settings,
) -> Result<u8, String> {
    annotate::check_output(path, output)?;
    let text = input::read_path_with(path, None, &settings.base.limits).map_err(|e| {
        format!(
            "{}：{e}",
            crate::report::escape::shown(&path.display().to_string())
        )
    })?;
    let bytes = if text.format == input::Format::Docx {
        std::fs::read(path).map_err(|e| format!("{}：{e}", path.display()))?
    } else {
        Vec::new()
    };
    let options = settings.options_for(path);
    let doc = Document::with_packs(text, options.packs());
    let diags = crate::lint_document(&doc, &options);
    let done = annotate::annotate(doc.format, &bytes, doc.source(), &diags, author)?;
    annotate::write(output, &done.bytes)?;
    let mut line = format!("已写出 {}：{} 条批注", output.display(), done.comments);
    if done.on_paragraph > 0 {
        line.push_str(&format!(
            "（{} 条涉及 Word 自动编号等无法精确定位的文字，标在整段上）",
            done.on_paragraph
        ));
    }
    eprintln!("{line}");
    let errors = diags
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error);
    Ok(if errors { EXIT_FINDINGS } else { EXIT_OK })
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
    let l = &b.limits;
    out.push_str(&format!(
        "\n[limits]\nmax_file_mb = {}\nmax_paragraph_chars = {}\nmax_docx_text_mb = {}\nmax_findings_per_file = {}\n",
        l.file_bytes / crate::limits::MIB,
        l.paragraph_chars,
        l.docx_text_bytes as u64 / crate::limits::MIB,
        l.findings_per_file
    ));
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
