//! Collocations: the words found near a query's matches, over every
//! matching article, ranked by an association score.
//!
//! Each matching article's body is analyzed once with the index chain (the
//! pass that finds the matches gives every word's exact form and stem), and
//! every word within the window of a match (not inside one) is counted once,
//! under its stem or its exact form. Its frequency in the whole archive
//! comes from the index (the postings of that term), not from re-reading.
//!
//! Scores (`f_xy` the collocate's count near the matches, `f_x` the
//! matches, `f_y` the collocate in the archive, `N` the archive's words):
//! - **logDice** (Rychlý 2008, "A lexicographer-friendly association
//!   score"): `14 + log2(2·f_xy / (f_x + f_y))`; at most 14, independent of
//!   the archive's size, the default (Sketch Engine's).
//! - **MI** (Church & Hanks 1990): `log2(f_xy·N / (f_x·f_y))`; favours rare
//!   words.
//! - **t-score** (Church, Gale, Hanks & Hindle 1991): `(f_xy − f_x·f_y/N) /
//!   √f_xy`; favours frequent ones.
//!
//! `N` is not stored in the index: it is the body field's token count (two
//! terms a word, one for a stop word) times the share of words among tokens
//! in the articles read.

use fahras_analyzers::EXACT_MARKER;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::schema::Value as _;
use tantivy::{DocSet, Searcher, TantivyDocument, Term, TERMINATED};

use crate::error::{Error, Result};
use crate::highlighter::Highlighter;
use crate::searcher::{Engine, SearchRequest};

use std::collections::HashMap;

use serde::Serialize;

use crate::research::kwic::is_haraka;
use crate::searcher::Match;

/// The association score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Measure {
    /// logDice (Rychlý 2008).
    #[default]
    LogDice,
    /// Mutual information (Church & Hanks 1990).
    Mi,
    /// t-score (Church et al. 1991).
    T,
}

/// What counts as one collocate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum GroupBy {
    /// A stem: `الرئيس`, `رئيس`, `ورئيس` are one.
    #[default]
    Stem,
    /// A normalized exact form: `الرئيس` and `رئيس` are two.
    Exact,
}

/// What to count and show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CollocateOptions {
    /// Words on each side of a match.
    pub window: usize,
    /// Fewest times near the matches to be listed.
    pub min_freq: u64,
    /// Stem or exact form.
    pub by: GroupBy,
    /// The score.
    pub measure: Measure,
    /// Collocates to list at most.
    pub limit: usize,
    /// Count stop words too.
    pub stop_words: bool,
}

impl Default for CollocateOptions {
    fn default() -> CollocateOptions {
        CollocateOptions {
            window: 5,
            min_freq: 5,
            by: GroupBy::Stem,
            measure: Measure::LogDice,
            limit: 50,
            stop_words: false,
        }
    }
}

/// Widest window (words each side).
pub const MAX_WINDOW: usize = 50;

/// One collocate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Collocate {
    /// The stem or normalized form counted.
    pub term: String,
    /// Its most frequent form near the matches, as written (without
    /// harakat).
    pub form: String,
    /// Times within the window of a match.
    pub near: u64,
    /// Times in the whole archive.
    pub archive: u64,
    /// The association score.
    pub score: f64,
}

/// The collocates of a query.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Collocates {
    /// Articles the query matches, by `rule`.
    pub articles: usize,
    /// The rule the articles were matched by: all the words unless
    /// `--any` (`"match": "all"` or `"any"` in JSON).
    #[serde(rename = "match")]
    pub rule: Match,
    /// Whether copies of one story were read once (its first article, as
    /// `--stories` counts it); `false`: every matching article.
    pub collapsed: bool,
    /// Articles read: the stories, when collapsed.
    pub read: usize,
    /// Matching copies not read (`articles - read`).
    pub copies_skipped: usize,
    /// Places it matches their bodies (`f_x`).
    pub matches: u64,
    /// Words in the archive (`N`, estimated).
    pub words: u64,
    /// The score used.
    pub measure: Measure,
    /// Best first.
    pub collocates: Vec<Collocate>,
    /// What in the query was read differently from how it looked (as
    /// `search` says it).
    pub notes: Vec<crate::note::Note>,
}

/// The score of a collocate seen `near` times near `matches` matches and
/// `archive` times in an archive of `words` words.
pub fn score(measure: Measure, near: u64, matches: u64, archive: u64, words: u64) -> f64 {
    let (xy, x, y, n) = (near as f64, matches as f64, archive.max(near) as f64, words as f64);
    match measure {
        Measure::LogDice => 14.0 + (2.0 * xy / (x + y)).log2(),
        Measure::Mi => (xy * n / (x * y)).log2(),
        Measure::T => (xy - x * y / n) / xy.sqrt(),
    }
}

/// Counts of collocates, one entry per stem or form.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    entries: HashMap<String, Entry>,
    /// Places the query matched.
    pub matches: u64,
    /// Words and index tokens seen (for `N`).
    pub words: u64,
    /// Index tokens seen.
    pub tokens: u64,
}

#[derive(Debug, Default)]
struct Entry {
    near: u64,
    /// Exact term of the key (for its archive frequency) when the key is a
    /// stop word's exact form.
    exact_key: bool,
    forms: HashMap<String, u64>,
}

/// One word of an analyzed body.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    /// Its bytes in the body.
    pub range: std::ops::Range<usize>,
    /// Its exact term (normalized, without the marker), in the tally's
    /// buffer.
    pub exact: std::ops::Range<usize>,
    /// Its stem, in the buffer (None: a stop word).
    pub stem: Option<std::ops::Range<usize>>,
}

impl Tally {
    /// Counts the words of `body` within `window` words of the matches
    /// (`spans`: first and last word of each, as indexes of `words`), each
    /// word once, matches left out. `terms` holds the words' terms.
    pub(crate) fn count(
        &mut self,
        body: &str,
        words: &[Word],
        terms: &str,
        spans: &[(usize, usize)],
        options: &CollocateOptions,
        near: &mut Vec<bool>,
    ) {
        self.matches += spans.len() as u64;
        self.words += words.len() as u64;
        self.tokens += words.iter().map(|w| 1 + u64::from(w.stem.is_some())).sum::<u64>();
        near.clear();
        near.resize(words.len(), false);
        for &(first, last) in spans {
            let from = first.saturating_sub(options.window);
            let to = (last + options.window).min(words.len().saturating_sub(1));
            for (i, slot) in near.iter_mut().enumerate().take(to + 1).skip(from) {
                if i < first || i > last {
                    *slot = true;
                }
            }
        }
        for &(first, last) in spans {
            for slot in near.iter_mut().take(last + 1).skip(first) {
                *slot = false;
            }
        }
        for (word, _) in words.iter().zip(near.iter()).filter(|(_, &n)| n) {
            let (key, exact_key) = match (&word.stem, options.by) {
                (Some(stem), GroupBy::Stem) => (&terms[stem.clone()], false),
                (None, _) if !options.stop_words => continue,
                _ => (&terms[word.exact.clone()], true),
            };
            let entry = match self.entries.get_mut(key) {
                Some(entry) => entry,
                None => self.entries.entry(key.to_string()).or_default(),
            };
            entry.near += 1;
            entry.exact_key = exact_key;
            let form = &body[word.range.clone()];
            let plain: String = form.chars().filter(|&c| !is_haraka(c)).collect();
            *entry.forms.entry(plain).or_default() += 1;
        }
    }

    /// The entries seen at least `min_freq` times: (key, whether it is an
    /// exact term, near count, most frequent form).
    pub(crate) fn frequent(&self, min_freq: u64) -> Vec<(String, bool, u64, String)> {
        self.entries
            .iter()
            .filter(|(_, e)| e.near >= min_freq.max(1))
            .map(|(key, e)| {
                let form = e
                    .forms
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(f, _)| f.clone())
                    .unwrap_or_default();
                (key.clone(), e.exact_key, e.near, form)
            })
            .collect()
    }
}

/// Ranks `found` (key, near, archive, form) by `measure`, best first,
/// and keeps `limit`.
pub(crate) fn rank(
    found: Vec<(String, u64, u64, String)>,
    matches: u64,
    words: u64,
    measure: Measure,
    limit: usize,
) -> Vec<Collocate> {
    let mut out: Vec<Collocate> = found
        .into_iter()
        .map(|(term, near, archive, form)| Collocate {
            score: score(measure, near, matches, archive, words),
            term,
            form,
            near,
            archive,
        })
        .collect();
    out.sort_by(|a, b| {
        b.score.total_cmp(&a.score).then(b.near.cmp(&a.near)).then_with(|| a.term.cmp(&b.term))
    });
    out.truncate(limit);
    out
}

/// The words found near `request`'s matches over every matching
/// article, ranked by `options.measure` (see [the module](mod@crate::research::collocates)).
pub fn collocates(
    engine: &Engine,
    request: &SearchRequest,
    options: &CollocateOptions,
) -> Result<Collocates> {
    engine.needs_fahras_analyzer("collocates")?;
    let options = CollocateOptions { window: options.window.min(MAX_WINDOW), ..*options };
    let searcher = engine.searcher();
    let plan = engine.plan(&searcher, request)?;
    // Copies of one story are read once (its first article, as
    // `--stories` counts it) unless every article is asked for.
    let collapsed = request.collapse && engine.fields().stories.is_some();
    let (docs, articles) = crate::research::reading::articles_to_read(
        engine,
        &searcher,
        &*plan.ranked.base,
        collapsed,
    )?;
    request.options.cancel.check()?;
    let mut highlighter =
        Highlighter::with_index_chain(&searcher, &*plan.highlight, &plan.phrases, engine.fields())
            .map_err(|e| engine.tantivy_err(e))?;
    let mut tally = Tally::default();
    let (mut words, mut terms, mut positions, mut near) =
        (Vec::new(), String::new(), Vec::new(), Vec::new());
    for &address in &docs {
        request.options.cancel.check()?;
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| engine.tantivy_err(e))?;
        let Some(body) = doc.get_first(engine.fields().body).and_then(|v| v.as_str()) else {
            continue;
        };
        words.clear();
        terms.clear();
        positions.clear();
        let occurrences = highlighter.occurrences_seeing(body, |token| {
            if let Some(exact) = token.text.strip_prefix(EXACT_MARKER) {
                let start = terms.len();
                terms.push_str(exact);
                let range = token.offset_from..token.offset_to;
                words.push(Word { range, exact: start..terms.len(), stem: None });
                positions.push(token.position);
            } else if let Some(word) = words.last_mut() {
                let start = terms.len();
                terms.push_str(&token.text);
                word.stem = Some(start..terms.len());
            }
        });
        let index_of = |p: usize| positions.binary_search(&p).unwrap_or_else(|i| i);
        let spans: Vec<(usize, usize)> = occurrences
            .iter()
            .map(|o| (index_of(o.positions.0), index_of(o.positions.1)))
            .collect();
        tally.count(body, &words, &terms, &spans, &options, &mut near);
    }
    // The archive's words: its body tokens, less the second term of
    // each word that has a stem, in the share seen.
    let mut tokens = 0u64;
    for segment in searcher.segment_readers() {
        let inverted =
            segment.inverted_index(engine.fields().body).map_err(|e| engine.tantivy_err(e))?;
        tokens += inverted.total_num_tokens();
    }
    let words_in_archive = if tally.tokens == 0 {
        tokens / 2
    } else {
        (tokens as f64 * tally.words as f64 / tally.tokens as f64).round() as u64
    };
    let mut counted = Vec::new();
    for (key, exact, near, form) in tally.frequent(options.min_freq) {
        request.options.cancel.check()?;
        let archive = archive_count(engine, &searcher, &key, exact)?;
        counted.push((key, near, archive, form));
    }
    let collocates =
        rank(counted, tally.matches, words_in_archive.max(1), options.measure, options.limit);
    Ok(Collocates {
        articles,
        collapsed,
        read: docs.len(),
        copies_skipped: articles - docs.len(),
        rule: plan.rule,
        matches: tally.matches,
        words: words_in_archive,
        measure: options.measure,
        collocates,
        notes: plan.said(),
    })
}

/// Times the body term `key` (a stem, or an exact form when `exact`)
/// occurs in the whole archive.
fn archive_count(engine: &Engine, searcher: &Searcher, key: &str, exact: bool) -> Result<u64> {
    let text = if exact { format!("{EXACT_MARKER}{key}") } else { key.to_string() };
    let term = Term::from_field_text(engine.fields().body, &text);
    let mut total = 0u64;
    for segment in searcher.segment_readers() {
        let inverted =
            segment.inverted_index(engine.fields().body).map_err(|e| engine.tantivy_err(e))?;
        let postings = inverted
            .read_postings(&term, IndexRecordOption::WithFreqs)
            .map_err(|e| Error::io(engine.store().root(), e))?;
        let Some(mut postings) = postings else { continue };
        while postings.doc() != TERMINATED {
            total += u64::from(postings.term_freq());
            postings.advance();
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked by hand: 20 of a word's 40 occurrences beside 100 matches.
    #[test]
    fn scores_follow_their_formulas() {
        let dice = score(Measure::LogDice, 20, 100, 40, 1_000_000);
        assert!((dice - (14.0 + (40.0f64 / 140.0).log2())).abs() < 1e-12);
        let mi = score(Measure::Mi, 20, 100, 40, 1_000_000);
        assert!((mi - (20.0f64 * 1e6 / 4000.0).log2()).abs() < 1e-12);
        let t = score(Measure::T, 20, 100, 40, 1_000_000);
        assert!((t - (20.0 - 0.004) / 20.0f64.sqrt()).abs() < 1e-12);
        // logDice peaks at 14 when the two always come together.
        assert!((score(Measure::LogDice, 50, 50, 50, 1000) - 14.0).abs() < 1e-12);
    }

    #[test]
    fn each_word_counts_once_and_matches_not_at_all() {
        // w0 w1 [m] w3 [m] w5 w6: window 1 around both matches.
        let body = "ا ب ج د ه و ز";
        let mut terms = String::new();
        let mut words = Vec::new();
        for (i, (at, c)) in body.char_indices().filter(|(_, c)| *c != ' ').enumerate() {
            let start = terms.len();
            terms.push(c);
            let exact = start..terms.len();
            words.push(Word {
                range: at..at + c.len_utf8(),
                exact: exact.clone(),
                stem: (i != 1).then_some(exact),
            });
        }
        let options = CollocateOptions { window: 1, min_freq: 1, ..Default::default() };
        let mut tally = Tally::default();
        tally.count(body, &words, &terms, &[(2, 2), (4, 4)], &options, &mut Vec::new());
        let mut found: Vec<(String, u64)> =
            tally.frequent(1).into_iter().map(|(k, _, n, _)| (k, n)).collect();
        found.sort();
        // ب is a stop word (no stem); د sits between the matches: once.
        assert_eq!(found, [("د".to_string(), 1), ("و".to_string(), 1)]);
        assert_eq!(tally.matches, 2);
    }
}
