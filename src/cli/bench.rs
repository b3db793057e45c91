//! `fahras bench`: replay a query log against an index, in one process.

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args;
use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::QueryParser;

use super::{IndexDir, Outcome};
use crate::analysis::{query_tokenizers, QueryMode};
use crate::error::{Error, Result};
use crate::highlighter::Highlighter;
use crate::searcher::query::free_text;
use crate::searcher::rerank::{self, Ranked};
use crate::searcher::{Engine, QueryOptions};

/// Replay a query log (one query per line) and report latency per query.
///
/// The index is opened once; a warm-up pass runs first, then the timed
/// passes. Modes: top10 (OR of the words, BM25, best 10), count (count the
/// OR matches), phrase (each line as a phrase), and (every word required).
/// For top10, fetching the 10 stored articles and building their snippets
/// is timed apart from the search itself.
#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The query log: one query per line.
    #[arg(long, value_name = "FILE")]
    pub queries: PathBuf,
    /// What to run for each line.
    #[arg(long, value_enum, default_value_t = Mode::Top10)]
    pub mode: Mode,
    /// Use only the first N lines.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Untimed passes over the log first.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub warmup: usize,
    /// Timed passes over the log.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub repeat: usize,
    /// Queries run in parallel by this many threads.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub threads: usize,
    /// Fields searched (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "title,body")]
    pub fields: Vec<String>,
    /// Weight of the exact-form match in the score (0 turns it off), as in
    /// `search` and `eval`.
    #[arg(long, value_name = "W", default_value_t = QueryOptions::default().exact_weight)]
    pub exact_weight: f32,
    /// Weight of neighbouring query words found close together (0 turns it
    /// off), as in `search` and `eval`.
    #[arg(long, value_name = "W", default_value_t = QueryOptions::default().proximity_weight)]
    pub proximity_weight: f32,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// What each query-log line becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// OR of the words, top 10 by BM25.
    Top10,
    /// Count the articles matching any word.
    Count,
    /// The line as a phrase, top 10.
    Phrase,
    /// Every word required, top 10.
    And,
}

/// Latency statistics, in microseconds.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Latency {
    /// Mean.
    pub mean_us: f64,
    /// Median.
    pub p50_us: f64,
    /// 95th percentile.
    pub p95_us: f64,
    /// 99th percentile.
    pub p99_us: f64,
    /// Slowest.
    pub max_us: f64,
}

impl Latency {
    fn of(samples: &mut [Duration]) -> Latency {
        if samples.is_empty() {
            return Latency::default();
        }
        samples.sort_unstable();
        let us = |d: Duration| d.as_secs_f64() * 1e6;
        let at = |q: f64| us(samples[((samples.len() - 1) as f64 * q).round() as usize]);
        Latency {
            mean_us: samples.iter().map(|&d| us(d)).sum::<f64>() / samples.len() as f64,
            p50_us: at(0.50),
            p95_us: at(0.95),
            p99_us: at(0.99),
            max_us: us(*samples.last().expect("non-empty")),
        }
    }
}

/// What `bench` prints.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The mode.
    pub mode: Mode,
    /// Articles in the index.
    pub articles: u64,
    /// Timed query runs (lines × passes).
    pub queries: usize,
    /// Lines that became no query (only stop words or punctuation).
    pub empty: usize,
    /// Sum of the hits returned (count mode: of the counts) in one pass.
    pub hits: u64,
    /// Search latency.
    pub search: Latency,
    /// Fetch + snippet latency for the returned hits (top10 only).
    pub fetch_snippets: Option<Latency>,
    /// Query runs per second, over all threads.
    pub qps: f64,
}

fn build(searcher: &tantivy::Searcher, args: &BenchArgs, line: &str) -> Option<Ranked> {
    let (mode, fields) = (args.mode, &args.fields);
    let options = QueryOptions {
        mode: QueryMode::Stemmed,
        fields: fields.to_vec(),
        conjunction: mode == Mode::And,
        exact_weight: args.exact_weight,
        proximity_weight: args.proximity_weight,
        ..QueryOptions::default()
    };
    match mode {
        Mode::Top10 | Mode::Count | Mode::And => {
            let q = free_text(searcher, line, &options);
            let mut empty = true;
            q.base.query_terms(&mut |_, _| empty = false);
            (!empty).then_some(q)
        }
        Mode::Phrase => {
            let schema = searcher.schema();
            let targets = fields.iter().filter_map(|f| schema.get_field(f).ok()).collect();
            let parser =
                QueryParser::new(schema.clone(), targets, query_tokenizers(QueryMode::Stemmed));
            let cleaned: String =
                line.chars().map(|c| if c == '"' || c == '\\' { ' ' } else { c }).collect();
            let base = parser.parse_query(&format!("\"{}\"", cleaned.trim())).ok()?;
            Some(Ranked { base, bonus: Vec::new() })
        }
    }
}

/// Runs `fahras bench`.
pub fn run(args: BenchArgs) -> Result<Outcome> {
    let engine = Engine::open(&args.dir.index)?;
    let text = std::fs::read_to_string(&args.queries).map_err(|e| Error::io(&args.queries, e))?;
    let mut lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if let Some(n) = args.limit {
        lines.truncate(n);
    }
    let searcher = engine.searcher();
    let queries: Vec<Option<Ranked>> = lines.iter().map(|l| build(&searcher, &args, l)).collect();
    let empty = queries.iter().filter(|q| q.is_none()).count();
    let runnable: Vec<&Ranked> = queries.iter().flatten().collect();
    let err = |e| Error::tantivy(engine.store().root(), e);
    let run_one = |q: &Ranked| -> Result<(u64, Vec<tantivy::DocAddress>)> {
        Ok(match args.mode {
            Mode::Count => (searcher.search(&*q.base, &Count).map_err(err)? as u64, Vec::new()),
            _ => {
                let top = rerank::top(&searcher, q, 0, 10).map_err(err)?;
                (top.len() as u64, top.into_iter().map(|(_, a)| a).collect())
            }
        })
    };
    for _ in 0..args.warmup {
        for q in &runnable {
            run_one(q)?;
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.max(1))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {} threads: {e}", args.threads)))?;
    let mut search_times = Vec::with_capacity(runnable.len() * args.repeat);
    let mut fetch_times = Vec::new();
    let mut hits = 0;
    let started = Instant::now();
    for pass in 0..args.repeat {
        let results: Vec<Result<(Duration, u64, Option<Duration>)>> = pool.install(|| {
            use rayon::prelude::*;
            runnable
                .par_iter()
                .map(|q| {
                    let t = Instant::now();
                    let (n, addresses) = run_one(q)?;
                    let search = t.elapsed();
                    let fetch = if args.mode == Mode::Top10 && !addresses.is_empty() {
                        let t = Instant::now();
                        let highlighter =
                            Highlighter::new(&searcher, &*q.base, engine.fields(), 200)?;
                        for address in addresses {
                            let doc: tantivy::TantivyDocument =
                                searcher.doc(address).map_err(err)?;
                            let record = engine.fields().record_of(&doc);
                            std::hint::black_box(highlighter.body_snippet(&record.body));
                            std::hint::black_box(highlighter.title(&record.title));
                        }
                        Some(t.elapsed())
                    } else {
                        None
                    };
                    Ok((search, n, fetch))
                })
                .collect()
        });
        for result in results {
            let (search, n, fetch) = result?;
            search_times.push(search);
            fetch_times.extend(fetch);
            if pass == 0 {
                hits += n;
            }
        }
    }
    let wall = started.elapsed();
    let report = Report {
        mode: args.mode,
        articles: searcher.num_docs(),
        queries: search_times.len(),
        empty,
        hits,
        search: Latency::of(&mut search_times),
        fetch_snippets: (args.mode == Mode::Top10).then(|| Latency::of(&mut fetch_times)),
        qps: search_times.len() as f64 / wall.as_secs_f64().max(1e-9),
    };
    let mut out = io::stdout().lock();
    let io_err = |e| Error::io("<stdout>", e);
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&report).expect("serializes")).map_err(io_err)?;
        return Ok(Outcome::Success);
    }
    writeln!(
        out,
        "mode {:?}, {} articles, {} query runs ({} lines gave no query), {} hits per pass",
        report.mode, report.articles, report.queries, report.empty, report.hits
    )
    .map_err(io_err)?;
    let row = |name: &str, l: &Latency| {
        format!(
            "{name:<15} mean {:>8.0} µs  p50 {:>8.0}  p95 {:>8.0}  p99 {:>8.0}  max {:>8.0}",
            l.mean_us, l.p50_us, l.p95_us, l.p99_us, l.max_us
        )
    };
    writeln!(out, "{}", row("search", &report.search)).map_err(io_err)?;
    if let Some(f) = &report.fetch_snippets {
        writeln!(out, "{}", row("fetch+snippets", f)).map_err(io_err)?;
    }
    writeln!(
        out,
        "throughput      {:.0} queries/s ({} threads; search and fetch included)",
        report.qps, args.threads
    )
    .map_err(io_err)?;
    Ok(Outcome::Success)
}
