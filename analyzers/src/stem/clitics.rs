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

use std::sync::OnceLock;

use crate::wordkey::WordKey;

/// The table as generated: one `letters word` pair a line (`letters*`
/// for a stop word behind its proclitics), after `#` comment lines.
const TABLE: &str = include_str!("clitics.txt");

/// An open-addressing table of the listed words.
struct Table {
    slots: Vec<(WordKey, &'static str, u8)>,
    min_bytes: usize,
    max_bytes: usize,
    /// Bit `b & 63` set for the second byte `b` of each listed word's
    /// first letter: most words are ruled out by it before any hash.
    first_letters: u64,
}

static PARSED: OnceLock<Table> = OnceLock::new();

fn table() -> &'static Table {
    PARSED.get_or_init(|| {
        let entries: Vec<(&'static str, u8)> = TABLE
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .filter_map(|line| {
                let (letters, word) = line.split_once(' ')?;
                let stop = letters.ends_with('*');
                let letters: u8 = letters.trim_end_matches('*').parse().ok()?;
                Some((word, letters | if stop { STOP } else { 0 }))
            })
            .collect();
        let size = (entries.len() * 2).next_power_of_two().max(8);
        let mut slots = vec![(WordKey::default(), "", 0); size];
        for &(word, letters) in &entries {
            let key = WordKey::of(word.as_bytes());
            let mut slot = index(key, size);
            while !slots[slot].1.is_empty() {
                slot = (slot + 1) & (size - 1);
            }
            slots[slot] = (key, word, letters);
        }
        let bytes = entries.iter().map(|(w, _)| w.len());
        let first_letters =
            entries.iter().fold(0u64, |bits, (w, _)| bits | 1 << (w.as_bytes()[1] & 63));
        Table {
            first_letters,
            slots,
            min_bytes: bytes.clone().min().unwrap_or(1).max(2),
            max_bytes: bytes.max().unwrap_or(0),
        }
    })
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
    let table = table();
    if word.len() < table.min_bytes
        || word.len() > table.max_bytes
        || table.first_letters >> (word[1] & 63) & 1 == 0
    {
        return None;
    }
    let key = WordKey::of(word);
    let mask = table.slots.len() - 1;
    let mut slot = index(key, table.slots.len());
    loop {
        let (k, w, letters) = table.slots[slot];
        if w.is_empty() {
            return None;
        }
        if k == key && (key.is_exact() || w.as_bytes() == word) {
            return Some(letters);
        }
        slot = (slot + 1) & mask;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_whole() {
        let listed = TABLE.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).count();
        let parsed = table().slots.iter().filter(|s| !s.1.is_empty()).count();
        assert_eq!(parsed, listed, "a line of clitics.txt is not `letters word`");
        for line in TABLE.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let (letters, word) = line.split_once(' ').unwrap();
            let stop = letters.ends_with('*');
            let letters = letters.trim_end_matches('*');
            assert_eq!(proclitic_letters(word.as_bytes()), letters.parse().ok(), "{line}");
            assert_eq!(is_clitic_stop_word(word.as_bytes()), stop, "{line}");
        }
    }
}
