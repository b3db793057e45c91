//! Snippets of the original text with every matching word marked.
//!
//! One pass of the field's own chain over the stored text finds the words
//! that match the query (so `الدوحه` in a query marks `الدَّوحةِ` in the text,
//! diacritics and all); the passage shown is the window of the snippet's
//! width, in characters, that holds the most of the query's distinct terms,
//! rarer terms counting more. A word searched alone is marked wherever it
//! occurs, a phrase's words only where they stand together as the phrase.
//!
//! tantivy's `SnippetGenerator` chose the passage before: it analyzed the
//! text a second time and copied and lower-cased every term of it (two a
//! word with Fahras's index chain), which made snippets cost several times
//! the search itself.
//!
//! Highlight ranges are `[start, end)` in characters of the snippet text.

use std::collections::BTreeSet;

use fahras_analyzers::EXACT_MARKER;
use std::ops::Range;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream};
use tantivy::{Searcher, Term};

use crate::analysis::{query_analyzer, QueryMode};
use crate::schema::Fields;
use crate::searcher::query::build::{tokenizer_of, Phrase};
use crate::searcher::query::prefix::PREFIX_TAG;

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
pub(crate) struct Highlighter {
    body: Marker,
    title: Marker,
    max_chars: usize,
}

/// A query term as the marker knows it.
#[derive(Debug, Clone, Copy)]
struct TermInfo {
    /// Weight in choosing the passage: rarer terms count more.
    weight: f32,
    /// Searched alone somewhere in the query: marked wherever it occurs.
    free: bool,
}

/// One word of the text that is a query term.
#[derive(Debug, Clone)]
struct Match {
    position: usize,
    range: Range<usize>,
    term: usize,
    /// The phrase occurrence it is marked for (None: a term searched
    /// alone, marked wherever it is).
    phrase: Option<usize>,
}

/// Finds a field's query terms in a text: every occurrence of a term
/// searched alone, and the words of a phrase only where they stand together
/// (so `"محمد بن سلمان"` does not mark the `بن` of another name).
struct Marker {
    /// The chain that gave the query its terms: the field's query chain
    /// (one stem a word), or its index chain when exact forms are to be
    /// marked too. Kept from hit to hit, so its stemmer's memo stays warm.
    analyzer: TextAnalyzer,
    /// Query terms, by text; a query has few, and comparing them is
    /// cheaper than hashing every word of the text.
    terms: Vec<Box<str>>,
    infos: Vec<TermInfo>,
    /// Prefixes too broad to list their words (see
    /// [`BroadPrefixQuery`](crate::searcher::query::prefix::BroadPrefixQuery)):
    /// a word starting with one is that term; rarely any.
    prefixes: Vec<(Box<str>, usize)>,
    /// Phrases: (terms at their positions, as indexes into `infos`; slop).
    phrases: Vec<(Vec<(usize, usize)>, usize)>,
}

impl Marker {
    /// The marker of `field` for the terms of `query` and the `phrases`.
    fn new(
        searcher: &Searcher,
        query: &dyn Query,
        phrases: &[Phrase],
        field: Field,
        index_chain: bool,
    ) -> tantivy::Result<Marker> {
        let placeholder = TextAnalyzer::from(tantivy::tokenizer::RawTokenizer::default());
        let mut marker = Marker {
            analyzer: placeholder,
            terms: Vec::new(),
            infos: Vec::new(),
            prefixes: Vec::new(),
            phrases: Vec::new(),
        };
        let mut free: BTreeSet<Term> = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                free.insert(term.clone());
            }
        });
        for term in &free {
            match term.value().as_str().and_then(|t| t.strip_prefix(PREFIX_TAG)) {
                Some(prefix) => marker.add_prefix(searcher, prefix),
                None => marker.add(searcher, term, true).map(drop)?,
            }
        }
        for phrase in phrases {
            if phrase.terms.first().is_none_or(|(_, t)| t.field() != field) {
                continue;
            }
            let mut terms = Vec::with_capacity(phrase.terms.len());
            for (at, term) in &phrase.terms {
                match marker.add(searcher, term, false)? {
                    Some(id) => terms.push((*at, id)),
                    // A word no article holds: the phrase occurs nowhere.
                    None => break,
                }
            }
            if terms.len() == phrase.terms.len() {
                marker.phrases.push((terms, phrase.slop as usize));
            }
        }
        // A query's stems come from the field's query chain; exact forms
        // (`=word`, `--exact`) only from its index chain, which gives both.
        let tokenizer = tokenizer_of(searcher.schema(), field).unwrap_or_default();
        let exact =
            marker.terms.iter().any(|t| t.starts_with(EXACT_MARKER)) || !marker.prefixes.is_empty();
        marker.analyzer = match query_analyzer(&tokenizer, QueryMode::Stemmed) {
            Some(chain) if !exact && !index_chain => chain,
            _ => searcher.index().tokenizer_for_field(field)?,
        };
        Ok(marker)
    }

    fn find(&self, text: &str) -> Option<usize> {
        find(&self.terms, text)
    }

    /// Registers `term` (weighted by how rare it is) and returns its index;
    /// None when no article holds it.
    fn add(
        &mut self,
        searcher: &Searcher,
        term: &Term,
        free: bool,
    ) -> tantivy::Result<Option<usize>> {
        let value = term.value();
        let Some(text) = value.as_str() else { return Ok(None) };
        if let Some(id) = self.find(text) {
            self.infos[id].free |= free;
            return Ok(Some(id));
        }
        let doc_freq = searcher.doc_freq(term)?;
        if doc_freq == 0 {
            return Ok(None);
        }
        let id = self.infos.len();
        self.infos.push(TermInfo { weight: 1.0 / (1.0 + doc_freq as f32), free });
        self.terms.push(text.into());
        Ok(Some(id))
    }

    /// Registers a prefix whose words are too many to list: any word
    /// starting with it is one term, weighted as the commonest.
    fn add_prefix(&mut self, searcher: &Searcher, prefix: &str) {
        let id = self.infos.len();
        self.infos.push(TermInfo { weight: 1.0 / (1.0 + searcher.num_docs() as f32), free: true });
        // Never equal to a word: a word holds no tag.
        self.terms.push(format!("{PREFIX_TAG}{prefix}").into());
        self.prefixes.push((prefix.into(), id));
    }

    /// The words of `text` to mark, in order: each free term's occurrences
    /// and each phrase's words where the phrase occurs.
    fn marks(&mut self, text: &str) -> Vec<Match> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        self.marks_seeing(text, |_| {})
    }

    /// [`Marker::marks`], showing every token of the text to `see` on the
    /// way (one analysis pass for both).
    fn marks_seeing(&mut self, text: &str, mut see: impl FnMut(&Token)) -> Vec<Match> {
        let mut found = Vec::new();
        let mut stream = self.analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            see(token);
            let term = find(&self.terms, &token.text).or_else(|| {
                self.prefixes.iter().find(|(p, _)| token.text.starts_with(&**p)).map(|&(_, id)| id)
            });
            if let Some(term) = term {
                let range = token.offset_from..token.offset_to;
                found.push(Match { position: token.position, range, term, phrase: None });
            }
        }
        // None: not marked; Some(None): searched alone; Some(Some(n)): a
        // word of the n-th phrase occurrence.
        let mut keep: Vec<Option<Option<usize>>> =
            found.iter().map(|m| self.infos[m.term].free.then_some(None)).collect();
        let mut occurrence = 0;
        for (words, slop) in &self.phrases {
            let Some(&(_, first)) = words.first() else { continue };
            for (i, start) in found.iter().enumerate().filter(|(_, m)| m.term == first) {
                let mut members = vec![i];
                for &(at, word) in &words[1..] {
                    let span = start.position + at..=start.position + at + slop;
                    // Matches are in position order; a phrase is short.
                    let next = found[i..]
                        .iter()
                        .position(|m| m.term == word && span.contains(&m.position));
                    match next {
                        Some(k) => members.push(i + k),
                        None => {
                            members.clear();
                            break;
                        }
                    }
                }
                if members.is_empty() {
                    continue;
                }
                for k in members {
                    if keep[k].is_none() {
                        keep[k] = Some(Some(occurrence));
                    }
                }
                occurrence += 1;
            }
        }
        let mut marked = Vec::with_capacity(found.len());
        for (m, keep) in found.into_iter().zip(keep) {
            if let Some(phrase) = keep {
                marked.push(Match { phrase, ..m });
            }
        }
        marked
    }

    /// The window of at most `max_chars` characters of `text` that holds
    /// the most weight of distinct terms among `marks` (ties: more marks,
    /// then the earliest); its first and last marks.
    fn best_window(&self, text: &str, marks: &[Match], max_chars: usize) -> Option<Range<usize>> {
        // Each mark's start and end in characters, counted from the last
        // (a word's two terms share its range).
        let mut chars = Vec::with_capacity(marks.len());
        let mut last = (0, 0);
        for m in marks {
            let start = char_offset(text, last, m.range.start);
            let end = char_offset(text, (m.range.start, start), m.range.end);
            chars.push((start, end));
            last = (m.range.end, end);
        }
        let mut best: Option<(f32, usize, Range<usize>)> = None;
        let mut seen: Vec<usize> = Vec::new();
        for i in 0..marks.len() {
            seen.clear();
            let (mut score, mut j) = (0.0, i);
            while j < marks.len() && chars[j].1.saturating_sub(chars[i].0) <= max_chars {
                if !seen.contains(&marks[j].term) {
                    seen.push(marks[j].term);
                    score += self.infos[marks[j].term].weight;
                }
                j += 1;
            }
            let n = j - i;
            let better = match &best {
                None => true,
                Some((s, k, _)) => score > *s + 1e-9 || (score >= *s - 1e-9 && n > *k),
            };
            if better {
                best = Some((score, n, i..j.max(i + 1)));
            }
        }
        best.map(|(_, _, range)| range)
    }
}

impl Highlighter {
    /// Prepares snippets of `max_chars` characters for the terms of `query`
    /// and the `phrases`.
    pub(crate) fn new(
        searcher: &Searcher,
        query: &dyn Query,
        phrases: &[Phrase],
        fields: &Fields,
        max_chars: usize,
    ) -> tantivy::Result<Highlighter> {
        Ok(Highlighter {
            body: Marker::new(searcher, query, phrases, fields.body, false)?,
            title: Marker::new(searcher, query, phrases, fields.title, false)?,
            max_chars,
        })
    }

    /// A highlighter whose body passes give the body field's index-chain
    /// tokens (each word's exact form, then its stem unless it is a stop
    /// word) to [`Highlighter::occurrences_seeing`]; no snippets.
    pub(crate) fn with_index_chain(
        searcher: &Searcher,
        query: &dyn Query,
        phrases: &[Phrase],
        fields: &Fields,
    ) -> tantivy::Result<Highlighter> {
        Ok(Highlighter {
            body: Marker::new(searcher, query, phrases, fields.body, true)?,
            title: Marker::new(searcher, query, phrases, fields.title, false)?,
            max_chars: 0,
        })
    }

    /// Returns true if and only if no word of the body can be marked: the
    /// query has no word to find there (only exclusions or filters, or
    /// words no article holds).
    pub(crate) fn marks_nothing_in_bodies(&self) -> bool {
        self.body.terms.is_empty()
    }

    /// Every place the query matches in `body`, in order: a word searched
    /// alone, or a whole phrase where it stands (one occurrence from its
    /// first word to its last).
    pub(crate) fn occurrences(&mut self, body: &str) -> Vec<Occurrence> {
        if self.body.terms.is_empty() {
            return Vec::new();
        }
        occurrences(self.body.marks(body))
    }

    /// [`Highlighter::occurrences`], showing every token of `body` to `see`
    /// on the way.
    pub(crate) fn occurrences_seeing(
        &mut self,
        body: &str,
        see: impl FnMut(&Token),
    ) -> Vec<Occurrence> {
        let marks = self.body.marks_seeing(body, see);
        occurrences(marks)
    }

    /// The best passage of `body`, at most `max_chars` characters wide; the
    /// beginning of the text when nothing in it matches.
    pub(crate) fn body_snippet(&mut self, body: &str) -> Snippet {
        let marks = self.body.marks(body);
        let Some(best) = self.body.best_window(body, &marks, self.max_chars) else {
            return cut(body, window(body, 0, &[], self.max_chars), &[]);
        };
        let ranges: Vec<Range<usize>> = marks.iter().map(|m| m.range.clone()).collect();
        let (first, last) = (&ranges[best.start], &ranges[best.end - 1]);
        // Some words of context before the first mark, as room allows.
        let span = body[first.start..last.end].chars().count();
        let context = (self.max_chars.saturating_sub(span) / 2).min(self.max_chars / 4);
        let start = back_chars(body, first.start, context);
        let window = window(body, start, &ranges[best.start..], self.max_chars);
        // A phrase is marked whole or not at all: the window may cut one.
        let cut_phrase = |phrase: Option<usize>| {
            phrase.is_some_and(|n| {
                marks.iter().any(|m| {
                    m.phrase == Some(n)
                        && (m.range.start < window.start || m.range.end > window.end)
                })
            })
        };
        let ranges: Vec<Range<usize>> =
            marks.iter().filter(|m| !cut_phrase(m.phrase)).map(|m| m.range.clone()).collect();
        cut(body, window, &ranges)
    }

    /// Every match in the whole `body`, as `[start, end)` character offsets
    /// into it as stored (line breaks kept): an article shown whole.
    pub(crate) fn body_marks(&mut self, body: &str) -> Vec<(usize, usize)> {
        let mut ranges: Vec<Range<usize>> =
            self.body.marks(body).into_iter().map(|m| m.range).collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        // A word's exact and stemmed terms mark it twice; join overlaps.
        let mut joined: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match joined.last_mut() {
                Some(last) if range.start < last.end => last.end = last.end.max(range.end),
                _ => joined.push(range),
            }
        }
        let (mut byte, mut chars) = (0, 0);
        let mut to_chars = |to: usize| {
            chars += body[byte..to].chars().count();
            byte = to;
            chars
        };
        joined.into_iter().map(|r| (to_chars(r.start), to_chars(r.end))).collect()
    }

    /// The whole title with its matches marked.
    pub(crate) fn title(&mut self, title: &str) -> Snippet {
        let marks: Vec<Range<usize>> =
            self.title.marks(title).into_iter().map(|m| m.range).collect();
        cut(title, 0..title.len(), &marks)
    }
}

/// One place a query matches a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Bytes of the text, from the first matched word to the last.
    pub range: Range<usize>,
    /// Token positions, first to last (inclusive).
    pub positions: (usize, usize),
}

/// Marks as occurrences: each phrase occurrence merged into one, a word's
/// two terms (exact and stem) into one.
fn occurrences(marks: Vec<Match>) -> Vec<Occurrence> {
    let mut out: Vec<(Option<usize>, Occurrence)> = Vec::with_capacity(marks.len());
    for m in marks {
        let here = Occurrence { range: m.range.clone(), positions: (m.position, m.position) };
        let joins = |(phrase, o): &(Option<usize>, Occurrence)| {
            o.range == m.range || (m.phrase.is_some() && *phrase == m.phrase)
        };
        match out.iter_mut().rev().take(8).find(|p| joins(p)) {
            Some((_, o)) => {
                o.range = o.range.start.min(here.range.start)..o.range.end.max(here.range.end);
                o.positions = (o.positions.0.min(m.position), o.positions.1.max(m.position));
            }
            None => out.push((m.phrase, here)),
        }
    }
    let mut out: Vec<Occurrence> = out.into_iter().map(|(_, o)| o).collect();
    out.sort_by_key(|o| (o.range.start, o.range.end));
    // A word searched alone inside a phrase's occurrence is part of it.
    out.dedup_by(|next, prev| {
        if next.range.start < prev.range.end {
            prev.range.end = prev.range.end.max(next.range.end);
            prev.positions.1 = prev.positions.1.max(next.positions.1);
            true
        } else {
            false
        }
    });
    out
}

/// The index of `text` among `terms`.
fn find(terms: &[Box<str>], text: &str) -> Option<usize> {
    terms.iter().position(|t| **t == *text)
}

/// How far (in characters) the cut may move to land on a space.
const SNAP_CHARS: usize = 15;

/// The character offset of byte `to`, given that byte `from.0` is at
/// character `from.1`.
fn char_offset(text: &str, from: (usize, usize), to: usize) -> usize {
    let (byte, char) = from;
    if to >= byte {
        char + text[byte..to].chars().count()
    } else {
        char - text[to..byte].chars().count()
    }
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
