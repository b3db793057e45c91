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
//! Register a chain with tantivy under its name:
//!
//! ```ignore
//! index.tokenizers().register(chains::STEMMED, TextAnalyzer::from(chains::arabic_stemmed()));
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod chains;
pub mod chars;
pub mod diacritics;
pub mod dual;
pub mod normalize;
mod scan;
pub mod stem;
pub mod stopwords;
#[cfg(test)]
mod testutil;
pub mod tokenizer;
pub mod wordkey;
pub mod wordset;

pub use diacritics::StripDiacritics;
pub use dual::{DualForms, MarkExact, EXACT_MARKER};
pub use normalize::ArabicNormalizer;
pub use stem::{stem_in_place, LightStemmer};
pub use stopwords::ArabicStopWords;
pub use tokenizer::ArabicTokenizer;

/// Version of the analysis: bump it whenever a change alters any term, so an
/// index built with older rules asks to be rebuilt.
pub const ANALYZER_VERSION: u32 = 1;
