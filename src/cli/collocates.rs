//! `fahras collocates`: the words found near a query's matches, ranked by
//! an association score.

use std::io::{self, Write};

use clap::Args;

use super::printer::bidi::Bidi;
use super::printer::table::{Column, Table};
use super::query_args::QueryArgs;
use super::research_output::{self, Form};
use super::{IndexDir, Outcome};
use fahras::error::Result;
use fahras::research::collocates::{CollocateOptions, Collocates, GroupBy, Measure, MAX_WINDOW};
use fahras::searcher::Engine;

/// The words found near the query's matches, over every matching article
/// (those holding all the query's words; `--any`: any of them).
///
/// Each collocate is a stem (shown in its most frequent form near the
/// matches) or, with `--by exact`, a form; with its count near the
/// matches, its count in the archive, and the score: logDice (Rychlý
/// 2008) by default, or MI or t-score. Stop words are left out unless
/// `--stop-words`. Exit status: 0 found, 1 nothing found, 2 error.
#[derive(Debug, Args)]
pub(crate) struct CollocatesArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The query, as `fahras search` reads it.
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Words on each side of a match.
    #[arg(long, default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(1..=MAX_WINDOW as i64))]
    pub window: u32,
    /// Fewest times near the matches for a word to be listed.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub min_freq: u64,
    /// Count stems (every form of a word together) or exact forms.
    #[arg(long, value_parser = super::choice::parser::<GroupBy>(), default_value = "stem")]
    pub by: GroupBy,
    /// The association score.
    #[arg(long, value_parser = super::choice::parser::<Measure>(), default_value = "logdice")]
    pub measure: Measure,
    /// Collocates to list.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 50)]
    pub limit: usize,
    /// Count function words (في، من، على…) too.
    #[arg(long)]
    pub stop_words: bool,
    /// Read every matching article: copies of one story too (by default
    /// each story is read once, at its first article, so that a wire story
    /// run by five outlets is not counted five times).
    #[arg(long)]
    pub no_collapse: bool,
    #[command(flatten)]
    pub query_args: QueryArgs,
    #[command(flatten)]
    pub form: Form,
}

/// Runs `fahras collocates`.
pub(crate) fn run(args: CollocatesArgs) -> Result<Outcome> {
    let engine = Engine::open(&args.dir.index)?;
    let mut request = args.query_args.counting_request(args.query.join(" "))?;
    request.collapse = !args.no_collapse;
    let options = CollocateOptions {
        window: args.window as usize,
        min_freq: args.min_freq,
        by: args.by,
        measure: args.measure,
        limit: args.limit,
        stop_words: args.stop_words,
    };
    let found = fahras::research::collocates(&engine, &request, &options)?;
    let rows = |writer: &mut csv::Writer<&mut dyn Write>| -> csv::Result<()> {
        writer.write_record(["form", "term", "near", "archive", "score"])?;
        for c in &found.collocates {
            writer.write_record([
                c.form.clone(),
                c.term.clone(),
                c.near.to_string(),
                c.archive.to_string(),
                format!("{:.3}", c.score),
            ])?;
        }
        Ok(())
    };
    research_output::print(&found, &found.notes, args.form, rows, |out, layout, width| {
        print_table(out, &found, layout, width, options.window)
    })?;
    Ok(if found.articles == 0 { Outcome::Partial } else { Outcome::Success })
}

/// The collocates as a table, numbers right-aligned, fitted to `width`.
fn print_table(
    out: &mut dyn Write,
    found: &Collocates,
    layout: Bidi,
    width: Option<usize>,
    window: usize,
) -> io::Result<()> {
    let score = match found.measure {
        Measure::LogDice => "logDice",
        Measure::Mi => "MI",
        Measure::T => "t",
        // A measure added later is named as its flag names it.
        other => fahras::choice::Choice::name(other),
    };
    // Each collocate as the archive most often writes it near the matches;
    // the stem it was counted under (`رءيس`, an internal form) is in
    // `--json` and `--csv` only.
    let collocates = &found.collocates;
    if !collocates.is_empty() {
        let columns = vec![
            Column::kept("near", collocates.iter().map(|c| c.near.to_string()).collect()),
            Column::optional("archive", collocates.iter().map(|c| c.archive.to_string()).collect()),
            Column::kept(score, collocates.iter().map(|c| format!("{:.2}", c.score)).collect()),
        ];
        let texts = collocates.iter().map(|c| c.form.as_str()).collect();
        let table = Table { text_header: "word", texts, columns, ranked: true };
        research_output::print_fitted(out, table, width, layout)?;
    }
    say!(
        "{} collocate{} of {} match{} in {} of {} matching article{} holding {} (window ±{}, archive of about {} words){}",
        found.collocates.len(),
        if found.collocates.len() == 1 { "" } else { "s" },
        found.matches,
        if found.matches == 1 { "" } else { "es" },
        found.read,
        found.articles,
        if found.articles == 1 { "" } else { "s" },
        super::rule_words(found.rule),
        window,
        found.words,
        super::kwic::copies_said(found.collapsed, found.copies_skipped)
    );
    Ok(())
}
