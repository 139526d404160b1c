//! Building the dictionary image (see `layout`) from `word freq` entries.
//! Runs in build.rs, and in the unit tests on small dictionaries.

use crate::layout::{filter_bit, Node, Pair, Sections, HEADER_WORDS, MAGIC, ROOT_LEN, VERSION};
use std::collections::BTreeMap;

/// The image of a dictionary given as `(word, frequency)` entries in file
/// order. As jieba-rs loads its default dictionary: the total is the sum of
/// every entry's frequency, and a word listed twice keeps the later
/// frequency. Empty words are ignored.
pub fn image(entries: &[(&str, u64)]) -> Vec<u8> {
    let total: u64 = entries.iter().map(|&(_, f)| f).sum();
    let ln_total = (total as f64).ln();

    // Sorted by bytes, which for UTF-8 is sorted by code points; a stable
    // sort keeps duplicates in file order, and the last one wins.
    let mut words: Vec<(&str, u64)> = entries
        .iter()
        .copied()
        .filter(|(w, _)| !w.is_empty())
        .collect();
    words.sort_by(|a, b| a.0.cmp(b.0));
    words.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            earlier.1 = later.1;
        }
        same
    });

    // Distinct frequencies, numbered from 1; 0 is the unknown character.
    let mut freq_ids: BTreeMap<u64, u16> = BTreeMap::new();
    for &(_, f) in &words {
        let next =
            u16::try_from(freq_ids.len() + 1).expect("more than 65,535 distinct frequencies");
        freq_ids.entry(f).or_insert(next);
    }
    let mut probs = vec![0.0f64 - ln_total; freq_ids.len() + 1];
    for (&f, &id) in &freq_ids {
        probs[id as usize] = (f as f64).ln() - ln_total;
    }

    let trie = Trie::breadth_first(&words, |f| freq_ids[&f]);
    encode(&probs, &trie)
}

/// The trie (node 0 is the root): per node, the character into it, its
/// number of children, the filter of their characters and its word.
struct Trie {
    label: Vec<u32>,
    children: Vec<u32>,
    filter: Vec<u16>,
    word: Vec<u16>,
}

impl Trie {
    /// Numbers the prefixes of the sorted, distinct `words` breadth first:
    /// one pass per depth over the words still longer than it. Within a
    /// depth the words come in sorted order, so equal prefixes are adjacent
    /// and the new nodes are ordered by parent, then by character.
    fn breadth_first(words: &[(&str, u64)], freq_id: impl Fn(u64) -> u16) -> Trie {
        let mut trie = Trie {
            label: vec![0],
            children: vec![0],
            filter: vec![0],
            word: vec![0],
        };
        // For each word: the node of its prefix so far and that prefix's length.
        let mut at: Vec<(u32, usize)> = vec![(0, 0); words.len()];
        let mut longer: Vec<usize> = (0..words.len()).collect();
        while !longer.is_empty() {
            let mut still_longer = Vec::new();
            // The prefix just numbered and its node.
            let mut previous: Option<(&str, u32)> = None;
            for &w in &longer {
                let (word, freq) = words[w];
                let (parent, len) = at[w];
                let c = word[len..]
                    .chars()
                    .next()
                    .expect("a word longer than its prefix");
                let prefix = &word[..len + c.len_utf8()];
                let node = match previous {
                    Some((p, node)) if p == prefix => node,
                    _ => {
                        trie.children[parent as usize] += 1;
                        trie.filter[parent as usize] |= filter_bit(c);
                        trie.label.push(c as u32);
                        trie.children.push(0);
                        trie.filter.push(0);
                        trie.word.push(0);
                        trie.label.len() as u32 - 1
                    }
                };
                previous = Some((prefix, node));
                at[w] = (node, prefix.len());
                if prefix.len() == word.len() {
                    trie.word[node as usize] = freq_id(freq);
                } else {
                    still_longer.push(w);
                }
            }
            longer = still_longer;
        }
        trie
    }
}

fn encode(probs: &[f64], trie: &Trie) -> Vec<u8> {
    let nodes = trie.label.len();
    assert!(
        nodes < Pair::MAX_NODES,
        "{nodes} trie nodes: too many for the pairs table"
    );

    // Children of node i start after the children of every node before it;
    // the root's children are nodes 1, 2, ...
    let mut records = Vec::with_capacity(nodes + 1);
    let mut next = 1u32;
    for i in 0..nodes {
        records.push(Node {
            first: next,
            word: trie.word[i],
            filter: trie.filter[i],
        });
        next += trie.children[i];
    }
    records.push(Node {
        first: next,
        word: 0,
        filter: 0,
    });
    let children = |i: u32| records[i as usize].first..records[i as usize + 1].first;

    let mut root = vec![0u32; ROOT_LEN];
    for node in children(0) {
        if let Some(slot) = root.get_mut(trie.label[node as usize] as usize) {
            *slot = node;
        }
    }

    // Every two-character prefix, in a table at most 70 % full.
    let pairs: Vec<(u64, u32)> = children(0)
        .flat_map(|a| children(a).map(move |b| (a, b)))
        .map(|(a, b)| {
            (
                Pair::key(
                    char_of(trie.label[a as usize]),
                    char_of(trie.label[b as usize]),
                ),
                b,
            )
        })
        .collect();
    let bits = (pairs.len() * 10 / 7 + 1)
        .next_power_of_two()
        .trailing_zeros()
        .max(4);
    let mut table = vec![0u64; 1 << bits];
    for &(key, node) in &pairs {
        let mut i = Pair::home(key, bits);
        while table[i] != 0 {
            i = (i + 1) & (table.len() - 1);
        }
        table[i] = Pair::slot(key, node);
    }

    let narrow = trie.label.iter().all(|&l| l <= u16::MAX as u32);
    let label_bytes = if narrow { 2 } else { 4 };
    let at = Sections::new(nodes, probs.len(), label_bytes, bits);
    let mut out = vec![0u8; at.end];
    let header = [
        MAGIC,
        VERSION,
        nodes as u32,
        probs.len() as u32,
        ROOT_LEN as u32,
        bits,
        label_bytes as u32,
        0,
    ];
    debug_assert_eq!(header.len(), HEADER_WORDS);
    put(&mut out, 0, header.iter().map(|h| h.to_le_bytes()));
    put(&mut out, at.probs, probs.iter().map(|p| p.to_le_bytes()));
    put(&mut out, at.root, root.iter().map(|r| r.to_le_bytes()));
    put(
        &mut out,
        at.nodes,
        records.iter().map(|n| n.pack().to_le_bytes()),
    );
    if narrow {
        put(
            &mut out,
            at.label,
            trie.label.iter().map(|&l| (l as u16).to_le_bytes()),
        );
    } else {
        put(
            &mut out,
            at.label,
            trie.label.iter().map(|l| l.to_le_bytes()),
        );
    }
    put(&mut out, at.pairs, table.iter().map(|p| p.to_le_bytes()));
    out
}

fn char_of(label: u32) -> char {
    char::from_u32(label).expect("labels are characters")
}

/// Writes `items` back to back into `out` from byte `offset`.
fn put<const N: usize>(out: &mut [u8], offset: usize, items: impl Iterator<Item = [u8; N]>) {
    for (i, bytes) in items.enumerate() {
        out[offset + i * N..offset + (i + 1) * N].copy_from_slice(&bytes);
    }
}
