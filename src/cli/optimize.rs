//! `fahras optimize`: merge an index into one segment.

use clap::Args;

use super::{IndexDir, Outcome};
use fahras::error::Result;
use fahras::indexer::optimize::{optimize, Optimized};
use fahras::store::Store;

/// Merge an index's segments into one, for the fastest searches.
///
/// Each `index` run (and each of its writer threads) adds segments, and a
/// search visits every one. Once an archive has stopped growing, one merge
/// makes its searches faster; searches keep working while it runs.
#[derive(Debug, Args)]
pub(crate) struct OptimizeArgs {
    #[command(flatten)]
    pub dir: IndexDir,
}

/// Runs `fahras optimize`.
pub(crate) fn run(args: OptimizeArgs) -> Result<Outcome> {
    let store = Store::open_to_write(&args.dir.index)?;
    report(&optimize(&store)?);
    Ok(Outcome::Success)
}

/// Prints what a merge did.
pub(crate) fn report(done: &Optimized) {
    if done.before <= 1 {
        say!("fahras: the index is already one segment; nothing to merge");
    } else {
        say!(
            "fahras: merged {} segments into {} in {:.2} s",
            done.before,
            done.after,
            done.elapsed.as_secs_f64()
        );
    }
}
