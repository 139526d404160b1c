use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::Document;
use crate::rules::RuleCtx;

declare_rule! {
    /// ## 过时的提法（outdated-term）
    ///
    /// 按文件日期核对已经过时的提法：例如 2021 年以后仍写“决胜全面建成小康社会”
    /// “决战脱贫攻坚”，2022 年 12 月 26 日以后仍写“新冠肺炎”，2018 年机构改革后仍写
    /// “环境保护局”“国土资源局”“工商行政管理局”。词条、起始日期和现行说法写在
    /// `rules/outdated.toml`，消息给出现行说法和依据。
    ///
    /// **文件日期**：取文末的成文日期（如 `2023年3月15日`、`二〇二三年三月十五日`）；
    /// 没有时取标题中的年份（如 `2019年度` 按当年年底算）；都没有时按今天
    /// （可用 `--as-of 2020-12-31` 指定）。
    ///
    /// **不会报告**：日期早于起始日期的文件，例如 2019 年的文件写“决胜全面建成小康社会”。
    pub static RULE = {
        id: "outdated-term",
        severity: Warning,
        summary: "按文件日期已经过时的提法（决胜全面建成小康社会、新冠肺炎…）",
        check: check,
    };
}

fn check(doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
    let date = doc.outline.date.unwrap_or(ctx.today);
    let mut out = Vec::new();
    for term in &ctx.packs.outdated.term {
        if date < term.since {
            continue;
        }
        for p in &doc.paragraphs {
            let body = &doc.text[p.range.clone()];
            for (i, _) in body.match_indices(term.term.as_str()) {
                let range = p.range.start + i..p.range.start + i + term.term.len();
                let (y, m, d) = term.since;
                let mut diag = Diagnostic::new(
                    RULE.id,
                    range.clone(),
                    format!(
                        "“{}”自{y}年{m}月{d}日起已不宜使用，现行提法为“{}”",
                        term.term, term.current
                    ),
                )
                .with_note(term.why.clone());
                if let Some(r) = &term.replacement {
                    diag = diag.with_fix(
                        Applicability::Unsafe,
                        vec![Edit {
                            range,
                            replacement: r.clone(),
                        }],
                    );
                }
                out.push(diag);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn judged_by_the_document_date() {
        let late = lint_rule(
            "outdated-term",
            "标题\n\n为决胜全面建成小康社会而奋斗。\n2023年3月1日",
        );
        assert_eq!(late.len(), 1);
        assert!(late[0].1.contains("全面建设社会主义现代化国家"));
        let early = lint_rule(
            "outdated-term",
            "标题\n\n为决胜全面建成小康社会而奋斗。\n2019年3月1日",
        );
        assert!(early.is_empty());
    }
}
