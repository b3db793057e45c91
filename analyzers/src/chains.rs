//! The named analysis chains, built in one place so that indexing and
//! querying always agree on the order of the steps.
//!
//! Lossless steps first (tokenize, fold letter variants, strip marks), then
//! the lossy ones (stop words, stemming):
//!
//! | chain | steps |
//! |---|---|
//! | [`arabic_exact`] | tokenizer → normalizer → strip diacritics |
//! | [`arabic_stemmed`] | exact → stop words → light stemmer (one pass) |
//! | [`arabic_stemmed_all`] | exact → light stemmer, keeping stop words (one pass) |
//! | [`arabic_indexing`] | exact → both families ([`DualForms`]) |
//! | [`arabic_exact_marked`] | exact → marker ([`MarkExact`]) |

use tantivy_tokenizer_api::TokenFilter;

use crate::{
    ArabicNormalizer, ArabicNormalizerFilter, ArabicStemmingTokenizer, ArabicStopWords,
    ArabicStopWordsFilter, ArabicTokenizer, DualForms, DualFormsFilter, LightStemmer,
    LightStemmerFilter, MarkExact, MarkExactFilter, StripDiacritics, StripDiacriticsFilter,
};

/// Name under which the stemmed chain is registered.
pub const STEMMED: &str = "arabic_stemmed";
/// Name under which the exact (normalized, unstemmed) chain is registered.
pub const EXACT: &str = "arabic_exact";

/// Type of [`arabic_exact`].
pub type ExactChain = ArabicTokenizer;

/// Normalized words, not stemmed: for exact, phrase and prefix search.
///
/// The same terms as `StripDiacritics(ArabicNormalizer(ArabicTokenizer))`
/// (see [`arabic_exact_filters`]), in one pass over each word.
pub fn arabic_exact() -> ExactChain {
    ArabicTokenizer::normalizing()
}

/// [`arabic_exact`] assembled from the separate filters, for those who want
/// to insert their own between them; the tests check both give one result.
pub fn arabic_exact_filters() -> StripDiacriticsFilter<ArabicNormalizerFilter<ArabicTokenizer>> {
    StripDiacritics.transform(ArabicNormalizer.transform(ArabicTokenizer::default()))
}

/// Normalized, stop words dropped, light-stemmed: the default search chain.
///
/// The same terms as `LightStemmer(ArabicStopWords(arabic_exact()))` (see
/// [`arabic_stemmed_filters`]), in one pass over each word with one look-up
/// for both steps ([`ArabicStemmingTokenizer`]).
pub fn arabic_stemmed() -> ArabicStemmingTokenizer {
    ArabicStemmingTokenizer::new(LightStemmer::dropping_stop_words())
}

/// [`arabic_stemmed`] assembled from the separate filters; the tests check
/// both give one result.
pub fn arabic_stemmed_filters() -> LightStemmerFilter<ArabicStopWordsFilter<ExactChain>> {
    LightStemmer::new().transform(ArabicStopWords.transform(arabic_exact()))
}

/// Like [`arabic_stemmed`] but keeping (and stemming) stop words.
pub fn arabic_stemmed_all() -> ArabicStemmingTokenizer {
    ArabicStemmingTokenizer::new(LightStemmer::new())
}

/// The indexing chain of a field that serves both exact and stemmed search:
/// each word yields `=exact` and `stem` at one position.
pub fn arabic_indexing() -> DualFormsFilter<ExactChain> {
    DualForms.transform(arabic_exact())
}

/// The query chain that searches the exact family of [`arabic_indexing`].
pub fn arabic_exact_marked() -> MarkExactFilter<ExactChain> {
    MarkExact.transform(arabic_exact())
}
