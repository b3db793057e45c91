//! `fahras search`: ranked articles with highlighted snippets.

use std::io::{self, IsTerminal};

use clap::Args;

use super::{IndexDir, Outcome};
use crate::analysis::QueryMode;
use crate::error::{Error, Result};
use crate::ingest::date::parse_date;
use crate::printer::{Json, Markup, Printer, Standard};
use crate::searcher::{Engine, QueryOptions, SearchRequest, Sort};

/// Search an index.
///
/// Words are OR-ranked by BM25 and match every spelling of themselves
/// (diacritics, alef/hamza forms, ة/ه, ى/ي, prefixes and suffixes).
/// Syntax: +word -word, AND OR NOT, ( ), "a phrase", "a phrase"~2,
/// title: body: source: category: id:, date:[2018-03-01 TO 2018-06-30],
/// word* (prefix), =word (exact, unstemmed), * (every article).
/// Exit status: 0 found, 1 nothing found, 2 error.
#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The query.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// Hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Order of the hits.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    pub sort: Sort,
    /// Print only the number of matching articles.
    #[arg(long, short = 'c')]
    pub count: bool,
    /// Fields searched by words without a field (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    pub fields: Vec<String>,
    /// Only articles dated on or after this day (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only articles dated on or before this day (inclusive).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Match words exactly (normalized, not stemmed).
    #[arg(long, short = 'e')]
    pub exact: bool,
    /// Require every word (AND) instead of ranking any (OR).
    #[arg(long)]
    pub all: bool,
    /// Weight of neighbouring query words found together (0: off).
    ///
    /// For queries of plain words, articles where neighbouring words stand
    /// together rank higher (measured in `fahras eval`; see the README).
    #[arg(long, value_name = "W", default_value_t = 0.3)]
    pub proximity: f32,
    /// Snippet width in characters.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub snippet_chars: usize,
    /// Print JSON Lines (one object per hit, then a summary).
    #[arg(long)]
    pub json: bool,
    /// When to colour: auto (terminal, no NO_COLOR), always, never.
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,
    /// Markers around matches when not colouring, as OPEN,CLOSE.
    #[arg(long, value_name = "OPEN,CLOSE", default_value = "[,]")]
    pub markers: String,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

fn parse_day(flag: &str, text: &str) -> Result<tantivy::DateTime> {
    parse_date(text).ok_or_else(|| {
        Error::Query(format!("{flag} {text:?}: bad date, expected YYYY-MM-DD or RFC 3339"))
    })
}

fn after(date: tantivy::DateTime, seconds: i64) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(date.into_timestamp_secs() + seconds)
}

/// The query options of the search flags.
pub fn query_options(args: &SearchArgs) -> Result<QueryOptions> {
    let from = args.from.as_deref().map(|d| parse_day("--from", d)).transpose()?;
    let until = match args.to.as_deref() {
        // A plain day includes the whole day.
        Some(d) if d.trim().len() == 10 => Some(after(parse_day("--to", d)?, 86_400)),
        Some(d) => Some(after(parse_day("--to", d)?, 1)),
        None => None,
    };
    Ok(QueryOptions {
        mode: if args.exact { QueryMode::Exact } else { QueryMode::Stemmed },
        fields: args.fields.clone(),
        from,
        until,
        conjunction: args.all,
        exact_weight: 0.0,
        proximity_weight: args.proximity,
    })
}

/// Runs `fahras search`.
pub fn run(args: SearchArgs) -> Result<Outcome> {
    let options = query_options(&args)?;
    let engine = Engine::open(&args.dir.index)?;
    let stdout = io::stdout().lock();
    let found = if args.count {
        let total = engine.count(&args.query, &options)?;
        let mut out = stdout;
        use std::io::Write;
        writeln!(out, "{total}").map_err(|e| Error::io("<stdout>", e))?;
        total
    } else {
        let request = SearchRequest {
            query: args.query.clone(),
            options,
            limit: args.limit,
            offset: args.offset,
            sort: args.sort,
            snippet_chars: args.snippet_chars,
        };
        let results = engine.search(&request)?;
        let mut printer = if args.json {
            Printer::Json(Json::new(stdout))
        } else {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            let markup = if color {
                Markup::Color
            } else {
                let (open, close) =
                    args.markers.split_once(',').unwrap_or((&args.markers, &args.markers));
                Markup::Markers(open.to_string(), close.to_string())
            };
            Printer::Standard(Standard::new(stdout, markup))
        };
        printer.results(&args.query, &results).map_err(|e| Error::io("<stdout>", e))?;
        results.total
    };
    Ok(if found > 0 { Outcome::Success } else { Outcome::Partial })
}
