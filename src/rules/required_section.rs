use crate::diag::Diagnostic;
use crate::doc::outline::Heading;
use crate::doc::Document;
use crate::packs::Template;
use crate::rules::RuleCtx;

declare_rule! {
    /// ## 缺少必备部分（required-section）
    ///
    /// 按标题认出文种，再按该文种模板核对一级标题：缺少的部分在它应该出现的位置报告
    /// （错误），顺序颠倒的部分报告为警告。每个部分可以有多种常见标题写法，例如“整改措施”
    /// 也可以写作“下一步工作打算”“努力方向”。模板写在 `rules/templates/*.toml`，
    /// `gwlint templates` 列出全部文种及其必备部分，`--template 名称` 可强制使用某个模板。
    ///
    /// 有必备部分的文种：民主生活会情况通报、班子对照检查材料、个人对照检查材料
    /// （问题、原因、整改）、实施方案（总体要求、保障措施）、述职述廉报告（廉洁自律部分）。
    /// 工作总结只核对各部分的先后顺序（成效、问题、打算），因为总结常按工作领域分标题。
    /// 通知、通报、请示、报告、函、批复、意见、会议纪要、讲话稿的结构因事而异，不要求
    /// 固定的部分，它们的写法由 `genre-convention` 核对。
    ///
    /// **依据**：《党政机关公文处理工作条例》（2012）第八条对各文种用途的规定和各文种的
    /// 通行写法；标准没有逐条规定正文部分，所以只要求写这类材料公认必有的部分。
    ///
    /// **为什么**：套用模板时整段删掉、忘了写“原因分析”或“整改措施”，是审核退回的
    /// 常见原因。
    ///
    /// **会报告**：标题为“县委常委班子民主生活会召开情况通报”，却只有“一、基本情况”
    /// “二、下一步整改措施”（缺少“存在的问题及原因”）。
    ///
    /// **不会报告**：标题认不出文种的文件；各部分齐全、顺序正确的文件。
    pub static RULE = {
        id: "required-section",
        severity: Error,
        summary: "按文种模板缺少必备部分或顺序颠倒",
        check: check,
    };
}

fn check(doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
    let Some((template, _)) = ctx.genre() else {
        return Vec::new();
    };

    // The top level of the outline carries the sections.
    let Some(top) = doc.outline.headings.iter().map(|h| h.level).min() else {
        if template.section.iter().all(|s| s.optional) {
            return Vec::new();
        }
        return vec![no_sections(doc, template)];
    };
    let headings: Vec<_> = doc
        .outline
        .headings
        .iter()
        .filter(|h| h.level == top)
        .collect();
    // Assign each heading to the first section whose headings it matches.
    let matched: Vec<(usize, usize)> = headings
        .iter()
        .enumerate()
        .filter_map(|(hi, h)| {
            let text = &doc.text[h.text.clone()];
            template
                .section
                .iter()
                .position(|s| {
                    s.headings.iter().any(|re| re.is_match(text))
                        && !s.exclude.iter().any(|re| re.is_match(text))
                })
                .map(|si| (hi, si))
        })
        .collect();
    let mut out = Vec::new();
    for (si, section) in template.section.iter().enumerate() {
        if section.optional || matched.iter().any(|&(_, s)| s == si) {
            continue;
        }
        // Report where it was expected: before the first heading of a later
        // section, else after the last heading of an earlier one.
        let next = matched
            .iter()
            .find(|&&(_, s)| s > si)
            .map(|&(h, _)| headings[h]);
        let prev = matched
            .iter()
            .rev()
            .find(|&&(_, s)| s < si)
            .map(|&(h, _)| headings[h]);
        let text_of = |h: &Heading| doc.text[h.text.clone()].trim().to_string();
        let (range, where_) = match (next, prev) {
            (Some(h), _) => (
                doc.paragraphs[h.para].range.clone(),
                format!("应在“{}”之前", text_of(h)),
            ),
            (None, Some(h)) => (
                doc.paragraphs[h.para].range.clone(),
                format!("应在“{}”部分之后", text_of(h)),
            ),
            (None, None) => (title_range(doc), "全文没有与之对应的标题".to_string()),
        };
        out.push(
            Diagnostic::new(
                RULE.id,
                range,
                format!(
                    "按“{}”模板，缺少“{}”部分（{where_}）",
                    template.name, section.name
                ),
            )
            .with_note(format!("模板要求的部分依次为：{}", sections_list(template))),
        );
    }
    // Out of order: a heading whose section comes before one already seen.
    let mut furthest: Option<(usize, usize)> = None;
    for &(hi, si) in &matched {
        match furthest {
            Some((fh, fs)) if si < fs => {
                let h = headings[hi];
                out.push(
                    Diagnostic::new(
                        RULE.id,
                        doc.paragraphs[h.para].range.clone(),
                        format!(
                            "“{}”部分应放在“{}”之前",
                            template.section[si].name, template.section[fs].name
                        ),
                    )
                    .with_label(
                        doc.paragraphs[headings[fh].para].range.clone(),
                        "这一部分本应在后",
                    )
                    .with_note(format!("模板要求的部分依次为：{}", sections_list(template)))
                    .demoted(),
                );
            }
            Some((_, fs)) if si <= fs => {}
            _ => furthest = Some((hi, si)),
        }
    }
    out
}

fn sections_list(t: &Template) -> String {
    t.section
        .iter()
        .filter(|s| !s.optional)
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

fn title_range(doc: &Document) -> std::ops::Range<usize> {
    doc.outline
        .title
        .first()
        .map(|&i| doc.paragraphs[i].range.clone())
        .unwrap_or(0..0)
}

fn no_sections(doc: &Document, template: &Template) -> Diagnostic {
    let range = title_range(doc);
    Diagnostic::new(
        RULE.id,
        range,
        format!(
            "按“{}”模板应分为{}等部分，但全文没有找到任何标题",
            template.name,
            sections_list(template)
        ),
    )
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_rule;

    #[test]
    fn missing_section_is_reported_where_expected() {
        let d = lint_rule(
            "required-section",
            "县委常委班子民主生活会召开情况通报\n\n一、基本情况\n正文。\n二、下一步整改措施\n正文。",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].0, "二、下一步整改措施");
        assert!(d[0].1.contains("存在的问题及原因"));
    }

    #[test]
    fn complete_documents_and_other_genres_are_silent() {
        let ok = lint_rule(
            "required-section",
            "县委常委班子民主生活会召开情况通报\n\n一、基本情况\n二、对照剖析存在的问题及原因\n三、下一步整改措施\n",
        );
        assert!(ok.is_empty(), "{ok:?}");
        let other = lint_rule(
            "required-section",
            "关于开展安全检查的通知\n\n一、检查范围\n",
        );
        assert!(other.is_empty(), "{other:?}");
    }

    #[test]
    fn order_is_a_warning() {
        let d = lint_rule(
            "required-section",
            "张明同志个人对照检查材料\n\n一、存在的问题\n二、努力方向\n三、原因剖析\n",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].1.contains("应放在"));
    }
}
