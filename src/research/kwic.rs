//! Concordance (key word in context): every place a query matches in the
//! articles' bodies, one line each, with the words before and after it in
//! the original text.
//!
//! The match is found by the search's own analysis (so `قطر` finds
//! `وقطرَ` and `القطرية`), and shown as written; a phrase query gives the
//! whole phrase as the match. Lines are in the order of the articles in the
//! search's ranking and of the places within each article, or sorted by
//! the word before the match (`Left`, as AntConc's "1L": in Arabic script
//! it stands to the match's right), the word after it (`Right`), the date
//! or the source.

use tantivy::collector::{Count, DocSetCollector};
use tantivy::TantivyDocument;

use crate::error::Result;
use crate::highlighter::Highlighter;
use crate::note::Note;
use crate::searcher::{Engine, SearchRequest};

use std::cmp::Ordering;
use std::ops::Range;

use serde::Serialize;

use crate::highlighter::Occurrence;
use crate::ingest::Record;
use crate::searcher::Match;

/// One occurrence of the query in an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct KwicLine {
    /// The article's id.
    pub id: String,
    /// Its rank in the search's ranking (1 is the best).
    pub rank: usize,
    /// Its date (`YYYY-MM-DD`), if it has one.
    pub date: Option<String>,
    /// Its source, if known.
    pub source: Option<String>,
    /// The text before the match, at most [`KwicOptions::context_chars`]
    /// characters, cut at a space; line breaks shown as spaces.
    pub left: String,
    /// The match, as written in the article.
    #[serde(rename = "match")]
    pub matched: String,
    /// The text after the match, as `left`.
    pub right: String,
    /// Where the match is in the article's body, in characters (Unicode
    /// scalar values, as Python counts them): `body[start..end]` is
    /// `matched`.
    pub start: usize,
    /// The end of the match, in characters, exclusive.
    pub end: usize,
}

/// The order of concordance lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum KwicSort {
    /// The search's ranking, then place in the article.
    #[default]
    Rank,
    /// The words before the match, nearest first.
    Left,
    /// The words after the match, nearest first.
    Right,
    /// Oldest first; undated last.
    Date,
    /// By source, then date.
    Source,
}

/// What to gather.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KwicOptions {
    /// Characters of context on each side (at most
    /// [`MAX_CONTEXT_CHARS`]).
    pub context_chars: usize,
    /// Lines to return at most (None: every line).
    pub lines: Option<usize>,
    /// Read every matching article, not only as many of the best as give
    /// `lines` lines (needed to sort all of them).
    pub all: bool,
    /// Line order.
    pub sort: KwicSort,
    /// Lines to skip first, in that order (a page of `lines` lines from
    /// `offset`).
    pub offset: usize,
}

impl Default for KwicOptions {
    fn default() -> KwicOptions {
        KwicOptions {
            context_chars: 40,
            lines: Some(100),
            all: false,
            sort: KwicSort::Rank,
            offset: 0,
        }
    }
}

/// Context at most, in characters each side.
pub const MAX_CONTEXT_CHARS: usize = 1_000;

/// A concordance.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Concordance {
    /// Articles the query matches, by `rule`.
    pub articles: usize,
    /// The rule the articles were matched by: all the words unless
    /// `--any` (`"match": "all"` or `"any"` in JSON).
    #[serde(rename = "match")]
    pub rule: Match,
    /// Whether copies of one story were read once: at its first article
    /// (earliest, as `collocates` and `--stories` count it) when every
    /// line is asked for, else at its best-ranked, as `search` shows it.
    /// `false`: every article.
    pub collapsed: bool,
    /// When collapsed: the stories the query matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stories: Option<usize>,
    /// Articles read to find the lines.
    pub read: usize,
    /// Matching copies of the stories read that were not read (their
    /// lines would repeat the story's).
    pub copies_skipped: usize,
    /// Occurrences found in the articles read (before the page of
    /// `offset` and `lines` was cut from them).
    pub found: usize,
    /// Lines skipped before the ones given (the page's start).
    pub offset: usize,
    /// The lines.
    pub lines: Vec<KwicLine>,
    /// What in the query was read differently from how it looked (as
    /// `search` says it).
    pub notes: Vec<crate::note::Note>,
}

/// The lines of `record` at `occurrences` (byte ranges of its body), with
/// `context_chars` characters of context.
pub fn lines_of(
    record: &Record,
    rank: usize,
    occurrences: &[Occurrence],
    context_chars: usize,
    date: Option<String>,
) -> Vec<KwicLine> {
    let body = record.body.as_str();
    let mut lines = Vec::with_capacity(occurrences.len());
    // Characters counted from the last occurrence on.
    let (mut byte, mut chars) = (0, 0);
    for o in occurrences {
        let Range { start, end } = o.range.clone();
        let start_chars = chars + body[byte..start].chars().count();
        let end_chars = start_chars + body[start..end].chars().count();
        (byte, chars) = (start, start_chars);
        lines.push(KwicLine {
            id: record.id.clone(),
            rank,
            date: date.clone(),
            source: record.source.clone(),
            left: one_line(left_context(body, start, context_chars)),
            matched: one_line(&body[start..end]),
            right: one_line(right_context(body, end, context_chars)),
            start: start_chars,
            end: end_chars,
        });
    }
    lines
}

/// At most `max_chars` characters of `text` before byte `at`, starting after a
/// space where there is one to cut at.
fn left_context(text: &str, at: usize, max_chars: usize) -> &str {
    let before = &text[..at];
    let from = before.char_indices().rev().nth(max_chars.saturating_sub(1)).map_or(0, |(i, _)| i);
    if max_chars == 0 {
        return "";
    }
    if from == 0 {
        return before;
    }
    let piece = &before[from..];
    match piece.find(char::is_whitespace) {
        Some(space) if space + 1 < piece.len() => &piece[space..],
        _ => piece,
    }
}

/// At most `max_chars` characters of `text` after byte `at`, ending before a
/// space where there is one to cut at.
fn right_context(text: &str, at: usize, max_chars: usize) -> &str {
    let after = &text[at..];
    let to = after.char_indices().nth(max_chars).map_or(after.len(), |(i, _)| i);
    if to == after.len() {
        return after;
    }
    let piece = &after[..to];
    match piece.rfind(char::is_whitespace) {
        Some(space) if space > 0 => &piece[..space],
        _ => piece,
    }
}

/// `text` with every line break and tab a space.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect()
}

/// Sorts `lines` in `order`.
pub fn sort(lines: &mut [KwicLine], order: KwicSort) {
    match order {
        KwicSort::Rank => lines.sort_by_key(|l| (l.rank, l.start)),
        // Keys computed once a line; ties by rank and place.
        KwicSort::Left => lines
            .sort_by_cached_key(|l| (words_key(l.left.split_whitespace().rev()), l.rank, l.start)),
        KwicSort::Right => {
            lines.sort_by_cached_key(|l| (words_key(l.right.split_whitespace()), l.rank, l.start))
        }
        KwicSort::Date => lines.sort_by(|a, b| {
            by_missing_last(&a.date, &b.date)
                .then_with(|| (a.rank, a.start).cmp(&(b.rank, b.start)))
        }),
        KwicSort::Source => lines.sort_by(|a, b| {
            by_missing_last(&a.source, &b.source)
                .then_with(|| by_missing_last(&a.date, &b.date))
                .then_with(|| (a.rank, a.start).cmp(&(b.rank, b.start)))
        }),
    }
}

/// Words as a sort key: each without harakat, tatweel or punctuation
/// (`الرئيسَ،` sorts as `الرئيس`), separated by a character below every
/// letter, so a shorter word sorts before its extensions.
fn words_key<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut key = String::new();
    for word in words {
        let letters = word.chars().filter(|&c| c.is_alphanumeric() && !is_haraka(c));
        let start = key.len();
        key.extend(letters);
        if key.len() > start {
            key.push('\u{1}');
        }
    }
    key
}

/// Harakat, shadda, sukun, superscript alef, tatweel.
pub(crate) fn is_haraka(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

fn by_missing_last(a: &Option<String>, b: &Option<String>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The concordance of `request`'s query: every place it matches the
/// bodies of the articles, in the search's ranking (its sort), as many
/// articles read as give `options.lines` lines, or all of them.
pub fn kwic(
    engine: &Engine,
    request: &SearchRequest,
    options: &KwicOptions,
) -> Result<Concordance> {
    let searcher = engine.searcher();
    let plan = engine.plan(&searcher, request)?;
    let mut highlighter =
        Highlighter::new(&searcher, &*plan.highlight, &plan.phrases, engine.fields(), 0)
            .map_err(|e| engine.tantivy_err(e))?;
    if highlighter.marks_nothing_in_bodies() {
        // Nothing to put in context (`-قطر`, `source:x`): every article
        // read would give no line.
        let articles =
            searcher.search(&*plan.ranked.base, &Count).map_err(|e| engine.tantivy_err(e))?;
        let mut notes = plan.said();
        notes.push(Note::NoWordInText);
        return Ok(Concordance {
            articles,
            rule: plan.rule,
            collapsed: request.collapse && engine.fields().stories.is_some(),
            stories: None,
            read: 0,
            copies_skipped: 0,
            found: 0,
            offset: options.offset,
            lines: Vec::new(),
            notes,
        });
    }
    let context_chars = options.context_chars.min(MAX_CONTEXT_CHARS);
    let wanted = match (options.all, options.lines) {
        (false, Some(n)) => n.saturating_add(options.offset),
        _ => usize::MAX,
    };
    let mut lines = Vec::new();
    let (mut read, mut offset, mut copies_skipped) = (0, 0, 0);
    let (mut articles, mut stories);
    // Pages of one ranking, larger as they go; everything at once when
    // every line is wanted.
    let mut limit = if wanted == usize::MAX { usize::MAX } else { 64 };
    // Every line of each story: read at its first article, as
    // `collocates` and `--stories` count it, in the ranking's order.
    let firsts = if options.all && request.collapse && engine.fields().stories.is_some() {
        let firsts = crate::stories::each::collect_each_story(
            &searcher,
            &*plan.ranked.base,
            &DocSetCollector,
        )
        .map_err(|e| engine.tantivy_err(e))?;
        Some(firsts)
    } else {
        None
    };
    let collapse = request.collapse && firsts.is_none();
    loop {
        let page_request = SearchRequest { offset, limit, collapse, ..request.clone() };
        let page = engine.rank(&searcher, &plan, &page_request)?;
        articles = page.total;
        stories = page.stories.or(firsts.as_ref().map(|f| f.len()));
        for (n, &(_, address)) in page.docs.iter().enumerate() {
            request.options.cancel.check()?;
            match &firsts {
                Some(firsts) if !firsts.contains(&address) => {
                    copies_skipped += 1;
                    continue;
                }
                Some(_) => {}
                None => copies_skipped += page.copies.get(n).map_or(0, |(_, copies)| copies.len()),
            }
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| engine.tantivy_err(e))?;
            let record = engine.fields().record_of(&doc);
            let found = highlighter.occurrences(&record.body);
            let date = record.date.map(crate::ingest::ArticleDate::day);
            lines.extend(lines_of(&record, read + 1, &found, context_chars, date));
            read += 1;
            if lines.len() >= wanted {
                break;
            }
        }
        offset += page.docs.len();
        limit = limit.saturating_mul(2);
        if lines.len() >= wanted || page.docs.is_empty() || offset >= articles {
            break;
        }
    }
    request.options.cancel.check()?;
    let found = lines.len();
    sort(&mut lines, options.sort);
    lines.drain(..options.offset.min(lines.len()));
    if let Some(n) = options.lines {
        lines.truncate(n);
    }
    Ok(Concordance {
        articles,
        rule: plan.rule,
        collapsed: stories.is_some(),
        stories,
        read,
        copies_skipped,
        found,
        offset: options.offset,
        lines,
        notes: plan.said(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_are_cut_at_spaces_within_the_width() {
        let text = "قال وزير الخارجية القطري إن الدوحة ترحب بالمبادرة الجديدة";
        let at = text.find("الدوحة").unwrap();
        let end = at + "الدوحة".len();
        assert_eq!(left_context(text, at, 12), " القطري إن ");
        assert_eq!(right_context(text, end, 12), " ترحب");
        assert_eq!(left_context(text, at, 1000), &text[..at]);
        assert_eq!(right_context(text, end, 1000), &text[end..]);
        assert_eq!(left_context(text, at, 0), "");
    }

    #[test]
    fn words_sort_without_their_harakat() {
        assert_eq!(words_key("الرئيسَ، ترامب".split_whitespace()), "الرئيس\u{1}ترامب\u{1}");
        assert!(words_key("كتب".split_whitespace()) < words_key("كتبت".split_whitespace()));
    }
}
