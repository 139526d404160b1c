//! Command-line arguments. The help text is Chinese throughout: clap's own
//! headings, usage line and built-in flags are replaced in [`command`].

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

mod localize;

pub use localize::{command, parse};

#[derive(Debug, Parser)]
#[command(
    name = "gwlint",
    version,
    about = "公文草稿检查工具：找出占位符、引号不成对、数量不符、层级混用、缺少部分等问题",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// 要检查的文件或目录（目录中查找 .txt、.md、.docx）；`-` 表示标准输入。默认为当前目录
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// 输出格式
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// 把结果写入文件，而不是标准输出
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// 使用指定的配置文件，而不是自动查找 gwlint.toml
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// 忽略所有配置文件
    #[arg(long)]
    pub isolated: bool,

    /// 只输出每条规则的问题数
    #[arg(long)]
    pub statistics: bool,

    /// 警告超过这个数目时退出码为 1
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,

    /// 有任何警告时退出码为 1
    #[arg(long)]
    pub deny_warnings: bool,

    /// 安静模式：只输出问题本身，不输出汇总和提示
    #[arg(short, long)]
    pub quiet: bool,

    /// 只报告不在这个基线文件中的问题
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,

    /// 把当前的全部问题写入基线文件（之后用 --baseline 只看新问题）
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// 命令行上直接给出的文件也遵守配置中的 exclude（供 pre-commit 使用）
    #[arg(long)]
    pub force_exclude: bool,

    /// 何时使用颜色（auto：输出到终端且未设置 NO_COLOR 时）
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// 指定发文层级（省、自治区、直辖市、市、州、盟、地区、县、区、旗、乡、镇、街道），不再自动推断
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,

    /// 指定发文机关类型（党委、委员会、局、厅、办公室、街道办事处、人民政府），不再自动推断
    #[arg(long, value_name = "ORGAN")]
    pub organ: Option<String>,

    /// 指定文种模板（见 `gwlint templates`），不再按标题识别
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,

    /// 判断过时提法所用的日期（YYYY-MM-DD），用于没有成文日期的文件；默认今天
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// 按此编码读取文件，不再自动识别（如 GB18030、GBK、Big5、UTF-16LE）
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,

    /// 同时检查的文件数（工作线程数）。默认为 CPU 核数；未给出时遵守环境变量 RAYON_NUM_THREADS；1 表示逐个检查
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<std::num::NonZeroUsize>,

    /// 显示更多信息（如每个文件识别出的编码）
    #[arg(short, long)]
    pub verbose: bool,

    /// 自动修复可安全修复的问题（半角标点、半角引号），原子写回，保持原编码、换行和权限
    #[arg(long)]
    pub fix: bool,

    /// 同时应用需人工确认的修复（层级称呼、模板残留、数字写法、过时提法）；与 --fix 或 --diff 一起使用
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// 只显示修复会做的改动（统一 diff 格式），不写文件；有改动时退出码为 1
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,

    /// 只运行这些规则（逗号分隔）
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// 不运行这些规则（逗号分隔）
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 列出全部规则：编号、默认级别、说明
    Rules,
    /// 显示一条规则的完整说明和示例
    Explain {
        /// 规则编号，如 count-mismatch
        rule: String,
        /// 说明的格式
        #[arg(long, value_enum, default_value_t = ExplainFormat::Terminal)]
        format: ExplainFormat,
    },
    /// 列出内置的文种模板及其必备部分
    Templates,
    /// 逐条运行全部规则包（内置的和 rule_dirs 中的）的 examples 和 counter_examples
    CheckPacks,
    /// 显示 gwlint 对文件的判断（文种、层级、地名、机关、日期）及其依据
    Facts {
        /// 要查看的文件（- 表示标准输入）
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// 生成带批注的 Word 副本：每个问题一条批注，标在被指出的文字上（原文件不变）
    Annotate {
        /// 要批注的稿件（.docx、.txt 或 .md）
        #[arg(value_name = "PATH")]
        path: PathBuf,
        /// 写出的 Word 文件（不能与输入相同）
        #[arg(short = 'o', long, value_name = "FILE")]
        output: PathBuf,
        /// 批注显示的作者
        #[arg(long, value_name = "NAME", default_value = "gwlint")]
        author: String,
        /// 使用指定的配置文件，而不是自动查找 gwlint.toml
        #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
        config: Option<PathBuf>,
        /// 忽略所有配置文件
        #[arg(long)]
        isolated: bool,
    },
    /// 查看配置
    Config {
        /// 显示生效的配置（合并默认值和 gwlint.toml 之后）
        #[arg(long)]
        show: bool,
        /// 使用指定的配置文件
        #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
        config: Option<PathBuf>,
        /// 忽略所有配置文件
        #[arg(long)]
        isolated: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// 终端阅读，汉字下方标出位置
    Human,
    /// JSON 数组，见 README 的约定
    Json,
    /// 每条一行 path:line:col: severity[rule] message
    Short,
    /// GitHub Actions 注释 ::error file=…
    Github,
    /// SARIF 2.1.0，可上传到 GitHub code scanning
    Sarif,
    /// 独立的 HTML 网页报告，配合 -o report.html 在浏览器中阅读和筛选
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// 适合终端阅读的排版
    Terminal,
    /// 原始 Markdown
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// 输出到终端且未设置 NO_COLOR 时着色
    Auto,
    /// 总是着色
    Always,
    /// 不着色
    Never,
}
