//! Analyzer throughput in MB/s over real articles: the stemmed and exact
//! chains, the one-pass indexing chain, and tantivy's Snowball baseline.
// criterion's macros make functions without doc comments.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use fahras_analyzers::chains;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};

#[path = "common.rs"]
mod common;

fn analysis(c: &mut Criterion) {
    let (articles, label) = common::articles();
    let texts: Vec<String> =
        articles.into_iter().map(|r| format!("{}\n{}", r.title, r.body)).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group(format!("analysis/{label} ({:.1} MB)", bytes as f64 / 1e6));
    // Decimal megabytes (10^6 bytes a second), the unit the targets use.
    group.throughput(Throughput::BytesDecimal(bytes as u64));
    group.sample_size(10);
    // The chains as `fahras-analyzers` gives them to any tantivy user, and
    // tantivy's Arabic Snowball chain assembled as its users would.
    let snowball = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(255))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::Arabic))
        .build();
    let named = [
        ("Stemmed", TextAnalyzer::from(chains::arabic_stemmed())),
        ("Exact", TextAnalyzer::from(chains::arabic_exact())),
        ("Index", TextAnalyzer::from(chains::arabic_indexing())),
        ("Snowball", snowball),
    ];
    for (chain, mut analyzer) in named {
        let count = |analyzer: &mut TextAnalyzer| {
            let mut tokens = 0usize;
            for text in &texts {
                let mut stream = analyzer.token_stream(text);
                while stream.advance() {
                    tokens += 1;
                }
            }
            tokens
        };
        // A broken chain cannot report a fast time: it must see the words.
        let expected = count(&mut analyzer);
        assert!(expected > bytes / 20, "{chain}: only {expected} tokens in {bytes} bytes");
        // Each pass starts from a fresh clone: the chains remember recent
        // stems, and a pass must not be answered from an earlier pass's
        // memory of the same articles.
        group.bench_function(chain, |b| {
            b.iter(|| assert_eq!(count(&mut analyzer.clone()), expected));
        });
    }
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
