//! The searcher: open an index once, then run queries against it.

pub(crate) mod bounded;
pub(crate) mod cancellable;
pub(crate) mod hit;
pub mod live;
pub mod query;
pub(crate) mod rerank;
#[cfg(test)]
mod rerank_phases;
mod steps;
mod story;

use crate::note::Note;
use std::path::Path;
use std::time::{Duration, Instant};

use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::query::{EmptyQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DateTime, DocAddress, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, Term,
};

pub use self::bounded::{TotalRelation, TOTAL_LIMIT};
use self::cancellable::cancellable;
pub use self::hit::{Copy, Hit};
pub(crate) use self::query::Plan;
pub use self::query::{Correction, Match, QueryOptions};
pub use self::rerank::DEPTH as RERANK_DEPTH;
use self::steps::Lap;
pub use self::steps::Steps;
pub use self::story::{StoryCopy, MAX_COPIES};
use crate::error::{Error, Result};
use crate::highlighter::{Highlighter, Snippet};
use crate::ingest::Record;
use crate::research::facets::{Facet, FacetCollector, FacetCounts};
use crate::schema::{self, Fields};
use crate::spelling::house::HouseSpellings;
use crate::spelling::suggest;
pub use crate::spelling::suggest::Suggestion;
use crate::store::Store;
use crate::stories::collapse::{self, CopyReader};

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best BM25 score first.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// One search: the query text and everything else that decides the hits.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query text, as the user wrote it.
    pub query: String,
    /// Fields, mode, filters and ranking weights.
    pub options: QueryOptions,
    /// Hits to return (0: count only).
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Order.
    pub sort: Sort,
    /// Snippet width in characters; 0 for no snippets.
    pub snippet_chars: usize,
    /// Facets to count over all the matches (none: no counting).
    pub facets: Vec<Facet>,
    /// Show each story once (its best-ranked article, the other copies
    /// under it) and count stories; `false` lists every article.
    pub collapse: bool,
    /// Counts (timeline, facets) count each story once, as its first
    /// article, instead of every article (see `crate::stories::each`).
    pub stories: bool,
    /// A ranked list (`limit` above 0) counts its matches, its stories and
    /// those holding every word exactly however many there are; by
    /// default it counts them up to [`TOTAL_LIMIT`] and then says there
    /// are more ([`TotalRelation::Gte`]), which lets the ranking skip what
    /// cannot enter the page. A count (`limit` 0) is always exact.
    pub exact_total: bool,
}

impl SearchRequest {
    /// A request for the first ten hits of `query`, with every default.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            options: QueryOptions::default(),
            limit: 10,
            offset: 0,
            sort: Sort::Relevance,
            snippet_chars: DEFAULT_SNIPPET_CHARS,
            facets: Vec::new(),
            collapse: true,
            stories: false,
            exact_total: false,
        }
    }

    /// A count of `query`'s matches, as `search --count` makes it: no hits,
    /// every word required unless the options ask otherwise, and a filter
    /// that cannot be read an error rather than a wider count.
    pub fn count(query: impl Into<String>) -> SearchRequest {
        SearchRequest::new(query).limit(0).options(QueryOptions::counting())
    }

    /// With these fields, dates, rule and weights.
    pub fn options(mut self, options: QueryOptions) -> SearchRequest {
        self.options = options;
        self
    }

    /// Returning at most `limit` hits (0: count only).
    pub fn limit(mut self, limit: usize) -> SearchRequest {
        self.limit = limit;
        self
    }

    /// Skipping the first `offset` hits.
    pub fn offset(mut self, offset: usize) -> SearchRequest {
        self.offset = offset;
        self
    }

    /// In this order.
    pub fn sort(mut self, sort: Sort) -> SearchRequest {
        self.sort = sort;
        self
    }

    /// With snippets of about `chars` characters (0: none).
    pub fn snippet_chars(mut self, chars: usize) -> SearchRequest {
        self.snippet_chars = chars;
        self
    }

    /// Counting these facets over every match.
    pub fn facets(mut self, facets: Vec<Facet>) -> SearchRequest {
        self.facets = facets;
        self
    }

    /// Each story once (`true`, the default) or every article.
    pub fn collapse(mut self, collapse: bool) -> SearchRequest {
        self.collapse = collapse;
        self
    }

    /// Counting each story once, as its first article.
    pub fn stories(mut self, stories: bool) -> SearchRequest {
        self.stories = stories;
        self
    }

    /// Counting a ranked list's matches exactly past [`TOTAL_LIMIT`].
    pub fn exact_total(mut self, exact: bool) -> SearchRequest {
        self.exact_total = exact;
        self
    }

    /// How far this request counts exactly: none for a count or when
    /// asked, [`TOTAL_LIMIT`] for a ranked list.
    fn total_bound(&self) -> Option<usize> {
        (self.limit > 0 && !self.exact_total).then_some(TOTAL_LIMIT)
    }
}

/// Snippet width when none is asked for.
pub const DEFAULT_SNIPPET_CHARS: usize = 200;

/// What a search found.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SearchResults {
    /// Matching articles in all, by [`SearchResults::rule`]; with
    /// [`TotalRelation::Gte`], a lower bound ([`TOTAL_LIMIT`]).
    pub total: usize,
    /// Whether `total` and `stories` are exact or lower bounds: a ranked
    /// list stops counting past [`TOTAL_LIMIT`] unless
    /// [`SearchRequest::exact_total`].
    pub total_relation: TotalRelation,
    /// The rule `total` and the hits follow: [`Match::Any`] for a ranked
    /// list unless `--all`; for a count (no hits asked for, on counting
    /// options) [`Match::All`] unless `--any`.
    pub rule: Match,
    /// When the hits rank the articles holding any of the words and the
    /// query has several (see `rule_matters`): the articles holding all of
    /// them, as a count counts them.
    pub total_all: Option<usize>,
    /// Whether `total_all` is exact or a lower bound.
    pub total_all_relation: TotalRelation,
    /// Whether the other rule would count other articles: the query has
    /// several words or clauses that the rule joins.
    pub rule_matters: bool,
    /// Matching stories (copies counted once), when collapsing on an index
    /// that groups them.
    pub stories: Option<usize>,
    /// The requested page.
    pub hits: Vec<Hit>,
    /// What in the query was read differently from how it looked.
    pub notes: Vec<Note>,
    /// Words of the query also searched in another spelling.
    pub corrections: Vec<Correction>,
    /// When the search finds fewer than `suggest::FEW` articles: the
    /// query with its unknown words respelled, if that finds more.
    pub did_you_mean: Option<Suggestion>,
    /// The counts of the facets asked for: over the articles a count of
    /// these options counts ([`QueryOptions::rule`]; on counting options,
    /// those holding all the words, whatever the hits rank).
    pub facets: Vec<FacetCounts>,
    /// The rule the facets were counted by.
    pub facets_rule: Match,
    /// The whole search: every step, searching, fetching and
    /// highlighting.
    pub elapsed: Duration,
    /// How long each step of the search took (they add up to no more than
    /// `elapsed`).
    pub steps: Steps,
}

/// An article with a query's matches marked.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct MarkedArticle {
    /// The article as stored.
    pub record: Record,
    /// `[start, end)` character offsets of the matches in its body.
    pub highlights: Vec<(usize, usize)>,
    /// The same in its title.
    pub title_highlights: Vec<(usize, usize)>,
    /// Its story (`None` when the index groups no stories).
    pub story: Option<String>,
    /// The articles of its story, itself included.
    pub story_size: usize,
    /// The other articles of its story (its copies), oldest first, at most
    /// [`MAX_COPIES`].
    pub copies: Vec<StoryCopy>,
}

/// A ranked page of a search, before the articles are fetched.
pub(crate) struct Page {
    /// Matching articles in all (a lower bound with `Gte`).
    pub total: usize,
    /// Whether `total` and `stories` are exact.
    pub relation: TotalRelation,
    /// Matching stories, when collapsed.
    pub stories: Option<usize>,
    /// (score, address) of the page, best first.
    pub docs: Vec<(f32, DocAddress)>,
    /// When collapsed: each page article's story and the other matching
    /// articles of that story.
    pub copies: Vec<(Option<u64>, Vec<DocAddress>)>,
}

/// An open index, ready for many searches.
pub struct Engine {
    store: Store,
    reader: IndexReader,
    fields: Fields,
    house: HouseSpellings,
}

impl Engine {
    /// Opens the index at `root`.
    pub fn open(root: impl AsRef<Path>) -> Result<Engine> {
        Engine::from_store(Store::open(root.as_ref())?)
    }

    /// An engine on a store already open (an index in memory, in the
    /// unit tests).
    pub(crate) fn from_store(store: Store) -> Result<Engine> {
        let reader = store
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| Error::tantivy(store.root(), e))?;
        let fields = Fields::of(&store.index.schema());
        let house = HouseSpellings::new(&store.manifest.house_spellings);
        Ok(Engine { store, reader, fields, house })
    }

    /// The articles in the index (its last commit).
    pub fn articles(&self) -> u64 {
        self.searcher().num_docs()
    }

    /// Whether the index groups copies into stories (an index built before
    /// stories were grouped does not: `fahras reindex` rebuilds it).
    pub fn groups_stories(&self) -> bool {
        self.fields.stories.is_some()
    }

    /// The open store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// An error unless the index was built with the fahras analyzer, whose
    /// stems and exact forms `what` (a research feature) reads.
    pub(crate) fn needs_fahras_analyzer(&self, what: &'static str) -> Result<()> {
        let analyzer = self.store.manifest.analyzer;
        if analyzer == crate::analysis::IndexAnalyzer::Fahras {
            return Ok(());
        }
        Err(Error::NeedsFahrasAnalyzer {
            path: self.store.root().to_path_buf(),
            what,
            analyzer: analyzer.name(),
        })
    }

    /// The schema's fields.
    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }

    /// A searcher on the last commit.
    pub(crate) fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    pub(crate) fn tantivy_err(&self, e: tantivy::TantivyError) -> Error {
        Error::tantivy(self.store.root(), e)
    }

    /// Reads the query of `request` and builds what runs it: the first
    /// step of [`Engine::search`].
    pub(crate) fn plan(&self, searcher: &Searcher, request: &SearchRequest) -> Result<Plan> {
        let cancel = &request.options.cancel;
        cancel.check()?;
        let mut plan = query::plan(
            searcher,
            self.store.root(),
            self.store.manifest.analyzer,
            &self.house,
            &request.query,
            &request.options,
        )?;
        if request.sort == Sort::Date {
            // The proximity bonus only reorders by relevance.
            plan.ranked.bonus.clear();
            plan.ranked.recall.clear();
        }
        // Every search of the plan stops when the request is cancelled.
        cancel.check()?;
        let ranked = &mut plan.ranked;
        ranked.base =
            cancellable(std::mem::replace(&mut ranked.base, Box::new(EmptyQuery)), cancel);
        for query in ranked.bonus.iter_mut().chain(ranked.recall.iter_mut()) {
            *query = cancellable(std::mem::replace(query, Box::new(EmptyQuery)), cancel);
        }
        Ok(plan)
    }

    /// The total and the requested page, in order: the second step of
    /// [`Engine::search`]. The page is clamped to the articles there are.
    pub(crate) fn rank(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        request: &SearchRequest,
    ) -> Result<Page> {
        self.rank_counting(searcher, plan, request, None)
    }

    /// [`Engine::rank`], its total counted exactly up to `bound` only.
    pub(crate) fn rank_counting(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        request: &SearchRequest,
        bound: Option<usize>,
    ) -> Result<Page> {
        let page = self.rank_all(searcher, plan, request, bound)?;
        // A search cut short by a cancel returns what it had: dropped.
        request.options.cancel.check()?;
        Ok(page)
    }

    fn rank_all(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        request: &SearchRequest,
        bound: Option<usize>,
    ) -> Result<Page> {
        let ranked = &plan.ranked;
        let err = |e| self.tantivy_err(e);
        let articles = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let offset = request.offset.min(articles);
        let limit = request.limit.min(articles - offset);
        if request.collapse && self.fields.stories.is_some() {
            return self.rank_stories(searcher, plan, request, offset, limit, bound);
        }
        // Counted apart, so that the top-k search can skip blocks.
        let (total, relation) = bounded::count(searcher, &*ranked.base, bound).map_err(err)?;
        if limit == 0 {
            return Ok(Page {
                total,
                relation,
                stories: None,
                docs: Vec::new(),
                copies: Vec::new(),
            });
        }
        let docs = match request.sort {
            Sort::Relevance => rerank::top(searcher, ranked, offset, limit).map_err(err)?,
            Sort::Date => {
                let collector = TopDocs::with_limit(limit)
                    .and_offset(offset)
                    .order_by_fast_field::<DateTime>(schema::DATE, Order::Desc);
                let docs = searcher.search(&*ranked.base, &collector).map_err(err)?;
                docs.into_iter().map(|(_, address)| (0.0, address)).collect()
            }
        };
        Ok(Page { total, relation, stories: None, docs, copies: Vec::new() })
    }

    /// [`Engine::rank`] with each story once (see [`collapse`]).
    fn rank_stories(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        request: &SearchRequest,
        offset: usize,
        limit: usize,
        bound: Option<usize>,
    ) -> Result<Page> {
        let ranked = &plan.ranked;
        let err = |e| self.tantivy_err(e);
        let leaders = if limit == 0 {
            Vec::new()
        } else {
            match request.sort {
                Sort::Relevance => collapse::collapse_ranking(searcher, offset, limit, |n| {
                    rerank::top(searcher, ranked, 0, n)
                }),
                Sort::Date => collapse::collapse_ranking(searcher, offset, limit, |n| {
                    let collector = TopDocs::with_limit(n)
                        .order_by_fast_field::<DateTime>(schema::DATE, Order::Desc);
                    let docs = searcher.search(&*ranked.base, &collector)?;
                    Ok(docs.into_iter().map(|(_, address)| (0.0, address)).collect())
                }),
            }
            .map_err(err)?
        };
        let gather: Vec<u64> = leaders.iter().filter_map(|&(_, _, story)| story).collect();
        let (mut tally, relation) =
            collapse::tally(searcher, &*ranked.base, bound, &gather).map_err(err)?;
        // Copies in ingest order: by their position in it, not by address
        // (tantivy lists segments in an order of its own).
        let seqs: Vec<Option<Column<u64>>> = searcher
            .segment_readers()
            .iter()
            .map(|s| s.fast_fields().u64(schema::SEQ).ok())
            .collect();
        let seq =
            |a: &DocAddress| seqs[a.segment_ord as usize].as_ref().and_then(|c| c.first(a.doc_id));
        let copies = leaders
            .iter()
            .map(|&(_, address, story)| {
                let mut others: Vec<DocAddress> = story
                    .and_then(|s| tally.members.remove(&s))
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|&a| a != address)
                    .collect();
                others.sort_unstable_by_key(|a| (seq(a), *a));
                (story, others)
            })
            .collect();
        Ok(Page {
            total: tally.articles,
            relation,
            stories: Some(tally.stories),
            docs: leaders.into_iter().map(|(score, address, _)| (score, address)).collect(),
            copies,
        })
    }

    /// The articles of a page with their snippets: the last step of
    /// [`Engine::search`].
    pub(crate) fn hits(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        page: &Page,
        request: &SearchRequest,
    ) -> Result<Vec<Hit>> {
        if page.docs.is_empty() {
            // A count, or a page past the end: no highlighter to build.
            return Ok(Vec::new());
        }
        let mut highlighter = Highlighter::new(
            searcher,
            &*plan.highlight,
            &plan.phrases,
            &self.fields,
            request.snippet_chars,
        )
        .map_err(|e| self.tantivy_err(e))?;
        let mut hits = Vec::with_capacity(page.docs.len());
        let mut copies = CopyReader::new(searcher);
        for (n, &(score, address)) in page.docs.iter().enumerate() {
            request.options.cancel.check()?;
            let (story, copy_addresses) = match page.copies.get(n) {
                Some((story, list)) => {
                    (*story, copies.read(list).map_err(|e| self.tantivy_err(e))?)
                }
                None => (None, Vec::new()),
            };
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
                date: record.date.map(crate::ingest::ArticleDate::day),
                source: record.source,
                category: record.category,
                url: record.url,
                snippet,
                story,
                copies: copy_addresses,
            });
        }
        Ok(hits)
    }

    /// What `request`'s query says besides its counts: how it was read
    /// (the notes `search` gives) and the words also searched in another
    /// spelling, as [`Note`]s: for a count made elsewhere (a timeline,
    /// facets, an export) to say the same.
    pub fn notes(&self, request: &SearchRequest) -> Result<Vec<Note>> {
        let searcher = self.searcher();
        Ok(self.plan(&searcher, request)?.said())
    }

    /// Runs a search: the one path from query text to ranked hits that the
    /// command line, `eval` and `bench` all take.
    ///
    /// The hits rank the articles holding any of the words unless the
    /// options ask for all (`--all`); a count alone (`limit` 0) on
    /// counting options counts by [`QueryOptions::rule`], as every
    /// counting command does. When the hits rank any of several words,
    /// the articles holding all of them are counted too
    /// ([`SearchResults::total_all`]).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let searcher = self.searcher();
        let counted_rule = request.options.rule();
        let rule = match request.limit {
            0 => counted_rule,
            _ => request.options.matching.unwrap_or(Match::Any),
        };
        let listed = SearchRequest { options: request.options.with_rule(rule), ..request.clone() };
        let request = &listed;
        let mut lap = Lap::start();
        let mut steps = Steps::default();
        let plan = self.plan(&searcher, request)?;
        steps.plan = lap.lap();
        let bound = request.total_bound();
        let page = self.rank_counting(&searcher, &plan, request, bound)?;
        steps.rank = lap.lap();
        // The count under the other rule, when it is all the words: for a
        // ranked list (a count by any word, `--count --any`, is one number).
        let count_only = request.options.counting && request.limit == 0;
        let all_plan = if rule == Match::Any && plan.rule_matters && !count_only {
            let all =
                SearchRequest { options: request.options.with_rule(Match::All), ..request.clone() };
            Some(self.plan(&searcher, &all)?)
        } else {
            None
        };
        let (total_all, total_all_relation) = match &all_plan {
            Some(all) => {
                let (n, relation) = bounded::count(&searcher, &*all.ranked.base, bound)
                    .map_err(|e| self.tantivy_err(e))?;
                (Some(n), relation)
            }
            None => (None, TotalRelation::Eq),
        };
        steps.count_all = lap.lap();
        let hits = self.hits(&searcher, &plan, &page, request)?;
        steps.hits = lap.lap();
        let did_you_mean = if page.total < suggest::FEW {
            self.suggest(&searcher, request, page.total)?
        } else {
            None
        };
        steps.suggest = lap.lap();
        let (facets_plan, facets_rule) = match &all_plan {
            Some(all) if counted_rule == Match::All => (all, Match::All),
            // Either rule counts the same articles: named as a count names it.
            _ if !plan.rule_matters => (&plan, counted_rule),
            _ => (&plan, rule),
        };
        let facets = if request.facets.is_empty() {
            Vec::new()
        } else {
            self.count_with(
                &searcher,
                &*facets_plan.ranked.base,
                request,
                &FacetCollector::new(&request.facets),
            )?
        };
        steps.facets = lap.lap();
        request.options.cancel.check()?;
        Ok(SearchResults {
            total: page.total,
            total_relation: page.relation,
            rule,
            total_all,
            total_all_relation,
            rule_matters: plan.rule_matters,
            facets_rule,
            stories: page.stories,
            hits,
            notes: plan.notes,
            corrections: plan.corrections,
            did_you_mean,
            facets,
            elapsed: started.elapsed(),
            steps,
        })
    }

    /// The query of `request` with its unknown words respelled, and its
    /// count, if it finds more than `total` articles.
    pub(crate) fn suggest(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
        total: usize,
    ) -> Result<Option<Suggestion>> {
        let Some(query) = suggest::respelled(searcher, &self.fields, &request.query) else {
            return Ok(None);
        };
        let counted = SearchRequest { query, limit: 0, offset: 0, ..request.clone() };
        let plan = self.plan(searcher, &counted)?;
        let articles = self.rank(searcher, &plan, &counted)?.total;
        Ok((articles > total).then_some(Suggestion { query: counted.query, articles }))
    }

    /// Runs a counting `collector` over the matches of `query`: every
    /// article, or with `request.stories` each story's first.
    pub(crate) fn count_with<C: tantivy::collector::Collector>(
        &self,
        searcher: &Searcher,
        query: &dyn tantivy::query::Query,
        request: &SearchRequest,
        collector: &C,
    ) -> Result<C::Fruit> {
        let fruit = if request.stories && self.fields.stories.is_some() {
            crate::stories::each::collect_each_story(searcher, query, collector)
        } else {
            searcher.search(query, collector)
        };
        let fruit = fruit.map_err(|e| self.tantivy_err(e))?;
        request.options.cancel.check()?;
        Ok(fruit)
    }

    /// The article with this id, if any.
    pub fn get(&self, id: &str) -> Result<Option<Record>> {
        let searcher = self.searcher();
        Ok(self.find(&searcher, id)?.map(|(_, record)| record))
    }

    /// The address and the record of the article `id`.
    fn find(&self, searcher: &Searcher, id: &str) -> Result<Option<(DocAddress, Record)>> {
        let query =
            TermQuery::new(Term::from_field_text(self.fields.id, id), IndexRecordOption::Basic);
        let docs = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| self.tantivy_err(e))?;
        let Some(&(_, address)) = docs.first() else { return Ok(None) };
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.tantivy_err(e))?;
        Ok(Some((address, self.fields.record_of(&doc))))
    }

    /// The article `id` with every match of `request`'s query marked in
    /// its title and whole body (the article view of `fahras serve`).
    pub fn get_marked(&self, id: &str, request: &SearchRequest) -> Result<Option<MarkedArticle>> {
        let searcher = self.searcher();
        let Some((address, record)) = self.find(&searcher, id)? else { return Ok(None) };
        let (story, story_size, copies) = match story::story_of(&searcher, &self.fields, address)
            .map_err(|e| self.tantivy_err(e))?
        {
            Some((story, size, copies)) => {
                (Some(crate::research::dups::story_text(story)), size, copies)
            }
            None => (None, 1, Vec::new()),
        };
        let plan = self.plan(&searcher, request)?;
        let mut highlighter =
            Highlighter::new(&searcher, &*plan.highlight, &plan.phrases, &self.fields, 0)
                .map_err(|e| self.tantivy_err(e))?;
        let highlights = highlighter.body_marks(&record.body);
        let title_highlights = highlighter.title(&record.title).highlights;
        Ok(Some(MarkedArticle { record, highlights, title_highlights, story, story_size, copies }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{engine, ids, ids_of, news, record, search};

    #[test]
    fn a_ranked_search_counts_the_articles_with_any_word_and_with_all() {
        let engine = engine(news());
        let results = search(&engine, &SearchRequest::new("الذهب النفط"));
        assert_eq!(results.rule, Match::Any);
        assert!(results.rule_matters);
        // n1 and n3 hold النفط; only n3 holds الذهب too, and ranks first.
        assert_eq!((results.total, results.total_all), (2, Some(1)));
        assert_eq!(ids_of(&results), ["n3", "n1"]);
        assert_eq!(results.hits.iter().map(|h| h.rank).collect::<Vec<_>>(), [1, 2]);
        // One word: the other rule counts the same.
        let one = search(&engine, &SearchRequest::new("النفط"));
        assert_eq!((one.total, one.total_all, one.rule_matters), (2, None, false));
    }

    #[test]
    fn a_count_counts_the_articles_with_every_word() {
        let engine = engine(news());
        let mut request = SearchRequest { limit: 0, ..SearchRequest::new("الذهب النفط") };
        request.options.counting = true;
        let results = search(&engine, &request);
        assert_eq!((results.total, results.rule, results.total_all), (1, Match::All, None));
        assert!(results.hits.is_empty());
        request.options.matching = Some(Match::Any);
        let any = search(&engine, &request);
        assert_eq!((any.total, any.rule), (2, Match::Any));
    }

    #[test]
    fn a_page_is_a_slice_of_the_ranking_clamped_to_the_matches() {
        let engine = engine(news());
        let all = search(&engine, &SearchRequest::new("*"));
        assert_eq!((all.total, all.hits.len()), (5, 5));
        let page = search(&engine, &SearchRequest { offset: 3, ..SearchRequest::new("*") });
        assert_eq!(ids_of(&page), ids_of(&all)[3..]);
        assert_eq!(page.hits.iter().map(|h| h.rank).collect::<Vec<_>>(), [4, 5]);
        let past = search(&engine, &SearchRequest { offset: 9, ..SearchRequest::new("*") });
        assert_eq!((past.total, past.hits.len()), (5, 0));
    }

    #[test]
    fn an_exact_form_ranks_above_a_word_with_only_its_stem() {
        // The same words but one: مكتبات and المكتبة share the stem مكتب.
        let engine = engine(vec![
            record("stem", "خبر", "زار الوفد مكتبات المدينة"),
            record("exact", "خبر", "زار الوفد المكتبة المدينة"),
        ]);
        let results = search(&engine, &SearchRequest::new("المكتبة"));
        assert_eq!(ids_of(&results), ["exact", "stem"]);
        assert!(results.hits[0].score > results.hits[1].score);
        // Without the exact forms' weight they tie, in ingest order.
        let mut request = SearchRequest::new("المكتبة");
        request.options.exact_weight = 0.0;
        let results = search(&engine, &request);
        assert_eq!(ids_of(&results), ["stem", "exact"]);
        assert_eq!(results.hits[0].score, results.hits[1].score);
    }

    #[test]
    fn a_run_of_the_query_words_together_ranks_above_the_same_words_apart() {
        // The same nine words in another order.
        let engine = engine(vec![
            record("apart", "خبر", "قال وزير في مؤتمر إن الخارجية تتابع الملف الفرنسي"),
            record("together", "خبر", "قال وزير الخارجية الفرنسي في مؤتمر إن تتابع الملف"),
        ]);
        let query = "وزير الخارجية الفرنسي";
        assert_eq!(ids(&engine, query), ["together", "apart"]);
        // The phrase alone puts it first.
        let mut request = SearchRequest::new(query);
        request.options.proximity_weight = 0.0;
        assert_eq!(ids_of(&search(&engine, &request)), ["together", "apart"]);
        // Neither pairs nor the phrase: a tie, in ingest order.
        request.options.phrase_weight = 0.0;
        let results = search(&engine, &request);
        assert_eq!(ids_of(&results), ["apart", "together"]);
        assert_eq!(results.hits[0].score, results.hits[1].score);
    }

    #[test]
    fn sorted_by_date_the_newest_come_first() {
        let engine = engine(news());
        let request = SearchRequest { sort: Sort::Date, ..SearchRequest::new("*") };
        let results = search(&engine, &request);
        assert_eq!(ids_of(&results), ["n3", "n2", "n5", "n1", "n4"]);
        assert!(results.hits.iter().all(|h| h.score == 0.0));
        assert_eq!(results.hits[0].date.as_deref(), Some("2019-07-01"));
    }

    #[test]
    fn an_article_reads_back_as_it_was_indexed() {
        let records = news();
        let engine = engine(records.clone());
        assert_eq!(engine.get("n4").unwrap(), Some(records[3].clone()));
        assert_eq!(engine.get("n1").unwrap(), Some(records[0].clone()));
        assert_eq!(engine.get("n9").unwrap(), None);
    }

    #[test]
    fn the_snippet_marks_the_original_words() {
        let engine = engine(news());
        let results = search(&engine, &SearchRequest::new("اسعار النفط"));
        let n1 = results.hits.iter().find(|h| h.id == "n1").expect("n1 found");
        assert_eq!(n1.snippet.marked(), ["أسعار", "النفط"]);
        assert_eq!(n1.title.marked(), ["أسعار", "النفط"]);
    }
}
