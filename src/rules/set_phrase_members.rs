use crate::diag::Diagnostic;
use crate::doc::Document;
use crate::packs::Phrase;
use crate::rules::RuleCtx;
use std::ops::Range;

declare_rule! {
    /// ## 固定提法的内容不对（set-phrase-members)
    ///
    /// 带数字的固定提法（“四个意识”“四个自信”“两个维护”“两个确立”“四个全面”
    /// “五位一体”“新发展理念”“六稳”“六保”“三严三实”“四风”……）紧挨着列出它的内容时，
    /// 核对列出的是不是规定的那几项：缺了哪一项、混进了哪一项（例如把“四个自信”的
    /// “理论自信”写进“四个意识”）。各提法的规定内容及出处写在 `rules/fixed-phrases.toml`，
    /// 一项有几种规范说法的用 `|` 分开。
    ///
    /// 只在紧挨着列举时检查：提法后面用“即”“：”“——”“（”引出内容，或内容用顿号列在
    /// 提法前面（“稳就业、稳金融……‘六稳’”）。
    ///
    /// **依据**：这些提法的内容由党的代表大会报告、党章和中央文件确定，不能增减、替换
    /// （各条目的 `source` 写明出处）。属于“应”，默认报告为错误。
    ///
    /// **会报告**：`增强“四个意识”，即政治意识、大局意识、核心意识、责任意识`；
    /// `统筹推进经济建设、政治建设、文化建设、社会建设“五位一体”总体布局`（缺生态文明建设）。
    ///
    /// **不会报告**：只提名称、不列内容的（树牢“四个意识”，坚定“四个自信”）；列举以“等”
    /// 结尾的（稳就业、稳金融等“六稳”工作）；只强调其中一项的（特别是核心意识）。
    pub static RULE = {
        id: "set-phrase-members",
        severity: Error,
        summary: "固定提法（四个意识、六稳…）列出的内容缺项或混入别的提法",
        check: check,
    };
}

fn check(doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
    let phrases = &ctx.packs.fixed_phrases.phrase;
    // Every phrase found in the model's one pass; judged phrase by phrase.
    let listed = |k: usize| phrases[k].members.len() >= 2;
    let mut mentions: Vec<(usize, usize, Range<usize>)> = doc
        .mentions_for(ctx.packs)
        .phrases()
        .filter(|m| listed(m.0))
        .map(|(k, para, r)| {
            let base = doc.paragraphs[para].range.start;
            (k, para, r.start - base..r.end - base)
        })
        .collect();
    mentions.sort_by_key(|(k, para, r)| (*k, *para, r.start));
    let mut out = Vec::new();
    for (k, para, at) in mentions {
        let phrase = &phrases[k];
        let p = &doc.paragraphs[para];
        let body = &doc.text[p.range.clone()];
        let region = listing_after(body, at.end)
            .map(|r| members_only(phrase, body, r))
            .or_else(|| listing_before(body, at.start));
        let Some(region) = region else {
            continue;
        };
        if let Some(d) = judge(phrase, phrases, body, &region, p.range.start, at) {
            out.push(d);
        }
    }
    out
}

/// The longest listing looked at, in bytes, either side of the phrase: a
/// list of members is short, and a bound keeps a long paragraph linear.
const REACH: usize = 600;

/// The largest char boundary of `s` at or below `i`.
fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `s` at or above `i`.
fn ceil(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Where a listing after the phrase ends at the latest; `members_only`
/// then cuts it at the first clause that names no member.
const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?'];

/// The members listed after the phrase: 即…, ：…, ——…, （…）.
fn listing_after(body: &str, end: usize) -> Option<Range<usize>> {
    let rest = &body[end..];
    let skipped = rest.trim_start_matches(['”', '’', '」']);
    // A short noun may stand between: “四个全面”战略布局，即…
    let noun = skipped
        .char_indices()
        .take_while(|&(_, c)| ('\u{4e00}'..='\u{9fff}').contains(&c) && c != '即')
        .take(6)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let after_noun = &skipped[noun..];
    let skipped =
        if noun > 0 && after_noun.starts_with(['，', ',', '即', '：', ':', '（', '(', '—']) {
            after_noun
        } else {
            skipped
        };
    let skipped = skipped.trim_start_matches(['，', ',']);
    let offset = end + rest.len() - skipped.len();
    let intro = ["即", "：", ":", "——", "—", "（", "(", "就是"]
        .iter()
        .find(|w| skipped.starts_with(**w))?;
    let start = offset + intro.len();
    let stop: &[char] = if intro.starts_with(['（', '(']) {
        &['）', ')']
    } else {
        SENTENCE_END
    };
    let window = &body[start..floor(body, start + REACH)];
    let len = window.find(stop).unwrap_or(window.len());
    Some(start..start + len)
}

/// Cut a listing at the first clause (after a ，) that names no member:
/// the sentence has moved on (“四个自信”——道路自信……，把理论转化为……).
fn members_only(phrase: &Phrase, body: &str, region: Range<usize>) -> Range<usize> {
    let mut end = region.start;
    for (n, clause) in body[region.clone()]
        .split_inclusive(['，', ',', '；', ';'])
        .enumerate()
    {
        let named = phrase
            .member_forms()
            .any(|forms| forms.iter().any(|f| clause.contains(f)));
        if n > 0 && !named {
            break;
        }
        end += clause.len();
    }
    region.start..end.min(region.end)
}

/// The members listed right before the phrase, separated by 、.
fn listing_before(body: &str, start: usize) -> Option<Range<usize>> {
    let lo = ceil(body, start.saturating_sub(REACH));
    let head = body[..start].trim_end_matches(['“', '‘', '「', ' ']);
    let head_trimmed = head.trim_end_matches("的");
    if head_trimmed.ends_with('等') {
        return None;
    }
    let lo = lo.min(head_trimmed.len());
    let from = head_trimmed[lo..]
        .rfind(['，', '。', '；', '：', '！', '？', '（', ',', ';', ':'])
        .map_or(lo, |i| {
            let i = lo + i;
            i + head_trimmed[i..].chars().next().unwrap().len_utf8()
        });
    let region = from..head_trimmed.len();
    body[region.clone()].contains('、').then_some(region)
}

/// The common prefix or suffix of the members' first wordings (意识, 自信,
/// 稳, 自我): a listed item of that shape that is no member is a wrong one.
fn shape(phrase: &Phrase) -> Option<(bool, String)> {
    let names: Vec<Vec<char>> = phrase
        .members
        .iter()
        .map(|m| Phrase::member_name(m).chars().collect())
        .collect();
    if names.iter().any(|n| n.len() > 6) {
        return None;
    }
    let common = |rev: bool| -> String {
        let first = &names[0];
        let mut n = 0;
        while n < first.len()
            && names.iter().all(|m| {
                let (a, b) = if rev {
                    (
                        m.get(m.len().wrapping_sub(n + 1)),
                        first.get(first.len() - n - 1),
                    )
                } else {
                    (m.get(n), first.get(n))
                };
                a.is_some() && a == b
            })
        {
            n += 1;
        }
        if rev {
            first[first.len() - n..].iter().collect()
        } else {
            first[..n].iter().collect()
        }
    };
    let suffix = common(true);
    if !suffix.is_empty() {
        return Some((true, suffix));
    }
    let prefix = common(false);
    (!prefix.is_empty()).then_some((false, prefix))
}

fn judge(
    phrase: &Phrase,
    all: &[Phrase],
    body: &str,
    region: &Range<usize>,
    base: usize,
    at: Range<usize>,
) -> Option<Diagnostic> {
    let listed = &body[region.clone()];
    let found: Vec<bool> = phrase
        .member_forms()
        .map(|forms| forms.iter().any(|f| listed.contains(f)))
        .collect();
    // Members quoted one after another (“政治意识”“大局意识”) are items too.
    let separated = listed.replace("”“", "、");
    let items: Vec<&str> = separated
        .split(['、', '，', ',', '；', ';'])
        .map(|s| s.trim_matches(['“', '”', '‘', '’', ' ']))
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() < 2 || !found.iter().any(|&f| f) {
        return None;
    }
    let is_member = |p: &Phrase, item: &str| {
        p.member_forms()
            .any(|forms| forms.iter().any(|f| item.contains(f)))
    };
    let shape = shape(phrase);
    let wrong: Vec<String> = items
        .iter()
        .flat_map(|item| item.split(['和', '及']))
        .filter(|item| !item.is_empty() && !is_member(phrase, item))
        .filter_map(|item| {
            let item = item.trim_end_matches(['的', '等']);
            let short = item.chars().count() <= 8;
            let other = all
                .iter()
                .find(|p| short && p.name != phrase.name && is_member(p, item));
            let shaped = shape.as_ref().is_some_and(|(suffix, s)| {
                short
                    && if *suffix {
                        item.ends_with(s.as_str())
                    } else {
                        item.starts_with(s.as_str())
                    }
            });
            match other {
                Some(p) => Some(format!("“{item}”属于“{}”", p.name)),
                None if shaped => Some(format!("“{item}”不在其中")),
                None => None,
            }
        })
        .collect();
    let missing: Vec<&str> = phrase
        .members
        .iter()
        .zip(&found)
        .filter(|(_, &f)| !f)
        .map(|(m, _)| Phrase::member_name(m))
        .collect();
    if missing.is_empty() && wrong.is_empty() {
        return None;
    }
    let canonical: Vec<&str> = phrase
        .members
        .iter()
        .map(|m| Phrase::member_name(m))
        .collect();
    let mut problems = Vec::new();
    if !missing.is_empty() {
        problems.push(format!("缺少“{}”", missing.join("”“")));
    }
    problems.extend(wrong);
    let mut d = Diagnostic::new(
        RULE.id,
        base + at.start..base + at.end,
        format!(
            "“{}”的内容是{}：这里{}",
            phrase.name,
            canonical.join("、"),
            problems.join("，")
        ),
    )
    .with_label(base + region.start..base + region.end, "列出的内容");
    if let Some(src) = &phrase.source {
        d = d.with_note(format!("出处：{src}"));
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use crate::testing::{flagged, lint_rule};

    #[test]
    fn incomplete_or_swapped_members_fire() {
        let d = lint_rule(
            "set-phrase-members",
            "标题\n\n增强“四个意识”，即政治意识、大局意识、核心意识、责任意识。",
        );
        assert_eq!(flagged(&d), vec!["四个意识"], "{d:?}");
        assert!(d[0].1.contains("缺少“看齐意识”"), "{d:?}");
        assert!(d[0].1.contains("“责任意识”不在其中"), "{d:?}");
        let d = lint_rule(
            "set-phrase-members",
            "标题\n\n坚定“四个自信”——道路自信、理论自信、制度自信、政治意识。",
        );
        assert!(d[0].1.contains("属于“四个意识”"), "{d:?}");
        let d = lint_rule(
            "set-phrase-members",
            "标题\n\n做好“六稳”工作（稳就业、稳金融、稳外贸、稳外资、稳投资），落实“六保”任务。",
        );
        assert!(d[0].1.contains("缺少“稳预期”"), "{d:?}");
        let d = lint_rule(
            "set-phrase-members",
            "标题\n\n增强“四个意识”，即“政治意识”“大局意识”“核心意识”。",
        );
        assert!(d[0].1.contains("缺少“看齐意识”"), "{d:?}");
        let d = lint_rule(
            "set-phrase-members",
            "标题\n\n统筹推进经济建设、政治建设、文化建设、社会建设“五位一体”总体布局。",
        );
        assert!(d[0].1.contains("生态文明建设"), "{d:?}");
    }

    #[test]
    fn a_long_unpunctuated_paragraph_is_looked_at_in_bounded_windows() {
        let text = format!(
            "标题\n\n{}形式主义、官僚主义、享乐主义“四风”",
            "纠治“四风”、".repeat(5000)
        );
        let d = lint_rule("set-phrase-members", &text);
        // Only the last occurrence has its members listed before it.
        assert_eq!(d.len(), 1, "{:?}", d.first());
        assert!(d[0].1.contains("奢靡之风"));
    }

    #[test]
    fn names_without_lists_and_complete_lists_are_silent() {
        for text in [
            "标题\n\n树牢“四个意识”，坚定“四个自信”，做到“两个维护”。",
            "标题\n\n做好稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期“六稳”工作。",
            "标题\n\n做好稳就业、稳金融等“六稳”工作。",
            "标题\n\n增强“四个意识”，特别是核心意识。",
            "标题\n\n“四个自信”，即道路自信、理论自信、制度自信和文化自信。",
            "标题\n\n统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设“五位一体”总体布局。",
            "标题\n\n深刻领悟“两个确立”，即：确立习近平同志党中央的核心、全党的核心地位；确立习近平新时代中国特色社会主义思想的指导地位。",
        ] {
            let d = lint_rule("set-phrase-members", text);
            assert!(d.is_empty(), "{text}: {d:?}");
        }
    }

    /// Each phrase of a long paragraph is judged on its own listing.
    #[test]
    fn every_listing_of_a_long_paragraph_is_judged() {
        for n in [2_000, 4_000] {
            let text = format!(
                "标题\n\n{}",
                "增强“四个意识”，即政治意识、大局意识、核心意识、责任意识。坚定“四个自信”。"
                    .repeat(n)
            );
            assert_eq!(lint_rule("set-phrase-members", &text).len(), n);
        }
    }
}
