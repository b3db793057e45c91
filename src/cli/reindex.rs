//! `fahras reindex`: rebuild from stored articles, swap in atomically.

use clap::Args;

use super::{AnalyzerArg, IndexDir, Outcome};
use fahras::error::Result;
use fahras::indexer::{self, swap, IndexOptions};
use fahras::store::Store;

/// Rebuild an index from its stored articles with this build's analyzers.
///
/// The new index is built beside the old one and swapped in with one atomic
/// rename; searches keep working meanwhile, and if the rebuild is stopped
/// at any moment the old index is intact.
#[derive(Debug, Args)]
pub struct ReindexArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// Switch title and body to this analyzer.
    #[arg(long, value_enum)]
    pub analyzer: Option<AnalyzerArg>,
    /// Threads for tantivy's writer (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Writer memory budget in MB.
    #[arg(long, value_name = "MB", default_value_t = 512)]
    pub memory: usize,
}

/// Runs `fahras reindex`.
pub fn run(args: ReindexArgs) -> Result<Outcome> {
    let store = match Store::open_to_write(&args.dir.index) {
        Ok(store) => store,
        // An index of other analyzer settings is exactly what reindex is for.
        Err(fahras::Error::AnalyzerMismatch { .. }) => Store::open_any(&args.dir.index)?,
        Err(e) => return Err(e),
    };
    let options = IndexOptions {
        threads: args.threads.unwrap_or_else(indexer::default_threads).max(1),
        memory_bytes: args.memory << 20,
        ..IndexOptions::default()
    };
    let (store, summary) = swap::reindex(store, args.analyzer.map(Into::into), &options)?;
    say!(
        "fahras: reindexed {} articles in {:.2} s with the {} analyzer (v{})",
        summary.indexed,
        summary.elapsed.as_secs_f64(),
        store.manifest.analyzer.name(),
        store.manifest.analyzer_version
    );
    Ok(Outcome::Success)
}
