use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::Document;
use crate::rules::RuleCtx;

declare_rule! {
    /// ## 模板网站残留（template-residue）
    ///
    /// 找出从范文、模板网站复制时带进来的文字：`本文系作者原创投稿`、`仅供学习参考`、
    /// `请勿照搬照抄`、`更多精彩内容请关注…`、`来源：网络`、`此处隐藏…字`、
    /// `正式会员可完整阅读`、`全文约…字请下载`、`本站为你精心整理…` 等。
    /// 词条写在 `rules/residue.toml`。
    ///
    /// **为什么**：这类“水印”一旦留在正式文件里，等于告诉读者文件是抄来的。
    ///
    /// 整行都是残留文字时报告整行（可删除整行）；残留夹在正文中间时只标出那一段。
    /// 每行只报告一次。
    ///
    /// **不会报告**：`本文件自印发之日起施行`、`资金来源：县级财政`、`严禁照搬照抄上级文件`
    /// 这类正文里的正常说法。
    pub static RULE = {
        id: "template-residue",
        severity: Error,
        summary: "模板网站残留的水印、声明和引流文字",
        check: check,
    };
}

fn check(doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Line by line: a Markdown paragraph may hold a watermark line and real text.
    for line in 0..doc.lines.count() {
        let p_range = doc.lines.line_range(&doc.text, line);
        let body = &doc.text[p_range.clone()];
        if body.trim().is_empty() {
            continue;
        }
        let hits: Vec<(std::ops::Range<usize>, &str)> = ctx
            .packs
            .residue
            .residue
            .iter()
            .flat_map(|e| {
                e.pattern
                    .find_iter(body)
                    .map(|m| (m.range(), e.what.as_str()))
            })
            .collect();
        if hits.is_empty() {
            continue;
        }
        let start = hits.iter().map(|h| h.0.start).min().unwrap();
        let end = hits.iter().map(|h| h.0.end).max().unwrap();
        let mut whats: Vec<&str> = hits.iter().map(|h| h.1).collect();
        whats.dedup();
        // A line that is mostly residue is a watermark line: flag and remove it whole.
        let covered = body[start..end].chars().count();
        let whole = covered * 2 >= body.trim().chars().count();
        let range = if whole {
            let lead = body.len() - body.trim_start().len();
            let trail = body.len() - body.trim_end().len();
            p_range.start + lead..p_range.end - trail
        } else {
            p_range.start + start..p_range.start + end
        };
        let message = if whole {
            format!("模板网站残留（{}）：整行应删除", whats.join("、"))
        } else {
            format!("正文中夹有模板网站残留（{}）：应删除", whats.join("、"))
        };
        // Removing the line includes its line break.
        let mut removal = if whole {
            p_range.clone()
        } else {
            range.clone()
        };
        if whole {
            let after = &doc.text[removal.end..];
            removal.end += if after.starts_with("\r\n") {
                2
            } else if after.starts_with('\n') {
                1
            } else {
                0
            };
        }
        out.push(Diagnostic::new(RULE.id, range, message).with_fix(
            Applicability::Unsafe,
            vec![Edit {
                range: removal,
                replacement: String::new(),
            }],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn watermark_line_is_one_diagnostic() {
        let d = lint_rule(
            "template-residue",
            "本文系作者原创投稿，仅供学习参考，请勿照搬照抄！\n标题\n\n正文。",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].0, "本文系作者原创投稿，仅供学习参考，请勿照搬照抄！");
    }

    #[test]
    fn only_the_watermark_line_of_a_markdown_paragraph_is_removed() {
        use crate::config::Options;
        use crate::doc::Document;
        use crate::input::Format;
        let doc = Document::from_str(
            "a.md",
            "# 标题\n\n各单位要认真落实。\n来源：网络\n",
            Format::Markdown,
        );
        let d = crate::lint_document(&doc, &Options::default());
        let r = &d
            .iter()
            .find(|d| d.rule == "template-residue")
            .unwrap()
            .fix
            .as_ref()
            .unwrap()
            .edits[0]
            .range;
        assert_eq!(&doc.source()[r.clone()], "来源：网络\n");
    }

    #[test]
    fn ordinary_wording_is_silent() {
        let d = lint_rule(
            "template-residue",
            "标题\n\n本文件自印发之日起施行。资金来源：县级财政。严禁照搬照抄上级文件。",
        );
        assert!(d.is_empty(), "{d:?}");
    }
}
