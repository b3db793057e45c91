//! `fahras eval`: relevance of an index on a query set with TREC qrels.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;

use super::query_args::QueryArgs;
use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::eval::{self, perturb::perturb};
use fahras::searcher::Engine;
use fahras::searcher::Match;

/// Score an index on queries with known answers (TREC qrels).
///
/// Each query runs exactly as `fahras search --json -n 100` runs it with
/// the same flags (same query language, same defaults, same ranking), so
/// the figures are what users get. Prints MRR@10, Recall@10, Recall@100,
/// nDCG@10 and the number of queries with no hits.
#[derive(Debug, Args)]
pub(crate) struct EvalArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// Queries: `qid<TAB>text` per line.
    #[arg(long, value_name = "FILE")]
    pub queries: PathBuf,
    /// Judgments: TREC qrels, `qid 0 docid rel` per line.
    #[arg(long, value_name = "FILE")]
    pub qrels: PathBuf,
    #[command(flatten)]
    pub query_args: QueryArgs,
    /// Type the queries casually first (no hamza, ه for ة, ى/ي, stray
    /// harakat), deterministically per query id.
    #[arg(long)]
    pub perturb: bool,
    /// Rank every article, copies of a story included (as `search
    /// --no-collapse`); by default each story once, as `search` shows it.
    #[arg(long)]
    pub no_collapse: bool,
    /// Type the queries in a hurry (after --perturb, if both): seat hamza
    /// dropped, پ for ب in a quarter of them, one keyboard slip each.
    #[arg(long)]
    pub hurry: bool,
    /// Write the (perturbed) queries used to FILE.
    #[arg(long, value_name = "FILE")]
    pub write_queries: Option<PathBuf>,
    /// Write a TREC run file (`qid Q0 docid rank score tag`).
    #[arg(long, value_name = "FILE")]
    pub run: Option<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `fahras eval`.
pub(crate) fn run(args: EvalArgs) -> Result<Outcome> {
    let options = args.query_args.options()?;
    let engine = Engine::open(&args.dir.index)?;
    let mut queries = eval::read_queries(&args.queries)?;
    if args.perturb {
        for q in &mut queries {
            q.text = perturb(&q.text, &q.id);
        }
    }
    if args.hurry {
        for q in &mut queries {
            q.text = fahras::eval::hurry::hurry(&q.text, &q.id);
        }
    }
    if let Some(path) = &args.write_queries {
        let text: String = queries.iter().map(|q| format!("{}\t{}\n", q.id, q.text)).collect();
        std::fs::write(path, text).map_err(|e| Error::io(path, e))?;
    }
    let qrels = eval::read_qrels(&args.qrels)?;
    let runs = eval::run_queries(&engine, &queries, &options, !args.no_collapse)?;
    if let Some(path) = &args.run {
        eval::write_run(
            path,
            &queries,
            &runs,
            &format!("fahras-{}", engine.store().manifest.analyzer.name()),
        )?;
    }
    let summary = eval::evaluate(&queries, &runs, &qrels);
    if summary.queries == 0 {
        return Err(Error::Invalid(format!(
            "{}: no query has judgments in {}; nothing to score",
            args.queries.display(),
            args.qrels.display()
        )));
    }
    let mut out = io::stdout().lock();
    let io_err = |e| Error::io("<stdout>", e);
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&summary).expect("serializes"))
            .map_err(io_err)?;
    } else {
        let fields = fahras::searcher::query::searched_fields(&options)?.join(",");
        // Every setting that moves the figures, so that a line of output
        // says which configuration it scores.
        writeln!(
            out,
            "searched    {fields}; {}, exact-form weight {}, proximity weight {}, phrase weight {}{}{}",
            if args.query_args.exact { "exact words" } else { "stems" },
            options.exact_weight,
            options.proximity_weight,
            options.phrase_weight,
            if options.fuzzy { ", fuzzy" } else { "" },
            if options.rule() == Match::All { ", every word required" } else { "" }
        )
        .map_err(io_err)?;
        let typed = match (args.perturb, args.hurry) {
            (false, false) => "as written",
            (true, false) => "casually typed (--perturb)",
            (false, true) => "in a hurry (--hurry)",
            (true, true) => "casually typed and in a hurry (--perturb --hurry)",
        };
        let scored = if args.no_collapse { "articles (--no-collapse)" } else { "stories" };
        writeln!(out, "scored      {scored}; queries {typed}").map_err(io_err)?;
        writeln!(out, "queries     {}", summary.queries).map_err(io_err)?;
        writeln!(out, "MRR@10      {:.4}", summary.mrr10).map_err(io_err)?;
        writeln!(out, "Recall@10   {:.4}", summary.recall10).map_err(io_err)?;
        writeln!(out, "Recall@100  {:.4}", summary.recall100).map_err(io_err)?;
        writeln!(out, "nDCG@10     {:.4}", summary.ndcg10).map_err(io_err)?;
        writeln!(out, "no hits     {}", summary.no_hits).map_err(io_err)?;
    }
    Ok(Outcome::Success)
}
