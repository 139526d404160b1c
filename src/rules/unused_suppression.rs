use crate::diag::Diagnostic;
use crate::doc::Document;
use crate::rules::RuleCtx;

declare_rule! {
    /// ## 无效的屏蔽注释（unused-suppression）
    ///
    /// Markdown 文件中的 `<!-- gwlint-disable 规则 -->`、`<!-- gwlint-disable-next-line 规则 -->`
    /// 没有屏蔽任何问题（问题已经改掉了），或者写了不存在的规则编号。
    ///
    /// **为什么**：过时的屏蔽注释会在以后悄悄放过新出现的问题，应当删除；写错的规则编号
    /// 则什么也屏蔽不了。
    ///
    /// **会报告**：`<!-- gwlint-disable-next-line placeholder -->` 的下一行已经没有占位符；
    /// `<!-- gwlint-disable placeholdr -->`（编号拼错）。
    ///
    /// **不会报告**：确实屏蔽了问题的注释；`gwlint-enable` 注释；所屏蔽的规则本次没有运行时。
    pub static RULE = {
        id: "unused-suppression",
        severity: Warning,
        summary: "没有屏蔽任何问题、或规则编号写错的屏蔽注释",
        check: check,
    };
}

/// Comments naming rules that do not exist. (Comments that suppressed
/// nothing are found by the engine, which knows what each one suppressed.)
fn check(doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
    crate::suppress::directives(doc)
        .iter()
        .flat_map(|d| {
            d.rules
                .iter()
                .filter(|r| ctx.registry.by_id(r).is_none())
                .map(|r| {
                    Diagnostic::new(
                        RULE.id,
                        d.range.clone(),
                        format!("屏蔽注释中的{}", ctx.registry.unknown_rule_message(r)),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::doc::Document;
    use crate::input::Format;

    fn lint_md(text: &str) -> Vec<(String, String)> {
        let doc = Document::from_str("a.md", text, Format::Markdown);
        let options = Options {
            as_of: Some((2026, 11, 28)),
            ..Options::default()
        };
        crate::lint_document(&doc, &options)
            .into_iter()
            .map(|d| (d.rule.to_string(), doc.source()[d.range].to_string()))
            .collect()
    }

    #[test]
    fn comments_suppress_and_unused_ones_are_reported() {
        let d = lint_md("# 标题\n\n<!-- gwlint-disable-next-line placeholder -->\nXX同志主持。\n\n<!-- gwlint-disable-next-line placeholder -->\n会议已召开。\n\n<!-- gwlint-disable halfwidth-punct -->\n甲,乙。\n<!-- gwlint-enable halfwidth-punct -->\n丙,丁。\n<!-- gwlint-disable placeholdr -->\n");
        let rules: Vec<&str> = d.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            rules,
            vec![
                "unused-suppression",
                "halfwidth-punct",
                "unused-suppression"
            ],
            "{d:?}"
        );
        assert!(d[2].1.contains("placeholdr"), "the misspelt rule");
        assert!(
            d[0].1.contains("disable-next-line placeholder"),
            "the second, now useless, comment"
        );
        assert_eq!(d[1].1, ",");
    }
}
