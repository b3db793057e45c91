//! [`ArabicStopWords`]: drops function words at query time.

use tantivy_tokenizer_api::{Token, TokenFilter, TokenStream, Tokenizer};

use crate::wordset::WordSet;

/// The stop words, normalized and sorted (kept sorted to spot duplicates).
const STOP_WORDS: &[&str] = &[
    "اذ",
    "اذا",
    "الا",
    "التي",
    "الذي",
    "الذين",
    "اللاتي",
    "اللتان",
    "اللتين",
    "اللذان",
    "اللذين",
    "الي",
    "اليه",
    "اليها",
    "اليهم",
    "اما",
    "ان",
    "انا",
    "انت",
    "انتم",
    "انما",
    "انه",
    "انها",
    "او",
    "اي",
    "ايضا",
    "بان",
    "بانه",
    "بعد",
    "بعض",
    "بك",
    "بكم",
    "بل",
    "بنا",
    "به",
    "بها",
    "بهم",
    "بهما",
    "بهن",
    "بي",
    "بين",
    "تلك",
    "ثم",
    "حتي",
    "حيث",
    "حين",
    "ذلك",
    "عل",
    "علي",
    "عليه",
    "عليها",
    "عليهم",
    "عن",
    "عند",
    "عنه",
    "عنها",
    "عنهم",
    "غير",
    "فان",
    "فحسب",
    "فقد",
    "في",
    "فيك",
    "فيكم",
    "فينا",
    "فيه",
    "فيها",
    "فيهم",
    "فيهما",
    "قبل",
    "قد",
    "كان",
    "كانت",
    "كذلك",
    "كل",
    "كلا",
    "كلما",
    "كله",
    "كلها",
    "كلهم",
    "كما",
    "كي",
    "كيف",
    "لا",
    "لابد",
    "لان",
    "لدي",
    "لدينا",
    "لديه",
    "لديها",
    "لديهم",
    "لذا",
    "لذلك",
    "لعل",
    "لقد",
    "لك",
    "لكم",
    "لكن",
    "لكنه",
    "لكنها",
    "لكي",
    "لم",
    "لما",
    "لماذا",
    "لن",
    "لنا",
    "له",
    "لها",
    "لهم",
    "لهما",
    "لهن",
    "لو",
    "لولا",
    "لي",
    "ما",
    "ماذا",
    "متي",
    "مع",
    "من",
    "منذ",
    "منه",
    "منها",
    "منهم",
    "منهما",
    "نحن",
    "هذا",
    "هذه",
    "هل",
    "هم",
    "هما",
    "هن",
    "هناك",
    "هو",
    "هي",
    "و",
    "وان",
    "وفي",
    "وقد",
    "وكان",
    "وكانت",
    "ولا",
    "ولعل",
    "ولقد",
    "ولكن",
    "ولم",
    "وله",
    "ولها",
    "ولهم",
    "ومن",
    "وهو",
    "وهي",
    "يكون",
];

static STOP_WORD_SET: WordSet = WordSet::new(STOP_WORDS);

/// Returns true if and only if `word` (normalized) is a stop word.
#[inline]
fn is_stop_word(word: &str) -> bool {
    is_stop_word_bytes(word.as_bytes())
}

/// [`is_stop_word`] of the UTF-8 bytes of a word: on the list, or a word
/// of the corpus table of proclitics that is one behind them (`والتي`,
/// `لانه`, `بانها`).
#[inline]
pub(crate) fn is_stop_word_bytes(word: &[u8]) -> bool {
    is_listed_stop_word(word) || crate::stem::is_clitic_stop_word(word)
}

/// Whether `word` (normalized UTF-8) is on the list of stop words itself.
#[inline]
pub(crate) fn is_listed_stop_word(word: &[u8]) -> bool {
    STOP_WORD_SET.contains_bytes(word)
}

/// Drops function words at query time.
///
/// The list holds prepositions, conjunctions, pronouns, demonstratives,
/// relatives and particles of Modern Standard Arabic, with their commonest
/// proclitic forms (`وفي`, `ومن`), written by this project in normalized form
/// (after [`ArabicNormalizer`](crate::ArabicNormalizer) and
/// [`StripDiacritics`](crate::StripDiacritics)): `إلى` is `الي`, `على` is
/// `علي`. Word classes follow Ryding, *A Reference Grammar of Modern Standard
/// Arabic* (2005), ch. 16–18.
///
/// Positions of the remaining tokens are unchanged, so a phrase query keeps
/// the gap a dropped word leaves.
///
/// Preconditions: normalized, diacritic-free tokens; run before stemming.
#[derive(Clone, Copy, Debug, Default)]
pub struct ArabicStopWords;

impl TokenFilter for ArabicStopWords {
    type Tokenizer<T: Tokenizer> = ArabicStopWordsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ArabicStopWordsFilter<T> {
        ArabicStopWordsFilter { tokenizer }
    }
}

/// [`ArabicStopWords`] wrapped around a tokenizer.
#[derive(Clone, Debug)]
pub struct ArabicStopWordsFilter<T> {
    tokenizer: T,
}

impl<T: Tokenizer> Tokenizer for ArabicStopWordsFilter<T> {
    type TokenStream<'a> = ArabicStopWordsTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ArabicStopWordsTokenStream { tail: self.tokenizer.token_stream(text) }
    }
}

/// The token stream of [`ArabicStopWordsFilter`].
pub struct ArabicStopWordsTokenStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for ArabicStopWordsTokenStream<T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            if !is_stop_word(&self.tail.token().text) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chains::arabic_stemmed;
    use crate::testutil::analyze;

    #[test]
    fn list_is_sorted_and_unique() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn drops_function_words_and_keeps_positions() {
        let tokens = analyze(arabic_stemmed(), "وصل الوفد إلى الدوحة في الصباح");
        let got: Vec<(&str, usize)> =
            tokens.iter().map(|t| (t.text.as_str(), t.position)).collect();
        assert_eq!(got, [("وصل", 0), ("وفد", 1), ("دوح", 3), ("صباح", 5)]);
    }
}
