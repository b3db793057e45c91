//! The searcher: open an index once, then run queries against it.

pub mod hit;
pub mod query;
pub mod rerank;

use std::path::Path;
use std::time::{Duration, Instant};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    DateTime, DocAddress, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, Term,
};

pub use self::hit::Hit;
pub use self::query::QueryOptions;
use self::rerank::Ranked;
use crate::error::{Error, Result};
use crate::highlighter::{Highlighter, Snippet};
use crate::ingest::date::format_day;
use crate::ingest::Record;
use crate::schema::{self, Fields};
use crate::store::Store;

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Sort {
    /// Best BM25 score first.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// One search.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query text.
    pub query: String,
    /// Fields, mode and filters.
    pub options: QueryOptions,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Order.
    pub sort: Sort,
    /// Snippet width in characters; 0 for no snippets.
    pub snippet_chars: usize,
}

/// What a search found.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Matching articles in all.
    pub total: usize,
    /// The requested page.
    pub hits: Vec<Hit>,
    /// Time spent searching, fetching and highlighting.
    pub elapsed: Duration,
}

/// An open index, ready for many searches.
pub struct Engine {
    store: Store,
    reader: IndexReader,
    fields: Fields,
}

impl Engine {
    /// Opens the index at `root`.
    pub fn open(root: &Path) -> Result<Engine> {
        let store = Store::open(root)?;
        let reader = store
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| Error::tantivy(root, e))?;
        let fields = Fields::of(&store.index.schema());
        Ok(Engine { store, reader, fields })
    }

    /// The open store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The schema's fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// A searcher on the last commit.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    fn tantivy_err(&self, e: tantivy::TantivyError) -> Error {
        Error::tantivy(self.store.root(), e)
    }

    /// Builds the query for `text`.
    pub fn query(
        &self,
        searcher: &Searcher,
        text: &str,
        options: &QueryOptions,
    ) -> Result<Box<dyn Query>> {
        query::build(searcher, self.store.manifest.analyzer, text, options)
    }

    /// Counts the articles matching `text`.
    pub fn count(&self, text: &str, options: &QueryOptions) -> Result<usize> {
        let searcher = self.searcher();
        let query = self.query(&searcher, text, options)?;
        searcher.search(&*query, &Count).map_err(|e| self.tantivy_err(e))
    }

    /// Runs a search, with snippets.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let searcher = self.searcher();
        let base = self.query(&searcher, &request.query, &request.options)?;
        // Proximity only reorders by relevance.
        let bonus = match request.sort {
            Sort::Relevance => query::proximity(&searcher, &request.query, &request.options),
            Sort::Date => Vec::new(),
        };
        let ranked = Ranked { base, bonus };
        let (total, addresses) = self.top(&searcher, &ranked, request)?;
        let highlighter =
            Highlighter::new(&searcher, &*ranked.base, &self.fields, request.snippet_chars)?;
        let mut hits = Vec::with_capacity(addresses.len());
        for (n, (score, address)) in addresses.into_iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.tantivy_err(e))?;
            let record = self.fields.record_of(&doc);
            let snippet = if request.snippet_chars == 0 {
                Snippet::default()
            } else {
                highlighter.body_snippet(&record.body)
            };
            hits.push(Hit {
                rank: request.offset + n + 1,
                title: highlighter.title(&record.title),
                id: record.id,
                score,
                date: record.date.map(format_day),
                source: record.source,
                category: record.category,
                url: record.url,
                snippet,
            });
        }
        Ok(SearchResults { total, hits, elapsed: started.elapsed() })
    }

    /// The total count and the page of (score, address), in order.
    pub fn top(
        &self,
        searcher: &Searcher,
        ranked: &Ranked,
        request: &SearchRequest,
    ) -> Result<(usize, Vec<(f32, DocAddress)>)> {
        let query = &*ranked.base;
        if request.limit == 0 {
            let total = searcher.search(query, &Count).map_err(|e| self.tantivy_err(e))?;
            return Ok((total, Vec::new()));
        }
        match request.sort {
            Sort::Relevance => {
                rerank::top_and_count(searcher, ranked, request.offset, request.limit)
                    .map_err(|e| self.tantivy_err(e))
            }
            Sort::Date => {
                let collector = TopDocs::with_limit(request.limit)
                    .and_offset(request.offset)
                    .order_by_fast_field::<DateTime>(schema::DATE, Order::Desc);
                let (docs, total) =
                    searcher.search(query, &(collector, Count)).map_err(|e| self.tantivy_err(e))?;
                Ok((total, docs.into_iter().map(|(_, address)| (0.0, address)).collect()))
            }
        }
    }

    /// The article with this id, if any.
    pub fn get(&self, id: &str) -> Result<Option<Record>> {
        let searcher = self.searcher();
        let query =
            TermQuery::new(Term::from_field_text(self.fields.id, id), IndexRecordOption::Basic);
        let docs = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| self.tantivy_err(e))?;
        let Some((_, address)) = docs.first() else { return Ok(None) };
        let doc: TantivyDocument = searcher.doc(*address).map_err(|e| self.tantivy_err(e))?;
        Ok(Some(self.fields.record_of(&doc)))
    }

    /// The stored id of a document.
    pub fn id_of(&self, searcher: &Searcher, address: DocAddress) -> Result<String> {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.tantivy_err(e))?;
        Ok(doc.get_first(self.fields.id).and_then(|v| v.as_str()).unwrap_or_default().to_string())
    }
}
