//! The document model's tokens against jieba-rs 0.11, whose segmentation
//! gwlint reproduces on a dictionary compiled at build time: every corpus
//! file, and the sample drafts and real documents of `../shared` when they
//! are there. Tokens must be identical, piece by piece as the model cuts
//! paragraphs, and over each whole text in one go. (The segmenter's own
//! tests compare every dictionary word and random strings.)

use crate::common;
use gwlint::doc::{lines::LineIndex, segment, split_paragraphs};
use gwlint::limits::Limits;
use jieba_rs::Jieba;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// The .txt, .md and .docx files below `dir`, sorted.
fn documents(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "txt" || e == "md" || e == "docx")
        })
        .collect();
    files.sort();
    files
}

/// Compares the tokens of one file; returns how many there were.
fn same_tokens(path: &Path) -> usize {
    let text = gwlint::input::read_path_with(path, None, &Limits::default())
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
        .text;
    let lines = LineIndex::new(&text);
    let paragraphs = split_paragraphs(
        &text,
        &lines,
        gwlint::input::Format::from_path(path).unwrap(),
    );
    let ours: Vec<Range<usize>> = segment::tokens(&text, &paragraphs).iter().collect();
    let mut theirs = Vec::new();
    for p in &paragraphs {
        for piece in segment::sentence_chunks(&text, p.range.clone()) {
            let base = piece.start;
            theirs.extend(
                jieba()
                    .cut(&text[piece], false)
                    .iter()
                    .map(|t| base + t.byte_start..base + t.byte_end),
            );
        }
    }
    if let Some(d) = first_difference(&text, &ours, &theirs) {
        panic!("{}: {d}", path.display());
    }

    // The whole text at once: line ends, blank lines and all.
    let mut whole = Vec::new();
    gwlint_segment::segmenter().cut(&text, 0, &mut whole);
    let whole: Vec<Range<usize>> = whole
        .iter()
        .map(|r| r.start as usize..r.end as usize)
        .collect();
    let theirs: Vec<Range<usize>> = jieba()
        .cut(&text, false)
        .iter()
        .map(|t| t.byte_start..t.byte_end)
        .collect();
    if let Some(d) = first_difference(&text, &whole, &theirs) {
        panic!("{} in one piece: {d}", path.display());
    }
    ours.len()
}

/// Where two token lists part, shown as text.
fn first_difference(text: &str, ours: &[Range<usize>], theirs: &[Range<usize>]) -> Option<String> {
    let i = ours
        .iter()
        .zip(theirs)
        .position(|(a, b)| a != b)
        .unwrap_or(ours.len().min(theirs.len()));
    (ours.len() != theirs.len() || i < ours.len()).then(|| {
        let show = |t: &[Range<usize>]| -> Vec<&str> {
            t[i..].iter().take(5).map(|r| &text[r.clone()]).collect()
        };
        format!(
            "token {i}: ours {:?}, jieba-rs {:?}",
            show(ours),
            show(theirs)
        )
    })
}

#[test]
fn corpus_tokens_are_jiebas() {
    let files = documents(&common::repo().join("corpus"));
    assert!(files.len() >= 140, "only {} corpus files", files.len());
    let tokens: usize = files.iter().map(|f| same_tokens(f)).sum();
    assert!(tokens > 20_000, "{tokens} tokens");
}

/// The sample drafts and real documents beside the checkout; nothing to do
/// where they are absent.
#[test]
fn shared_documents_tokens_are_jiebas() {
    let Some(shared) = common::shared() else {
        return;
    };
    for dir in ["seeds", "real-docs"] {
        let dir = shared.join(dir);
        let files = documents(&dir);
        assert!(
            !dir.is_dir() || !files.is_empty(),
            "no documents in {}",
            dir.display()
        );
        for file in files {
            same_tokens(&file);
        }
    }
}
