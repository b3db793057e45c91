//! `fahras demo`: search the bundled sample corpus, indexing it first when
//! needed. The README's first command.

use std::path::PathBuf;

use clap::Args;

use super::{search, IndexDir, Outcome};
use crate::analysis::IndexAnalyzer;
use crate::error::Result;
use crate::indexer::{self, IndexOptions};
use crate::ingest::Input;
use crate::store::Store;

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
        let summary =
            indexer::index_inputs(&mut store, &inputs, &IndexOptions::default(), &mut |_| {})?;
        eprintln!("fahras: {} articles indexed", summary.indexed);
    }
    eprintln!("fahras: searching {} for {:?}\n", index.display(), args.query);
    let search = search::SearchArgs {
        dir: IndexDir { index },
        query: args.query,
        limit: 5,
        offset: 0,
        sort: Default::default(),
        count: false,
        fields: Vec::new(),
        from: None,
        to: None,
        exact: false,
        all: false,
        proximity: 0.3,
        snippet_chars: 200,
        json: false,
        color: search::ColorChoice::Auto,
        markers: "[,]".into(),
    };
    search::run(search)
}
