//! [`WordKey`]: a word of up to 16 bytes as two machine words and a length,
//! for hash-table look-ups on the hot path without a loop over its bytes
//! or a call to `memcmp`.
//!
//! Most words of running Arabic text are 2 to 8 letters, 4 to 16 bytes of
//! UTF-8: their key holds every byte, so two such words are equal if and
//! only if their keys are. A longer word's key holds its first and last
//! eight bytes, and a table must compare the words themselves.

/// The longest word, in bytes, whose key holds all of it.
const EXACT_BYTES: usize = 16;

/// Length, leading and trailing bytes of a word; see the [module docs](self).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordKey {
    /// Leading bytes (and, for words under 8 bytes, trailing ones too).
    head: u64,
    /// The last eight bytes of a word of 8 bytes or more.
    tail: u64,
    /// The word's length in bytes.
    len: usize,
}

impl WordKey {
    /// The key of `word`.
    #[inline]
    pub(crate) fn of(word: &[u8]) -> WordKey {
        let len = word.len();
        let (head, tail) = if len >= 8 {
            (read_u64(word, 0), read_u64(word, len - 8))
        } else if len >= 4 {
            // Two overlapping halves cover the word.
            (read_u32(word, 0) | read_u32(word, len - 4) << 32, 0)
        } else if len > 0 {
            // Bytes 0, len / 2 and len - 1 cover up to three bytes.
            let b = |i: usize| u64::from(word[i]);
            (b(0) | b(len / 2) << 8 | b(len - 1) << 16, 0)
        } else {
            (0, 0)
        };
        WordKey { head, tail, len }
    }

    /// The key of its parts, as [`WordKey::parts`] gives them (for tables
    /// laid out when the crate is built).
    #[inline]
    pub(crate) const fn from_parts(head: u64, tail: u64, len: usize) -> WordKey {
        WordKey { head, tail, len }
    }

    /// Its leading bytes, trailing bytes and length.
    #[allow(dead_code)] // Used by build.rs, which includes this file.
    pub(crate) fn parts(&self) -> (u64, u64, usize) {
        (self.head, self.tail, self.len)
    }

    /// Returns true if and only if equal keys mean equal words.
    #[inline]
    pub(crate) fn is_exact(&self) -> bool {
        self.len <= EXACT_BYTES
    }

    /// Returns true if and only if the word is empty.
    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// A well-mixed hash: take its high bits for a table index.
    #[inline]
    pub(crate) fn hash(&self) -> u64 {
        // Multiplicative (Fibonacci) hashing of the folded key.
        (self.head ^ self.tail.rotate_left(29) ^ (self.len as u64) << 56)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

#[inline]
fn read_u64(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

#[inline]
fn read_u32(bytes: &[u8], at: usize) -> u64 {
    u64::from(u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_have_distinct_keys() {
        let words =
            ["", "a", "ab", "ba", "abc", "acb", "ب", "بب", "كتاب", "كتب", "الكتاب", "الكتابه"];
        for a in words {
            for b in words {
                let same = WordKey::of(a.as_bytes()) == WordKey::of(b.as_bytes());
                assert_eq!(same, a == b, "{a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn long_words_are_not_exact() {
        assert!(WordKey::of("المعلمات".as_bytes()).is_exact()); // 16 bytes
        assert!(!WordKey::of("والمستشفيات".as_bytes()).is_exact()); // 22 bytes
    }
}
