//! `fahras kwic`: a concordance, one line per place the query matches, the
//! match in a centre column.

use std::io::{self, IsTerminal, Write};

use clap::Args;

use super::printer::bidi::{self, Bidi, BidiChoice, LRI, PDI, RLM};
use super::printer::escape::visible_line;
use super::printer::layout::{cells, text_cells, Marked};
use super::query_args::QueryArgs;
use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::research::kwic::{Concordance, KwicLine, KwicOptions, KwicSort, MAX_WIDTH};
use fahras::searcher::Engine;

/// Every place the query matches, in context (key word in context).
///
/// One line per occurrence in the articles' bodies: the words before the
/// match, the match as written (a phrase query's whole phrase), the words
/// after it, and the article's id, date and source. The articles matched
/// hold all the query's words (`--any`: any of them); the best-ranked are
/// read until `-n` lines are found, `--every` reads every one. Exit status: 0 found, 1 nothing found, 2 error.
#[derive(Debug, Args)]
pub(crate) struct KwicArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The query, as `fahras search` reads it.
    #[arg(value_name = "QUERY", required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Characters of context on each side of the match.
    #[arg(long, short = 'w', value_name = "CHARS", default_value_t = 40,
          value_parser = clap::value_parser!(u32).range(0..=MAX_WIDTH as i64))]
    pub width: u32,
    /// Line order: rank (the search's), left (the word before the match,
    /// AntConc's 1L; in Arabic script it stands to the match's right),
    /// right (the word after it), date (oldest first) or source.
    #[arg(long, value_parser = super::choice::parser::<KwicSort>(), default_value = "rank")]
    pub sort: KwicSort,
    /// Lines to show at most (default 100; with --every, all).
    #[arg(long, short = 'n', value_name = "N")]
    pub lines: Option<usize>,
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
    /// How right-to-left text is laid out: auto, logical or visual.
    #[arg(long, value_enum, default_value_t = BidiChoice::Auto, env = "FAHRAS_BIDI")]
    pub bidi: BidiChoice,
}

/// Runs `fahras kwic`.
pub(crate) fn run(args: KwicArgs) -> Result<Outcome> {
    let engine = Engine::open(&args.dir.index)?;
    let mut request = args.query_args.counting_request(args.query.join(" "))?;
    request.collapse = !args.no_collapse;
    let options = KwicOptions {
        width: args.width as usize,
        lines: match (args.lines, args.every) {
            (Some(n), _) => Some(n),
            (None, true) => None,
            (None, false) => KwicOptions::default().lines,
        },
        all: args.every,
        sort: args.sort,
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
        print_table(&mut out, &concordance, args.width as usize, layout, color).map_err(io_err)?;
    }
    out.flush().map_err(io_err)?;
    Ok(if concordance.articles == 0 { Outcome::Partial } else { Outcome::Success })
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

/// Widest match column, in cells (longer matches are cut).
const MAX_MATCH_CELLS: usize = 40;

/// The lines as a table: the match aligned in a centre column.
fn print_table(
    out: &mut impl Write,
    concordance: &Concordance,
    width: usize,
    layout: Bidi,
    color: bool,
) -> io::Result<()> {
    let lines = &concordance.lines;
    let match_cells =
        lines.iter().map(|l| text_cells(l.matched.chars())).max().unwrap_or(0).min(MAX_MATCH_CELLS);
    let meta: Vec<String> = lines
        .iter()
        .map(|l| {
            let mut m = visible_line(&l.id).into_owned();
            if let Some(d) = &l.date {
                m = format!("{m} {d}");
            }
            m
        })
        .collect();
    let meta_cells = meta.iter().map(|m| text_cells(m.chars())).max().unwrap_or(0);
    let (bold, reset) = if color { ("\x1b[1;31m", "\x1b[0m") } else { ("", "") };
    for (line, meta) in lines.iter().zip(&meta) {
        // Archive text: controls shown as escapes, never sent.
        let chars =
            |t: &str| -> Vec<Marked> { visible_line(t).chars().map(|c| (c, false)).collect() };
        let matched = keep_left(&chars(&line.matched), MAX_MATCH_CELLS);
        let source = visible_line(line.source.as_deref().unwrap_or(""));
        match layout {
            Bidi::Visual => {
                // On the screen, left to right: what follows the match,
                // the match, what precedes it.
                let after = bidi::visual(&chars(line.right.trim()), true);
                let before = bidi::visual(&chars(line.left.trim()), true);
                let matched = bidi::visual(&matched, true);
                let after = keep_right(&after, width);
                let before = keep_left(&before, width);
                writeln!(
                    out,
                    "{meta:<mw$}  {pad_a}{a}  {bold}{m}{reset}{pad_m}  {b}{pad_b}  {source}",
                    mw = meta_cells,
                    pad_a = " ".repeat(width - cells_of(&after)),
                    a = text(&after),
                    m = text(&matched),
                    pad_m = " ".repeat(match_cells.saturating_sub(cells_of(&matched))),
                    b = text(&before),
                    pad_b = " ".repeat(width - cells_of(&before)),
                )?;
            }
            Bidi::Logical { marks } => {
                // Stored order: the terminal (or the reader of the pipe)
                // puts the line right to left; every column padded so the
                // match sits at one place in each line.
                let before = keep_right(&chars(line.left.trim()), width);
                let after = keep_left(&chars(line.right.trim()), width);
                let (rlm, lri, pdi) =
                    if marks { (RLM.to_string(), LRI, PDI) } else { (String::new(), ' ', ' ') };
                writeln!(
                    out,
                    "{rlm}{pad_b}{b}  {bold}{m}{reset}{pad_m}  {a}{pad_a}  {lri}{meta:<mw$} {source}{pdi}",
                    pad_b = " ".repeat(width - cells_of(&before)),
                    b = text(&before),
                    m = text(&matched),
                    pad_m = " ".repeat(match_cells.saturating_sub(cells_of(&matched))),
                    a = text(&after),
                    pad_a = " ".repeat(width - cells_of(&after)),
                    mw = meta_cells,
                )?;
            }
        }
    }
    let shown = lines.len();
    let mut summary = format!(
        "{shown} line{} from {} of {} article{} holding {}",
        if shown == 1 { "" } else { "s" },
        concordance.read,
        concordance.articles,
        if concordance.articles == 1 { "" } else { "s" },
        super::rule_words(concordance.rule),
    );
    if concordance.found > shown {
        summary.push_str(&format!(" ({} found; -n to see more)", concordance.found));
    } else if concordance.read > 0
        && concordance.read + concordance.copies_skipped < concordance.articles
    {
        summary.push_str(" (--every reads them all)");
    }
    summary.push_str(&copies_said(concordance.collapsed, concordance.copies_skipped));
    say!("{summary}");
    Ok(())
}

fn text(marked: &[Marked]) -> String {
    marked.iter().map(|&(c, _)| c).collect()
}

fn cells_of(marked: &[Marked]) -> usize {
    text_cells(marked.iter().map(|&(c, _)| c))
}

/// The leading characters of `text` that fit in `width` cells.
fn keep_left(text: &[Marked], width: usize) -> Vec<Marked> {
    let mut used = 0;
    let mut end = 0;
    for (i, &(c, _)) in text.iter().enumerate() {
        used += cells(c);
        if used > width {
            break;
        }
        end = i + 1;
    }
    text[..end].to_vec()
}

/// The trailing characters of `text` that fit in `width` cells (combining
/// marks stay with the letter before them).
fn keep_right(text: &[Marked], width: usize) -> Vec<Marked> {
    let mut used = 0;
    let mut start = text.len();
    for (i, &(c, _)) in text.iter().enumerate().rev() {
        used += cells(c);
        if used > width {
            break;
        }
        start = i;
    }
    // Do not begin with a combining mark cut from its letter.
    while start < text.len() && cells(text[start].0) == 0 {
        start += 1;
    }
    text[start..].to_vec()
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
