//! An article's story: the other articles grouped with it as copies, for
//! the article view.

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::schema::Fields;

/// Most copies listed with an article (a story may be larger; its size is
/// said).
pub const MAX_COPIES: usize = 100;

/// Another article of an article's story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct StoryCopy {
    /// Its id.
    pub id: String,
    /// Its headline.
    pub title: String,
    /// Its day, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Its outlet.
    pub source: Option<String>,
    /// Its address on the web.
    pub url: Option<String>,
}

/// The story of the article at `address` (`None` when the index groups no
/// stories), the number of its articles, and its other articles, oldest
/// first, at most [`MAX_COPIES`].
pub(crate) fn story_of(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
) -> tantivy::Result<Option<(u64, usize, Vec<StoryCopy>)>> {
    let Some(story_fields) = fields.stories else { return Ok(None) };
    let reader = searcher.segment_reader(address.segment_ord);
    let column = reader.fast_fields().u64(crate::schema::STORY)?;
    let Some(story) = column.first(address.doc_id) else { return Ok(None) };
    let query =
        TermQuery::new(Term::from_field_u64(story_fields.story, story), IndexRecordOption::Basic);
    let mut others: Vec<DocAddress> =
        searcher.search(&query, &DocSetCollector)?.into_iter().filter(|a| *a != address).collect();
    let size = others.len() + 1;
    others.sort_unstable();
    let mut copies = Vec::with_capacity(others.len().min(MAX_COPIES));
    for other in others {
        let doc: TantivyDocument = searcher.doc(other)?;
        let record = fields.record_of(&doc);
        copies.push(StoryCopy {
            id: record.id,
            title: record.title,
            date: record.date.map(|d| d.day()),
            source: record.source,
            url: record.url,
        });
    }
    // Oldest first; undated last; then by id, so one archive gives one order.
    copies.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.id).cmp(&(b.date.is_none(), &b.date, &b.id))
    });
    copies.truncate(MAX_COPIES);
    Ok(Some((story, size, copies)))
}
