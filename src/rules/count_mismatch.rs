use crate::diag::Diagnostic;
use crate::doc::counts::Count;
use crate::doc::outline::{Marker, MarkerKind, LAST};
use crate::doc::Document;
use crate::rules::RuleCtx;
use std::ops::Range;

declare_rule! {
    /// ## 数量与所列条目不符（count-mismatch）
    ///
    /// 文中说了“从四个方面”“五个带头”“三个到位”，后面（或前面）列出的条目却不是这个数。
    /// 检查三种写法：
    /// - 先列后数：`从学习、工作、作风等两个方面` —— 顿号列出的条目数与数字比较；
    /// - 数字后面用“：”“，即”“，分别是”或直接用“，一是”引出条目：
    ///   `重点抓好五个方面工作：一是……四是……`、`“三个到位”，即思想到位、措施到位。`
    ///   —— 数“一是/第一/其一/首先……最后/（一）”，或按分号、顿号分项；
    /// - 段末说了数量（`下面，我讲四点意见。`），下一段起用“（一）（二）……”“一、二、……”
    ///   “第一，……”“一是……”分条列出 —— 数到上一级标题为止。
    ///
    /// 只检查表示“几个方面、几点、几项”这类会引出条目的数量（十以内），不检查统计数字
    /// （`7个社区`、`检查5次`、`项目8个`）；列举后带“等”的（`A、B等五项`）只在列出的多于
    /// 所说的数时报告。
    ///
    /// 报告时标出数字，并在每个被数到的条目上加标注。
    ///
    /// **为什么**：改写模板时删掉或增加一条却忘了改数字，是最容易被领导一眼看出的差错。
    ///
    /// **不会报告**：“四个意识”“两个维护”“六稳”“五大发展理念”“三大攻坚战”这类固定提法
    /// （见 `rules/fixed-phrases.toml`；列出的内容由 `set-phrase-members` 核对）；
    /// 没有引出条目的数量（“五个牢牢把握”）；前后一致的数量。
    pub static RULE = {
        id: "count-mismatch",
        severity: Error,
        summary: "说了“四个方面”，列出的却是三项",
        check: check,
    };
}

/// Words that end a clause's lead-in before a listed first item.
const LEAD_INS: [char; 12] = [
    '从', '在', '对', '把', '将', '以', '按', '就', '抓', '有', '为', '是',
];

/// Classifiers that count items by themselves (四点, 三项, 五条, 两个方面).
const ENUMERATIVE_CLASSIFIERS: &[&str] = &["点", "项", "条", "方面", "大", "种", "类"];

/// Whether a count is the kind that announces a list: 四个方面, 三点意见,
/// 五项措施, a quoted slogan (“三个到位”); not a statistic (7个社区, 5次).
fn announces_list(doc: &Document, c: &Count, nouns: &[String]) -> bool {
    let quoted = doc.text[..c.range().start].ends_with(['“', '‘', '、']);
    enumerative(doc, c, nouns) || quoted
}

/// Whether the count's classifier or noun is one that lists (三点, 四个方面);
/// `nouns` are the pack's `list_nouns`.
fn enumerative(doc: &Document, c: &Count, nouns: &[String]) -> bool {
    let text = &doc.text[c.range()];
    ENUMERATIVE_CLASSIFIERS.contains(&c.classifier())
        || nouns.iter().any(|n| text.ends_with(n.as_str()))
}

/// The items a count was compared with.
struct Items {
    ranges: Vec<Range<usize>>,
    /// Another acceptable count (the last item may join two with 和/及).
    alt: Option<usize>,
    /// The list ends with 等, so it may name only some of the counted things.
    open_ended: bool,
}

fn check(doc: &Document, ctx: &RuleCtx) -> Vec<Diagnostic> {
    let nouns = &ctx.packs.fixed_phrases.list_nouns;
    let mut out = Vec::new();
    // Set phrases with their members are `set-phrase-members`' business.
    for c in doc
        .counts
        .iter()
        .filter(|c| c.value >= 2 && c.set_phrase().is_none())
    {
        if c.value > 10 || !announces_list(doc, c, nouns) {
            continue;
        }
        let Some(items) = list_before(doc, c).or_else(|| list_after(doc, c, nouns)) else {
            continue;
        };
        let n = items.ranges.len();
        if n == c.value as usize || items.alt == Some(c.value as usize) || n == 0 {
            continue;
        }
        // 「A、B等五项」: 等 leaves the list open, so only too many items is wrong.
        if items.open_ended && n < c.value as usize {
            continue;
        }
        let phrase = &doc.text[c.range()];
        let mut d = Diagnostic::new(
            RULE.id,
            c.range(),
            format!("说的是“{phrase}”，实际列出了{n}项：请核对数量，或补全、删减条目"),
        );
        for (i, r) in items.ranges.iter().enumerate() {
            d = d.with_label(label_span(doc, r), format!("第{}项", i + 1));
        }
        out.push(d);
    }
    out
}

/// At most the first six characters of an item, for its label.
fn label_span(doc: &Document, r: &Range<usize>) -> Range<usize> {
    let end = doc.text[r.clone()]
        .char_indices()
        .nth(6)
        .map_or(r.end, |(i, _)| r.start + i);
    r.start..end
}

fn para_of(doc: &Document, c: &Count) -> Range<usize> {
    doc.paragraphs[c.para()].range.clone()
}

/// `A、B、C(等)三个方面`: the list that ends right before the numeral.
fn list_before(doc: &Document, c: &Count) -> Option<Items> {
    let para = para_of(doc, c);
    let before = &doc.text[para.start..c.num().start];
    // Step over 等 / 这 / 共 and closing quotes between the list and the numeral.
    let trimmed = before.trim_end_matches(['等', '这', '共', '”', '’', '"']);
    let mut tail_end = para.start + trimmed.len();
    let quoted_tail = before.len() != trimmed.len() && before.ends_with(['”', '’']);
    let last = trimmed.chars().next_back()?;
    if last == '、' || !(crate::doc::chars::is_han(last) || last == '”') {
        return None;
    }
    // The clause holding the list; for 「“A、B、C”三个到位」 the quotation.
    let opener = if quoted_tail {
        "“‘"
    } else {
        "，。；：！？,;:!?（(【"
    };
    // The paragraph's own heading number (三、) is no list separator.
    let markers = &doc.outline.markers;
    let numbered = markers
        .get(markers.partition_point(|m| m.para < c.para()))
        .filter(|m| m.para == c.para() && m.at_start)
        .map_or(0, |m| {
            m.range.end.saturating_sub(para.start).min(trimmed.len())
        });
    let clause_start = trimmed
        .rfind(|ch: char| opener.contains(ch))
        .map_or(0, |i| i + trimmed[i..].chars().next().unwrap().len_utf8())
        .max(numbered);
    let clause = &trimmed[clause_start..];
    let base = para.start + clause_start;
    // “A”“B”两个方面: consecutive quoted items.
    if !clause.contains('、') {
        if quoted_tail {
            let quotes = clause.matches('“').count();
            if quotes >= 2 && clause.trim_end_matches('”').ends_with(|ch: char| ch != '”') {
                let mut ranges = Vec::new();
                for (i, _) in clause.match_indices('“') {
                    ranges.push(base + i..base + i + '“'.len_utf8());
                }
                return Some(Items {
                    ranges,
                    alt: None,
                    open_ended: false,
                });
            }
        }
        return None;
    }
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, _) in clause.match_indices('、') {
        ranges.push(base + start..base + i);
        start = i + '、'.len_utf8();
    }
    ranges.push(base + start..base + clause.len());
    // Items that hold numbers are statistics (稳经济47条、助企纾困22条), not a list of the counted things.
    if ranges.iter().any(|r| {
        r.is_empty()
            || doc.text[r.clone()]
                .chars()
                .any(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch))
    }) {
        return None;
    }
    // The first item usually carries the clause's lead-in (重点从思想政治):
    // label only what follows the last preposition.
    let first = ranges[0].clone();
    let lead = doc.text[first.clone()]
        .rmatch_indices(LEAD_INS)
        .next()
        .map(|(i, m)| i + m.len());
    if let Some(cut) = lead.filter(|&c| c < first.len()) {
        ranges[0] = first.start + cut..first.end;
    }
    tail_end = tail_end.max(base);
    let last_item = &doc.text[ranges.last().unwrap().start..tail_end];
    let alt = ["和", "及", "与", "以及"]
        .iter()
        .any(|j| last_item.contains(j))
        .then_some(ranges.len() + 1);
    let open_ended = before[trimmed.len()..].contains('等')
        || doc.text[ranges.last().unwrap().clone()].contains('等');
    Some(Items {
        ranges,
        alt,
        open_ended,
    })
}

/// What follows the count: introduced by ：/，即, or, when the count closes
/// its paragraph, the numbered items of the next paragraphs.
fn list_after(doc: &Document, c: &Count, nouns: &[String]) -> Option<Items> {
    let para = para_of(doc, c);
    let rest = &doc.text[c.range().end..para.end];
    if let Some(intro) = introducer(rest) {
        let after_start = c.range().end + intro;
        let after = &doc.text[after_start..para.end];
        if after.trim().is_empty() {
            return next_paragraph_items(doc, c);
        }
        // Numbered items right after the introducer.
        let markers = &doc.outline.markers;
        let i = markers.partition_point(|m| m.range.start < after_start);
        if markers
            .get(i)
            .is_some_and(|m| m.range.start <= after_start + 12 && m.ordinal == 1)
        {
            return Some(run_items(doc, i));
        }
        return sentence_items(doc, after_start, para.end);
    }
    // A count in the paragraph's last sentence, followed by numbered paragraphs.
    // Checked cheapest first: a later count in the paragraph settles it at
    // once, so a paragraph of many counts is not rescanned for each.
    let later = doc
        .counts
        .partition_point(|o| o.range().start <= c.range().start);
    let is_last_count = || {
        !doc.counts[later..]
            .iter()
            .take_while(|o| o.para() == c.para())
            .any(|o| o.value >= 2)
    };
    let last_sentence = || {
        !rest
            .trim_end_matches(['。', '：', ':', ' '])
            .contains(['。', '！', '？'])
    };
    // A quoted slogan (“三个年”活动) closing a paragraph names a campaign;
    // only a listing count announces the numbered paragraphs that follow.
    if enumerative(doc, c, nouns) && is_last_count() && last_sentence() {
        return next_paragraph_items(doc, c);
    }
    None
}

/// Words that, right after a comma, introduce the items of a count.
const COMMA_INTRODUCERS: &[&str] = &["即", "分别是", "分别为", "包括", "就是", "具体是", "具体为"];

/// Byte length up to and including an introducer (：, ，即, ”即, ，分别是,
/// ——) that follows the count within its clause, or `None`. A quotation
/// opened before the introducer belongs to another phrase (完成“三务”公开，即…).
fn introducer(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices().peekable();
    let mut seen = 0;
    while let Some((i, ch)) = chars.next() {
        seen += 1;
        if seen > 12 {
            return None;
        }
        match ch {
            '：' | ':' => return Some(i + ch.len_utf8()),
            '，' | ',' | '”' => {
                let after = &rest[i + ch.len_utf8()..];
                if let Some(w) = COMMA_INTRODUCERS.iter().find(|w| after.starts_with(**w)) {
                    let mut end = i + ch.len_utf8() + w.len();
                    if rest[end..].starts_with(['：', ':']) {
                        end += rest[end..].chars().next().unwrap().len_utf8();
                    }
                    return Some(end);
                }
                if ch != '”' {
                    // 「三点不足，一是……」: the items follow the comma directly.
                    return Some(i + ch.len_utf8()).filter(|_| starts_with_first_marker(after));
                }
            }
            '—' => {
                return match chars.peek() {
                    Some(&(j, '—')) => Some(j + '—'.len_utf8()),
                    _ => None,
                }
            }
            c if crate::doc::chars::is_han(c) || c == '、' => {}
            _ => return None,
        }
    }
    None
}

/// Whether text opens with a first ordinal (一是, 第一, 首先, 其一, （一）, （1）).
fn starts_with_first_marker(text: &str) -> bool {
    [
        "一是",
        "第一，",
        "第一、",
        "首先，",
        "其一，",
        "其一是",
        "（一）",
        "(一)",
        "（1）",
        "(1)",
    ]
    .iter()
    .any(|m| text.starts_with(m))
}

/// The longest sentence, in bytes, searched for the items of a count
/// (about 1,000 Chinese characters).
const MAX_SENTENCE: usize = 3000;

/// Items of the sentence after an introducer, split by ；, or by 、 or ，
/// when only one of them is used.
fn sentence_items(doc: &Document, start: usize, para_end: usize) -> Option<Items> {
    // A list is looked for within one sentence of bounded length, so that a
    // paragraph of many counts without a full stop is not rescanned for each.
    let text = &doc.text[start..para_end];
    let window = &text[..text.floor_char_boundary(MAX_SENTENCE.min(text.len()))];
    let end = match window.find(['。', '!', '?', '！', '？']) {
        Some(end) => end,
        None if window.len() == text.len() => text.len(),
        None => return None,
    };
    let sentence = &text[..end];
    const SEMI: [char; 2] = ['；', ';'];
    const COMMA: [char; 2] = ['，', ','];
    // Items joined by 、 end at the first ，: 即思想到位、措施到位，坚决……
    let sentence = match sentence.find(COMMA) {
        Some(i) if !sentence.contains(SEMI) && sentence[..i].contains('、') => &sentence[..i],
        _ => sentence,
    };
    let sep: &[char] = if sentence.contains(SEMI) {
        &SEMI
    } else if sentence.contains('、') && !sentence.contains(COMMA) {
        &['、']
    } else if sentence.contains(COMMA) && !sentence.contains('、') {
        &COMMA
    } else {
        return None;
    };
    let mut ranges = Vec::new();
    let mut s = 0;
    for (i, m) in sentence.match_indices(sep) {
        ranges.push(start + s..start + i);
        s = i + m.len();
    }
    ranges.push(start + s..start + sentence.len());
    ranges.retain(|r| !doc.text[r.clone()].trim().is_empty());
    (ranges.len() >= 2).then_some(Items {
        ranges,
        alt: None,
        open_ended: false,
    })
}

/// The numbered items opening the next paragraph and continuing after it.
fn next_paragraph_items(doc: &Document, c: &Count) -> Option<Items> {
    let next = c.para() + 1;
    let i = doc.outline.markers.partition_point(|m| m.para < next);
    let m = doc.outline.markers.get(i)?;
    if !(m.para == next && m.at_start && m.ordinal == 1) {
        return None;
    }
    Some(run_items(doc, i))
}

fn is_inline(kind: MarkerKind) -> bool {
    kind.level().is_none()
}

/// The run of markers of one kind starting at `first` (ordinal 1): it ends
/// at a restart, a higher-level heading, or (for 一是-style lists) a heading
/// or a gap of more than one paragraph.
fn run_items(doc: &Document, first: usize) -> Items {
    let markers = &doc.outline.markers;
    let head = &markers[first];
    let kind = head.kind;
    let mut items: Vec<&Marker> = vec![head];
    for m in &markers[first + 1..] {
        let last = items.last().unwrap();
        if m.kind == kind {
            if m.ordinal <= last.ordinal {
                break;
            }
            if is_inline(kind) && m.para > last.para + 1 {
                break;
            }
            items.push(m);
            if m.ordinal == LAST {
                break;
            }
        } else if m.at_start {
            match (kind.level(), m.kind.level()) {
                (Some(k), Some(l)) if l < k => break,
                (None, Some(_)) => break,
                _ => {}
            }
        }
    }
    let ranges = items
        .iter()
        .map(|m| m.range.start..doc.paragraphs[m.para].range.end.min(m.range.end + 18))
        .map(|r| r.start..doc.text.floor_char_boundary(r.end))
        .collect();
    Items {
        ranges,
        alt: None,
        open_ended: false,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{flagged, lint_rule};

    #[test]
    fn headings_after_a_count() {
        let d = lint_rule(
            "count-mismatch",
            "标题\n\n下面从四个方面谈几点意见：\n（一）学习\n（二）工作\n（三）作风\n二、下一步",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].0, "四个方面");
        assert!(d[0].1.contains("3项"));
    }

    #[test]
    fn inline_and_introduced_lists() {
        let d = lint_rule(
            "count-mismatch",
            "标题\n\n重点抓好五个方面工作：一是学习，二是调研，三是整改，四是督查。\n坚持“三个到位”，即思想到位、措施到位。\n从学习、工作、作风等两个方面查摆。",
        );
        let texts = flagged(&d);
        assert_eq!(texts, vec!["五个方面", "三个到位", "两个方面"], "{d:?}");
    }

    #[test]
    fn consistent_counts_and_set_phrases_are_silent() {
        let d = lint_rule(
            "count-mismatch",
            "标题\n\n树牢“四个意识”，坚定“四个自信”，做到“两个维护”，做好稳就业、稳金融、稳外贸、稳外资、稳投资、稳预期“六稳”工作，打好三大攻坚战，着力稳增长、促改革、调结构。\n重点从思想政治、精神状态、工作作风3个方面对照。\n做到“五个带头、五个表率”，即带头学习，做表率；带头担当，做表率；带头斗争，做表率；带头民主，做表率；带头廉洁，做表率。\n主要有两点：一是学习，二是工作。",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn a_paragraph_number_is_not_a_list_separator() {
        let d = lint_rule(
            "count-mismatch",
            "批复\n\n三、你县要从三个方面抓好实施。一是严格管控；二是加强协同；三是强化监督。",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn statistics_are_not_lists() {
        let d = lint_rule(
            "count-mismatch",
            "标题\n\n全街道7个社区全部完成“三务”公开，即党务、居务、财务公开。全镇12个村全部实现“四有”，即有场所、有队伍。全年接待省、市、县各级检查5次。新建学校、医院、养老院等项目共8个。引进宁夏回族自治区、广西壮族自治区客商投资项目5个。深化拓展“三个年”活动。\n（一）项目建设\n（二）招商引资",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn speeches_listing_points_by_paragraph() {
        let d = lint_rule(
            "count-mismatch",
            "标题\n\n下面，我讲四点意见。\n第一，提高认识。\n第二，压实责任。\n第三，强化督查。\n主要有三点不足，一是学习不深，二是调研不够。\n我讲三个问题。\n首先，关于学习。\n其次，关于作风。\n最后，关于纪律。",
        );
        let texts = flagged(&d);
        assert_eq!(texts, vec!["四点意见", "三点不足"], "{d:?}");
    }
}
