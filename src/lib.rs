//! Fahras: Arabic full-text search for news archives, on tantivy.
//!
//! The library behind the `fahras` binary, so that tests and benches drive
//! the engine without spawning processes:
//! - [`ingest`] reads archives into [`ingest::Record`]s;
//! - [`indexer`] indexes them in parallel and rebuilds indexes atomically;
//! - [`searcher`] parses queries and ranks articles (BM25);
//! - [`highlighter`] cuts snippets of the original text around the matches;
//! - [`printer`] writes results for people or, with `--json`, for scripts.

pub mod analysis;
pub mod error;
pub mod eval;
pub mod highlighter;
pub mod indexer;
pub mod ingest;
pub mod json;
pub mod schema;
pub mod searcher;
pub mod store;

pub use error::{Error, Result};
