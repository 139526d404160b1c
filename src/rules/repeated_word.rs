use super::RuleCtx;
use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::Document;
use std::ops::Range;

declare_rule! {
    /// 检查误打重复的字词：“的的”“了了”“在在”，“加强加强”“进一步进一步”。
    ///
    /// 为什么：起草时复制粘贴、输入法联想，常留下多打的一个字或一个词，通读时
    /// 眼睛会自动跳过，最容易漏看。
    ///
    /// 依据分词判断，不按字面比较：
    ///
    /// - 单字只查不会重叠使用的虚词和代词（的、了、在、和、是、把、被、对、从、
    ///   就、这……），且两个字被分成两个词时才报告。“了了解”是“了＋了解”，
    ///   “目的的”是“目的＋的”，都不报告；“的的确确”“是是非非”这类 AABB
    ///   叠词也不报告。
    /// - 双字以上的词紧挨着重复一遍（“加强加强”）时报告；但动词的 ABAB 重叠
    ///   （研究研究、讨论讨论、商量商量……）和“一个一个”“一步一步”不报告。
    /// - 合法的重叠词（看看、常常、人人、层层、一一、条条、好好、事事、天天、
    ///   个个、处处）不报告。
    ///
    /// 报告：
    ///
    /// ```text
    /// 要认真落实的的各项措施        “的”重复
    /// 加强加强党的建设              “加强”重复
    /// ```
    ///
    /// 修复：删去重复的一个；单字为安全修复，词为需确认的修复。
    pub static RULE = {
        id: "repeated-word",
        severity: Error,
        summary: "误打重复的字词（的的、加强加强），不含合法的重叠（研究研究、层层、一一）",
        check: check,
    };
}

/// Characters never doubled in standard Chinese: a doubled one is a slip.
const FUNCTION_CHARS: &str =
    "的了地得在和与及是对把被将为于从向以并而或其之这那也都就又还所着过由给让使我你他她它们要有不";

/// Two-character verbs whose ABAB reduplication (研究研究) is legitimate.
const ABAB_VERBS: &[&str] = &[
    "研究", "讨论", "学习", "商量", "考虑", "琢磨", "思考", "了解", "介绍", "交流", "沟通", "锻炼",
    "休息", "活动", "整理", "准备", "收拾", "打扫", "检查", "总结", "比较", "体验", "感受", "尝试",
    "调查", "放松", "清理", "梳理", "反思", "调整", "联系", "请教", "帮助", "关心", "表扬", "批评",
    "教育", "提醒", "认识", "熟悉", "分析", "合计", "盘算", "斟酌", "掂量", "比划", "溜达", "走动",
    "看看", "想想", "试试", "问问", "说说", "谈谈", "议议", "改改", "查查", "摸摸", "听听", "热闹",
    "高兴", "暖和", "凉快", "轻松", "清醒", "明白", "亲热", "乐呵", "舒服", "痛快",
];

fn check(doc: &Document, _ctx: &RuleCtx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let bytes = doc.text.as_bytes();
    let mut tokens = doc.tokens.iter();
    let (mut a, mut next) = (tokens.next(), tokens.next());
    // Each token that has one after it starts a run of identical tokens.
    while let (Some(first), Some(_)) = (a.clone(), &next) {
        let word = &doc.text[first.clone()];
        let same = |t: &Range<usize>, last: &Range<usize>| {
            // Length and first byte first: most neighbours differ there.
            t.start == last.end
                && t.len() == first.len()
                && bytes[t.start] == bytes[first.start]
                && doc.text[t.clone()] == *word
        };
        // The run's second and last tokens.
        let (mut second, mut last) = (None, first.clone());
        while let Some(t) = next.clone().filter(|t| same(t, &last)) {
            second.get_or_insert(t.start);
            last = t;
            next = tokens.next();
        }
        if let Some(second) = second.filter(|_| is_slip(doc, word, first.start, last.end)) {
            let repeated = second..last.end;
            out.push(diagnostic(word, first.start..repeated.end, repeated));
        } else if let Some(c) = doubled_function_char(word) {
            // Segmented as one word (的的): still a slip.
            let second = first.start + c.len_utf8()..first.end;
            if !in_aabb(doc, first.clone()) {
                out.push(diagnostic(&c.to_string(), first.clone(), second));
            }
        }
        // The token after the run starts the next one.
        a = next;
        next = tokens.next();
    }
    out
}

/// A token made of one function character written twice.
fn doubled_function_char(word: &str) -> Option<char> {
    let mut cs = word.chars();
    let (a, b) = (cs.next()?, cs.next()?);
    (cs.next().is_none() && a == b && FUNCTION_CHARS.contains(a)).then_some(a)
}

/// Whether `word` repeated over `run` is a slip rather than reduplication.
fn is_slip(doc: &Document, word: &str, start: usize, end: usize) -> bool {
    let n = word.chars().count();
    if !word.chars().all(is_han) {
        return false;
    }
    if n == 1 {
        let c = word.chars().next().unwrap_or(' ');
        // 的的, 了了 are slips wherever they stand; a rarer doubled character
        // before a lone one may be a name the segmenter did not know.
        let particle = "的了在是要和与对把被将也就都还".contains(c);
        return FUNCTION_CHARS.contains(c)
            && !in_aabb(doc, start..end)
            && (particle || !in_name(doc, end));
    }
    // 一个一个, 一步一步: counting off one by one.
    let one_by_one = n == 2 && word.starts_with('一');
    // 干部干部，先干一步: a word repeated for emphasis before a pause.
    if doc.text[end..].starts_with(['，', '！', '”', '：']) {
        return false;
    }
    !(ABAB_VERBS.contains(&word) || one_by_one)
}

/// Whether a doubled character is part of a name the segmenter did not
/// know (乌云其其格, 其其 + 格): the token after it is a lone character
/// that is no function word.
fn in_name(doc: &Document, end: usize) -> bool {
    let next = doc.tokens_in(end..end + 1);
    next.first().is_some_and(|t| {
        let w = &doc.text[t.clone()];
        let mut cs = w.chars();
        t.start == end
            && matches!((cs.next(), cs.next()), (Some(c), None) if is_han(c) && !FUNCTION_CHARS.contains(c))
    })
}

/// Whether the doubled pair at `range` is half of an AABB word (的的确确,
/// 是是非非).
fn in_aabb(doc: &Document, range: Range<usize>) -> bool {
    let pair = |s: &str| {
        let mut cs = s.chars();
        matches!((cs.next(), cs.next()), (Some(x), Some(y)) if x == y)
    };
    let after = &doc.text[range.end..];
    let before: String = {
        let mut v: Vec<char> = doc.text[..range.start].chars().rev().take(2).collect();
        v.reverse();
        v.into_iter().collect()
    };
    pair(after) || (before.chars().count() == 2 && pair(&before))
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn diagnostic(word: &str, range: Range<usize>, repeated: Range<usize>) -> Diagnostic {
    let applicability = if word.chars().count() == 1 {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    Diagnostic::new(
        RULE.id,
        range,
        format!("“{word}”重复：多打了一遍，应删去重复的部分"),
    )
    .with_fix(
        applicability,
        vec![Edit {
            range: repeated,
            replacement: String::new(),
        }],
    )
}

#[cfg(test)]
mod tests {
    use crate::testing::{flagged, lint_rule};

    #[test]
    fn fires_on_doubled_function_words_and_words() {
        let d = lint_rule("repeated-word", "要认真落实的的各项措施。");
        assert_eq!(flagged(&d), ["的的"]);
        let d = lint_rule(
            "repeated-word",
            "我们要加强加强党的建设，进一步进一步压实责任。",
        );
        assert_eq!(flagged(&d), ["加强加强", "进一步进一步"]);
        let d = lint_rule("repeated-word", "会议研究了了下一步工作。");
        assert_eq!(flagged(&d), ["了了"]);
        let d = lint_rule("repeated-word", "问题在在基层。");
        assert_eq!(flagged(&d), ["在在"]);
        let d = lint_rule("repeated-word", "各单位要要高度重视，全县全县上下。");
        assert_eq!(flagged(&d), ["要要", "全县全县"]);
    }

    #[test]
    fn reduplication_and_boundaries_stay_silent() {
        for text in [
            "这件事要研究研究，大家看看、想想。",
            "常常深入基层，人人有责，层层压实，一一对应。",
            "条条落实，好好干，事事有着落，天天坚持，个个过硬，处处留心。",
            "深入了了解群众诉求，及时了了结积案。",
            "他的的确确做到了，是是非非要分清。",
            "一个一个地谈，一步一步地推进。",
            "目的的实现需要时间。",
            "主要要抓好落实，所有有关单位。大家热闹热闹。",
            "通报民主生活会会前征求意见情况。",
        ] {
            let d = lint_rule("repeated-word", text);
            assert!(d.is_empty(), "{text}: {d:?}");
        }
    }

    #[test]
    fn names_with_doubled_characters_stay_silent() {
        let d = lint_rule(
            "repeated-word",
            "通知\n\n联系人：乌云其其格，联系电话：0477-7621035。",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn fix_removes_the_second_copy() {
        let options = crate::config::Options {
            select: vec!["repeated-word".into()],
            ..Default::default()
        };
        let (_, diags) = crate::lint_text("t.txt", "落实的的措施", &options);
        let fix = diags[0].fix.as_ref().unwrap();
        assert_eq!(fix.applicability, crate::diag::Applicability::Safe);
        assert_eq!(fix.edits[0].replacement, "");
        assert_eq!(fix.edits[0].range, 9..12);
    }
}
