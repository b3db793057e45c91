//! Test support: an [`Engine`] over a tiny index in memory, built from
//! records the way `fahras index` builds an index on disk.
//!
//! The schema is [`schema::build`]'s, the tokenizers are those a
//! [`Store`] registers ([`index_tokenizers`]), each record becomes its
//! document through the indexer's own [`indexer::prepare`], and the stories
//! are assigned by the indexer's [`Grouper`] in ingest order. Only the
//! folder is missing: no generation, no manifest file, no writer lock.
//!
//! ```ignore
//! let engine = testing::engine(vec![
//!     record("a1", "عنوان", "نص الخبر").source("wam").day("2018-03-01"),
//! ]);
//! ```

use tantivy::Index;

use crate::analysis::{index_tokenizers, IndexAnalyzer};
use crate::indexer::{self, Prepared};
use crate::ingest::Record;
use crate::schema::{self, Fields};
use crate::searcher::{Engine, SearchRequest, SearchResults};
use crate::store::Store;
use crate::stories::grouper::Grouper;
use crate::stories::signature::Scratch;

/// A record with an id, a headline and a body, and nothing else.
pub(crate) fn record(id: &str, title: &str, body: &str) -> Record {
    Record {
        id: id.to_string(),
        title: title.to_string(),
        body: body.to_string(),
        date: None,
        unread_date: None,
        source: None,
        category: None,
        url: None,
    }
}

/// The optional fields of a test record, set one at a time.
impl Record {
    /// The record dated `day` (`2018-03-01`).
    pub(crate) fn day(mut self, day: &str) -> Record {
        self.date = Some(crate::ingest::ArticleDate::from_tantivy(
            crate::ingest::date::parse_date(day).expect("a test date"),
        ));
        self
    }

    /// The record from the outlet `source`.
    pub(crate) fn source(mut self, source: &str) -> Record {
        self.source = Some(source.to_string());
        self
    }

    /// The record in the section `category`.
    pub(crate) fn category(mut self, category: &str) -> Record {
        self.category = Some(category.to_string());
        self
    }
}

/// An engine over `records`, indexed in one commit (one segment), in
/// their order.
pub(crate) fn engine(records: Vec<Record>) -> Engine {
    engine_in_commits(vec![records])
}

/// An engine over `batches`, each indexed and committed in turn (one
/// segment each, unless tantivy merges them): the stories are assigned
/// across batches in order, as one run would.
pub(crate) fn engine_in_commits(batches: Vec<Vec<Record>>) -> Engine {
    let analyzer = IndexAnalyzer::Fahras;
    let mut index = Index::create_in_ram(schema::build(analyzer.tokenizer_name()));
    index.set_tokenizers(index_tokenizers());
    let fields = Fields::of(&index.schema());
    let sampled = fields.stories.is_some_and(|f| f.sample.is_some());
    let mut grouper = Grouper::new(None, sampled).expect("a grouper");
    let mut scratch = Scratch::default();
    // One thread: documents keep their order within a segment.
    let mut writer = index.writer_with_num_threads(1, 15_000_000).expect("a writer");
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    for batch in batches {
        for record in batch {
            let Prepared { mut doc, signature, .. } =
                indexer::prepare(&fields, record, true, &mut scratch);
            fields.add_story(&mut doc, &grouper.assign(signature.as_ref()));
            writer.add_document(doc).expect("added");
        }
        writer.commit().expect("committed");
    }
    writer.wait_merging_threads().expect("merges done");
    let mut store = Store::in_ram(index, analyzer);
    store.manifest.house_spellings = indexer::house_spellings(&store).expect("house spellings");
    Engine::from_store(store).expect("an engine")
}

/// The results of `request` on `engine`.
pub(crate) fn search(engine: &Engine, request: &SearchRequest) -> SearchResults {
    engine.search(request).expect("a search")
}

/// The ids of the hits of `query` (ranked, default options, first ten).
pub(crate) fn ids(engine: &Engine, query: &str) -> Vec<String> {
    ids_of(&search(engine, &SearchRequest::new(query)))
}

/// The ids of the hits of `results`, in rank order.
pub(crate) fn ids_of(results: &SearchResults) -> Vec<String> {
    results.hits.iter().map(|h| h.id.clone()).collect()
}

/// The ids `query` matches, sorted (whatever their ranking), with the
/// copies of each story listed apart: every matching article.
pub(crate) fn matching(engine: &Engine, query: &str) -> Vec<String> {
    let request = SearchRequest { limit: 100, collapse: false, ..SearchRequest::new(query) };
    let mut ids = ids_of(&search(engine, &request));
    ids.sort();
    ids
}

/// Five short news articles from three outlets, 2018 and 2019 (one
/// undated, without a section): the fixture of the query and facet tests.
///
/// | id | outlet | section | day | about |
/// |---|---|---|---|---|
/// | n1 | wam | اقتصاد | 2018-03-01 | oil prices rise |
/// | n2 | spa | رياضة | 2019-05-10 | the national team wins |
/// | n3 | wam | اقتصاد | 2019-07-01 | gold falls, after oil rose |
/// | n4 | qna | — | — | a digital library opens |
/// | n5 | spa | سياسة | 2018-11-20 | a summit in Riyadh |
pub(crate) fn news() -> Vec<Record> {
    vec![
        record("n1", "ارتفاع أسعار النفط", "ارتفعت أسعار النفط في الأسواق العالمية اليوم.")
            .source("wam")
            .category("اقتصاد")
            .day("2018-03-01"),
        record("n2", "مباراة المنتخب", "فاز المنتخب الوطني في مباراة كرة القدم أمس.")
            .source("spa")
            .category("رياضة")
            .day("2019-05-10"),
        record("n3", "الذهب يتراجع", "تراجعت أسعار الذهب في الأسواق بعد ارتفاع النفط.")
            .source("wam")
            .category("اقتصاد")
            .day("2019-07-01"),
        record("n4", "افتتاح مكتبة", "افتتحت المدينة مكتبة رقمية جديدة للطلاب.").source("qna"),
        record("n5", "قمة الرياض", "عقدت القمة في الرياض بحضور وزير الخارجية.")
            .source("spa")
            .category("سياسة")
            .day("2018-11-20"),
    ]
}
