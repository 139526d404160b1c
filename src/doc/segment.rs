//! The process-wide word segmenter.

use jieba_rs::Jieba;
use std::sync::OnceLock;

/// The shared jieba instance, built on first use (it is `Send + Sync`).
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}
