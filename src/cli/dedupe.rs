//! `fahras dedupe`: group the copies of an existing index anew.

use clap::Args;

use super::reindex::{rebuild, WriterArgs};
use super::{IndexDir, Outcome};
use fahras::error::Result;
use fahras::searcher::Engine;

/// Recompute the stories (groups of copies) of an index from scratch.
///
/// The index is rebuilt from its stored articles in the order they were
/// first indexed, each article's copies found again (as `reindex` does; an
/// index built before stories gets them), and swapped in atomically.
#[derive(Debug, Args)]
pub(crate) struct DedupeArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    #[command(flatten)]
    pub writer: WriterArgs,
}

/// Runs `fahras dedupe`.
pub(crate) fn run(args: DedupeArgs) -> Result<Outcome> {
    let (store, summary) = rebuild(&args.dir, None, &args.writer)?;
    drop(store);
    let counts = fahras::research::dups::copy_counts(&Engine::open(&args.dir.index)?)?;
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
