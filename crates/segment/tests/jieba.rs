//! The segmenter against jieba-rs 0.11 (`Jieba::new().cut(text, false)`),
//! the behaviour it reproduces: every word of the default dictionary alone,
//! random runs of dictionary words, and random strings mixing every kind of
//! character the splitter tells apart. (gwlint's tests compare whole
//! documents: the corpus and the sample drafts.)

use jieba_rs::Jieba;

#[path = "../src/rng.rs"]
mod rng;
use rng::Rng;
use std::sync::OnceLock;

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// The words of jieba-rs's default dictionary, in file order.
fn words() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let text =
            std::fs::read_to_string(env!("GWLINT_SEGMENT_DICT_TXT")).expect("jieba-rs's dict.txt");
        text.lines()
            .filter_map(|l| l.split_ascii_whitespace().next())
            .map(str::to_string)
            .collect()
    })
}

/// Checks our tokens against jieba-rs's for `text`; returns how many.
fn same_tokens(segmenter: &mut gwlint_segment::Segmenter<'_>, text: &str) -> usize {
    let mut ours = Vec::new();
    segmenter.cut(text, 0, &mut ours);
    let theirs: Vec<_> = jieba()
        .cut(text, false)
        .into_iter()
        .map(|t| t.byte_start as u32..t.byte_end as u32)
        .collect();
    assert_eq!(ours, theirs, "tokens of {text:?}");
    ours.len()
}

#[test]
fn every_dictionary_word_alone() {
    let mut segmenter = gwlint_segment::segmenter();
    let words = words();
    assert!(words.len() > 300_000, "{} words", words.len());
    let tokens: usize = words.iter().map(|w| same_tokens(&mut segmenter, w)).sum();
    // Most words are one token; a few split (the route prefers their parts).
    assert!(tokens >= words.len());
}

#[test]
fn random_runs_of_dictionary_words() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut segmenter = gwlint_segment::segmenter();
    let words = words();
    let joints = ["", "", "", "，", " ", "\r\n", "a", "2"];
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..2 + rng.below(8) {
            let word: &String = rng.pick(words);
            let joint: &&str = rng.pick(&joints);
            text.push_str(word);
            text.push_str(joint);
        }
        same_tokens(&mut segmenter, &text);
    }
}

/// One random character of a kind the splitter or the route treats apart.
fn random_char(rng: &mut Rng) -> char {
    match rng.below(16) {
        // Common CJK, often one that starts words.
        0..=3 => rng.char_in(0x4E00, 0x9FFF),
        4 | 5 => *rng.pick(&[
            '的', '县', '委', '会', '中', '国', '人', '民', '大', '发', '展', '工', '作',
        ]),
        // CJK extensions (A, B, E, compatibility), and extension G, which
        // jieba-rs does not count as han.
        6 => rng.char_in(0x20000, 0x2A6DF),
        7 => *rng.pick(&[
            '\u{3400}',
            '\u{4DBF}',
            '\u{2B820}',
            '\u{2CEB0}',
            '\u{F900}',
            '\u{2F800}',
            '\u{30000}',
        ]),
        8 => rng.char_in('a' as u32, 'z' as u32),
        9 => rng.char_in('A' as u32, 'Z' as u32),
        10 => rng.char_in('0' as u32, '9' as u32),
        11 => *rng.pick(&['+', '#', '&', '.', '_', '%', '-']),
        12 => *rng.pick(&[
            '，', '。', '、', '；', '：', '？', '！', '“', '”', '（', '）', '《', '》', '…', '—',
            '·',
        ]),
        // Full-width forms.
        13 => rng.char_in(0xFF01, 0xFF5E),
        14 => *rng.pick(&[' ', '\r', '\n', '\t', '\u{3000}', '\u{A0}', '\0']),
        _ => *rng.pick(&[
            '😀',
            '👍',
            '\u{200D}',
            '\u{FE0F}',
            'é',
            'γ',
            'ß',
            '\u{10FFFF}',
        ]),
    }
}

#[test]
fn random_mixed_strings() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut segmenter = gwlint_segment::segmenter();
    for _ in 0..4000 {
        let mut text: String = (0..rng.below(40)).map(|_| random_char(&mut rng)).collect();
        if rng.below(4) == 0 {
            text.push_str("\r\n");
        }
        same_tokens(&mut segmenter, &text);
    }
}
