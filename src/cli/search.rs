//! `fahras search`: ranked articles with highlighted snippets.

use std::io::{self, IsTerminal, Write};

use clap::Args;

use super::printer::bidi::{self, Bidi, BidiChoice};
use super::printer::{Json, Markup, Printer, Standard};
use super::query_args::QueryArgs;
use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::research::facets::Facet;
use fahras::searcher::{Engine, Match, SearchRequest, Sort, DEFAULT_SNIPPET_CHARS};

/// Search an index.
///
/// Words are OR-ranked by BM25 and match every spelling of themselves
/// (diacritics, alef/hamza forms, ة/ه, ى/ي, prefixes and suffixes); the
/// summary says how many articles hold all the words and how many at least
/// one. --count counts the articles holding all the words (--any: any).
/// Syntax where well formed: +word -word, AND OR NOT, ( ), "a phrase"
/// or «a phrase», "a phrase"~2, title: body:, word* (prefix), =word
/// (exact, unstemmed), * (every article); filters source: category: id:
/// date:2017 date:2017-06 date:[2017-01 TO 2018-06]. OR binds closer than
/// AND and the space (a b OR c is a (b OR c)); "a b" OR "c d" is either
/// phrase. Anything else is searched as text: pasted headlines need no
/// escaping.
/// Exit status: 0 found, 1 nothing found, 2 error.
#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The query.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub request: RequestArgs,
    /// Lines at most N cells wide, N 0 (no limit) or 20 and more [default:
    /// the terminal's width (COLUMNS, else its size); in a pipe, no limit].
    /// --bidi visual on a terminal always takes the terminal's width.
    #[arg(long, value_name = "N", value_parser = parse_width)]
    pub width: Option<usize>,
    /// Right-to-left text: logical (stored order, for terminals that
    /// reorder it: GNOME Terminal, Konsole, mlterm), visual (reordered and
    /// aligned right, for those that do not: tmux, Alacritty, kitty, xterm,
    /// Windows Terminal), or auto (logical in a pipe; on a terminal, by
    /// what the environment says it is). --json is never reordered.
    #[arg(long, value_enum, value_name = "HOW", default_value_t = BidiChoice::Auto, env = "FAHRAS_BIDI")]
    pub bidi: BidiChoice,
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

/// The flags of `search` that decide its request: what it finds and how
/// much of it, apart from how it is shown. `bench` builds its requests
/// with them too, so that both run the same search.
#[derive(Debug, Clone, Args)]
pub(crate) struct RequestArgs {
    /// Hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Order of the hits.
    #[arg(long, value_parser = super::choice::parser::<Sort>(), default_value = "relevance")]
    pub sort: Sort,
    /// Print only the number of articles holding all the words (--any: any
    /// of them; with --json: only the summary line).
    #[arg(long, short = 'c')]
    pub count: bool,
    #[command(flatten)]
    pub query_args: QueryArgs,
    /// Snippet length in characters [default: two and a half lines of the
    /// terminal, or 200].
    #[arg(long, value_name = "N")]
    pub snippet_chars: Option<usize>,
    /// Count the matches by these facets too (comma-separated: source,
    /// category, year), as `fahras facets` does (the articles holding all
    /// the words, unless --any); in --json, a `facets` object in the
    /// summary.
    #[arg(long, value_name = "LIST")]
    pub facet: Option<String>,
    /// Show every article: copies of one story are not set aside under its
    /// best-ranked article.
    #[arg(long)]
    pub no_collapse: bool,
    /// With --count, print the number of stories (each group of copies
    /// once); --facet counts stories too.
    #[arg(long, conflicts_with = "no_collapse")]
    pub stories: bool,
    /// Count every matching article (and story) exactly: without it, a
    /// ranked list counts up to 10,000 and then says "more than 10,000"
    /// (as Elasticsearch does), which lets the ranking skip what cannot
    /// reach the page. --count is always exact.
    #[arg(long)]
    pub exact_total: bool,
}

impl RequestArgs {
    /// The library's request for `query`, with `snippet_chars` unless
    /// `--snippet-chars` is given.
    pub(crate) fn to_request(&self, query: &str, snippet_chars: usize) -> Result<SearchRequest> {
        // A count (or a facet table) is a count: an unreadable filter is
        // an error; a ranked list keeps its note.
        let options = if self.count || self.facet.is_some() {
            self.query_args.counting_options()?
        } else {
            self.query_args.options()?
        };
        if self.stories && !self.count && self.facet.is_none() {
            return Err(Error::Invalid(
                "--stories counts stories: give it with --count or --facet (results show each story once already)".into(),
            ));
        }
        Ok(SearchRequest {
            query: query.to_string(),
            options,
            limit: if self.count { 0 } else { self.limit },
            offset: self.offset,
            sort: self.sort,
            snippet_chars: self.snippet_chars.unwrap_or(snippet_chars),
            facets: self.facet.as_deref().map(Facet::parse_list).transpose()?.unwrap_or_default(),
            collapse: !self.no_collapse,
            stories: self.stories,
            exact_total: self.exact_total,
        })
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour on a terminal unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Runs `fahras search`.
pub(crate) fn run(args: SearchArgs) -> Result<Outcome> {
    let terminal = io::stdout().is_terminal();
    let layout = bidi::resolve(args.bidi, terminal, |k| std::env::var(k).ok());
    let width = if args.json { None } else { line_width(args.width, terminal, layout) };
    let snippet_chars = match width {
        Some(width) => snippet_chars_for(width),
        None => DEFAULT_SNIPPET_CHARS,
    };
    let request = args.request.to_request(&args.query, snippet_chars)?;
    let engine = Engine::open(&args.dir.index)?;
    // Messages on stderr, in the order a terminal that does not reorder
    // needs (the layout stdout has: both are most often the terminal).
    let shown = |text: String| bidi::for_display(&text, layout);
    if args.query.trim().is_empty() {
        say!(
            "{}",
            shown(format!(
                "fahras: the query is empty: give words to search, as in \
                 fahras search --index {} 'الأمر التنفيذي', or * for every article",
                args.dir.index.display()
            ))
        );
    }
    let results = engine.search(&request)?;
    super::print_notes(&results.notes, layout);
    let mut stderr = io::stderr().lock();
    for c in &results.corrections {
        let note = format!("note: \"{}\" also searched as \"{}\"", c.typed, c.searched);
        let _ = writeln!(stderr, "{}", shown(note));
    }
    if let Some(s) = &results.did_you_mean {
        let n = s.articles;
        let plural = if n == 1 { "" } else { "s" };
        let _ = writeln!(
            stderr,
            "{}",
            shown(format!("did you mean: {} ({n} article{plural})?", s.query))
        );
    }
    let stdout = io::stdout().lock();
    let io_err = |e| Error::io("<stdout>", e);
    if args.request.count && !args.json {
        let mut out = stdout;
        let count = if args.request.stories {
            results.stories.unwrap_or(results.total)
        } else {
            results.total
        };
        writeln!(out, "{count}").map_err(io_err)?;
        if results.rule_matters {
            let other = match results.rule {
                Match::All => "--any counts those holding any",
                Match::Any => "without --any, those holding all of them",
            };
            say!(
                "note: counted the articles holding {} ({other})",
                super::rule_words(results.rule)
            );
        }
    } else {
        let mut printer = if args.json {
            Printer::Json(Json::new(stdout))
        } else {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        && std::env::var("TERM").map_or(true, |t| t != "dumb")
                }
            };
            let markup = if color {
                Markup::Color
            } else {
                let (open, close) =
                    args.markers.split_once(',').unwrap_or((&args.markers, &args.markers));
                Markup::Markers(open.to_string(), close.to_string())
            };
            Printer::Standard(Standard::new(stdout, markup, width, layout))
        };
        printer.results(&args.query, &request, &results).map_err(io_err)?;
    }
    if !args.json && !results.facets.is_empty() {
        let mut out = io::stdout().lock();
        if results.rule_matters {
            let counted = super::rule_words(results.facets_rule);
            writeln!(out, "by facet, the articles holding {counted}:").map_err(io_err)?;
        }
        super::facets::print_counts(&mut out, &results.facets).map_err(io_err)?;
    }
    Ok(if results.total > 0 { Outcome::Success } else { Outcome::Partial })
}

/// The width lines are laid out to, in cells, for `--width` given as
/// `width` (None: no limit): by default the terminal's, in a pipe none; 0
/// none, except for reordered lines on a terminal.
pub(super) fn line_width(width: Option<usize>, terminal: bool, layout: Bidi) -> Option<usize> {
    match width {
        // Reordered lines the terminal wraps come out in reverse order.
        Some(0) | None if terminal && layout == Bidi::Visual => Some(terminal_width()),
        Some(0) => None,
        Some(n) => Some(n),
        None if terminal => Some(terminal_width()),
        None => None,
    }
}

/// The terminal's width in cells: `COLUMNS` when set, else its size, else
/// 80.
pub(super) fn terminal_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS").ok().and_then(|v| v.trim().parse().ok()) {
        if n > 0 {
            return n;
        }
    }
    terminal_size::terminal_size_of(io::stdout())
        .map_or(80, |(terminal_size::Width(w), _)| usize::from(w))
}

/// A snippet of about two and a half lines of `width` (less the indent),
/// within 60 and 400 characters.
fn snippet_chars_for(width: usize) -> usize {
    (width.saturating_sub(4) * 5 / 2).clamp(60, 400)
}

/// `--width`: 0 (no limit) or 20 cells and more (a narrower line holds too
/// little of a title to read).
pub(super) fn parse_width(text: &str) -> std::result::Result<usize, String> {
    let n: usize = text.trim().parse().map_err(|e| format!("{e}"))?;
    if n != 0 && n < 20 {
        return Err(format!("{n} is too narrow: give 0 (no limit) or 20 and more"));
    }
    Ok(n)
}
