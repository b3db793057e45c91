//! Human-readable results, laid out for the terminal.
//!
//! ```text
//!  1. بعد [الأمر التنفيذي] لترامب.. التحالف القطري الأمريكي
//!     2025-12-05 · تحيا مصر · seed-000 · score 14.21
//!     …أصدر الرئيس الأمريكي دونالد ترامب [أمراً تنفيذياً] تاريخياً…
//! ```
//!
//! Each result is its rank, its title, a line of metadata and the snippet.
//! With a width, every line fits it: text breaks at spaces and continues
//! under the title, not under the rank (a hanging indent); a match is
//! marked on each line it is on. How right-to-left text is written is
//! [`Bidi`]'s choice.

use std::io;

use fahras::searcher::{Copy, Hit, SearchResults, TotalRelation};
use fahras::Snippet;

use super::super::rule_words;
use super::bidi::{self, Bidi, LRI, PDI, RLM};
use super::escape;
use super::layout::{self, Marked};

/// How matches are marked.
#[derive(Debug, Clone)]
pub(crate) enum Markup {
    /// ANSI bold red, titles bold (a terminal without `NO_COLOR`).
    Color,
    /// Plain markers around each match, e.g. `[` and `]`.
    Markers(String, String),
}

/// Bold on.
const BOLD: &str = "\x1b[1m";
/// Every attribute off.
const RESET: &str = "\x1b[0m";

impl Markup {
    fn open(&self) -> &str {
        match self {
            Markup::Color => "\x1b[1;31m",
            Markup::Markers(open, _) => open,
        }
    }

    /// The end of a match; in a bold line, the line stays bold.
    fn close(&self, bold: bool) -> &str {
        match self {
            Markup::Color if bold => "\x1b[39m",
            Markup::Color => "\x1b[22;39m",
            Markup::Markers(_, close) => close,
        }
    }
}

/// Prints results for people.
pub(crate) struct Standard<W> {
    out: W,
    markup: Markup,
    /// Terminal cells a line may take (None: no limit).
    width: Option<usize>,
    bidi: Bidi,
}

/// Non-breaking space: keeps `score 29.54` on one line.
const NBSP: char = '\u{a0}';

impl<W: io::Write> Standard<W> {
    /// A printer writing to `out` with `markup`, lines of at most `width`
    /// cells, right-to-left text as `bidi` says.
    pub(crate) fn new(out: W, markup: Markup, width: Option<usize>, bidi: Bidi) -> Self {
        Standard { out, markup, width, bidi }
    }

    /// Prints hits, then a one-line summary.
    pub(crate) fn results(&mut self, results: &SearchResults) -> io::Result<()> {
        for hit in &results.hits {
            self.hit(hit)?;
        }
        let shown = results.hits.len();
        let first = results.hits.first().map_or(0, |h| h.rank);
        let last = results.hits.last().map_or(0, |h| h.rank);
        // A count past the limit a ranked list counts to is "more than".
        let more = |n: usize, relation: TotalRelation| match relation {
            TotalRelation::Gte => format!("more than {n}"),
            _ => n.to_string(),
        };
        let total = results.total;
        let articles = if total == 1 { "article" } else { "articles" };
        let stories = match results.stories {
            Some(n) if n != total || results.total_relation == TotalRelation::Gte => format!(
                " ({} {})",
                match results.total_relation {
                    TotalRelation::Gte => format!("at least {n}"),
                    _ => n.to_string(),
                },
                if n == 1 { "story" } else { "stories" }
            ),
            _ => String::new(),
        };
        let total = more(total, results.total_relation);
        // Both counts when the hits rank any of several words: the
        // articles holding all of them are what the counting commands count.
        let counted = match results.total_all {
            Some(all) => {
                let hold = if all == 1 { "article holds" } else { "articles hold" };
                let all = more(all, results.total_all_relation);
                format!("{all} {hold} all the words, {total} at least one{stories}")
            }
            None if results.rule_matters => {
                format!(
                    "{total} matching {articles}{stories}, holding {}",
                    rule_words(results.rule)
                )
            }
            None => format!("{total} matching {articles}{stories}"),
        };
        let summary = if shown > 0 {
            let space = if self.width.is_some() { NBSP } else { ' ' };
            format!(
                "{counted} (showing {first}–{last}) in {:.1}{space}ms",
                results.elapsed.as_secs_f64() * 1e3
            )
        } else {
            counted
        };
        let summary = plain(&summary);
        for range in layout::wrap(&summary, self.width.unwrap_or(0), 0) {
            let line: String = summary[range].iter().map(|&(c, _)| c).collect();
            writeln!(self.out, "{line}")?;
        }
        self.out.flush()
    }

    fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        let rtl = bidi::is_rtl(if hit.title.text.is_empty() {
            &hit.snippet.text
        } else {
            &hit.title.text
        });
        // The rank isolated: `1.` stays `1.` at the start of a right-to-left line.
        let rank: Vec<Marked> =
            format!("{LRI}{:>2}.{PDI} ", hit.rank).chars().map(|c| (c, false)).collect();
        let indent = layout::text_cells(rank.iter().map(|&(c, _)| c));
        let title = if hit.title.text.is_empty() {
            plain("(untitled)")
        } else {
            marked(&hit.title, false, false)
        };
        self.block(&rank, indent, &title, rtl, true)?;
        let mut meta: Vec<String> = Vec::new();
        meta.extend(hit.date.clone());
        meta.extend(hit.source.clone());
        meta.extend(hit.category.clone());
        meta.push(hit.id.clone());
        // Held together where lines are wrapped; plain spaces in a pipe.
        let space = if self.width.is_some() { NBSP } else { ' ' };
        if hit.score > 0.0 {
            meta.push(format!("score{space}{:.2}", hit.score));
        }
        // Its Latin and number runs are isolated by `block`, as every text.
        self.block(&[], indent, &plain(&meta.join(&format!("{space}· "))), rtl, false)?;
        if !hit.snippet.text.is_empty() {
            let snippet = marked(&hit.snippet, hit.snippet.cut_before, hit.snippet.cut_after);
            self.block(&[], indent, &snippet, rtl, false)?;
        }
        if !hit.copies.is_empty() {
            self.block(&[], indent, &plain(&copies_line(&hit.copies)), rtl, false)?;
        }
        writeln!(self.out)
    }

    /// `text` as a paragraph of its own: wrapped to the width, in the
    /// direction most of its letters take (for `show`).
    pub(crate) fn paragraph(&mut self, text: &str, bold: bool) -> io::Result<()> {
        if text.trim().is_empty() {
            return writeln!(self.out);
        }
        self.block(&[], 0, &plain(text), bidi::is_rtl(text), bold)
    }

    /// `text` after `first` (or `indent` spaces), wrapped to the width with
    /// the next lines indented as far.
    fn block(
        &mut self,
        first: &[Marked],
        indent: usize,
        text: &[Marked],
        rtl: bool,
        bold: bool,
    ) -> io::Result<()> {
        // Archive text: controls shown as escapes, never sent.
        let text = escape::visible_marked(layout::one_line(text));
        let text = match self.bidi {
            Bidi::Logical { marks: false } => text,
            _ => bidi::isolate_latin(&text),
        };
        let room = self.width.map_or(0, |w| w.saturating_sub(indent).max(1));
        let spaces: Vec<Marked> = vec![(' ', false); indent];
        let marker = self.marker_cells();
        for (n, range) in layout::wrap(&text, room, marker).into_iter().enumerate() {
            let mut line: Vec<Marked> =
                if n == 0 && !first.is_empty() { first.to_vec() } else { spaces.clone() };
            line.extend_from_slice(&text[range]);
            self.line(&line, rtl, bold)?;
        }
        Ok(())
    }

    /// The cells the markers around a match take.
    fn marker_cells(&self) -> usize {
        match &self.markup {
            Markup::Color => 0,
            Markup::Markers(open, close) => layout::text_cells(open.chars().chain(close.chars())),
        }
    }

    /// Writes one line, in the order [`Bidi`] says, its matches marked.
    fn line(&mut self, line: &[Marked], rtl: bool, bold: bool) -> io::Result<()> {
        let mut shown: Vec<Marked> = match self.bidi {
            Bidi::Visual => bidi::visual(line, rtl),
            Bidi::Logical { marks: true } => {
                let mut with_mark = Vec::with_capacity(line.len() + 1);
                if rtl {
                    with_mark.push((RLM, false));
                }
                with_mark.extend_from_slice(line);
                with_mark
            }
            Bidi::Logical { marks: false } => {
                line.iter().copied().filter(|&(c, _)| c != LRI && c != PDI).collect()
            }
        };
        if self.bidi == Bidi::Visual && rtl {
            // Aligned right, as a right-to-left paragraph is.
            if let Some(width) = self.width {
                let used = layout::marked_cells(&shown, self.marker_cells());
                let pad = width.saturating_sub(used);
                shown.splice(0..0, std::iter::repeat_n((' ', false), pad));
            }
        }
        let color = matches!(self.markup, Markup::Color);
        let mut out = String::with_capacity(shown.len() * 2 + 16);
        if bold && color {
            out.push_str(BOLD);
        }
        let mut open = false;
        for &(c, mark) in &shown {
            if mark != open {
                out.push_str(if mark { self.markup.open() } else { self.markup.close(bold) });
                open = mark;
            }
            out.push(c);
        }
        if open {
            out.push_str(self.markup.close(bold));
        }
        if bold && color {
            out.push_str(RESET);
        }
        writeln!(self.out, "{}", out.trim_end())
    }
}

/// `text`, nothing marked.
fn plain(text: &str) -> Vec<Marked> {
    text.chars().map(|c| (c, false)).collect()
}

/// The characters of `snippet` with its matches marked, with `…` where it
/// was cut.
fn marked(snippet: &Snippet, cut_before: bool, cut_after: bool) -> Vec<Marked> {
    let mut out = Vec::with_capacity(snippet.text.len() + 2);
    if cut_before {
        out.push(('…', false));
    }
    let mut marks = snippet.highlights.iter().peekable();
    for (n, c) in snippet.text.chars().enumerate() {
        while marks.peek().is_some_and(|&&(_, end)| end <= n) {
            marks.next();
        }
        let mark = marks.peek().is_some_and(|&&(start, end)| start <= n && n < end);
        out.push((c, mark));
    }
    if cut_after {
        out.push(('…', false));
    }
    out
}

/// `+3 copies (sources: alriyadh 2, okaz)`: a story's other matching
/// articles, counted by outlet.
fn copies_line(copies: &[Copy]) -> String {
    let mut sources: Vec<(&str, usize)> = Vec::new();
    for copy in copies {
        let source = copy.source.as_deref().unwrap_or("(none)");
        match sources.iter_mut().find(|(s, _)| *s == source) {
            Some((_, n)) => *n += 1,
            None => sources.push((source, 1)),
        }
    }
    sources.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let listed: Vec<String> = sources
        .iter()
        .map(|(s, n)| if *n == 1 { s.to_string() } else { format!("{s} {n}") })
        .collect();
    let noun = if copies.len() == 1 { "copy" } else { "copies" };
    format!("+{} {noun} (sources: {})", copies.len(), listed.join(", "))
}
