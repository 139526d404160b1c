//! One pass over the words of every lexicon pack.

use super::LexiconPack;
use crate::literals::Literals;
use std::ops::Range;

/// The compiled words and, for each pattern, the pack and entry it came from.
#[derive(Debug)]
pub struct Matcher {
    words: Literals,
    owners: Vec<(usize, usize)>,
}

/// One occurrence of a pack's word in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the lexicon pack (the rule) in [`super::Lexicon::packs`].
    pub pack: usize,
    /// Index of the entry in that pack.
    pub entry: usize,
    /// Byte range of the word in the document text.
    pub range: Range<usize>,
}

/// The hits in one document, sorted by pack, then position. Within a pack a
/// word inside a longer word of the same pack (继往 inside 一如继往) is
/// dropped: the longer entry speaks for it.
#[derive(Debug, Default)]
pub struct Hits(Vec<Hit>);

impl Hits {
    /// The hits of one pack, in document order.
    pub fn of(&self, pack: usize) -> &[Hit] {
        let lo = self.0.partition_point(|h| h.pack < pack);
        let hi = self.0.partition_point(|h| h.pack <= pack);
        &self.0[lo..hi]
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Matcher {
    pub fn new(packs: &[LexiconPack]) -> Matcher {
        let mut words = Vec::new();
        let mut owners = Vec::new();
        for (p, pack) in packs.iter().enumerate() {
            for (e, entry) in pack.entry.iter().enumerate() {
                // The pack loader refuses an empty word; one in a pack built
                // otherwise would be found everywhere, so it is left out.
                if entry.wrong.is_empty() {
                    continue;
                }
                words.push(entry.wrong.as_str());
                owners.push((p, e));
            }
        }
        Matcher {
            words: Literals::new(&words),
            owners,
        }
    }

    /// All words in `text`, in one pass.
    pub fn find(&self, text: &str) -> Hits {
        let mut found = Vec::new();
        self.words.for_each(text, |w, range| found.push((w, range)));
        self.hits_from(found)
    }

    /// The words searched, in the order `hits_from` numbers them.
    pub fn words(&self) -> &Literals {
        &self.words
    }

    /// The hits made of `found`: every occurrence of every word of
    /// [`Matcher::words`] in a text, as (word, range).
    pub fn hits_from(&self, found: impl IntoIterator<Item = (usize, Range<usize>)>) -> Hits {
        let mut all: Vec<Hit> = found
            .into_iter()
            .map(|(w, range)| {
                let (pack, entry) = self.owners[w];
                Hit { pack, entry, range }
            })
            .collect();
        all.sort_by_key(|h| (h.pack, h.range.start, std::cmp::Reverse(h.range.end)));
        let mut kept: Vec<Hit> = Vec::with_capacity(all.len());
        let mut reach: Option<(usize, usize)> = None;
        for h in all {
            match reach {
                Some((p, end)) if p == h.pack && h.range.end <= end => continue,
                _ => {
                    reach = Some((h.pack, h.range.end));
                    kept.push(h);
                }
            }
        }
        Hits(kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(id: &str, words: &[&str]) -> LexiconPack {
        let mut toml =
            format!("id = \"{id}\"\nseverity = \"error\"\nsummary = \"s\"\ndoc = \"d\"\n");
        for w in words {
            toml.push_str(&format!("[[entry]]\nwrong = \"{w}\"\n"));
        }
        super::super::pack::parse("t.toml", &toml).unwrap()
    }

    #[test]
    fn one_pass_finds_every_pack_and_prefers_the_longer_word() {
        let packs = vec![
            pack("a", &["继往", "一如继往", "布署"]),
            pack("b", &["继往"]),
        ];
        let m = Matcher::new(&packs);
        let text = "一如继往地布署，继往";
        let hits = m.find(text);
        let a: Vec<&str> = hits.of(0).iter().map(|h| &text[h.range.clone()]).collect();
        assert_eq!(a, ["一如继往", "布署", "继往"]);
        let b: Vec<&str> = hits.of(1).iter().map(|h| &text[h.range.clone()]).collect();
        assert_eq!(b, ["继往", "继往"]);
        assert!(hits.of(2).is_empty());
    }

    #[test]
    fn nothing_to_find() {
        let m = Matcher::new(&[]);
        assert!(m.find("布署").is_empty());
        let m = Matcher::new(&[pack("a", &["布署"])]);
        assert!(m.find("部署工作").is_empty());
    }
}
