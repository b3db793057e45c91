//! A slip of the keyboard: `الرياظ` for `الرياض`.
//!
//! A word the archive barely holds, as typed, is looked up among its
//! neighbours at edit distance one (a letter replaced, dropped, added, or
//! two swapped) with tantivy's Levenshtein automaton run over the term
//! dictionary of the normalized exact forms: no scan of the dictionary. When
//! one neighbour is far more common, it is searched beside the word as typed,
//! at a lower weight, and the search says so. A word the archive holds often
//! is never corrected, however common its neighbours (`فلسطين` stays).

use std::collections::HashMap;

use fahras_analyzers::EXACT_MARKER;
use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::slips;

/// Weight of a correction's terms next to the word as typed at 1.
pub(crate) const CORRECTION_WEIGHT: f32 = 0.6;

/// A word in fewer articles than this, as typed, may be a slip.
pub(crate) const RARE: u64 = 1;

/// How many times more articles than the word as typed a neighbour must be
/// in to be searched.
///
/// The constants were chosen on news-title-dev, clean and hurried (`fahras
/// eval --hurry`), with every query looked up (before the limit of
/// [`MAX_QUERY_WORDS`]), MRR@10 (rare, more common, weight): 5, 20, 0.8:
/// 0.6269 / 0.5926; 1, 20, 0.8: 0.6279 / 0.5931; 1, 20, 0.5: 0.6295 /
/// 0.5889; 5, 100, 0.8: 0.6279 / 0.5907; 2, 50, 0.6: 0.6304 / 0.5911,
/// against 0.6291 / 0.5822 with no correction: the only setting tried where
/// clean queries lose nothing (a rare name in a clean headline is what a
/// looser rule "corrects"); then the rarity was counted on the stem, only
/// words no article holds were looked up (rare 1) and one at most a query:
/// 0.6302 / 0.5873. Headlines are
/// longer than four words, so with the limit they score as without
/// correction.
pub(crate) const MORE_COMMON: u64 = 50;

/// Longest query (in words) whose slips are looked for, one word a query:
/// each look-up walks the term dictionary with an automaton (about 0.1–0.2
/// ms on the 72k archive), and in a long query one misspelt word rarely
/// decides what is found. Names and keywords are short.
pub(crate) const MAX_QUERY_WORDS: usize = 4;

/// Shortest word (in letters) to correct: shorter words have too many
/// neighbours to choose from.
pub(crate) const MIN_LETTERS: usize = 4;

/// The most common neighbour of `form` (a normalized word, without the
/// exact-form marker) in `field`, if the word is rare (`typed_count`: the
/// articles its stem is in) and the neighbour far more common: (the
/// neighbour, the articles it is in).
pub(crate) fn neighbour(
    searcher: &Searcher,
    field: Field,
    form: &str,
    typed_count: u64,
) -> Option<(String, u64)> {
    if form.chars().count() < MIN_LETTERS || typed_count >= RARE {
        return None;
    }
    let marked = format!("{EXACT_MARKER}{form}");
    let counts = near_forms(searcher, field, form, 1).ok()?;
    // The most common, as likely a slip explains it (see [`slips`]).
    let (best, count) = best_neighbour(form, &marked, counts)?;
    if count < MORE_COMMON * typed_count.max(1) {
        return None;
    }
    Some((best.trim_start_matches(EXACT_MARKER).to_string(), count))
}

/// Of `forms` (marked, with their counts), the one other than `marked`
/// that is most likely meant by `typed` (unmarked): the count weighted by
/// how well a slip explains the difference ([`slips::slip_weight`]).
pub(crate) fn best_neighbour(
    typed: &str,
    marked: &str,
    forms: Vec<(String, u64)>,
) -> Option<(String, u64)> {
    let likelihood = |(key, n): &(String, u64)| {
        *n as f32 * slips::slip_weight(typed, key.trim_start_matches(EXACT_MARKER))
    };
    forms
        .into_iter()
        .filter(|(key, _)| key != marked)
        .max_by(|a, b| likelihood(a).total_cmp(&likelihood(b)).then(b.0.cmp(&a.0)))
}

/// Most edits a fuzzy word of this form allows, whatever `~N` asks: none
/// for one or two letters, one up to five, two beyond (as Elasticsearch's
/// `AUTO` fuzziness does): two edits on a three-letter word match most
/// short words.
pub(crate) fn most_edits(form: &str) -> u8 {
    match form.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// Most words of a query `--fuzzy` looks up (each walks the term
/// dictionary with an automaton, per field).
pub(crate) const MAX_FUZZY_WORDS: usize = 8;

/// Most forms `--fuzzy` adds for each word, the most common first: each is
/// a clause of the first phase, and a long query's hundreds of them made
/// it ten times slower.
pub(crate) const FUZZY_FORMS_PER_WORD: usize = 8;

/// Weight of `--fuzzy`'s forms next to the word as typed at 1.
pub(crate) const FUZZY_WEIGHT: f32 = 0.5;

/// Most exact forms a fuzzy word (`word~N`, `--fuzzy`) is searched as: the
/// most common first.
pub(crate) const MAX_FUZZY_FORMS: usize = 50;

/// The exact forms (marked) of `field` within `distance` edits of `form`
/// (normalized, unmarked; the form itself included when the archive holds
/// it), with the articles each is in, found with tantivy's Levenshtein
/// automaton over the term dictionary.
pub(crate) fn near_forms(
    searcher: &Searcher,
    field: Field,
    form: &str,
    distance: u8,
) -> tantivy::Result<Vec<(String, u64)>> {
    let marked = format!("{EXACT_MARKER}{form}");
    let fuzzy = FuzzyTermQuery::new(Term::from_field_text(field, &marked), distance, true);
    let mut counts: HashMap<Vec<u8>, u64> = HashMap::new();
    for reader in searcher.segment_readers() {
        let index = reader.inverted_index(field)?;
        // Only the exact forms (keys after the marker): the automaton then
        // never wanders among the stems.
        let mut stream = index
            .terms()
            .search(fuzzy.automaton()?)
            .ge([EXACT_MARKER as u8])
            .lt([EXACT_MARKER as u8 + 1])
            .into_stream()?;
        while stream.advance() {
            let key = stream.key();
            if key.first() == Some(&(EXACT_MARKER as u8)) {
                *counts.entry(key.to_vec()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut forms: Vec<(String, u64)> = counts
        .into_iter()
        .filter_map(|(key, n)| String::from_utf8(key).ok().map(|k| (k, n)))
        .collect();
    forms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(forms)
}
