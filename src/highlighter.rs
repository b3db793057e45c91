//! Snippets of the original text with every matching word marked.
//!
//! tantivy's `SnippetGenerator` picks the best passage: it re-analyzes the
//! stored text with the field's own chain (so `الدوحه` in a query marks
//! `الدَّوحةِ` in the text, diacritics and all) and scores passages by the
//! query terms they hold. Its width limit counts bytes, which halves Arabic
//! snippets, so Fahras gives it a byte budget and then fits the passage to a
//! width in characters, keeping the first match in view and cutting at spaces.
//!
//! Highlight ranges are `[start, end)` in characters of the snippet text.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Searcher, Term};

use crate::schema::Fields;

/// A passage of a text with its marked matches.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The passage, with line breaks shown as spaces.
    pub text: String,
    /// Marked matches, as `[start, end)` character offsets into `text`.
    pub highlights: Vec<(usize, usize)>,
    /// The passage starts after the text's beginning.
    pub cut_before: bool,
    /// The passage ends before the text's end.
    pub cut_after: bool,
}

impl Snippet {
    /// The marked substrings, in order.
    pub fn marked(&self) -> Vec<String> {
        let chars: Vec<char> = self.text.chars().collect();
        self.highlights.iter().map(|&(s, e)| chars[s..e].iter().collect()).collect()
    }
}

/// Builds snippets for one query; reuse it for every hit of that query.
pub struct Highlighter {
    body: SnippetGenerator,
    /// Marks every match of a whole text (no width limit).
    body_marks: SnippetGenerator,
    title: SnippetGenerator,
    max_chars: usize,
}

/// A width no text reaches: the generator's one passage is the whole text.
const UNLIMITED: usize = usize::MAX / 2;

/// The query's terms on `field` that occur in the index, weighted as
/// tantivy's `SnippetGenerator::create` weighs them (rarer terms count more).
fn query_terms(
    searcher: &Searcher,
    query: &dyn Query,
    field: Field,
) -> tantivy::Result<BTreeMap<String, f32>> {
    let mut terms: BTreeSet<Term> = BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term.clone());
        }
    });
    let mut weighted = BTreeMap::new();
    for term in terms {
        let Some(text) = term.value().as_str().map(str::to_string) else { continue };
        let doc_freq = searcher.doc_freq(&term)?;
        if doc_freq > 0 {
            weighted.insert(text, 1.0 / (1.0 + doc_freq as f32));
        }
    }
    Ok(weighted)
}

/// How far (in characters) the cut may move to land on a space.
const SNAP_CHARS: usize = 15;

impl Highlighter {
    /// Prepares snippets of `max_chars` characters for `query`.
    pub fn new(
        searcher: &Searcher,
        query: &dyn Query,
        fields: &Fields,
        max_chars: usize,
    ) -> tantivy::Result<Highlighter> {
        // The query's terms and their weights are looked up once per field;
        // the body needs two generators (passage choice, marking a window).
        let body_terms = query_terms(searcher, query, fields.body)?;
        let body_tokenizer = searcher.index().tokenizer_for_field(fields.body)?;
        // Arabic letters take two bytes; harakat and spaces fewer or more.
        // Ask for a little more than needed and fit it in characters below.
        let passage_bytes = max_chars.saturating_mul(2).max(16);
        let body = SnippetGenerator::new(
            body_terms.clone(),
            body_tokenizer.clone(),
            fields.body,
            passage_bytes,
        );
        let body_marks = SnippetGenerator::new(body_terms, body_tokenizer, fields.body, UNLIMITED);
        let title = SnippetGenerator::new(
            query_terms(searcher, query, fields.title)?,
            searcher.index().tokenizer_for_field(fields.title)?,
            fields.title,
            UNLIMITED,
        );
        Ok(Highlighter { body, body_marks, title, max_chars })
    }

    /// The best passage of `body`, at most `max_chars` characters wide; the
    /// beginning of the text when nothing in it matches.
    pub fn body_snippet(&self, body: &str) -> Snippet {
        let snippet = self.body.snippet(body);
        let start = snippet.fragment_range().start;
        let marks: Vec<Range<usize>> =
            snippet.highlighted().iter().map(|r| start + r.start..start + r.end).collect();
        let window = window(body, start, &marks, self.max_chars);
        // The window may reach past the passage tantivy chose: mark all of it.
        let all = marks_in(&self.body_marks, &body[window.clone()], window.start);
        cut(body, window, &all)
    }

    /// The whole title with its matches marked.
    pub fn title(&self, title: &str) -> Snippet {
        let marks = marks_in(&self.title, title, 0);
        cut(title, 0..title.len(), &marks)
    }
}

/// Every match in `text`, as byte ranges shifted by `offset`.
fn marks_in(generator: &SnippetGenerator, text: &str, offset: usize) -> Vec<Range<usize>> {
    let snippet = generator.snippet(text);
    let start = offset + snippet.fragment_range().start;
    snippet.highlighted().iter().map(|r| start + r.start..start + r.end).collect()
}

/// Moves `at` back by `n` characters (not before 0).
fn back_chars(text: &str, at: usize, n: usize) -> usize {
    text[..at].char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i).min(at)
}

/// Moves `at` forward by `n` characters (not past the end).
fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    text[at..].char_indices().nth(n).map_or(text.len(), |(i, _)| at + i)
}

/// Fits a window of `text` of at most `max_chars` characters, starting near
/// byte `start`, around the byte ranges `marks`, and marks it.
#[cfg(test)]
fn fit(text: &str, start: usize, marks: &[Range<usize>], max_chars: usize) -> Snippet {
    cut(text, window(text, start, marks, max_chars), marks)
}

/// The byte range of a window of at most `max_chars` characters of `text`,
/// starting near byte `start`, that shows the first of `marks`, cut at
/// spaces where one is near.
fn window(text: &str, start: usize, marks: &[Range<usize>], max_chars: usize) -> Range<usize> {
    if max_chars == 0 || text.is_empty() {
        return 0..0;
    }
    let mut from = start.min(text.len());
    let mut to = forward_chars(text, from, max_chars);
    if let Some(first) = marks.first() {
        if first.end > to {
            // Keep the first match in view, with some text before it.
            from = back_chars(text, first.start, max_chars / 4);
            to = forward_chars(text, from, max_chars);
        }
    }
    if to == text.len() && from > 0 {
        // Room left at the end: show more of what comes before.
        from = back_chars(text, to, max_chars);
    }
    let keep_from = marks.first().map_or(to, |m| m.start);
    if from > 0 {
        if let Some(space) =
            text[from..].char_indices().take(SNAP_CHARS).find(|(_, c)| c.is_whitespace())
        {
            if from + space.0 < keep_from {
                from += space.0 + space.1.len_utf8();
            }
        }
    }
    let keep_to = marks.iter().filter(|m| m.end <= to).map(|m| m.end).max().unwrap_or(from);
    if to < text.len() {
        if let Some((i, _)) =
            text[..to].char_indices().rev().take(SNAP_CHARS).find(|(_, c)| c.is_whitespace())
        {
            if i >= keep_to && i > from {
                to = i;
            }
        }
    }
    from..to
}

/// The snippet of `text` over `range`, with the `marks` inside it.
fn cut(text: &str, range: Range<usize>, marks: &[Range<usize>]) -> Snippet {
    if range.is_empty() {
        return Snippet::default();
    }
    let (from, to) = (range.start, range.end);
    let window = &text[from..to];
    let mut highlights: Vec<(usize, usize)> = marks
        .iter()
        .filter(|m| m.start >= from && m.end <= to)
        .map(|m| {
            let s = text[from..m.start].chars().count();
            (s, s + text[m.start..m.end].chars().count())
        })
        .collect();
    // The index chain emits two terms per word at the same offsets, and
    // both may match: merge equal and overlapping ranges.
    highlights.sort_unstable();
    highlights.dedup_by(|next, prev| {
        if next.0 < prev.1 {
            prev.1 = prev.1.max(next.1);
            true
        } else {
            false
        }
    });
    let shown: String =
        window.trim_end().chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    Snippet { text: shown, highlights, cut_before: from > 0, cut_after: to < text.trim_end().len() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_count_characters_not_bytes() {
        let text = "كلمة ".repeat(40) + "الدَّوحةِ " + &"نص ".repeat(40);
        let at = text.find("الدَّوحةِ").unwrap();
        let marks = [Range { start: at, end: at + "الدَّوحةِ".len() }];
        let snippet = fit(&text, 0, &marks, 60);
        assert!(snippet.text.chars().count() <= 60, "{}", snippet.text);
        assert!(snippet.text.chars().count() >= 45, "{}", snippet.text);
        assert_eq!(snippet.marked(), ["الدَّوحةِ"]);
        assert!(snippet.cut_before && snippet.cut_after);
    }

    #[test]
    fn short_texts_are_whole() {
        let marks = [Range { start: 0, end: 6 }];
        let snippet = fit("قطر\nوالدوحة", 0, &marks, 100);
        assert_eq!(snippet.text, "قطر والدوحة");
        assert_eq!(snippet.highlights, [(0, 3)]);
        assert!(!snippet.cut_before && !snippet.cut_after);
    }
}
