use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::Document;
use crate::packs::Term;
use crate::rules::RuleCtx;
use regex::Regex;
use std::ops::Range;
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
    // Every term found in the model's one pass; reported term by term.
    let mut by_para: Vec<Vec<(usize, Range<usize>)>> = vec![Vec::new(); doc.paragraphs.len()];
    for (t, para, r) in doc.mentions_for(ctx.packs).terms() {
        let base = doc.paragraphs[para].range.start;
        by_para[para].push((t, r.start - base..r.end - base));
    }
    let history = &ctx.packs.outdated.history_words;
    let mut found: Vec<(usize, Diagnostic)> = Vec::new();
    for p in &doc.paragraphs {
        let body = &doc.text[p.range.clone()];
        let mentions: Vec<_> = std::mem::take(&mut by_para[p.index])
            .into_iter()
            .filter(|(t, _)| in_force[*t])
            .collect();
        if mentions.is_empty() {
            continue;
        }
        let sentences = Sentences::of(body);
        for (t, m) in mentions {
            let term = &terms[t];
            let range = p.range.start + m.start..p.range.start + m.end;
            if doc.brackets.in_book_title(range.start)
                || historical(body, &sentences, m, term.since.0, history)
            {
                continue;
            }
            found.push((t, diagnostic(term, range)));
        }
    }
    // Term by term, each in document order.
    found.sort_by_key(|(t, d)| (*t, d.range.start));
    found.into_iter().map(|(_, d)| d).collect()
}

fn diagnostic(term: &Term, range: Range<usize>) -> Diagnostic {
    let (y, mo, d) = term.since;
    let diag = Diagnostic::new(
        RULE.id,
        range.clone(),
        format!(
            "“{}”自{y}年{mo}月{d}日起已不宜使用，现行提法为“{}”",
            term.term, term.current
        ),
    )
    .with_note(term.why.clone());
    match &term.replacement {
        Some(r) => diag.with_fix(
            Applicability::Unsafe,
            vec![Edit {
                range,
                replacement: r.clone(),
            }],
        ),
        None => diag,
    }
}

/// How far, in bytes, the sentence around a mention is looked for on each
/// side (about 1,000 Chinese characters).
const SENTENCE_WINDOW: usize = 3000;

/// Where a paragraph's sentences end and where it names years, found once
/// so that each mention is judged by binary search rather than by scanning
/// the text around it.
struct Sentences {
    /// Offsets of 。！？； (all three bytes in UTF-8).
    ends: Vec<usize>,
    /// (start, end, year) of each 2019年-like year.
    years: Vec<(usize, usize, u32)>,
}

impl Sentences {
    fn of(body: &str) -> Sentences {
        Sentences {
            ends: body
                .match_indices(['。', '！', '？', '；'])
                .map(|(i, _)| i)
                .collect(),
            years: year_re()
                .captures_iter(body)
                .filter_map(|c| {
                    let m = c.get(0)?;
                    Some((m.start(), m.end(), c[1].parse().ok()?))
                })
                .collect(),
        }
    }
}

/// Whether a mention is historical rather than current usage: the old
/// name of a body (原县环境保护局, 环境保护局更名为…), or a sentence set
/// in a year before the change.
fn historical(
    body: &str,
    sentences: &Sentences,
    m: Range<usize>,
    since_year: u32,
    history: &[String],
) -> bool {
    let before: String = body[..m.start].chars().rev().take(4).collect();
    let after: String = body[m.end..].chars().take(6).collect();
    if before.contains('原') || history.iter().any(|w| after.contains(w.as_str())) {
        return true;
    }
    // The sentence around the mention, looked for within a bounded window
    // so that a paragraph of many mentions without a full stop stays linear.
    let lo = body.floor_char_boundary(m.start.saturating_sub(SENTENCE_WINDOW));
    let hi = body.ceil_char_boundary((m.end + SENTENCE_WINDOW).min(body.len()));
    let ends = &sentences.ends;
    let before_end = ends.partition_point(|&i| i < m.start);
    let start = match before_end.checked_sub(1).map(|k| ends[k]) {
        Some(i) if i >= lo => i + 3,
        _ => lo,
    };
    let end = match ends.get(ends.partition_point(|&i| i < m.end)) {
        Some(&i) if i < hi => i,
        _ => hi,
    };
    let years = &sentences.years;
    years[years.partition_point(|y| y.0 < start)..]
        .iter()
        .take_while(|y| y.0 < end)
        .any(|&(_, e, y)| e <= end && y < since_year)
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

    /// Titles of works (《决战脱贫攻坚》) are looked up, not scanned, for
    /// every mention: each of many mentions in one paragraph is judged.
    #[test]
    fn mentions_inside_and_outside_book_titles_in_a_long_paragraph() {
        for n in [20_000, 40_000] {
            let text = format!(
                "标题\n\n{}\n2023年3月1日",
                "《决战脱贫攻坚》，决战脱贫攻坚，".repeat(n)
            );
            let d = lint_rule("outdated-term", &text);
            assert_eq!(d.len(), n);
        }
    }

    #[test]
    fn an_earlier_year_counts_only_in_the_same_sentence() {
        let d = lint_rule(
            "outdated-term",
            "标题\n\n2019年，我们为决胜全面建成小康社会而奋斗。今年要决胜全面建成小康社会；\
             决胜全面建成小康社会是2018年提出的。\n2023年3月1日",
        );
        assert_eq!(d.len(), 1, "{d:?}");
    }
}
