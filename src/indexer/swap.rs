//! `reindex`: rebuild an index from its own stored articles with this
//! build's analyzers, beside the live one, then swap it in atomically.
//!
//! While it runs, the live generation's writer lock is held (so no `index`
//! run can add articles that the rebuild would miss) and searches keep
//! reading the live generation. If the process dies at any moment before
//! the switch of `CURRENT`, the old index is untouched and the unfinished
//! `.tmp` generation is removed by the next reindex or index creation.

use std::time::Instant;

use tantivy::TantivyDocument;

use super::{open_writer, IndexOptions, Summary};
use crate::analysis::IndexAnalyzer;
use crate::error::{Error, Result};
use crate::schema::Fields;
use crate::store::{SourceRun, Store};

/// Rebuilds the index at `store`'s root; `analyzer` overrides the analyzer
/// recorded in the manifest. Returns the new store and what was done.
pub fn reindex(
    store: Store,
    analyzer: Option<IndexAnalyzer>,
    options: &IndexOptions,
) -> Result<(Store, Summary)> {
    let started = Instant::now();
    let root = store.root().to_path_buf();
    let tantivy_err = |e| Error::tantivy_write(&root, e);
    // Holding the live writer's lock keeps other writers out until the swap.
    let live_writer = open_writer(&store, 1, 16 << 20)?;
    let analyzer = analyzer.unwrap_or(store.manifest.analyzer);
    let mut next = store.create_next(analyzer)?;
    next.manifest.sources = store.manifest.sources.clone();
    let old_fields = Fields::of(&store.index.schema());
    let new_fields = Fields::of(&next.index.schema());
    let writer = open_writer(&next, options.threads, options.memory_bytes)?;
    let searcher = store.index.reader().map_err(tantivy_err)?.searcher();
    let mut summary = Summary::default();
    for segment in searcher.segment_readers() {
        let docs = segment.get_store_reader(64).map_err(|e| Error::io(&root, e))?;
        let alive = segment.alive_bitset();
        let mut doc_id = 0;
        let max = segment.max_doc();
        while doc_id < max {
            if alive.is_none_or(|a| a.is_alive(doc_id)) {
                let doc: TantivyDocument = docs.get(doc_id).map_err(tantivy_err)?;
                let record = old_fields.record_of(&doc);
                writer.add_document(new_fields.document_of(record)).map_err(tantivy_err)?;
                summary.indexed += 1;
            }
            doc_id += 1;
        }
    }
    let mut writer = writer;
    writer.commit().map_err(tantivy_err)?;
    writer.wait_merging_threads().map_err(tantivy_err)?;
    next.manifest.house_spellings = super::house_spellings(&next)?;
    next.manifest.sources.push(SourceRun {
        inputs: vec![format!("reindex of {}", store.generation_dir().display())],
        indexed: summary.indexed,
        rejected: 0,
        at: super::now_rfc3339(),
    });
    next.save_manifest()?;
    store.switch_to(next)?;
    drop(live_writer);
    store.remove_files()?;
    summary.elapsed = started.elapsed();
    Ok((Store::open(&root)?, summary))
}
