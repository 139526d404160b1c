//! A rule declared only in an office's own lexicon pack is listed,
//! explained, selected, configured, suppressed, baselined and reported
//! like a built-in rule; mistakes in packs are located.

use crate::common;

use std::fs;
use std::path::Path;

const LOCAL: &str = r#"id = "local-terms"
severity = "error"
summary = "本单位规范用语"
label = "不规范的简称"
doc = "本单位对外行文统一使用集团的全称。"

[[entry]]
wrong = "城投公司"
right = "城投集团"
why = "2024年起改制为集团"
examples = ["由城投公司负责建设"]
counter_examples = ["由城投集团负责建设"]
"#;

const DRAFT: &str = "关于道路建设的通知\n\n由城投公司负责建设，各单位要认真布署。\n";

fn office(config: &str, pack: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("rules-local/lexicon")).unwrap();
    fs::write(dir.path().join("rules-local/lexicon/local.toml"), pack).unwrap();
    fs::write(dir.path().join("gwlint.toml"), config).unwrap();
    fs::write(dir.path().join("a.txt"), DRAFT).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let r = common::run(common::configured(dir).args(args));
    (r.code, r.stdout, r.stderr)
}

const CONFIG: &str = "rule_dirs = [\"rules-local\"]\n";

#[test]
fn an_office_rule_is_reported_listed_and_explained() {
    let dir = office(CONFIG, LOCAL);
    let (code, out, err) = run(dir.path(), &["--format", "short", "a.txt"]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "a.txt:3:2: error[local-terms] 不规范的简称“城投公司”：应为“城投集团”（2024年起改制为集团）",
            "a.txt:3:17: error[typo] 错别字“布署”：应为“部署”（“部署”是安排、布置人力和任务，“部”不写作“布”）",
        ]
    );
    let (_, out, _) = run(dir.path(), &["rules"]);
    let line = out.lines().find(|l| l.starts_with("local-terms")).unwrap();
    assert!(
        line.contains("error") && line.contains("本单位规范用语"),
        "{line}"
    );
    assert!(out.lines().any(|l| l.starts_with("typo ")));
    let (code, out, _) = run(dir.path(), &["explain", "local-terms"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("本单位对外行文统一使用集团的全称"), "{out}");
    assert!(out.contains("城投公司 → 城投集团"), "{out}");
    let (code, out, _) = run(dir.path(), &["check-packs"]);
    assert_eq!(code, Some(0), "{out}");
}

/// `check-packs` runs the examples of an office's template sections too:
/// an example that lacks no section fails and is named.
#[test]
fn check_packs_runs_the_examples_of_an_office_template() {
    let template = |example: &str| {
        format!(
            "name = \"简报\"\ntitle = '简报$'\n\n[[section]]\nname = \"本期要闻\"\nheadings = ['要闻']\nexamples = [\"{example}\"]\ncounter_examples = [\"工作简报\\n一、本期要闻\\n\"]\n"
        )
    };
    let dir = office(CONFIG, LOCAL);
    fs::create_dir_all(dir.path().join("rules-local/templates")).unwrap();
    let path = dir.path().join("rules-local/templates/jianbao.toml");
    fs::write(&path, template("工作简报\\n一、工作动态\\n")).unwrap();
    let (code, out, _) = run(dir.path(), &["check-packs"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("其他规则包条目的"), "{out}");
    fs::write(&path, template("工作简报\\n一、本期要闻\\n")).unwrap();
    let (code, out, _) = run(dir.path(), &["check-packs"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("templates：简报：本期要闻"), "{out}");
    assert!(out.contains("没有得到包含“本期要闻”的结果"), "{out}");
}

#[test]
fn an_office_rule_is_selected_configured_and_fixed_like_any_rule() {
    let dir = office(CONFIG, LOCAL);
    let (_, out, _) = run(
        dir.path(),
        &["--format", "short", "--select", "local-terms", "a.txt"],
    );
    assert_eq!(out.lines().count(), 1, "{out}");
    let (_, out, _) = run(
        dir.path(),
        &["--format", "short", "--ignore", "local-terms", "a.txt"],
    );
    assert!(!out.contains("local-terms"), "{out}");
    let dir = office(
        "rule_dirs = [\"rules-local\"]\n[rules]\nlocal-terms = \"warning\"\n",
        LOCAL,
    );
    let (_, out, _) = run(dir.path(), &["--format", "short", "a.txt"]);
    assert!(out.contains("warning[local-terms]"), "{out}");
    let (code, _, err) = run(dir.path(), &["--fix", "a.txt"]);
    assert_eq!(code, Some(0), "{err}");
    let fixed = fs::read_to_string(dir.path().join("a.txt")).unwrap();
    assert_eq!(
        fixed,
        "关于道路建设的通知\n\n由城投集团负责建设，各单位要认真部署。\n"
    );
}

#[test]
fn suppression_comments_and_baselines_know_office_rules() {
    let dir = office(CONFIG, LOCAL);
    fs::write(
        dir.path().join("b.md"),
        "# 通知\n\n<!-- gwlint-disable-next-line local-terms -->\n由城投公司负责。\n\n<!-- gwlint-disable-next-line local-termz -->\n正文。\n",
    )
    .unwrap();
    let (_, out, _) = run(dir.path(), &["--format", "short", "b.md"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].contains("unused-suppression") && lines[0].contains("local-terms"));
    let (code, _, err) = run(dir.path(), &["--write-baseline", "base.json", "a.txt"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, out, _) = run(
        dir.path(),
        &["--format", "short", "--baseline", "base.json", "a.txt"],
    );
    assert_eq!((code, out.as_str()), (Some(0), ""));
}

#[test]
fn pack_mistakes_are_located_and_list_the_valid_keys() {
    let bad = LOCAL.replace("why = ", "reason = ");
    let dir = office(CONFIG, &bad);
    let (code, _, err) = run(dir.path(), &["a.txt"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("local.toml:10:1: 未知的键 `reason`"), "{err}");
    assert!(
        err.contains("`wrong`") && err.contains("`counter_examples`"),
        "{err}"
    );

    let missing = LOCAL.replace("doc = \"本单位对外行文统一使用集团的全称。\"\n", "");
    let dir = office(CONFIG, &missing);
    let (code, _, err) = run(dir.path(), &["a.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("local.toml:1:6: 新规则“local-terms”缺少 doc"),
        "{err}"
    );

    let taken = LOCAL.replace("id = \"local-terms\"", "id = \"placeholder\"");
    let dir = office(CONFIG, &taken);
    let (code, _, err) = run(dir.path(), &["a.txt"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("与内置规则重复"), "{err}");
}

#[test]
fn a_users_examples_are_checked_on_load() {
    let wrong = LOCAL.replace(
        "examples = [\"由城投公司负责建设\"]",
        "examples = [\"由城投集团负责建设\"]",
    );
    let dir = office(CONFIG, &wrong);
    let (code, _, err) = run(dir.path(), &["a.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("local.toml:11:13: 示例“由城投集团负责建设”没有报告“城投公司”"),
        "{err}"
    );
}

#[test]
fn unrecognised_files_in_a_rule_directory_are_reported() {
    let dir = office(CONFIG, LOCAL);
    fs::write(dir.path().join("rules-local/placeholder.toml"), "").unwrap();
    let (code, _, err) = run(dir.path(), &["a.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("placeholder.toml") && err.contains("无法识别的规则文件"),
        "{err}"
    );
    fs::remove_file(dir.path().join("rules-local/placeholder.toml")).unwrap();
    fs::write(dir.path().join("rules-local/lexicon/notes.txt"), "").unwrap();
    let (code, _, err) = run(dir.path(), &["a.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("notes.txt") && err.contains("只读取 .toml"),
        "{err}"
    );
}

#[test]
fn office_entries_may_extend_a_builtin_rule() {
    let extra = "id = \"typo\"\n\n[[entry]]\nwrong = \"帐篷费\"\nright = \"账篷费\"\nexamples = [\"收取帐篷费\"]\n";
    let dir = office(CONFIG, extra);
    fs::write(dir.path().join("a.txt"), "收取帐篷费\n").unwrap();
    let (_, out, err) = run(dir.path(), &["--format", "short", "a.txt"]);
    assert!(out.contains("error[typo] 错别字“帐篷费”"), "{out}{err}");
}
