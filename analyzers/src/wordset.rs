//! [`WordSet`]: membership of a word in a small fixed list, in one hash and
//! (on a hit) one comparison, for the hot path of the analysis.
//!
//! A sorted slice with `binary_search` costs six or seven string
//! comparisons per token; this open-addressing table costs one [`WordKey`]
//! (two loads and a multiplication, not a pass over every byte) and almost
//! always one probe, and the keys of words up to 16 bytes decide equality
//! without comparing the words.

use std::sync::OnceLock;

use crate::wordkey::WordKey;

/// A fixed set of words, built on first use.
pub(crate) struct WordSet {
    words: &'static [&'static str],
    table: OnceLock<Table>,
}

struct Table {
    /// Open addressing, linear probing; an empty slot holds an empty word.
    slots: Vec<(WordKey, &'static str)>,
    /// Byte lengths of the shortest and longest word: most tokens are ruled
    /// out without hashing.
    min_len: usize,
    max_len: usize,
}

impl WordSet {
    /// A set of `words` (the table is built on first use).
    pub(crate) const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet { words, table: OnceLock::new() }
    }

    fn table(&self) -> &Table {
        self.table.get_or_init(|| {
            let size = (self.words.len() * 4).next_power_of_two().max(8);
            let mut slots = vec![(WordKey::default(), ""); size];
            for &word in self.words.iter().filter(|w| !w.is_empty()) {
                let key = WordKey::of(word.as_bytes());
                let mut slot = index(key, size);
                while !slots[slot].1.is_empty() {
                    slot = (slot + 1) & (size - 1);
                }
                slots[slot] = (key, word);
            }
            let lengths = self.words.iter().map(|w| w.len());
            Table {
                slots,
                min_len: lengths.clone().min().unwrap_or(1),
                max_len: lengths.max().unwrap_or(0),
            }
        })
    }

    /// Returns true if and only if the UTF-8 bytes `word` are a word of the
    /// set.
    #[inline]
    pub(crate) fn contains_bytes(&self, word: &[u8]) -> bool {
        let table = self.table();
        if word.len() < table.min_len || word.len() > table.max_len || word.is_empty() {
            return false;
        }
        let key = WordKey::of(word);
        let slots = &table.slots;
        let mask = slots.len() - 1;
        let mut slot = index(key, slots.len());
        loop {
            let (k, w) = slots[slot];
            if w.is_empty() {
                return false;
            }
            if k == key && (key.is_exact() || w.as_bytes() == word) {
                return true;
            }
            slot = (slot + 1) & mask;
        }
    }
}

#[inline]
fn index(key: WordKey, size: usize) -> usize {
    (key.hash() >> (64 - size.trailing_zeros())) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_and_strangers() {
        static SET: WordSet = WordSet::new(&["في", "من", "على", "الله"]);
        for w in ["في", "من", "على", "الله"] {
            assert!(SET.contains_bytes(w.as_bytes()), "{w}");
        }
        for w in ["", "ف", "منه", "الل", "x"] {
            assert!(!SET.contains_bytes(w.as_bytes()), "{w}");
        }
    }
}
