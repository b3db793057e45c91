//! The proclitics of frequent words, decided from news text: where the
//! rules of [`LightStemmer`](super::LightStemmer) would cut a word's first
//! letters wrongly, this table says how many are proclitics.
//!
//! The rules cannot tell a clitic from a letter of the word: `وزارة`
//! (ministry) is not `و` + `زارة`, `بشكل` is `ب` + `شكل`, `والتي` is `و` +
//! `التي`, not `وال` + `تي`. The table was decided from how each word is
//! used in 72,067 news articles (the three development corpora of the
//! project, see `clitics.txt`'s header): a word that itself takes the
//! article (`الوزارة`) keeps its first letter; otherwise the shortest
//! proclitic whose remainder is a word of its own, often enough, is removed
//! (`شكل` and `الشكل` are common; `زارة` is not). `gen_clitics.py` at the
//! crate's root writes it and says how.
//!
//! Only words whose decision differs from the rules' are listed, each with
//! the number of letters before its stem; a word that is listed is cut
//! there and no proclitic is removed from it afterwards, so `الوادي` (2)
//! and `وادي` (0) share one stem. Words the table does not know (rare
//! ones) follow the rules.

use crate::wordkey::WordKey;

// The table, laid out by `build.rs` from `clitics.txt` when the crate is
// built (parsing the 20,000 lines took about 2 ms at each process's first
// word): `SLOTS` is an open-addressing table of [`SLOT_BYTES`]-byte
// records, `WORDS` the listed words end to end, and `clitics_meta.rs`
// its size and bounds.
static SLOTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/clitics_slots.bin"));
static WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/clitics_words.txt"));
include!(concat!(env!("OUT_DIR"), "/clitics_meta.rs"));

/// A slot: the key's head and tail (8 bytes each, little-endian), the
/// word's start in `WORDS` (4), its length in bytes (1, 0 for an empty
/// slot), its proclitic letters and flags (1), two bytes of padding.
const SLOT_BYTES: usize = 24;

/// The key, word and byte of slot `slot`, or `None` when it is empty.
#[inline]
fn slot(slot: usize) -> Option<(WordKey, &'static [u8], u8)> {
    let record = &SLOTS[slot * SLOT_BYTES..(slot + 1) * SLOT_BYTES];
    let len = usize::from(record[20]);
    if len == 0 {
        return None;
    }
    let word = |at: usize| u64::from_le_bytes(record[at..at + 8].try_into().expect("8 bytes"));
    let start = u32::from_le_bytes(record[16..20].try_into().expect("4 bytes")) as usize;
    let key = WordKey::from_parts(word(0), word(8), len);
    Some((key, &WORDS.as_bytes()[start..start + len], record[21]))
}

/// The first slot of `key` in a table of `size` (a power of two) slots:
/// the hash's top bits, as [`WordSet`](crate::wordset::WordSet) takes them.
fn index(key: WordKey, size: usize) -> usize {
    (key.hash() >> (64 - size.trailing_zeros())) as usize
}

/// The flag of a listed word that is a stop word behind its proclitics.
const STOP: u8 = 0x80;

/// The number of proclitic letters of `word` (normalized), when the table
/// lists it.
#[inline]
pub(super) fn proclitic_letters(word: &[u8]) -> Option<usize> {
    entry(word).map(|letters| usize::from(letters & !STOP))
}

/// Whether the table lists `word` (normalized) as a stop word behind its
/// proclitics: `والتي` (و + `التي`), `لانه` (ل + `انه`).
#[inline]
pub(crate) fn is_clitic_stop_word(word: &[u8]) -> bool {
    entry(word).is_some_and(|letters| letters & STOP != 0)
}

/// What the table says of `word` (normalized), when it lists it: its
/// proclitic letters, and whether it is a stop word behind them.
#[inline]
pub(super) fn lookup(word: &[u8]) -> Option<(usize, bool)> {
    entry(word).map(|letters| (usize::from(letters & !STOP), letters & STOP != 0))
}

/// The table's byte for `word`: its proclitic letters and flags.
#[inline]
fn entry(word: &[u8]) -> Option<u8> {
    if word.len() < MIN_BYTES || word.len() > MAX_BYTES || FIRST_LETTERS >> (word[1] & 63) & 1 == 0
    {
        return None;
    }
    let key = WordKey::of(word);
    let mask = SIZE - 1;
    let mut at = index(key, SIZE);
    loop {
        let (k, w, letters) = slot(at)?;
        if k == key && (key.is_exact() || w == word) {
            return Some(letters);
        }
        at = (at + 1) & mask;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table as written, for the test to read it again.
    const TABLE: &str = include_str!("clitics.txt");

    #[test]
    fn the_table_holds_every_line_as_written() {
        let lines: Vec<&str> =
            TABLE.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
        let filled = (0..SIZE).filter(|&at| slot(at).is_some()).count();
        assert_eq!(filled, lines.len(), "a line of clitics.txt is not `letters word`");
        for line in lines {
            let (letters, word) = line.split_once(' ').unwrap();
            let stop = letters.ends_with('*');
            let letters = letters.trim_end_matches('*');
            assert_eq!(proclitic_letters(word.as_bytes()), letters.parse().ok(), "{line}");
            assert_eq!(is_clitic_stop_word(word.as_bytes()), stop, "{line}");
        }
        // Words it does not list: the rules decide.
        for word in ["كتاب", "المدرسة", "ب", ""] {
            if word.len() >= 2 {
                assert_eq!(lookup(word.as_bytes()), None, "{word}");
            }
        }
    }
}
