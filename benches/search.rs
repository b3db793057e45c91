//! Query latency for a fixed set of term, OR, AND, phrase and prefix
//! queries, each run as `fahras search` runs it (`Engine::plan` and
//! `Engine::rank`, the default ranking), on an index built once; each
//! asserts it finds something.
// criterion's macros make functions without doc comments.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use fahras::analysis::IndexAnalyzer;
use fahras::indexer::open_writer;
use fahras::schema::Fields;
use fahras::searcher::{Engine, SearchRequest};
use fahras::store::Store;

#[path = "common.rs"]
mod common;

fn search(c: &mut Criterion) {
    let (articles, label) = common::articles();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("index");
    let (store, _) = Store::open_or_create(&root, IndexAnalyzer::Fahras).unwrap();
    let fields = Fields::of(&store.index.schema());
    let mut writer = open_writer(&store, 1, 128 << 20).unwrap();
    for record in articles {
        writer.add_document(fields.document_of(record)).unwrap();
    }
    writer.commit().unwrap();
    drop(writer);
    let engine = Engine::open(&root).unwrap();
    let searcher = engine.searcher();
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
        let plan = engine.plan(&searcher, &request).unwrap();
        let page = engine.rank(&searcher, &plan, &request).unwrap();
        assert!(page.total > 0, "{name}: {text} finds nothing");
        group.bench_function(name, |b| {
            b.iter(|| {
                let plan = engine.plan(&searcher, &request).unwrap();
                let top = engine.rank(&searcher, &plan, &request).unwrap();
                assert_eq!(top.docs.len(), page.docs.len());
            });
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
