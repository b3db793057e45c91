//! Every matching article, whole: what `fahras export` writes and the
//! Python package's `Index.export` yields.

use tantivy::collector::Count;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::error::{Error, Result};
use crate::ingest::Record;
use crate::schema::Fields;
use crate::searcher::{Engine, SearchRequest};

/// The articles a request matches, read one at a time (see
/// [`matches()`]): each item is its score (0 when sorted by date)
/// and the article.
pub struct Matches {
    searcher: Searcher,
    fields: Fields,
    root: std::path::PathBuf,
    cancel: crate::Cancel,
    total: usize,
    docs: std::vec::IntoIter<(f32, DocAddress)>,
}

impl Matches {
    /// The number of articles in all, read or not.
    pub fn total(&self) -> usize {
        self.total
    }
}

impl Iterator for Matches {
    type Item = Result<(f32, Record)>;

    fn next(&mut self) -> Option<Self::Item> {
        let (score, address) = self.docs.next()?;
        if let Err(e) = self.cancel.check() {
            return Some(Err(e));
        }
        Some(
            self.searcher
                .doc::<TantivyDocument>(address)
                .map(|doc| (score, self.fields.record_of(&doc)))
                .map_err(|e| Error::tantivy(&self.root, e)),
        )
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.docs.size_hint()
    }
}

/// Every article `request`'s query matches, whole, in the order of its
/// sort (by relevance: the ranking `search` pages through), passed to
/// `visit` with its rank and score one at a time, read from the store
/// as it goes; the page of the request plays no part. Returns how many.
pub fn for_each_match(
    engine: &Engine,
    request: &SearchRequest,
    mut visit: impl FnMut(usize, f32, Record) -> Result<()>,
) -> Result<usize> {
    let mut n = 0;
    for found in matches(engine, request)? {
        let (score, record) = found?;
        n += 1;
        visit(n, score, record)?;
    }
    Ok(n)
}

/// Every article `request` matches, in its order (its sort), each read
/// from the index when the iterator reaches it: what `for_each_match`
/// visits, for a caller that pulls (a Python iterator). The articles
/// are those of the index as it was when this was called.
pub fn matches(engine: &Engine, request: &SearchRequest) -> Result<Matches> {
    let searcher = engine.searcher();
    let plan = engine.plan(&searcher, request)?;
    let total = searcher.search(&*plan.ranked.base, &Count).map_err(|e| engine.tantivy_err(e))?;
    let every = SearchRequest { offset: 0, limit: total, ..request.clone() };
    let page = engine.rank(&searcher, &plan, &every)?;
    Ok(Matches {
        searcher,
        fields: *engine.fields(),
        root: engine.store().root().to_path_buf(),
        cancel: request.options.cancel.clone(),
        total: page.docs.len(),
        docs: page.docs.into_iter(),
    })
}
