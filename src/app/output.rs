//! Where a lint run's report goes and in which format: a file, stderr
//! (when stdout carries fixed text or a diff) or stdout, always through one
//! buffer that is flushed at the end.

use super::Error;
use crate::cli::{Cli, ColorWhen, OutputFormat};
use crate::report::{
    Github, GithubRender, Html, HtmlRender, Human, HumanRender, Json, JsonRender, Render, Reporter,
    Sarif, SarifRender, Short, ShortRender, Statistics, StatisticsRender,
};
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use std::io::{BufWriter, IsTerminal, Write};

/// A format: how each file renders (in the worker that checked it) and
/// the stream the rendered files are written to, in order.
pub struct Output {
    pub render: Box<dyn Render>,
    pub reporter: Box<dyn Reporter>,
}

/// Whether to colour what goes to stdout.
pub fn stdout_color(when: ColorWhen) -> bool {
    color(when, std::io::stdout().is_terminal())
}

fn color(when: ColorWhen, tty: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// The report's destination, buffered. The standard streams are not held
/// locked for the run: a worker thread may still need to write to them.
fn sink(cli: &Cli, to_stderr: bool) -> Result<Box<dyn Write>, Error> {
    Ok(match &cli.output_file {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p)
                .map_err(|e| format!("无法创建输出文件 {}：{e}", p.display()))?,
        )),
        None if to_stderr => Box::new(BufWriter::new(std::io::stderr())),
        None => Box::new(BufWriter::new(std::io::stdout())),
    })
}

/// The format the command line asks for, writing to stderr when
/// `to_stderr` (stdout carries fixed text or a diff).
pub fn choose(cli: &Cli, to_stderr: bool) -> Result<Output, Error> {
    let sink = sink(cli, to_stderr)?;
    let terminal = if to_stderr {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    let colored = cli.output_file.is_none() && color(cli.color, terminal);
    let (render, reporter): (Box<dyn Render>, Box<dyn Reporter>) = if cli.statistics {
        (
            Box::new(StatisticsRender),
            Box::new(Statistics::new(sink, cli.format == OutputFormat::Json)),
        )
    } else {
        match cli.format {
            OutputFormat::Human => {
                let out: Box<dyn WriteColor> = if colored {
                    Box::new(Ansi::new(sink))
                } else {
                    Box::new(NoColor::new(sink))
                };
                let render = HumanRender {
                    color: colored,
                    verbose: cli.verbose && cli.output_file.is_none(),
                };
                (Box::new(render), Box::new(Human::new(out).quiet(cli.quiet)))
            }
            OutputFormat::Json => (Box::new(JsonRender), Box::new(Json::new(sink))),
            OutputFormat::Short => (Box::new(ShortRender), Box::new(Short::new(sink))),
            OutputFormat::Github => (Box::new(GithubRender), Box::new(Github::new(sink))),
            OutputFormat::Sarif => (Box::new(SarifRender), Box::new(Sarif::new(sink))),
            OutputFormat::Html => (Box::new(HtmlRender), Box::new(Html::new(sink))),
        }
    };
    Ok(Output { render, reporter })
}
