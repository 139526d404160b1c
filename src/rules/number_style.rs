use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::counts::Count;
use crate::doc::Document;
use crate::numerals::han_number;
use crate::rules::RuleCtx;
use std::collections::{BTreeMap, HashMap};

declare_rule! {
    /// ## 同类数量的数字写法不统一（number-style）
    ///
    /// 同一文件里，同一类数量（“个方面”“条意见”“项措施”……）既用阿拉伯数字又用汉字数字，
    /// 例如第7行写“3个方面”，第15、21行写“四个方面”。报告占少数的写法，并标出占多数的
    /// 写法；两种一样多时报告阿拉伯数字的一方（公文中表示较小的数量习惯用汉字）。
    /// 只比较二到十的数量（“一个”“一次”多是固定说法）。
    ///
    /// **为什么**：GB/T 15835—2011 要求同一文件中同类数字的写法保持一致。
    ///
    /// 只比较同一角色的数量：句中还有其他阿拉伯数字的是统计数字（“查摆的5个方面
    /// 12项问题”），GB/T 15835—2011 要求统计数字用阿拉伯数字，它与结构性的“从三个
    /// 方面剖析”各按各的写法，互不比较。
    ///
    /// **不会报告**：不同类的数量（“3个项目”和“四个方面”）；统计数字与结构性数量
    /// 之间的差异；大于十的数字（“15条”“120个”）；年份、日期、百分比。
    pub static RULE = {
        id: "number-style",
        severity: Warning,
        summary: "同一类数量既写阿拉伯数字又写汉字数字（3个方面 / 四个方面）",
        check: check,
    };
}

fn check(doc: &Document, _ctx: &RuleCtx) -> Vec<Diagnostic> {
    // Counts of the same kind in the same role must agree: a statistic
    // (查摆的5个方面12项问题) rightly uses Arabic numerals beside a structural
    // count (从三个方面剖析) in Chinese ones.
    let eligible = |c: &&Count| {
        c.set_phrase().is_none() && (2..=10).contains(&c.value) && c.key != "个" && c.key != "大"
    };
    // Only a kind written both ways can disagree: which role each count
    // plays (a sentence scan) is asked only there.
    let mut styles: HashMap<&str, (bool, bool)> = HashMap::new();
    for c in doc.counts.iter().filter(eligible) {
        let seen = styles.entry(c.key.as_ref()).or_default();
        if c.arabic {
            seen.0 = true;
        } else {
            seen.1 = true;
        }
    }
    let mut by_key: BTreeMap<(&str, bool), Vec<&Count>> = BTreeMap::new();
    for c in doc.counts.iter().filter(eligible) {
        if styles.get(c.key.as_ref()) == Some(&(true, true)) {
            by_key
                .entry((c.key.as_ref(), is_statistic(doc, c)))
                .or_default()
                .push(c);
        }
    }
    let mut out = Vec::new();
    for ((key, _), counts) in by_key {
        let arabic = counts.iter().filter(|c| c.arabic).count();
        let han = counts.len() - arabic;
        if arabic == 0 || han == 0 {
            continue;
        }
        let minority_arabic = arabic <= han;
        let style = |arabic: bool| {
            if arabic {
                "阿拉伯数字"
            } else {
                "汉字数字"
            }
        };
        // 个 names its kind with the noun (3个方面); other classifiers alone (5项).
        let span = |c: &Count| {
            if key.starts_with('个') {
                c.range()
            } else {
                c.unit()
            }
        };
        for c in counts.iter().filter(|c| c.arabic == minority_arabic) {
            let replacement = if minority_arabic {
                han_number(c.value)
            } else {
                c.value.to_string()
            };
            let mut d = Diagnostic::new(
                RULE.id,
                span(c),
                format!(
                    "“{}”用了{}，而本文其他{}处“{key}”用{}：同类数量应统一写法",
                    &doc.text[span(c)],
                    style(c.arabic),
                    if minority_arabic { han } else { arabic },
                    style(!c.arabic)
                ),
            )
            .with_fix(
                Applicability::Unsafe,
                vec![Edit {
                    range: c.num(),
                    replacement,
                }],
            );
            for m in counts
                .iter()
                .filter(|m| m.arabic != minority_arabic)
                .take(3)
            {
                d = d.with_label(span(m), format!("这里用{}", style(m.arabic)));
            }
            out.push(d);
        }
    }
    out
}

/// How far around a count its sentence is looked for, in bytes: a hostile
/// paragraph without sentence ends must not make every count scan it whole.
const SENTENCE_WINDOW: usize = 240;

/// Whether a count stands among statistics: another Arabic number (not a
/// year, month or day) in the same sentence.
fn is_statistic(doc: &Document, c: &Count) -> bool {
    const ENDS: [char; 4] = ['。', '；', '！', '？'];
    let Some(p) = doc.paragraph_at(c.range().start) else {
        return false;
    };
    let para = doc.paragraphs[p].range.clone();
    let text = &doc.text;
    let lo = text.floor_char_boundary(
        c.range()
            .start
            .saturating_sub(SENTENCE_WINDOW)
            .max(para.start),
    );
    let hi = text.ceil_char_boundary((c.range().end + SENTENCE_WINDOW).min(para.end));
    let start = text[lo..c.range().start].rfind(ENDS).map_or(lo, |i| lo + i);
    let end = text[c.range().end..hi]
        .find(ENDS)
        .map_or(hi, |i| c.range().end + i);
    let sentence = &text[start..end];
    let mut digits = sentence.char_indices().peekable();
    while let Some((i, ch)) = digits.next() {
        if !ch.is_ascii_digit() {
            continue;
        }
        let mut j = i + 1;
        while let Some(&(k, d)) = digits.peek() {
            if !(d.is_ascii_digit() || d == '.') {
                break;
            }
            j = k + 1;
            digits.next();
        }
        let abs = start + i..start + j;
        let is_self = abs.start < c.num().end && c.num().start < abs.end;
        let date = sentence[j..].starts_with(['年', '月', '日', '时']);
        if !is_self && !date {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn minority_style_is_reported() {
        let d = lint_rule(
            "number-style",
            "标题\n\n从3个方面对照。\n主要有四个方面原因。\n重点从四个方面发力。",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].0, "3个方面");
    }

    #[test]
    fn statistics_beside_structural_counts_are_silent() {
        let d = lint_rule(
            "number-style",
            "标题\n\n上年度查摆的5个方面12项问题，已整改11项。\n问题的根源主要有三个方面：一是学习，二是作风，三是担当。\n重点从四个方面发力。",
        );
        assert!(d.is_empty(), "{d:?}");
        // Two statistics disagreeing still fire.
        let d = lint_rule(
            "number-style",
            "标题\n\n查摆5个方面12项问题。\n梳理出三个方面20项问题。\n整改8个方面30项问题。",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].0, "三个方面");
    }

    #[test]
    fn different_kinds_and_large_numbers_are_silent() {
        let d = lint_rule(
            "number-style",
            "标题\n\n新建3个项目，从四个方面推进，整改问题15条，提出三条意见，开展120个活动。",
        );
        assert!(d.is_empty(), "{d:?}");
    }
}
