//! Relevance evaluation: run a query set against an index and score it
//! against TREC qrels (see `metrics`), optionally on casually typed
//! ([`perturb`]) or hurried ([`hurry`]) variants of the queries.

pub mod hurry;
pub(crate) mod metrics;
pub mod perturb;
mod rng;

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use self::metrics::{Judgments, QueryMetrics, Summary};
use crate::error::{Error, Result};
use crate::searcher::{Engine, QueryOptions, SearchRequest};

/// One query: id and text.
#[derive(Debug, Clone)]
pub struct EvalQuery {
    /// Query id (`qid`).
    pub id: String,
    /// Text, searched as `fahras search` reads it.
    pub text: String,
}

/// Reads `qid<TAB>text` lines.
pub fn read_queries(path: &Path) -> Result<Vec<EvalQuery>> {
    let text = fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut queries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (id, text) = line.split_once('\t').ok_or_else(|| Error::BadLine {
            path: path.to_path_buf(),
            line: n + 1,
            expected: "qid<TAB>query",
        })?;
        queries.push(EvalQuery { id: id.trim().to_string(), text: text.to_string() });
    }
    Ok(queries)
}

/// Reads TREC qrels: `qid iter docid rel` lines.
pub fn read_qrels(path: &Path) -> Result<HashMap<String, Judgments>> {
    let text = fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut qrels: HashMap<String, Judgments> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.is_empty() {
            continue;
        }
        let bad = || Error::BadLine {
            path: path.to_path_buf(),
            line: n + 1,
            expected: "`qid 0 docid rel`",
        };
        if parts.len() != 4 {
            return Err(bad());
        }
        let grade: i64 = parts[3].parse().map_err(|_| bad())?;
        qrels
            .entry(parts[0].to_string())
            .or_default()
            .insert(parts[2].to_string(), grade.max(0) as u32);
    }
    Ok(qrels)
}

/// The ranked doc ids and scores of one query.
pub type Run = Vec<(String, f32)>;

/// How deep each query's ranking is judged (Recall@100).
pub const RUN_DEPTH: usize = 100;

/// Runs every query through [`Engine::search`], exactly as `fahras search
/// --json -n 100` runs it with the same options, and returns the ranked
/// ids of each.
pub fn run_queries(
    engine: &Engine,
    queries: &[EvalQuery],
    options: &QueryOptions,
    collapse: bool,
) -> Result<Vec<Run>> {
    let mut runs = Vec::with_capacity(queries.len());
    for query in queries {
        let request = SearchRequest {
            options: options.clone(),
            limit: RUN_DEPTH,
            snippet_chars: 0,
            collapse,
            ..SearchRequest::new(query.text.as_str())
        };
        let results = engine.search(&request)?;
        runs.push(results.hits.into_iter().map(|hit| (hit.id, hit.score)).collect());
    }
    Ok(runs)
}

/// Scores runs; queries without relevant documents in the qrels are left out.
pub fn evaluate(
    queries: &[EvalQuery],
    runs: &[Run],
    qrels: &HashMap<String, Judgments>,
) -> Summary {
    let mut per_query: Vec<QueryMetrics> = Vec::new();
    let mut no_hits = 0;
    for (query, run) in queries.iter().zip(runs) {
        let Some(judged) = qrels.get(&query.id) else { continue };
        if run.is_empty() {
            no_hits += 1;
        }
        let ids: Vec<String> = run.iter().map(|(id, _)| id.clone()).collect();
        per_query.push(metrics::score(&ids, judged));
    }
    Summary::of(&per_query, no_hits)
}

/// Writes a TREC run file: `qid Q0 docid rank score tag`.
pub fn write_run(path: &Path, queries: &[EvalQuery], runs: &[Run], tag: &str) -> Result<()> {
    let mut out = std::io::BufWriter::new(fs::File::create(path).map_err(|e| Error::io(path, e))?);
    for (query, run) in queries.iter().zip(runs) {
        for (rank, (id, score)) in run.iter().enumerate() {
            writeln!(out, "{} Q0 {} {} {:.6} {}", query.id, id, rank + 1, score, tag)
                .map_err(|e| Error::io(path, e))?;
        }
    }
    out.flush().map_err(|e| Error::io(path, e))
}
