//! Which genre (文种) a document is, taken from its title and matched
//! against the templates in `rules/templates/`. One function, shared by
//! `required-section` and `genre-convention`; it belongs with the document
//! facts and can move there whole.

use crate::doc::Document;
use crate::packs::Template;
use crate::rules::RuleCtx;

/// A recognised genre: its template and the paragraphs of the title it
/// was recognised from (empty when forced with `--template`).
pub struct Genre<'a> {
    pub template: &'a Template,
    pub title: Vec<usize>,
}

/// Punctuation that may wrongly end a title.
pub const TITLE_END: &[char] = &[
    '。', '，', '；', '：', '！', '？', '、', '.', ',', ';', ':', '!', '?',
];

/// The document's genre: the `--template` override, else the first
/// template whose title pattern matches the title. A title the outline
/// rejected because it ends with punctuation (关于…的通知。) is still
/// recognised, so that the punctuation itself can be reported.
pub fn genre<'a>(doc: &Document, ctx: &RuleCtx<'a>) -> Option<Genre<'a>> {
    if let Some(name) = &ctx.template {
        return ctx.packs.template(name).map(|template| Genre {
            template,
            title: doc.outline.title.clone(),
        });
    }
    let find = |title: &str| {
        let t = normalise(title);
        ctx.packs
            .templates
            .iter()
            .find(|t2| !t.is_empty() && t2.matches_title(&t))
    };
    let title = &doc.outline.title;
    if !title.is_empty() {
        // The outline may take an unpunctuated 主送机关 line for the title's
        // last line: the genre is named where the title really ends.
        for k in (1..=title.len()).rev() {
            let lines = &title[..k];
            let text: String = lines.iter().map(|&i| doc.para_text(i).trim()).collect();
            if let Some(template) = find(&text) {
                return Some(Genre {
                    template,
                    title: lines.to_vec(),
                });
            }
        }
        // The last line of a wrapped title may carry the end punctuation.
        let next = title.last().unwrap() + 1;
        if next < doc.paragraphs.len() && punctuated_title_line(doc, next) {
            let joined = format!("{}{}", doc.title_text(), doc.para_text(next).trim());
            if let Some(template) = find(&joined) {
                let mut lines = title.clone();
                lines.push(next);
                return Some(Genre {
                    template,
                    title: lines,
                });
            }
        }
    }
    // A punctuated title is no title to the outline, which may then take
    // the unpunctuated 主送机关 line after it for one.
    (0..doc.paragraphs.len().min(2))
        .filter(|&i| !title.contains(&i) && punctuated_title_line(doc, i))
        .find_map(|i| {
            find(doc.para_text(i)).map(|template| Genre {
                template,
                title: vec![i],
            })
        })
}

/// A short line that would be a title but for the punctuation at its end.
fn punctuated_title_line(doc: &Document, i: usize) -> bool {
    let t = doc.para_text(i).trim();
    let body = t.trim_end_matches(TITLE_END);
    body.len() < t.len()
        && (4..=45).contains(&body.chars().count())
        && !body.contains(['。', '，', '；', '：', '！', '？', ',', ';', ':'])
}

/// The title as matched: without end punctuation, a trailing bracketed
/// note ((试行), (2023—2025年), the 文号), or 《》 put round it by a website.
fn normalise(title: &str) -> String {
    let mut t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
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
