//! Indexing throughput (articles/s, MB/s) of a fixed slice of real articles,
//! indexed as `fahras index` indexes them (read, parse, analyze, write,
//! commit) into a new index on disk, with one and two threads.
// criterion's macros make functions without doc comments.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

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
                let tmp = tempfile::tempdir().unwrap();
                let indexed = common::index_archive(&tmp.path().join("index"), threads);
                assert_eq!(indexed as usize, articles.len());
            });
        });
    }
    group.finish();
}

criterion_group!(benches, indexing);
criterion_main!(benches);
