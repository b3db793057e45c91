//! `fahras demo`: search the bundled sample corpus, indexing it first when
//! needed. The README's first command.

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
pub struct DemoArgs {
    /// The query.
    #[arg(default_value = "الأمر التنفيذي")]
    pub query: String,
    /// Where to keep the sample's index.
    #[arg(long, value_name = "DIR")]
    pub index: Option<PathBuf>,
}

fn repo_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Runs `fahras demo`.
pub fn run(args: DemoArgs) -> Result<Outcome> {
    let index = args.index.unwrap_or_else(|| repo_path("target/fahras-sample-index"));
    let corpus = repo_path("corpus/sample/fahras-sample.jsonl");
    if Store::open(&index).is_err() {
        eprintln!(
            "fahras: indexing the bundled sample {} into {} (first run)",
            corpus.display(),
            index.display()
        );
        let _ = std::fs::remove_dir_all(&index);
        let (mut store, _) = Store::open_or_create(&index, IndexAnalyzer::Fahras)?;
        let inputs = [Input::from_arg(&corpus.display().to_string())?];
        let summary = indexer::index_inputs(
            &mut store,
            &inputs,
            &IndexOptions::default(),
            &mut indexer::Silent,
        )?;
        eprintln!("fahras: {} articles indexed", summary.indexed);
    }
    eprintln!("fahras: searching {} for «{}»\n", index.display(), args.query);
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
