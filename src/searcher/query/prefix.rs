//! `word*` and `=word`: words matched on their exact (normalized, unstemmed)
//! forms, and words that start with them.

use std::ops::Bound;

use fahras_analyzers::chains::arabic_exact;
use fahras_analyzers::EXACT_MARKER;
use tantivy::query::{
    BooleanQuery, EmptyQuery, EnableScoring, InvertedIndexRangeQuery, Occur, PhrasePrefixQuery,
    PhraseQuery, Query, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{Searcher, Term};

/// Most terms a prefix expands to and is still ranked by BM25 over them;
/// past this, its articles match with one constant score.
pub(crate) const MAX_PREFIX_EXPANSIONS: usize = 1000;

/// Starts the text of a term that stands for every word beginning with the
/// rest of it: what a [`BroadPrefixQuery`] tells the highlighter. No word
/// holds NUL (the tokenizer splits at it), so no real term starts with it.
pub(crate) const PREFIX_TAG: char = '\u{0}';

/// A prefix with more than [`MAX_PREFIX_EXPANSIONS`] words: ranges of the
/// term dictionary, matched with one score, and its prefixes reported (as
/// [`PREFIX_TAG`]ged terms) so that every word they start is marked.
#[derive(Debug, Clone)]
pub(crate) struct BroadPrefixQuery {
    ranges: BooleanQuery,
    tagged: Vec<Term>,
}

impl Query for BroadPrefixQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        self.ranges.weight(enable_scoring)
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.tagged {
            visitor(term, false);
        }
    }
}

/// Returns true if and only if `query` is a prefix too broad to be ranked
/// by its words (see [`BroadPrefixQuery`]).
pub(crate) fn is_broad(query: &dyn Query) -> bool {
    query.downcast_ref::<BroadPrefixQuery>().is_some()
}

/// The exact terms of `word` (normalized, marked on a Fahras index).
pub(crate) fn exact_terms(field: Field, word: &str, marked: bool) -> Vec<Term> {
    let mut chain = TextAnalyzer::from(arabic_exact());
    let mut stream = chain.token_stream(word);
    let mut terms = Vec::new();
    while let Some(token) = stream.next() {
        let text =
            if marked { format!("{EXACT_MARKER}{}", token.text) } else { token.text.clone() };
        terms.push(Term::from_field_text(field, &text));
    }
    terms
}

/// `=word` on an analyzed field: its exact form, or the phrase of its forms
/// when it holds several words (`=covid-19`).
pub(crate) fn exact_query(field: Field, word: &str, marked: bool) -> Option<Box<dyn Query>> {
    let mut terms = exact_terms(field, word, marked);
    match terms.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(terms.remove(0), IndexRecordOption::WithFreqs))),
        _ => Some(Box::new(PhraseQuery::new(terms))),
    }
}

/// `word*` on an analyzed field: the exact forms starting with it and, on a
/// Fahras index, the stems starting with it, so `مكتب*` finds `المكتبة`
/// and `بالمكتبات`, whose exact forms start with a proclitic. A word that
/// holds several (`covid-1*`) is a phrase whose last word is a prefix.
pub(crate) fn prefix_query(
    searcher: &Searcher,
    field: Field,
    word: &str,
    marked: bool,
) -> tantivy::Result<Option<Box<dyn Query>>> {
    let mut terms = exact_terms(field, word, marked);
    match terms.len() {
        0 => Ok(None),
        1 => {
            let exact = terms.remove(0);
            let mut prefixes = vec![exact.clone()];
            if marked {
                let text = exact.value().as_str().unwrap_or_default().to_string();
                prefixes.push(Term::from_field_text(field, text.trim_start_matches(EXACT_MARKER)));
            }
            expand(searcher, &prefixes).map(Some)
        }
        _ => phrase_prefix(searcher, terms).map(Some),
    }
}

/// A phrase whose last term is a prefix, with every expansion of that
/// prefix: tantivy's default stops at 50 terms a segment, and it reserves
/// room for as many as it is allowed, so the limit is set to the most terms
/// the prefix has in any segment.
pub(crate) fn phrase_prefix(
    searcher: &Searcher,
    terms: Vec<Term>,
) -> tantivy::Result<Box<dyn Query>> {
    let last = terms.last().expect("a phrase has terms");
    let (start, end) = bounds(last);
    let mut most = 1u64;
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(last.field())?;
        let mut range = inverted.terms().range().ge(&start);
        if let Some(end) = &end {
            range = range.lt(end);
        }
        let mut stream = range.into_stream()?;
        let mut count = 0u64;
        while stream.advance() {
            count += 1;
        }
        most = most.max(count);
    }
    let mut query = PhrasePrefixQuery::new(terms);
    query.set_max_expansions(u32::try_from(most).unwrap_or(u32::MAX));
    Ok(Box::new(query))
}

/// Every term starting with one of `prefixes` (all of one field), ranked by
/// BM25 as an OR of those terms; past [`MAX_PREFIX_EXPANSIONS`], every
/// article holding any of them, with one constant score.
fn expand(searcher: &Searcher, prefixes: &[Term]) -> tantivy::Result<Box<dyn Query>> {
    let field = prefixes[0].field();
    let mut expansions: Vec<Vec<u8>> = Vec::new();
    'prefixes: for prefix in prefixes {
        let (start, end) = bounds(prefix);
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut range = inverted.terms().range().ge(&start);
            if let Some(end) = &end {
                range = range.lt(end);
            }
            let mut stream = range.into_stream()?;
            while stream.advance() {
                expansions.push(stream.key().to_vec());
                if expansions.len() > MAX_PREFIX_EXPANSIONS * 4 {
                    break 'prefixes;
                }
            }
        }
    }
    expansions.sort_unstable();
    expansions.dedup();
    if expansions.len() > MAX_PREFIX_EXPANSIONS {
        // Too many to rank: match them all, as ranges of the term dictionary
        // with no limit on the terms they span.
        let ranges = prefixes
            .iter()
            .map(|p| {
                let (start, end) = bounds(p);
                let lower = Bound::Included(key_term(field, &start));
                let upper = end.map_or(Bound::Unbounded, |e| Bound::Excluded(key_term(field, &e)));
                (
                    Occur::Should,
                    Box::new(InvertedIndexRangeQuery::new(lower, upper)) as Box<dyn Query>,
                )
            })
            .collect();
        let tagged = prefixes
            .iter()
            .filter_map(|p| p.value().as_str().map(|text| format!("{PREFIX_TAG}{text}")))
            .map(|text| Term::from_field_text(field, &text))
            .collect();
        return Ok(Box::new(BroadPrefixQuery { ranges: BooleanQuery::new(ranges), tagged }));
    }
    if expansions.is_empty() {
        return Ok(Box::new(EmptyQuery));
    }
    let terms: Vec<Term> = expansions
        .iter()
        .filter_map(|bytes| std::str::from_utf8(bytes).ok())
        .map(|text| Term::from_field_text(field, text))
        .collect();
    Ok(Box::new(BooleanQuery::new_multiterms_query(terms)))
}

/// The term-dictionary keys `[start, end)` of the terms starting with
/// `prefix` (no end when the prefix is all 0xFF bytes).
fn bounds(prefix: &Term) -> (Vec<u8>, Option<Vec<u8>>) {
    let start = prefix.serialized_value_bytes().to_vec();
    let mut end = start.clone();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return (start, Some(end));
        }
    }
    (start, None)
}

/// A text term of `field` whose value is the raw key `bytes` (which may
/// end inside a character, as a range bound).
fn key_term(field: Field, bytes: &[u8]) -> Term {
    let mut term = Term::from_field_text(field, "");
    term.append_bytes(bytes);
    term
}
