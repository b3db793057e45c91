//! Shared by the benches: the articles to measure on.
// Each bench uses some of these helpers.
#![allow(dead_code)]

use std::path::Path;

use fahras::ingest::{FieldMap, Input, RawItem, Record};

/// The real articles of `../shared/corpora/ant-multisource/sample-2000.jsonl`
/// when present, else the bundled sample (and a note saying so).
pub(crate) fn articles() -> (Vec<Record>, &'static str) {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/ant-multisource/sample-2000.jsonl");
    let (path, label) = if shared.exists() {
        (shared, "ant-multisource sample-2000")
    } else {
        eprintln!("note: ../shared is absent; benchmarking the bundled 50-article sample instead of sample-2000");
        (
            Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/sample/fahras-sample.jsonl"),
            "bundled sample",
        )
    };
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
