//! Indexing throughput (articles/s, MB/s) of a fixed slice of real articles
//! into a RAM index, with one and two writer threads.
// criterion's macros make functions without doc comments.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use fahras::analysis::{index_tokenizers, IndexAnalyzer};
use fahras::schema::{self, Fields};
use tantivy::Index;

#[path = "common.rs"]
mod common;

fn indexing(c: &mut Criterion) {
    let (articles, label) = common::articles();
    let bytes: usize = articles.iter().map(|r| r.title.len() + r.body.len()).sum();
    let mut group = c.benchmark_group(format!(
        "indexing/{label} ({} articles, {:.1} MB)",
        articles.len(),
        bytes as f64 / 1e6
    ));
    group.throughput(Throughput::Elements(articles.len() as u64));
    group.sample_size(10);
    for threads in [1, 2] {
        group.bench_function(format!("{threads} thread(s)"), |b| {
            b.iter(|| {
                let mut index =
                    Index::create_in_ram(schema::build(IndexAnalyzer::Fahras.tokenizer_name()));
                index.set_tokenizers(index_tokenizers());
                let fields = Fields::of(&index.schema());
                let mut writer =
                    index.writer_with_num_threads(threads, threads * (64 << 20)).unwrap();
                for record in &articles {
                    writer.add_document(fields.document_of(record.clone())).unwrap();
                }
                writer.commit().unwrap();
                let docs = index.reader().unwrap().searcher().num_docs();
                assert_eq!(docs as usize, articles.len());
            });
        });
    }
    group.finish();
}

criterion_group!(benches, indexing);
criterion_main!(benches);
