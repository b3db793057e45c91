//! `fahras eval`: relevance of an index on a query set with TREC qrels.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use super::{IndexDir, Outcome};
use crate::analysis::{IndexAnalyzer, QueryMode};
use crate::error::{Error, Result};
use crate::eval::{self, perturb::perturb};
use crate::searcher::Engine;

/// Score an index on queries with known answers (TREC qrels).
///
/// Each query is free text, OR-ranked by BM25 (quotes and punctuation are
/// not operators). Prints MRR@10, Recall@10, Recall@100, nDCG@10 and the
/// number of queries with no hits.
#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// Queries: `qid<TAB>text` per line.
    #[arg(long, value_name = "FILE")]
    pub queries: PathBuf,
    /// Judgments: TREC qrels, `qid 0 docid rel` per line.
    #[arg(long, value_name = "FILE")]
    pub qrels: PathBuf,
    /// Fields searched (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "body")]
    pub fields: Vec<String>,
    /// Query analysis: stemmed (default) or exact on a fahras index;
    /// snowball and plain need an index built with that analyzer.
    #[arg(long, value_enum, default_value_t = EvalAnalyzer::Stemmed)]
    pub analyzer: EvalAnalyzer,
    /// Type the queries casually first (no hamza, ه for ة, ى/ي, stray
    /// harakat), deterministically per query id.
    #[arg(long)]
    pub perturb: bool,
    /// Write the (perturbed) queries used to FILE.
    #[arg(long, value_name = "FILE")]
    pub write_queries: Option<PathBuf>,
    /// Also match each word's exact form, weighted by W (0: stems only).
    #[arg(long, value_name = "W", default_value_t = 0.3)]
    pub exact_weight: f32,
    /// Also match neighbouring query words as phrases, weighted by W.
    #[arg(long, value_name = "W", default_value_t = 0.3)]
    pub proximity_weight: f32,
    /// Write a TREC run file (`qid Q0 docid rank score tag`).
    #[arg(long, value_name = "FILE")]
    pub run: Option<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `--analyzer` of `eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalAnalyzer {
    /// Normalized, stemmed, stop words dropped.
    Stemmed,
    /// Normalized, not stemmed.
    Exact,
    /// tantivy's Snowball Arabic (index built with --analyzer snowball).
    Snowball,
    /// No Arabic analysis (index built with --analyzer plain).
    Plain,
}

/// Runs `fahras eval`.
pub fn run(args: EvalArgs) -> Result<Outcome> {
    let engine = Engine::open(&args.dir.index)?;
    let built = engine.store().manifest.analyzer;
    let (needed, mode) = match args.analyzer {
        EvalAnalyzer::Stemmed => (IndexAnalyzer::Fahras, QueryMode::Stemmed),
        EvalAnalyzer::Exact => (IndexAnalyzer::Fahras, QueryMode::Exact),
        EvalAnalyzer::Snowball => (IndexAnalyzer::Snowball, QueryMode::Stemmed),
        EvalAnalyzer::Plain => (IndexAnalyzer::Plain, QueryMode::Stemmed),
    };
    if built != needed {
        return Err(Error::Usage(format!(
            "{}: built with the {} analyzer; --analyzer {:?} needs an index built with `fahras index --analyzer {}`",
            args.dir.index.display(),
            built.name(),
            args.analyzer,
            needed.name()
        )));
    }
    let mut queries = eval::read_queries(&args.queries)?;
    if args.perturb {
        for q in &mut queries {
            q.text = perturb(&q.text, &q.id);
        }
    }
    if let Some(path) = &args.write_queries {
        let text: String = queries.iter().map(|q| format!("{}\t{}\n", q.id, q.text)).collect();
        std::fs::write(path, text).map_err(|e| Error::io(path, e))?;
    }
    let qrels = eval::read_qrels(&args.qrels)?;
    let mut options = eval::default_options(mode, args.fields.clone());
    options.exact_weight = args.exact_weight;
    options.proximity_weight = args.proximity_weight;
    let runs = eval::run_queries(&engine, &queries, &options)?;
    if let Some(path) = &args.run {
        eval::write_run(
            path,
            &queries,
            &runs,
            &format!("fahras-{:?}", args.analyzer).to_lowercase(),
        )?;
    }
    let summary = eval::evaluate(&queries, &runs, &qrels);
    let mut out = io::stdout().lock();
    let io_err = |e| Error::io("<stdout>", e);
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&summary).expect("serializes"))
            .map_err(io_err)?;
    } else {
        writeln!(out, "queries     {}", summary.queries).map_err(io_err)?;
        writeln!(out, "MRR@10      {:.4}", summary.mrr10).map_err(io_err)?;
        writeln!(out, "Recall@10   {:.4}", summary.recall10).map_err(io_err)?;
        writeln!(out, "Recall@100  {:.4}", summary.recall100).map_err(io_err)?;
        writeln!(out, "nDCG@10     {:.4}", summary.ndcg10).map_err(io_err)?;
        writeln!(out, "no hits     {}", summary.no_hits).map_err(io_err)?;
    }
    Ok(Outcome::Success)
}
