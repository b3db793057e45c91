//! `fahras collocates`: the words found near a query's matches, ranked by
//! an association score.

use std::io::{self, IsTerminal, Write};

use clap::Args;

use super::printer::bidi::{self, Bidi, BidiChoice};
use super::printer::layout::text_cells;
use super::query_args::QueryArgs;
use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
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
    /// Print one JSON object: counts, `"match"` (`"all"`: articles holding
    /// all the words, or `"any"`) and the collocates.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV: form, term, near, archive, score.
    #[arg(long)]
    pub csv: bool,
    /// How right-to-left text is laid out: auto, logical or visual.
    #[arg(long, value_enum, default_value_t = BidiChoice::Auto, env = "FAHRAS_BIDI")]
    pub bidi: BidiChoice,
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
    super::print_notes(&found.notes, super::stdout_layout(args.bidi));
    let io_err = |e| Error::io("<stdout>", e);
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.json {
        serde_json::to_writer(&mut out, &found).map_err(|e| Error::io("<stdout>", e.into()))?;
        writeln!(out).map_err(io_err)?;
    } else if args.csv {
        let mut writer = csv::Writer::from_writer(&mut out);
        let mut rows = || -> csv::Result<()> {
            writer.write_record(["form", "term", "near", "archive", "score"])?;
            for c in &found.collocates {
                let (near, archive) = (c.near.to_string(), c.archive.to_string());
                writer.write_record([
                    &c.form,
                    &c.term,
                    &near,
                    &archive,
                    &format!("{:.3}", c.score),
                ])?;
            }
            writer.flush()?;
            Ok(())
        };
        rows().map_err(|e| Error::io("<stdout>", e.into()))?;
    } else {
        let terminal = io::stdout().is_terminal();
        let layout = bidi::resolve(args.bidi, terminal, |k| std::env::var(k).ok());
        print_table(&mut out, &found, layout, options.window).map_err(io_err)?;
    }
    out.flush().map_err(io_err)?;
    Ok(if found.articles == 0 { Outcome::Partial } else { Outcome::Success })
}

/// The collocates as a table, numbers right-aligned.
fn print_table(
    out: &mut impl Write,
    found: &Collocates,
    layout: Bidi,
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
    let forms: Vec<String> =
        found.collocates.iter().map(|c| bidi::for_display(&c.form, layout)).collect();
    let cells = |t: &str| text_cells(t.chars());
    let form_w = forms.iter().map(|f| cells(f)).max().unwrap_or(0).max(4);
    if !found.collocates.is_empty() {
        writeln!(
            out,
            "{:>4}  {:<form_w$}  {:>7}  {:>9}  {:>8}",
            "#", "word", "near", "archive", score
        )?;
    }
    for (n, (c, form)) in found.collocates.iter().zip(&forms).enumerate() {
        writeln!(
            out,
            "{:>4}  {form}{}  {:>7}  {:>9}  {:>8.2}",
            n + 1,
            " ".repeat(form_w - cells(form)),
            c.near,
            c.archive,
            c.score
        )?;
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
