//! Fahras (فهرس): Arabic full-text search for news archives, on tantivy.
//!
//! The engine behind the `fahras` command, usable by any Rust program (a
//! web server, a research tool) without the command line: depend on it with
//! `default-features = false` to leave out the `cli` feature (clap and the
//! progress bar). The API, in the order a program meets it:
//!
//! | to | call |
//! |---|---|
//! | create or open an index to write | [`store::Store::open_or_create`], [`store::Store::open_to_write`] |
//! | ingest archives | [`ingest::Input`], [`indexer::index_inputs`] (progress via [`indexer::Observer`]) |
//! | open an index to search | [`searcher::Engine::open`] |
//! | search: text in, ranked hits with snippets out | [`searcher::Engine::search`] with a [`searcher::SearchRequest`] |
//! | get one article | [`searcher::Engine::get`] |
//! | count matches by source, category, year | [`research::facets()`] |
//! | count matches per day, week, month, year | [`research::timeline()`], [`research::chart()`] |
//! | what the archive holds per period and outlet | [`research::coverage()`] |
//! | read every match in context (concordance) | [`research::kwic()`] |
//! | the words found near the matches, scored | [`research::collocates()`] |
//! | the words one set of articles uses more than another (keywords) | [`research::keywords()`] |
//! | a word list or n-grams of the matching articles | [`research::words()`] |
//! | how evenly the matches spread over outlets or periods | [`research::dispersion()`] |
//! | every matching article, whole | [`research::export::matches`] |
//! | list the stories (groups of copies); count the copies | [`research::dups::stories`], [`research::dups::copy_counts`] (search collapses copies unless [`searcher::SearchRequest::collapse`] is off) |
//! | see how a text is analyzed | [`analysis::analyze`] |
//! | score relevance on judged queries | [`eval::run_queries`], [`eval::evaluate`] |
//! | rebuild or merge an index | [`indexer::swap::reindex`], [`indexer::optimize::optimize`] |
//!
//! Every search goes through one path: the query text is read by a
//! forgiving query language (no text is an
//! error), analyzed with the Arabic chains of the `fahras-analyzers` crate,
//! ranked by BM25 with the defaults of [`searcher::QueryOptions::default`],
//! and its snippets are cut from the original text. Errors are
//! [`Error`]s whose messages name the file, line or index concerned.
//!
//! ```
//! use fahras::analysis::IndexAnalyzer;
//! use fahras::indexer::{self, IndexOptions};
//! use fahras::ingest::Input;
//! use fahras::searcher::{Engine, SearchRequest};
//! use fahras::store::Store;
//!
//! # fn main() -> fahras::Result<()> {
//! let folder = tempfile::tempdir().expect("a temporary folder");
//! let archive = folder.path().join("archive.jsonl");
//! std::fs::write(&archive, concat!(
//!     r#"{"id":"a1","title":"الأمر التنفيذي الجديد","body":"أصدرت الحكومة الأمرَ التنفيذيَّ رقم 12.","date":"2024-01-15"}"#, "\n",
//!     r#"{"id":"a2","title":"أسعار الذهب","body":"ارتفعت أسعار الذهب في الأسواق.","date":"2024-02-01"}"#, "\n",
//!     r#"{"id":"a3","title":"مكتبة جديدة","body":"افتتحت المدينة مكتبةً رقمية.","date":"2024-03-01"}"#, "\n",
//! )).expect("written");
//!
//! // Index the three articles.
//! let root = folder.path().join("news.idx");
//! let (mut store, _created) = Store::open_or_create(&root, IndexAnalyzer::Fahras)?;
//! let inputs = [Input::from_arg(&archive)?];
//! let summary = indexer::index_inputs(&mut store, &inputs, &IndexOptions::default(), &mut indexer::Silent)?;
//! assert_eq!(summary.indexed, 3);
//! drop(store); // releases the writer lock
//!
//! // Search as `fahras search` does: another spelling, a pasted colon.
//! let engine = Engine::open(&root)?;
//! let results = engine.search(&SearchRequest::new("الامر التنفيذى:"))?;
//! assert_eq!(results.total, 1);
//! let hit = &results.hits[0];
//! assert_eq!(hit.id, "a1");
//! // The snippet is the original text, its matches marked (character ranges).
//! assert_eq!(hit.snippet.marked(), ["الأمرَ", "التنفيذيَّ"]);
//! assert_eq!(results.notes[0].to_string(), "\"التنفيذى:\" is not a field; searched as words");
//!
//! // Count as `fahras search --count` does: every word required. A
//! // request is built step by step.
//! let count = SearchRequest::count("أسعار الذهب").options(
//!     fahras::searcher::QueryOptions::counting().fields(["body"]),
//! );
//! assert_eq!(engine.search(&count)?.total, 1);
//! let two = SearchRequest::new("الذهب مكتبة").limit(5).collapse(false);
//! assert_eq!(engine.search(&two)?.total, 2);
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]

pub mod analysis;
pub mod calendar;
pub(crate) mod cancel;
pub mod choice;
pub mod error;
pub mod eval;
pub(crate) mod highlighter;
pub mod indexer;
pub mod ingest;
pub mod json;
pub mod note;
pub mod research;
pub(crate) mod schema;
pub mod searcher;
#[cfg(feature = "server")]
pub mod server;
pub(crate) mod spelling;
pub mod store;
pub(crate) mod stories;
#[cfg(test)]
mod testing;

pub use cancel::Cancel;
pub use error::{Error, Result};
pub use highlighter::Snippet;
