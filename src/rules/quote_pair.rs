use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::pairs::{PairKind, Problem};
use crate::doc::Document;
use crate::rules::RuleCtx;

declare_rule! {
    /// ## 引号、括号不成对（quote-pair）
    ///
    /// 在每个段落内核对成对标点：“” ‘’ 《》 〈〉 （） 【】 〔〕。报告：
    /// - 多出来的右引号、右括号（前面没有与之对应的左半边）；
    /// - 没有闭合的左引号、左括号（标出它从哪里开始）；
    /// - 双引号里直接套双引号（GB/T 15834—2011：引号里面还要用引号时，外面用双引号，里面用单引号）；
    /// - 用半角 ASCII 的 `'`、`''`、`"` 代替中文引号，例如 `“求稳怕变畏难不前''`。
    ///
    /// **为什么**：模板改写时最常见的伤痕就是删掉半句话留下半个引号，或从别处粘贴来的半角引号。
    ///
    /// **不会报告**：跨段引用的标准写法（每段开头用“，只在最后一段末尾用”）；段首的 `1）`
    /// 这类序号；英文中的撇号（don't）。半角括号 `()` 由 `halfwidth-punct` 处理。
    pub static RULE = {
        id: "quote-pair",
        severity: Error,
        summary: "引号、括号不成对，双引号直接套双引号，半角引号代替中文引号",
        check: check,
    };
}

fn name(kind: PairKind) -> &'static str {
    match kind {
        PairKind::Double => "双引号",
        PairKind::Single => "单引号",
        PairKind::Book => "书名号",
        PairKind::Angle => "单书名号",
        PairKind::Paren => "括号",
        PairKind::Square => "方头括号",
        PairKind::Tortoise => "六角括号",
    }
}

fn check(doc: &Document, _ctx: &RuleCtx) -> Vec<Diagnostic> {
    doc.brackets
        .problems
        .iter()
        .map(|p| match p {
            Problem::UnmatchedClose { kind, range } => {
                let (open, close) = kind.chars();
                Diagnostic::new(
                    RULE.id,
                    range.clone(),
                    format!(
                        "多余的右{}“{close}”：本段中它前面没有对应的“{open}”",
                        name(*kind)
                    ),
                )
                .with_note(format!(
                    "请补上“{open}”，或删去这个“{close}”；常见原因是改写时删掉了前半句"
                ))
            }
            Problem::Unclosed { kind, open } => {
                let (o, c) = kind.chars();
                Diagnostic::new(
                    RULE.id,
                    open.clone(),
                    format!("左{}「{o}」没有闭合：本段结束前缺少「{c}」", name(*kind)),
                )
            }
            Problem::NestedDouble { outer, inner } => Diagnostic::new(
                RULE.id,
                inner.clone(),
                "双引号里直接套用了双引号：引号内再用引号时应改用单引号‘’",
            )
            .with_label(outer.clone(), "外层引号从这里开始"),
            Problem::AsciiPair { kind, open, close } => {
                let (o, c) = kind.chars();
                Diagnostic::new(
                    RULE.id,
                    open.clone(),
                    format!(
                        "中文里用半角引号「{}…{}」引用：应改为中文引号「{o}…{c}」",
                        &doc.text[open.clone()],
                        &doc.text[close.clone()]
                    ),
                )
                .with_label(close.clone(), "引用在这里结束")
                .with_fix(
                    Applicability::Safe,
                    vec![
                        Edit {
                            range: open.clone(),
                            replacement: o.to_string(),
                        },
                        Edit {
                            range: close.clone(),
                            replacement: c.to_string(),
                        },
                    ],
                )
            }
            Problem::StandIn {
                range,
                stands_for,
                opener,
            } => {
                let text = &doc.text[range.clone()];
                let what = if text.is_ascii() {
                    "半角引号"
                } else {
                    "形近符号"
                };
                let mut d = match opener {
                    Some(open) => Diagnostic::new(
                        RULE.id,
                        range.clone(),
                        format!("用{what}「{text}」代替了中文右引号「{stands_for}」"),
                    )
                    .with_label(open.clone(), "对应的左引号在这里"),
                    None => Diagnostic::new(
                        RULE.id,
                        range.clone(),
                        format!("中文里使用了{what}「{text}」：应使用中文引号“”或‘’"),
                    ),
                };
                if opener.is_some() {
                    d = d.with_fix(
                        Applicability::Safe,
                        vec![Edit {
                            range: range.clone(),
                            replacement: stands_for.to_string(),
                        }],
                    );
                }
                d
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn fires_on_stray_closer_and_ascii_close() {
        let d = lint_rule(
            "quote-pair",
            "标题\n\n聚焦“强化理论武装”，把决策部署落到实处”主题。\n摒弃“求稳怕变''的思想。",
        );
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].0, "”");
        assert!(d[0].1.contains("多余"));
        assert_eq!(d[1].0, "''");
    }

    #[test]
    fn silent_on_balanced_and_multi_paragraph_quotes() {
        let d = lint_rule(
            "quote-pair",
            "标题\n\n树牢“四个意识”，学习《条例》（试行）。\n他说：“第一段。\n“第二段。”\n1）加强学习。",
        );
        assert!(d.is_empty(), "{d:?}");
    }
}
