//! Chinese for the parts of the help and of argument errors that clap
//! writes itself: headings, the usage line, `--help`/`--version`, lists of
//! possible and default values, and the common error messages.

use super::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};

const TEMPLATE: &str = "\
{before-help}{about-with-newline}
用法：{usage}

{all-args}{after-help}";

/// The command with every text in Chinese.
pub fn command() -> clap::Command {
    localize(
        Cli::command()
            .override_usage("gwlint [选项] [路径]...\n      gwlint <命令>")
            .after_help("用 `gwlint explain 规则编号` 查看一条规则的完整说明；退出码：0 没有错误，1 有错误，2 无法完成检查"),
        true,
    )
}

fn localize(cmd: clap::Command, top: bool) -> clap::Command {
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .next_help_heading("选项")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本号")
                .help_heading("选项"),
        );
    }
    cmd = cmd.mut_args(|a| {
        let heading = if a.is_positional() {
            "参数"
        } else {
            "选项"
        };
        let a = a.help_heading(heading);
        let a = match a.get_value_names().and_then(|v| v.first()) {
            Some(v) => a.clone().value_name(value_name(v.as_str())),
            None if a.is_positional() => a.clone().value_name(value_name(a.get_id().as_ref())),
            None => a,
        };
        describe_values(a)
    });
    if !top {
        let usage = usage_of(&cmd);
        cmd = cmd.override_usage(usage);
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |s| localize(s, false));
    }
    cmd
}

/// Chinese for the placeholders of values (`<FILE>` → `<文件>`).
fn value_name(english: &str) -> &'static str {
    match english.to_ascii_uppercase().as_str() {
        "PATH" => "路径",
        "FILE" => "文件",
        "FORMAT" => "格式",
        "COLOR" => "时机",
        "LEVEL" => "层级",
        "NAME" => "名称",
        "DATE" => "日期",
        "RULES" => "规则编号,…",
        "RULE" => "规则编号",
        "N" => "个数",
        _ => "值",
    }
}

/// `gwlint explain [选项] <规则编号>` for a subcommand.
fn usage_of(cmd: &clap::Command) -> String {
    let mut usage = format!("gwlint {} [选项]", cmd.get_name());
    for a in cmd.get_positionals() {
        let value = a
            .get_value_names()
            .and_then(|v| v.first())
            .map_or_else(|| a.get_id().as_str().to_uppercase(), |v| v.to_string());
        usage.push_str(&format!(" <{value}>"));
    }
    usage
}

/// Replace clap's "[possible values: …]" and "[default: …]" with Chinese.
fn describe_values(a: Arg) -> Arg {
    if a.is_hide_possible_values_set() {
        return a;
    }
    let values = a.get_possible_values();
    let default: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let takes_value = a.get_action().takes_values();
    if !takes_value || (values.is_empty() && default.is_empty()) {
        return a;
    }
    let mut help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    if !values.is_empty() {
        let listed: Vec<String> = values
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| match v.get_help() {
                Some(h) => format!("{}（{h}）", v.get_name()),
                None => v.get_name().to_string(),
            })
            .collect();
        help.push_str(&format!("。可选：{}", listed.join("、")));
    }
    if let Some(d) = default.first() {
        help.push_str(&format!("。默认：{d}"));
    }
    a.help(help)
        .hide_possible_values(true)
        .hide_default_value(true)
}

/// Parse the command line; argument errors are reported in Chinese with
/// exit code 2, help and version go to stdout with exit code 0.
pub fn parse() -> Cli {
    let result = command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    match result {
        Ok(cli) => cli,
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
            _ => {
                eprintln!("gwlint: {}\n用 `gwlint --help` 查看用法", message(&e));
                std::process::exit(2)
            }
        },
    }
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A Chinese message for a clap error.
pub(crate) fn message(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut msg = match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的选项“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            let sub = context(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("不认识的命令“{sub}”")
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 需要一个值"),
        ErrorKind::InvalidValue => format!("{arg} 不接受“{value}”"),
        ErrorKind::ValueValidation => format!("{arg} 的值“{value}”无效"),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} 不能与 {prior} 同时使用")
        }
        ErrorKind::NoEquals => format!("{arg} 的值需要用“=”给出"),
        ErrorKind::TooManyValues => format!("{arg} 给出的值太多：“{value}”"),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{arg} 的值的个数不对")
        }
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        _ => e.render().to_string(),
    };
    if let Some(valid) = context(e, ContextKind::ValidValue) {
        msg.push_str(&format!("；可用的值：{valid}"));
    }
    if let Some(s) = context(e, ContextKind::SuggestedArg)
        .or_else(|| context(e, ContextKind::SuggestedSubcommand))
        .or_else(|| context(e, ContextKind::SuggestedValue))
    {
        msg.push_str(&format!("；是否想用“{s}”？"));
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(args: &[&str]) -> String {
        let err = command().try_get_matches_from(args).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DisplayHelp);
        err.render().to_string()
    }

    #[test]
    fn command_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn help_has_no_english_scaffolding() {
        for args in [
            &["gwlint", "--help"][..],
            &["gwlint", "-h"],
            &["gwlint", "explain", "--help"],
            &["gwlint", "config", "-h"],
            &["gwlint", "rules", "--help"],
            &["gwlint", "annotate", "--help"],
        ] {
            let text = help(args);
            for english in [
                "Usage",
                "Options",
                "Arguments",
                "Commands",
                "Print help",
                "Print version",
                "possible values",
                "Possible values",
                "default:",
                "[OPTIONS]",
            ] {
                assert!(!text.contains(english), "{args:?} shows {english}:\n{text}");
            }
            assert!(text.contains("用法："), "{text}");
            assert!(text.contains("显示帮助"), "{text}");
        }
        let top = help(&["gwlint", "--help"]);
        assert!(top.contains("命令"));
        assert!(top.contains("显示版本号"));
        assert!(top.contains("可选：human（终端阅读"), "{top}");
        assert!(top.contains("<文件>") && !top.contains("<FILE>"), "{top}");
        assert!(top.contains("默认：human"), "{top}");
    }

    #[test]
    fn errors_are_chinese() {
        let e = command()
            .try_get_matches_from(["gwlint", "--frmat", "json"])
            .unwrap_err();
        let m = message(&e);
        assert!(m.contains("不认识的选项“--frmat”"), "{m}");
        assert!(m.contains("--format"), "{m}");
        let e = command()
            .try_get_matches_from(["gwlint", "--format", "xml"])
            .unwrap_err();
        let m = message(&e);
        assert!(m.contains("不接受“xml”"), "{m}");
        assert!(m.contains("json"), "{m}");
        let e = command()
            .try_get_matches_from(["gwlint", "annotate", "a.docx"])
            .unwrap_err();
        assert!(message(&e).starts_with("缺少必需的参数"), "{}", message(&e));
    }
}
