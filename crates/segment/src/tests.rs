//! Unit tests: the image reader and the segmenter, on the default
//! dictionary and on small dictionaries built by the same writer as
//! build.rs (checked against jieba-rs built from the same entries).

use crate::rng::Rng;
use crate::{default_dict, write, Dict, Segmenter};
use jieba_rs::Jieba;

/// The tokens of `text` as strings.
fn cut<'t>(dict: Dict<'_>, text: &'t str) -> Vec<&'t str> {
    let mut out = Vec::new();
    Segmenter::new(dict).cut(text, 0, &mut out);
    out.iter()
        .map(|r| &text[r.start as usize..r.end as usize])
        .collect()
}

fn jieba_cut<'t>(jieba: &Jieba, text: &'t str) -> Vec<&'t str> {
    jieba.cut(text, false).into_iter().map(|t| t.word).collect()
}

/// The default dictionary's text, as build.rs read it.
fn dictionary_text() -> String {
    std::fs::read_to_string(env!("GWLINT_SEGMENT_DICT_TXT")).expect("jieba-rs's dict.txt")
}

#[test]
fn default_dictionary_has_words_and_not_others() {
    let dict = default_dict();
    for word in [
        "中",
        "中华",
        "中华人民",
        "中华人民共和国",
        "我们",
        "县委",
        "常委会",
        "4S店",
    ] {
        assert!(dict.contains(word), "{word}");
    }
    // 中华人 is only a prefix; the others are not in the dictionary at all.
    for word in [
        "",
        "中华人",
        "中华人民共和国万岁",
        "民主生活会",
        "𠀀",
        "x",
        "县委常委会",
    ] {
        assert!(!dict.contains(word), "{word}");
    }
}

#[test]
fn prefixes_are_the_words_a_text_starts_with() {
    let dict = default_dict();
    assert_eq!(
        dict.prefixes("中华人民共和国万岁"),
        ["中", "中华", "中华人民", "中华人民共和国"]
    );
    assert_eq!(dict.prefixes("我们的"), ["我", "我们"]);
    assert!(dict.prefixes("𠀀中").is_empty());
    assert!(dict.prefixes("").is_empty());
}

/// Every word of the text is in the image with the log-probability jieba-rs
/// computes for it, and the image has no other word.
#[test]
fn default_image_holds_every_word_with_its_probability() {
    let text = dictionary_text();
    let entries: Vec<(&str, u64)> = text
        .lines()
        .filter_map(|l| {
            let mut f = l.split_ascii_whitespace();
            Some((f.next()?, f.next().map_or(0, |n| n.parse().unwrap())))
        })
        .collect();
    assert!(entries.len() > 300_000);
    let ln_total = (entries.iter().map(|e| e.1).sum::<u64>() as f64).ln();
    let dict = default_dict();
    let mut words = 0;
    for &(word, freq) in &entries {
        let want = (freq as f64).ln() - ln_total;
        assert_eq!(
            dict.log_prob(word).map(f64::to_bits),
            Some(want.to_bits()),
            "{word}"
        );
        words += 1;
    }
    // Word nodes in the image: one per distinct word.
    assert_eq!(dict.word_count(), words);
    assert_eq!(dict.unknown_prob().to_bits(), (0.0 - ln_total).to_bits());
}

/// The pairs table names the same node as the trie for every two-character
/// prefix of a word, and nothing for two characters that start none.
#[test]
fn pairs_agree_with_the_trie() {
    let dict = default_dict();
    let text = dictionary_text();
    let mut pairs = 0;
    for word in text
        .lines()
        .filter_map(|l| l.split_ascii_whitespace().next())
    {
        let mut chars = word.chars();
        let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
            continue;
        };
        let first = dict.start(a).unwrap();
        assert_eq!(dict.pair(first, a, b), dict.child(first, b), "{word}");
        assert!(dict.pair(first, a, b).is_some(), "{word}");
        pairs += 1;
    }
    assert!(pairs > 300_000);
    for (a, b) in [('中', '华'), ('大', '家'), ('县', '委')] {
        assert!(dict.pair(dict.start(a).unwrap(), a, b).is_some());
    }
    for (a, b) in [('中', '𠀀'), ('大', 'x'), ('县', '，'), ('们', '们')] {
        let first = dict.start(a).unwrap();
        assert_eq!(dict.pair(first, a, b), None, "{a}{b}");
        assert_eq!(dict.child(first, b), None, "{a}{b}");
    }
}

#[test]
fn small_image_reads_back() {
    let image = write::image(&[
        ("甲乙", 3),
        ("甲", 2),
        ("丙", 1),
        ("甲乙丙丁", 4),
        ("𠀀", 5),
        ("𠀀甲", 6),
    ]);
    let dict = Dict::from_image(&image).unwrap();
    let ln_total = 21f64.ln();
    assert_eq!(dict.log_prob("甲乙"), Some(3f64.ln() - ln_total));
    assert_eq!(dict.log_prob("𠀀甲"), Some(6f64.ln() - ln_total));
    assert!(!dict.contains("甲乙丙"));
    assert!(!dict.contains("乙"));
    assert_eq!(dict.prefixes("甲乙丙丁戊"), ["甲", "甲乙", "甲乙丙丁"]);
    assert_eq!(dict.prefixes("𠀀甲乙"), ["𠀀", "𠀀甲"]);
    assert_eq!(dict.word_count(), 6);
}

/// Labels take 16 bits when every character is in the BMP, 32 otherwise;
/// both read back, and a character beyond the BMP is no child in the
/// narrow table.
#[test]
fn labels_are_narrow_unless_a_character_is_beyond_the_bmp() {
    let label_bytes = |image: &[u8]| u32::from_le_bytes(image[24..28].try_into().unwrap());
    let narrow = write::image(&[("甲乙", 1), ("甲", 2), ("乙丙", 3)]);
    let wide = write::image(&[("甲乙", 1), ("甲", 2), ("乙丙", 3), ("甲𠀀", 4)]);
    assert_eq!((label_bytes(&narrow), label_bytes(&wide)), (2, 4));
    let (narrow, wide) = (
        Dict::from_image(&narrow).unwrap(),
        Dict::from_image(&wide).unwrap(),
    );
    for dict in [narrow, wide] {
        assert!(dict.contains("甲乙") && dict.contains("乙丙") && !dict.contains("甲丙"));
        assert_eq!(dict.prefixes("乙丙丁"), ["乙丙"]);
    }
    assert!(!narrow.contains("甲𠀀"));
    assert!(wide.contains("甲𠀀"));
    assert_eq!(cut(wide, "甲𠀀乙丙"), ["甲𠀀", "乙丙"]);
    assert_eq!(cut(narrow, "甲𠀀乙丙"), ["甲", "𠀀", "乙丙"]);
}

/// As jieba-rs loads its default dictionary: the later of two entries for a
/// word wins, and both count in the total.
#[test]
fn duplicate_entries_keep_the_later_frequency() {
    let image = write::image(&[("甲", 2), ("乙", 1), ("甲", 5)]);
    let dict = Dict::from_image(&image).unwrap();
    assert_eq!(dict.log_prob("甲"), Some(5f64.ln() - 8f64.ln()));
    assert_eq!(dict.word_count(), 2);
}

#[test]
fn damaged_images_are_refused() {
    let image = write::image(&[("甲", 1)]);
    assert!(Dict::from_image(&image).is_ok());
    assert!(Dict::from_image(&image[..image.len() - 1]).is_err());
    assert!(Dict::from_image(&[]).is_err());
    let mut other = image.clone();
    other[0] ^= 1;
    assert!(Dict::from_image(&other).is_err());
    let mut version = image.clone();
    version[4] += 1;
    assert!(Dict::from_image(&version).is_err());
}

/// Words of probability zero (frequency 0) tie at minus infinity: the longer
/// word wins, as in jieba-rs.
#[test]
fn ties_go_to_the_longer_word() {
    let entries = [("甲", 0), ("乙", 0), ("甲乙", 0), ("丙", 1)];
    let image = write::image(&entries);
    let dict = Dict::from_image(&image).unwrap();
    assert_eq!(cut(dict, "甲乙丙"), ["甲乙", "丙"]);
    assert_eq!(
        cut(dict, "甲乙丙"),
        jieba_cut(&jieba_of(&entries), "甲乙丙")
    );
}

#[test]
fn ascii_letters_and_digits_left_single_are_joined() {
    let dict = default_dict();
    assert_eq!(cut(dict, "共计abc123项"), ["共计", "abc123", "项"]);
    // A dictionary word breaks the run (4S店 is one).
    assert_eq!(cut(dict, "x4S店"), ["x", "4S店"]);
    assert_eq!(cut(dict, "a.b"), ["a", ".", "b"]);
}

#[test]
fn other_characters_are_tokens_of_their_own() {
    let dict = default_dict();
    assert_eq!(
        cut(dict, "会议，\r\n“好”\n\r"),
        ["会议", "，", "\r\n", "“", "好", "”", "\n", "\r"]
    );
    assert!(cut(dict, "").is_empty());
}

#[test]
fn ranges_are_shifted_by_the_base() {
    let mut out = vec![0..1, 1..10];
    Segmenter::new(default_dict()).cut("我们，", 10, &mut out);
    assert_eq!(out, [0..1, 1..10, 10..16, 16..19]);
}

fn jieba_of(entries: &[(&str, u64)]) -> Jieba {
    let text: String = entries
        .iter()
        .map(|(w, f)| format!("{w} {f} n\n"))
        .collect();
    Jieba::with_dict(&mut text.as_bytes()).unwrap()
}

/// Random small dictionaries over a few characters (so that words overlap
/// and routes compete, frequencies often equal or zero) and random texts:
/// the same tokens as jieba-rs built from the same entries.
#[test]
fn small_random_dictionaries_cut_as_jieba_does() {
    let alphabet = ['甲', '乙', '丙', '丁', 'a', 'b', '1', '𠀀', '，'];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..200 {
        let words: Vec<String> = (0..1 + rng.below(12))
            .map(|_| rng.string(&alphabet[..8], 4))
            .collect();
        let mut seen = std::collections::HashSet::new();
        // Distinct words: jieba-rs's `with_dict` and its default dictionary
        // differ on duplicates (the default one has none).
        let entries: Vec<(&str, u64)> = words
            .iter()
            .filter(|w| seen.insert(w.as_str()))
            .map(|w| (w.as_str(), [0, 1, 1, 2, 3, 50][rng.below(6)]))
            .collect();
        let image = write::image(&entries);
        let dict = Dict::from_image(&image).unwrap();
        let jieba = jieba_of(&entries);
        for _ in 0..20 {
            let text = rng.string(&alphabet, 24);
            assert_eq!(
                cut(dict, &text),
                jieba_cut(&jieba, &text),
                "{text:?} with {entries:?}"
            );
        }
    }
}
