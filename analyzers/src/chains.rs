//! The named analysis chains, built in one place so that indexing and
//! querying always agree on the order of the steps.
//!
//! Lossless steps first (tokenize, fold letter variants, strip marks), then
//! the lossy ones (stop words, stemming):
//!
//! | chain | steps |
//! |---|---|
//! | [`arabic_exact`] | tokenizer → normalizer → strip diacritics |
//! | [`arabic_stemmed`] | exact → stop words → light stemmer (one step) |
//! | [`arabic_stemmed_all`] | exact → light stemmer (keeps stop words) |
//! | [`arabic_indexing`] | exact → both families ([`DualForms`]) |
//! | [`arabic_exact_marked`] | exact → marker ([`MarkExact`]) |

use tantivy_tokenizer_api::TokenFilter;

use crate::diacritics::StripDiacriticsFilter;
use crate::dual::{DualFormsFilter, MarkExactFilter};
use crate::normalize::ArabicNormalizerFilter;
use crate::stem::LightStemmerFilter;
use crate::stopwords::ArabicStopWordsFilter;
use crate::{
    ArabicNormalizer, ArabicStopWords, ArabicTokenizer, DualForms, LightStemmer, MarkExact,
    StripDiacritics,
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
/// [`arabic_stemmed_filters`]), with one look-up per word for both steps.
pub fn arabic_stemmed() -> LightStemmerFilter<ExactChain> {
    LightStemmer::dropping_stop_words().transform(arabic_exact())
}

/// [`arabic_stemmed`] assembled from the separate filters; the tests check
/// both give one result.
pub fn arabic_stemmed_filters() -> LightStemmerFilter<ArabicStopWordsFilter<ExactChain>> {
    LightStemmer::new().transform(ArabicStopWords.transform(arabic_exact()))
}

/// Like [`arabic_stemmed`] but keeping stop words.
pub fn arabic_stemmed_all() -> LightStemmerFilter<ExactChain> {
    LightStemmer::new().transform(arabic_exact())
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
