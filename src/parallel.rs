//! Work within one large document spread over the thread pool that checks
//! it: when a file is checked alone (or is much larger than the others),
//! its segmentation and its rules use the other threads too. Every piece
//! runs under `panic_guard::piece`, so a bug in it is still contained to
//! the file.

pub use crate::panic_guard::piece;

/// Text from which one document's work is split between threads: below it
/// the split costs more than it saves, and the files of a tree already keep
/// every thread busy.
const FROM: usize = 1 << 20;

/// Whether to split the work on a text of `len` bytes: only a large one,
/// and only on a worker thread of a pool (never with `-j 1`, where files
/// are checked on the main thread, outside any pool).
pub fn worth_it(len: usize) -> bool {
    len >= FROM && rayon::current_thread_index().is_some()
}

/// Both closures, side by side when `worth_it(len)`, else one after the
/// other.
pub fn join<A: Send, B: Send>(
    len: usize,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if worth_it(len) {
        rayon::join(|| piece(a), || piece(b))
    } else {
        (a(), b())
    }
}

/// Consecutive groups of `items` of about a quarter of a megabyte each, by
/// `size`.
pub fn groups<T>(items: &[T], size: impl Fn(&T) -> usize) -> Vec<&[T]> {
    const GROUP: usize = 256 * 1024;
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        bytes += size(item);
        if bytes >= GROUP {
            out.push(&items[start..=i]);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < items.len() {
        out.push(&items[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_cover_every_item_once_in_order() {
        let sizes: Vec<usize> = (0..1000).map(|i| (i * 7919) % 3000).collect();
        let g = groups(&sizes, |s| *s);
        assert!(g.len() > 1);
        let joined: Vec<usize> = g.iter().flat_map(|g| g.iter().copied()).collect();
        assert_eq!(joined, sizes);
        assert!(g.iter().all(|g| !g.is_empty()));
        assert!(groups(&[] as &[usize], |s| *s).is_empty());
    }

    /// A large document modelled and linted on a pool of two threads gives
    /// exactly what it gives on one thread.
    #[test]
    fn a_large_document_gives_the_same_results_split() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docs");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        let mut text = String::new();
        while text.len() < FROM + FROM / 8 {
            for f in &files {
                text.push_str(&std::fs::read_to_string(f).unwrap());
                text.push('\n');
            }
        }
        let options = crate::Options::default();
        let run = || {
            let (doc, diags) = crate::lint_text("big.txt", &text, &options);
            let tokens: Vec<_> = doc.tokens.iter().collect();
            let mentions: Vec<_> = doc.mentions.phrases().chain(doc.mentions.terms()).collect();
            let model = (
                doc.counts,
                doc.outline.markers,
                doc.outline.headings,
                mentions,
            );
            (tokens, model, diags)
        };
        let alone = run();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let split = pool.install(|| {
            assert!(worth_it(text.len()));
            run()
        });
        assert!(alone.0.len() > 100_000 && !alone.1 .0.is_empty() && !alone.2.is_empty());
        assert!(alone == split, "split work differs");
    }

    #[test]
    fn only_large_texts_on_a_pool_thread_are_split() {
        assert!(!worth_it(FROM), "the main thread is in no pool");
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        assert!(pool.install(|| worth_it(FROM)));
        assert!(!pool.install(|| worth_it(FROM - 1)));
    }
}
