//! Keywords: the words a set of articles (the *focus*) uses more often than
//! another (the *reference*, by default the rest of the archive), as corpus
//! tools compare two corpora.
//!
//! Both sides are sets of articles a query matches (`source:alarabiya`,
//! `date:[2017-01 TO 2017-05]`, `قطر`), copies of a story read once on
//! each side unless collapsing is off. Their body words are counted from
//! the index (each term's postings), not by re-reading the articles, so a
//! side of the whole archive costs one pass over its postings.
//!
//! For a word seen `a` times in the focus's `c` words and `b` times in the
//! reference's `d` words:
//! - **log-likelihood G²** (Dunning 1993; in the form of Rayson & Garside
//!   2000): `2·(a·ln(a/E1) + b·ln(b/E2))`, `E1 = c·(a+b)/(c+d)`, `E2 =
//!   d·(a+b)/(c+d)`, a term of 0 counting 0. Its significance: 3.84 is p <
//!   0.05, 6.63 p < 0.01, 10.83 p < 0.001, 15.13 p < 0.0001 (one degree of
//!   freedom), the default threshold.
//! - **log ratio** (Hardie 2014): `log2((a/c) / (b/d))`, an effect size
//!   (each point doubles the ratio); a count of 0 is taken as 0.5.
//! - **simple maths** (Kilgarriff 2009, Sketch Engine's keyness):
//!   `(fpm_a + n) / (fpm_b + n)`, the frequencies per million words, `n`
//!   the smoothing (1 by default; larger favours common words).
//!
//! A side's words are its body's words (stop words included); a keyword is
//! a stem (every form of a word together, stop words left out) or an exact
//! form.

use std::collections::HashMap;

use fahras_analyzers::chains::arabic_indexing;
use fahras_analyzers::EXACT_MARKER;
use serde::Serialize;
use tantivy::postings::Postings;
use tantivy::query::{BooleanQuery, Occur};
use tantivy::schema::{IndexRecordOption, Value as _};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, TERMINATED};

use crate::error::{Error, Result};
use crate::research::collocates::GroupBy;
use crate::research::reading::articles_to_read;
use crate::searcher::{Engine, Match, SearchRequest};
use crate::spelling::written::{add_spelling, most_frequent};

/// The order keywords are listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum KeywordSort {
    /// Log-likelihood, the most significant first.
    #[default]
    Ll,
    /// Log ratio, the largest effect first.
    Ratio,
    /// Simple maths, the largest first.
    Simple,
}

/// What to count, keep and list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeywordOptions {
    /// Stems or exact forms.
    pub by: GroupBy,
    /// Least log-likelihood to be listed (15.13: p < 0.0001).
    pub min_ll: f64,
    /// Fewest times on the side the word is over-represented in.
    pub min_freq: u64,
    /// Simple maths' smoothing `n` (more than 0: a word one side lacks
    /// would otherwise score infinity).
    pub smooth: f64,
    /// List the words the focus uses *less* than the reference instead.
    pub negative: bool,
    /// The order.
    pub sort: KeywordSort,
    /// Keywords to list at most.
    pub limit: usize,
}

impl Default for KeywordOptions {
    fn default() -> KeywordOptions {
        KeywordOptions {
            by: GroupBy::Stem,
            min_ll: 15.13,
            min_freq: 5,
            smooth: 1.0,
            negative: false,
            sort: KeywordSort::Ll,
            limit: 50,
        }
    }
}

/// One keyword.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Keyword {
    /// The stem or normalized form counted.
    pub term: String,
    /// Its most frequent written form (without harakat) in the articles of
    /// the side it is over-represented in.
    pub word: String,
    /// Times in the focus's bodies.
    pub focus: u64,
    /// Times in the reference's bodies.
    pub reference: u64,
    /// Focus articles holding it.
    pub focus_articles: u64,
    /// Reference articles holding it.
    pub reference_articles: u64,
    /// Times per million focus words.
    pub focus_per_million: f64,
    /// Times per million reference words.
    pub reference_per_million: f64,
    /// Log-likelihood G².
    pub ll: f64,
    /// Log ratio (Hardie 2014); negative for a negative keyword.
    pub log_ratio: f64,
    /// Simple maths (Kilgarriff 2009).
    pub simple_maths: f64,
}

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Side {
    /// The query, as given (empty for the rest of the archive).
    pub query: String,
    /// Articles the query matches.
    pub articles: usize,
    /// Articles counted: the stories, when collapsed.
    pub read: usize,
    /// Matching copies not counted (`articles - read`).
    pub copies_skipped: usize,
    /// Words in the counted articles' bodies.
    pub words: u64,
}

/// The keywords of a focus against a reference.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Keywords {
    /// The focus.
    pub focus: Side,
    /// The reference.
    pub reference: Side,
    /// Whether the reference is the rest of the archive (every article the
    /// focus does not match).
    pub reference_is_rest: bool,
    /// Articles counted on both sides (two queries that overlap): stories,
    /// when copies are counted once.
    pub overlap: usize,
    /// The rule the queries' words were matched by.
    #[serde(rename = "match")]
    pub rule: Match,
    /// Whether copies of one story were counted once on each side.
    pub collapsed: bool,
    /// Stems or exact forms.
    pub by: GroupBy,
    /// Negative keywords (used less by the focus).
    pub negative: bool,
    /// The log-likelihood threshold applied.
    pub min_ll: f64,
    /// The frequency threshold applied.
    pub min_freq: u64,
    /// Simple maths' smoothing.
    pub smooth: f64,
    /// Distinct words counted on either side.
    pub candidates: usize,
    /// Words passing both thresholds (the list is the first `limit`).
    pub significant: usize,
    /// The keywords, in the order asked.
    pub keywords: Vec<Keyword>,
    /// What in the queries was read differently from how it looked.
    pub notes: Vec<crate::note::Note>,
}

/// Log-likelihood G² of `a` in `c` words against `b` in `d` words.
pub fn log_likelihood(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let (a, b, c, d) = (a as f64, b as f64, c as f64, d as f64);
    if c + d == 0.0 {
        return 0.0;
    }
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let part = |o: f64, e: f64| if o > 0.0 && e > 0.0 { o * (o / e).ln() } else { 0.0 };
    2.0 * (part(a, e1) + part(b, e2))
}

/// Log ratio (Hardie 2014) of `a` in `c` words against `b` in `d` words,
/// a count of 0 taken as 0.5.
pub fn log_ratio(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let zero_as_half = |n: u64| if n == 0 { 0.5 } else { n as f64 };
    ((zero_as_half(a) / c.max(1) as f64) / (zero_as_half(b) / d.max(1) as f64)).log2()
}

/// Simple maths (Kilgarriff 2009): `(fpm_a + n) / (fpm_b + n)`.
pub fn simple_maths(a: u64, b: u64, c: u64, d: u64, n: f64) -> f64 {
    (per_million(a, c) + n) / (per_million(b, d) + n)
}

fn per_million(n: u64, words: u64) -> f64 {
    if words == 0 {
        0.0
    } else {
        n as f64 * 1e6 / words as f64
    }
}

/// Per segment, which documents a side counts.
struct Members(Vec<Vec<u64>>);

impl Members {
    fn new(searcher: &Searcher) -> Members {
        Members(
            searcher
                .segment_readers()
                .iter()
                .map(|r| vec![0u64; (r.max_doc() as usize).div_ceil(64)])
                .collect(),
        )
    }

    fn insert(&mut self, address: DocAddress) {
        let doc = address.doc_id as usize;
        self.0[address.segment_ord as usize][doc / 64] |= 1 << (doc % 64);
    }

    fn contains(bits: &[u64], doc: u32) -> bool {
        let doc = doc as usize;
        bits[doc / 64] & (1 << (doc % 64)) != 0
    }
}

/// A word's counts: times and articles on each side.
#[derive(Default, Clone, Copy)]
struct Tally {
    focus: u64,
    reference: u64,
    focus_articles: u64,
    reference_articles: u64,
}

/// The keywords of the articles `focus` matches against those `reference`
/// matches, or against the rest of the archive when `reference` is `None`
/// (see [the module](mod@crate::research::keywords)). Copies are counted
/// once on each side when `focus.collapse`; the reference's own options
/// (its dates, fields, rule) are its own.
pub fn keywords(
    engine: &Engine,
    focus: &SearchRequest,
    reference: Option<&SearchRequest>,
    options: &KeywordOptions,
) -> Result<Keywords> {
    engine.needs_fahras_analyzer("keywords")?;
    let searcher = engine.searcher();
    let collapse = focus.collapse && engine.fields().stories.is_some();
    let focus_plan = engine.plan(&searcher, focus)?;
    let mut notes = focus_plan.said();
    let (focus_docs, focus_articles) =
        articles_to_read(engine, &searcher, &*focus_plan.ranked.base, collapse)?;
    focus.options.cancel.check()?;
    let (reference_docs, reference_articles) = match reference {
        Some(request) => {
            let plan = engine.plan(&searcher, request)?;
            notes.extend(plan.said());
            articles_to_read(engine, &searcher, &*plan.ranked.base, collapse)?
        }
        None => {
            // The rest: every article the focus's options admit (its dates
            // and fields, as `--from`/`--to` give them) that the focus
            // does not match.
            let every = SearchRequest { query: "*".to_string(), ..focus.clone() };
            let admitted = engine.plan(&searcher, &every)?.ranked.base;
            let rest = BooleanQuery::new(vec![
                (Occur::Must, admitted),
                (Occur::MustNot, focus_plan.ranked.base.box_clone()),
            ]);
            articles_to_read(engine, &searcher, &rest, collapse)?
        }
    };
    focus.options.cancel.check()?;
    let mut in_focus = Members::new(&searcher);
    for &address in &focus_docs {
        in_focus.insert(address);
    }
    let mut in_reference = Members::new(&searcher);
    let mut overlap = 0;
    for &address in &reference_docs {
        in_reference.insert(address);
        overlap += usize::from(Members::contains(
            &in_focus.0[address.segment_ord as usize],
            address.doc_id,
        ));
    }

    let exact = options.by == GroupBy::Exact;
    let body = engine.fields().body;
    let mut tallies: HashMap<Vec<u8>, Tally> = HashMap::new();
    let (mut focus_words, mut reference_words) = (0u64, 0u64);
    let marker = EXACT_MARKER as u8;
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let (f_bits, r_bits) = (&in_focus.0[ord], &in_reference.0[ord]);
        if f_bits.iter().all(|&w| w == 0) && r_bits.iter().all(|&w| w == 0) {
            continue;
        }
        let inverted = segment.inverted_index(body).map_err(|e| engine.tantivy_err(e))?;
        let mut stream =
            inverted.terms().stream().map_err(|e| Error::io(engine.store().root(), e))?;
        while stream.advance() {
            let key = stream.key();
            let is_exact = key.first() == Some(&marker);
            // Every word has an exact term, which gives the sides' word
            // counts; a stem is a key unless exact forms are the keys.
            if !is_exact && exact {
                continue;
            }
            let mut postings = inverted
                .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)
                .map_err(|e| Error::io(engine.store().root(), e))?;
            let mut tally = Tally::default();
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let freq = u64::from(postings.term_freq());
                if Members::contains(f_bits, doc) {
                    tally.focus += freq;
                    tally.focus_articles += 1;
                }
                if Members::contains(r_bits, doc) {
                    tally.reference += freq;
                    tally.reference_articles += 1;
                }
                doc = postings.advance();
            }
            if is_exact {
                focus_words += tally.focus;
                reference_words += tally.reference;
                if !exact {
                    continue;
                }
            }
            // A lone letter is no word: the clitic of `لـCNN`, an initial.
            let single = std::str::from_utf8(key)
                .map_or(true, |k| k.chars().count() <= 1 + usize::from(is_exact));
            if (tally.focus == 0 && tally.reference == 0) || single {
                continue;
            }
            let key = if is_exact { &key[1..] } else { key };
            match tallies.get_mut(key) {
                Some(sum) => {
                    sum.focus += tally.focus;
                    sum.reference += tally.reference;
                    sum.focus_articles += tally.focus_articles;
                    sum.reference_articles += tally.reference_articles;
                }
                None => {
                    tallies.insert(key.to_vec(), tally);
                }
            }
        }
        focus.options.cancel.check()?;
    }

    let candidates = tallies.len();
    let (c, d) = (focus_words, reference_words);
    let mut found: Vec<Keyword> = tallies
        .into_iter()
        .filter_map(|(key, t)| {
            let over = per_million(t.focus, c) > per_million(t.reference, d);
            if over == options.negative {
                return None;
            }
            let on_its_side = if options.negative { t.reference } else { t.focus };
            if on_its_side < options.min_freq {
                return None;
            }
            let ll = log_likelihood(t.focus, t.reference, c, d);
            if ll < options.min_ll {
                return None;
            }
            Some(Keyword {
                term: String::from_utf8(key).ok()?,
                word: String::new(),
                focus: t.focus,
                reference: t.reference,
                focus_articles: t.focus_articles,
                reference_articles: t.reference_articles,
                focus_per_million: per_million(t.focus, c),
                reference_per_million: per_million(t.reference, d),
                ll,
                log_ratio: log_ratio(t.focus, t.reference, c, d),
                simple_maths: simple_maths(t.focus, t.reference, c, d, options.smooth),
            })
        })
        .collect();
    let significant = found.len();
    let key = |k: &Keyword| match options.sort {
        KeywordSort::Ll => k.ll,
        KeywordSort::Ratio if options.negative => -k.log_ratio,
        KeywordSort::Ratio => k.log_ratio,
        KeywordSort::Simple if options.negative => 1.0 / k.simple_maths,
        KeywordSort::Simple => k.simple_maths,
    };
    found.sort_by(|a, b| key(b).total_cmp(&key(a)).then_with(|| a.term.cmp(&b.term)));
    found.truncate(options.limit);
    // Shown as the side it is over-represented in writes it.
    let side = if options.negative { &in_reference } else { &in_focus };
    let mut chain = TextAnalyzer::from(arabic_indexing());
    for keyword in &mut found {
        focus.options.cancel.check()?;
        keyword.word = written(&searcher, engine, &mut chain, &keyword.term, exact, side)
            .unwrap_or_else(|| keyword.term.clone());
    }
    Ok(Keywords {
        focus: Side {
            query: focus.query.clone(),
            articles: focus_articles,
            read: focus_docs.len(),
            copies_skipped: focus_articles - focus_docs.len(),
            words: focus_words,
        },
        reference: Side {
            query: reference.map(|r| r.query.clone()).unwrap_or_default(),
            articles: reference_articles,
            read: reference_docs.len(),
            copies_skipped: reference_articles - reference_docs.len(),
            words: reference_words,
        },
        reference_is_rest: reference.is_none(),
        overlap,
        rule: focus_plan.rule,
        collapsed: collapse,
        by: options.by,
        negative: options.negative,
        min_ll: options.min_ll,
        min_freq: options.min_freq,
        smooth: options.smooth,
        candidates,
        significant,
        keywords: found,
        notes,
    })
}

/// Articles read for a keyword's written form: enough that a stem's
/// commonest form wins (with four, the stem عرب was shown as العربات).
const SPELLINGS_READ: usize = 24;

/// The most frequent spelling of the stem or exact form `term` in the
/// first [`SPELLINGS_READ`] articles of `side` that hold it.
fn written(
    searcher: &Searcher,
    engine: &Engine,
    chain: &mut TextAnalyzer,
    term: &str,
    exact: bool,
    side: &Members,
) -> Option<String> {
    let body = engine.fields().body;
    let text = if exact { format!("{EXACT_MARKER}{term}") } else { term.to_string() };
    let wanted = tantivy::Term::from_field_text(body, &text);
    let mut addresses = Vec::new();
    'segments: for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let index = reader.inverted_index(body).ok()?;
        let Ok(Some(mut postings)) = index.read_postings(&wanted, IndexRecordOption::Basic) else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if Members::contains(&side.0[ord], doc) {
                addresses.push(DocAddress::new(ord as u32, doc));
                if addresses.len() == SPELLINGS_READ {
                    break 'segments;
                }
            }
            doc = postings.advance();
        }
    }
    let mut spellings = HashMap::new();
    for address in addresses {
        let Ok(doc) = searcher.doc::<TantivyDocument>(address) else { continue };
        let Some(article) = doc.get_first(body).and_then(|v| v.as_str()) else { continue };
        let mut stream = chain.token_stream(article);
        // The index chain gives each word's exact term, then its stem.
        let mut last_exact = (0, 0);
        while let Some(token) = stream.next() {
            if let Some(form) = token.text.strip_prefix(EXACT_MARKER) {
                last_exact = (token.offset_from, token.offset_to);
                if exact && form == term {
                    add_spelling(&article[token.offset_from..token.offset_to], &mut spellings);
                }
            } else if !exact && token.text == term {
                add_spelling(&article[last_exact.0..last_exact.1], &mut spellings);
            }
        }
    }
    most_frequent(spellings)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Worked by hand from the contingency table: 40 of 10,000 words
    /// against 60 of 90,000.
    #[test]
    fn scores_follow_their_formulas() {
        let (a, b, c, d) = (40u64, 60u64, 10_000u64, 90_000u64);
        // E1 = 10,000·100/100,000 = 10; E2 = 90.
        let expected = 2.0 * (40.0 * (40.0f64 / 10.0).ln() + 60.0 * (60.0f64 / 90.0).ln());
        assert!((log_likelihood(a, b, c, d) - expected).abs() < 1e-9);
        assert!((log_likelihood(a, b, c, d) - 62.2477).abs() < 1e-3);
        // 4,000 per million against 666.7: six times, log2 6.
        assert!((log_ratio(a, b, c, d) - 6.0f64.log2()).abs() < 1e-12);
        assert!((simple_maths(a, b, c, d, 1.0) - 4001.0 / (60e6 / 90_000.0 + 1.0)).abs() < 1e-9);
        // A word the reference lacks: its 0 taken as 0.5.
        assert!((log_ratio(4, 0, 100, 100) - 3.0).abs() < 1e-12);
        // As often on both sides: nothing to say.
        assert!(log_likelihood(10, 90, 10_000, 90_000).abs() < 1e-12);
    }
}
