//! The subcommands other than linting: `rules`, `explain`, `templates`,
//! `check-packs`, `config`, `facts` and `annotate`.

use super::{settings, Error, EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE};
use crate::annotate as word;
use crate::cli::{Cli, ColorWhen, ExplainFormat};
use crate::config::Settings;
use crate::doc::Document;
use crate::input;
use crate::packs::{ConventionLevel, Packs};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Write all of `text` to stdout at once, so that a closed pipe
/// (`gwlint explain typo | head`) stops the command quietly.
fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// `gwlint rules`: id, default severity and summary of every rule.
pub fn rules() -> Result<u8, Error> {
    let settings = settings::load(None, false)?;
    let registry = settings.base.registry();
    let width = registry.all().iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in registry.all() {
        let (id, sev) = (r.id, r.severity.as_str());
        out.push_str(&format!("{id:width$}  {sev:7}  {}\n", r.summary));
    }
    print(&out)?;
    Ok(EXIT_OK)
}

/// `gwlint explain RULE`: a rule's documentation.
pub fn explain(rule: &str, format: ExplainFormat) -> Result<u8, Error> {
    let settings = settings::load(None, false)?;
    let registry = settings.base.registry();
    let r = registry
        .by_id(rule)
        .ok_or_else(|| registry.unknown_rule_message(rule))?;
    let body = match format {
        ExplainFormat::Markdown => format!("{}\n", r.documentation()),
        ExplainFormat::Terminal => crate::explain::render(
            &r.documentation(),
            super::output::stdout_color(ColorWhen::Auto),
        ),
    };
    print(&format!(
        "{}（{}，默认级别：{}）\n\n{body}",
        r.id,
        r.summary,
        r.severity.as_str(),
    ))?;
    Ok(EXIT_OK)
}

/// `gwlint templates`: the genre templates, their sections and conventions.
pub fn templates() -> Result<u8, Error> {
    let mut out = String::new();
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
            out.push_str(&format!("{}：（不要求固定的部分）\n", t.name));
        } else {
            out.push_str(&format!("{}：{}\n", t.name, sections.join(" → ")));
        }
        for c in &t.convention {
            let level = match c.severity {
                ConventionLevel::Error => "错误",
                ConventionLevel::Warning => "警告",
            };
            out.push_str(&format!("  惯例 {}（{level}）：{}\n", c.id, c.message));
        }
    }
    print(&out)?;
    Ok(EXIT_OK)
}

/// `gwlint check-packs`: run the examples of every pack entry.
pub fn check_packs() -> Result<u8, Error> {
    let (text, passed) = crate::selftest::summary(&settings::load(None, false)?.base);
    print(&text)?;
    Ok(if passed { EXIT_OK } else { EXIT_FINDINGS })
}

/// `gwlint config [--show]`.
pub fn config(show: bool, config: Option<&Path>, isolated: bool) -> Result<u8, Error> {
    let s = settings::load(config, isolated)?;
    if show {
        print(&settings::show(&s))?;
    } else {
        print("用 `gwlint config --show` 查看生效的配置\n")?;
    }
    Ok(EXIT_OK)
}

/// `gwlint facts`: what gwlint believes about each file, and why.
pub fn facts(cli: &Cli, paths: &[PathBuf]) -> Result<u8, Error> {
    let settings = settings::for_cli(cli)?;
    let forced = settings::forced_encoding(cli)?;
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
                print(&format!("{name}\n{}\n", facts.describe(&doc)))?;
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
pub fn annotate(
    path: &Path,
    output: &Path,
    author: &str,
    settings: &Settings,
) -> Result<u8, Error> {
    word::check_output(path, output)?;
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
    let done = word::annotate(doc.format, &bytes, doc.source(), &diags, author)?;
    word::write(output, &done.bytes)?;
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
