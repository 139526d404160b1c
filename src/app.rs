//! One invocation of the command line: validate options, walk, lint, report.

use crate::cli::{Cli, ColorWhen, Command, OutputFormat};
use crate::config::Options;
use crate::doc::Document;
use crate::fix;
use crate::input;
use crate::packs::{parse_date, Packs};
use crate::report::{Human, Json, Reporter, Summary};
use crate::rules;
use crate::walk::{self, Source};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes (see README): no errors, errors found, could not do the job.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

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

fn run_inner(cli: Cli) -> Result<u8, String> {
    match &cli.command {
        Some(Command::Rules) => {
            print_rules();
            return Ok(EXIT_OK);
        }
        Some(Command::Explain { rule }) => {
            let r = rules::by_id(rule).ok_or_else(|| unknown_rule(rule))?;
            println!(
                "{}（{}，默认级别：{}）\n",
                r.id,
                r.summary,
                r.severity.as_str()
            );
            println!("{}", r.documentation());
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
                println!("{}：{}", t.name, sections.join(" → "));
            }
            return Ok(EXIT_OK);
        }
        None => {}
    }
    let options = options_from(&cli)?;
    let paths = if cli.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        cli.paths.clone()
    };
    let color = match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    if cli.unsafe_fixes && !(cli.fix || cli.diff) {
        return Err("--unsafe-fixes 需要与 --fix 或 --diff 一起使用".to_string());
    }
    let stdin_fix = cli.fix && paths.iter().any(|p| p.as_os_str() == "-");
    // stdout carries fixed text (stdin --fix) or a diff (--diff): report on stderr.
    let report_to_stderr = stdin_fix || cli.diff;
    let mut reporter: Box<dyn Reporter> = match cli.format {
        OutputFormat::Human => Box::new(Human::stream(color, cli.verbose, report_to_stderr)),
        OutputFormat::Json if report_to_stderr => Box::new(Json::new(std::io::stderr().lock())),
        OutputFormat::Json => Box::new(Json::new(std::io::stdout().lock())),
    };
    let forced = match &cli.encoding {
        Some(label) => Some(
            encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
                format!("未知的编码“{label}”，可用如 UTF-8、GB18030、GBK、Big5、UTF-16LE")
            })?,
        ),
        None => None,
    };
    let (sources, walk_errors) = walk::collect(&paths);
    let mut summary = Summary::default();
    let mut diffs = 0;
    let io = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            BROKEN_PIPE.to_string()
        } else {
            format!("写出结果失败：{e}")
        }
    };
    for e in &walk_errors {
        summary.unreadable += 1;
        reporter.unreadable(&e.path, &e.message).map_err(io)?;
    }
    for source in sources {
        let (name, text) = match &source {
            Source::Stdin => ("<stdin>".to_string(), input::read_stdin(forced)),
            Source::File(p) => (p.display().to_string(), input::read_path(p, forced)),
        };
        match text {
            Ok(text) if (cli.fix || cli.diff) && !fix::writable(text.format) => {
                reporter
                    .note(&name, "Word 文件只检查、不修改：请在 Word 中按提示修改")
                    .map_err(io)?;
                let doc = Document::new(text);
                let diags = crate::lint_document(&doc, &options);
                summary.add(&diags);
                if !cli.diff {
                    reporter.file(&doc, &diags).map_err(io)?;
                }
            }
            Ok(text) if cli.fix || cli.diff => {
                let original = text.text.clone();
                let doc = Document::new(text);
                let fixed = fix::fix_document(doc, &options, cli.unsafe_fixes);
                let changed = fixed.applied > 0 && fixed.text != original;
                *summary.fixed.get_or_insert(0) += if changed { fixed.applied } else { 0 };
                if cli.diff {
                    if changed {
                        diffs += 1;
                        print!("{}", fix::unified_diff(&name, &original, &fixed.text));
                    }
                    continue;
                }
                match &source {
                    Source::Stdin => print!("{}", fixed.text),
                    Source::File(p) if changed => {
                        if let Err(e) =
                            fix::write_back(p, &original, &fixed.text, fixed.doc.encoding)
                        {
                            summary.unreadable += 1;
                            reporter
                                .unreadable(&name, &format!("修复未写入：{e}"))
                                .map_err(io)?;
                            continue;
                        }
                    }
                    Source::File(_) => {}
                }
                summary.add(&fixed.remaining);
                reporter.file(&fixed.doc, &fixed.remaining).map_err(io)?;
            }
            Ok(text) => {
                let doc = Document::new(text);
                let diags = crate::lint_document(&doc, &options);
                summary.add(&diags);
                reporter.file(&doc, &diags).map_err(io)?;
            }
            Err(e) => {
                summary.unreadable += 1;
                reporter.unreadable(&name, &e.to_string()).map_err(io)?;
            }
        }
    }
    if cli.diff {
        let fixable = summary.fixed.unwrap_or(0);
        eprintln!("将修复 {fixable} 个问题，涉及 {diffs} 个文件（--diff 不写文件）");
        return Ok(if summary.unreadable > 0 {
            EXIT_TROUBLE
        } else if diffs > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        });
    }
    reporter.finish(&summary).map_err(io)?;
    Ok(if summary.unreadable > 0 {
        EXIT_TROUBLE
    } else if summary.errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn options_from(cli: &Cli) -> Result<Options, String> {
    for id in cli.select.iter().chain(&cli.ignore) {
        if rules::by_id(id).is_none() {
            return Err(unknown_rule(id));
        }
    }
    let packs = Packs::builtin();
    if let Some(level) = &cli.level {
        if packs.jurisdiction.level(level).is_none() {
            let known: Vec<&str> = packs
                .jurisdiction
                .level
                .iter()
                .map(|l| l.name.as_str())
                .collect();
            return Err(format!("未知的层级“{level}”，可选：{}", known.join("、")));
        }
    }
    if let Some(t) = &cli.template {
        if packs.template(t).is_none() {
            let known: Vec<&str> = packs.templates.iter().map(|t| t.name.as_str()).collect();
            return Err(format!("未知的模板“{t}”，可选：{}", known.join("、")));
        }
    }
    let as_of = match &cli.as_of {
        Some(s) => Some(
            parse_date(s)
                .ok_or_else(|| format!("--as-of 需要 YYYY-MM-DD 格式的日期，收到“{s}”"))?,
        ),
        None => None,
    };
    Ok(Options {
        level: cli.level.clone(),
        template: cli.template.clone(),
        as_of,
        select: cli.select.clone(),
        ignore: cli.ignore.clone(),
    })
}

fn print_rules() {
    let width = rules::ALL.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for r in rules::ALL {
        println!("{:width$}  {:7}  {}", r.id, r.severity.as_str(), r.summary);
    }
}

/// "unknown rule" with the nearest known id as a suggestion.
fn unknown_rule(id: &str) -> String {
    let nearest = rules::ALL
        .iter()
        .map(|r| (edit_distance(id, r.id), r.id))
        .min()
        .filter(|(d, _)| *d <= 4);
    match nearest {
        Some((_, n)) => format!("未知的规则“{id}”，是否想用“{n}”？（`gwlint rules` 列出全部规则）"),
        None => format!("未知的规则“{id}”（`gwlint rules` 列出全部规则）"),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
