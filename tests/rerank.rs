use fahras::searcher::query::QueryOptions;
use fahras::searcher::{Engine, SearchRequest, RERANK_DEPTH};

use crate::util::IndexDir;

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

/// The id of the first hit of `fahras search`.
fn first(dir: &IndexDir, query: &str, extra: &[&str]) -> String {
    dir.hits(query, extra)[0]["id"].as_str().unwrap().to_string()
}

/// Filler words that share no stem with قاعدة, العديد or الجوية.
fn filler(n: usize) -> String {
    FILLER.iter().cycle().take(n).copied().collect::<Vec<_>>().join(" ")
}

/// A name of three words, typed unquoted, ranks first the one article
/// where it stands whole, though BM25 alone puts that long article past the
/// rerank depth, behind short ones that repeat the words apart (as the
/// seed article is behind articles about other air bases).
#[test]
fn a_name_of_three_words_ranks_first() {
    let dir = IndexDir::new();
    let mut lines = Vec::new();
    let record = |id: String, body: String| {
        serde_json::json!({"id": id, "title": "خبر", "body": body}).to_string()
    };
    for n in 0..60 {
        // The three words, each twice and never side by side.
        let body = format!(
            "قاعدة {f} العديد {f} الجوية {f} قاعدة {f} العديد {f} الجوية {f}",
            f = filler(4)
        );
        lines.push(record(format!("apart-{n:02}"), body));
    }
    let long = format!("{} قاعدة العديد الجوية {}", filler(60), filler(60));
    lines.push(record("together".into(), long));
    for n in 0..1000 {
        lines.push(record(format!("other-{n:04}"), filler(40)));
    }
    let input = dir.tmp.path().join("names.jsonl");
    std::fs::write(&input, lines.join("\n")).unwrap();
    dir.index(&[input.to_str().unwrap()]);

    let query = "قاعدة العديد الجوية";
    let engine = Engine::open(dir.path()).unwrap();
    let bm25 = QueryOptions {
        exact_weight: 0.0,
        proximity_weight: 0.0,
        phrase_weight: 0.0,
        ..QueryOptions::default()
    };
    let request =
        SearchRequest { options: bm25, limit: 100, collapse: false, ..SearchRequest::new(query) };
    let ids: Vec<String> =
        engine.search(&request).unwrap().hits.into_iter().map(|h| h.id).collect();
    let at = ids.iter().position(|id| id == "together").expect("found by BM25");
    assert!(at >= RERANK_DEPTH, "BM25 alone ranks it {}: not a test of recall", at + 1);

    // The default ranking, as `fahras search` runs it.
    assert_eq!(first(&dir, query, &[]), "together");
    // Without the run of words as a phrase it is not first.
    assert_ne!(first(&dir, query, &["--phrase-weight", "0"]), "together");
}

/// The example: on sample-2000 and the seed article, the Al Udeid
/// Air Base article is first for its name typed unquoted.
#[test]
fn al_udeid_air_base_ranks_the_seed_first_on_shared_corpora() {
    let Some(seed) = crate::util::shared("corpora/seed/seed.jsonl") else { return };
    let Some(sample) = crate::util::shared("corpora/ant-multisource/sample-2000.jsonl") else {
        return;
    };
    let dir = IndexDir::new();
    dir.index(&[seed.to_str().unwrap(), sample.to_str().unwrap()]);
    assert_eq!(first(&dir, "قاعدة العديد الجوية", &[]), "seed-000");
}
