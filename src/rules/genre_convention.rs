use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::facts::genre::TITLE_END;
use crate::doc::outline::date_of_line;
use crate::doc::Document;
use crate::packs::{Convention, ConventionKind, ConventionLevel};
use crate::rules::RuleCtx;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

declare_rule! {
    /// ## 文种惯例（genre-convention）
    ///
    /// 按标题认出文种后，核对该文种的写作惯例。惯例写在文种模板
    /// `rules/templates/*.toml` 的 `[[convention]]` 中，每条注明依据和级别：
    /// 标准说“应”的默认报告为错误，说“一般”或属通行惯例的报告为警告。
    ///
    /// | 文种 | 惯例 | 依据 | 级别 |
    /// |---|---|---|---|
    /// | 请示 | 结尾有请求语（妥否，请批示 / 当否，请批复 / 请予审批……） | 《党政机关公文处理工作条例》（2012）第八条（十一）“请示适用于向上级机关请求指示、批准” | 错误 |
    /// | 请示 | 一文一事：全文只有一处请求语，标题不并列两项申请 | 条例第十五条（四）“请示应当一文一事” | 错误 / 警告 |
    /// | 报告 | 不夹带请示事项（请批示、请审批、妥否……） | 条例第十五条（四）“不得在报告等非请示性公文中夹带请示事项” | 错误 |
    /// | 报告 | 标题不写“请示报告” | 条例第八条：请示、报告是两个文种 | 错误 |
    /// | 函 / 批复 | 结尾有惯用语（特此函告 / 请予函复；此复 / 特此批复） | 通行写法 | 警告 |
    /// | 讲话稿 | 有称谓（同志们：/ 各位代表：） | 通行写法 | 警告 |
    /// | 会议纪要 | 写明出席、参加人员 | 通行写法 | 警告 |
    /// | 各文种 | 标题末尾不加标点 | GB/T 9704-2012 7.3.1；GB/T 15834-2011 标题末尾一般不用点号 | 警告 |
    /// | 通知、通报、请示、报告、函、批复 | 主送机关后标全角冒号 | GB/T 9704-2012 7.3.2“最后一个机关名称后标全角冒号” | 错误 |
    ///
    /// `gwlint templates` 列出各文种的惯例。标题末尾的标点、主送机关后缺少或用错的冒号
    /// 可用 `--fix` 自动修正。
    ///
    /// **为什么**：请示不写请求语、报告里夹带请示事项，是公文审核中最常见的文种错误；
    /// 上级机关对报告不作批复，夹带的事项会被耽误。
    ///
    /// **会报告**：标题为“关于……的请示”，结尾却是“特此报告。”；“关于……的报告”
    /// 中写“妥否，请批示”；标题写成“关于……的通知。”。
    ///
    /// **不会报告**：认不出文种的文件；政府工作报告中的“请予审议”（这是向大会报告，
    /// 不是请示）；主送机关后的半角冒号（那是 `halfwidth-punct` 的事）。
    pub static RULE = {
        id: "genre-convention",
        severity: Error,
        summary: "文种惯例：请示有请求语且一文一事，报告不夹带请示，标题不加标点…",
        check: check,
    };
}

fn check(doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
    let Some((template, title)) = ctx.genre() else {
        return Vec::new();
    };
    let body: Vec<usize> = (0..doc.paragraphs.len())
        .filter(|i| !title.contains(i))
        .collect();
    let mut out = Vec::new();
    for c in &template.convention {
        let found = match c.kind {
            ConventionKind::Closing => closing(doc, &body, c),
            ConventionKind::Forbidden => forbidden(doc, &body, c),
            ConventionKind::Once => once(doc, &body, c),
            ConventionKind::Present => present(doc, &body, title, c),
            ConventionKind::TitleForbidden => title_forbidden(doc, title, c),
            ConventionKind::TitlePunct => title_punct(doc, title, c),
            ConventionKind::Addressee => {
                // The 主送机关 stands below the title, not in the header above it.
                let below = title.last().map_or(0, |&t| t + 1);
                let after: Vec<usize> = body.iter().copied().filter(|&i| i >= below).collect();
                addressee(doc, &after, c)
            }
        };
        out.extend(found.into_iter().map(|d| {
            let d = d.with_note(format!("依据：{}（“{}”文种惯例）", c.basis, template.name));
            match c.severity {
                ConventionLevel::Error => d,
                ConventionLevel::Warning => d.demoted(),
            }
        }));
    }
    out
}

/// The convention's pattern: every kind that uses one is checked to have
/// it when the template is loaded.
fn pattern(c: &Convention) -> &Regex {
    c.pattern
        .as_ref()
        .expect("templates are checked for patterns when loaded")
}

fn para(doc: &Document, i: usize) -> Range<usize> {
    doc.paragraphs[i].range.clone()
}

/// A line of the closing block rather than the body: the signature, the
/// date, 附件, 抄送, a contact note in brackets.
fn tail_line(text: &str) -> bool {
    let t = text.trim();
    let unpunctuated = !t.contains(['。', '，', '；', '！', '？', ',', ';', '!', '?']);
    date_of_line(t).is_some()
        || ["附件", "抄送", "印发", "主题词", "联系人", "（联系人", "(联系人"]
            .iter()
            .any(|p| t.starts_with(p))
        || (t.starts_with(['（', '(']) && t.ends_with(['）', ')']))
        // An attachment list item (2.项目投资估算表).
        || (unpunctuated && t.starts_with(|c: char| c.is_ascii_digit()))
        || (unpunctuated && t.chars().count() <= 40)
}

fn closing(doc: &Document, body: &[usize], c: &Convention) -> Vec<Diagnostic> {
    let re = pattern(c);
    for &i in body.iter().rev() {
        let t = doc.para_text(i);
        if re.is_match(t) {
            return Vec::new();
        }
        if tail_line(t) {
            continue;
        }
        return vec![Diagnostic::new(RULE.id, para(doc, i), c.message.clone())];
    }
    Vec::new()
}

fn forbidden(doc: &Document, body: &[usize], c: &Convention) -> Vec<Diagnostic> {
    let re = pattern(c);
    body.iter()
        .flat_map(|&i| {
            let start = doc.paragraphs[i].range.start;
            re.captures_iter(doc.para_text(i))
                .map(move |c| {
                    // A group named `hit…` narrows the finding to the words
                    // themselves, without the context that qualified them.
                    let m = re
                        .capture_names()
                        .flatten()
                        .filter(|n| n.starts_with("hit"))
                        .find_map(|n| c.name(n))
                        .unwrap_or_else(|| c.get(0).unwrap());
                    start + m.start()..start + m.end()
                })
                .collect::<Vec<_>>()
        })
        .map(|r| {
            let found = doc.text[r.clone()].to_string();
            Diagnostic::new(RULE.id, r, format!("“{found}”：{}", c.message))
        })
        .collect()
}

fn once(doc: &Document, body: &[usize], c: &Convention) -> Vec<Diagnostic> {
    let re = pattern(c);
    let hits: Vec<Range<usize>> = body
        .iter()
        .flat_map(|&i| {
            let start = doc.paragraphs[i].range.start;
            re.find_iter(doc.para_text(i))
                .map(move |m| start + m.start()..start + m.end())
                .collect::<Vec<_>>()
        })
        .collect();
    hits.iter()
        .skip(1)
        .map(|r| {
            Diagnostic::new(RULE.id, r.clone(), c.message.clone())
                .with_label(hits[0].clone(), "第一处")
        })
        .collect()
}

fn present(doc: &Document, body: &[usize], title: &[usize], c: &Convention) -> Vec<Diagnostic> {
    let re = pattern(c);
    if body.iter().any(|&i| re.is_match(doc.para_text(i))) {
        return Vec::new();
    }
    let at = title.first().map_or(0..0, |&i| para(doc, i));
    vec![Diagnostic::new(RULE.id, at, c.message.clone())]
}

fn title_forbidden(doc: &Document, title: &[usize], c: &Convention) -> Vec<Diagnostic> {
    let re = pattern(c);
    let joined: String = title.iter().map(|&i| doc.para_text(i).trim()).collect();
    if title.is_empty() || !re.is_match(&joined) {
        return Vec::new();
    }
    let at = title
        .iter()
        .find(|&&i| re.is_match(doc.para_text(i)))
        .map_or_else(|| para(doc, title[0]), |&i| para(doc, i));
    vec![Diagnostic::new(RULE.id, at, c.message.clone())]
}

fn title_punct(doc: &Document, title: &[usize], c: &Convention) -> Vec<Diagnostic> {
    let Some(&last) = title.last() else {
        return Vec::new();
    };
    let r = para(doc, last);
    let t = &doc.text[r.clone()];
    let Some(end) = t.chars().next_back().filter(|ch| TITLE_END.contains(ch)) else {
        return Vec::new();
    };
    let range = r.end - end.len_utf8()..r.end;
    vec![
        Diagnostic::new(RULE.id, range.clone(), format!("“{end}”：{}", c.message)).with_fix(
            Applicability::Safe,
            vec![Edit {
                range,
                replacement: String::new(),
            }],
        ),
    ]
}

fn organ_end_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(政府|委员会|党委|党组|党工委|管委会|局|厅|委|办|办公室|部门|单位|机构|公司|企业|学校|医院|中心|街道|乡镇|机关|院|所)$")
            .unwrap()
    })
}

fn doc_number_line_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\S{1,12}[〔\[【（(［﹝][0-9]{2,4}[〕\]】）)］﹞]第?[0-9]+号$").unwrap()
    })
}

/// The 主送机关 line: the first line after the title (and the 文号) when it
/// names organs and ends with the wrong punctuation or none before the body.
fn addressee(doc: &Document, body: &[usize], c: &Convention) -> Vec<Diagnostic> {
    let mut lines = body
        .iter()
        .copied()
        .skip_while(|&i| doc_number_line_re().is_match(doc.para_text(i).trim()));
    let Some(i) = lines.next() else {
        return Vec::new();
    };
    let r = para(doc, i);
    let t = doc.para_text(i).trim_end();
    let n = t.chars().count();
    let stem = t.trim_end_matches(['，', '；', ',', ';', '、', '。']);
    if n > 80
        || stem.contains('。')
        || ["各位", "同志们", "亲爱的", "尊敬的", "——", "—"]
            .iter()
            .any(|p| t.trim_start().starts_with(p))
        || t.ends_with('：')
    {
        return Vec::new();
    }
    let last = t.chars().next_back().unwrap_or(' ');
    // A half-width colon is `halfwidth-punct`'s finding.
    let (range, replacement) = if last == ':' {
        return Vec::new();
    } else if matches!(last, '，' | '；' | ',' | ';' | '、' | '。') {
        // An addressee wrapped onto a second line that ends with the colon.
        let continued = last != '。'
            && lines.next().is_some_and(|j| {
                let next = doc.para_text(j).trim_end();
                next.ends_with(['：', ':']) && next.chars().count() <= 80 && !next.contains('。')
            });
        if continued || !organ_end_re().is_match(stem) {
            return Vec::new();
        }
        (r.end - last.len_utf8()..r.end, "：")
    } else {
        // No punctuation: an organ list followed by a body paragraph.
        let next_is_body = lines.next().is_some_and(|j| {
            let next = doc.para_text(j);
            next.contains(['。', '：', ':', '，', ','])
        });
        if !(organ_end_re().is_match(t) && next_is_body) {
            return Vec::new();
        }
        (r.end..r.end, "：")
    };
    vec![
        Diagnostic::new(RULE.id, r.start..r.end, c.message.clone()).with_fix(
            Applicability::Safe,
            vec![Edit {
                range,
                replacement: replacement.to_string(),
            }],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn request_without_request_phrase() {
        let d = lint_rule(
            "genre-convention",
            "县农业农村局关于申请拨付春耕补助资金的请示\n县人民政府：\n今年春耕任务重，资金缺口较大。\n特此报告。\n县农业农村局\n2025年3月1日",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].0, "特此报告。");
        let ok = lint_rule(
            "genre-convention",
            "县农业农村局关于申请拨付春耕补助资金的请示\n县人民政府：\n今年春耕任务重，资金缺口较大。\n妥否，请批示。\n附件：1.春耕生产资金需求测算表\n2.全县各乡镇春耕生产资金缺口及已落实资金情况统计表（截至三月底）\n中共云溪县委农村工作领导小组办公室 县农业农村局\n2025年3月1日\n（联系人：王明，电话：1234567）",
        );
        assert!(ok.is_empty(), "{ok:?}");
    }

    #[test]
    fn report_with_a_request_but_not_a_work_report_to_a_congress() {
        let d = lint_rule(
            "genre-convention",
            "县统计局关于2024年统计工作情况的报告\n县人民政府：\n全年完成各项调查。妥否，请批示。\n县统计局\n2025年1月5日",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].0.contains("妥否"));
        let ok = lint_rule(
            "genre-convention",
            "政府工作报告\n各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议。",
        );
        assert!(ok.is_empty(), "{ok:?}");
    }

    #[test]
    fn title_punctuation_and_addressee_colon() {
        let d = lint_rule(
            "genre-convention",
            "关于做好防汛工作的通知。\n各乡镇人民政府，县直各单位\n汛期将至，现就有关事项通知如下。",
        );
        let flagged: Vec<&str> = d.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(flagged, vec!["。", "各乡镇人民政府，县直各单位"], "{d:?}");
    }

    #[test]
    fn an_addressee_wrapped_over_two_lines_is_silent() {
        let d = lint_rule(
            "genre-convention",
            "关于做好防汛工作的通知\n各乡镇人民政府，县直各单位，\n县属各企业：\n汛期将至，现就有关事项通知如下。",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn unknown_genre_is_silent() {
        let d = lint_rule(
            "genre-convention",
            "春耕情况\n各乡镇:\n妥否，请批示。\n特此报告。",
        );
        assert!(d.is_empty(), "{d:?}");
    }
}
