use fahras::searcher::query::QueryOptions;
use fahras::searcher::rerank::{self, Ranked};
use fahras::searcher::{Engine, SearchRequest};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query};

use crate::util::IndexDir;

/// The proximity bonus and the BM25 query in one boolean query, scored on
/// every article: what the two phases must reproduce on the best articles.
fn one_phase(ranked: &Ranked) -> BooleanQuery {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, ranked.base.box_clone())];
    clauses.extend(ranked.bonus.iter().map(|q| (Occur::Should, q.box_clone())));
    BooleanQuery::new(clauses)
}

/// An engine on the bundled sample (kept alive by the returned folder), and
/// the options of a search with the proximity bonus.
fn sample_engine() -> (IndexDir, Engine, QueryOptions) {
    let dir = IndexDir::with_sample();
    let engine = Engine::open(&dir.path()).unwrap();
    (dir, engine, QueryOptions { proximity_weight: 0.3, ..QueryOptions::default() })
}

/// On the bundled sample (fewer articles than the rerank depth), the two
/// phases rank exactly as the one-phase query does, and the bonus does
/// move articles.
#[test]
fn two_phases_rank_as_one_query() {
    let (_dir, engine, options) = sample_engine();
    let searcher = engine.searcher();
    let mut lifted = 0;
    for text in ["رئيس الوزراء", "الأمر التنفيذي رقم", "المتحدث باسم الحكومة", "كرة القدم قطر"]
    {
        // Title and body (the default), and body only (as the dev set runs).
        let body = QueryOptions { fields: vec!["body".into()], ..options.clone() };
        for options in [options.clone(), body] {
            let request = SearchRequest { options, ..SearchRequest::new(text) };
            let ranked = engine.plan(&searcher, &request).unwrap().ranked;
            assert!(!ranked.bonus.is_empty(), "{text}: no proximity clauses");
            let expected = searcher
                .search(&one_phase(&ranked), &TopDocs::with_limit(10).order_by_score())
                .unwrap();
            let got = rerank::top(&searcher, &ranked, 0, 10).unwrap();
            let addresses = |hits: &[(f32, tantivy::DocAddress)]| {
                hits.iter().map(|(_, a)| *a).collect::<Vec<_>>()
            };
            assert_eq!(addresses(&got), addresses(&expected), "{text}");
            for ((a, _), (b, _)) in got.iter().zip(&expected) {
                assert!((a - b).abs() < 1e-4, "{text}: {a} vs {b}");
            }
            let base_only = rerank::top(
                &searcher,
                &Ranked { base: ranked.base.box_clone(), bonus: Vec::new() },
                0,
                10,
            )
            .unwrap();
            if got.iter().zip(&base_only).any(|((a, _), (b, _))| (a - b).abs() > 1e-4) {
                lifted += 1;
            }
        }
    }
    assert!(lifted > 0, "the bonus never changed a score");
}

/// A page deeper than the rerank depth still comes back whole and in order.
#[test]
fn pages_past_the_depth_are_ranked() {
    let (_dir, engine, options) = sample_engine();
    let searcher = engine.searcher();
    let request =
        SearchRequest { options, ..SearchRequest::new("رئيس الوزراء في قطر") };
    let ranked = engine.plan(&searcher, &request).unwrap().ranked;
    let all = rerank::top(&searcher, &ranked, 0, rerank::DEPTH + 10).unwrap();
    let page = rerank::top(&searcher, &ranked, 5, 10).unwrap();
    assert_eq!(page, all[5..15.min(all.len())]);
    assert!(all.windows(2).all(|w| w[0].0 >= w[1].0));
}
