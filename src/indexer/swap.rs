//! `reindex`: rebuild an index from its own stored articles with this
//! build's analyzers, beside the live one, then swap it in atomically.
//!
//! While it runs, the live generation's writer lock is held (so no `index`
//! run can add articles that the rebuild would miss) and searches keep
//! reading the live generation. If the process dies at any moment before
//! the switch of `CURRENT`, the old index is untouched and the unfinished
//! `.tmp` generation is removed by the next reindex or index creation.

use std::time::Instant;

use rayon::prelude::*;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::{open_writer, IndexOptions, Summary};
use crate::analysis::IndexAnalyzer;
use crate::error::{Error, Result};
use crate::schema::Fields;
use crate::store::{SourceRun, Store};
use crate::stories::grouper::Grouper;
use crate::stories::signature::{Scratch, Signature};

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
    // Ingest order, so that copies join the same stories as they did.
    let order = ingest_order(&searcher).map_err(tantivy_err)?;
    let mut grouper = match new_fields.stories {
        Some(f) => Some(Grouper::new(None, f.sample.is_some()).map_err(tantivy_err)?),
        None => None,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| Error::Threads { threads: options.threads, reason: e.to_string() })?;
    let stores: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|segment| segment.get_store_reader(64))
        .collect::<std::io::Result<_>>()
        .map_err(|e| Error::io(&root, e))?;
    for chunk in order.chunks(super::BATCH) {
        let mut records = Vec::with_capacity(chunk.len());
        for address in chunk {
            let doc: TantivyDocument =
                stores[address.segment_ord as usize].get(address.doc_id).map_err(tantivy_err)?;
            records.push(old_fields.record_of(&doc));
        }
        let signatures: Vec<Option<Signature>> = match grouper {
            Some(_) => pool.install(|| {
                records
                    .par_iter()
                    .map_init(Scratch::default, |scratch, r| {
                        Signature::of(&r.title, &r.body, scratch)
                    })
                    .collect()
            }),
            None => vec![None; records.len()],
        };
        for (record, signature) in records.into_iter().zip(signatures) {
            let assignment = grouper.as_mut().map(|g| g.assign(signature.as_ref()));
            let mut doc = new_fields.document_of(record);
            if let Some(assignment) = &assignment {
                new_fields.add_story(&mut doc, assignment);
            }
            writer.add_document(doc).map_err(tantivy_err)?;
            summary.indexed += 1;
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

/// The live articles of `searcher` in ingest order: by their position
/// field where the index has one, else segment by segment.
fn ingest_order(searcher: &Searcher) -> tantivy::Result<Vec<DocAddress>> {
    let mut order: Vec<(u64, DocAddress)> = Vec::with_capacity(searcher.num_docs() as usize);
    let has_seq = searcher.schema().get_field(crate::schema::SEQ).is_ok();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let seq = if has_seq { Some(segment.fast_fields().u64(crate::schema::SEQ)?) } else { None };
        for doc in segment.doc_ids_alive() {
            let position = seq.as_ref().and_then(|c| c.first(doc)).unwrap_or(u64::MAX);
            order.push((position, DocAddress::new(ord as u32, doc)));
        }
    }
    // Stable: articles without a position keep their segment order.
    order.sort_by_key(|(position, _)| *position);
    Ok(order.into_iter().map(|(_, address)| address).collect())
}
