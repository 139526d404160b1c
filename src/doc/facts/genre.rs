//! Which genre (文种) a document is, taken from its title and matched
//! against the templates in `rules/templates/`.

use super::{Evidence, Fact, Genre};
use crate::doc::Document;
use crate::packs::Packs;

/// Punctuation that may wrongly end a title.
pub const TITLE_END: &[char] = &[
    '。', '，', '；', '：', '！', '？', '、', '.', ',', ';', ':', '!', '?',
];

/// The document's genre: the first template whose title pattern matches
/// the title. A title the outline rejected because it ends with
/// punctuation (关于…的通知。) is still recognised, so that the
/// punctuation itself can be reported.
pub fn infer(doc: &Document, packs: &Packs) -> Option<Fact<Genre>> {
    let find = |lines: &[usize]| {
        let text: String = lines.iter().map(|&k| doc.para_text(k).trim()).collect();
        let t = normalise(&text);
        let template = packs
            .templates
            .iter()
            .find(|t2| !t.is_empty() && t2.matches_title(&t))?;
        let (a, b) = (lines.first()?, lines.last()?);
        Some(Fact {
            value: Genre {
                name: template.name.clone(),
                title: lines.to_vec(),
            },
            span: Some(doc.paragraphs[*a].range.start..doc.paragraphs[*b].range.end),
            evidence: Evidence::Title,
        })
    };
    let title = &doc.outline.title;
    // The outline may take an unpunctuated 主送机关 line for the title's
    // last line: the genre is named where the title really ends.
    for k in (1..=title.len()).rev() {
        if let Some(f) = find(&title[..k]) {
            return Some(f);
        }
    }
    // Else look through the head of the document, above its first sentence:
    // the outline misses a title that ends with punctuation (关于…的通知。)
    // or that stands below the 发文机关标志 and the 文号. A title may be
    // wrapped over two lines.
    let head: Vec<usize> = (0..doc.paragraphs.len().min(6))
        .take_while(|&i| head_line(doc, i))
        .collect();
    for (n, &i) in head.iter().enumerate() {
        // A line ending with punctuation ends the title.
        let ended = doc.para_text(i).trim_end().ends_with(TITLE_END);
        let pair = head.get(n + 1).filter(|_| !ended).map(|&j| vec![i, j]);
        for lines in pair.into_iter().chain([vec![i]]) {
            if let Some(f) = find(&lines) {
                return Some(f);
            }
        }
    }
    None
}

/// A line that may be (part of) a title: short, not numbered, with no
/// punctuation but perhaps some wrongly put at its end.
fn head_line(doc: &Document, i: usize) -> bool {
    let t = doc.para_text(i).trim();
    if doc
        .outline
        .markers
        .iter()
        .any(|m| m.para == i && m.at_start)
    {
        return false;
    }
    let body = t.trim_end_matches(TITLE_END);
    (1..=45).contains(&body.chars().count())
        && !body.contains(['。', '，', '；', '：', '！', '？', ',', ';', ':'])
        && !t.starts_with("特此")
}

/// The title as matched: without end punctuation, a trailing bracketed
/// note ((试行), (2023—2025年), the 文号), or 《》 put round it by a website.
fn normalise(title: &str) -> String {
    let mut t: String = title
        .trim_start_matches('#')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    loop {
        let before = t.len();
        t = t.trim_end_matches(TITLE_END).to_string();
        if t.ends_with(['）', ')']) {
            if let Some(open) = t.rfind(['（', '(']) {
                if open > 0 {
                    t.truncate(open);
                }
            }
        }
        if t.starts_with('《') && t.ends_with('》') {
            t = t['《'.len_utf8()..t.len() - '》'.len_utf8()].to_string();
        }
        if t.len() == before {
            return t;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_below_the_issuer_and_number_wrapped_over_two_lines() {
        use crate::testing::lint_rule;
        let d = lint_rule(
            "genre-convention",
            "云溪县人民政府办公室文件\n云政办发〔2025〕3号\n云溪县人民政府办公室关于做好\n防汛工作的通知。\n各乡镇：\n汛期将至。",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].0, "。");
        // “特此通知” at the end of a body-less text is no title.
        let d = lint_rule("genre-convention", "特此通知\n县政府办公室");
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn normalised_titles() {
        assert_eq!(
            normalise("关于做好防汛工作的通知。"),
            "关于做好防汛工作的通知"
        );
        assert_eq!(normalise("某某实施方案（试行）"), "某某实施方案");
        assert_eq!(
            normalise("《关于印发〈要点〉的通知》"),
            "关于印发〈要点〉的通知"
        );
        assert_eq!(normalise("关于X的通知(岳办发〔2017〕2号)"), "关于X的通知");
    }
}
