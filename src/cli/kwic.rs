//! `fahras kwic`: a concordance, one line per place the query matches, the
//! match in a centre column.

use std::io::{self, IsTerminal, Write};

use clap::Args;

use super::printer::bidi::{self, BidiChoice};
use super::printer::concordance::{print_table, TableOptions};
use super::query_args::QueryArgs;
use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::research::kwic::{Concordance, KwicLine, KwicOptions, KwicSort, MAX_CONTEXT_CHARS};
use fahras::searcher::Engine;

/// The flags of `fahras kwic` (its help text is `Command::Kwic`'s).
#[derive(Debug, Args)]
pub(crate) struct KwicArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The query, as `fahras search` reads it.
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Characters of context on each side of the match, at most (cut at a
    /// space; the terminal may show fewer).
    #[arg(long, value_name = "CHARS", default_value_t = 40,
          value_parser = clap::value_parser!(u32).range(0..=MAX_CONTEXT_CHARS as i64))]
    pub context: u32,
    /// Lines at most N cells wide, N 0 (no limit) or 20 and more [default:
    /// the terminal's width (COLUMNS, else its size); in a pipe, no limit].
    /// --bidi visual on a terminal always takes the terminal's width.
    #[arg(long, value_name = "N", value_parser = super::search::parse_width)]
    pub width: Option<usize>,
    /// Show each article's id before its date and source (left out first
    /// when the line is too narrow for it).
    #[arg(long)]
    pub ids: bool,
    /// Line order: rank (the search's), left (the word before the match,
    /// AntConc's 1L; in Arabic script it stands to the match's right),
    /// right (the word after it), date (oldest first) or source.
    #[arg(long, value_parser = super::choice::parser::<KwicSort>(), default_value = "rank")]
    pub sort: KwicSort,
    /// Lines to show at most (default 100; with --every, all).
    #[arg(long, short = 'n', value_name = "N")]
    pub lines: Option<usize>,
    /// Lines to skip first, in the order asked: with `-n`, a page of the
    /// concordance (`--every --sort left -n 100 --offset 100`: the second).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,
    /// Read every matching article, not only the best-ranked ones (to sort
    /// or count all the lines; `--all` and `--any` are the query flags
    /// requiring every word, or any).
    #[arg(long)]
    pub every: bool,
    /// Read every matching article: copies of one story too (by default
    /// each story is read once, at its best-ranked article, as `search`
    /// shows it).
    #[arg(long)]
    pub no_collapse: bool,
    #[command(flatten)]
    pub query_args: QueryArgs,
    /// Print one JSON object: counts, `"match"` (`"all"`: articles holding
    /// all the words, or `"any"`) and the lines (with each match's place in
    /// the article's body, in characters).
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV: id, rank, date, source, left, match, right, start, end.
    #[arg(long)]
    pub csv: bool,
    /// Right-to-left text: logical (stored order, for terminals that
    /// reorder it), visual (reordered, for those that do not), or auto (as
    /// `fahras search --help` says).
    #[arg(long, value_enum, value_name = "HOW", default_value_t = BidiChoice::Auto, env = "FAHRAS_BIDI")]
    pub bidi: BidiChoice,
}

/// Runs `fahras kwic`.
pub(crate) fn run(args: KwicArgs) -> Result<Outcome> {
    let engine = Engine::open(&args.dir.index)?;
    let mut request = args.query_args.counting_request(args.query.join(" "))?;
    request.collapse = !args.no_collapse;
    let options = KwicOptions {
        context_chars: args.context as usize,
        lines: match (args.lines, args.every) {
            (Some(n), _) => Some(n),
            (None, true) => None,
            (None, false) => KwicOptions::default().lines,
        },
        all: args.every,
        sort: args.sort,
        offset: args.offset,
    };
    let concordance = fahras::research::kwic(&engine, &request, &options)?;
    super::print_notes(&concordance.notes, super::stdout_layout(args.bidi));
    let io_err = |e| Error::io("<stdout>", e);
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.json {
        serde_json::to_writer(&mut out, &concordance)
            .map_err(|e| Error::io("<stdout>", e.into()))?;
        writeln!(out).map_err(io_err)?;
    } else if args.csv {
        write_csv(&mut out, &concordance.lines).map_err(io_err)?;
    } else {
        let terminal = io::stdout().is_terminal();
        let layout = bidi::resolve(args.bidi, terminal, |k| std::env::var(k).ok());
        let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let options = TableOptions {
            width: super::search::line_width(args.width, terminal, layout),
            bidi: layout,
            color,
            ids: args.ids,
        };
        print_table(&mut out, &concordance.lines, &options).map_err(io_err)?;
        print_summary(&concordance);
    }
    out.flush().map_err(io_err)?;
    // No line is nothing found, even where articles matched (`-قطر`: the
    // query has no word to show in context).
    Ok(if concordance.found == 0 { Outcome::Partial } else { Outcome::Success })
}

fn write_csv(out: &mut impl Write, lines: &[KwicLine]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let header = ["id", "rank", "date", "source", "left", "match", "right", "start", "end"];
    writer.write_record(header)?;
    for l in lines {
        writer.write_record([
            l.id.as_str(),
            &l.rank.to_string(),
            l.date.as_deref().unwrap_or(""),
            l.source.as_deref().unwrap_or(""),
            &l.left,
            &l.matched,
            &l.right,
            &l.start.to_string(),
            &l.end.to_string(),
        ])?;
    }
    writer.flush()
}

/// The summary line, on stderr.
fn print_summary(concordance: &Concordance) {
    if concordance.notes.contains(&fahras::note::Note::NoWordInText) {
        // Its note said why there is no line (exclusions, filters or
        // title-only words); the count is of the articles the query matches.
        let n = concordance.articles;
        say!(
            "0 lines: the query has no word to show in the articles' text ({n} article{} match it)",
            if n == 1 { "" } else { "s" }
        );
        return;
    }
    let shown = concordance.lines.len();
    let mut summary = format!(
        "{shown} line{} from {} of {} article{} holding {}",
        if shown == 1 { "" } else { "s" },
        concordance.read,
        concordance.articles,
        if concordance.articles == 1 { "" } else { "s" },
        super::rule_words(concordance.rule),
    );
    let after = concordance.offset + shown;
    if concordance.offset > 0 && shown == 0 {
        summary.push_str(&format!(
            " (none after line {}: {} found)",
            concordance.offset, concordance.found
        ));
    } else if concordance.offset > 0 {
        // A page: which lines it holds, of how many.
        let first = (concordance.offset + 1).min(concordance.found);
        summary.push_str(&format!(
            " (lines {first} to {} of {} found{})",
            after.min(concordance.found),
            concordance.found,
            if after < concordance.found { "; --offset to see more" } else { "" }
        ));
    } else if concordance.found > shown {
        summary.push_str(&format!(" ({} found; -n to see more)", concordance.found));
    } else if concordance.read > 0
        && concordance.read + concordance.copies_skipped < concordance.articles
    {
        summary.push_str(" (--every reads them all)");
    }
    summary.push_str(&copies_said(concordance.collapsed, concordance.copies_skipped));
    say!("{summary}");
}

/// How copies were counted, for a summary line: `; copies of one story read
/// once: 12 copies skipped (--no-collapse reads them)`.
pub(crate) fn copies_said(collapsed: bool, skipped: usize) -> String {
    match (collapsed, skipped) {
        (false, _) => "; every article read, copies of one story too".to_string(),
        (true, 0) => "; each story read once (no copy among them)".to_string(),
        (true, 1) => "; each story read once: 1 copy skipped (--no-collapse reads it)".to_string(),
        (true, n) => {
            format!("; each story read once: {n} copies skipped (--no-collapse reads them)")
        }
    }
}
