//! `fahras timeline`: matching articles per period, for one query or
//! several on one axis.

use std::io::{self, Write};

use clap::Args;

use super::query_args::QueryArgs;
use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::searcher::{Engine, SearchRequest};
use fahras::timeline::{span_of, Counts, Period};

/// Count the matching articles per day, week, month or year.
///
/// Several queries make several series on one axis: `fahras timeline
/// --index news.idx 'قطر' 'السعودية'`. Periods with no article count 0;
/// articles without a date are counted apart. Exit status: 0 found, 1
/// nothing found, 2 error.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The queries, one series each.
    #[arg(value_name = "QUERY", required = true)]
    pub queries: Vec<String>,
    /// The period.
    #[arg(long, value_enum, default_value_t = PeriodArg::Month)]
    pub by: PeriodArg,
    /// Each count as a share of all the articles of its period (in ‰), so
    /// that a busy month does not pass for interest.
    #[arg(long)]
    pub share: bool,
    #[command(flatten)]
    pub query_args: QueryArgs,
    /// Print one JSON object: the periods and each series' counts.
    #[arg(long)]
    pub json: bool,
}

/// Most periods one timeline shows (a century of weeks is 5,218).
const MAX_PERIODS: i64 = 20_000;

/// `--by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PeriodArg {
    /// Calendar days.
    Day,
    /// Weeks from Monday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// Runs `fahras timeline`.
pub fn run(args: TimelineArgs) -> Result<Outcome> {
    let period = match args.by {
        PeriodArg::Day => Period::Day,
        PeriodArg::Week => Period::Week,
        PeriodArg::Month => Period::Month,
        PeriodArg::Year => Period::Year,
    };
    let engine = Engine::open(&args.dir.index)?;
    let options = args.query_args.options()?;
    let request =
        |query: &str| SearchRequest { options: options.clone(), ..SearchRequest::new(query) };
    let mut series = Vec::with_capacity(args.queries.len());
    for query in &args.queries {
        series.push(engine.timeline(&request(query), period)?);
    }
    let mut keys = span_of(&series.iter().collect::<Vec<_>>());
    // A span asked for (`--from`, `--to`) is shown whole, empty periods too.
    let day = |secs: i64| time::OffsetDateTime::from_unix_timestamp(secs).ok().map(|t| t.date());
    let from = options.dates.from.and_then(day).map(|d| period.key(d));
    let to = options.dates.until.and_then(|s| day(s - 1)).map(|d| period.key(d));
    if let (Some(first), Some(last)) = (from.or(keys.first().copied()), to.or(keys.last().copied()))
    {
        if last - first >= MAX_PERIODS {
            return Err(Error::Invalid(format!(
                "{} periods from {} to {}: too many to show; take a longer --by or a shorter span",
                last - first + 1,
                period.label(first),
                period.label(last)
            )));
        }
        keys = (first..=last).collect();
    }
    // Every article of each period (the same dates and filters), for shares.
    let all = if args.share { Some(engine.timeline(&request("*"), period)?) } else { None };
    let value = |counts: &Counts, key: i64| -> f64 {
        let n = counts.by_period.get(&key).copied().unwrap_or(0) as f64;
        match &all {
            Some(all) => {
                let of = all.by_period.get(&key).copied().unwrap_or(0) as f64;
                if of > 0.0 {
                    1000.0 * n / of
                } else {
                    0.0
                }
            }
            None => n,
        }
    };
    let mut out = io::stdout().lock();
    let io_err = |e| Error::io("<stdout>", e);
    if args.json {
        let json = serde_json::json!({
            "by": period,
            "share": args.share,
            "periods": keys.iter().map(|&k| period.label(k)).collect::<Vec<_>>(),
            "series": args.queries.iter().zip(&series).map(|(query, counts)| serde_json::json!({
                "query": query,
                "counts": keys.iter().map(|&k| {
                    let v = value(counts, k);
                    if args.share { serde_json::json!(v) } else { serde_json::json!(v as u64) }
                }).collect::<Vec<_>>(),
                "dated": counts.dated(),
                "undated": counts.undated,
            })).collect::<Vec<_>>(),
        });
        writeln!(out, "{json}").map_err(io_err)?;
    } else {
        let peak = keys
            .iter()
            .flat_map(|&k| series.iter().map(move |c| (c, k)))
            .map(|(c, k)| value(c, k))
            .fold(0.0, f64::max);
        let widest = args.queries.iter().map(|q| q.chars().count()).max().unwrap_or(0);
        for &key in &keys {
            for (n, (query, counts)) in args.queries.iter().zip(&series).enumerate() {
                let label = if n == 0 { period.label(key) } else { String::new() };
                let v = value(counts, key);
                let bar = if peak > 0.0 { (40.0 * v / peak).round() as usize } else { 0 };
                let shown = if args.share { format!("{v:.2}‰") } else { format!("{v:.0}") };
                let name =
                    if series.len() > 1 { format!("{query:<widest$}  ") } else { String::new() };
                writeln!(out, "{label:<10}  {name}{:<40}  {shown}", "█".repeat(bar))
                    .map_err(io_err)?;
            }
        }
        for (query, counts) in args.queries.iter().zip(&series) {
            let undated = if counts.undated > 0 {
                format!(", {} without a date (not shown)", counts.undated)
            } else {
                String::new()
            };
            writeln!(out, "{query}: {} dated articles{undated}", counts.dated()).map_err(io_err)?;
        }
    }
    let found = series.iter().any(|c| c.dated() + c.undated > 0);
    Ok(if found { Outcome::Success } else { Outcome::Partial })
}
