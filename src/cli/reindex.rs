//! `fahras reindex`: rebuild from stored articles, swap in atomically.

use clap::Args;

use super::{AnalyzerArg, IndexDir, Outcome};
use fahras::analysis::IndexAnalyzer;
use fahras::error::Result;
use fahras::indexer::{self, swap, IndexOptions, Summary};
use fahras::store::Store;

/// Rebuild an index from its stored articles with this build's analyzers.
///
/// The new index is built beside the old one and swapped in with one atomic
/// rename; searches keep working meanwhile, and if the rebuild is stopped
/// at any moment the old index is intact.
#[derive(Debug, Args)]
pub(crate) struct ReindexArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// Switch title and body to this analyzer.
    #[arg(long, value_enum)]
    pub analyzer: Option<AnalyzerArg>,
    #[command(flatten)]
    pub writer: WriterArgs,
}

/// The writer settings of a rebuild (`reindex`, `dedupe`).
#[derive(Debug, Clone, Args)]
pub(crate) struct WriterArgs {
    /// Threads for tantivy's writer (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Writer memory budget in MB.
    #[arg(long, value_name = "MB", default_value_t = 512)]
    pub memory: usize,
}

/// Rebuilds the index at `dir` (whatever analyzer settings built it) and
/// swaps it in.
pub(crate) fn rebuild(
    dir: &IndexDir,
    analyzer: Option<IndexAnalyzer>,
    writer: &WriterArgs,
) -> Result<(Store, Summary)> {
    let store = match Store::open_to_write(&dir.index) {
        Ok(store) => store,
        // An index of other analyzer settings is exactly what reindex is for.
        Err(fahras::Error::AnalyzerMismatch { .. }) => Store::open_any(&dir.index)?,
        Err(e) => return Err(e),
    };
    let options = IndexOptions {
        threads: writer.threads.unwrap_or_else(indexer::default_threads).max(1),
        memory_bytes: writer.memory << 20,
        ..IndexOptions::default()
    };
    swap::reindex(store, analyzer, &options)
}

/// Runs `fahras reindex`.
pub(crate) fn run(args: ReindexArgs) -> Result<Outcome> {
    let (store, summary) = rebuild(&args.dir, args.analyzer.map(Into::into), &args.writer)?;
    say!(
        "fahras: reindexed {} articles in {:.2} s with the {} analyzer (v{})",
        summary.indexed,
        summary.elapsed.as_secs_f64(),
        store.manifest.analyzer.name(),
        store.manifest.analyzer_version
    );
    Ok(Outcome::Success)
}
