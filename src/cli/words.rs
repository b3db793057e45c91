//! `fahras words`: the words or n-grams of the matching articles, by
//! frequency.

use std::io::{self, Write};

use clap::Args;

use super::printer::bidi::Bidi;
use super::printer::table::{Column, Table};
use super::query_args::QueryArgs;
use super::research_output::{self, Form};
use super::{IndexDir, Outcome};
use fahras::error::Result;
use fahras::research::collocates::GroupBy;
use fahras::research::words::{WordList, WordOptions, MAX_NGRAM};
use fahras::searcher::Engine;

/// The words of the articles QUERY matches (holding all its words; `*`
/// for every article), the most frequent first: a word list, or with
/// `--ngrams N` the sequences of N words.
///
/// A word is a stem (every form together, shown as the articles most often
/// write it) or, with `--by exact`, a form. Stop words (في، من، على…) are
/// left out of word lists unless `--stop-words`; an n-gram may hold them
/// inside but never at its ends, and never spans punctuation. Words are
/// counted in the articles' bodies; copies of one story are read once
/// unless `--no-collapse`. Exit status: 0 found, 1 nothing found, 2 error.
#[derive(Debug, Args)]
pub(crate) struct WordsArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The query, as `fahras search` reads it.
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Words in a sequence: 1 (a word list) to 4.
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=MAX_NGRAM as i64))]
    pub ngrams: u32,
    /// Count stems (every form of a word together) or exact forms.
    #[arg(long, value_parser = super::choice::parser::<GroupBy>(), default_value = "stem")]
    pub by: GroupBy,
    /// Fewest times to be listed.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_freq: u64,
    /// List function words (في، من، على…) too.
    #[arg(long)]
    pub stop_words: bool,
    /// Rows to list.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 50)]
    pub limit: usize,
    /// Read every matching article: copies of one story too.
    #[arg(long)]
    pub no_collapse: bool,
    #[command(flatten)]
    pub query_args: QueryArgs,
    #[command(flatten)]
    pub form: Form,
}

/// Runs `fahras words`.
pub(crate) fn run(args: WordsArgs) -> Result<Outcome> {
    let engine = Engine::open(&args.dir.index)?;
    let mut request = args.query_args.counting_request(args.query.join(" "))?;
    request.collapse = !args.no_collapse;
    let options = WordOptions {
        by: args.by,
        ngram: args.ngrams as usize,
        min_freq: args.min_freq,
        stop_words: args.stop_words,
        limit: args.limit,
    };
    let found = fahras::research::words(&engine, &request, &options)?;
    let rows = |writer: &mut csv::Writer<&mut dyn Write>| -> csv::Result<()> {
        writer.write_record(["word", "term", "freq", "per_million", "articles"])?;
        for r in &found.rows {
            writer.write_record([
                r.word.clone(),
                r.term.clone(),
                r.freq.to_string(),
                format!("{:.2}", r.per_million),
                r.articles.to_string(),
            ])?;
        }
        Ok(())
    };
    research_output::print(&found, &found.notes, args.form, rows, |out, layout, width| {
        print_table(out, &found, layout, width)
    })?;
    Ok(if found.rows.is_empty() { Outcome::Partial } else { Outcome::Success })
}

/// The list as a table, numbers right-aligned, fitted to `width`.
fn print_table(
    out: &mut dyn Write,
    found: &WordList,
    layout: Bidi,
    width: Option<usize>,
) -> io::Result<()> {
    let rows = &found.rows;
    if !rows.is_empty() {
        let columns = vec![
            Column::kept("freq", rows.iter().map(|r| r.freq.to_string()).collect()),
            Column::optional(
                "per M",
                rows.iter().map(|r| format!("{:.1}", r.per_million)).collect(),
            ),
            Column::optional("articles", rows.iter().map(|r| r.articles.to_string()).collect()),
        ];
        let texts = rows.iter().map(|r| r.word.as_str()).collect();
        let table = Table { text_header: "word", texts, columns, ranked: true };
        research_output::print_fitted(out, table, width, layout)?;
    }
    // The summary (standard error) after the table it sums up.
    out.flush()?;
    let what = match found.ngram {
        1 => "word".to_string(),
        n => format!("{n}-gram"),
    };
    say!(
        "{} {what}{} of {} seen {} time{} or more listed ({} distinct in all); {} words (\"per M\": per million of them) in {} of {} matching article{} holding {}{}{}",
        found.rows.len(),
        if found.rows.len() == 1 { "" } else { "s" },
        found.frequent,
        found.min_freq,
        if found.min_freq == 1 { "" } else { "s" },
        found.distinct,
        found.words,
        found.read,
        found.articles,
        if found.articles == 1 { "" } else { "s" },
        super::rule_words(found.rule),
        match found.by {
            GroupBy::Exact => "; exact forms",
            _ => "; stems",
        },
        super::kwic::copies_said(found.collapsed, found.copies_skipped)
    );
    Ok(())
}
