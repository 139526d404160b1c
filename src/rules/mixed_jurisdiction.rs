use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::facts::{selfref, Evidence, Fact};
use crate::doc::Document;
use crate::packs::{Jurisdiction, Level};
use crate::rules::RuleCtx;
use std::ops::Range;

declare_rule! {
    /// ## 自称的行政层级前后不一（mixed-jurisdiction）
    ///
    /// 先判断文件自己的层级（省、自治区、直辖市、市、州、盟、地区、县、区、旗、乡、镇、
    /// 街道），依据按审核人员的习惯依次是：标题和副标题（“区长在……上的讲话”“在长沙县
    /// 第十八届人民代表大会……上”）、署名（“县财政局局长 曾慧华”）、发文机关标志、发文
    /// 字号、落款（“全南县财政局”）、主送机关（“县直各单位：”；只写下级的“各设区市”
    /// 表明发文机关高一级），最后才是正文中的自称（全县、我县、县直……）。北京、上海、
    /// 天津、重庆是直辖市，按省级看待。`gwlint facts 文件` 显示判断结果和依据，
    /// `--level 县` 可直接指定。
    ///
    /// 然后找出不属于本级的自称：
    /// - 同级的其他称呼，各种形式都报告：县级文件里的“全区”“我区”“本区”“区直单位”
    ///   “区委”，市级文件里的“全州”“我盟”，镇级文件里的“全乡”，省级文件里的“全区”，
    ///   直辖市文件里的“全省”；
    /// - 下级的称呼，只报告“我X”“本X”：市级文件里的“我县”“本镇”。
    ///
    /// **为什么**：一个县的文件称“全区上下”，读者一眼就能看出是抄来的。
    ///
    /// **会报告**：标题为“县委常委班子民主生活会情况通报”的文件中的“全区上下”
    /// “区直单位”；副标题为“在全南县……会议上”的讲话中的“我区”。
    ///
    /// **不会报告**：上级（县级文件里的市委、省委、全市、全省）；下级的“全县”“县委”
    /// （市领导讲话中可能指某个县）；并列提法“县（市、区）”“县区”“旗县区”“乡镇”；
    /// 只是含有这个字的词（社区、小区、区间、区域、园区、景区、经开区、市场、城乡）；
    /// 前面有地名的机关（黄州区委）；文中点名提到另一个区（河东区）时的“区委”“区政府”；
    /// 提到“自治区”的文件里的“全区”“区直”和“区委”（可能指自治区，“我区”“本区”仍报告）；
    /// 层级无法判断的文件。层级、同级与下级、各种称呼写在 `rules/jurisdiction.toml`。
    pub static RULE = {
        id: "mixed-jurisdiction",
        severity: Error,
        summary: "文件自称的行政层级前后不一（县级文件中出现全区、我区、区直）",
        check: check,
    };
}

fn check(doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
    let pack = &ctx.packs.jurisdiction;
    let Some(fact) = &ctx.facts.level else {
        return Vec::new();
    };
    let Some(own) = pack.level(&fact.value) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let wrong = own
        .siblings
        .iter()
        .map(|s| (s, false))
        .chain(own.lower.iter().map(|s| (s, true)));
    for (other, possessive_only) in wrong {
        if other == own.self_chars() {
            continue;
        }
        // In a document that mentions an autonomous region, 全区 and 区直 may
        // well mean the region (广西壮族自治区); 我区 and 本区 still may not.
        let region = other == "区" && doc.text.contains("自治区");
        // A document that names another place of this level (河东区) may mean it by 区委.
        // Asked only for an organ form: it scans the whole text.
        let named = std::cell::OnceCell::new();
        let found = if possessive_only {
            possessive(doc, pack, other)
        } else {
            selfref::of_level(doc, pack, other)
        };
        for (m, organ) in found {
            let text = &doc.text[m.clone()];
            if (organ && (region || *named.get_or_init(|| names_a_place(doc, pack, other))))
                || (region && (text.starts_with('全') || text.ends_with('直')))
            {
                continue;
            }
            out.push(diagnostic(doc, ctx, own, fact, m, other));
        }
    }
    out.sort_by_key(|d| d.range.start);
    out
}

fn diagnostic(
    doc: &Document,
    ctx: &RuleCtx,
    own: &Level,
    fact: &Fact<String>,
    m: Range<usize>,
    other: &str,
) -> Diagnostic {
    let text = &doc.text[m.clone()];
    let fixed = text.replacen(other, own.self_chars(), 1);
    let place = ctx
        .facts
        .place
        .as_ref()
        .map_or(String::new(), |p| format!("（{}）", p.value));
    let d = Diagnostic::new(
        RULE.id,
        m.clone(),
        format!(
            "本文件是{}级文件{place}，这里却自称“{text}”：疑为套用其他地方模板的遗留，应为“{fixed}”",
            own.name
        ),
    );
    let d = match (&fact.span, fact.evidence) {
        (Some(span), evidence) => d.with_label(
            span.clone(),
            format!("{}表明这是{}级文件", evidence.describe(), own.name),
        ),
        (None, Evidence::Override) => d.with_note(format!("层级由 --level {} 指定", own.name)),
        (None, _) => d.with_note(format!(
            "层级依据正文中“全{0}”“我{0}”等自称推断；可用 --level 指定",
            own.self_chars()
        )),
    };
    d.with_fix(
        Applicability::Unsafe,
        vec![Edit {
            range: m,
            replacement: fixed,
        }],
    )
}

/// 我镇, 本县: the possessive self-references of a lower level.
fn possessive(doc: &Document, pack: &Jurisdiction, chars: &str) -> Vec<(Range<usize>, bool)> {
    selfref::occurrences(&doc.text, chars, &pack.own)
        .into_iter()
        .filter(|(r, _)| selfref::stands_alone(doc, pack, r, false))
        .map(|(r, _)| (r, false))
        .collect()
}

/// Whether the document names a particular place of this level (河东区,
/// 长丰县): a place name of two or more characters before the level.
fn names_a_place(doc: &Document, pack: &Jurisdiction, level: &str) -> bool {
    doc.text.match_indices(level).any(|(i, _)| {
        let before: Vec<char> = doc.text[..i].chars().rev().take(2).collect();
        before.len() == 2
            && doc.is_token_boundary(i + level.len())
            && before.iter().all(|&c| crate::doc::chars::is_han(c))
            && !pack.not_names.contains(before[0])
            && !pack.not_names.contains(before[1])
            && !pack
                .not_levels
                .iter()
                .chain(&pack.exceptions)
                .any(|w| w.ends_with(level) && doc.text[..i + level.len()].ends_with(w.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::{flagged, lint_rule};

    #[test]
    fn county_document_calling_itself_a_district() {
        let d = lint_rule(
            "mixed-jurisdiction",
            "县委常委班子民主生活会情况通报\n\n县委召开会议，征求区直单位意见，在全区营造氛围，问题在我区存在。",
        );
        let texts = flagged(&d);
        assert_eq!(texts, vec!["区直", "全区", "我区"]);
        assert!(d[1].1.contains("全县"));
    }

    #[test]
    fn recipients_tell_an_untitled_provincial_text() {
        let d = lint_rule(
            "mixed-jurisdiction",
            "各设区市、平潭综合实验区教育局：\n近期，我厅在全省建立乡村教师生活补助制度。全区上下要认真抓好落实。",
        );
        assert_eq!(flagged(&d), vec!["全区"], "{d:?}");
        assert!(d[0].1.contains("省级"), "{d:?}");
    }

    #[test]
    fn municipalities_are_provincial() {
        let d = lint_rule(
            "mixed-jurisdiction",
            "天津市人民政府关于做好防汛工作的通知\n\n各区人民政府：\n全市各区要认真落实，全区上下高度重视，全省上下统一思想。",
        );
        assert_eq!(flagged(&d), vec!["全省"], "{d:?}");
    }

    #[test]
    fn look_alikes_are_silent() {
        let d = lint_rule(
            "mixed-jurisdiction",
            "县委常委班子民主生活会情况通报\n\n与其他县（市）区抱团发展，走访社区、小区和园区，区间测速，黄州区委来访，全区域覆盖，县区联动。",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn autonomous_region_counties_may_say_quanqu() {
        let d = lint_rule(
            "mixed-jurisdiction",
            "青秀县人民政府工作报告\n\n在全区率先完成广西壮族自治区下达的任务。",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn organs_of_a_named_place_are_not_self_references() {
        let d = lint_rule(
            "mixed-jurisdiction",
            "县委办公室会议纪要\n\n原区属企业仍由河东区负责管理，区委组织部牵头。全区统一部署。",
        );
        let texts = flagged(&d);
        assert_eq!(texts, vec!["全区"], "{d:?}");
    }

    #[test]
    fn level_from_body_when_title_is_silent() {
        let d = lint_rule(
            "mixed-jurisdiction",
            "工作总结\n\n全县上下，我县干部，县直单位，全县群众，全区统一。",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].0, "全区");
    }
}
