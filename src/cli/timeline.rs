//! `fahras timeline`: matching articles per period, for one query or
//! several on one axis.

use std::io::{self, IsTerminal, Write};

use clap::Args;

use super::plot;
use super::printer::bidi::{self, BidiChoice};
use super::query_args::QueryArgs;
use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::facets::Facet;
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
    /// One series per source or category (and one for the articles
    /// without one), for each query.
    #[arg(long, value_enum, value_name = "FIELD")]
    pub split: Option<SplitArg>,
    #[command(flatten)]
    pub query_args: QueryArgs,
    /// Print one JSON object: the periods and each series' counts.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV: a period per row, a series per column.
    #[arg(long)]
    pub csv: bool,
    /// How right-to-left text is laid out: auto, logical or visual (as in
    /// `search`).
    #[arg(long, value_enum, value_name = "HOW", default_value_t = BidiChoice::Auto, env = "FAHRAS_BIDI")]
    pub bidi: BidiChoice,
    /// Also draw the chart as an SVG file (lines, axes labelled, Arabic
    /// shaped by whatever shows it: a browser, an SVG viewer).
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<std::path::PathBuf>,
}

/// `--split`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SplitArg {
    /// The outlet.
    Source,
    /// The section.
    Category,
}

/// One series: a query's counts, or one value's share of them.
struct Line {
    query: String,
    value: Option<String>,
    counts: Counts,
}

impl Line {
    /// Its name: the query, the value, or both.
    fn name(&self, by_query: bool) -> String {
        match (&self.value, by_query) {
            (None, _) => self.query.clone(),
            (Some(value), false) => value.clone(),
            (Some(value), true) => format!("{} · {value}", self.query),
        }
    }
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
    for query in &args.queries {
        super::query_args::warn_if_empty(query);
    }
    let layout = bidi::resolve(args.bidi, io::stdout().is_terminal(), |k| std::env::var(k).ok());
    let split = args.split.map(|s| match s {
        SplitArg::Source => Facet::Source,
        SplitArg::Category => Facet::Category,
    });
    // Each query's series, or with --split one per value of the field, the
    // busiest first (and the articles without a value last).
    let mut series: Vec<Line> = Vec::new();
    for query in &args.queries {
        match split {
            None => series.push(Line {
                query: query.clone(),
                value: None,
                counts: engine.timeline(&request(query), period)?,
            }),
            Some(facet) => {
                let mut values: Vec<(Option<String>, Counts)> =
                    engine.timeline_split(&request(query), period, facet)?.into_iter().collect();
                values.sort_by(|a, b| {
                    (a.0.is_none(), b.1.dated() + b.1.undated)
                        .cmp(&(b.0.is_none(), a.1.dated() + a.1.undated))
                        .then_with(|| a.0.cmp(&b.0))
                });
                for (value, counts) in values {
                    let value = Some(value.unwrap_or_else(|| "(none)".to_string()));
                    series.push(Line { query: query.clone(), value, counts });
                }
            }
        }
    }
    let mut keys = span_of(&series.iter().map(|l| &l.counts).collect::<Vec<_>>());
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
    // Every article of each period (the same dates and filters; with
    // --split, of the same source or category), for shares.
    let all: Option<Vec<Counts>> = if !args.share {
        None
    } else if let Some(facet) = split {
        let every = engine.timeline_split(&request("*"), period, facet)?;
        let of = |line: &Line| {
            let value = line.value.as_deref().filter(|v| *v != "(none)").map(str::to_string);
            every.get(&value).cloned().unwrap_or_default()
        };
        Some(series.iter().map(of).collect())
    } else {
        let every = engine.timeline(&request("*"), period)?;
        Some(vec![every; series.len()])
    };
    let rows: Vec<Vec<f64>> = series
        .iter()
        .enumerate()
        .map(|(i, line)| {
            keys.iter()
                .map(|&key| {
                    let n = line.counts.by_period.get(&key).copied().unwrap_or(0) as f64;
                    match &all {
                        Some(all) => {
                            let of = all[i].by_period.get(&key).copied().unwrap_or(0) as f64;
                            if of > 0.0 {
                                1000.0 * n / of
                            } else {
                                0.0
                            }
                        }
                        None => n,
                    }
                })
                .collect()
        })
        .collect();
    let labels: Vec<String> = keys.iter().map(|&k| period.label(k)).collect();
    // Series names need their query when there are several.
    let by_query = args.queries.len() > 1;
    if let Some(path) = &args.plot {
        let what = if args.share { "articles per 1,000 of the period" } else { "articles" };
        let by = match period {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        };
        let lines: Vec<plot::Series> = series
            .iter()
            .zip(&rows)
            .map(|(line, values)| plot::Series {
                name: line.name(by_query),
                values: values.clone(),
            })
            .collect();
        let svg = plot::line_chart(&format!("Matching {what} per {by}"), what, &labels, &lines);
        std::fs::write(path, svg).map_err(|e| Error::io(path, e))?;
        say!("wrote {} ({} series, {} periods)", path.display(), lines.len(), labels.len());
    }
    let mut out = io::stdout().lock();
    let io_err = |e| Error::io("<stdout>", e);
    let cell = |v: f64| if args.share { serde_json::json!(v) } else { serde_json::json!(v as u64) };
    if args.json {
        let json = serde_json::json!({
            "by": period,
            "share": args.share,
            "split": split,
            "periods": labels,
            "series": series.iter().zip(&rows).map(|(line, values)| {
                let mut s = serde_json::json!({
                    "query": line.query,
                    "counts": values.iter().map(|&v| cell(v)).collect::<Vec<_>>(),
                    "dated": line.counts.dated(),
                    "undated": line.counts.undated,
                });
                if let Some(value) = &line.value {
                    s["value"] = serde_json::json!(value);
                }
                s
            }).collect::<Vec<_>>(),
        });
        writeln!(out, "{json}").map_err(io_err)?;
    } else if args.csv {
        let mut writer = csv::Writer::from_writer(&mut out);
        let mut write = || -> csv::Result<()> {
            let mut header = vec!["period".to_string()];
            header.extend(series.iter().map(|l| l.name(by_query)));
            writer.write_record(&header)?;
            for (k, label) in labels.iter().enumerate() {
                let mut row = vec![label.clone()];
                row.extend(rows.iter().map(|values| cell(values[k]).to_string()));
                writer.write_record(&row)?;
            }
            writer.flush()?;
            Ok(())
        };
        write().map_err(|e| Error::io("<stdout>", e.into()))?;
    } else {
        let peak = rows.iter().flatten().copied().fold(0.0, f64::max);
        let names: Vec<String> =
            series.iter().map(|l| bidi::for_display(&l.name(by_query), layout)).collect();
        let widest = names.iter().map(|q| q.chars().count()).max().unwrap_or(0);
        for (k, label) in labels.iter().enumerate() {
            for (n, (name, values)) in names.iter().zip(&rows).enumerate() {
                let label = if n == 0 { label.as_str() } else { "" };
                let v = values[k];
                let bar = if peak > 0.0 { (40.0 * v / peak).round() as usize } else { 0 };
                let shown = if args.share { format!("{v:.2}‰") } else { format!("{v:.0}") };
                let name = if series.len() > 1 {
                    let pad = widest - name.chars().count();
                    format!("{name}{}  ", " ".repeat(pad))
                } else {
                    String::new()
                };
                writeln!(out, "{label:<10}  {name}{:<40}  {shown}", "█".repeat(bar))
                    .map_err(io_err)?;
            }
        }
        for (name, line) in names.iter().zip(&series) {
            let counts = &line.counts;
            let undated = if counts.undated > 0 {
                format!(", {} without a date (not shown)", counts.undated)
            } else {
                String::new()
            };
            writeln!(out, "{name}: {} dated articles{undated}", counts.dated()).map_err(io_err)?;
        }
    }
    let found = series.iter().any(|l| l.counts.dated() + l.counts.undated > 0);
    Ok(if found { Outcome::Success } else { Outcome::Partial })
}
