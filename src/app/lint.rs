//! A lint run: settings, the sources to check, the report's format, the
//! file loop (files checked and rendered in parallel, written in path
//! order), then `--diff`, the baseline, and the exit code.

use super::job::{Checked, Job, Outcome};
use super::output::{self, Output};
use super::{ordered, settings, Error, EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE};
use crate::baseline::{self, Baseline};
use crate::cli::Cli;
use crate::report::escape::shown;
use crate::report::{Reporter, Summary};
use crate::rules;
use crate::walk::{self, Source};
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// What a run adds up as its files come back.
#[derive(Default)]
struct Tally {
    summary: Summary,
    /// With --diff: files with changes.
    diffs: usize,
    /// With --write-baseline: every finding's fingerprint.
    recorded: Vec<baseline::Entry>,
    /// With --baseline: the paths checked.
    checked: Vec<String>,
}

pub fn run(cli: &Cli) -> Result<u8, Error> {
    let settings = settings::for_cli(cli)?;
    if let Some(registry) = &settings.base.registry {
        rules::Registry::activate(Arc::clone(registry));
    }
    if cli.unsafe_fixes && !(cli.fix || cli.diff) {
        return Err("--unsafe-fixes 需要与 --fix 或 --diff 一起使用"
            .to_string()
            .into());
    }
    let paths = if cli.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        cli.paths.clone()
    };
    let forced = settings::forced_encoding(cli)?;
    let baseline = match &cli.baseline {
        Some(p) => Some(Mutex::new(Baseline::load(p)?)),
        None => None,
    };
    let collected = walk::collect(&paths, &settings, cli.force_exclude);
    for dir in &collected.empty {
        eprintln!(
            "gwlint: {} 下没有可检查的文件（.txt、.md、.docx）",
            shown(dir)
        );
    }
    let sources = crate::sources::distinct(collected.sources);
    for out in [&cli.output_file, &cli.write_baseline]
        .into_iter()
        .flatten()
    {
        crate::sources::refuse_input_as_output(out, &sources)?;
    }
    if cli.verbose {
        eprintln!("gwlint: {}", shown(&settings.in_force()));
    }
    // The report goes to stderr when stdout carries fixed text or a diff.
    let stdin_fix = cli.fix && paths.iter().any(|p| p.as_os_str() == "-");
    let to_stderr = stdin_fix || cli.diff || cli.write_baseline.is_some();
    let Output {
        render,
        mut reporter,
    } = output::choose(cli, to_stderr)?;
    let mut tally = Tally::default();
    for e in &collected.errors {
        tally.summary.unreadable += 1;
        reporter.unreadable(&e.path, &e.message)?;
    }
    let job = Job {
        cli,
        diff_color: output::stdout_color(cli.color),
        settings: &settings,
        forced,
        baseline: baseline.as_ref(),
        render: render.as_ref(),
    };
    let threads = threads(cli)?;
    for_each_outcome(&sources, &job, threads.as_ref(), |outcome| {
        write_outcome(cli, outcome, reporter.as_mut(), &mut tally)
    })?;
    let baseline = baseline.map(|b| b.into_inner().unwrap_or_else(|p| p.into_inner()));
    end(cli, reporter.as_mut(), tally, baseline.as_ref())
}

/// The worker threads of `-j`/`--threads` (default: rayon's, which honours
/// `RAYON_NUM_THREADS`, else one per core); none when there is one: then
/// files are checked one after the other on this thread.
fn threads(cli: &Cli) -> Result<Option<rayon::ThreadPool>, Error> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cli.threads.map_or(0, usize::from))
        .build()
        .map_err(|e| format!("无法启动工作线程：{e}"))?;
    Ok((pool.current_num_threads() > 1).then_some(pool))
}

/// Check the sources, on the pool's threads when there is one, and hand
/// each outcome to `each` in path order.
fn for_each_outcome(
    sources: &[Source],
    job: &Job,
    pool: Option<&rayon::ThreadPool>,
    mut each: impl FnMut(Outcome) -> Result<(), Error>,
) -> Result<(), Error> {
    let Some(pool) = pool else {
        for s in sources {
            each(job.check(s))?;
        }
        return Ok(());
    };
    ordered::for_each(sources, pool, ordered::WINDOW, |s| job.check(s), each)
}

/// Write one file's outcome and add it up.
fn write_outcome(
    cli: &Cli,
    outcome: Outcome,
    reporter: &mut dyn Reporter,
    tally: &mut Tally,
) -> Result<(), Error> {
    let c: Box<Checked> = match outcome {
        Outcome::Unreadable { name, error } => {
            tally.summary.unreadable += 1;
            reporter.unreadable(&name, &error)?;
            return Ok(());
        }
        Outcome::Checked(c) => c,
    };
    if let Some(note) = &c.note {
        if !cli.quiet {
            reporter.note(&c.name, note)?;
        }
    }
    if let Some(n) = c.fixed {
        *tally.summary.fixed.get_or_insert(0) += n;
    }
    for text in [&c.diff, &c.stdout].into_iter().flatten() {
        std::io::stdout().lock().write_all(text.as_bytes())?;
    }
    if c.diff.is_some() {
        tally.diffs += 1;
    }
    if cli.diff {
        return Ok(());
    }
    if cli.baseline.is_some() {
        tally.checked.push(baseline::normalize(&c.name));
    }
    tally.recorded.extend(c.recorded);
    if let Some(note) = &c.truncated {
        reporter.note(&c.name, note)?;
    }
    tally.summary.add_file(&c.diags, c.fixable);
    reporter.file(&c.rendered, &c.diags)?;
    Ok(())
}

/// The end of the run: what --diff, --write-baseline and --baseline say,
/// the totals, and the exit code.
fn end(
    cli: &Cli,
    reporter: &mut dyn Reporter,
    tally: Tally,
    baseline: Option<&Baseline>,
) -> Result<u8, Error> {
    let summary = tally.summary;
    let trouble = summary.unreadable > 0;
    if cli.diff {
        reporter.flush()?;
        if !cli.quiet {
            let fixable = summary.fixed.unwrap_or(0);
            eprintln!(
                "将修复 {fixable} 个问题，涉及 {} 个文件（--diff 不写文件）",
                tally.diffs
            );
        }
        return Ok(exit_code(trouble, tally.diffs > 0));
    }
    if let Some(path) = &cli.write_baseline {
        let n = tally.recorded.len();
        baseline::write(path, tally.recorded)?;
        reporter.finish(&summary)?;
        eprintln!(
            "已将 {n} 个问题写入基线 {}；之后用 --baseline {} 只报告新问题",
            path.display(),
            path.display()
        );
        return Ok(exit_code(trouble, false));
    }
    if let Some(b) = baseline {
        note_unused_baseline(cli, reporter, b, &tally.checked)?;
    }
    reporter.finish(&summary)?;
    let too_many_warnings = (cli.deny_warnings && summary.warnings > 0)
        || cli.max_warnings.is_some_and(|max| summary.warnings > max);
    Ok(exit_code(trouble, summary.errors > 0 || too_many_warnings))
}

/// 2 when a file could not be checked, else 1 when the run found what
/// fails it, else 0.
fn exit_code(trouble: bool, failed: bool) -> u8 {
    if trouble {
        EXIT_TROUBLE
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// Baseline entries of the checked files that no longer occur.
fn note_unused_baseline(
    cli: &Cli,
    reporter: &mut dyn Reporter,
    b: &Baseline,
    checked: &[String],
) -> Result<(), Error> {
    let unused = b.unused(checked);
    if unused.is_empty() || cli.quiet {
        return Ok(());
    }
    let n: usize = unused.iter().map(|u| u.1).sum();
    let mut msg =
        format!("基线中有 {n} 条记录已不再出现（问题已改正），可用 --write-baseline 更新基线：");
    for (e, _) in unused.iter().take(10) {
        msg.push_str(&format!(
            "\n  {} [{}] {}",
            shown(&e.path),
            e.rule,
            shown(&e.text)
        ));
    }
    reporter.note("baseline", &msg)?;
    Ok(())
}
