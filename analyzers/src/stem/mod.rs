//! [`LightStemmer`]: removes proclitics and suffixes, in place.
//!
//! Rules, applied in rounds until a round changes nothing (so stemming a stem
//! gives the same stem):
//! - a word on the [`PROTECTED`](affixes::PROTECTED) list is left alone
//!   (`فلسطين`, `لبنان`, `الله`);
//! - one proclitic chain: `والكتاب` → `كتاب`, `فبالعمل` → `عمل`, `للطلاب` →
//!   `طلاب`, `وقال` → `قال`;
//! - one attached pronoun: `كتابهم` → `كتاب`; a teh it exposes goes back to
//!   teh marbuta: `حكومتها` → `حكومه`;
//! - otherwise one inflection ending: `المعلمون`/`المعلمين`/`المعلمات` →
//!   `معلم`, `مدرسه` → `مدرس`, `عربي` → `عرب`;
//! - each removal keeps a minimum number of *letters* (never fewer than 2);
//! - only words written in Arabic letters are stemmed: `covid` and `2024` pass.
//!
//! Preconditions: the token text is normalized and stripped of diacritics
//! ([`ArabicNormalizer`](crate::ArabicNormalizer) then
//! [`StripDiacritics`](crate::StripDiacritics)); affixes are matched in that
//! normalized form.
//!
//! Source: light10 of Larkey, Ballesteros & Connell (2007), with the
//! additions listed and cited in [`affixes`].

pub mod affixes;

use std::sync::OnceLock;

use tantivy_tokenizer_api::{Token, TokenFilter, TokenStream, Tokenizer};

use self::affixes::{
    Affix, CONJUNCTIONS, INFLECTION_SUFFIXES, PREFIXES, PRONOUN_SUFFIXES, PROTECTED,
    TEH_MARBUTA_MIN_LETTERS,
};
use crate::chars::{is_arabic_letter, HEH, TEH};
use crate::wordset::WordSet;

/// Light Arabic stemming; see the [module docs](self).
#[derive(Clone, Copy, Debug, Default)]
pub struct LightStemmer;

impl TokenFilter for LightStemmer {
    type Tokenizer<T: Tokenizer> = LightStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> LightStemmerFilter<T> {
        LightStemmerFilter { tokenizer }
    }
}

/// [`LightStemmer`] wrapped around a tokenizer.
#[derive(Clone, Debug)]
pub struct LightStemmerFilter<T> {
    tokenizer: T,
}

impl<T: Tokenizer> Tokenizer for LightStemmerFilter<T> {
    type TokenStream<'a> = LightStemmerTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        LightStemmerTokenStream { tail: self.tokenizer.token_stream(text) }
    }
}

/// The token stream of [`LightStemmerFilter`].
pub struct LightStemmerTokenStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for LightStemmerTokenStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Stems a normalized word in place; see the [module docs](self).
///
/// ```
/// let mut word = String::from("والمعلمات");
/// fahras_analyzers::stem_in_place(&mut word);
/// assert_eq!(word, "معلم");
/// ```
pub fn stem_in_place(word: &mut String) {
    match word.chars().next() {
        Some(c) if is_arabic_letter(c) => {}
        _ => return,
    }
    let mut letters = word.chars().count();
    loop {
        if is_protected(word) {
            return;
        }
        let mut changed = strip_prefix(word, &mut letters);
        if changed && is_protected(word) {
            return;
        }
        changed |= strip_suffix(word, &mut letters);
        if !changed {
            return;
        }
    }
}

static PROTECTED_SET: WordSet = WordSet::new(PROTECTED);

/// Returns true if and only if `word` must not be stemmed further.
#[inline]
fn is_protected(word: &str) -> bool {
    PROTECTED_SET.contains(word)
}

/// Byte-wise `starts_with`, without a call to `memcmp` for a few bytes;
/// the first two bytes (one Arabic letter) are compared first.
#[inline]
fn has_prefix(word: &[u8], prefix: &[u8]) -> bool {
    word.len() >= prefix.len()
        && word[..2] == prefix[..2]
        && word.iter().zip(prefix).all(|(a, b)| a == b)
}

/// Byte-wise `ends_with`, without a call to `memcmp` for a few bytes;
/// the last two bytes (one Arabic letter) are compared first.
#[inline]
fn has_suffix(word: &[u8], suffix: &[u8]) -> bool {
    word.len() >= suffix.len()
        && word[word.len() - 2..] == suffix[suffix.len() - 2..]
        && word.iter().rev().zip(suffix.iter().rev()).all(|(a, b)| a == b)
}

/// An affix table split by the letter the affixes start (or end) with, so a
/// word is compared only with the affixes that can match it: `الكتاب` with
/// `ال` alone, not with the thirteen prefixes.
struct ByLetter {
    /// Index: code point − U+0600; every affix letter is in the Arabic block.
    groups: Vec<Vec<Affix>>,
}

impl ByLetter {
    fn new(table: &[Affix], ends: bool) -> ByLetter {
        let mut groups = vec![Vec::new(); 256];
        for affix in table {
            let letter =
                if ends { affix.text.chars().next_back() } else { affix.text.chars().next() };
            let slot = letter.expect("affixes are not empty") as usize - 0x0600;
            // Kept in table order: longest first.
            groups[slot].push(*affix);
        }
        ByLetter { groups }
    }

    #[inline]
    fn get(&self, letter: Option<char>) -> &[Affix] {
        match letter {
            Some(c) if ('\u{0600}'..='\u{06FF}').contains(&c) => &self.groups[c as usize - 0x0600],
            _ => &[],
        }
    }
}

static PREFIXES_BY_FIRST: OnceLock<ByLetter> = OnceLock::new();
static PRONOUNS_BY_LAST: OnceLock<ByLetter> = OnceLock::new();
static INFLECTIONS_BY_LAST: OnceLock<ByLetter> = OnceLock::new();

#[inline]
fn letters_of(affix: &Affix) -> usize {
    // Every affix is Arabic letters, two bytes each in UTF-8.
    affix.text.len() / 2
}

fn strip_prefix(word: &mut String, letters: &mut usize) -> bool {
    let first = word.chars().next();
    let candidates = PREFIXES_BY_FIRST.get_or_init(|| ByLetter::new(PREFIXES, false)).get(first);
    if candidates.is_empty() {
        return false;
    }
    // `والله` is `و` + `الله`, not `وال` + `له`: a conjunction in front of a
    // protected word is removed on its own.
    for conjunction in CONJUNCTIONS {
        if has_prefix(word.as_bytes(), conjunction.as_bytes())
            && is_protected(&word[conjunction.len()..])
        {
            word.drain(..conjunction.len());
            *letters -= 1;
            return true;
        }
    }
    for prefix in candidates {
        if has_prefix(word.as_bytes(), prefix.text.as_bytes()) {
            let n = letters_of(prefix);
            if *letters >= n + prefix.min_stem_letters {
                word.drain(..prefix.text.len());
                *letters -= n;
                return true;
            }
        }
    }
    false
}

fn strip_suffix(word: &mut String, letters: &mut usize) -> bool {
    let last = word.chars().next_back();
    let pronouns = PRONOUNS_BY_LAST.get_or_init(|| ByLetter::new(PRONOUN_SUFFIXES, true)).get(last);
    if let Some(n) = strip_one_suffix(word, letters, pronouns) {
        // `حكومتهم` → `حكومت` → `حكومه`; but `اوقاتهم` → `اوقات` keeps
        // its plural teh, and a short `بيتهم` → `بيت` its root teh.
        if *letters >= TEH_MARBUTA_MIN_LETTERS && word.ends_with(TEH) && !word.ends_with("ات") {
            word.pop();
            word.push(HEH);
        }
        return n > 0;
    }
    let inflections =
        INFLECTIONS_BY_LAST.get_or_init(|| ByLetter::new(INFLECTION_SUFFIXES, true)).get(last);
    strip_one_suffix(word, letters, inflections).is_some()
}

/// Removes the first suffix of `table` that fits; returns its letter count.
fn strip_one_suffix(word: &mut String, letters: &mut usize, table: &[Affix]) -> Option<usize> {
    for suffix in table {
        if has_suffix(word.as_bytes(), suffix.text.as_bytes()) {
            let n = letters_of(suffix);
            if *letters >= n + suffix.min_stem_letters {
                word.truncate(word.len() - suffix.text.len());
                *letters -= n;
                return Some(n);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::chains::arabic_stemmed;
    use crate::testutil::assert_folds;

    #[test]
    fn table_through_the_whole_chain() {
        assert_folds(
            arabic_stemmed(),
            &[
                // Proclitics.
                ("الكتاب", "كتاب"),
                ("والكتاب", "كتاب"),
                ("بالكتاب", "كتاب"),
                ("للكتاب", "كتاب"),
                ("فالكتاب", "كتاب"),
                ("كالكتاب", "كتاب"),
                ("وبالكتاب", "كتاب"),
                ("فبالعمل", "عمل"),
                ("وللطلاب", "طلاب"),
                ("وقال", "قال"),
                ("اليد", "يد"),
                // Suffixes: pronouns, plurals, nisba, teh marbuta.
                ("كتابهم", "كتاب"),
                ("كتابها", "كتاب"),
                ("كتابهما", "كتاب"),
                ("كتابكم", "كتاب"),
                ("كتابنا", "كتاب"),
                ("المعلمون", "معلم"),
                ("المعلمين", "معلم"),
                ("المعلمات", "معلم"),
                ("معلماتهم", "معلم"),
                ("مدرسة", "مدرس"),
                ("مدرستهم", "مدرس"),
                ("حكومتها", "حكوم"),
                ("الحكومة", "حكوم"),
                ("بيتهم", "بيت"),
                ("اوقاتهم", "اوق"),
                ("الطالبتان", "طالب"),
                ("العربية", "عرب"),
                ("عربي", "عرب"),
                // Minimum letters: short words and names survive.
                ("بنات", "بنات"),
                ("فنون", "فنون"),
                ("وزن", "وزن"),
                ("فلسطين", "فلسطين"),
                ("الفلسطينيين", "فلسطين"),
                ("فلسطيني", "فلسطين"),
                ("لبنان", "لبنان"),
                ("بطاطس", "بطاطس"),
                ("أمريكا", "امريكا"),
                ("الله", "الله"),
                ("والله", "الله"),
                // Stop words are dropped by the default chain.
                ("في", ""),
                // Not Arabic: untouched.
                ("COVID", "covid"),
                ("٢٠٢٤", "2024"),
            ],
        );
    }
}
