//! `fahras coverage`: what the archive holds, per period and outlet, as a
//! heat table in the terminal, JSON, CSV or an SVG.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use super::printer::bidi::{self, BidiChoice};
use super::query_args::DateArgs;
use super::timeline::thousands;
use super::{heatmap, IndexDir, Outcome};
use fahras::calendar::Calendar;
use fahras::error::{Error, Result};
use fahras::research::coverage::{Coverage, CoverageRequest};
use fahras::research::facets::Facet;
use fahras::research::timeline::Period;
use fahras::searcher::{Engine, QueryOptions};

/// Show what the archive holds: its articles per period and outlet.
///
/// Read it before a timeline: a month an outlet has no article in is a gap
/// in the archive, not a month without interest. Each row is an outlet
/// (or section) with its first and last dated article, the periods
/// between them it has none in, and its articles without a date. A query
/// selects with its filters (`source:`, `category:`, `date:`); its words
/// are not counted. Exit status: 0 articles found, 1 none, 2 error.
#[derive(Debug, Args)]
pub(crate) struct CoverageArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// Filters selecting the articles, as in a query: `source:alarabiya
    /// date:2017` (default: every article).
    #[arg(value_name = "FILTERS", default_value = "*", allow_hyphen_values = true)]
    pub query: String,
    /// The period.
    #[arg(long, value_parser = super::choice::parser::<Period>(), default_value = "month")]
    pub by: Period,
    /// The calendar of months and years: gregorian or hijri (Umm
    /// al-Qura).
    #[arg(long, value_name = "CALENDAR", value_parser = super::choice::parser::<Calendar>(), default_value = "gregorian")]
    pub calendar: Calendar,
    /// A row per source, per category, or one row for all.
    #[arg(long, value_enum, value_name = "FIELD", default_value_t = SplitChoice::Source)]
    pub split: SplitChoice,
    #[command(flatten)]
    pub dates: DateArgs,
    /// Print one JSON object: periods, rows (articles per period, first
    /// and last dated article, gaps, undated), totals.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV: a period per row, a source (or category) per column and
    /// a column `all`; a last row `undated` holds the articles without a
    /// date.
    #[arg(long)]
    pub csv: bool,
    /// Also draw the heat table as an SVG file.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
    /// How right-to-left text is laid out: auto, logical or visual (as in
    /// `search`).
    #[arg(long, value_enum, value_name = "HOW", default_value_t = BidiChoice::Auto, env = "FAHRAS_BIDI")]
    pub bidi: BidiChoice,
}

/// `--split` of `coverage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum SplitChoice {
    /// A row per outlet.
    Source,
    /// A row per section.
    Category,
    /// One row for every article.
    None,
}

/// Runs `fahras coverage`.
pub(crate) fn run(args: CoverageArgs) -> Result<Outcome> {
    let engine = Engine::open(&args.dir.index)?;
    let split = match args.split {
        SplitChoice::Source => Some(Facet::Source),
        SplitChoice::Category => Some(Facet::Category),
        SplitChoice::None => None,
    };
    let coverage = fahras::research::coverage(
        &engine,
        &CoverageRequest {
            query: args.query.clone(),
            options: QueryOptions {
                dates: args.dates.span()?,
                counting: true,
                ..QueryOptions::default()
            },
            period: args.by,
            calendar: args.calendar,
            split,
        },
    )?;
    let layout = bidi::resolve(args.bidi, io::stdout().is_terminal(), |k| std::env::var(k).ok());
    for note in &coverage.notes {
        say!("{}", bidi::for_display(&format!("note: {note}"), layout));
    }
    if let Some(path) = &args.plot {
        let svg = heatmap::svg(&coverage, &title(&coverage));
        std::fs::write(path, svg).map_err(|e| Error::io(path, e))?;
        say!(
            "wrote {} ({} rows, {} periods)",
            path.display(),
            coverage.rows.len(),
            coverage.periods.len()
        );
    }
    let mut out = io::stdout().lock();
    let io_err = |e| Error::io("<stdout>", e);
    if args.json {
        let json = serde_json::to_value(&coverage).unwrap_or(serde_json::Value::Null);
        writeln!(out, "{json}").map_err(io_err)?;
    } else if args.csv {
        write_csv(&mut out, &coverage)?;
    } else {
        print(&mut out, &coverage, layout).map_err(io_err)?;
    }
    Ok(if coverage.articles > 0 { Outcome::Success } else { Outcome::Partial })
}

/// What the table shows, in one line.
fn title(coverage: &Coverage) -> String {
    let by = match coverage.split {
        Some(facet) => format!(", by {}", facet.name()),
        None => String::new(),
    };
    let span = match (coverage.periods.first(), coverage.periods.last()) {
        (Some(a), Some(b)) if a != b => format!(", {a} .. {b}"),
        (Some(a), _) => format!(", {a}"),
        _ => String::new(),
    };
    format!(
        "Articles in the archive per {}{by}: {} articles ({} without a date){span}",
        period_name(coverage),
        thousands(coverage.articles),
        thousands(coverage.undated),
    )
}

fn period_name(coverage: &Coverage) -> &'static str {
    super::timeline::by_name(coverage.by)
}

/// Shades of a cell, from its row's fewest (but some) to its busiest.
const SHADES: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Most periods on one line of the table; more are shown in blocks of
/// even length.
const BLOCK: usize = 80;

/// The heat table: a row per value, a character per period (`·` none, a
/// bar as high as its share of the row's busiest period), then the row's
/// articles, first and last dated article and gaps.
fn print(out: &mut impl Write, coverage: &Coverage, layout: bidi::Bidi) -> io::Result<()> {
    writeln!(out, "{}", title(coverage))?;
    let names: Vec<String> =
        coverage.rows.iter().map(|r| bidi::for_display(&r.value, layout)).collect();
    let widest = names.iter().map(|n| n.chars().count()).max().unwrap_or(0).max(3);
    let n = coverage.periods.len();
    // Years are few: five columns each, so that each is labelled.
    let wide = coverage.by == fahras::research::timeline::Period::Year;
    let cell = if wide { 5 } else { 1 };
    let block = n.div_ceil(n.div_ceil(BLOCK / cell).max(1)).max(1);
    let mut start = 0;
    while start < n {
        let end = (start + block).min(n);
        writeln!(out)?;
        let labels = &coverage.periods[start..end];
        let ruler = if wide {
            labels.iter().map(|l| format!("{l:<5}")).collect::<String>().trim_end().to_string()
        } else {
            // Too few columns for a year: the first label, whole.
            Some(ruler(labels)).filter(|r| !r.is_empty()).unwrap_or_else(|| labels[0].clone())
        };
        writeln!(out, "{:widest$}  {ruler}", "")?;
        for (row, name) in coverage.rows.iter().zip(&names) {
            let peak = row.articles.iter().copied().max().unwrap_or(0);
            let cells: String = row.articles[start..end]
                .iter()
                .map(|&a| {
                    let c = match a {
                        0 => '·',
                        a => {
                            let level = (a as f64 / peak.max(1) as f64 * 8.0).ceil() as usize;
                            SHADES[level.clamp(1, 8) - 1]
                        }
                    };
                    if wide {
                        format!("{}{} ", c, c.to_string().repeat(cell - 2))
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            let pad = widest - name.chars().count();
            let width = (end - start) * cell;
            write!(out, "{name}{}  {cells:<width$}", " ".repeat(pad))?;
            if end == n {
                let span = match (&row.first, &row.last) {
                    (Some(a), Some(b)) => format!("  {a} .. {b}"),
                    _ => "  (no date)".to_string(),
                };
                let gaps = match row.gaps {
                    0 => String::new(),
                    1 => ", 1 gap".to_string(),
                    g => format!(", {g} gaps"),
                };
                let undated = match row.undated {
                    0 => String::new(),
                    u => format!(", {} undated", thousands(u)),
                };
                write!(out, "  {:>7}{span}{gaps}{undated}", thousands(row.dated + row.undated))?;
            }
            writeln!(out)?;
        }
        start = end;
    }
    writeln!(
        out,
        "\neach character is a {}: · no article in the archive (a gap, not a zero); ▁ to █ up to the row's busiest {}",
        period_name(coverage),
        period_name(coverage)
    )?;
    writeln!(
        out,
        "gaps: {}s between a row's first and last dated article with no article",
        period_name(coverage)
    )?;
    if !coverage.cut.is_empty() {
        writeln!(
            out,
            "{}: cut by --from/--to, counted over the days inside only",
            coverage.cut.join(", ")
        )?;
    }
    Ok(())
}

/// A line of labels over the periods: each year over its first period
/// (years: every fifth), where it fits.
fn ruler(periods: &[String]) -> String {
    let year = |i: usize| periods[i].get(..4).unwrap_or("");
    let starts: Vec<usize> = (0..periods.len())
        .filter(|&i| {
            if periods[i].len() == 4 {
                i.is_multiple_of(5)
            } else {
                i == 0 || year(i - 1) != year(i)
            }
        })
        .collect();
    let mut line: Vec<char> = vec![' '; periods.len()];
    let mut free = 0;
    for (k, &i) in starts.iter().enumerate() {
        let label = year(i);
        let room = starts.get(k + 1).map_or(periods.len(), |&next| next.saturating_sub(1));
        if i >= free && i + label.len() <= room.max(i) {
            for (j, c) in label.chars().enumerate() {
                line[i + j] = c;
            }
            free = i + label.len() + 1;
        }
    }
    line.into_iter().collect::<String>().trim_end().to_string()
}

/// The table as CSV: a period per row, a value per column, `all` last; a
/// last row `undated`.
fn write_csv(out: &mut impl Write, coverage: &Coverage) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let mut write = || -> csv::Result<()> {
        // Not split, the one row is the total.
        let rows = if coverage.split.is_some() { &coverage.rows[..] } else { &[] };
        let mut header = vec!["period".to_string()];
        header.extend(rows.iter().map(|r| r.value.clone()));
        header.push("all".to_string());
        writer.write_record(&header)?;
        for (k, label) in coverage.periods.iter().enumerate() {
            let mut row = vec![label.clone()];
            row.extend(rows.iter().map(|r| r.articles[k].to_string()));
            row.push(coverage.total[k].to_string());
            writer.write_record(&row)?;
        }
        let mut row = vec!["undated".to_string()];
        row.extend(rows.iter().map(|r| r.undated.to_string()));
        row.push(coverage.undated.to_string());
        writer.write_record(&row)?;
        writer.flush()?;
        Ok(())
    };
    write().map_err(|e| Error::io("<stdout>", e.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ruler_puts_each_year_over_its_first_month_where_it_fits() {
        let months: Vec<String> =
            ["2017-11", "2017-12", "2018-01", "2018-02", "2018-03", "2018-04", "2018-05"]
                .iter()
                .map(|m| m.to_string())
                .collect();
        // Two columns hold no year; 2017 would run into 2018's January.
        assert_eq!(ruler(&months[..2]), "");
        assert_eq!(ruler(&months), "  2018");
        assert_eq!(ruler(&months[2..]), "2018");
        let years: Vec<String> = (2010..2024).map(|y| y.to_string()).collect();
        assert_eq!(ruler(&years), "2010 2015 2020");
    }
}
