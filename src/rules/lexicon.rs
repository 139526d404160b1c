//! The one checker behind every lexicon pack: each hit of the pack's words
//! whose context conditions hold is a diagnostic, with the entry's
//! replacement as a fix.

use super::RuleCtx;
use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::Document;
use crate::lexicon::FixKind;

pub fn check(id: &'static str, doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
    let Some((index, pack)) = ctx.packs.lexicon.pack(id) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for hit in ctx.hits(doc).of(index) {
        let entry = &pack.entry[hit.entry];
        if !entry.applies(
            &doc.text,
            doc.tokens_in(hit.range.clone()).iter(),
            hit.range.clone(),
        ) {
            continue;
        }
        let mut message = format!("{}“{}”", pack.label(), entry.wrong);
        if let Some(right) = &entry.right {
            message.push_str(&format!("：应为“{right}”"));
        }
        if let Some(why) = &entry.why {
            message.push_str(&format!("（{why}）"));
        }
        let mut d = Diagnostic::new(id, hit.range.clone(), message);
        if let Some(right) = &entry.right {
            let applicability = match entry.fix_kind() {
                FixKind::Safe => Some(Applicability::Safe),
                FixKind::Unsafe => Some(Applicability::Unsafe),
                FixKind::None => None,
            };
            if let Some(a) = applicability {
                d = d.with_fix(
                    a,
                    vec![Edit {
                        range: hit.range.clone(),
                        replacement: right.clone(),
                    }],
                );
            }
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::config::Options;
    use crate::diag::Applicability;
    use crate::testing::{flagged, lint_rule};

    /// Typos in sentences that are not any entry's own example.
    #[test]
    fn typos_fire_in_fresh_contexts() {
        let text = "县委对全年工作作了全面布署。各乡镇要按排足够的资金。截止目前，已完成80%。\
                    要把这项工作纳人议事日程。大家齐心协力度过难关。要加大拔款力度。";
        let d = lint_rule("typo", text);
        assert_eq!(
            flagged(&d),
            ["布署", "按排", "截止", "纳人", "度过难关", "拔款"]
        );
        assert_eq!(
            d[0].1,
            "错别字“布署”：应为“部署”（“部署”是安排、布置人力和任务，“部”不写作“布”）"
        );
    }

    #[test]
    fn look_alikes_stay_silent() {
        let text = "按排名先后发言。申报截止日期为12月5日，截止到年底完成，逾期报名截止。\
                    接纳人才，关注人民群众，资深人士，完善长效机制，共支付近3亿元，导致今年下降。\
                    中医辨证施治。他激动得不能自已。";
        let d = lint_rule("typo", text);
        assert!(d.is_empty(), "{d:?}");
        // 平台 + 帐号: the misspelt 帐号 is reported, 台帐 across the two is not.
        assert_eq!(flagged(&lint_rule("typo", "注册平台帐号。")), ["帐号"]);
    }

    #[test]
    fn fixes_are_safe_only_without_conditions() {
        let options = Options {
            select: vec!["typo".into()],
            ..Options::default()
        };
        let (_, diags) = crate::lint_text("t.txt", "认真布署。截止2026年底完成。", &options);
        let kinds: Vec<Applicability> = diags
            .iter()
            .map(|d| d.fix.as_ref().unwrap().applicability)
            .collect();
        assert_eq!(kinds, [Applicability::Safe, Applicability::Unsafe]);
        assert_eq!(diags[1].fix.as_ref().unwrap().edits[0].replacement, "截至");
    }

    #[test]
    fn code_in_markdown_is_not_checked() {
        let options = Options {
            select: vec!["variant-form".into()],
            ..Options::default()
        };
        let doc = crate::doc::Document::from_str(
            "a.md",
            "# 通知\n\n其它事项见 `其它` 字段。\n",
            crate::input::Format::Markdown,
        );
        let diags = crate::lint_document(&doc, &options);
        assert_eq!(diags.len(), 1);
        assert_eq!(&doc.text[diags[0].range.clone()], "其它");
        assert_eq!(diags[0].range.start, "# 通知\n\n".len());
    }
}
