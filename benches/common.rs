//! Shared by the benches: the articles to measure on.
// Each bench uses some of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use fahras::analysis::IndexAnalyzer;
use fahras::indexer::{self, IndexOptions};
use fahras::store::Store;

use fahras::ingest::{FieldMap, Input, RawItem, Record};

/// The file the benches read: `../shared/corpora/ant-multisource/sample-2000.jsonl`
/// when present, else the bundled sample (and a note saying so), with its label.
pub(crate) fn archive() -> (PathBuf, &'static str) {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/ant-multisource/sample-2000.jsonl");
    if shared.exists() {
        (shared, "ant-multisource sample-2000")
    } else {
        eprintln!("note: ../shared is absent; benchmarking the bundled 50-article sample instead of sample-2000");
        (
            Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/sample/fahras-sample.jsonl"),
            "bundled sample",
        )
    }
}

/// The articles of [`archive`], parsed as `fahras index` parses them.
pub(crate) fn articles() -> (Vec<Record>, &'static str) {
    let (path, label) = archive();
    let input = Input::from_arg(&path).unwrap();
    let mut source = input.open(1 << 26, Default::default(), Default::default()).unwrap();
    let mut items: Vec<RawItem> = Vec::new();
    while source.next_batch(4096, &mut items).unwrap() {}
    let fields = FieldMap::default();
    (
        items
            .iter()
            .map(|i| i.parse(&fields, Default::default(), &Default::default()).unwrap())
            .collect(),
        label,
    )
}

/// Indexes [`archive`] into a new index at `root` as `fahras index` does,
/// with `threads` threads; returns the number of articles indexed.
pub(crate) fn index_archive(root: &Path, threads: usize) -> u64 {
    let (path, _) = archive();
    let (mut store, _) = Store::open_or_create(root, IndexAnalyzer::Fahras).unwrap();
    let options =
        IndexOptions { threads, memory_bytes: threads * (64 << 20), ..Default::default() };
    let inputs = [Input::from_arg(&path).unwrap()];
    indexer::index_inputs(&mut store, &inputs, &options, &mut indexer::Silent).unwrap().indexed
}
