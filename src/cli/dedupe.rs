//! `fahras dedupe`: group the copies of an existing index anew.

use clap::Args;

use super::{IndexDir, Outcome};
use fahras::error::Result;
use fahras::indexer::{self, swap, IndexOptions};
use fahras::searcher::Engine;
use fahras::store::Store;

/// Recompute the stories (groups of copies) of an index from scratch.
///
/// The index is rebuilt from its stored articles in the order they were
/// first indexed, each article's copies found again (as `reindex` does; an
/// index built before stories gets them), and swapped in atomically.
#[derive(Debug, Args)]
pub struct DedupeArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// Threads for tantivy's writer (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Writer memory budget in MB.
    #[arg(long, value_name = "MB", default_value_t = 512)]
    pub memory: usize,
}

/// Runs `fahras dedupe`.
pub fn run(args: DedupeArgs) -> Result<Outcome> {
    let store = match Store::open_to_write(&args.dir.index) {
        Ok(store) => store,
        Err(fahras::Error::AnalyzerMismatch { .. }) => Store::open_any(&args.dir.index)?,
        Err(e) => return Err(e),
    };
    let options = IndexOptions {
        threads: args.threads.unwrap_or_else(indexer::default_threads).max(1),
        memory_bytes: args.memory << 20,
        ..IndexOptions::default()
    };
    let (store, summary) = swap::reindex(store, None, &options)?;
    drop(store);
    let counts = Engine::open(&args.dir.index)?.copy_counts()?;
    say!(
        "fahras: {} articles regrouped in {:.2} s: {} stories, {} with copies; {} articles are copies",
        summary.indexed,
        summary.elapsed.as_secs_f64(),
        counts.stories,
        counts.stories_with_copies,
        counts.copies
    );
    Ok(Outcome::Success)
}
