use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::words::words;
use crate::doc::Document;
use crate::rules::RuleCtx;
use regex::Regex;
use std::sync::OnceLock;

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
    /// 标了 `dated_only` 的词条（如“十九大精神”，2022 年 10 月党的二十大以后不再是
    /// 现行指导）只在文件自己带有日期时报告：它们曾长期是现行提法，没有日期的稿子
    /// 可能正是那时写的。
    ///
    /// **不会报告**：日期早于起始日期的文件，例如 2019 年的文件写“决胜全面建成小康社会”；
    /// 回顾历史的写法：前面有“原”（原县环境保护局）、后面紧跟“更名/整合/组建”等、
    /// 在书名号里（《决战脱贫攻坚》）、同一句里写明了更早的年份（2019年……）。
    pub static RULE = {
        id: "outdated-term",
        severity: Warning,
        summary: "按文件日期已经过时的提法（决胜全面建成小康社会、新冠肺炎…）",
        check: check,
    };
}

fn check(doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
    let date = ctx.facts.date.as_ref().map_or(ctx.today, |f| f.value);
    let terms = &ctx.packs.outdated.term;
    let in_force: Vec<bool> = terms
        .iter()
        .map(|t| date >= t.since && !(t.dated_only && ctx.facts.date.is_none()))
        .collect();
    // Every term in one pass per paragraph; reported term by term.
    let names: Vec<&str> = terms.iter().map(|t| t.term.as_str()).collect();
    let searcher = words(&names);
    let mut mentions: Vec<(usize, usize, std::ops::Range<usize>)> = Vec::new();
    for p in &doc.paragraphs {
        let body = &doc.text[p.range.clone()];
        mentions.extend(
            searcher
                .find(body)
                .into_iter()
                .filter(|(t, _)| in_force[*t])
                .map(|(t, r)| (t, p.range.start, r)),
        );
    }
    mentions.sort_by_key(|(t, base, r)| (*t, base + r.start));
    let mut out = Vec::new();
    for (t, base, m) in mentions {
        let term = &terms[t];
        let range = base + m.start..base + m.end;
        if historical(
            doc,
            base,
            m,
            term.since.0,
            &ctx.packs.outdated.history_words,
        ) {
            continue;
        }
        let (y, mo, d) = term.since;
        let mut diag = Diagnostic::new(
            RULE.id,
            range.clone(),
            format!(
                "“{}”自{y}年{mo}月{d}日起已不宜使用，现行提法为“{}”",
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
    out
}

/// How far, in bytes, the sentence around a mention is looked for on each
/// side (about 1,000 Chinese characters).
const SENTENCE_WINDOW: usize = 3000;

/// Whether a mention is historical rather than current usage: the old
/// name of a body (原县环境保护局, 环境保护局更名为…), the title of a
/// work (《决战脱贫攻坚》), or a sentence set in a year before the change.
fn historical(
    doc: &Document,
    para_start: usize,
    m: std::ops::Range<usize>,
    since_year: u32,
    history: &[String],
) -> bool {
    let para = doc
        .paragraph_at(para_start)
        .map_or(0..0, |i| doc.paragraphs[i].range.clone());
    let body = &doc.text[para];
    let before: String = body[..m.start].chars().rev().take(4).collect();
    let after: String = body[m.end..].chars().take(6).collect();
    if before.contains('原') || history.iter().any(|w| after.contains(w.as_str())) {
        return true;
    }
    let abs = para_start + m.start;
    if doc.brackets.in_book_title(abs) {
        return true;
    }
    // The sentence around the mention, looked for within a bounded window
    // so that a paragraph of many mentions without a full stop stays linear.
    // All four sentence ends are three bytes in UTF-8.
    let lo = body.floor_char_boundary(m.start.saturating_sub(SENTENCE_WINDOW));
    let hi = body.ceil_char_boundary((m.end + SENTENCE_WINDOW).min(body.len()));
    let start = body[lo..m.start]
        .rfind(['。', '！', '？', '；'])
        .map_or(lo, |i| lo + i + 3);
    let end = body[m.end..hi]
        .find(['。', '！', '？', '；'])
        .map_or(hi, |i| m.end + i);
    year_re()
        .captures_iter(&body[start..end])
        .filter_map(|c| c[1].parse::<u32>().ok())
        .any(|y| y < since_year)
}

fn year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"((?:19|20)[0-9]{2})年").unwrap())
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

    #[test]
    fn dated_only_terms_need_the_documents_own_date() {
        let dated = lint_rule(
            "outdated-term",
            "标题\n\n深入学习贯彻党的十九大精神。\n2023年3月1日",
        );
        assert_eq!(dated.len(), 1, "{dated:?}");
        let undated = lint_rule("outdated-term", "标题\n\n深入学习贯彻党的十九大精神。");
        assert!(undated.is_empty(), "{undated:?}");
    }
}
