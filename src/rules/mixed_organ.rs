use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::facts::{selfref, Evidence, Fact, Organ};
use crate::doc::Document;
use crate::rules::RuleCtx;
use std::ops::Range;

declare_rule! {
    /// ## 自称的机关前后不一（mixed-organ）
    ///
    /// 先判断发文机关的类型（局、委员会、厅、党委、办公室、街道办事处、人民政府）和
    /// 党的组织（党组、党委），依据依次是标题中“关于”之前的机关名称、发文机关标志、
    /// 署名和落款（“县财政局党组”“市发展和改革委员会”“中共长沙县委员会”）。
    /// `gwlint facts 文件` 显示判断结果和依据，`--organ 局` 可直接指定。
    ///
    /// 然后找出不属于本机关的自称：
    /// - 局的文件里的“我委”“本委”“我厅”，委员会的文件里的“我局”“本局”，厅的文件里的
    ///   “我局”“我委”；
    /// - 党组的文件里的“局党委”（本机关的党组织是党组），党委的文件里的“局党组”，
    ///   委员会的文件里的“局党组”“局党委”“局机关”，局的文件里的“委机关”。
    ///
    /// **为什么**：和“县里的文件自称全区”一样，这是套用其他单位模板没有改干净的痕迹。
    ///
    /// **会报告**：标题为“县财政局关于……的通知”，正文写“我委决定”；标题为
    /// “县财政局党组……对照检查材料”，正文写“局党委会议专题研究”。
    ///
    /// **不会报告**：点名提到的其他机关（县委、县发改委、市公安局党委）；办公室、街道
    /// 办事处的文件（它们常代所属机关行文，可称“我局”）；机关类型无法判断的文件。
    /// 自称形式和机关类型写在 `rules/organs.toml`。
    pub static RULE = {
        id: "mixed-organ",
        severity: Error,
        summary: "文件自称的机关前后不一（局的文件中出现我委、党组的文件中出现局党委）",
        check: check,
    };
}

fn check(doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
    let pack = &ctx.packs.organs;
    let Some(fact) = &ctx.facts.organ else {
        return Vec::new();
    };
    let Some(organ) = pack.organ(&fact.value.kind) else {
        return Vec::new();
    };
    if !organ.check {
        return Vec::new();
    }
    let own = organ.self_ref.as_str();
    // Whether the organ calls itself by its character (我局, 本委).
    let idiomatic = pack.checked.iter().any(|c| c == own);
    let jurisdiction = &ctx.packs.jurisdiction;
    let mut out = Vec::new();
    for other in pack.checked.iter().filter(|c| c.as_str() != own) {
        for (r, _) in selfref::occurrences(&doc.text, other, &pack.own) {
            if doc.is_token_boundary(r.start) {
                let fixed = idiomatic.then(|| doc.text[r.clone()].replacen(other.as_str(), own, 1));
                out.push(diagnostic(doc, fact, r, fixed));
            }
        }
    }
    // 局党委 in a 局党组 document; 局党组 or 局机关 in a 委员会's.
    for unit in &pack.checked {
        // Where the unit's character stands, found once for all its forms.
        let at: Vec<usize> =
            memchr::memmem::find_iter(doc.text.as_bytes(), unit.as_bytes()).collect();
        for other in pack.bodies.iter().chain(&pack.parts) {
            let wrong = if *unit == own {
                let body = fact.value.body.as_ref();
                pack.bodies.contains(other) && body.is_some_and(|b| b != other)
            } else {
                true
            };
            if !wrong {
                continue;
            }
            let form = format!("{unit}{other}");
            // The form's occurrences, as `match_indices` gives them (each
            // after the end of the one before).
            let found: Vec<usize> = if unit.is_empty() {
                doc.text.match_indices(&form).map(|(i, _)| i).collect()
            } else {
                let mut reach = 0;
                at.iter()
                    .copied()
                    .filter(|&i| {
                        let hit =
                            i >= reach && doc.text[i + unit.len()..].starts_with(other.as_str());
                        if hit {
                            reach = i + form.len();
                        }
                        hit
                    })
                    .collect()
            };
            for i in found {
                // 召开局党委会议, 我局党委: ours; 县公安局党委 is another's.
                let mine = doc.text[..i].ends_with(['我', '本', '次', '开', '届', '的'])
                    || selfref::may_be_own_organ(doc, jurisdiction, i);
                if mine && doc.is_token_boundary(i) {
                    let part = match fact.value.body.as_deref() {
                        Some(b) if pack.bodies.contains(other) => b,
                        _ => other,
                    };
                    let fixed = idiomatic.then(|| format!("{own}{part}"));
                    out.push(diagnostic(doc, fact, i..i + form.len(), fixed));
                }
            }
        }
    }
    out.sort_by_key(|d| d.range.start);
    out
}

/// `fixed` is the replacement, when the organ has an idiomatic form for
/// itself (我局; a 人民政府 does not say 我府).
fn diagnostic(
    doc: &Document,
    fact: &Fact<Organ>,
    r: Range<usize>,
    fixed: Option<String>,
) -> Diagnostic {
    let text = &doc.text[r.clone()];
    let kind = match &fact.value.body {
        Some(b) => format!("{}{b}", fact.value.kind),
        None => fact.value.kind.clone(),
    };
    let organ = match &fact.value.name {
        // 县纪委监委 names a 委员会 well enough.
        Some(n) if n.ends_with(&kind) || (n.ends_with('委') && kind.ends_with("委员会")) => {
            n.clone()
        }
        Some(n) => format!("{n}（{kind}）"),
        None => kind,
    };
    let advice = match &fixed {
        Some(f) => format!("应为“{f}”"),
        None => "应改为本机关的称呼".to_string(),
    };
    let d = Diagnostic::new(
        RULE.id,
        r.clone(),
        format!("本文件由{organ}发出，这里却自称“{text}”：疑为套用其他单位模板的遗留，{advice}"),
    );
    let d = match (&fact.span, fact.evidence) {
        (Some(span), evidence) => d.with_label(
            span.clone(),
            format!("{}表明发文机关是{organ}", evidence.describe()),
        ),
        (None, Evidence::Override) => d.with_note(format!("机关类型由 --organ {organ} 指定")),
        (None, _) => d,
    };
    match fixed {
        Some(replacement) => d.with_fix(
            Applicability::Unsafe,
            vec![Edit {
                range: r,
                replacement,
            }],
        ),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{flagged, lint_rule};

    #[test]
    fn bureau_calling_itself_a_commission() {
        let d = lint_rule(
            "mixed-organ",
            "县财政局关于做好预算管理工作的通知\n\n各乡镇财政所：\n我委决定开展检查，本委将通报结果，我局负责汇总。\n",
        );
        assert_eq!(flagged(&d), vec!["我委", "本委"], "{d:?}");
        assert!(d[0].1.contains("我局"));
    }

    #[test]
    fn commission_and_department() {
        let d = lint_rule(
            "mixed-organ",
            "市卫生健康委员会关于开展义诊活动的通知\n\n我局将组织专家下乡，我委负责协调。\n",
        );
        assert_eq!(flagged(&d), vec!["我局"], "{d:?}");
        let d = lint_rule(
            "mixed-organ",
            "省教育厅关于做好招生工作的通知\n\n我局高度重视，我厅统一部署。\n",
        );
        assert_eq!(flagged(&d), vec!["我局"], "{d:?}");
    }

    #[test]
    fn party_group_document_saying_party_committee() {
        let d = lint_rule(
            "mixed-organ",
            "县财政局党组2024年度民主生活会对照检查材料\n\n局党委会议专题研究整改工作，县公安局党委给予支持，局党组带头落实。\n",
        );
        assert_eq!(flagged(&d), vec!["局党委"], "{d:?}");
    }

    #[test]
    fn another_units_party_body() {
        let d = lint_rule(
            "mixed-organ",
            "县人大常委会党组2024年度民主生活会对照检查材料\n\n会后召开局党委会议研究整改，常委会党组书记带头。\n",
        );
        assert_eq!(flagged(&d), vec!["局党委"], "{d:?}");
        let d = lint_rule(
            "mixed-organ",
            "县财政局关于做好预算管理工作的通知\n\n委机关各股室要抓好落实，局机关统一部署，县纪委机关给予指导。\n",
        );
        assert_eq!(flagged(&d), vec!["委机关"], "{d:?}");
    }

    #[test]
    fn other_organs_named_are_silent() {
        let d = lint_rule(
            "mixed-organ",
            "县财政局关于做好预算管理工作的通知\n\n县委、县政府高度重视，县发改委、市教育局给予支持，我局负责落实。\n",
        );
        assert!(d.is_empty(), "{d:?}");
        // An office writes for its organ; unknown organs are not checked.
        let d = lint_rule(
            "mixed-organ",
            "县政府办公室关于做好值班工作的通知\n\n我局、我办共同负责。\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let d = lint_rule("mixed-organ", "工作要点\n\n我局、我委共同负责。\n");
        assert!(d.is_empty(), "{d:?}");
    }
}
