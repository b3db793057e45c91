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
//! Register a chain with tantivy under its name, and every spelling of a
//! word finds the others:
//!
//! ```
//! use fahras_analyzers::chains;
//! use tantivy::collector::Count;
//! use tantivy::query::QueryParser;
//! use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
//! use tantivy::tokenizer::TextAnalyzer;
//! use tantivy::{doc, Index, IndexWriter};
//!
//! let mut schema = Schema::builder();
//! let indexing = TextFieldIndexing::default()
//!     .set_tokenizer(chains::STEMMED)
//!     .set_index_option(IndexRecordOption::WithFreqsAndPositions);
//! let body = schema.add_text_field("body", TextOptions::default().set_indexing_options(indexing));
//! let index = Index::create_in_ram(schema.build());
//! index.tokenizers().register(chains::STEMMED, TextAnalyzer::from(chains::arabic_stemmed()));
//!
//! let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000)?;
//! writer.add_document(doc!(body => "وَصَلَ المُعَلِّمونَ إلى مَدرَسَتِهِم"))?;
//! writer.commit()?;
//!
//! // The query parser analyzes the query with the field's chain.
//! let searcher = index.reader()?.searcher();
//! let parser = QueryParser::for_index(&index, vec![body]);
//! let hits = |query: &str| searcher.search(&parser.parse_query(query).expect("a query"), &Count);
//! // `مَدرَسَتِهِم` (their school) and `المدرسة` (the school) are one stem,
//! // as are `المُعَلِّمونَ` (the teachers) and `معلم` (a teacher).
//! assert_eq!(hits("المدرسة")?, 1);
//! assert_eq!(hits("معلم")?, 1);
//! assert_eq!(hits("كتاب")?, 0);
//! # Ok::<(), tantivy::TantivyError>(())
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
    stem_by_rules_in_place, stem_in_place, ArabicStemmingTokenStream, ArabicStemmingTokenizer,
    LightStemmer, LightStemmerFilter, LightStemmerTokenStream,
};
pub use stopwords::{ArabicStopWords, ArabicStopWordsFilter, ArabicStopWordsTokenStream};
pub use tokenizer::{ArabicTokenStream, ArabicTokenizer};

/// Version of the analysis: bump it whenever a change alters any term, so an
/// index built with older rules asks to be rebuilt.
///
/// 2: the letters پ چ ڤ گ ژ (and ڨ ڭ) fold into ب ج ف ك ز (ق ك).
///
/// 3: proclitics of frequent words decided by the corpus table
/// (`src/stem/clitics.txt`); prepositions with attached pronouns are stop
/// words.
pub const ANALYZER_VERSION: u32 = 3;
