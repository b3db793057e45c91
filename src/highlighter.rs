//! Snippets of the original text with every matching word marked.
//!
//! tantivy's `SnippetGenerator` picks the best passage: it re-analyzes the
//! stored text with the field's own chain and scores passages by the query
//! terms they hold. Its width limit counts bytes, which halves Arabic
//! snippets, so Fahras gives it a byte budget and then fits the passage to a
//! width in characters, keeping the first match in view and cutting at
//! spaces. The marks are Fahras's own, from the same chain (so `الدوحه` in
//! a query marks `الدَّوحةِ` in the text, diacritics and all): a word searched
//! alone is marked wherever it occurs, a phrase's words only where they
//! stand together as the phrase.
//!
//! Highlight ranges are `[start, end)` in characters of the snippet text.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;

use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{Searcher, Term};

use crate::schema::Fields;
use crate::searcher::query::build::Phrase;

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
    /// Chooses the body's best passage.
    body: SnippetGenerator,
    body_marks: Marker,
    title_marks: Marker,
    max_chars: usize,
}

/// Marks a field's matches in a text: every occurrence of a term searched
/// alone, and the words of a phrase only where they stand together (so
/// `"محمد بن سلمان"` does not mark the `بن` of another name).
struct Marker {
    /// The field's own analysis chain, as indexed.
    analyzer: TextAnalyzer,
    /// Terms marked wherever they occur.
    terms: HashSet<String>,
    /// Phrases: (terms at their positions, slop).
    phrases: Vec<(Vec<(usize, String)>, usize)>,
}

impl Marker {
    fn new(
        analyzer: TextAnalyzer,
        terms: HashSet<String>,
        phrases: &[Phrase],
        field: Field,
    ) -> Marker {
        let phrases = phrases
            .iter()
            .filter(|p| p.terms.first().is_some_and(|(_, t)| t.field() == field))
            .map(|p| {
                let terms = p
                    .terms
                    .iter()
                    .map(|(at, t)| (*at, t.value().as_str().unwrap_or_default().to_string()))
                    .collect();
                (terms, p.slop as usize)
            })
            .collect();
        Marker { analyzer, terms, phrases }
    }

    /// The byte ranges of the matches in `text`, shifted by `offset`.
    fn marks(&self, text: &str, offset: usize) -> Vec<Range<usize>> {
        if self.terms.is_empty() && self.phrases.is_empty() {
            return Vec::new();
        }
        let mut analyzer = self.analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        // (position, term, byte range); the index chain gives two terms a
        // word, at one position.
        let mut tokens: Vec<(usize, String, Range<usize>)> = Vec::new();
        while let Some(token) = stream.next() {
            let range = offset + token.offset_from..offset + token.offset_to;
            tokens.push((token.position, token.text.clone(), range));
        }
        let mut marks: Vec<Range<usize>> = tokens
            .iter()
            .filter(|(_, term, _)| self.terms.contains(term))
            .map(|(_, _, range)| range.clone())
            .collect();
        for (words, slop) in &self.phrases {
            let Some((_, first)) = words.first() else { continue };
            for (start, _, first_range) in tokens.iter().filter(|(_, t, _)| t == first) {
                let mut found = vec![first_range.clone()];
                for (at, word) in &words[1..] {
                    let (from, to) = (start + at, start + at + slop);
                    match tokens.iter().find(|(p, t, _)| (from..=to).contains(p) && t == word) {
                        Some((_, _, range)) => found.push(range.clone()),
                        None => {
                            found.clear();
                            break;
                        }
                    }
                }
                marks.extend(found);
            }
        }
        marks.sort_by_key(|r| (r.start, r.end));
        marks
    }
}

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
    /// Prepares snippets of `max_chars` characters for the terms of `query`
    /// and the `phrases`.
    pub fn new(
        searcher: &Searcher,
        query: &dyn Query,
        phrases: &[Phrase],
        fields: &Fields,
        max_chars: usize,
    ) -> tantivy::Result<Highlighter> {
        // The terms and their weights are looked up once per field.
        let mut body_terms = query_terms(searcher, query, fields.body)?;
        let free: HashSet<String> = body_terms.keys().cloned().collect();
        // Phrase words help choose the passage too.
        let phrase_query = phrase_terms(phrases);
        body_terms.extend(query_terms(searcher, &phrase_query, fields.body)?);
        let body_tokenizer = searcher.index().tokenizer_for_field(fields.body)?;
        // Arabic letters take two bytes; harakat and spaces fewer or more.
        // Ask for a little more than needed and fit it in characters below.
        let passage_bytes = max_chars.saturating_mul(2).max(16);
        let body =
            SnippetGenerator::new(body_terms, body_tokenizer.clone(), fields.body, passage_bytes);
        let body_marks = Marker::new(body_tokenizer, free, phrases, fields.body);
        let title_terms: HashSet<String> =
            query_terms(searcher, query, fields.title)?.into_keys().collect();
        let title_tokenizer = searcher.index().tokenizer_for_field(fields.title)?;
        let title_marks = Marker::new(title_tokenizer, title_terms, phrases, fields.title);
        Ok(Highlighter { body, body_marks, title_marks, max_chars })
    }

    /// The best passage of `body`, at most `max_chars` characters wide; the
    /// beginning of the text when nothing in it matches.
    pub fn body_snippet(&self, body: &str) -> Snippet {
        let snippet = self.body.snippet(body);
        let start = snippet.fragment_range().start;
        let passage = snippet.fragment_range();
        // Where the passage's real matches are (not a lone phrase word).
        let marks = self.body_marks.marks(&body[passage.clone()], passage.start);
        let window = window(body, start, &marks, self.max_chars);
        // The window may reach past the passage tantivy chose: mark all of it.
        let all = self.body_marks.marks(&body[window.clone()], window.start);
        cut(body, window, &all)
    }

    /// The whole title with its matches marked.
    pub fn title(&self, title: &str) -> Snippet {
        let marks = self.title_marks.marks(title, 0);
        cut(title, 0..title.len(), &marks)
    }
}

/// The phrases' terms as one query, to weigh them like the others.
fn phrase_terms(phrases: &[Phrase]) -> BooleanQuery {
    let clauses = phrases
        .iter()
        .flat_map(|p| p.terms.iter())
        .map(|(_, term)| {
            let query = TermQuery::new(term.clone(), IndexRecordOption::Basic);
            (Occur::Should, Box::new(query) as Box<dyn Query>)
        })
        .collect();
    BooleanQuery::new(clauses)
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
