use crate::diag::{Applicability, Diagnostic, Edit};
use crate::doc::Document;
use crate::packs::Jurisdiction;
use crate::rules::RuleCtx;
use std::ops::Range;

declare_rule! {
    /// ## 自称的行政层级前后不一（mixed-jurisdiction）
    ///
    /// 先判断文件自己的层级（县、区、旗、乡、镇、街道）：依据标题和发文机关
    /// （如“县委常委班子”→ 县），以及正文中的自称（全县、我县、县直、县委……）。
    /// 然后找出同级别的其他称呼：县级文件里的“全区”“我区”“本区”“区直单位”“区委”，
    /// 多半是从区里的模板改来时没有改干净。`--level 县` 可直接指定层级。
    ///
    /// **为什么**：一个县的文件称“全区上下”，读者一眼就能看出是抄来的。
    ///
    /// **不会报告**：上级机关（市委、省委、全市、全省）；并列提法“县（市、区）”
    /// “县区”“旗县区”“乡镇”；只是含有这个字的词（社区、小区、区间、区域、园区、
    /// 景区、经开区）；前面有地名的机关（黄州区委）；文中点名提到另一个区（河东区）时
    /// 的“区委”“区政府”（可能指那个区）；提到“自治区”的文件里的“全区”“区直”和“区委”
    /// （可能指自治区，“我区”“本区”仍报告）；层级无法判断的文件。
    /// 层级和称呼写在 `rules/jurisdiction.toml`。
    pub static RULE = {
        id: "mixed-jurisdiction",
        severity: Error,
        summary: "文件自称的行政层级前后不一（县级文件中出现全区、我区、区直）",
        check: check,
    };
}

/// Where the document's level was learned from.
struct Level {
    name: String,
    /// The title, when the title decided it.
    from_title: Option<Range<usize>>,
}

fn check(doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
    let pack = &ctx.packs.jurisdiction;
    let level = match &ctx.level {
        Some(l) => Level {
            name: l.clone(),
            from_title: None,
        },
        None => match infer_level(doc, pack) {
            Some(l) => l,
            None => return Vec::new(),
        },
    };
    let Some(own) = pack.level(&level.name) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for sibling in &own.siblings {
        // In a document that mentions an autonomous region, 全区 and 区直 may
        // well mean the region (广西壮族自治区); 我区 and 本区 still may not.
        let region = sibling == "区" && doc.text.contains("自治区");
        // A document that names another 区 (河东区) may mean that one by 区委.
        let named = names_a_place(doc, pack, sibling);
        for (m, organ) in self_references(doc, pack, sibling) {
            let text = &doc.text[m.clone()];
            if (organ && (named || region))
                || (region && (text.starts_with('全') || text.ends_with('直')))
            {
                continue;
            }
            let text = &doc.text[m.clone()];
            let fixed = text.replacen(sibling.as_str(), &level.name, 1);
            let mut d = Diagnostic::new(
                RULE.id,
                m.clone(),
                format!(
                    "本文件是{}级文件，这里却自称“{text}”：疑为套用其他地方模板的遗留，应为“{fixed}”",
                    level.name
                ),
            );
            d = match &level.from_title {
                Some(t) => d.with_label(t.clone(), format!("标题表明这是{}级文件", level.name)),
                None if ctx.level.is_some() => {
                    d.with_note(format!("层级由 --level {} 指定", level.name))
                }
                None => d.with_note(format!(
                    "层级依据正文中“全{0}”“{0}委”等自称推断",
                    level.name
                )),
            };
            out.push(d.with_fix(
                Applicability::Unsafe,
                vec![Edit {
                    range: m,
                    replacement: fixed,
                }],
            ));
        }
    }
    out
}

/// Whether the document names a particular place of this level (河东区,
/// 长丰县): a place name of two or more characters before the level.
fn names_a_place(doc: &Document, pack: &Jurisdiction, level: &str) -> bool {
    const NOT_NAMES: &str = "全我本各该此其两多几每县市区镇乡省州旗盟之个一二三四五六七八九十";
    doc.text.match_indices(level).any(|(i, _)| {
        let before: Vec<char> = doc.text[..i].chars().rev().take(2).collect();
        before.len() == 2
            && doc.is_token_boundary(i + level.len())
            && before.iter().all(|&c| crate::doc::chars::is_han(c))
            && !NOT_NAMES.contains(before[0])
            && !NOT_NAMES.contains(before[1])
            && !pack
                .not_levels
                .iter()
                .chain(&pack.exceptions)
                .any(|w| w.ends_with(level) && doc.text[..i + level.len()].ends_with(w.as_str()))
    })
}

/// Occurrences of `level`'s self-reference forms that stand as words, with
/// whether each is an organ form (区委) rather than a strong one (全区).
fn self_references(doc: &Document, pack: &Jurisdiction, level: &str) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    for (forms, organ) in [(&pack.strong, false), (&pack.organ, true)] {
        for form in forms {
            let word = form.replace("{}", level);
            for p in &doc.paragraphs {
                let body = &doc.text[p.range.clone()];
                for (i, _) in body.match_indices(word.as_str()) {
                    let r = p.range.start + i..p.range.start + i + word.len();
                    if stands_alone(doc, pack, &r, organ) {
                        out.push((r, organ));
                    }
                }
            }
        }
    }
    out.sort_by_key(|r| r.0.start);
    // 全区 and 区直 could overlap (全区直属): keep the first.
    out.dedup_by(|b, a| b.0.start < a.0.end);
    out
}

/// Whether one of `words` occurs over (part of) `r` in `text`: 社区 over 区.
fn covered<'a>(text: &str, r: &Range<usize>, mut words: impl Iterator<Item = &'a String>) -> bool {
    words.any(|w| {
        let lo = text.floor_char_boundary(r.start.saturating_sub(w.len()));
        let hi = text.ceil_char_boundary((r.end + w.len()).min(text.len()));
        text[lo..hi]
            .match_indices(w.as_str())
            .any(|(i, _)| lo + i < r.end && lo + i + w.len() > r.start)
    })
}

fn stands_alone(doc: &Document, pack: &Jurisdiction, r: &Range<usize>, organ: bool) -> bool {
    let text = &doc.text;
    if covered(text, r, pack.exceptions.iter().chain(&pack.not_levels)) {
        return false;
    }
    if !doc.is_token_boundary(r.start) {
        return false;
    }
    // The end must be a boundary, or the token there must start with the match (区委书记).
    let end_ok = doc.is_token_boundary(r.end)
        || doc
            .tokens_in(r.end - 1..r.end)
            .first()
            .is_some_and(|t| t.start == r.start);
    if !end_ok {
        return false;
    }
    if organ {
        // 青川县委 is another county's committee; 在县委 / 县委召开 is "us".
        let para_start = doc
            .paragraph_at(r.start)
            .map_or(0, |i| doc.paragraphs[i].range.start);
        match text[para_start..r.start].chars().next_back() {
            None => true,
            Some(c) => pack.organ_may_follow.contains(c),
        }
    } else {
        true
    }
}

/// Infer the document's level: the title decides when it names exactly one
/// level; otherwise the body's self-references must clearly favour one.
fn infer_level(doc: &Document, pack: &Jurisdiction) -> Option<Level> {
    let title_range = match (doc.outline.title.first(), doc.outline.title.last()) {
        (Some(&a), Some(&b)) => Some(doc.paragraphs[a].range.start..doc.paragraphs[b].range.end),
        _ => None,
    };
    if let Some(t) = &title_range {
        let in_title: Vec<&str> = pack
            .level
            .iter()
            .filter(|l| title_names_level(doc, pack, t, &l.name))
            .map(|l| l.name.as_str())
            .collect();
        if let [one] = in_title.as_slice() {
            return Some(Level {
                name: one.to_string(),
                from_title: Some(t.clone()),
            });
        }
    }
    let mut scores: Vec<(usize, &str)> = pack
        .level
        .iter()
        .map(|l| (self_references(doc, pack, &l.name).len(), l.name.as_str()))
        .collect();
    scores.sort_by_key(|s| std::cmp::Reverse(s.0));
    let (best, name) = scores[0];
    let second = scores.get(1).map_or(0, |s| s.0);
    (best >= 3 && best >= 3 * second).then(|| Level {
        name: name.to_string(),
        from_title: None,
    })
}

/// Whether the title names an organ of `level` (县委, 青川县人民政府, 全县…).
fn title_names_level(
    doc: &Document,
    pack: &Jurisdiction,
    title: &Range<usize>,
    level: &str,
) -> bool {
    const SUFFIXES: &[&str] = &[
        "委",
        "人民政府",
        "政府",
        "人大",
        "政协",
        "纪委",
        "监委",
        "党委",
        "直",
        "常委",
        "级",
        "人民",
        "委员会",
        "机关",
    ];
    let t = &doc.text[title.clone()];
    t.match_indices(level).any(|(i, _)| {
        let abs = title.start + i..title.start + i + level.len();
        let after = &t[i + level.len()..];
        let prefix_self = ["全", "我", "本"].iter().any(|p| t[..i].ends_with(p));
        (SUFFIXES.iter().any(|s| after.starts_with(s)) || prefix_self)
            && !covered(
                &doc.text,
                &abs,
                pack.not_levels.iter().chain(&pack.exceptions),
            )
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
