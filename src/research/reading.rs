//! Which articles a research feature reads: every article a query matches,
//! or each story's first when copies are read once.

use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::Query;
use tantivy::{DocAddress, Searcher};

use crate::error::Result;
use crate::searcher::Engine;

/// The articles `query` matches, in index order (the store reads each
/// block once), each story's first only when `collapse`; and how many
/// articles it matches in all.
pub(crate) fn articles_to_read(
    engine: &Engine,
    searcher: &Searcher,
    query: &dyn Query,
    collapse: bool,
) -> Result<(Vec<DocAddress>, usize)> {
    let tantivy_err = |e| engine.tantivy_err(e);
    let found = if collapse {
        crate::stories::each::collect_each_story(searcher, query, &DocSetCollector)
    } else {
        searcher.search(query, &DocSetCollector)
    }
    .map_err(tantivy_err)?;
    let articles =
        if collapse { searcher.search(query, &Count).map_err(tantivy_err)? } else { found.len() };
    let mut found: Vec<DocAddress> = found.into_iter().collect();
    found.sort_unstable();
    Ok((found, articles))
}
