//! Concordance lines for people: the match in a centre column, the words
//! before it on its right, the words after it on its left (Arabic reads
//! right to left), then the article's date and source.
//!
//! With a width, every line fits it in terminal cells: the meta column goes
//! first when the contexts would be left fewer than [`MIN_SIDE_CELLS`]
//! each, then each context keeps the whole words nearest the match that
//! fit. The match starts at one column in every line: in stored order
//! (`--bidi logical`), after the same number of cells; reordered
//! (`--bidi visual`), it ends at the same column, a right-to-left word
//! starting at its right end. How right-to-left text is written is
//! [`Bidi`]'s choice.

use std::io;

use fahras::research::kwic::KwicLine;

use super::bidi::{self, Bidi, LRI, PDI, RLI, RLM};
use super::escape::visible_line;
use super::layout::{self, Marked};

/// Cells between two columns.
const GAP: usize = 2;
/// Context each side keeps before the meta column is given up, in cells:
/// two or three words.
const MIN_SIDE_CELLS: usize = 12;
/// Widest match column with a width, in cells (longer matches are cut).
const MAX_MATCH_CELLS: usize = 40;

/// How concordance lines are shown.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TableOptions {
    /// Terminal cells a line may take (None: no limit).
    pub width: Option<usize>,
    /// How right-to-left text is written.
    pub bidi: Bidi,
    /// The match in bold red.
    pub color: bool,
    /// The article's id before its date and source.
    pub ids: bool,
}

/// What the meta column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meta {
    /// The date and source (the id first, with `ids`).
    Full,
    /// The id alone.
    Id,
    /// Nothing: no meta column.
    None,
}

/// One line's pieces: one line each, controls shown as escapes.
struct Row {
    before: Vec<Marked>,
    matched: Vec<Marked>,
    after: Vec<Marked>,
    id: String,
    date_source: String,
}

impl Row {
    fn new(line: &KwicLine) -> Row {
        let date_source: Vec<&str> =
            line.date.iter().chain(&line.source).map(String::as_str).collect();
        Row {
            before: column_text(&line.left),
            matched: column_text(&line.matched),
            after: column_text(&line.right),
            id: visible_line(&line.id).into_owned(),
            date_source: visible_line(&date_source.join(" ")).into_owned(),
        }
    }

    /// The meta column's text.
    fn meta(&self, meta: Meta, ids: bool) -> String {
        match meta {
            Meta::Full if ids && !self.date_source.is_empty() => {
                format!("{} {}", self.id, self.date_source)
            }
            Meta::Full if ids => self.id.clone(),
            Meta::Full => self.date_source.clone(),
            Meta::Id => self.id.clone(),
            Meta::None => String::new(),
        }
    }
}

/// Archive text as a column shows it: one line, controls shown as escapes
/// (never sent); embeddings and isolates left out, since a stray one would
/// end (or never end) the isolate the column is put in.
fn column_text(text: &str) -> Vec<Marked> {
    let chars: Vec<Marked> = visible_line(text)
        .chars()
        .filter(|&c| !matches!(c, '\u{202A}'..='\u{202C}' | '\u{2066}'..='\u{2069}'))
        .map(|c| (c, false))
        .collect();
    layout::one_line(&chars)
}

/// The columns' widths, in cells; a column of 0 cells is left out with its
/// gap (the meta column), or shown empty (a context).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    before: usize,
    matched: usize,
    after: usize,
    meta: Meta,
    meta_cells: usize,
}

impl Columns {
    /// Columns for `rows` in `width` cells (None: as wide as the widest
    /// row needs).
    fn fit(rows: &[Row], width: Option<usize>, ids: bool) -> Columns {
        let widest = |f: &dyn Fn(&Row) -> usize| rows.iter().map(f).max().unwrap_or(0);
        let wanted_before = widest(&|r| cells(&r.before));
        let wanted_after = widest(&|r| cells(&r.after));
        let longest_match = widest(&|r| cells(&r.matched));
        let meta_cells = |meta: Meta| widest(&|r| layout::text_cells(r.meta(meta, ids).chars()));
        let Some(width) = width else {
            return Columns {
                before: wanted_before,
                matched: longest_match,
                after: wanted_after,
                meta: Meta::Full,
                meta_cells: meta_cells(Meta::Full),
            };
        };
        let matched =
            longest_match.min(MAX_MATCH_CELLS).min(width.saturating_sub(2 * GAP) / 2).max(1);
        let choices: &[Meta] = if ids { &[Meta::Full, Meta::Id] } else { &[Meta::Full] };
        for &meta in choices.iter().chain(&[Meta::None]) {
            let meta_cells = meta_cells(meta);
            let meta_taken = if meta_cells > 0 { meta_cells + GAP } else { 0 };
            let room = width.saturating_sub(matched + 2 * GAP + meta_taken);
            let (before, after) = split(room, wanted_before, wanted_after);
            let enough = |side: usize, wanted: usize| side >= MIN_SIDE_CELLS.min(wanted);
            if meta == Meta::None || (enough(before, wanted_before) && enough(after, wanted_after))
            {
                return Columns { before, matched, after, meta, meta_cells };
            }
        }
        unreachable!("Meta::None always fits")
    }

    /// The cells a whole line takes.
    fn total(&self) -> usize {
        let meta = if self.meta_cells > 0 { self.meta_cells + GAP } else { 0 };
        self.before + GAP + self.matched + GAP + self.after + meta
    }
}

/// `room` cells shared by two sides wanting `before` and `after`: half
/// each, what one side does not need given to the other.
fn split(room: usize, before: usize, after: usize) -> (usize, usize) {
    let half = room / 2;
    if before + after <= room {
        (before, after)
    } else if before <= room - half {
        (before, room - before)
    } else if after <= half {
        (room - after, after)
    } else {
        (room - half, half)
    }
}

/// Prints `lines` as a table, one line each, laid out as `options` says.
pub(crate) fn print_table(
    out: &mut impl io::Write,
    lines: &[KwicLine],
    options: &TableOptions,
) -> io::Result<()> {
    let rows: Vec<Row> = lines.iter().map(Row::new).collect();
    let columns = Columns::fit(&rows, options.width, options.ids);
    for row in &rows {
        let line = row_line(row, &columns, options);
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// One row as it is written.
fn row_line(row: &Row, columns: &Columns, options: &TableOptions) -> String {
    let before = layout::last_words(&row.before, columns.before);
    let after = layout::first_words(&row.after, columns.after);
    let matched = cut_match(&row.matched, columns.matched);
    let meta = row.meta(columns.meta, options.ids);
    let (bold, reset) = if options.color { ("\x1b[1;31m", "\x1b[0m") } else { ("", "") };
    let pad = |n: usize| " ".repeat(n);
    let gap = pad(GAP);
    let mut line = String::new();
    match options.bidi {
        Bidi::Visual => {
            // On the screen, left to right: the meta column, what follows
            // the match, the match, what precedes it; the whole aligned
            // right, as a right-to-left line is.
            let before = bidi::visual(before, true);
            let after = bidi::visual(after, true);
            let matched = bidi::visual(&matched, true);
            let meta: Vec<Marked> = meta.chars().map(|c| (c, false)).collect();
            let meta = bidi::visual(&meta, false);
            if let Some(width) = options.width {
                line.push_str(&pad(width.saturating_sub(columns.total())));
            }
            if columns.meta_cells > 0 {
                line.push_str(&text(&meta));
                line.push_str(&pad(columns.meta_cells - cells(&meta)));
                line.push_str(&gap);
            }
            line.push_str(&pad(columns.after - cells(&after)));
            line.push_str(&text(&after));
            line.push_str(&gap);
            line.push_str(&pad(columns.matched - cells(&matched)));
            line.push_str(&format!("{bold}{}{reset}", text(&matched)));
            line.push_str(&gap);
            line.push_str(&text(&before));
        }
        Bidi::Logical { marks } => {
            // Stored order: the terminal (or the reader of the pipe) puts
            // the line right to left. Each column isolated, so that the
            // terminal lays it out on its own: a Latin match next to
            // Latin context would otherwise join it and move.
            let (rlm, rli, lri, pdi) = if marks {
                (RLM.to_string(), RLI.to_string(), LRI.to_string(), PDI.to_string())
            } else {
                Default::default()
            };
            line.push_str(&rlm);
            line.push_str(&pad(columns.before - cells(before)));
            line.push_str(&format!("{rli}{}{pdi}{gap}", text(before)));
            line.push_str(&format!("{rli}{bold}{}{reset}{pdi}", text(&matched)));
            line.push_str(&pad(columns.matched - cells(&matched)));
            line.push_str(&format!("{gap}{rli}{}{pdi}", text(after)));
            if columns.meta_cells > 0 {
                line.push_str(&pad(columns.after - cells(after)));
                line.push_str(&format!("{gap}{lri}{meta}{pdi}"));
            }
        }
    }
    line
}

/// The match in `width` cells: whole words, and `…` where it was cut (a
/// long phrase); a first word too wide is cut inside.
fn cut_match(matched: &[Marked], width: usize) -> Vec<Marked> {
    if cells(matched) <= width {
        return matched.to_vec();
    }
    let room = width.saturating_sub(1);
    let mut kept = layout::first_words(matched, room).to_vec();
    if kept.is_empty() {
        let mut used = 0;
        kept = matched
            .iter()
            .take_while(|&&(c, _)| {
                used += layout::cells(c);
                used <= room
            })
            .copied()
            .collect();
    }
    kept.push(('…', false));
    kept
}

fn text(marked: &[Marked]) -> String {
    marked.iter().map(|&(c, _)| c).collect()
}

fn cells(marked: &[Marked]) -> usize {
    layout::text_cells(marked.iter().map(|&(c, _)| c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<Marked> {
        text.chars().map(|c| (c, false)).collect()
    }

    fn row(before: &str, matched: &str, after: &str) -> Row {
        Row {
            before: plain(before),
            matched: plain(matched),
            after: plain(after),
            id: "alarabiya-2017-06-05-000123".into(),
            date_source: "2017-06-05 alarabiya".into(),
        }
    }

    #[test]
    fn room_is_shared_and_what_one_side_leaves_goes_to_the_other() {
        assert_eq!(split(20, 5, 5), (5, 5));
        assert_eq!(split(20, 4, 40), (4, 16));
        assert_eq!(split(20, 40, 3), (17, 3));
        assert_eq!(split(21, 40, 40), (11, 10));
        assert_eq!(split(0, 40, 40), (0, 0));
    }

    /// At 80 cells the date and source stay; at 40 they go before the
    /// contexts shrink to nothing; ids, asked for, go last.
    #[test]
    fn the_meta_column_goes_before_the_context() {
        let long = "قال وزير الخارجية القطري إن الدوحة ترحب بالمبادرة";
        let rows = [row(long, "قطر", long)];
        let at = |width, ids| Columns::fit(&rows, Some(width), ids);
        assert_eq!(at(80, false).meta, Meta::Full);
        assert_eq!(at(40, false).meta, Meta::None);
        assert_eq!(at(120, true).meta, Meta::Full);
        assert_eq!(at(80, true).meta, Meta::Id);
        assert_eq!(at(40, true).meta, Meta::None);
        for (width, ids) in [(40, false), (80, false), (80, true), (120, true), (20, false)] {
            let columns = at(width, ids);
            assert!(columns.total() <= width, "{width}: {columns:?}");
        }
        let whole = Columns::fit(&rows, None, false);
        assert_eq!((whole.before, whole.after), (49, 49));
    }

    /// An isolate or embedding in the text would unbalance the isolates
    /// the columns are put in: each column's own pair stays the only one;
    /// controls are shown as escapes.
    #[test]
    fn columns_hold_no_stray_isolate() {
        let line = Row {
            before: column_text("قال \u{2069}وزير\n"),
            matched: column_text("قطر\u{2067}"),
            after: column_text("\u{202B}إن\u{1b}[2J"),
            id: "fx-001".into(),
            date_source: String::new(),
        };
        assert_eq!(text(&line.after), "إن\\x1b[2J");
        let columns = Columns::fit(std::slice::from_ref(&line), Some(80), false);
        let logical = Bidi::Logical { marks: true };
        let options = TableOptions { width: Some(80), bidi: logical, color: false, ids: false };
        let shown = row_line(&line, &columns, &options);
        assert_eq!(shown.matches(RLI).count(), 3, "{shown:?}");
        assert_eq!(shown.matches(PDI).count(), 3, "{shown:?}");
    }

    #[test]
    fn a_long_match_is_cut_between_words() {
        let matched = plain("مجلس التعاون لدول الخليج العربية");
        assert_eq!(text(&cut_match(&matched, 20)), "مجلس التعاون لدول…");
        assert_eq!(text(&cut_match(&matched, 4)), "مجل…");
        assert_eq!(text(&cut_match(&matched, 40)), "مجلس التعاون لدول الخليج العربية");
    }
}
