//! A small deterministic generator (xorshift) for the tests, so that a
//! failure repeats. Shared by the unit tests and `tests/jieba.rs` (which
//! includes this file by path).
#![allow(dead_code)]

pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// One to `max` characters of `alphabet`.
    pub fn string(&mut self, alphabet: &[char], max: usize) -> String {
        let len = 1 + self.below(max);
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn char_in(&mut self, lo: u32, hi: u32) -> char {
        char::from_u32(lo + self.below((hi - lo + 1) as usize) as u32).expect("a scalar value")
    }
}
