use std::process::ExitCode;

fn main() -> ExitCode {
    gwlint::app::run(gwlint::cli::parse())
}
