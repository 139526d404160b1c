//! Chinese word segmentation for gwlint: the tokens of jieba-rs 0.11's
//! `Jieba::new().cut(text, false)`, without building its dictionary at
//! start-up.
//!
//! build.rs reads jieba-rs's default dictionary (`src/data/dict.txt` in the
//! jieba-rs package source) and compiles it into a static trie image in
//! `OUT_DIR` (the layout is described in `layout.rs`); the image is part of
//! the binary, and opening it reads a header. The segmenter walks that trie
//! with jieba's algorithm: the route of greatest log-probability through the
//! dictionary words of each run of han characters, with the same
//! floating-point operations, so that the tokens are exactly jieba-rs's.
//!
//! This crate is its own package so that it is optimised even in gwlint's
//! debug builds and tests (`[profile.dev.package.gwlint-segment]`).

mod cut;
mod dict;
mod layout;
#[cfg(test)]
mod rng;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod write;

pub use cut::Segmenter;
pub use dict::{Dict, ImageError};
use std::sync::OnceLock;

/// jieba-rs's default dictionary, compiled by build.rs.
static IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jieba-dict.img"));

/// The default dictionary (jieba-rs's), opened on first use.
pub fn default_dict() -> Dict<'static> {
    static DICT: OnceLock<Dict<'static>> = OnceLock::new();
    *DICT.get_or_init(|| Dict::from_image(IMAGE).expect("build.rs wrote a valid dictionary image"))
}

/// A segmenter on the default dictionary.
pub fn segmenter() -> Segmenter<'static> {
    Segmenter::new(default_dict())
}
