//! `fahras timeline`: matching articles per period, for one query or
//! several on one axis.

use std::io::{self, IsTerminal, Write};

use clap::Args;

use super::plot;
use super::printer::bidi::{self, BidiChoice};
use super::query_args::QueryArgs;
use super::{IndexDir, Outcome};
use fahras::calendar::Calendar;
use fahras::error::{Error, Result};
use fahras::research::chart::{Chart, ChartRequest, Point};
use fahras::research::facets::Facet;
use fahras::research::timeline::Period;
use fahras::searcher::{Engine, SearchRequest};

/// Count the matching articles per day, week, month or year.
///
/// Several queries make several series on one axis: `fahras timeline
/// --index news.idx 'قطر' 'السعودية'`. A query counts the articles holding
/// all its words (`--any`: any of them). Each count comes with the
/// archive's own articles of its period (those the query's filters admit,
/// whatever its words): a period with none is a gap, shown as such and
/// never as 0. Articles without a date are counted apart. Exit status: 0
/// found, 1 nothing found, 2 error.
#[derive(Debug, Args)]
pub(crate) struct TimelineArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The queries, one series each.
    #[arg(value_name = "QUERY", required = true)]
    pub queries: Vec<String>,
    /// The period.
    #[arg(long, value_parser = super::choice::parser::<Period>(), default_value = "month")]
    pub by: Period,
    /// The calendar of months and years: gregorian or hijri.
    ///
    /// `hijri` counts by Umm al-Qura months and years (labels `1439-09`,
    /// shown with the month's Arabic name, `1439-09 رمضان`; days and weeks
    /// labelled with their Hijri date). `--from`/`--to` and `date:` take
    /// Hijri periods with an `h` in either calendar: `--from 1439-09h`.
    #[arg(long, value_name = "CALENDAR", value_parser = super::choice::parser::<Calendar>(), default_value = "gregorian")]
    pub calendar: Calendar,
    /// Each count as a share of all the articles of its period (in ‰), so
    /// that a busy month does not pass for interest.
    #[arg(long)]
    pub share: bool,
    /// With --share: the fewest articles a period must have in the archive
    /// to be divided by; a period with fewer is flagged, not shown as a
    /// share (one article would make 1,000‰).
    #[arg(long, value_name = "N", default_value_t = fahras::research::chart::MIN_ARTICLES)]
    pub min_articles: u64,
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
pub(crate) enum SplitArg {
    /// The outlet.
    Source,
    /// The section.
    Category,
}

/// Runs `fahras timeline`.
pub(crate) fn run(args: TimelineArgs) -> Result<Outcome> {
    let period = args.by;
    let engine = Engine::open(&args.dir.index)?;
    for query in &args.queries {
        super::query_args::warn_if_empty(query);
    }
    let layout = bidi::resolve(args.bidi, io::stdout().is_terminal(), |k| std::env::var(k).ok());
    let options = args.query_args.counting_options()?;
    for query in &args.queries {
        let request =
            SearchRequest { options: options.clone(), ..SearchRequest::new(query.trim()) };
        super::print_notes(&engine.notes(&request)?, layout);
    }
    let split = args.split.map(|s| match s {
        SplitArg::Source => Facet::Source,
        SplitArg::Category => Facet::Category,
    });
    let chart = fahras::research::chart(
        &engine,
        &ChartRequest {
            // Trimmed: an excluded word comes with a space before it (see
            // `excluded_words_as_values`), and a series is named after its query.
            queries: args.queries.iter().map(|q| q.trim().to_string()).collect(),
            options,
            period,
            calendar: args.calendar,
            share: args.share,
            split,
            stories: args.stories,
            min_articles: args.min_articles,
        },
    )?;
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
        let by = by_name(period);
        let lines: Vec<plot::Series> = chart
            .series
            .iter()
            .map(|s| plot::Series {
                name: match s.undated {
                    0 => s.name(by_query),
                    n => format!("{} (+{n} undated, not drawn)", s.name(by_query)),
                },
                values: s.counts.clone(),
                thin: (0..labels.len()).map(|k| matches!(s.point(k), Point::Thin { .. })).collect(),
            })
            .collect();
        let key = plot::Key {
            thin: format!("fewer than {} articles in the archive: no share", args.min_articles),
        };
        let svg =
            plot::line_chart(&format!("Matching {what} per {by}"), what, labels, &lines, &key);
        std::fs::write(path, svg).map_err(|e| Error::io(path, e))?;
        say!("wrote {} ({} series, {} periods)", path.display(), lines.len(), labels.len());
    }
    let mut out = io::stdout().lock();
    let io_err = |e| Error::io("<stdout>", e);
    if args.json {
        writeln!(out, "{}", chart.to_json()).map_err(io_err)?;
    } else if args.csv {
        write_csv(&mut out, &chart, by_query)?;
    } else {
        let peak = chart
            .series
            .iter()
            .flat_map(|s| s.counts.iter().flatten())
            .copied()
            .fold(0.0, f64::max);
        let names: Vec<String> =
            chart.series.iter().map(|s| bidi::for_display(&s.name(by_query), layout)).collect();
        let widest = names.iter().map(|q| q.chars().count()).max().unwrap_or(0);
        let shown_labels = shown_labels(&chart, layout);
        let label_width = shown_labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        for (k, label) in shown_labels.iter().enumerate() {
            for (n, (name, series)) in names.iter().zip(&chart.series).enumerate() {
                let label = if n == 0 { label.as_str() } else { "" };
                let label = format!("{label}{}", " ".repeat(label_width - label.chars().count()));
                let name = if chart.series.len() > 1 {
                    let pad = widest - name.chars().count();
                    format!("{name}{}  ", " ".repeat(pad))
                } else {
                    String::new()
                };
                let of = series.articles[k];
                let line = match series.point(k) {
                    Point::Value(v) => {
                        let bar = if peak > 0.0 { (40.0 * v / peak).round() as usize } else { 0 };
                        let shown = if args.share {
                            format!("{v:.2}‰  ({} of {})", series.matching[k], thousands(of))
                        } else {
                            format!("{v:.0}  (of {})", thousands(of))
                        };
                        format!("{:<40}  {shown}", "█".repeat(bar))
                    }
                    Point::Gap => format!("{:<40}  gap: no article in the archive", "┄"),
                    Point::Thin { matching, articles } => format!(
                        "{:<40}  {matching} of {articles}: too few articles for a share",
                        "○"
                    ),
                };
                writeln!(out, "{label}  {name}{line}").map_err(io_err)?;
            }
        }
        for (name, series) in names.iter().zip(&chart.series) {
            let noun = match (args.stories, series.dated == 1) {
                (true, true) => "story",
                (true, false) => "stories",
                (false, true) => "article",
                (false, false) => "articles",
            };
            let holding = super::rule_words(chart.rule);
            let mut said =
                format!("{name}: {} dated {noun} holding {holding}", thousands(series.dated));
            if series.undated > 0 {
                said += &format!(", {} without a date (not shown)", thousands(series.undated));
            }
            if series.gaps > 0 {
                said += &format!(
                    "; {} of {} periods are gaps (no article in the archive, not zeros)",
                    series.gaps,
                    labels.len()
                );
            }
            if series.thin > 0 {
                said += &format!(
                    "; {} period(s) with fewer than {} articles: not shared",
                    series.thin, args.min_articles
                );
            }
            writeln!(out, "{said}").map_err(io_err)?;
        }
        if !chart.cut.is_empty() {
            writeln!(
                out,
                "{}: cut by --from/--to, counted over the days inside only (not a whole {})",
                chart.cut.join(", "),
                by_name(chart.by)
            )
            .map_err(io_err)?;
        }
        let (what, of) =
            if args.stories { ("stories", "stories") } else { ("articles", "articles") };
        writeln!(
            out,
            "(of N): the archive's {of} of the period that the query's filters admit, whatever its words; counted: matching {what}"
        )
        .map_err(io_err)?;
    }
    Ok(if chart.found() { Outcome::Success } else { Outcome::Partial })
}

/// The chart as CSV: a period per row; per series, its counts (empty for
/// a gap or a thin period), with shares its matching articles, and the
/// archive's articles of the period; a last row `undated` when some
/// articles have no date.
fn write_csv(out: &mut impl Write, chart: &Chart, by_query: bool) -> Result<()> {
    let cell = |v: Option<f64>| match v {
        None => String::new(),
        Some(v) if chart.share => serde_json::json!(v).to_string(),
        Some(v) => (v as u64).to_string(),
    };
    let mut writer = csv::Writer::from_writer(out);
    let mut write = || -> csv::Result<()> {
        let mut header = vec!["period".to_string()];
        for s in &chart.series {
            let name = s.name(by_query);
            if chart.share {
                header.push(format!("{name} (‰)"));
                header.push(format!("{name} (matching)"));
            } else {
                header.push(name.clone());
            }
            header.push(format!("{name} (archive articles)"));
        }
        writer.write_record(&header)?;
        for (k, label) in chart.periods.iter().enumerate() {
            let mut row = vec![label.clone()];
            for s in &chart.series {
                row.push(cell(s.counts[k]));
                if chart.share {
                    row.push(s.matching[k].to_string());
                }
                row.push(s.articles[k].to_string());
            }
            writer.write_record(&row)?;
        }
        // The articles on no period, as `coverage --csv` gives them.
        if chart.series.iter().any(|s| s.undated + s.archive_undated > 0) {
            let mut row = vec!["undated".to_string()];
            for s in &chart.series {
                row.push(if chart.share { String::new() } else { s.undated.to_string() });
                if chart.share {
                    row.push(s.undated.to_string());
                }
                row.push(s.archive_undated.to_string());
            }
            writer.write_record(&row)?;
        }
        writer.flush()?;
        Ok(())
    };
    write().map_err(|e| Error::io("<stdout>", e.into()))
}

/// A period's name in a sentence: `week`.
pub(crate) fn by_name(period: Period) -> &'static str {
    fahras::choice::Choice::name(period)
}

/// `n` with thousands separated: 13,188.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The periods' labels as the terminal shows them: with their names when
/// they have them (`1439-09 رمضان`), laid out for the terminal; at least
/// 10 columns, as a day's label.
fn shown_labels(chart: &Chart, layout: bidi::Bidi) -> Vec<String> {
    let labels = chart.periods.iter().enumerate().map(|(k, label)| match chart.names.get(k) {
        Some(name) => format!("{label} {}", bidi::for_display(name, layout)),
        None => label.clone(),
    });
    labels.map(|l| format!("{l:<10}")).collect()
}
