//! Self-references: 全县, 我局, 区直, 县委… — a form with `{}` standing for a
//! level's or an organ's character, found where it stands as a word.

use crate::doc::chars::is_han;
use crate::doc::Document;
use crate::packs::Jurisdiction;
use std::ops::Range;

/// A form split at its `{}`: 全{} → ("全", ""), {}直 → ("", "直").
pub fn split_form(form: &str) -> (&str, &str) {
    form.split_once("{}").unwrap_or((form, ""))
}

/// Every occurrence of `forms` filled with `chars` in the text, as
/// (range, index of the form). One scan for `chars`; each form is then
/// checked around the occurrence, so the work is linear in the text.
pub fn occurrences(
    text: &str,
    chars: &str,
    forms: &[impl AsRef<str>],
) -> Vec<(Range<usize>, usize)> {
    let split: Vec<(&str, &str)> = forms.iter().map(|f| split_form(f.as_ref())).collect();
    let mut out = Vec::new();
    // memchr's vectorised search is several times faster than
    // `match_indices` over a long text; both give non-overlapping matches
    // (an empty `chars` matches at each character boundary, as before).
    let at: Vec<usize> = if chars.is_empty() {
        text.match_indices(chars).map(|(i, _)| i).collect()
    } else {
        memchr::memmem::find_iter(text.as_bytes(), chars).collect()
    };
    for i in at {
        let end = i + chars.len();
        for (fi, (pre, post)) in split.iter().enumerate() {
            if text[..i].ends_with(pre) && text[end..].starts_with(post) {
                out.push((i - pre.len()..end + post.len(), fi));
            }
        }
    }
    out
}

/// Whether one of `words` occurs over (part of) `r` in `text`: 社区 over 区.
/// Each word is compared in place at the few positions of a small window
/// around `r` (leftmost, non-overlapping, as a search of the window would
/// find them), so no searcher is built per word.
pub fn covered<'a>(
    text: &str,
    r: &Range<usize>,
    mut words: impl Iterator<Item = &'a String>,
) -> bool {
    let bytes = text.as_bytes();
    words.any(|w| {
        let w = w.as_bytes();
        if w.is_empty() {
            // An empty word matches at every boundary inside `r`.
            return text[r.clone()].chars().nth(1).is_some();
        }
        let lo = text.floor_char_boundary(r.start.saturating_sub(w.len()));
        let hi = text.ceil_char_boundary((r.end + w.len()).min(text.len()));
        let mut i = lo;
        while i < r.end && i + w.len() <= hi {
            // The first two bytes first: most positions fail there.
            if bytes[i] == w[0] && bytes.get(i + 1) == w.get(1) && bytes[i..].starts_with(w) {
                if i + w.len() > r.start {
                    return true;
                }
                i += w.len();
            } else {
                i += 1;
            }
        }
        false
    })
}

/// Whether a match stands as a word: not inside a listed exception or
/// non-level word, starting at a token boundary and ending at one (or the
/// token at its start covering it: 区委书记). An `organ` form (区委) must
/// not follow a place name (青川县委 is another county's).
pub fn stands_alone(doc: &Document, pack: &Jurisdiction, r: &Range<usize>, organ: bool) -> bool {
    // The token checks are cheap; the exception words are compared last.
    if !doc.is_token_boundary(r.start) {
        return false;
    }
    let end_ok = doc.is_token_boundary(r.end)
        || doc
            .tokens_in(r.end - 1..r.end)
            .first()
            .is_some_and(|t| t.start == r.start);
    if !end_ok || in_level_list(doc, pack, r) || names_a_place(doc, pack, r) {
        return false;
    }
    if covered(
        &doc.text,
        r,
        pack.exception_words_around(&doc.text, r).into_iter(),
    ) {
        return false;
    }
    !organ || may_be_own_organ(doc, pack, r.start)
}

/// Whether a match is one item of a list of bare levels (各市、县、区政府,
/// 县、区直部门, 区直、县直单位), which names several levels rather than the
/// document. 各乡镇、区直单位 is no such list.
fn in_level_list(doc: &Document, pack: &Jurisdiction, r: &Range<usize>) -> bool {
    let bare = |s: &str| pack.level.iter().any(|l| l.self_chars() == s);
    let before = doc.text[..r.start].trim_end_matches(['全', '我', '本']);
    let prev_item = before.strip_suffix(['、', '/']).map(|b| {
        let start = b
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_han(c) || c == '各')
            .map_or(0, |(i, c)| i + c.len_utf8());
        &b[start..]
    });
    let next = doc.text[r.end..].strip_prefix(['、', '/']).map(|a| {
        let mut it = a.chars();
        (it.next(), it.next())
    });
    prev_item.is_some_and(bare)
        || next.is_some_and(|(c, after)| {
            c.is_some_and(|c| bare(c.encode_utf8(&mut [0; 4])))
                && after.is_none_or(|a| !is_han(a) || "直委政人级".contains(a))
        })
}

/// Whether a 全X form is the start of a place name: 全州县 (a county of
/// 桂林市), 全椒县 — the level's characters followed by another level.
fn names_a_place(doc: &Document, pack: &Jurisdiction, r: &Range<usize>) -> bool {
    let after = &doc.text[r.end..];
    doc.text[r.clone()].starts_with('全')
        && pack
            .level
            .iter()
            .any(|l| l.tier >= 3 && after.starts_with(l.self_chars()))
}

/// Whether an organ form starting at `start` may be the document's own:
/// nothing but punctuation or a function word right before it.
pub fn may_be_own_organ(doc: &Document, pack: &Jurisdiction, start: usize) -> bool {
    let para_start = doc
        .paragraph_at(start)
        .map_or(0, |i| doc.paragraphs[i].range.start);
    match doc.text[para_start..start].chars().next_back() {
        None => true,
        Some(c) => pack.organ_may_follow.contains(c),
    }
}

/// Self-references of a level's characters (全区, 区委…) that stand as
/// words, with whether each is an organ form (区委) rather than a strong one.
pub fn of_level(doc: &Document, pack: &Jurisdiction, chars: &str) -> Vec<(Range<usize>, bool)> {
    let forms: Vec<&String> = pack.strong.iter().chain(&pack.organ).collect();
    let strong = pack.strong.len();
    let mut out: Vec<(Range<usize>, bool)> = occurrences(&doc.text, chars, &forms)
        .into_iter()
        .map(|(r, fi)| (r, fi >= strong))
        .filter(|(r, organ)| stands_alone(doc, pack, r, *organ))
        .collect();
    out.sort_by_key(|r| (r.0.start, std::cmp::Reverse(r.0.end)));
    // 全区 and 区直 could overlap (全区直属), 区政府 and 区人民政府 too: keep the first.
    out.dedup_by(|b, a| b.0.start < a.0.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(w: &[&str]) -> Vec<String> {
        w.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn covered_by_a_word_over_part_of_the_range() {
        let text = "加强社区建设，全区上下";
        let qu = |t: &str, n: usize| {
            let i = t.match_indices('区').nth(n).unwrap().0;
            i..i + '区'.len_utf8()
        };
        let w = words(&["社区", "城区"]);
        assert!(covered(text, &qu(text, 0), w.iter()));
        assert!(!covered(text, &qu(text, 1), w.iter()));
        // 全区 over 区 of 全区上下, but not over the 区 of 社区.
        let w = words(&["全区"]);
        assert!(covered(text, &qu(text, 1), w.iter()));
        assert!(!covered(text, &qu(text, 0), w.iter()));
    }

    /// The words sharing a character with a range decide whether it is
    /// covered exactly as all the words do, at every level character of the
    /// project's documents and drafts, for ranges of one to three characters.
    #[test]
    fn words_sharing_a_character_decide_as_all_words_do() {
        let pack = &crate::packs::Packs::builtin().jurisdiction;
        let mut texts = Vec::new();
        for dir in ["corpus/docs", "corpus/drafts"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                if e.path().extension().is_some_and(|x| x == "txt") {
                    texts.push(std::fs::read_to_string(e.path()).unwrap());
                }
            }
        }
        assert!(texts.len() > 5);
        let (mut checked, mut hidden) = (0, 0);
        for text in &texts {
            for level in &pack.level {
                for (i, _) in text.match_indices(level.self_chars()) {
                    let start = text.floor_char_boundary(i.saturating_sub(3));
                    for end in [i + level.self_chars().len(), text.ceil_char_boundary(i + 6)] {
                        for r in [start..end, i..end] {
                            let all =
                                covered(text, &r, pack.exceptions.iter().chain(&pack.not_levels));
                            let some = covered(
                                text,
                                &r,
                                pack.exception_words_around(text, &r).into_iter(),
                            );
                            assert_eq!(all, some, "{:?}", &text[r.clone()]);
                            checked += 1;
                            hidden += usize::from(all);
                        }
                    }
                }
            }
        }
        assert!(checked > 1000 && hidden > 10, "{checked} {hidden}");
    }

    /// Words added after the index was first used are found too.
    #[test]
    fn exception_words_added_later_are_indexed() {
        let mut packs = crate::packs::Packs::embedded().unwrap();
        let has = |p: &crate::packs::Packs, w: &str| {
            p.jurisdiction
                .exception_words_around("发展区块链", &(6..9))
                .iter()
                .any(|x| *x == w)
        };
        assert!(!has(&packs, "区块链"));
        packs.extend_words(&[], &[], &["区块链".to_string()]);
        assert!(has(&packs, "区块链"));
    }

    #[test]
    fn covered_finds_matches_as_a_search_of_the_window_would() {
        // 区区区: a search finds 区区 at 0 only (non-overlapping), so the
        // range of the third 区 is not covered though 区区 also occurs at 3.
        let text = "区区区";
        let w = words(&["区区"]);
        assert!(covered(text, &(0..3), w.iter()));
        assert!(!covered(text, &(6..9), w.iter()));
    }
}
