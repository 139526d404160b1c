//! gwlint.toml: discovery, every setting, and errors pinned with their
//! exact messages.

use crate::common;

use std::fs;
use std::path::Path;

const DRAFT: &str =
    "县委办公室工作总结\n\n在岗尽责,科学谋划。XX同志主持。全县上下在全区营造氛围。\n";

fn setup(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("docs/sub")).unwrap();
    fs::write(dir.path().join("docs/a.txt"), DRAFT).unwrap();
    fs::write(dir.path().join("docs/sub/b.txt"), DRAFT).unwrap();
    fs::write(dir.path().join("gwlint.toml"), config).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let r = common::run(
        common::configured(dir)
            .args(["--as-of", common::AS_OF_ARG])
            .args(args),
    );
    (r.code, r.stdout, r.stderr)
}

fn short(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut a = vec!["--format", "short"];
    a.extend_from_slice(args);
    run(dir, &a).1.lines().map(str::to_string).collect()
}

#[test]
fn settings_apply_and_are_discovered_from_a_subdirectory() {
    let dir = setup(
        r#"
level = "县"
exclude = ["docs/sub/**"]
[rules]
halfwidth-punct = "error"
placeholder = "warning"
[per-file-ignores]
"docs/a.txt" = ["mixed-jurisdiction"]
"#,
    );
    let lines = short(&dir.path().join("docs"), &["."]);
    assert_eq!(
        lines,
        vec![
            "./a.txt:3:5: error[halfwidth-punct] 中文中使用了半角标点「,」：应改为全角「，」",
            "./a.txt:3:11: warning[placeholder] 未填写的占位符“XX”：此处应填入实际的姓名",
        ]
    );
    // Named on the command line, an excluded file is still checked...
    let lines = short(dir.path(), &["docs/sub/b.txt"]);
    assert!(
        lines.iter().any(|l| l.contains("mixed-jurisdiction")),
        "{lines:?}"
    );
    // ...unless --force-exclude makes it obey the excludes (pre-commit).
    assert!(short(dir.path(), &["--force-exclude", "docs/sub/b.txt"]).is_empty());
    // --isolated ignores the file; --config names another.
    let isolated = short(dir.path(), &["--isolated", "docs/a.txt"]);
    assert!(
        isolated
            .iter()
            .any(|l| l.contains("warning[halfwidth-punct]")),
        "{isolated:?}"
    );
    fs::write(
        dir.path().join("other.toml"),
        "ignore = [\"placeholder\", \"halfwidth-punct\", \"mixed-jurisdiction\"]\n",
    )
    .unwrap();
    assert!(short(dir.path(), &["--config", "other.toml", "docs/a.txt"]).is_empty());
}

#[test]
fn config_show_prints_the_effective_configuration() {
    let dir = setup(
        "as_of = 2020-12-31\n[rules]\nnumber-style = \"off\"\n[placeholders]\nallow = [\"X型\"]\n",
    );
    let stdout = common::run(common::configured(dir.path()).args(["config", "--show"])).stdout;
    assert!(stdout.contains("gwlint.toml"), "{stdout}");
    assert!(stdout.contains("as_of = 2020-12-31"), "{stdout}");
    assert!(stdout.contains("number-style = \"off\""), "{stdout}");
    assert!(stdout.contains("placeholder = \"error\""), "{stdout}");
    assert!(stdout.contains("allow = [\"X型\"]"), "{stdout}");
}

#[test]
fn extensions_and_rule_dirs() {
    let dir = setup(
        r#"
rule_dirs = ["rules-local"]
[placeholders]
allow = ["XX同志"]
[residue]
phrases = ["本材料由某网整理"]
[jurisdiction]
exceptions = ["全区营造"]
[templates]
"docs/**" = "民主生活会情况通报"
"#,
    );
    fs::create_dir_all(dir.path().join("rules-local")).unwrap();
    fs::write(
        dir.path().join("rules-local/outdated.toml"),
        "[[term]]\nterm = \"科学谋划\"\nsince = \"2001-01-01\"\ncurrent = \"统筹谋划\"\nwhy = \"本单位规范\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("docs/c.txt"),
        "本材料由某网整理\n标题\n\n正文。\n",
    )
    .unwrap();
    let lines = short(dir.path(), &["docs/a.txt", "docs/c.txt"]);
    let rules: Vec<&str> = lines
        .iter()
        .map(|l| l.split(['[', ']']).nth(1).unwrap())
        .collect();
    assert!(!rules.contains(&"placeholder"), "allow-word: {lines:?}");
    assert!(
        !rules.contains(&"mixed-jurisdiction"),
        "exception: {lines:?}"
    );
    assert!(
        rules.contains(&"outdated-term"),
        "pack from rule_dirs: {lines:?}"
    );
    assert!(
        rules.contains(&"template-residue"),
        "residue phrase: {lines:?}"
    );
    assert!(
        rules.contains(&"required-section"),
        "template by glob: {lines:?}"
    );
}

fn error_of(config: &str) -> String {
    let dir = setup(config);
    let (code, _, stderr) = run(dir.path(), &["docs"]);
    assert_eq!(code, Some(2), "{stderr}");
    stderr.replace(
        &dir.path().canonicalize().unwrap().display().to_string(),
        "DIR",
    )
}

#[test]
fn config_errors_are_pinned() {
    assert_eq!(
        error_of("level = \"县\"\nlevle = \"区\"\n"),
        "gwlint: DIR/gwlint.toml:2:1: 未知的键 `levle`，可用的键：`select`, `ignore`, `exclude`, `level`, `organ`, `as_of`, `rule_dirs`, `rules`, `per-file-ignores`, `templates`, `placeholders`, `residue`, `jurisdiction`, `limits`\n  |\n2 | levle = \"区\"\n  | ^^^^^\n"
    );
    assert_eq!(
        error_of("[rules]\nplaceholdr = \"off\"\n"),
        "gwlint: DIR/gwlint.toml:2:1: 未知的规则“placeholdr”，是否想用“placeholder”？（`gwlint rules` 列出全部规则）\n  |\n2 | placeholdr = \"off\"\n  | ^^^^^^^^^^\n"
    );
    assert_eq!(
        error_of("[rules]\nplaceholder = \"loud\"\n"),
        "gwlint: DIR/gwlint.toml:2:15: 不支持的取值 `loud`, expected one of `off`, `warning`, `error`\n  |\n2 | placeholder = \"loud\"\n  |               ^^^^^^\n"
    );
    assert_eq!(
        error_of("level = \"县\n"),
        "gwlint: DIR/gwlint.toml:1:11: TOML 语法错误：invalid basic string, expected `\"`\n  |\n1 | level = \"县\n  |            ^\n"
    );
    assert_eq!(
        error_of("level = \"村\"\n"),
        "gwlint: DIR/gwlint.toml:1:9: 未知的层级“村”，可选：省、自治区、直辖市、市、州、盟、地区、县、区、旗、乡、镇、街道\n  |\n1 | level = \"村\"\n  |         ^^^^\n"
    );
}

#[test]
fn invalid_regex_in_a_pack_names_the_pack_and_entry() {
    let dir = setup("rule_dirs = [\"mine\"]\n");
    fs::create_dir_all(dir.path().join("mine")).unwrap();
    fs::write(
        dir.path().join("mine/residue.toml"),
        "[[residue]]\nid = \"broken-entry\"\npattern = \"(unclosed\"\nwhat = \"x\"\n",
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["docs"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(
            "mine/residue.toml:3:11: 正则表达式有误：unclosed group（条目：broken-entry）"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("3 | pattern = \"(unclosed\""), "{stderr}");
}

#[test]
fn user_template_conventions_load_and_are_checked() {
    let dir = setup("rule_dirs = [\"mine\"]\n");
    fs::create_dir_all(dir.path().join("mine/templates")).unwrap();
    fs::write(
        dir.path().join("mine/templates/jianbao.toml"),
        "name = \"工作简报\"\ntitle = '简报$'\n\n[[convention]]\nid = \"issue-number\"\nkind = \"present\"\npattern = '第[0-9]+期'\nseverity = \"warning\"\nmessage = \"简报应标明期数\"\nbasis = \"本单位规范\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("docs/d.txt"),
        "县委办公室工作简报\n本期刊发全县防汛工作情况。\n",
    )
    .unwrap();
    let lines = short(dir.path(), &["docs/d.txt"]);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("warning[genre-convention] 简报应标明期数"),
        "{lines:?}"
    );
    // A convention whose kind needs a pattern but has none is a pack error.
    fs::write(
        dir.path().join("mine/templates/jianbao.toml"),
        "name = \"工作简报\"\ntitle = '简报$'\n\n[[convention]]\nid = \"issue-number\"\nkind = \"present\"\nseverity = \"warning\"\nmessage = \"简报应标明期数\"\nbasis = \"本单位规范\"\n",
    )
    .unwrap();
    let (code, _, stderr) = run(dir.path(), &["docs"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("jianbao.toml:5:6: 惯例“issue-number”缺少 pattern"),
        "{stderr}"
    );
}
