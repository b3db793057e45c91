//! [`StemMemo`]: a memo of recent stems, kept by each stemming filter and
//! stemming tokenizer.
//!
//! Word frequencies in text follow Zipf's law: a few thousand distinct words
//! make up most of the running text of a news archive, so most words met
//! were stemmed a moment ago. The stemmer is a pure function, and a stem is
//! always a slice of its word (with at most its last letter turned into
//! `ه`), so the memo stores, for each word, where its stem starts and ends:
//! one [`WordKey`] and one probe instead of the rule rounds.
//!
//! The table holds 65,536 words of up to 16 bytes (whose keys are exact) in
//! sets of two: a word goes to the front of its set and the other one is
//! evicted, so a frequent word survives a rare one that shares its set. On
//! the 510,849 Arabic words of 2,000 ANT articles, 55,813 of them distinct
//! and 18,791 longer than 16 bytes, it misses 15.4% of words where a
//! direct-mapped table of 16,384 missed 27.1% (and of 65,536, 18.2%); a
//! miss costs the rule rounds, some 400 instructions. A clone starts empty.
//!
//! The table grows with use: none until a filter or tokenizer has stemmed
//! [`WARM_UP`] words (so the analyzers of queries never pay for one), then
//! [`FIRST_SETS`] sets (32 KiB, enough for an article), then the full 2 MiB
//! once [`GROW_AFTER`] more words went through it. Snippets analyze ten
//! articles with a fresh clone each: zeroing 2 MiB for each of them was a
//! tenth of the time `fahras bench` spent fetching and highlighting.

use crate::wordkey::WordKey;

/// Words stemmed before the table is allocated.
const WARM_UP: u32 = 256;

/// Number of sets of two slots in the full table: a power of two.
const SETS: usize = 1 << 15;

/// Number of sets of the first table: a power of two.
const FIRST_SETS: usize = 1 << 9;

/// Words looked up in the first table before the full one replaces it.
const GROW_AFTER: u32 = 16 * FIRST_SETS as u32;

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

impl Slot {
    #[inline]
    fn known(&self) -> Known {
        Known {
            stop: self.stop,
            cut: Cut { start: self.start.into(), end: self.end.into(), heh: self.heh },
        }
    }
}

/// A memo of stems; see the [module docs](self).
#[derive(Default)]
pub(crate) struct StemMemo {
    slots: Option<Box<[Slot]>>,
    /// Words met while there was no table, then while the first table was
    /// in use.
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
        let set = StemMemo::set_of(key, slots.len() / 2);
        let [first, second] = &mut slots[set * 2..set * 2 + 2] else {
            unreachable!("a set is two slots");
        };
        if first.key == key {
            return first.known();
        }
        if second.key == key {
            // The word just met goes first.
            std::mem::swap(first, second);
            return first.known();
        }
        let known = compute(word);
        let Known { stop, cut } = known;
        *second = *first;
        *first = Slot { key, start: cut.start as u8, end: cut.end as u8, heh: cut.heh, stop };
        known
    }

    /// The set that holds `key` in a table of `sets` sets.
    #[inline]
    fn set_of(key: WordKey, sets: usize) -> usize {
        (key.hash() >> (64 - sets.trailing_zeros())) as usize
    }

    #[inline]
    fn table(&mut self) -> Option<&mut [Slot]> {
        match &self.slots {
            Some(slots) if slots.len() == SETS * 2 => {}
            Some(_) => {
                self.seen += 1;
                if self.seen >= GROW_AFTER {
                    // What the first table held is dropped: it is a cache.
                    self.slots = Some(vec![Slot::default(); SETS * 2].into_boxed_slice());
                }
            }
            None => {
                self.seen += 1;
                if self.seen < WARM_UP {
                    return None;
                }
                self.seen = 0;
                self.slots = Some(vec![Slot::default(); FIRST_SETS * 2].into_boxed_slice());
            }
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

    /// Three words of three letters that fall in one set.
    fn one_set() -> [String; 3] {
        let letters: Vec<char> = ('ء'..='ي').collect();
        let mut sets: std::collections::HashMap<usize, Vec<String>> = Default::default();
        for a in &letters {
            for b in &letters {
                for c in &letters {
                    let word: String = [*a, *b, *c].iter().collect();
                    let key = WordKey::of(word.as_bytes());
                    let set = sets.entry(StemMemo::set_of(key, FIRST_SETS)).or_default();
                    set.push(word);
                    if set.len() == 3 {
                        return set.clone().try_into().expect("three words");
                    }
                }
            }
        }
        panic!("no set holds three words");
    }

    #[test]
    fn a_word_met_again_survives_a_new_one_in_its_set() {
        let [a, b, c] = one_set();
        let mut memo = StemMemo::default();
        let computed = std::cell::RefCell::new(Vec::new());
        let mut known = |word: &str| {
            memo.known(word.as_bytes(), |w| {
                computed.borrow_mut().push(String::from_utf8(w.to_vec()).unwrap());
                Known::default()
            });
        };
        for _ in 0..WARM_UP {
            known("كتاب");
        }
        computed.borrow_mut().clear();
        known(&a);
        known(&b);
        known(&a); // remembered, and back in front
        known(&c); // evicts b, not a
        known(&a);
        known(&b);
        assert_eq!(*computed.borrow(), [a.clone(), b.clone(), c, b]);
    }

    #[test]
    fn grows_to_the_full_table_and_keeps_working() {
        let mut memo = StemMemo::default();
        let computed = std::cell::Cell::new(0);
        let known = |memo: &mut StemMemo, word: &str| {
            memo.known(word.as_bytes(), |_| {
                computed.set(computed.get() + 1);
                Known::default()
            })
        };
        for _ in 0..WARM_UP {
            known(&mut memo, "كتاب");
        }
        assert_eq!(memo.slots.as_ref().map(|s| s.len()), Some(FIRST_SETS * 2));
        for _ in 0..GROW_AFTER {
            known(&mut memo, "كتاب");
        }
        assert_eq!(memo.slots.as_ref().map(|s| s.len()), Some(SETS * 2));
        // The full table remembers.
        let before = computed.get();
        known(&mut memo, "قلم");
        known(&mut memo, "قلم");
        assert_eq!(computed.get(), before + 1);
    }
}
