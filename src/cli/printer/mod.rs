//! Output of search results: [`Standard`] for people, [`Json`] for scripts.

pub(crate) mod bidi;
pub(crate) mod concordance;
pub(crate) mod escape;
pub(crate) mod layout;
pub(crate) mod standard;
pub(crate) mod table;

use std::io;

pub(crate) use fahras::json::Json;

pub(crate) use self::standard::{Markup, Standard};
use fahras::searcher::{SearchRequest, SearchResults};

/// A search result printer over any writer.
pub(crate) enum Printer<W: io::Write> {
    /// Human-readable, coloured on a terminal.
    Standard(Standard<W>),
    /// JSON Lines.
    Json(Json<W>),
}

impl<W: io::Write> Printer<W> {
    /// Prints a page of results and the summary.
    pub(crate) fn results(
        &mut self,
        query: &str,
        request: &SearchRequest,
        results: &SearchResults,
    ) -> io::Result<()> {
        match self {
            Printer::Standard(p) => p.results(results),
            Printer::Json(p) => p.results(query, request, results),
        }
    }
}
