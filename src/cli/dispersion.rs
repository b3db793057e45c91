//! `fahras dispersion`: how evenly a query's matches spread over the
//! archive's outlets, sections, years or months.

use std::io::{self, Write};

use clap::Args;

use super::printer::bidi::{self, Bidi};
use super::printer::layout::text_cells;
use super::query_args::QueryArgs;
use super::research_output::{self, Form};
use super::{IndexDir, Outcome};
use fahras::error::Result;
use fahras::research::dispersion::{Dispersion, Parts};
use fahras::searcher::Engine;

/// How evenly the places QUERY matches spread over the archive's parts
/// (`--by source`, `category`, `year` or `month`), against the parts' sizes
/// in words.
///
/// Per part: its articles and body words, the articles matching and the
/// places matched (as `kwic` finds them), per million words, and its share
/// of the words and of the matches. Then Gries's DP (0: the matches follow
/// the parts' sizes; towards 1: crowded into few) with DP_norm (Lijffijt &
/// Gries 2012), and Juilland's D (1: every part at one rate; over many
/// parts of unequal size, such as months, it says "even" too readily:
/// read DP there). Every article
/// counts, copies too (an outlet that ran a wire story published its
/// words). Exit status: 0 found, 1 nothing found, 2 error.
#[derive(Debug, Args)]
pub(crate) struct DispersionArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The query, as `fahras search` reads it.
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// The parts: source, category, year or month.
    #[arg(long, value_parser = super::choice::parser::<Parts>(), default_value = "source")]
    pub by: Parts,
    #[command(flatten)]
    pub query_args: QueryArgs,
    #[command(flatten)]
    pub form: Form,
}

/// Runs `fahras dispersion`.
pub(crate) fn run(args: DispersionArgs) -> Result<Outcome> {
    let engine = Engine::open(&args.dir.index)?;
    let request = args.query_args.counting_request(args.query.join(" "))?;
    let found = fahras::research::dispersion(&engine, &request, args.by)?;
    let rows = |writer: &mut csv::Writer<&mut dyn Write>| -> csv::Result<()> {
        writer.write_record([
            "part",
            "articles",
            "words",
            "matching",
            "matches",
            "per_million",
            "share_of_words",
            "share_of_matches",
        ])?;
        for p in &found.parts {
            writer.write_record([
                p.part.clone(),
                p.articles.to_string(),
                p.words.to_string(),
                p.matching.to_string(),
                p.matches.to_string(),
                format!("{:.2}", p.per_million),
                format!("{:.6}", p.share_of_words),
                format!("{:.6}", p.share_of_matches),
            ])?;
        }
        Ok(())
    };
    research_output::print(&found, &found.notes, args.form, rows, |out, layout| {
        print_table(out, &found, layout)
    })?;
    Ok(if found.articles == 0 { Outcome::Partial } else { Outcome::Success })
}

/// The parts as a table, numbers right-aligned.
fn print_table(out: &mut dyn Write, found: &Dispersion, layout: Bidi) -> io::Result<()> {
    let names: Vec<String> =
        found.parts.iter().map(|p| bidi::for_display(&p.part, layout)).collect();
    let cells = |t: &str| text_cells(t.chars());
    let name_w = names.iter().map(|w| cells(w)).max().unwrap_or(0).max(4);
    writeln!(
        out,
        "{:<name_w$}  {:>8}  {:>10}  {:>8}  {:>8}  {:>9}  {:>7}  {:>9}",
        "part", "articles", "words", "matching", "matches", "per M", "words%", "matches%"
    )?;
    for (p, name) in found.parts.iter().zip(&names) {
        writeln!(
            out,
            "{name}{}  {:>8}  {:>10}  {:>8}  {:>8}  {:>9.1}  {:>7.2}  {:>9.2}",
            " ".repeat(name_w - cells(name)),
            p.articles,
            p.words,
            p.matching,
            p.matches,
            p.per_million,
            p.share_of_words * 100.0,
            p.share_of_matches * 100.0
        )?;
    }
    out.flush()?;
    let measure = |m: Option<f64>| m.map_or("—".to_string(), |v| format!("{v:.3}"));
    say!(
        "{} match{} in {} article{} holding {}, over {} part{} of {} words: DP {} (DP_norm {}), Juilland's D {}; every article counted, copies too{}",
        found.matches,
        if found.matches == 1 { "" } else { "es" },
        found.articles,
        if found.articles == 1 { "" } else { "s" },
        super::rule_words(found.rule),
        found.parts.len(),
        if found.parts.len() == 1 { "" } else { "s" },
        found.words,
        measure(found.dp),
        measure(found.dp_norm),
        measure(found.juilland_d),
        match (found.unplaced, found.unplaced_matching) {
            (0, _) => String::new(),
            (all, matching) => format!(
                "; {matching} matching article{} ({} match{}) without a {by} in no part, of the {all} article{} without one",
                if matching == 1 { "" } else { "s" },
                found.unplaced_matches,
                if found.unplaced_matches == 1 { "" } else { "es" },
                if all == 1 { "" } else { "s" },
                by = fahras::choice::Choice::name(found.by),
            ),
        }
    );
    Ok(())
}
