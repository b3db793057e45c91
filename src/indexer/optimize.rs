//! `optimize`: merge an index's segments into one.
//!
//! Each writer thread of an `index` run writes its own segments, and a query
//! pays for every segment it visits (a term-dictionary look-up and the
//! opening of posting lists per term and segment, and a top-k threshold that
//! restarts). An archive that has stopped growing searches fastest as one
//! segment: on the 72k-article index, top-10 p50 drops by about a third (see
//! `benches/README.md`). The merge is tantivy's own, committed like any
//! other: searches keep reading the old segments until it is done, and a
//! merge stopped half-way leaves the index as it was.

use std::time::{Duration, Instant};

use super::open_writer;
use crate::error::{Error, Result};
use crate::store::Store;

/// What [`optimize`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Optimized {
    /// Segments before the merge.
    pub before: usize,
    /// Segments after it (1, or 0 for an empty index).
    pub after: usize,
    /// Time taken.
    pub elapsed: Duration,
}

/// Merges every segment of `store` into one, holding its writer lock.
pub fn optimize(store: &Store) -> Result<Optimized> {
    let started = Instant::now();
    let root = store.root();
    let tantivy_err = |e| Error::tantivy_write(root, e);
    // Merging uses no indexing memory: the smallest writer will do.
    let mut writer = open_writer(store, 1, 16 << 20)?;
    let segments = store.index.searchable_segment_ids().map_err(tantivy_err)?;
    let before = segments.len();
    if before > 1 {
        writer.merge(&segments).wait().map_err(tantivy_err)?;
    }
    writer.wait_merging_threads().map_err(tantivy_err)?;
    let after = store.index.searchable_segment_ids().map_err(tantivy_err)?.len();
    Ok(Optimized { before, after, elapsed: started.elapsed() })
}
