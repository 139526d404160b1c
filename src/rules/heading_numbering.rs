use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::outline::{Marker, MarkerKind};
use crate::doc::Document;
use crate::rules::RuleCtx;
use std::collections::HashSet;

declare_rule! {
    /// ## 标题序号不规范（heading-numbering）
    ///
    /// 按 GB/T 9704—2012 的结构层次“一、”“（一）”“1.”“（1）”核对各级标题的序号：
    /// - 跳号：`一、` 之后是 `三、`；在上一级标题下第一个就是 `（二）`；
    /// - 重号、倒号：`二、` 之后又是 `二、`；
    /// - 跳层：`一、` 之下直接用 `1.`，而本文其他地方在 `一、` 之下用的是 `（一）`；
    /// - 序号后的标点：`一.`、`一．`（应为 `一、`），`1、`（应为 `1.`），
    ///   `（一）、`（括号序号后不再加标点）。标点问题可用 `--fix` 自动修正。
    ///
    /// **为什么**：删改条目后忘了重排序号，是审核中最常被退回的格式问题之一。
    ///
    /// **不会报告**：“一是、二是”“第一、第二”这类行文中的序号；文件开头第一个一级标题
    /// 不是“一、”的（可能是节选）；跨部分连续编号（“一、”下是 1—3，“二、”下接着 4、5）；
    /// 全文都不用某一层级时的跳层（如只用“一、”和“1.”）；“七.一”这样的日期。
    /// Word 自动生成的编号只报告、不修改。
    ///
    /// 另外报告：在用全角括号“（一）”的文件里混用半角括号的 `(一)`、`(1)`（可自动修正）。
    /// 附件说明（`附件：1.XXX` 及其下的 `2.XXX`）是附件清单，不是标题，不检查。
    ///
    /// **依据**：GB/T 9704-2012 7.3.3：“文中结构层次序数依次可以用‘一、’‘（一）’‘1.’
    /// ‘（1）’标注”（可以/一般），故默认为警告；括号用全角见 GB/T 15834-2011。
    pub static RULE = {
        id: "heading-numbering",
        severity: Warning,
        summary: "标题序号跳号、重号、跳层，或序号后的标点不对",
        check: check,
    };
}

fn check(doc: &Document, _ctx: &RuleCtx) -> Vec<Diagnostic> {
    let headings = headings(doc);
    // Half-width brackets are reported only where the document otherwise
    // writes full-width ones: a text normalised to ASCII says nothing.
    let full_width_parens = headings
        .iter()
        .any(|m| doc.text[m.range.clone()].starts_with('（'));
    let nesting = nesting(&headings);
    let mut out = Vec::new();
    let mut last: [Option<&Marker>; 5] = [None; 5];
    // The last ordinal of each level before a higher heading closed it:
    // numbering may run on across sections (1–3 under 一、, 4–5 under 二、).
    let mut carried: [u32; 5] = [0; 5];
    for m in &headings {
        let l = level(m);
        let parent = (1..l).rev().find(|&p| last[p].is_some());
        if let Some(p) = parent {
            // Reported once, at the first heading that skips the level.
            if last[l].is_none() {
                out.extend(skipped_level(doc, m, p, last[p].unwrap(), &nesting));
            }
        }
        out.extend(sequence(doc, m, last[l], parent.is_some(), carried[l]));
        out.extend(punctuation(doc, m));
        if full_width_parens {
            out.extend(half_width_parens(doc, m));
        }
        last[l] = Some(m);
        for deeper in l + 1..5 {
            if let Some(closed) = last[deeper].take() {
                carried[deeper] = closed.ordinal;
            }
        }
    }
    out
}

fn level(m: &Marker) -> usize {
    m.kind.level().unwrap() as usize
}

/// The markers that open a heading: at the start of a paragraph, of a
/// heading kind, neither in the title nor in the list of attachments.
fn headings(doc: &Document) -> Vec<&Marker> {
    let attachments = attachment_list(doc);
    doc.outline
        .markers
        .iter()
        .filter(|m| {
            m.at_start
                && m.kind.level().is_some()
                && !doc.outline.title.contains(&m.para)
                && !attachments.contains(&m.para)
        })
        .collect()
}

/// Which levels appear directly under which: (parent level, child level).
fn nesting(headings: &[&Marker]) -> HashSet<(usize, usize)> {
    let mut nesting = HashSet::new();
    let mut last: [Option<&Marker>; 5] = [None; 5];
    for m in headings {
        let l = level(m);
        let parent = (1..l).rev().find(|&p| last[p].is_some()).unwrap_or(0);
        nesting.insert((parent, l));
        last[l] = Some(m);
        last.iter_mut().skip(l + 1).for_each(|x| *x = None);
    }
    nesting
}

fn text(doc: &Document, m: &Marker) -> String {
    doc.text[m.range.clone()].to_string()
}

/// The first child `m` of `parent` (at level `p`) skips the level between
/// them, while the document elsewhere uses that level directly below `p`.
fn skipped_level(
    doc: &Document,
    m: &Marker,
    p: usize,
    parent: &Marker,
    nesting: &HashSet<(usize, usize)>,
) -> Option<Diagnostic> {
    let between = p + 1;
    if level(m) <= between || !nesting.contains(&(p, between)) {
        return None;
    }
    let skipped = kind_of_level(between);
    Some(
        Diagnostic::new(
            RULE.id,
            m.range.clone(),
            format!(
                "“{}”直接出现在“{}”之下，跳过了“{}”这一层：本文其他地方在这一级之下用的是“{}”",
                text(doc, m),
                text(doc, parent),
                skipped.render(1),
                skipped.render(1)
            ),
        )
        .with_label(parent.range.clone(), "上一级标题"),
    )
}

/// A repeated, skipped or backward ordinal after the previous heading of
/// the level (`prev`), or a first heading under a parent that does not
/// start at 1 nor carry on from the previous section (`carried`).
fn sequence(
    doc: &Document,
    m: &Marker,
    prev: Option<&Marker>,
    has_parent: bool,
    carried: u32,
) -> Option<Diagnostic> {
    match prev {
        Some(prev) if prev.kind == m.kind => {
            let expected = prev.ordinal + 1;
            if m.ordinal == prev.ordinal {
                Some(
                    Diagnostic::new(
                        RULE.id,
                        m.range.clone(),
                        format!("标题序号“{}”重复了", text(doc, m)),
                    )
                    .with_label(prev.range.clone(), "前一个同级标题"),
                )
            } else if m.ordinal != expected {
                let what = if m.ordinal > expected {
                    format!("跳过了“{}”", m.kind.render(expected))
                } else {
                    "序号倒退".to_string()
                };
                Some(
                    Diagnostic::new(
                        RULE.id,
                        m.range.clone(),
                        format!(
                            "标题序号从“{}”到了“{}”，{what}：应为“{}”",
                            text(doc, prev),
                            text(doc, m),
                            m.kind.render(expected)
                        ),
                    )
                    .with_label(prev.range.clone(), "前一个同级标题"),
                )
            } else {
                None
            }
        }
        None if has_parent && m.ordinal != 1 && m.ordinal != carried + 1 => Some(Diagnostic::new(
            RULE.id,
            m.range.clone(),
            format!(
                "这一级的第一个标题是“{}”，前面缺少“{}”",
                text(doc, m),
                m.kind.render(1)
            ),
        )),
        _ => None,
    }
}

/// The paragraphs of the 附件说明 list (附件：1.XXX / 2.XXX): an
/// enumeration of attachments, not headings.
fn attachment_list(doc: &Document) -> HashSet<usize> {
    let numbered: HashSet<usize> = doc
        .outline
        .markers
        .iter()
        .filter(|m| m.at_start && m.kind == MarkerKind::ArabicDot)
        .map(|m| m.para)
        .collect();
    let mut out = HashSet::new();
    let mut in_list = false;
    for (i, _) in doc.paragraphs.iter().enumerate() {
        let t = doc.para_text(i).trim_start();
        if t.starts_with("附件：") || t.starts_with("附件:") {
            in_list = true;
            out.insert(i);
            continue;
        }
        if in_list && numbered.contains(&i) {
            out.insert(i);
        } else {
            in_list = false;
        }
    }
    out
}

/// （一） written with half-width brackets (一) or a mix (一）.
fn half_width_parens(doc: &Document, m: &Marker) -> Option<Diagnostic> {
    if !matches!(m.kind, MarkerKind::ParenHan | MarkerKind::ParenArabic) {
        return None;
    }
    let marker = &doc.text[m.range.clone()];
    if !marker.contains(['(', ')']) {
        return None;
    }
    let right = marker.replace('(', "（").replace(')', "）");
    Some(
        Diagnostic::new(
            RULE.id,
            m.range.clone(),
            format!("序号“{marker}”用了半角括号，本文其他序号用全角括号：应为“{right}”"),
        )
        .with_fix(
            Applicability::Safe,
            vec![Edit {
                range: m.range.clone(),
                replacement: right,
            }],
        ),
    )
}

fn kind_of_level(level: usize) -> MarkerKind {
    match level {
        1 => MarkerKind::HanComma,
        2 => MarkerKind::ParenHan,
        3 => MarkerKind::ArabicDot,
        _ => MarkerKind::ParenArabic,
    }
}

/// Wrong punctuation after an ordinal: 一. → 一、, 1、 → 1., （一）、 → （一）.
fn punctuation(doc: &Document, m: &Marker) -> Option<Diagnostic> {
    let marker = &doc.text[m.range.clone()];
    let after = &doc.text[m.range.end..];
    let (range, wrong, right) = match m.kind {
        MarkerKind::HanComma if marker.ends_with(['.', '．']) => {
            let c = marker.chars().next_back().unwrap();
            (m.range.end - c.len_utf8()..m.range.end, c.to_string(), "、")
        }
        MarkerKind::ArabicDot if marker.ends_with('、') => (
            m.range.end - '、'.len_utf8()..m.range.end,
            "、".to_string(),
            ".",
        ),
        MarkerKind::ParenHan | MarkerKind::ParenArabic
            if after.starts_with(['、', '.', '．', '，']) =>
        {
            let c = after.chars().next().unwrap();
            (m.range.end..m.range.end + c.len_utf8(), c.to_string(), "")
        }
        _ => return None,
    };
    let message = if right.is_empty() {
        format!("带括号的序号“{marker}”后面不再加“{wrong}”")
    } else {
        format!("序号“{marker}”中的“{wrong}”应为“{right}”（GB/T 9704：一、（一）1.（1））")
    };
    Some(Diagnostic::new(RULE.id, range.clone(), message).with_fix(
        Applicability::Safe,
        vec![Edit {
            range,
            replacement: right.to_string(),
        }],
    ))
}

#[cfg(test)]
mod tests {
    use crate::testing::{flagged, lint_rule};

    #[test]
    fn gaps_repeats_and_punctuation() {
        let d = lint_rule(
            "heading-numbering",
            "标题\n\n一、总体情况\n（一）学习\n（三）调研\n二、存在问题\n（二）作风\n二、下一步\n三.保障\n1、压实责任\n（1）、细化分工",
        );
        let texts = flagged(&d);
        assert_eq!(
            texts,
            vec!["（三）", "（二）", "二、", ".", "1、", "、", "、"],
            "{d:?}"
        );
    }

    #[test]
    fn consistent_numbering_and_excerpts_are_silent() {
        let d = lint_rule(
            "heading-numbering",
            "标题\n\n三、接上文\n（一）学习\n1.读原著\n2.写体会\n（二）调研\n四、保障\n（一）组织\n一是加强领导。三是落实责任。",
        );
        assert!(d.is_empty(), "{d:?}");
        // Numbering running on across sections, and 七.一 as a date.
        let d = lint_rule(
            "heading-numbering",
            "标题\n\n七.一建党节活动\n一、学习\n1.读原著\n2.写体会\n二、调研\n3.走访\n4.座谈",
        );
        assert!(d.is_empty(), "{d:?}");
        // Only 一、 and 1. used throughout: a consistent house style.
        let d = lint_rule(
            "heading-numbering",
            "标题\n\n一、学习\n1.读原著\n2.写体会\n二、调研\n1.走访",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn half_width_brackets_among_full_width_ones() {
        let d = lint_rule(
            "heading-numbering",
            "标题\n\n一、学习\n（一）读原著\n(二)写体会\n（三）谈认识",
        );
        assert_eq!(flagged(&d), vec!["(二)"], "{d:?}");
        assert!(d[0].1.contains("（二）"));
        // A text written with half-width brackets throughout is left alone.
        let d = lint_rule(
            "heading-numbering",
            "标题\n\n一、学习\n(一)读原著\n(二)写体会",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn attachment_list_is_not_a_heading_sequence() {
        let d = lint_rule(
            "heading-numbering",
            "标题\n\n一、总体要求\n（一）目标\n二、保障措施\n正文。\n附件：1.任务分工表\n2.进度安排表\n3.联系人名单",
        );
        assert!(d.is_empty(), "{d:?}");
        let d = lint_rule(
            "heading-numbering",
            "标题\n\n一、总体要求\n（一）目标\n二、保障措施\n2.压实责任",
        );
        assert!(!d.is_empty());
    }

    #[test]
    fn skipped_level_when_the_document_uses_it_elsewhere() {
        let d = lint_rule(
            "heading-numbering",
            "标题\n\n一、学习\n（一）读原著\n二、调研\n1.走访",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].0, "1.");
    }
}
