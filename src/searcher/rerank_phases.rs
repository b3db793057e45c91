//! The two phases of the ranking (`rerank`) against one boolean query
//! scored on every article, on the bundled sample and on a generated
//! archive deeper than the window: tests of the crate's internals (the
//! plan, `rerank::top`), on indexes built in memory.

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};

use crate::searcher::query::QueryOptions;
use crate::searcher::rerank::{self, Ranked};
use crate::searcher::{Engine, SearchRequest};
use crate::testing;

/// The proximity bonus and the BM25 query in one boolean query, scored on
/// every article: what the two phases must reproduce on the best articles.
fn one_phase(ranked: &Ranked) -> BooleanQuery {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, ranked.base.box_clone())];
    clauses.extend(ranked.bonus.iter().map(|q| (Occur::Should, q.box_clone())));
    BooleanQuery::new(clauses)
}

/// An engine on the bundled sample (its 50 articles, read from
/// corpus/sample as `fahras index` reads them), and the options of a search
/// with the proximity bonus.
fn sample_engine() -> (Engine, QueryOptions) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/sample/fahras-sample.jsonl");
    let text = std::fs::read_to_string(path).expect("the bundled sample");
    let records = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let field = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            let mut record = testing::record(&field("id"), &field("title"), &field("body"));
            if let Some(day) = v["date"].as_str() {
                record = record.day(day);
            }
            if let Some(source) = v["source"].as_str() {
                record = record.source(source);
            }
            if let Some(category) = v["category"].as_str() {
                record = record.category(category);
            }
            record
        })
        .collect();
    (testing::engine(records), QueryOptions { proximity_weight: 0.3, ..QueryOptions::default() })
}

/// On the bundled sample (50 articles, more than the rerank depth), the two
/// phases rank the top 10 exactly as the one-phase query does, and the
/// bonus does move articles.
#[test]
fn two_phases_rank_as_one_query() {
    let (engine, options) = sample_engine();
    let searcher = engine.searcher();
    let mut lifted = 0;
    for text in [
        "رئيس الوزراء",
        "الأمر التنفيذي رقم",
        "المتحدث باسم الحكومة",
        "كرة القدم قطر",
        "وزير الخارجية الأمريكي",
        "قطر",
        "الحكومة الجديدة في مصر",
    ] {
        // Title and body (the default), and body only (as the dev set runs).
        let body = QueryOptions { fields: vec!["body".into()], ..options.clone() };
        for options in [options.clone(), body] {
            let request = SearchRequest { options, collapse: false, ..SearchRequest::new(text) };
            let ranked = engine.plan(&searcher, &request).unwrap().ranked;
            assert!(!ranked.bonus.is_empty(), "{text}: no second phase");
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
                &Ranked { base: ranked.base.box_clone(), bonus: Vec::new(), recall: Vec::new() },
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

/// Words around the query words in the generated articles; none shares a
/// stem with رئيس or الوزراء.
const FILLER: [&str; 12] = [
    "اجتمع",
    "المجلس",
    "لمناقشة",
    "الميزانية",
    "العامة",
    "للدولة",
    "وأعلن",
    "خطة",
    "جديدة",
    "لدعم",
    "المدن",
    "الساحلية",
];

/// Words in every generated body, so that all have one length.
const BODY_WORDS: usize = 100;

/// A body of [`BODY_WORDS`] words holding رئيس and الوزراء `tf` times each
/// (none when `tf` is 0), in turn. When `together`, the first two stand
/// side by side and earn the proximity bonus; every other two have three
/// filler words between them, too far apart for it.
fn body(tf: usize, together: bool) -> String {
    let mut filler = FILLER.iter().copied().cycle();
    let mut words = Vec::new();
    for n in 0..2 * tf {
        if n > 0 && !(together && n == 1) {
            words.extend(filler.by_ref().take(3));
        }
        words.push(if n % 2 == 0 { "رئيس" } else { "الوزراء" });
    }
    words.extend(filler.take(BODY_WORDS - words.len()));
    words.join(" ")
}

/// The generated archive: (times each query word occurs, articles). Each
/// level scores well apart from the next by BM25, more than the proximity
/// bonus can make up; within a level, articles alternate between the words
/// apart and side by side, so the bonus reorders the level.
const LEVELS: [(usize, usize); 3] = [(10, 110), (2, 40), (1, 90)];

/// Articles without the query words, so that these are not in every one.
const OTHERS: usize = 160;

/// An index of the generated archive: 240 articles match رئيس الوزراء, more
/// than [`rerank::DEPTH`], and the second level (ranks 111 to 150) lies past
/// the depth.
fn deep_engine() -> Engine {
    let mut records = Vec::new();
    for (level, &(tf, articles)) in LEVELS.iter().enumerate() {
        for n in 0..articles {
            let id =
                format!("level{level}-{n:03}-{}", if n % 2 == 1 { "together" } else { "apart" });
            records.push(testing::record(&id, "خبر", &body(tf, n % 2 == 1)));
        }
    }
    for n in 0..OTHERS {
        records.push(testing::record(&format!("other-{n:03}"), "خبر", &body(0, false)));
    }
    // One commit: one segment, articles in this order.
    testing::engine(records)
}

/// Pages are slices of one ranking, whatever their size: the window (the
/// best [`rerank::DEPTH`] by BM25) re-ranked with the bonus, then the rest
/// in BM25 order. (A window as deep as the page once showed some articles
/// on two pages and others on none.)
#[test]
fn pages_are_slices_of_one_ranking() {
    let engine = deep_engine();
    let searcher = engine.searcher();
    let options = QueryOptions { proximity_weight: 0.3, ..QueryOptions::default() };
    let request =
        SearchRequest { options, collapse: false, ..SearchRequest::new("رئيس الوزراء") };
    let ranked = engine.plan(&searcher, &request).unwrap().ranked;
    assert!(!ranked.bonus.is_empty(), "no second phase");
    let matching: usize = LEVELS.iter().map(|l| l.1).sum();
    assert_eq!(searcher.search(&*ranked.base, &Count).unwrap(), matching);
    assert!(LEVELS[0].1 > rerank::DEPTH);

    let ids = |hits: &[(f32, tantivy::DocAddress)]| -> Vec<String> {
        hits.iter()
            .map(|&(_, address)| engine.fields().record_of(&searcher.doc(address).unwrap()).id)
            .collect()
    };
    let all = ids(&rerank::top(&searcher, &ranked, 0, matching).unwrap());
    assert_eq!(all.len(), matching);
    let unique: std::collections::HashSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), matching, "an article ranked twice");
    // The first level ties by BM25: the window is its first articles, and
    // the bonus puts those with the words side by side first.
    let half = rerank::DEPTH / 2;
    assert!(all[..half].iter().all(|id| id.ends_with("-together")), "{all:?}");
    assert!(all[half..rerank::DEPTH].iter().all(|id| id.ends_with("-apart")), "{all:?}");
    // Past the window, BM25's order.
    let bm25 = rerank::top(
        &searcher,
        &Ranked { base: ranked.base.box_clone(), bonus: Vec::new(), recall: Vec::new() },
        0,
        matching,
    )
    .unwrap();
    let window: std::collections::HashSet<&String> = all[..rerank::DEPTH].iter().collect();
    let rest: Vec<String> = ids(&bm25).into_iter().filter(|id| !window.contains(id)).collect();
    assert_eq!(all[rerank::DEPTH..], rest[..]);

    for (offset, limit) in [(0, 10), (10, 10), (20, 10), (25, 10), (30, 10), (100, 40), (230, 20)] {
        let page = ids(&rerank::top(&searcher, &ranked, offset, limit).unwrap());
        let end = (offset + limit).min(matching);
        assert_eq!(page, all[offset..end], "page at {offset}, {limit}");
        // Engine::search, the path of `fahras search`, gives the same page.
        let request = SearchRequest { offset, limit, ..request.clone() };
        let hits = engine.search(&request).unwrap().hits;
        assert_eq!(hits.into_iter().map(|h| h.id).collect::<Vec<_>>(), page);
    }
}
