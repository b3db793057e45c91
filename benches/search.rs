//! Query latency for a fixed set of term, AND, OR and phrase queries on an
//! index built once; each asserts its hit count.

use criterion::{criterion_group, criterion_main, Criterion};
use fahras::analysis::{index_tokenizers, IndexAnalyzer};
use fahras::indexer::to_document;
use fahras::schema::{self, Fields};
use fahras::searcher::query::{build, QueryOptions};
use tantivy::collector::{Count, TopDocs};
use tantivy::Index;

#[path = "common.rs"]
mod common;

fn search(c: &mut Criterion) {
    let (articles, label) = common::articles();
    let mut index = Index::create_in_ram(schema::build(IndexAnalyzer::Fahras.tokenizer_name()));
    index.set_tokenizers(index_tokenizers());
    let fields = Fields::of(&index.schema());
    let mut writer = index.writer_with_num_threads(1, 128 << 20).unwrap();
    for record in articles {
        writer.add_document(to_document(&fields, record)).unwrap();
    }
    writer.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    let mut group = c.benchmark_group(format!("search/{label}"));
    let queries = [
        ("term", "الحكومة"),
        ("or", "الرئيس الأمريكي ترامب"),
        ("and", "+الرئيس +الأمريكي +ترامب"),
        ("phrase", "\"الرئيس الأمريكي\""),
        ("prefix", "اقتصاد*"),
    ];
    for (name, text) in queries {
        let query =
            build(&searcher, IndexAnalyzer::Fahras, text, &QueryOptions::default()).unwrap();
        let hits = searcher.search(&*query, &Count).unwrap();
        assert!(hits > 0, "{name}: {text} finds nothing");
        group.bench_function(name, |b| {
            b.iter(|| {
                let top =
                    searcher.search(&*query, &TopDocs::with_limit(10).order_by_score()).unwrap();
                assert_eq!(top.len(), hits.min(10));
            });
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
