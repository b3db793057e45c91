//! The command line: `fahras <command> ...`, one file per command.

/// `eprintln!` that does not panic when standard error is a closed pipe
/// (`fahras index … 2>&1 | head`): the message is dropped instead.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub(crate) mod analyze;
pub(crate) mod bench;
pub(crate) mod choice;
pub(crate) mod collocates;
pub(crate) mod coverage;
pub(crate) mod dedupe;
pub(crate) mod demo;
pub(crate) mod dispersion;
pub(crate) mod dups;
pub(crate) mod eval;
pub(crate) mod export;
pub(crate) mod facets;
pub(crate) mod heatmap;
pub(crate) mod index;
pub(crate) mod keywords;
pub(crate) mod kwic;
pub(crate) mod optimize;
pub(crate) mod plot;
pub(crate) mod printer;
pub(crate) mod progress;
pub(crate) mod query_args;
pub(crate) mod reindex;
pub(crate) mod research_output;
pub(crate) mod search;
#[cfg(feature = "server")]
pub(crate) mod serve;
pub(crate) mod show;
pub(crate) mod stats;
pub(crate) mod timeline;
pub(crate) mod words;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use fahras::analysis::IndexAnalyzer;
use fahras::error::Result;

/// Fahras (فهرس): Arabic full-text search for news archives.
#[derive(Debug, Parser)]
#[command(name = "fahras", version, about, max_term_width = 100)]
pub(crate) struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Add articles (JSON Lines, CSV, TSV, Gigaword SGML, Parquet, .gz/.zst, text folders, -) to an index.
    Index(index::IndexArgs),
    /// Search an index: ranked articles with highlighted snippets.
    Search(search::SearchArgs),
    /// Serve the index over HTTP: a JSON API and a web page.
    #[cfg(feature = "server")]
    Serve(serve::ServeArgs),
    /// Print one whole article by id.
    Show(show::ShowArgs),
    /// Count the matching articles by source, category and year.
    Facets(facets::FacetsArgs),
    /// Write every matching article whole, as JSON Lines or CSV.
    Export(export::ExportArgs),
    /// Count the matching articles per day, week, month or year.
    Timeline(timeline::TimelineArgs),
    /// What the archive holds: its articles per period and outlet, gaps shown.
    Coverage(coverage::CoverageArgs),
    /// Every place the query matches, in context (concordance).
    ///
    /// One line per occurrence in the articles' bodies: the words before
    /// the match, the match as written (a phrase query's whole phrase), the
    /// words after it, and the article's date and source (--ids: its id
    /// too). The articles matched hold all the query's words (--any: any of
    /// them); the best-ranked are read until -n lines are found, --every
    /// reads every one. On a terminal each line fits its width (--width):
    /// the date and source are left out when they would leave less than a
    /// few words of context, each side keeps the whole words nearest the
    /// match that fit (at most --context characters), and the match starts
    /// at one column in every line. Piped, without --width, lines are whole.
    /// Exit status: 0 found, 1 nothing found, 2 error.
    Kwic(kwic::KwicArgs),
    /// The words found near the matches, ranked by association.
    Collocates(collocates::CollocatesArgs),
    /// The words one set of articles uses more than another (keywords).
    Keywords(keywords::KeywordsArgs),
    /// The words or n-grams of the matching articles, by frequency.
    Words(words::WordsArgs),
    /// How evenly the matches spread over outlets, sections, years, months.
    Dispersion(dispersion::DispersionArgs),
    /// Describe an index: articles, size, dates, sources, settings.
    Stats(stats::StatsArgs),
    /// List the stories with copies (near-duplicate articles grouped).
    Dups(dups::DupsArgs),
    /// Group the copies of an existing index anew (rebuilds it, atomically).
    Dedupe(dedupe::DedupeArgs),
    /// Merge an index into one segment, for the fastest searches.
    Optimize(optimize::OptimizeArgs),
    /// Rebuild an index from its stored articles and swap it in atomically.
    Reindex(reindex::ReindexArgs),
    /// Show how a text is analyzed: terms, positions, offsets.
    Analyze(analyze::AnalyzeArgs),
    /// Replay a query log and report latency (p50, p95, p99) per mode.
    Bench(bench::BenchArgs),
    /// Search the bundled sample corpus, indexing it on first use.
    Demo(demo::DemoArgs),
    /// Score relevance on queries with TREC qrels (MRR@10, Recall, nDCG).
    Eval(eval::EvalArgs),
}

/// How a command ended, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Found or did what was asked: exit 0.
    Success,
    /// Nothing matched, or some records were rejected: exit 1.
    Partial,
}

/// The `--index DIR` argument shared by commands.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct IndexDir {
    /// The index directory.
    #[arg(long, short = 'i', value_name = "DIR", env = "FAHRAS_INDEX")]
    pub index: PathBuf,
}

/// Runs the parsed command line.
pub(crate) fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Index(args) => index::run(args),
        Command::Search(args) => search::run(args),
        #[cfg(feature = "server")]
        Command::Serve(args) => serve::run(args),
        Command::Show(args) => show::run(args),
        Command::Facets(args) => facets::run(args),
        Command::Export(args) => export::run(args),
        Command::Timeline(args) => timeline::run(args),
        Command::Coverage(args) => coverage::run(args),
        Command::Kwic(args) => kwic::run(args),
        Command::Collocates(args) => collocates::run(args),
        Command::Keywords(args) => keywords::run(args),
        Command::Words(args) => words::run(args),
        Command::Dispersion(args) => dispersion::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Dups(args) => dups::run(args),
        Command::Dedupe(args) => dedupe::run(args),
        Command::Optimize(args) => optimize::run(args),
        Command::Reindex(args) => reindex::run(args),
        Command::Analyze(args) => analyze::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Demo(args) => demo::run(args),
        Command::Bench(args) => bench::run(args),
    }
}

/// `--analyzer` of `index` and `reindex`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AnalyzerArg {
    /// Arabic normalization and light stemming, exact and stemmed terms.
    Fahras,
    /// tantivy's Snowball Arabic stemmer (baseline).
    Snowball,
    /// tantivy's default tokenizer, no Arabic analysis (baseline).
    Plain,
}

impl From<AnalyzerArg> for IndexAnalyzer {
    fn from(analyzer: AnalyzerArg) -> IndexAnalyzer {
        match analyzer {
            AnalyzerArg::Fahras => IndexAnalyzer::Fahras,
            AnalyzerArg::Snowball => IndexAnalyzer::Snowball,
            AnalyzerArg::Plain => IndexAnalyzer::Plain,
        }
    }
}

/// A query's notes on standard error, one `note:` line each, in the
/// `layout` of standard output (both are most often the terminal):
/// `search`, `kwic` and `collocates` say them alike.
pub(crate) fn print_notes(notes: &[fahras::note::Note], layout: printer::bidi::Bidi) {
    for note in notes {
        say!("{}", printer::bidi::for_display(&format!("note: {note}"), layout));
    }
}

/// What a count under `rule` counts, for a summary line: "all the
/// words" or "any of the words" (an article holding …).
pub(crate) fn rule_words(rule: fahras::searcher::Match) -> &'static str {
    match rule {
        fahras::searcher::Match::All => "all the words",
        fahras::searcher::Match::Any => "any of the words",
    }
}

/// The layout of right-to-left text `bidi` asks for on standard output.
pub(crate) fn stdout_layout(bidi: printer::bidi::BidiChoice) -> printer::bidi::Bidi {
    use std::io::IsTerminal;
    printer::bidi::resolve(bidi, std::io::stdout().is_terminal(), |k| std::env::var(k).ok())
}

/// The arguments with each excluded query word (`-قطر`, `-"مجلس التعاون"`,
/// `-(أ ب)`) made a value clap cannot take for a flag: a space before it,
/// which the query parser ignores. Every flag is `-` and an ASCII letter or
/// digit, or `--`, so nothing else changes; `-` alone (standard input) and
/// negative numbers stay as they are.
pub(crate) fn excluded_words_as_values(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> Vec<std::ffi::OsString> {
    args.into_iter()
        .enumerate()
        .map(|(n, arg)| {
            let excluded = n > 0
                && arg.to_str().and_then(|a| a.strip_prefix('-')).is_some_and(|rest| {
                    rest.chars().next().is_some_and(|c| !c.is_ascii_alphanumeric() && c != '-')
                });
            if excluded {
                let mut spaced = std::ffi::OsString::from(" ");
                spaced.push(&arg);
                spaced
            } else {
                arg
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excluded_words_are_values_and_flags_stay_flags() {
        let args = ["fahras", "kwic", "-قطر", "-\"مجلس التعاون\"", "-n", "5", "--json", "-", "-3"];
        let seen: Vec<String> = excluded_words_as_values(args.map(std::ffi::OsString::from))
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect();
        let expected =
            ["fahras", "kwic", " -قطر", " -\"مجلس التعاون\"", "-n", "5", "--json", "-", "-3"];
        assert_eq!(seen, expected);
    }
}
