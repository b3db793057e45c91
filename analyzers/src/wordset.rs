//! [`WordSet`]: membership of a word in a small fixed list, in one hash and
//! (on a hit) one comparison, for the hot path of the analysis.
//!
//! A sorted slice with `binary_search` costs six or seven string
//! comparisons per token; this open-addressing table costs a hash of the
//! word's length and its first and last two bytes (one multiplication, not a
//! pass over every byte), and almost always one probe.

use std::sync::OnceLock;

/// A fixed set of words, built on first use.
pub struct WordSet {
    words: &'static [&'static str],
    table: OnceLock<Table>,
}

struct Table {
    slots: Vec<(u64, &'static str)>,
    /// Byte lengths of the shortest and longest word: most tokens are ruled
    /// out without hashing.
    min_len: usize,
    max_len: usize,
}

/// A hash of the length and the first and last two bytes: enough to tell
/// apart the words of a small list (collisions only cost a comparison).
#[inline]
fn sketch(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let (head, tail) = match n {
        0 => (0, 0),
        1 => (bytes[0] as u64, 0),
        _ => (
            u16::from_le_bytes([bytes[0], bytes[1]]) as u64,
            u16::from_le_bytes([bytes[n - 2], bytes[n - 1]]) as u64,
        ),
    };
    let key = (n as u64) | head << 16 | tail << 32;
    // Fibonacci hashing: the high bits are well mixed.
    key.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(32)
}

impl WordSet {
    /// A set of `words` (the table is built on first use).
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet { words, table: OnceLock::new() }
    }

    fn table(&self) -> &Table {
        self.table.get_or_init(|| {
            let size = (self.words.len() * 4).next_power_of_two().max(8);
            let mut table = vec![(0, ""); size];
            for &word in self.words {
                let hash = sketch(word.as_bytes());
                let mut slot = hash as usize & (size - 1);
                while !table[slot].1.is_empty() {
                    slot = (slot + 1) & (size - 1);
                }
                table[slot] = (hash, word);
            }
            let lengths = self.words.iter().map(|w| w.len());
            Table {
                slots: table,
                min_len: lengths.clone().min().unwrap_or(1),
                max_len: lengths.max().unwrap_or(0),
            }
        })
    }

    /// Returns true if and only if `word` is in the set.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let table = self.table();
        if word.len() < table.min_len || word.len() > table.max_len {
            return false;
        }
        let table = &table.slots;
        let mask = table.len() - 1;
        let hash = sketch(word.as_bytes());
        let mut slot = hash as usize & mask;
        loop {
            let (h, w) = table[slot];
            if w.is_empty() {
                return false;
            }
            if h == hash && w == word {
                return true;
            }
            slot = (slot + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_and_strangers() {
        static SET: WordSet = WordSet::new(&["في", "من", "على", "الله"]);
        for w in ["في", "من", "على", "الله"] {
            assert!(SET.contains(w), "{w}");
        }
        for w in ["", "ف", "منه", "الل", "x"] {
            assert!(!SET.contains(w), "{w}");
        }
    }
}
