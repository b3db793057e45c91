//! `fahras bench`: replay a query log against an index, in one process.

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args;
use serde::Serialize;

use super::query_args::QueryArgs;
use super::search::RequestArgs;
use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::research::collocates::CollocateOptions;
use fahras::research::facets::Facet;
use fahras::research::keywords::KeywordOptions;
use fahras::research::kwic::KwicOptions;
use fahras::research::timeline::Period;
use fahras::research::words::WordOptions;
use fahras::searcher::{Engine, QueryOptions, SearchRequest, Steps, DEFAULT_SNIPPET_CHARS};

/// Replay a query log (one query per line) and report latency per query.
///
/// Each line runs as `fahras search --json` runs it: the same request,
/// built from the same query language and ranking flags and defaults, and
/// the same library call. The index is opened once; a warm-up pass runs
/// first, then the timed passes. Modes: top10 (the best 10), count (as
/// `search --count`), phrase (the line as one phrase), and (every word
/// required, as `--all`). Their times are the ones `search` reports in its
/// `elapsed_ms` and `steps_ms`: the whole search and each of its steps
/// (plan, rank, count_all, hits, suggest, facets). The research modes time
/// one library call of `timeline`, `facets`, `kwic -n 1000` or
/// `collocates` per line, with the commands' defaults.
#[derive(Debug, Args)]
pub(crate) struct BenchArgs {
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
    /// Count every match exactly (as `search --exact-total`), to compare
    /// with the default of counting up to 10,000.
    #[arg(long)]
    pub exact_total: bool,
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
pub(crate) enum Mode {
    /// OR of the words, top 10 by BM25.
    Top10,
    /// Count the articles holding all the words, as `search --count`
    /// (any of them with --any).
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
    /// The line's keywords against the rest of the archive (`fahras
    /// keywords`, its defaults): a line `source:alarabiya` is one outlet
    /// against the others.
    Keywords,
    /// The line's word list (`fahras words`, its defaults).
    Words,
    /// The line's 2-grams (`fahras words --ngrams 2`).
    Bigrams,
}

/// Latency statistics, in microseconds.
#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct Latency {
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
pub(crate) struct Report {
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
    /// Latency of each query run: for the modes that are searches, the
    /// whole of `Engine::search`, every step (the `elapsed_ms` of `search
    /// --json`; before bench called `search`, it left out fetching the
    /// hits and suggesting); for the research modes, the one library call.
    pub search: Latency,
    /// For the modes that are searches: the latency of each step of the
    /// search, by the names of `search --json`'s `steps_ms` and in their
    /// order (a step a query had no need of counts as 0).
    pub steps: Option<StepLatencies>,
    /// For the modes that are searches: the latency of each run without
    /// its `hits` step, that is up to the ranked page with its total and
    /// before the articles are read (what a peer's top-k search without
    /// fetching documents does).
    pub search_without_hits: Option<Latency>,
    /// For the modes that list hits (top10, phrase, and): the latency of
    /// the `hits` step (fetching the stored articles and building their
    /// snippets) over the runs that returned hits.
    pub fetch_snippets: Option<Latency>,
    /// Query runs per second, over all threads.
    pub qps: f64,
}

/// Latency per step of a search, by the step's name, in the order the
/// steps run: `{"plan": {"mean_us": …}, …}`.
#[derive(Debug, Clone)]
pub(crate) struct StepLatencies(pub Vec<(&'static str, Latency)>);

impl Serialize for StepLatencies {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(name, latency)| (name, latency)))
    }
}

impl StepLatencies {
    fn of(runs: &[Steps]) -> StepLatencies {
        let names = Steps::default().named().map(|(name, _)| name);
        let latencies = names
            .iter()
            .enumerate()
            .map(|(n, &name)| {
                let mut samples: Vec<Duration> = runs.iter().map(|s| s.named()[n].1).collect();
                (name, Latency::of(&mut samples))
            })
            .collect();
        StepLatencies(latencies)
    }
}

/// How each query-log line runs: as `fahras search` with the flags of the
/// mode (the modes that are searches), or as a research command.
enum Requests {
    /// `search`'s own request flags, for `RequestArgs::to_request`.
    Search(RequestArgs),
    /// The options of a research command.
    Research(QueryOptions),
}

impl Requests {
    fn of(args: &BenchArgs) -> Result<Requests> {
        if matches!(
            args.mode,
            Mode::Timeline
                | Mode::Facets
                | Mode::Kwic
                | Mode::Collocates
                | Mode::Keywords
                | Mode::Words
                | Mode::Bigrams
        ) {
            // The research modes count as their commands do: every word
            // required unless --any.
            return Ok(Requests::Research(args.query_args.counting_options()?));
        }
        let mut query_args = args.query_args.clone();
        if args.mode == Mode::And {
            (query_args.all, query_args.any) = (true, false);
        }
        // `fahras search --json [--count]` with bench's ranking flags.
        Ok(Requests::Search(RequestArgs {
            limit: 10,
            offset: 0,
            sort: fahras::searcher::Sort::Relevance,
            count: args.mode == Mode::Count,
            query_args,
            snippet_chars: None,
            facet: None,
            no_collapse: args.no_collapse,
            stories: false,
            exact_total: args.exact_total,
        }))
    }

    /// The request of one query-log line.
    fn request(&self, mode: Mode, no_collapse: bool, line: &str) -> Result<SearchRequest> {
        let query = match mode {
            Mode::Phrase => as_phrase(line),
            _ => line.to_string(),
        };
        match self {
            // Piped `--json` output has no width: the default snippet.
            Requests::Search(flags) => flags.to_request(&query, DEFAULT_SNIPPET_CHARS),
            Requests::Research(options) => Ok(SearchRequest {
                options: options.clone(),
                limit: 0,
                collapse: !no_collapse,
                ..SearchRequest::new(query)
            }),
        }
    }
}

/// The whole line as one phrase: its own quotes are dropped.
fn as_phrase(line: &str) -> String {
    let words: String = line
        .chars()
        .map(|c| if matches!(c, '"' | '«' | '»' | '“' | '”' | '„') { ' ' } else { c })
        .collect();
    format!("\"{}\"", words.trim())
}

/// One timed query run.
struct Run {
    /// The whole run.
    took: Duration,
    /// What it found (see [`Report::hits`]).
    found: u64,
    /// For a search: its steps, and whether it returned hits.
    steps: Option<(Steps, bool)>,
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
pub(crate) fn run(args: BenchArgs) -> Result<Outcome> {
    let engine = Engine::open(&args.dir.index)?;
    let text = std::fs::read_to_string(&args.queries).map_err(|e| Error::io(&args.queries, e))?;
    let mut lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if args.words {
        let mut seen = std::collections::HashSet::new();
        lines =
            lines.iter().flat_map(|l| l.split_whitespace()).filter(|w| seen.insert(*w)).collect();
    }
    let build = Requests::of(&args)?;
    if let Some((lo, hi)) = args.matching {
        // Counted as the mode matches: every word required for the
        // research modes, any for a ranked search.
        let mut kept = Vec::new();
        for line in lines {
            let counted =
                SearchRequest { limit: 0, ..build.request(args.mode, args.no_collapse, line)? };
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
    let requests: Vec<SearchRequest> = lines
        .iter()
        .map(|l| build.request(args.mode, args.no_collapse, l))
        .collect::<Result<_>>()?;
    // One query-log line: the research commands' library call, timed here,
    // or `Engine::search`, which times itself and its steps.
    let run_one = |request: &SearchRequest| -> Result<Run> {
        let t = Instant::now();
        // `found` counts what the command found.
        let found = match args.mode {
            Mode::Timeline => {
                let counts = fahras::research::timeline(&engine, request, Period::Month)?;
                counts.dated() + counts.undated
            }
            Mode::Facets => fahras::research::facets(&engine, request, &Facet::ALL)?.0 as u64,
            Mode::Kwic => {
                let options = KwicOptions { lines: Some(1000), ..KwicOptions::default() };
                fahras::research::kwic(&engine, request, &options)?.lines.len() as u64
            }
            Mode::Collocates => {
                let found =
                    fahras::research::collocates(&engine, request, &CollocateOptions::default())?;
                found.collocates.len() as u64
            }
            Mode::Keywords => {
                let options = KeywordOptions::default();
                fahras::research::keywords(&engine, request, None, &options)?.keywords.len() as u64
            }
            Mode::Words | Mode::Bigrams => {
                let ngram = if args.mode == Mode::Bigrams { 2 } else { 1 };
                let options = WordOptions { ngram, ..WordOptions::default() };
                fahras::research::words(&engine, request, &options)?.rows.len() as u64
            }
            Mode::Top10 | Mode::Count | Mode::Phrase | Mode::And => {
                let results = engine.search(request)?;
                let found = match request.limit {
                    0 => results.total,
                    _ => results.hits.len(),
                };
                let steps = Some((results.steps, !results.hits.is_empty()));
                let took = results.elapsed;
                std::hint::black_box(&results);
                return Ok(Run { took, found: found as u64, steps });
            }
        };
        Ok(Run { took: t.elapsed(), found, steps: None })
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
    let mut times = Vec::with_capacity(requests.len() * args.repeat);
    let mut steps = Vec::new();
    let mut fetch_times = Vec::new();
    let mut without_hits = Vec::new();
    let mut hits = 0;
    let started = Instant::now();
    for pass in 0..args.repeat {
        let results: Vec<Result<Run>> = pool.install(|| {
            use rayon::prelude::*;
            requests.par_iter().map(run_one).collect()
        });
        for result in results {
            let run = result?;
            times.push(run.took);
            if let Some((run_steps, returned)) = run.steps {
                steps.push(run_steps);
                without_hits.push(run.took.saturating_sub(run_steps.hits));
                if returned {
                    fetch_times.push(run_steps.hits);
                }
            }
            if pass == 0 {
                hits += run.found;
                empty += usize::from(run.found == 0);
            }
        }
    }
    let wall = started.elapsed();
    let report = Report {
        mode: args.mode,
        articles: engine.articles(),
        queries: times.len(),
        empty,
        hits,
        search: Latency::of(&mut times),
        steps: matches!(build, Requests::Search(_)).then(|| StepLatencies::of(&steps)),
        search_without_hits: matches!(build, Requests::Search(_))
            .then(|| Latency::of(&mut without_hits)),
        fetch_snippets: matches!(args.mode, Mode::Top10 | Mode::Phrase | Mode::And)
            .then(|| Latency::of(&mut fetch_times)),
        qps: times.len() as f64 / wall.as_secs_f64().max(1e-9),
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
    if let Some(latency) = &report.search_without_hits {
        writeln!(out, "{}", row("  but hits", latency)).map_err(io_err)?;
    }
    // The steps of the search, as `search --json` names them.
    for (name, latency) in report.steps.iter().flat_map(|steps| &steps.0) {
        writeln!(out, "{}", row(&format!("  {name}"), latency)).map_err(io_err)?;
    }
    writeln!(
        out,
        "throughput      {:.0} queries/s ({} thread(s); every step of each run included)",
        report.qps, args.threads
    )
    .map_err(io_err)?;
    Ok(Outcome::Success)
}
