//! `fahras timeline`: matching articles per period, for one query or
//! several on one axis.

use std::io::{self, IsTerminal, Write};

use clap::Args;

use super::plot;
use super::printer::bidi::{self, BidiChoice};
use super::query_args::QueryArgs;
use super::{IndexDir, Outcome};
use fahras::chart::ChartRequest;
use fahras::error::{Error, Result};
use fahras::facets::Facet;
use fahras::searcher::Engine;
use fahras::timeline::Period;

/// Count the matching articles per day, week, month or year.
///
/// Several queries make several series on one axis: `fahras timeline
/// --index news.idx 'قطر' 'السعودية'`. A query counts the articles holding
/// all its words (`--any`: any of them). Periods with no article count 0;
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
    /// Count stories instead of articles: each group of copies once, as
    /// its first article (earliest date, then first indexed).
    #[arg(long)]
    pub stories: bool,
    #[command(flatten)]
    pub query_args: QueryArgs,
    /// Print one JSON object: the periods, each series' counts, and
    /// `"match"`: `"all"` (articles holding all the words) or `"any"`.
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
    for query in &args.queries {
        super::query_args::warn_if_empty(query);
    }
    let layout = bidi::resolve(args.bidi, io::stdout().is_terminal(), |k| std::env::var(k).ok());
    let split = args.split.map(|s| match s {
        SplitArg::Source => Facet::Source,
        SplitArg::Category => Facet::Category,
    });
    let chart = engine.chart(&ChartRequest {
        // Trimmed: an excluded word comes with a space before it (see
        // `excluded_words_as_values`), and a series is named after its query.
        queries: args.queries.iter().map(|q| q.trim().to_string()).collect(),
        options: args.query_args.counting_options()?,
        period,
        share: args.share,
        split,
        stories: args.stories,
    })?;
    let labels = &chart.periods;
    // Series names need their query when there are several.
    let by_query = args.queries.len() > 1;
    if let Some(path) = &args.plot {
        let what = match (args.share, args.stories) {
            (true, true) => "stories per 1,000 of the period",
            (true, false) => "articles per 1,000 of the period",
            (false, true) => "stories",
            (false, false) => "articles",
        };
        let by = match period {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Year => "year",
        };
        let lines: Vec<plot::Series> = chart
            .series
            .iter()
            .map(|s| plot::Series { name: s.name(by_query), values: s.counts.clone() })
            .collect();
        let svg = plot::line_chart(&format!("Matching {what} per {by}"), what, labels, &lines);
        std::fs::write(path, svg).map_err(|e| Error::io(path, e))?;
        say!("wrote {} ({} series, {} periods)", path.display(), lines.len(), labels.len());
    }
    let mut out = io::stdout().lock();
    let io_err = |e| Error::io("<stdout>", e);
    if args.json {
        writeln!(out, "{}", chart.to_json()).map_err(io_err)?;
    } else if args.csv {
        let cell = |v: f64| {
            if args.share {
                serde_json::json!(v).to_string()
            } else {
                (v as u64).to_string()
            }
        };
        let mut writer = csv::Writer::from_writer(&mut out);
        let mut write = || -> csv::Result<()> {
            let mut header = vec!["period".to_string()];
            header.extend(chart.series.iter().map(|s| s.name(by_query)));
            writer.write_record(&header)?;
            for (k, label) in labels.iter().enumerate() {
                let mut row = vec![label.clone()];
                row.extend(chart.series.iter().map(|s| cell(s.counts[k])));
                writer.write_record(&row)?;
            }
            writer.flush()?;
            Ok(())
        };
        write().map_err(|e| Error::io("<stdout>", e.into()))?;
    } else {
        let peak = chart.series.iter().flat_map(|s| &s.counts).copied().fold(0.0, f64::max);
        let names: Vec<String> =
            chart.series.iter().map(|s| bidi::for_display(&s.name(by_query), layout)).collect();
        let widest = names.iter().map(|q| q.chars().count()).max().unwrap_or(0);
        for (k, label) in labels.iter().enumerate() {
            for (n, (name, series)) in names.iter().zip(&chart.series).enumerate() {
                let label = if n == 0 { label.as_str() } else { "" };
                let v = series.counts[k];
                let bar = if peak > 0.0 { (40.0 * v / peak).round() as usize } else { 0 };
                let shown = if args.share { format!("{v:.2}‰") } else { format!("{v:.0}") };
                let name = if chart.series.len() > 1 {
                    let pad = widest - name.chars().count();
                    format!("{name}{}  ", " ".repeat(pad))
                } else {
                    String::new()
                };
                writeln!(out, "{label:<10}  {name}{:<40}  {shown}", "█".repeat(bar))
                    .map_err(io_err)?;
            }
        }
        for (name, series) in names.iter().zip(&chart.series) {
            let undated = if series.undated > 0 {
                format!(", {} without a date (not shown)", series.undated)
            } else {
                String::new()
            };
            let noun = if args.stories { "stories" } else { "articles" };
            let holding = super::rule_words(chart.rule);
            writeln!(out, "{name}: {} dated {noun} holding {holding}{undated}", series.dated)
                .map_err(io_err)?;
        }
    }
    Ok(if chart.found() { Outcome::Success } else { Outcome::Partial })
}
