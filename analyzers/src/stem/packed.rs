//! Affixes packed into machine words, so that testing one against a word is
//! one load, one `xor` and one `and` instead of a byte loop.
//!
//! A word's first (or last) eight bytes are read as a little-endian `u64`;
//! an affix of `n` bytes is the same read of its text with a mask keeping
//! its `n` bytes. Every affix is at most four Arabic letters (8 bytes).

use super::affixes::Affix;

/// An [`Affix`] ready to be compared with a packed head or tail.
#[derive(Clone, Copy, Debug)]
pub(super) struct Packed {
    value: u64,
    mask: u64,
    /// Length of the affix in bytes.
    pub bytes: usize,
    /// Length of the affix in letters (every affix letter is two bytes).
    pub letters: usize,
    /// The fewest letters the stem may keep after removing it.
    pub min_stem_letters: usize,
}

impl Packed {
    /// Returns true if and only if the affix is the head (for a prefix) or
    /// the tail (for a suffix) of the packed bytes.
    #[inline]
    pub fn matches(&self, packed: u64) -> bool {
        (packed ^ self.value) & self.mask == 0
    }

    /// Returns true if and only if removing the affix from a word of
    /// `letters` letters leaves enough of it.
    #[inline]
    pub fn fits(&self, letters: usize) -> bool {
        letters >= self.letters + self.min_stem_letters
    }
}

/// Packs a prefix: its bytes at the low end of the word.
pub(super) const fn prefix(affix: Affix) -> Packed {
    let bytes = affix.text.as_bytes();
    assert!(bytes.len() <= 8 && bytes.len().is_multiple_of(2));
    let mut value = 0u64;
    let mut i = 0;
    while i < bytes.len() {
        value |= (bytes[i] as u64) << (8 * i);
        i += 1;
    }
    let mask = if bytes.len() == 8 { u64::MAX } else { (1u64 << (8 * bytes.len())) - 1 };
    packed(affix, value, mask)
}

/// Packs a suffix: its bytes at the high end of the word.
pub(super) const fn suffix(affix: Affix) -> Packed {
    let bytes = affix.text.as_bytes();
    assert!(bytes.len() <= 8 && bytes.len().is_multiple_of(2));
    let shift = 8 * (8 - bytes.len());
    let mut value = 0u64;
    let mut i = 0;
    while i < bytes.len() {
        value |= (bytes[i] as u64) << (shift + 8 * i);
        i += 1;
    }
    let mask = if shift == 64 { 0 } else { u64::MAX << shift };
    packed(affix, value, mask)
}

const fn packed(affix: Affix, value: u64, mask: u64) -> Packed {
    let bytes = affix.text.len();
    Packed { value, mask, bytes, letters: bytes / 2, min_stem_letters: affix.min_stem_letters }
}

/// Packs a table of prefixes (`ends == false`) or suffixes, keeping its
/// order.
pub(super) const fn table<const N: usize>(affixes: &[Affix], ends: bool) -> [Packed; N] {
    assert!(affixes.len() == N);
    let mut out = [Packed { value: 0, mask: 0, bytes: 0, letters: 0, min_stem_letters: 0 }; N];
    let mut i = 0;
    while i < N {
        out[i] = if ends { suffix(affixes[i]) } else { prefix(affixes[i]) };
        i += 1;
    }
    out
}

/// The first eight bytes at `at`, packed.
#[inline]
pub(super) fn head(buf: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(buf[at..at + 8].try_into().expect("eight bytes"))
}

/// The eight bytes before `end`, packed.
#[inline]
pub(super) fn tail(buf: &[u8], end: usize) -> u64 {
    u64::from_le_bytes(buf[end - 8..end].try_into().expect("eight bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stem::affixes::affix;

    fn padded(word: &str) -> Vec<u8> {
        let mut buf = vec![0; 8];
        buf.extend_from_slice(word.as_bytes());
        buf.extend_from_slice(&[0; 8]);
        buf
    }

    #[test]
    fn prefixes_match_heads_only() {
        let al = prefix(affix("ال", 2));
        let wal = prefix(affix("وال", 2));
        let buf = padded("والكتاب");
        assert!(wal.matches(head(&buf, 8)));
        assert!(!al.matches(head(&buf, 8)));
        assert!(al.matches(head(&buf, 10)));
    }

    #[test]
    fn suffixes_match_tails_only() {
        let hum = suffix(affix("هم", 3));
        let huma = suffix(affix("هما", 3));
        let word = "كتابهما";
        let buf = padded(word);
        let end = 8 + word.len();
        assert!(huma.matches(tail(&buf, end)));
        assert!(!hum.matches(tail(&buf, end)));
        assert!(hum.matches(tail(&buf, end - 2)));
    }
}
