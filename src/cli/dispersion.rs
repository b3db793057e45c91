//! `fahras dispersion`: how evenly a query's matches spread over the
//! archive's outlets, sections, years or months.

use std::io::{self, Write};

use clap::Args;

use super::printer::bidi::Bidi;
use super::printer::table::{Column, Table};
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
    research_output::print(&found, &found.notes, args.form, rows, |out, layout, width| {
        print_table(out, &found, layout, width)
    })?;
    Ok(if found.articles == 0 { Outcome::Partial } else { Outcome::Success })
}

/// The parts as a table, numbers right-aligned, fitted to `width`.
fn print_table(
    out: &mut dyn Write,
    found: &Dispersion,
    layout: Bidi,
    width: Option<usize>,
) -> io::Result<()> {
    let parts = &found.parts;
    let column = |f: &dyn Fn(&fahras::research::dispersion::Part) -> String| {
        parts.iter().map(f).collect::<Vec<String>>()
    };
    let columns = vec![
        // Left out last first: the shares, per million (matches over words
        // say it), then the parts' sizes; the matches are kept.
        Column::optional("articles", column(&|p| p.articles.to_string())),
        Column::optional("words", column(&|p| p.words.to_string())),
        Column::kept("matching", column(&|p| p.matching.to_string())),
        Column::kept("matches", column(&|p| p.matches.to_string())),
        Column::optional("per M", column(&|p| format!("{:.1}", p.per_million))),
        Column::optional("words%", column(&|p| format!("{:.2}", p.share_of_words * 100.0))),
        Column::optional("matches%", column(&|p| format!("{:.2}", p.share_of_matches * 100.0))),
    ];
    let texts = parts.iter().map(|p| p.part.as_str()).collect();
    let table = Table { text_header: "part", texts, columns, ranked: false };
    research_output::print_fitted(out, table, width, layout)?;
    out.flush()?;
    let measure = |m: Option<f64>| m.map_or("—".to_string(), |v| format!("{v:.3}"));
    if !found.gaps.is_empty() {
        let shown: Vec<&str> = found.gaps.iter().take(12).map(String::as_str).collect();
        say!(
            "{} period{} between the first and the last without any article in the archive (gaps, not parts with no match; left out of the measures): {}{}",
            found.gaps.len(),
            if found.gaps.len() == 1 { "" } else { "s" },
            shown.join(", "),
            if found.gaps.len() > shown.len() { ", …" } else { "" }
        );
    }
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
