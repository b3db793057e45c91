//! Human-readable results.
//!
//! ```text
//!  1. بعد [الأمر التنفيذي] لترامب.. التحالف القطري الأمريكي
//!     2025-12-05 · تحيا مصر · seed-000 · score 14.21
//!     …أصدر الرئيس الأمريكي دونالد ترامب [أمراً تنفيذياً] تاريخياً…
//! ```

use std::io;

use fahras::highlighter::Snippet;
use fahras::searcher::{Hit, SearchResults};

/// How matches are marked.
#[derive(Debug, Clone)]
pub enum Markup {
    /// ANSI bold red, titles bold (a terminal without `NO_COLOR`).
    Color,
    /// Plain markers around each match, e.g. `[` and `]`.
    Markers(String, String),
}

impl Markup {
    fn open(&self) -> &str {
        match self {
            Markup::Color => "\x1b[1;31m",
            Markup::Markers(open, _) => open,
        }
    }

    fn close(&self) -> &str {
        match self {
            Markup::Color => "\x1b[0m",
            Markup::Markers(_, close) => close,
        }
    }
}

/// Prints results for people.
pub struct Standard<W> {
    out: W,
    markup: Markup,
}

impl<W: io::Write> Standard<W> {
    /// A printer writing to `out` with `markup`.
    pub fn new(out: W, markup: Markup) -> Self {
        Standard { out, markup }
    }

    /// Prints hits, then a one-line summary.
    pub fn results(&mut self, results: &SearchResults) -> io::Result<()> {
        for hit in &results.hits {
            self.hit(hit)?;
        }
        let shown = results.hits.len();
        let first = results.hits.first().map_or(0, |h| h.rank);
        let last = results.hits.last().map_or(0, |h| h.rank);
        if shown > 0 {
            writeln!(
                self.out,
                "{} matching articles (showing {first}–{last}) in {:.1} ms",
                results.total,
                results.elapsed.as_secs_f64() * 1e3
            )?;
        } else {
            writeln!(self.out, "{} matching articles", results.total)?;
        }
        self.out.flush()
    }

    fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        let title = if hit.title.text.is_empty() {
            "(untitled)".to_string()
        } else {
            self.marked(&hit.title)
        };
        let (bold, reset) = match self.markup {
            Markup::Color => ("\x1b[1m", "\x1b[0m"),
            Markup::Markers(..) => ("", ""),
        };
        writeln!(self.out, "{:>2}. {bold}{title}{reset}", hit.rank)?;
        let mut meta: Vec<String> = Vec::new();
        meta.extend(hit.date.clone());
        meta.extend(hit.source.clone());
        meta.extend(hit.category.clone());
        meta.push(hit.id.clone());
        if hit.score > 0.0 {
            meta.push(format!("score {:.2}", hit.score));
        }
        writeln!(self.out, "    {}", meta.join(" · "))?;
        if !hit.snippet.text.is_empty() {
            let before = if hit.snippet.cut_before { "…" } else { "" };
            let after = if hit.snippet.cut_after { "…" } else { "" };
            writeln!(self.out, "    {before}{}{after}", self.marked(&hit.snippet))?;
        }
        writeln!(self.out)
    }

    fn marked(&self, snippet: &Snippet) -> String {
        let mut out = String::with_capacity(snippet.text.len() + 16 * snippet.highlights.len());
        let mut marks = snippet.highlights.iter().peekable();
        for (n, c) in snippet.text.chars().enumerate() {
            if let Some(&&(start, _)) = marks.peek() {
                if start == n {
                    out.push_str(self.markup.open());
                }
            }
            out.push(c);
            if let Some(&&(_, end)) = marks.peek() {
                if end == n + 1 {
                    out.push_str(self.markup.close());
                    marks.next();
                }
            }
        }
        out
    }
}
