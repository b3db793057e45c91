//! Arabic text analysis for [tantivy](https://docs.rs/tantivy): a tokenizer
//! and token filters that fold the many spellings of an Arabic word to one
//! term, while every token's offsets keep pointing into the original text.
//!
//! ```
//! use fahras_analyzers::chains::arabic_stemmed;
//! use tantivy_tokenizer_api::{TokenStream, Tokenizer};
//!
//! let mut chain = arabic_stemmed();
//! let text = "وَالمُعَلِّمونَ في مَدرَسَتِهِم";
//! let mut stream = chain.token_stream(text);
//! let mut terms = Vec::new();
//! while let Some(token) = stream.next() {
//!     terms.push((token.text.clone(), &text[token.offset_from..token.offset_to]));
//! }
//! assert_eq!(terms[0], ("معلم".to_string(), "وَالمُعَلِّمونَ"));
//! assert_eq!(terms[1], ("مدرس".to_string(), "مَدرَسَتِهِم"));
//! ```
//!
//! The named chains of [`chains`] are what most users need. Their pieces,
//! in chain order, for those who assemble their own with
//! [`TokenFilter::transform`](tantivy_tokenizer_api::TokenFilter::transform):
//!
//! | step | type |
//! |---|---|
//! | split words, offsets into the original | [`ArabicTokenizer`] |
//! | fold letter variants, digits, case | [`ArabicNormalizer`] |
//! | remove harakat, tatweel, invisible marks | [`StripDiacritics`] |
//! | drop function words | [`ArabicStopWords`] |
//! | light stemming | [`LightStemmer`] (and [`stem_in_place`] for one word) |
//! | exact and stemmed terms at one position (indexing) | [`DualForms`] |
//! | the exact family's marker (querying) | [`MarkExact`] |
//!
//! Register a chain with tantivy under its name:
//!
//! ```ignore
//! index.tokenizers().register(chains::STEMMED, TextAnalyzer::from(chains::arabic_stemmed()));
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod chains;
mod chars;
mod diacritics;
mod dual;
mod normalize;
mod scan;
mod stem;
mod stopwords;
#[cfg(test)]
mod testutil;
mod tokenizer;
mod wordkey;
mod wordset;

pub use diacritics::{StripDiacritics, StripDiacriticsFilter, StripDiacriticsTokenStream};
pub use dual::{
    DualForms, DualFormsFilter, DualFormsTokenStream, MarkExact, MarkExactFilter,
    MarkExactTokenStream, EXACT_MARKER,
};
pub use normalize::{ArabicNormalizer, ArabicNormalizerFilter, ArabicNormalizerTokenStream};
pub use stem::{
    stem_in_place, ArabicStemmingTokenStream, ArabicStemmingTokenizer, LightStemmer,
    LightStemmerFilter, LightStemmerTokenStream,
};
pub use stopwords::{ArabicStopWords, ArabicStopWordsFilter, ArabicStopWordsTokenStream};
pub use tokenizer::{ArabicTokenStream, ArabicTokenizer};

/// Version of the analysis: bump it whenever a change alters any term, so an
/// index built with older rules asks to be rebuilt.
pub const ANALYZER_VERSION: u32 = 1;
