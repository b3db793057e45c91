//! The counting under word lists: n-grams of interned words.
//!
//! A word list over a common query reads most of an archive: tens of
//! millions of words, and for trigrams as many distinct entries. Each word
//! is therefore looked up once, as a number ([`Interner`]), and an n-gram
//! is a fixed array of those numbers ([`Gram`]): counting it hashes 16
//! bytes and allocates nothing. Each entry keeps its first spelling in
//! place, and only the other spellings go to a side table, so a list's
//! spellings are exact without a list per entry.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use crate::research::words::MAX_NGRAM;

/// An n-gram: the ids of its words, its unused places `u32::MAX`.
pub(crate) type Gram = [u32; MAX_NGRAM];

/// Fills the unused places of a [`Gram`].
const NONE: u32 = u32::MAX;

/// An empty gram, to fill.
pub(crate) const EMPTY: Gram = [NONE; MAX_NGRAM];

/// Strings numbered in the order first seen, each stored once.
#[derive(Default)]
pub(crate) struct Interner {
    ids: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    /// The id of `text`, numbering it if new.
    pub(crate) fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = u32::try_from(self.names.len()).expect("fewer than 2^32 distinct words");
        self.ids.insert(text.into(), id);
        self.names.push(text.into());
        id
    }

    /// The string numbered `id`.
    pub(crate) fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// The gram's words joined by single spaces.
    pub(crate) fn joined(&self, gram: &Gram) -> String {
        let mut text = String::new();
        for (i, &id) in gram.iter().take_while(|&&id| id != NONE).enumerate() {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(self.name(id));
        }
        text
    }

    /// Orders two grams as their [joined](Self::joined) strings order,
    /// without joining them.
    pub(crate) fn cmp_joined(&self, a: &Gram, b: &Gram) -> Ordering {
        self.bytes(a).cmp(self.bytes(b))
    }

    fn bytes<'a>(&'a self, gram: &'a Gram) -> impl Iterator<Item = u8> + 'a {
        gram.iter().take_while(|&&id| id != NONE).enumerate().flat_map(move |(i, &id)| {
            (i > 0).then_some(b' ').into_iter().chain(self.name(id).bytes())
        })
    }
}

/// One n-gram's counts.
#[derive(Clone, Copy)]
pub(crate) struct Entry {
    /// Times seen.
    pub(crate) freq: u64,
    /// Articles it was seen in.
    pub(crate) articles: u32,
    /// The last article it was seen in (its place in the reading order).
    seen_in: u32,
    /// The first spelling seen, and how often it was seen.
    spelling: Gram,
    spelling_freq: u64,
}

impl Entry {
    fn new(spelling: Gram, article: u32) -> Entry {
        Entry { freq: 0, articles: 0, seen_in: article, spelling, spelling_freq: 0 }
    }

    /// Counts one occurrence in `article`; whether it was spelt as the
    /// entry's first spelling.
    fn add(&mut self, spelling: &Gram, article: u32) -> bool {
        self.freq += 1;
        if self.articles == 0 || self.seen_in != article {
            self.articles += 1;
            self.seen_in = article;
        }
        let first = self.spelling == *spelling;
        if first {
            self.spelling_freq += 1;
        }
        first
    }
}

/// Counts of n-grams (keys) and of their spellings.
///
/// Single words, the most common list, are counted in vectors indexed by
/// their ids (no hashing at all); longer n-grams in hash tables.
#[derive(Default)]
pub(crate) struct GramTally {
    /// Single words' entries, by key id (`freq` 0: never seen).
    singles: Vec<Entry>,
    /// Single words' spellings: times and key, by written id (a written
    /// form has one key: its analysis depends on it alone).
    single_spellings: Vec<(u64, u32)>,
    entries: FxHashMap<Gram, Entry>,
    /// Spellings other than an entry's first: (key, spelling) → times.
    other_spellings: FxHashMap<(Gram, Gram), u64>,
}

impl GramTally {
    /// Counts one occurrence of `key`, spelt `spelling`, in article
    /// `article` (articles are counted in increasing order).
    pub(crate) fn add(&mut self, key: Gram, spelling: Gram, article: u32) {
        if key[1] == NONE {
            let (at, written) = (key[0] as usize, spelling[0] as usize);
            if at >= self.singles.len() {
                self.singles.resize(at + 1, Entry::new(EMPTY, 0));
            }
            if written >= self.single_spellings.len() {
                self.single_spellings.resize(written + 1, (0, NONE));
            }
            self.singles[at].add(&EMPTY, article);
            self.single_spellings[written] = (self.single_spellings[written].0 + 1, key[0]);
            return;
        }
        let entry = self.entries.entry(key).or_insert_with(|| Entry::new(spelling, article));
        if !entry.add(&spelling, article) {
            *self.other_spellings.entry((key, spelling)).or_insert(0) += 1;
        }
    }

    /// Distinct keys counted.
    pub(crate) fn distinct(&self) -> usize {
        self.entries.len() + self.singles.iter().filter(|e| e.freq > 0).count()
    }

    /// The entries seen at least `min_freq` times, most frequent first,
    /// then in the order of their keys' joined strings; and how many there
    /// are before `limit` cuts them.
    pub(crate) fn frequent(
        &self,
        keys: &Interner,
        min_freq: u64,
        limit: usize,
    ) -> (Vec<(Gram, Entry)>, usize) {
        let singles = self.singles.iter().enumerate().map(|(id, e)| {
            let mut key = EMPTY;
            key[0] = id as u32;
            (key, *e)
        });
        let mut rows: Vec<(Gram, Entry)> = singles
            .chain(self.entries.iter().map(|(key, e)| (*key, *e)))
            .filter(|(_, e)| e.freq >= min_freq.max(1))
            .collect();
        let frequent = rows.len();
        let order = |a: &(Gram, Entry), b: &(Gram, Entry)| {
            b.1.freq.cmp(&a.1.freq).then_with(|| keys.cmp_joined(&a.0, &b.0))
        };
        if rows.len() > limit && limit > 0 {
            rows.select_nth_unstable_by(limit - 1, order);
        }
        rows.truncate(limit);
        rows.sort_unstable_by(order);
        (rows, frequent)
    }

    /// The spelling seen most often of each of `rows`' keys; of two seen as
    /// often, the first in code point order.
    pub(crate) fn spellings(&self, rows: &[(Gram, Entry)], written: &Interner) -> Vec<String> {
        // Single words keep no first spelling in their entries: all their
        // spellings are in `single_spellings`.
        let mut best: Vec<(Gram, u64)> = rows
            .iter()
            .map(|(key, e)| if key[1] == NONE { (EMPTY, 0) } else { (e.spelling, e.spelling_freq) })
            .collect();
        let at: FxHashMap<Gram, usize> =
            rows.iter().enumerate().map(|(i, (key, _))| (*key, i)).collect();
        let singles = self.single_spellings.iter().enumerate().map(|(written, &(count, key))| {
            let (mut key_gram, mut spelling) = (EMPTY, EMPTY);
            (key_gram[0], spelling[0]) = (key, written as u32);
            ((key_gram, spelling), count)
        });
        let others = self.other_spellings.iter().map(|(grams, &count)| (*grams, count));
        for ((key, spelling), count) in singles.chain(others) {
            let Some(&i) = at.get(&key) else { continue };
            let (kept, kept_count) = &mut best[i];
            let better = count > *kept_count
                || (count == *kept_count && written.cmp_joined(&spelling, kept) == Ordering::Less);
            if better {
                *kept = spelling;
                *kept_count = count;
            }
        }
        best.iter().map(|(spelling, _)| written.joined(spelling)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gram(interner: &mut Interner, text: &str) -> Gram {
        let mut gram = EMPTY;
        for (i, word) in text.split(' ').enumerate() {
            gram[i] = interner.id(word);
        }
        gram
    }

    #[test]
    fn grams_order_as_their_joined_strings() {
        let mut words = Interner::default();
        let texts = ["ab c", "a bc", "ب", "ا ب", "اب", "a", "ab"];
        let grams: Vec<Gram> = texts.iter().map(|t| gram(&mut words, t)).collect();
        for (a, ta) in grams.iter().zip(texts) {
            assert_eq!(words.joined(a), ta);
            for (b, tb) in grams.iter().zip(texts) {
                assert_eq!(words.cmp_joined(a, b), ta.cmp(tb), "{ta} against {tb}");
            }
        }
    }

    #[test]
    fn counts_articles_once_and_keeps_the_commonest_spelling() {
        let (mut keys, mut written) = (Interner::default(), Interner::default());
        let mut tally = GramTally::default();
        let key = gram(&mut keys, "مجلس وزير");
        let other = gram(&mut keys, "حكوم");
        for (spelling, article) in [
            ("مجلس الوزراء", 0),
            ("لمجلس الوزراء", 0),
            ("لمجلس الوزراء", 1),
            ("مجلس وزراء", 2),
            ("مجلس الوزراء", 3),
        ] {
            tally.add(key, gram(&mut written, spelling), article);
        }
        tally.add(other, gram(&mut written, "الحكومة"), 3);
        assert_eq!(tally.distinct(), 2);
        let (rows, frequent) = tally.frequent(&keys, 2, 10);
        assert_eq!(frequent, 1);
        assert_eq!((rows[0].1.freq, rows[0].1.articles), (5, 4));
        assert_eq!(keys.joined(&rows[0].0), "مجلس وزير");
        // Two spellings twice each: the first in code point order wins.
        assert_eq!(tally.spellings(&rows, &written), ["لمجلس الوزراء"]);
        tally.add(key, gram(&mut written, "مجلس الوزراء"), 4);
        let (rows, _) = tally.frequent(&keys, 1, 1);
        assert_eq!(tally.spellings(&rows, &written), ["مجلس الوزراء"]);
    }

    #[test]
    fn single_words_are_counted_and_ordered_as_longer_grams_are() {
        let (mut keys, mut written) = (Interner::default(), Interner::default());
        let mut tally = GramTally::default();
        for (key, spelling, article) in [
            ("حكوم", "الحكومة", 0),
            ("وزير", "الوزير", 0),
            ("حكوم", "حكومة", 1),
            ("حكوم", "حكومة", 1),
            ("وزير", "وزير", 2),
            ("امن", "الأمن", 2),
        ] {
            tally.add(gram(&mut keys, key), gram(&mut written, spelling), article);
        }
        assert_eq!(tally.distinct(), 3);
        let (rows, frequent) = tally.frequent(&keys, 2, 10);
        assert_eq!(frequent, 2);
        let listed: Vec<(String, u64, u32)> =
            rows.iter().map(|(key, e)| (keys.joined(key), e.freq, e.articles)).collect();
        assert_eq!(listed, [("حكوم".into(), 3, 2), ("وزير".into(), 2, 2)]);
        assert_eq!(tally.spellings(&rows, &written), ["حكومة", "الوزير"]);
    }
}
