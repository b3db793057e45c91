//! `fahras facets`: how many matching articles fall under each source,
//! category and year.

use std::io::{self, Write};

use clap::Args;

use super::printer::escape::visible_line;
use super::query_args::QueryArgs;
use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::research::facets::{Facet, FacetCounts};
use fahras::searcher::{Engine, Match};

/// Count the matching articles by source, category and year.
///
/// The query is read as `search` reads it, and counts the articles holding
/// all its words (`--any`: any of them). Exit status: 0 found, 1 nothing
/// found, 2 error.
#[derive(Debug, Args)]
pub(crate) struct FacetsArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The query (`*` for every article).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// Facets to count, comma-separated: source, category, year.
    #[arg(long, value_name = "LIST", default_value = "source,category,year")]
    pub facet: String,
    /// Count stories instead of articles: each group of copies once, as
    /// its first article (earliest date, then first indexed).
    #[arg(long)]
    pub stories: bool,
    #[command(flatten)]
    pub query_args: QueryArgs,
    /// Print one JSON object: the total and, per facet, [value, count]
    /// pairs, most first (years in order), and the articles without one.
    #[arg(long)]
    pub json: bool,
}

/// Runs `fahras facets`.
pub(crate) fn run(args: FacetsArgs) -> Result<Outcome> {
    let facets = Facet::parse_list(&args.facet)?;
    let engine = Engine::open(&args.dir.index)?;
    let mut request = args.query_args.counting_request(&args.query)?;
    request.stories = args.stories;
    super::print_notes(
        &engine.notes(&request)?,
        super::stdout_layout(super::printer::bidi::BidiChoice::Auto),
    );
    let (total, counts) = fahras::research::facets(&engine, &request, &facets)?;
    let rule = request.options.rule();
    let mut out = io::stdout().lock();
    let io_err = |e| Error::io("<stdout>", e);
    if args.json {
        writeln!(out, "{}", fahras::json::facets_count(total, rule, &counts)).map_err(io_err)?;
    } else {
        print(&mut out, total, rule, &counts, args.stories).map_err(io_err)?;
    }
    Ok(if total > 0 { Outcome::Success } else { Outcome::Partial })
}

fn print(
    out: &mut impl Write,
    total: usize,
    rule: Match,
    counts: &[FacetCounts],
    stories: bool,
) -> io::Result<()> {
    let noun = match (stories, total == 1) {
        (true, true) => "story (each counted once, where it first appeared)",
        (true, false) => "stories (each counted once, where it first appeared)",
        (false, true) => "article",
        (false, false) => "articles",
    };
    writeln!(out, "{total} matching {noun}, holding {}", super::rule_words(rule))?;
    print_counts(out, counts)
}

/// Each facet's counts, right-aligned, under its name.
pub(crate) fn print_counts(out: &mut impl Write, counts: &[FacetCounts]) -> io::Result<()> {
    for facet in counts {
        writeln!(out, "{}", facet.facet.name())?;
        let widest = facet.counts.iter().map(|(_, n)| n.to_string().len()).max().unwrap_or(1);
        for (value, n) in &facet.counts {
            writeln!(out, "  {n:>widest$}  {}", visible_line(value))?;
        }
        if facet.missing > 0 {
            writeln!(out, "  {:>widest$}  (none)", facet.missing)?;
        }
    }
    Ok(())
}
