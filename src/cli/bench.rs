//! `fahras bench`: replay a query log against an index, in one process.

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args;
use serde::Serialize;

use super::query_args::QueryArgs;
use super::{IndexDir, Outcome};
use fahras::collocates::CollocateOptions;
use fahras::error::{Error, Result};
use fahras::facets::Facet;
use fahras::kwic::KwicOptions;
use fahras::searcher::Match;
use fahras::searcher::{Engine, QueryOptions, SearchRequest};
use fahras::timeline::Period;

/// Replay a query log (one query per line) and report latency per query.
///
/// Each line runs as `fahras search` runs it, with the same query language
/// and ranking flags and defaults. The index is opened once; a warm-up pass
/// runs first, then the timed passes. Modes: top10 (the best 10), count
/// (only the number of matches), phrase (the line as one phrase), and
/// (every word required, as `--all`). For top10, fetching the 10 stored
/// articles and building their snippets is timed apart from the search
/// (reading the query, building it, ranking). The research modes time
/// one library call of `timeline`, `facets`, `kwic -n 1000` or
/// `collocates` per line, with the commands' defaults.
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
    /// Each distinct word of the log is a query of its own (for the
    /// research commands' one-word targets).
    #[arg(long)]
    pub words: bool,
    /// Keep only the queries matching this many articles, LO..HI (counted
    /// before timing), e.g. 1500..2500.
    #[arg(long, value_name = "LO..HI", value_parser = parse_range)]
    pub matching: Option<(usize, usize)>,
    /// Untimed passes over the log first.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub warmup: usize,
    /// Timed passes over the log.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub repeat: usize,
    /// Queries run in parallel by this many threads.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub threads: usize,
    /// Rank every article, copies of a story included (as `search
    /// --no-collapse`), to compare with the default of each story once.
    #[arg(long)]
    pub no_collapse: bool,
    /// The ranking, as in `search` (bench runs what `search` runs).
    #[command(flatten)]
    pub query_args: QueryArgs,
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
    /// The line's matches per month (`fahras timeline`).
    Timeline,
    /// The line's matches by source, category and year (`fahras facets`).
    Facets,
    /// The first 1,000 concordance lines (`fahras kwic -n 1000`).
    Kwic,
    /// The line's collocates over every matching article (`fahras
    /// collocates`, its defaults).
    Collocates,
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
    /// Lines that found nothing.
    pub empty: usize,
    /// Sum of the hits returned in one pass (count, timeline, facets: of
    /// the matches; kwic: of the lines; collocates: of the collocates).
    pub hits: u64,
    /// Search latency.
    pub search: Latency,
    /// Fetch + snippet latency for the returned hits (top10 only).
    pub fetch_snippets: Option<Latency>,
    /// Query runs per second, over all threads.
    pub qps: f64,
}

/// The search request of one query-log line, as `search` would run it.
fn request(args: &BenchArgs, options: &QueryOptions, line: &str) -> SearchRequest {
    let query = match args.mode {
        // The whole line as one phrase: its own quotes are dropped.
        Mode::Phrase => {
            let words: String = line
                .chars()
                .map(|c| if matches!(c, '"' | '«' | '»' | '“' | '”' | '„') { ' ' } else { c })
                .collect();
            format!("\"{}\"", words.trim())
        }
        _ => line.to_string(),
    };
    let mut options = options.clone();
    if args.mode == Mode::And {
        options.matching = Some(Match::All);
    }
    // The research modes count as their commands do: every word required
    // unless --any.
    options.counting =
        matches!(args.mode, Mode::Timeline | Mode::Facets | Mode::Kwic | Mode::Collocates);
    SearchRequest {
        options,
        limit: if matches!(args.mode, Mode::Top10 | Mode::Phrase | Mode::And) { 10 } else { 0 },
        collapse: !args.no_collapse,
        ..SearchRequest::new(query)
    }
}

/// `LO..HI`.
fn parse_range(text: &str) -> std::result::Result<(usize, usize), String> {
    let (lo, hi) = text.split_once("..").ok_or("write LO..HI, e.g. 1500..2500")?;
    let lo: usize = lo.trim().parse().map_err(|e| format!("{lo}: {e}"))?;
    let hi: usize = hi.trim().parse().map_err(|e| format!("{hi}: {e}"))?;
    if lo > hi {
        return Err(format!("{lo} is more than {hi}"));
    }
    Ok((lo, hi))
}

/// Runs `fahras bench`.
pub fn run(args: BenchArgs) -> Result<Outcome> {
    let engine = Engine::open(&args.dir.index)?;
    let text = std::fs::read_to_string(&args.queries).map_err(|e| Error::io(&args.queries, e))?;
    let mut lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if args.words {
        let mut seen = std::collections::HashSet::new();
        lines =
            lines.iter().flat_map(|l| l.split_whitespace()).filter(|w| seen.insert(*w)).collect();
    }
    let options = args.query_args.options()?;
    if let Some((lo, hi)) = args.matching {
        let mut kept = Vec::new();
        for line in lines {
            let counted =
                SearchRequest { options: options.clone(), limit: 0, ..SearchRequest::new(line) };
            let n = engine.search(&counted)?.total;
            if (lo..=hi).contains(&n) {
                kept.push(line);
            }
        }
        lines = kept;
    }
    if let Some(n) = args.limit {
        lines.truncate(n);
    }
    let requests: Vec<SearchRequest> = lines.iter().map(|l| request(&args, &options, l)).collect();
    let searcher = engine.searcher();
    // One query as `Engine::search` runs it, in its two timed parts:
    // reading, building and ranking; then fetching and snippets.
    let run_one = |request: &SearchRequest| -> Result<(Duration, u64, Option<Duration>)> {
        let t = Instant::now();
        // The research commands: one library call each, as the command
        // makes it; `hits` counts what it found.
        let found = match args.mode {
            Mode::Timeline => {
                let counts = engine.timeline(request, Period::Month)?;
                Some(counts.dated() + counts.undated)
            }
            Mode::Facets => Some(engine.facets(request, &Facet::ALL)?.0 as u64),
            Mode::Kwic => {
                let options = KwicOptions { lines: Some(1000), ..KwicOptions::default() };
                Some(engine.kwic(request, &options)?.lines.len() as u64)
            }
            Mode::Collocates => {
                let found = engine.collocates(request, &CollocateOptions::default())?;
                Some(found.collocates.len() as u64)
            }
            Mode::Top10 | Mode::Count | Mode::Phrase | Mode::And => None,
        };
        if let Some(n) = found {
            return Ok((t.elapsed(), n, None));
        }
        let plan = engine.plan(&searcher, request)?;
        let page = engine.rank(&searcher, &plan, request)?;
        let search = t.elapsed();
        if request.limit == 0 {
            return Ok((search, page.total as u64, None));
        }
        let t = Instant::now();
        let hits = engine.hits(&searcher, &plan, &page, request)?;
        let fetch = (!hits.is_empty()).then(|| t.elapsed());
        std::hint::black_box(&hits);
        Ok((search, hits.len() as u64, fetch))
    };
    for _ in 0..args.warmup {
        for request in &requests {
            run_one(request)?;
        }
    }
    let mut empty = 0;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.max(1))
        .build()
        .map_err(|e| Error::Invalid(format!("cannot start {} threads: {e}", args.threads)))?;
    let mut search_times = Vec::with_capacity(requests.len() * args.repeat);
    let mut fetch_times = Vec::new();
    let mut hits = 0;
    let started = Instant::now();
    for pass in 0..args.repeat {
        let results: Vec<Result<(Duration, u64, Option<Duration>)>> = pool.install(|| {
            use rayon::prelude::*;
            requests.par_iter().map(run_one).collect()
        });
        for result in results {
            let (search, n, fetch) = result?;
            search_times.push(search);
            fetch_times.extend(fetch);
            if pass == 0 {
                hits += n;
                empty += usize::from(n == 0);
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
        "mode {}, {} articles, {} query runs ({} lines found nothing), {} hits per pass",
        serde_json::to_value(report.mode).expect("serializes").as_str().unwrap_or_default(),
        report.articles,
        report.queries,
        report.empty,
        report.hits
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
        "throughput      {:.0} queries/s ({} thread(s); search and fetch included)",
        report.qps, args.threads
    )
    .map_err(io_err)?;
    Ok(Outcome::Success)
}
