//! Which analysis chain each field and each query uses, registered with
//! tantivy under stable names.
//!
//! An index is built with one *index analyzer* for title and body, recorded
//! in its manifest:
//! - `fahras` (default): [`chains::arabic_indexing`], one pass emitting both
//!   the exact family (`=الكتاب`) and the stems (`كتاب`);
//! - `snowball`: tantivy's simple tokenizer, lowercasing and its Snowball
//!   Arabic stemmer, kept as a baseline;
//! - `plain`: tantivy's default tokenizer, no Arabic analysis, a baseline.
//!
//! A query on a `fahras` index is analyzed with the stemmed chain (stop words
//! dropped) or, in exact mode, with the exact chain plus the exact marker.

use fahras_analyzers::chains;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, TokenStream,
    TokenizerManager,
};

/// How title and body of an index are analyzed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndexAnalyzer {
    /// Arabic normalization and light stemming, exact and stemmed terms.
    Fahras,
    /// tantivy's Snowball Arabic stemmer (baseline).
    Snowball,
    /// tantivy's default tokenizer, no Arabic analysis (baseline).
    Plain,
}

impl IndexAnalyzer {
    /// The tokenizer name stored in the schema.
    pub fn tokenizer_name(self) -> &'static str {
        match self {
            IndexAnalyzer::Fahras => "fahras",
            IndexAnalyzer::Snowball => "snowball",
            IndexAnalyzer::Plain => "default",
        }
    }

    /// The name as written in the manifest and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            IndexAnalyzer::Fahras => "fahras",
            IndexAnalyzer::Snowball => "snowball",
            IndexAnalyzer::Plain => "plain",
        }
    }
}

/// How a query's words are analyzed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum QueryMode {
    /// Stems, stop words dropped (the default).
    #[default]
    Stemmed,
    /// Normalized words, not stemmed.
    Exact,
}

/// The analysis chains one may inspect, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamedChain {
    /// Normalized, stop words dropped, light-stemmed (search default).
    Stemmed,
    /// Normalized, not stemmed.
    Exact,
    /// tantivy's Snowball Arabic stemmer (baseline).
    Snowball,
    /// The index chain: exact (`=` marked) and stemmed terms per word.
    Index,
}

/// Returns the chain called `chain` as a tantivy analyzer.
pub(crate) fn named(chain: NamedChain) -> TextAnalyzer {
    match chain {
        NamedChain::Stemmed => TextAnalyzer::from(chains::arabic_stemmed()),
        NamedChain::Exact => TextAnalyzer::from(chains::arabic_exact()),
        NamedChain::Snowball => snowball(),
        NamedChain::Index => TextAnalyzer::from(chains::arabic_indexing()),
    }
}

/// One token of an analyzed text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct AnalyzedToken {
    /// The term, as indexed or searched.
    pub term: String,
    /// Word position.
    pub position: usize,
    /// Byte offset of the start in the text.
    pub from: usize,
    /// Byte offset of the end in the text.
    pub to: usize,
    /// The text's slice `[from, to)`, as written.
    pub original: String,
}

/// The tokens `chain` makes of `text`: why a word matches or does not.
pub fn analyze(chain: NamedChain, text: &str) -> Vec<AnalyzedToken> {
    let mut analyzer = named(chain);
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(AnalyzedToken {
            term: t.text.clone(),
            position: t.position,
            from: t.offset_from,
            to: t.offset_to,
            original: text[t.offset_from..t.offset_to].to_string(),
        });
    }
    out
}

/// tantivy's Arabic Snowball chain, as a tantivy user would assemble it.
pub(crate) fn snowball() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(255))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::Arabic))
        .build()
}

/// The tokenizers an index uses at indexing time (and for snippets): the
/// one-pass `fahras` chain of title and body, the two named Arabic chains
/// (`arabic_stemmed`, `arabic_exact`) for fields a user adds, and the
/// `snowball` baseline.
pub(crate) fn index_tokenizers() -> TokenizerManager {
    let manager = TokenizerManager::default();
    manager.register("fahras", TextAnalyzer::from(chains::arabic_indexing()));
    manager.register(chains::STEMMED, TextAnalyzer::from(chains::arabic_stemmed()));
    manager.register(chains::EXACT, TextAnalyzer::from(chains::arabic_exact()));
    manager.register("snowball", snowball());
    manager
}

/// The query side of the chain registered as `tokenizer` (the name a
/// schema field gives), built alone: queries build it on every search, so
/// it must not cost a whole [`TokenizerManager`].
pub(crate) fn query_analyzer(tokenizer: &str, mode: QueryMode) -> Option<TextAnalyzer> {
    match tokenizer {
        "fahras" => Some(match mode {
            QueryMode::Stemmed => TextAnalyzer::from(chains::arabic_stemmed()),
            QueryMode::Exact => TextAnalyzer::from(chains::arabic_exact_marked()),
        }),
        "snowball" => Some(snowball()),
        "default" => Some(
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .build(),
        ),
        _ => None,
    }
}
