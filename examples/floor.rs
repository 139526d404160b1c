//! The segmentation floor: what any run of gwlint must at least do.
//!
//! Builds jieba's default dictionary, reads the same files as gwlint (the
//! same directory walk, the same decoding and .docx extraction), splits
//! paragraphs and segments every one of them with jieba-rs, in the same
//! pieces as the document model — and nothing else. `scripts/bench.sh`
//! times gwlint against it. (gwlint itself no longer builds jieba-rs's
//! dictionary at start-up; the floor stays defined by jieba-rs.)
//!
//! Usage: cargo run --release --example floor -- PATH...

use gwlint::doc::{lines::LineIndex, segment, split_paragraphs};
use gwlint::walk::{self, Source};
use jieba_rs::Jieba;
use rayon::prelude::*;
use std::path::PathBuf;

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let settings = gwlint::config::resolve(None).expect("default settings");
    let collected = walk::collect(&paths, &settings, false);
    let files: Vec<PathBuf> = collected
        .sources
        .into_iter()
        .filter_map(|s| match s {
            Source::File(p) => Some(p),
            Source::Stdin => None,
        })
        .collect();
    let jieba = Jieba::new();
    let tokens: usize = files
        .par_iter()
        .map(|p| {
            let Ok(text) = gwlint::input::read_path_with(p, None, &settings.base.limits) else {
                return 0;
            };
            let lines = LineIndex::new(&text.text);
            let paragraphs = split_paragraphs(&text.text, &lines, text.format);
            paragraphs
                .iter()
                .flat_map(|p| segment::sentence_chunks(&text.text, p.range.clone()))
                .map(|piece| jieba.cut(&text.text[piece], false).len())
                .sum::<usize>()
        })
        .sum();
    println!("{} files, {tokens} tokens", files.len());
}
