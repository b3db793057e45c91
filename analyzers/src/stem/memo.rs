//! [`StemMemo`]: a memo of recent stems, kept by each stemming filter.
//!
//! Word frequencies in text follow Zipf's law: a few thousand distinct words
//! make up most of the running text of a news archive, so most words met
//! were stemmed a moment ago (on 2,000 ANT articles, a memo of 16,384 words
//! answers about three words in four). The stemmer is a pure function, and
//! a stem is always a slice of its word (with at most its last letter turned
//! into `ه`), so the memo stores, for each word, where its stem starts and
//! ends: one [`WordKey`] and one probe instead of the rule rounds.
//!
//! The table is direct-mapped (a new word evicts the one in its slot) and
//! holds words of up to 16 bytes, whose keys are exact. It is allocated
//! only once a filter has stemmed [`WARM_UP`] words, so the short-lived
//! analyzers of queries never pay for it, and a clone starts empty.

use crate::wordkey::WordKey;

/// Words stemmed before the table is allocated.
const WARM_UP: u32 = 256;

/// Number of slots: a power of two.
const SLOTS: usize = 1 << 14;

/// What the memo knows of a word: whether it is a stop word, and where its
/// stem lies in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Known {
    /// The word is a stop word.
    pub stop: bool,
    /// Its stem.
    pub cut: Cut,
}

/// Where a word's stem lies in the word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Cut {
    /// Byte offset of the stem's start.
    pub start: usize,
    /// Byte offset of the stem's end.
    pub end: usize,
    /// The stem's last letter is a `ه` that replaced a `ت`.
    pub heh: bool,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    /// The word (an empty slot has the key of the empty word, never stemmed).
    key: WordKey,
    /// The [`Cut`], in bytes: every offset fits, as the word does.
    start: u8,
    end: u8,
    heh: bool,
    stop: bool,
}

/// A memo of stems; see the [module docs](self).
#[derive(Default)]
pub struct StemMemo {
    slots: Option<Box<[Slot]>>,
    seen: u32,
}

impl Clone for StemMemo {
    /// A clone starts empty: the memo is a cache, not state.
    fn clone(&self) -> StemMemo {
        StemMemo::default()
    }
}

impl std::fmt::Debug for StemMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StemMemo").field("allocated", &self.slots.is_some()).finish()
    }
}

impl StemMemo {
    /// Returns what is known of `word`, from the memo or from `compute`
    /// (whose result is then remembered).
    #[inline]
    pub(super) fn known(&mut self, word: &[u8], compute: impl FnOnce(&[u8]) -> Known) -> Known {
        let key = WordKey::of(word);
        if !key.is_exact() || key.is_empty() {
            return compute(word);
        }
        let Some(slots) = self.table() else {
            return compute(word);
        };
        let entry = &mut slots[(key.hash() >> (64 - SLOTS.trailing_zeros())) as usize];
        if entry.key == key {
            let cut = Cut { start: entry.start.into(), end: entry.end.into(), heh: entry.heh };
            return Known { stop: entry.stop, cut };
        }
        let known = compute(word);
        let Known { stop, cut } = known;
        *entry = Slot { key, start: cut.start as u8, end: cut.end as u8, heh: cut.heh, stop };
        known
    }

    #[inline]
    fn table(&mut self) -> Option<&mut [Slot]> {
        if self.slots.is_none() {
            self.seen += 1;
            if self.seen < WARM_UP {
                return None;
            }
            self.slots = Some(vec![Slot::default(); SLOTS].into_boxed_slice());
        }
        self.slots.as_deref_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_and_tells_words_apart() {
        let mut memo = StemMemo::default();
        let calls = &std::cell::Cell::new(0);
        let cut = |start| {
            move |_: &[u8]| {
                calls.set(calls.get() + 1);
                Known { stop: false, cut: Cut { start, end: 6, heh: false } }
            }
        };
        // Before the warm-up, every word is computed.
        for _ in 0..WARM_UP - 1 {
            memo.known("كتاب".as_bytes(), cut(0));
        }
        assert_eq!(calls.get(), WARM_UP - 1);
        assert_eq!(memo.known("والكتاب".as_bytes(), cut(6)).cut.start, 6);
        assert_eq!(memo.known("والكتاب".as_bytes(), cut(0)).cut.start, 6);
        assert_eq!(calls.get(), WARM_UP);
        // A word that is a prefix of another is its own entry.
        assert_eq!(memo.known("والكتا".as_bytes(), cut(2)).cut.start, 2);
        assert_eq!(calls.get(), WARM_UP + 1);
        // A clone starts empty.
        assert_eq!(memo.clone().known("والكتاب".as_bytes(), cut(4)).cut.start, 4);
    }
}
