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
    /// The fewest letters a word must have for the affix to be removed:
    /// its own and the fewest the stem may keep.
    pub needs: usize,
}

impl Packed {
    /// Returns true if and only if the affix is the head (for a prefix) or
    /// the tail (for a suffix) of the packed bytes.
    #[inline]
    pub(super) fn matches(&self, packed: u64) -> bool {
        (packed ^ self.value) & self.mask == 0
    }

    /// Returns true if and only if removing the affix from a word of
    /// `letters` letters leaves enough of it.
    #[inline]
    pub(super) fn fits(&self, letters: usize) -> bool {
        letters >= self.needs
    }
}

/// The first affix of `table` that is the head (or tail) of `packed` and
/// fits a word of `letters` letters.
///
/// Every entry is tested and the answers are gathered in a bit mask: words
/// reach this on a memo miss, in no predictable order, where a loop that
/// stops at the first match mispredicts a branch per word.
#[inline]
fn first_fitting<const W: usize>(
    table: &[Packed; W],
    packed: u64,
    letters: usize,
) -> Option<&Packed> {
    const { assert!(W <= 32) };
    let mut found = 0u32;
    for (i, affix) in table.iter().enumerate() {
        found |= u32::from(affix.matches(packed) & affix.fits(letters)) << i;
    }
    table.get(found.trailing_zeros() as usize)
}

/// Most groups a [`Grouped`] table may have, the empty one included.
const GROUPS: usize = 8;

/// An entry that matches no word: it fits none.
const NEVER: Packed = Packed { value: 0, mask: u64::MAX, bytes: 0, letters: 0, needs: usize::MAX };

/// An affix table split into groups by the letter at the word's edge (the
/// first letter of a prefix, the last of a suffix), so that a word is
/// tested against the few affixes that could match it: at most `W`, where
/// the whole table has up to 13. Each group keeps the table's order.
pub(super) struct Grouped<const W: usize> {
    /// The group of each value of the edge letter's last byte (its low six
    /// bits); group 0 is empty.
    group_of: [u8; 64],
    groups: [[Packed; W]; GROUPS],
    /// Where the edge letter's last byte lies in a packed head or tail.
    shift: u32,
}

impl<const W: usize> Grouped<W> {
    /// Groups a table of prefixes (`ends == false`) or suffixes.
    pub(super) const fn new(affixes: &[Affix], ends: bool) -> Grouped<W> {
        let mut table = Grouped {
            group_of: [0; 64],
            groups: [[NEVER; W]; GROUPS],
            shift: if ends { 56 } else { 8 },
        };
        let mut used = [0usize; GROUPS];
        let mut next_group = 1;
        let mut i = 0;
        while i < affixes.len() {
            let text = affixes[i].text.as_bytes();
            let edge = (if ends { text[text.len() - 1] } else { text[1] } & 63) as usize;
            if table.group_of[edge] == 0 {
                assert!(next_group < GROUPS, "too many groups");
                table.group_of[edge] = next_group as u8;
                next_group += 1;
            }
            let group = table.group_of[edge] as usize;
            assert!(used[group] < W, "a group is wider than W");
            table.groups[group][used[group]] =
                if ends { suffix(affixes[i]) } else { prefix(affixes[i]) };
            used[group] += 1;
            i += 1;
        }
        table
    }

    /// The first affix of the table that is the head (or tail) of `packed`
    /// and fits a word of `letters` letters.
    #[inline]
    pub(super) fn first_fitting(&self, packed: u64, letters: usize) -> Option<&Packed> {
        let edge = (packed >> self.shift) as usize & 63;
        let group = usize::from(self.group_of[edge]);
        if group == 0 {
            return None;
        }
        first_fitting(&self.groups[group], packed, letters)
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
    let letters = bytes / 2;
    Packed { value, mask, bytes, letters, needs: letters + affix.min_stem_letters }
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

    /// The first affix of the whole table that matches and fits, found
    /// the slow way.
    fn first_of_table(affixes: &[Affix], ends: bool, word: &str) -> Option<&'static str> {
        let buf = padded(word);
        let letters = word.chars().count();
        affixes.iter().find_map(|&a| {
            let packed = if ends { suffix(a) } else { prefix(a) };
            let at = if ends { tail(&buf, 8 + word.len()) } else { head(&buf, 8) };
            (packed.matches(at) && packed.fits(letters)).then_some(a.text)
        })
    }

    #[test]
    fn grouped_tables_find_what_the_whole_table_finds() {
        use crate::stem::affixes::{INFLECTION_SUFFIXES, PREFIXES, PRONOUN_SUFFIXES};
        static GROUPED_PREFIXES: Grouped<5> = Grouped::new(PREFIXES, false);
        static GROUPED_PRONOUNS: Grouped<4> = Grouped::new(PRONOUN_SUFFIXES, true);
        static GROUPED_INFLECTIONS: Grouped<5> = Grouped::new(INFLECTION_SUFFIXES, true);
        let words = [
            "وبالكتاب",
            "فكالبرق",
            "والله",
            "ولل",
            "وكتب",
            "وزن",
            "بالامس",
            "للطلاب",
            "الي",
            "ال",
            "كتابهما",
            "كتابكما",
            "بيتهم",
            "هم",
            "مدرستهن",
            "المعلمتان",
            "معلمين",
            "فنون",
            "عربيه",
            "مدرسه",
            "عربي",
            "امريكا",
            "ذهبوا",
            "ا",
            "كان",
            "ؤن",
            "ٹن",
            "كتاب",
        ];
        let text = |found: Option<&Packed>, affixes: &[Affix], ends: bool| {
            found.map(|p| {
                let a = affixes.iter().find(|a| {
                    let q = if ends { suffix(**a) } else { prefix(**a) };
                    (q.value, q.mask) == (p.value, p.mask)
                });
                a.expect("an affix of the table").text
            })
        };
        for word in words {
            let buf = padded(word);
            let letters = word.chars().count();
            let (h, t) = (head(&buf, 8), tail(&buf, 8 + word.len()));
            assert_eq!(
                text(GROUPED_PREFIXES.first_fitting(h, letters), PREFIXES, false),
                first_of_table(PREFIXES, false, word),
                "prefix of {word}"
            );
            for (grouped, table) in [
                (GROUPED_PRONOUNS.first_fitting(t, letters), PRONOUN_SUFFIXES),
                (GROUPED_INFLECTIONS.first_fitting(t, letters), INFLECTION_SUFFIXES),
            ] {
                assert_eq!(
                    text(grouped, table, true),
                    first_of_table(table, true, word),
                    "suffix of {word}"
                );
            }
        }
    }
}
