use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::vocab::pattern_lists;
use crate::doc::Document;
use crate::rules::RuleCtx;
use std::ops::Range;

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
    /// 也找出模板的结构标记（`【正文】`、`【标题】`、`【落款】`）、来源说明
    /// （`（本文来源：XX范文网，仅供参考）`）和付费墙文字（`阅读全文`、`您需要先登录`）。
    ///
    /// 整行都是残留文字时报告整行（可删除整行）；残留夹在正文中间时，建议的修复
    /// 删除它所在的整个片段——括号里的说明连同括号，否则是它所在的整句——不留下
    /// 残句。每行只报告一次。
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
    let residue = &ctx.packs.residue.residue;
    let needs = crate::patterns::shared(&pattern_lists(ctx.packs).1);
    // One pass tells which patterns may occur in each line (most: none).
    let mut scan = doc.scan_for(&needs);
    let mut may_occur: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    // Line by line: a Markdown paragraph may hold a watermark line and real text.
    for line in 0..doc.lines.count() {
        let p_range = doc.lines.line_range(&doc.text, line);
        let body = &doc.text[p_range.clone()];
        if body.trim().is_empty() {
            continue;
        }
        scan.candidates(p_range.clone(), &mut may_occur);
        if may_occur.is_empty() {
            continue;
        }
        let mut hits: Vec<(Range<usize>, &str, bool)> = may_occur
            .iter()
            .map(|&i| &residue[i])
            .flat_map(|e| {
                e.pattern
                    .find_iter(body)
                    .filter(|m| !m.is_empty())
                    .map(|m| (m.range(), e.what.as_str(), e.weak))
            })
            .collect();
        // Weak hits alone count only on a short line of their own (转载请注明出处。).
        if hits.is_empty() || (hits.iter().all(|h| h.2) && body.trim().chars().count() > WEAK_LINE)
        {
            continue;
        }
        let ends = SentenceEnds::of(body);
        for h in &mut hits {
            h.0 = segment(body, &ends, h.0.clone());
        }
        hits.sort_by_key(|h| h.0.start);
        let mut whats: Vec<&str> = Vec::new();
        let mut segments: Vec<Range<usize>> = Vec::new();
        for (r, what, _) in hits {
            if !whats.contains(&what) {
                whats.push(what);
            }
            match segments.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => segments.push(r),
            }
        }
        // A line that is mostly residue is a watermark line: flag and remove it whole.
        let covered: usize = segments
            .iter()
            .map(|r| body[r.clone()].chars().count())
            .sum();
        let whole = covered * 2 >= body.trim().chars().count();
        let (range, edits) = if whole {
            let lead = body.len() - body.trim_start().len();
            let trail = body.len() - body.trim_end().len();
            let mut removal = p_range.clone();
            let after = &doc.text[removal.end..];
            removal.end += if after.starts_with("\r\n") {
                2
            } else {
                usize::from(after.starts_with('\n'))
            };
            (
                p_range.start + lead..p_range.end - trail,
                vec![Edit {
                    range: removal,
                    replacement: String::new(),
                }],
            )
        } else {
            let abs = |r: &Range<usize>| p_range.start + r.start..p_range.start + r.end;
            (
                abs(&(segments[0].start..segments[segments.len() - 1].end)),
                segments
                    .iter()
                    .map(|r| Edit {
                        range: abs(r),
                        replacement: String::new(),
                    })
                    .collect(),
            )
        };
        let message = if whole {
            format!("模板网站残留（{}）：整行应删除", whats.join("、"))
        } else {
            format!("正文中夹有模板网站残留（{}）：应删除", whats.join("、"))
        };
        out.push(Diagnostic::new(RULE.id, range, message).with_fix(Applicability::Unsafe, edits));
    }
    out
}

/// The longest line on which weak residue alone is reported.
const WEAK_LINE: usize = 20;

/// Where the sentences of a line end: (offset, length) of each end mark,
/// found once per line so that each hit finds its sentence by binary search.
struct SentenceEnds(Vec<(usize, usize)>);

impl SentenceEnds {
    fn of(line: &str) -> SentenceEnds {
        const ENDS: [char; 6] = ['。', '！', '？', '!', '?', '；'];
        SentenceEnds(
            line.char_indices()
                .filter(|(_, c)| ENDS.contains(c))
                .map(|(i, c)| (i, c.len_utf8()))
                .collect(),
        )
    }
}

/// The segment a residue match stands in, which its fix removes whole: a
/// bracketed aside as it is (（本文来源：…）), else the sentence around it,
/// so that no fragment of the residue is left behind (前言：本站为你…).
fn segment(line: &str, ends: &SentenceEnds, m: Range<usize>) -> Range<usize> {
    let text = &line[m.clone()];
    if text.starts_with(['（', '(', '【', '[']) && text.ends_with(['）', ')', '】', ']']) {
        return m;
    }
    let lead = line.len() - line.trim_start().len();
    let ends = &ends.0;
    let before = ends.partition_point(|&(i, _)| i < m.start);
    let start = before
        .checked_sub(1)
        .map_or(lead, |k| ends[k].0 + ends[k].1)
        .max(lead);
    let end = ends
        .get(ends.partition_point(|&(i, _)| i < m.end))
        .map_or(line.trim_end().len(), |&(i, len)| i + len);
    start..end.max(m.end)
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

    /// Each hit finds its sentence by lookup: a line of many hits and no
    /// sentence end once made every hit scan back to the line's start.
    #[test]
    fn a_line_of_many_hits_is_one_finding() {
        for n in [20_000, 40_000] {
            let text = format!("标题\n\n正文。\n{}\n", "本文系作者原创，".repeat(n));
            let d = lint_rule("template-residue", &text);
            assert_eq!(d.len(), 1, "{n}");
            assert_eq!(d[0].0.chars().count(), 8 * n);
        }
    }
}
