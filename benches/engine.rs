//! Engine benchmarks (divan): the document model, the rules, and the
//! paragraphs that once made work grow with the square of their length.
//!
//! Run: `cargo bench --bench engine` (add a filter: `-- hostile`).
//! The hostile cases run at 20,000 and 40,000 repetitions: linear work
//! shows as a ratio of about 2 between the two rows.

use divan::{black_box, Bencher};
use gwlint::config::Options;
use gwlint::doc::Document;
use gwlint::input::Format;

fn main() {
    // jieba-rs's dictionary is built once, outside every measurement.
    jieba();
    divan::main();
}

/// jieba-rs with its default dictionary: the reference segmenter.
fn jieba() -> &'static jieba_rs::Jieba {
    static JIEBA: std::sync::OnceLock<jieba_rs::Jieba> = std::sync::OnceLock::new();
    JIEBA.get_or_init(jieba_rs::Jieba::new)
}

/// A realistic draft of about 60 KB: the project's whole documents, joined.
fn draft() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus/docs")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut text = String::new();
    for f in files.iter().take(6) {
        text.push_str(&std::fs::read_to_string(f).expect("a corpus draft"));
        text.push('\n');
    }
    text
}

#[divan::bench]
fn model(bencher: Bencher) {
    let text = draft();
    bencher.bench_local(|| Document::from_str("bench.txt", black_box(&text), Format::Plain));
}

#[divan::bench]
fn segmentation_only(bencher: Bencher) {
    let text = draft();
    let lines = gwlint::doc::lines::LineIndex::new(&text);
    let paras = gwlint::doc::split_paragraphs(&text, &lines, Format::Plain);
    bencher.bench_local(|| gwlint::doc::segment::tokens(black_box(&text), &paras));
}

/// `segmentation_only` done by jieba-rs (the floor's segmenter): the same
/// pieces, the same token list.
#[divan::bench]
fn segmentation_jieba(bencher: Bencher) {
    let text = draft();
    let lines = gwlint::doc::lines::LineIndex::new(&text);
    let paras = gwlint::doc::split_paragraphs(&text, &lines, Format::Plain);
    bencher.bench_local(|| {
        let text = black_box(&text);
        let mut tokens = Vec::new();
        for p in &paras {
            for piece in gwlint::doc::segment::sentence_chunks(text, p.range.clone()) {
                let base = piece.start as u32;
                tokens.extend(
                    jieba()
                        .cut(&text[piece], false)
                        .iter()
                        .map(|t| base + t.byte_start as u32..base + t.byte_end as u32),
                );
            }
        }
        tokens.shrink_to_fit();
        tokens
    });
}

#[divan::bench]
fn rules(bencher: Bencher) {
    let text = draft();
    let doc = Document::from_str("bench.txt", &text, Format::Plain);
    let options = Options::default();
    bencher.bench_local(|| gwlint::lint_document(black_box(&doc), &options));
}

const RULES: &[&str] = &[
    "placeholder",
    "quote-pair",
    "count-mismatch",
    "mixed-jurisdiction",
    "required-section",
    "template-residue",
    "halfwidth-punct",
    "heading-numbering",
    "number-style",
    "outdated-term",
    "mixed-organ",
    "typo",
    "repeated-word",
    "variant-form",
    "set-phrase-members",
    "date-format",
    "doc-number",
    "genre-convention",
];

/// Each rule alone on the same draft (the lexicon rules share one matcher
/// pass, counted in each of their rows).
#[divan::bench(args = RULES)]
fn rule(bencher: Bencher, id: &str) {
    let text = draft();
    let doc = Document::from_str("bench.txt", &text, Format::Plain);
    let options = Options {
        select: vec![id.to_string()],
        ..Options::default()
    };
    bencher.bench_local(|| gwlint::lint_document(black_box(&doc), &options));
}

const HOSTILE: &[&str] = &[
    "X年X月X日，",
    "某某同志，",
    "××单位，",
    "新冠肺炎疫情防控，",
    "做到四个方面，",
    "3个方面，四个方面，",
    "决胜全面建成小康社会，",
    "《决战脱贫攻坚》，",
    "“四个意识”，",
    "的的，",
    "本文系作者原创，",
];

/// One paragraph of `n` repetitions of `unit`, modelled and linted.
fn hostile(bencher: Bencher, unit: &str, n: usize) {
    let text = format!("县委关于某事的通报\n{}\n2023年3月1日\n", unit.repeat(n));
    let options = Options::default();
    bencher.bench_local(|| gwlint::lint_text("hostile.txt", black_box(&text), &options));
}

#[divan::bench(args = HOSTILE, sample_count = 3, sample_size = 1)]
fn hostile_20k(bencher: Bencher, unit: &str) {
    hostile(bencher, unit, 20_000);
}

#[divan::bench(args = HOSTILE, sample_count = 3, sample_size = 1)]
fn hostile_40k(bencher: Bencher, unit: &str) {
    hostile(bencher, unit, 40_000);
}
