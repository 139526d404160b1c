//! The issuing level and place: from organ names and office holders in the
//! title, subtitle, speaker line, 发文机关标志, 发文字号, 主送机关 and 落款,
//! then from the body's self-references.

use super::selfref::{self, covered};
use super::{Evidence, Fact, Zone, Zones};
use crate::doc::chars::is_han;
use crate::doc::Document;
use crate::packs::{Jurisdiction, Level};
use std::ops::Range;

/// A level named in a zone: 长沙县人民政府, 县委, 区长, 全县.
#[derive(Debug)]
struct Mention<'p> {
    level: &'p Level,
    /// The level's characters.
    range: Range<usize>,
    /// The place name with its level (长沙县), when one stands before it.
    place: Option<Range<usize>>,
}

pub fn infer(
    doc: &Document,
    zones: &Zones,
    pack: &Jurisdiction,
) -> (Option<Fact<String>>, Option<Fact<String>>) {
    let mut ordered: Vec<&Zone> = Vec::new();
    ordered.extend(&zones.issuer);
    ordered.extend(zones.others.iter());
    for zone in ordered {
        let mentions = mentions(doc, pack, zone);
        // Several levels in one zone (长沙市长沙县人民政府): the lowest issues.
        let Some(m) = mentions
            .iter()
            .max_by_key(|m| (m.level.tier, m.place.is_some()))
        else {
            continue;
        };
        let place = m.place.clone().map(|r| Fact {
            value: doc.text[r.clone()].to_string(),
            span: Some(r),
            evidence: zone.evidence,
        });
        let span = m.place.clone().unwrap_or(m.range.clone());
        let named = place
            .as_ref()
            .map_or(m.level, |p| pack.level_of_place(&p.value, m.level));
        let level = Fact {
            value: named.name.clone(),
            span: Some(span),
            evidence: zone.evidence,
        };
        return (Some(level), place);
    }
    // Self-references in the title (关于在全县开展…的通知).
    if let Some(title) = &zones.title {
        if let Some((level, r)) = title_self_reference(doc, pack, &title.range) {
            return (
                Some(Fact {
                    value: level.name.clone(),
                    span: Some(r),
                    evidence: Evidence::Title,
                }),
                None,
            );
        }
    }
    let by_recipients = zones
        .others
        .iter()
        .filter(|z| z.evidence == Evidence::Addressee)
        .find_map(|z| by_recipients(doc, pack, z));
    (
        by_recipients.or_else(|| by_self_references(doc, pack)),
        None,
    )
}

/// The level above the first one a 主送机关 addresses (各设区市 → 省,
/// 各乡镇人民政府 → 县, 区 or 旗), told apart by the body's
/// self-references: the one level of that tier the body calls itself, at
/// least once and more often than the others.
fn by_recipients(doc: &Document, pack: &Jurisdiction, zone: &Zone) -> Option<Fact<String>> {
    let (tier, span) = recipients(doc, pack, zone)?;
    let scores: Vec<(usize, &Level)> = pack
        .level
        .iter()
        .filter(|l| l.tier + 1 == tier && attested(doc, l))
        .map(|l| (weight(doc, pack, l.self_chars()), l))
        .collect();
    let &(best, level) = scores.iter().max_by_key(|(n, _)| *n)?;
    let unique = scores.iter().filter(|(n, _)| *n == best).count() == 1;
    (best > 0 && unique).then(|| Fact {
        value: level.name.clone(),
        span: Some(span),
        evidence: Evidence::Addressee,
    })
}

/// A level that shares its self-references with another (自治区 and 区,
/// 直辖市 and 市) needs its name or one of its places in the text.
fn attested(doc: &Document, level: &Level) -> bool {
    level.self_chars() == level.name
        || doc.text.contains(level.name.as_str())
        || level.places.iter().any(|p| doc.text.contains(p.as_str()))
}

/// The tier of the first level a 主送机关 addresses with 各 (各县（市、区）,
/// 各设区市, 各乡镇), and the span from 各 to it; 各县直单位 is the sender's.
fn recipients(doc: &Document, pack: &Jurisdiction, zone: &Zone) -> Option<(u8, Range<usize>)> {
    let text = &doc.text;
    for (i, _) in text[zone.range.clone()].match_indices('各') {
        let from = zone.range.start + i;
        let rest = &text[from + '各'.len_utf8()..zone.range.end];
        for (j, c) in rest.char_indices().take(3) {
            if !is_han(c) {
                break;
            }
            let at = from + '各'.len_utf8() + j;
            let Some(level) = pack
                .level
                .iter()
                .filter(|l| text[at..].starts_with(l.name.as_str()))
                .max_by_key(|l| l.name.len())
            else {
                continue;
            };
            let r = at..at + level.name.len();
            if covered(text, &r, pack.not_levels.iter()) {
                continue;
            }
            if text[r.end..].starts_with('直') {
                break;
            }
            return Some((level.tier, from..r.end));
        }
    }
    None
}

/// Levels named in a zone as an organ, an office or a self-reference.
fn mentions<'p>(doc: &Document, pack: &'p Jurisdiction, zone: &Zone) -> Vec<Mention<'p>> {
    let text = &doc.text;
    let z = &text[zone.range.clone()];
    let mut out = Vec::new();
    for level in &pack.level {
        for (i, _) in z.match_indices(level.name.as_str()) {
            let r = zone.range.start + i..zone.range.start + i + level.name.len();
            // A shorter name inside a longer one (区 in 自治区) is the longer one's.
            if level.name.chars().count() == 1
                && pack.level.iter().any(|l| {
                    l.name.len() > level.name.len()
                        && l.name.ends_with(level.name.as_str())
                        && text[..r.end].ends_with(l.name.as_str())
                })
            {
                continue;
            }
            // 地区 is a level and a common word: its own name does not hide it.
            if covered(
                text,
                &r,
                pack.not_levels.iter().filter(|w| **w != level.name),
            ) {
                continue;
            }
            let before = &text[zone.range.start..r.start];
            let after = &text[r.end..zone.range.end];
            let self_form = ["全", "我", "本"].iter().any(|p| before.ends_with(p));
            if before.ends_with('各') && !after.starts_with('直') {
                continue;
            }
            let suffix = pack
                .organ_suffixes
                .iter()
                .filter(|s| after.starts_with(s.as_str()))
                .max_by_key(|s| s.len());
            let bureau = bureau_after(after, pack);
            let by_suffix = suffix.is_some_and(|s| suffix_ok(doc, &r, s, after));
            // 王家镇 ending a title's issuer, a 落款 or a 发文机关标志.
            let place = place_before(doc, pack, zone.range.start, &r);
            let bare_place = place.is_some()
                && after.trim().is_empty()
                && matches!(
                    zone.evidence,
                    Evidence::Title | Evidence::Header | Evidence::Signature
                );
            // A lead's 我县 is a self-reference like any other in the body.
            let self_named = self_form && level.name != "地区" && zone.evidence != Evidence::Lead;
            let named = by_suffix || bureau || bare_place || self_named;
            // 自治区 and 自治州 are exceptions to self-references, not to mentions.
            let exceptions = pack.exceptions.iter().filter(|w| !w.starts_with("自治"));
            if !named || covered(text, &r, exceptions) {
                continue;
            }
            // A lead that cites its superiors first (根据县委……部署，我镇……)
            // names them in a clause of its own: they do not issue it.
            if zone.evidence == Evidence::Lead && cites_superior(before) {
                continue;
            }
            // The 主送机关 names the recipients; only 县直各单位 and
            // 省政府各部门 say who sends.
            if zone.evidence == Evidence::Addressee
                && suffix.is_none_or(|s| s != "直" && !after[s.len()..].starts_with('各'))
            {
                continue;
            }
            if !token_ok(doc, &r, suffix.map(String::as_str)) {
                continue;
            }
            // An office (区长, 代区长) names no place.
            let place = place.filter(|_| suffix.is_none_or(|s| s != "长"));
            out.push(Mention {
                level,
                range: r.clone(),
                place: place.map(|p| p..r.end),
            });
        }
    }
    out
}

/// Whether the clause holding the end of `before` opens by citing an
/// authority (根据, 按照, 依据, 遵照, 贯彻, 落实, 为).
fn cites_superior(before: &str) -> bool {
    let clause = before
        .rfind(['，', ',', '；', '。'])
        .map_or(before, |i| &before[i..])
        .trim_start_matches(['，', ',', '；', '。', ' ']);
    ["根据", "按照", "依据", "遵照", "贯彻", "落实", "为", "在"]
        .iter()
        .any(|w| clause.starts_with(w))
}

/// A bureau or office right after the level: 县财政局, 市生态环境局.
fn bureau_after(after: &str, pack: &Jurisdiction) -> bool {
    let mut seen = 0;
    for (i, c) in after.char_indices() {
        if !is_han(c) || seen > 10 {
            return false;
        }
        seen += 1;
        let rest = &after[i..];
        if seen >= 2
            && pack
                .bureau_ends
                .iter()
                .any(|e| rest.starts_with(e.as_str()))
        {
            return true;
        }
    }
    false
}

/// Some suffixes need more than the next characters: 长 must make one word
/// with the level (县长, not 市长期), 第 must start a session (第十八届).
fn suffix_ok(doc: &Document, r: &Range<usize>, suffix: &str, after: &str) -> bool {
    match suffix {
        "长" => doc
            .tokens_in(r.start..r.end)
            .first()
            .is_some_and(|t| t.start == r.start && t.end == r.end + "长".len()),
        "第" => {
            let rest = &after["第".len()..];
            let digits = rest
                .chars()
                .take_while(|c| "一二三四五六七八九十百0123456789".contains(*c))
                .count();
            digits > 0 && rest.chars().nth(digits) == Some('届')
        }
        _ => true,
    }
}

/// The level's characters must end a token, or the token must end within
/// the organ word after them (县委, 湖南省人民政府), or be an office word
/// starting with both (县委书记) — not run on (市场).
fn token_ok(doc: &Document, r: &Range<usize>, suffix: Option<&str>) -> bool {
    let Some(t) = doc.tokens_in(r.start..r.end).first() else {
        return true;
    };
    t.end == r.end
        || (t.end > r.end && suffix.is_some_and(|s| t.end <= r.end + s.len()))
        // An office word that starts with the level and its suffix (县委书记).
        || (t.start == r.start && suffix.is_some_and(|s| doc.text[r.end..t.end].starts_with(s)))
}

/// The place name right before a level (长沙 in 长沙县, 恩施土家族苗族 in
/// 恩施土家族苗族自治州): the Han characters back to one that cannot be
/// part of a name, at most ten; a level above it is cut off (湖南省长沙县),
/// unless that would leave less than two characters (宁乡县, 镇江市).
fn place_before(
    doc: &Document,
    pack: &Jurisdiction,
    floor: usize,
    r: &Range<usize>,
) -> Option<usize> {
    let levels = |c: char| pack.level.iter().any(|l| l.name.starts_with(c));
    let before = &doc.text[floor..r.start];
    let mut start = r.start;
    for (n, (i, c)) in before.char_indices().rev().enumerate() {
        if n >= 10 || !is_han(c) || (pack.not_names.contains(c) && !levels(c)) {
            break;
        }
        // 全县, 我县: a self-reference, not a name.
        if n == 0 && "全我本各该".contains(c) {
            break;
        }
        start = floor + i;
        if before[..i].ends_with("中共") {
            break;
        }
    }
    let name = &doc.text[start..r.start];
    let cut = pack
        .level
        .iter()
        .filter_map(|l| name.rfind(l.name.as_str()).map(|i| i + l.name.len()))
        .filter(|&i| name[i..].chars().count() >= 2)
        .max()
        .unwrap_or(0);
    let start = start + cut;
    let name = &doc.text[start..r.start];
    let organ_words = ["政府", "人民", "委", "局", "代", "副", "党"];
    // A one-character name (攸县, 沛县) only where it opens the zone.
    let n = name.chars().count();
    let opens = start == floor || doc.text[..start].ends_with("中共");
    ((n >= 2 || (n == 1 && opens)) && !organ_words.iter().any(|w| name.contains(w)))
        .then_some(start)
}

/// A self-reference in the title: 关于在全县开展…, 全区经济工作会议.
fn title_self_reference<'p>(
    doc: &Document,
    pack: &'p Jurisdiction,
    title: &Range<usize>,
) -> Option<(&'p Level, Range<usize>)> {
    let t = &doc.text[title.clone()];
    pack.level
        .iter()
        .filter_map(|l| {
            ["全", "我", "本"].iter().find_map(|p| {
                // The first 全县 (p, then the level's characters) in the
                // title, compared in place: a title is short.
                let (p, chars) = (p.as_bytes(), l.self_chars().as_bytes());
                let len = p.len() + chars.len();
                let i = t
                    .as_bytes()
                    .windows(len)
                    .position(|w| w.starts_with(p) && w.ends_with(chars))?;
                let r = title.start + i..title.start + i + len;
                (!covered(
                    &doc.text,
                    &r,
                    pack.exceptions.iter().chain(&pack.not_levels),
                ))
                .then_some((l, r))
            })
        })
        .max_by_key(|(l, _)| l.tier)
}

/// The body's self-references must clearly favour one level. Each is
/// weighed by how surely it means the document itself: 本县, 县直 and
/// 全县上下 count 2, 全县, 我县 and 县委 count 1 (documents name their
/// superiors that way too: 全省第一, 我省出台). The heaviest level wins
/// when it weighs at least 3 and at least twice any sibling or any
/// level below it (a stray 全区 or a quoted town must not tip it).
fn by_self_references(doc: &Document, pack: &Jurisdiction) -> Option<Fact<String>> {
    let scores: Vec<(usize, &Level)> = pack
        .level
        .iter()
        // 自治区 and 区 share their forms; count them once, for 区.
        .filter(|l| l.self_ref.is_none())
        .map(|l| (weight(doc, pack, l.self_chars()), l))
        .filter(|(n, _)| *n > 0)
        .collect();
    let &(best, level) = scores.iter().max_by_key(|(n, _)| *n)?;
    let clear = scores.iter().all(|&(n, l)| {
        l.name == level.name
            || (l.tier == level.tier && best >= 2 * n)
            || (l.tier > level.tier && best >= 2 * n)
            || (l.tier < level.tier && best > n)
    });
    (best >= 3 && clear).then(|| Fact {
        value: level.name.clone(),
        span: None,
        evidence: Evidence::SelfReference,
    })
}

/// The weight of a level's self-references in the body.
fn weight(doc: &Document, pack: &Jurisdiction, chars: &str) -> usize {
    selfref::of_level(doc, pack, chars)
        .iter()
        .map(|(r, organ)| {
            let form = &doc.text[r.clone()];
            let sure = form.starts_with('本')
                || form.ends_with('直')
                || (form.starts_with('全') && doc.text[r.end..].starts_with("上下"));
            if *organ {
                1
            } else if sure {
                2
            } else {
                1
            }
        })
        .sum()
}
