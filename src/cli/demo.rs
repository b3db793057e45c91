//! `fahras demo`: search the bundled sample corpus, indexing it first when
//! needed. The README's first command.
//!
//! The sample is inside the binary, so `demo` works wherever the binary is
//! (after `cargo install` too); its index is kept in the user's cache
//! folder, rebuilt when this build's sample or analysis differ.

use std::path::PathBuf;

use clap::{Args, FromArgMatches};

use super::{search, Outcome};
use fahras::analysis::IndexAnalyzer;
use fahras::error::{Error, Result};
use fahras::indexer::{self, IndexOptions};
use fahras::ingest::Input;
use fahras::store::Store;

/// Search the bundled sample corpus (indexed on first use).
#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
    /// The query.
    #[arg(default_value = "الأمر التنفيذي")]
    pub query: String,
    /// Where to keep the sample's index.
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
}

/// The bundled sample corpus (corpus/sample), written by the project.
const SAMPLE: &str = include_str!("../../corpus/sample/fahras-sample.jsonl");

/// Where the sample's index lives: `$XDG_CACHE_HOME/fahras`, else
/// `~/.cache/fahras`, else the system's temporary folder.
fn cache_dir() -> PathBuf {
    let home_cache = || std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache"));
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(home_cache)
        .unwrap_or_else(std::env::temp_dir)
        .join("fahras")
}

/// A name for this build's sample index: a new sample or analysis gets a
/// new index rather than an old one's answers.
fn sample_index_name() -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    SAMPLE.hash(&mut hasher);
    fahras_analyzers_version().hash(&mut hasher);
    format!("sample-index-{:016x}", hasher.finish())
}

fn fahras_analyzers_version() -> u32 {
    fahras::store::Manifest::new(IndexAnalyzer::Fahras).analyzer_version
}

/// Runs `fahras demo`.
pub(crate) fn run(args: DemoArgs) -> Result<Outcome> {
    // Only the cache's own sample index is ever removed and rebuilt; a
    // folder named with --index is created if absent, and never wiped.
    let (index, ours) = match args.index {
        Some(dir) => (dir, false),
        None => (cache_dir().join(sample_index_name()), true),
    };
    if ours && Store::open(&index).is_err() {
        let _ = std::fs::remove_dir_all(&index);
    }
    if Store::open(&index).is_err() {
        let (mut store, created) = Store::open_or_create(&index, IndexAnalyzer::Fahras)?;
        if !created {
            return Err(Error::Invalid(format!(
                "{}: an index that cannot be searched as it is; demo leaves it alone",
                index.display()
            )));
        }
        say!(
            "fahras: indexing the bundled sample ({} articles) into {} (first run)",
            SAMPLE.lines().count(),
            index.display()
        );
        let corpus =
            std::env::temp_dir().join(format!("fahras-sample-{}.jsonl", std::process::id()));
        std::fs::write(&corpus, SAMPLE).map_err(|e| Error::io(&corpus, e))?;
        let inputs = [Input::from_arg(&corpus)?];
        let summary = indexer::index_inputs(
            &mut store,
            &inputs,
            &IndexOptions::default(),
            &mut indexer::Silent,
        );
        let _ = std::fs::remove_file(&corpus);
        let summary = summary?;
        say!("fahras: {} articles indexed", summary.indexed);
    }
    say!("fahras: searching {} for «{}»\n", index.display(), args.query);
    // The search flags' own defaults, as `fahras search` has them, but five hits.
    let argv: [std::ffi::OsString; 7] = [
        "demo".into(),
        "--index".into(),
        index.into(),
        "--limit".into(),
        "5".into(),
        "--".into(),
        args.query.into(),
    ];
    let matches = search::SearchArgs::augment_args(clap::Command::new("demo"))
        .try_get_matches_from(argv)
        .map_err(|e| Error::Invalid(e.to_string()))?;
    let search = search::SearchArgs::from_arg_matches(&matches)
        .map_err(|e| Error::Invalid(e.to_string()))?;
    search::run(search)
}
