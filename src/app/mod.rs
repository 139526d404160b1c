//! One invocation of the command line, in small named steps: the
//! subcommands ([`commands`]), the settings ([`settings`]), and a lint run
//! ([`lint`]): walk, check and render in parallel ([`job`]), write in path
//! order ([`output`]), then the exit code.

mod commands;
mod job;
mod lint;
mod ordered;
mod output;
mod settings;

use crate::cli::{Cli, Command};
use crate::panic_guard;
use std::fmt;
use std::process::ExitCode;

/// Exit codes (see README): no errors, errors found, could not do the job.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_TROUBLE: u8 = 2;

/// Why an invocation stopped before its end.
#[derive(Debug)]
pub enum Error {
    /// The output was closed early (piped into `head`): stop quietly.
    ClosedPipe,
    /// Writing the results failed.
    Write(std::io::Error),
    /// Anything else, explained for users: bad arguments, an unreadable
    /// configuration or baseline, an output file that cannot be created.
    Message(String),
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::ClosedPipe
        } else {
            Error::Write(e)
        }
    }
}

impl From<String> for Error {
    fn from(message: String) -> Self {
        Error::Message(message)
    }
}

impl From<crate::error::FileError> for Error {
    fn from(e: crate::error::FileError) -> Self {
        Error::Message(e.to_string())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::ClosedPipe => f.write_str("输出已关闭"),
            Error::Write(e) => write!(f, "写出结果失败：{e}"),
            Error::Message(m) => f.write_str(m),
        }
    }
}

pub fn run(cli: Cli) -> ExitCode {
    panic_guard::install();
    match dispatch(cli) {
        Ok(code) => ExitCode::from(code),
        Err(Error::ClosedPipe) => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("gwlint: {e}");
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

/// The subcommand, or a lint run.
fn dispatch(cli: Cli) -> Result<u8, Error> {
    match &cli.command {
        Some(Command::Rules) => commands::rules(),
        Some(Command::Explain { rule, format }) => commands::explain(rule, *format),
        Some(Command::Annotate {
            path,
            output,
            author,
            config,
            isolated,
        }) => {
            let settings = settings::load(config.as_deref(), *isolated)?;
            commands::annotate(path, output, author, &settings)
        }
        Some(Command::Templates) => commands::templates(),
        Some(Command::Facts { paths }) => commands::facts(&cli, paths),
        Some(Command::CheckPacks) => commands::check_packs(),
        Some(Command::Config {
            show,
            config,
            isolated,
        }) => commands::config(*show, config.as_deref(), *isolated),
        None => lint::run(&cli),
    }
}
