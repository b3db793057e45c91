//! Query latency for a fixed set of term, OR, AND, phrase and prefix
//! queries, each run as `fahras search` runs it (`Engine::search`: the
//! default ranking, the top 10 with their snippets), on an index built
//! once; each asserts it finds something.
// criterion's macros make functions without doc comments.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use fahras::searcher::{Engine, SearchRequest};

#[path = "common.rs"]
mod common;

fn search(c: &mut Criterion) {
    let (_, label) = common::archive();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("index");
    assert!(common::index_archive(&root, 1) > 0);
    let engine = Engine::open(&root).unwrap();
    let mut group = c.benchmark_group(format!("search/{label}"));
    let queries = [
        ("term", "الحكومة"),
        ("or", "الرئيس الأمريكي ترامب"),
        ("and", "+الرئيس +الأمريكي +ترامب"),
        ("phrase", "\"الرئيس الأمريكي\""),
        ("prefix", "اقتصاد*"),
    ];
    for (name, text) in queries {
        let request = SearchRequest::new(text);
        let found = engine.search(&request).unwrap();
        assert!(found.total > 0, "{name}: {text} finds nothing");
        group.bench_function(name, |b| {
            b.iter(|| {
                let again = engine.search(&request).unwrap();
                assert_eq!(again.hits.len(), found.hits.len());
            });
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
