//! The integration tests, in one binary: one link instead of one per file,
//! and the tests of all files share both cores. The corpus snapshots stay a
//! target of their own (`cargo test --test corpus`, see tests/corpus.rs).
//! Run one file's tests with `cargo test --test suite cli::`.

#[path = "../common/mod.rs"]
mod common;

mod annotate;
mod baseline;
mod cli;
mod cli_cases;
mod closed_pipe;
mod config;
mod docx;
mod encodings;
mod file_safety;
mod fix;
mod formats;
mod hermetic;
mod hostile;
mod hostile_docx;
mod html;
mod lexicon;
mod output_safety;
mod packs;
mod proptest_pipeline;
mod seed;
mod segment;
mod threads;
mod variants;
