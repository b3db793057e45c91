//! Dispersion: how evenly a query's matches spread over the parts of the
//! archive (its outlets, sections, years or months), measured against the
//! parts' sizes in words.
//!
//! Every article the query's filters admit is a part's (copies too: an
//! outlet that ran a wire story did publish its words). A part's size is
//! its articles' body words (from the index's postings); its matches are
//! the places the query matches those bodies (as `kwic` finds them: a
//! phrase once), read from every matching article.
//!
//! With `n` parts, `s_i` a part's share of the words, `v_i` its share of
//! the matches and `f_i/w_i` its matches per word:
//! - **Gries's DP** (Gries 2008, "Dispersions and adjusted frequencies in
//!   corpora"): `½ Σ |v_i − s_i|`; 0 when the matches follow the parts'
//!   sizes, towards 1 when they crowd into a small part. **DP_norm**
//!   (Lijffijt & Gries 2012) divides it by `1 − min s_i`, its largest
//!   value.
//! - **Juilland's D** (Juilland & Chang-Rodríguez 1964), with the parts'
//!   rates `r_i = f_i/w_i`: `1 − (σ(r)/μ(r)) / √(n − 1)`, σ the population
//!   standard deviation; 1 when every part uses it at one rate, 0 when one
//!   part alone does. Parts without words are left out of both. D weighs
//!   every part alike whatever its size, so over many parts of unequal
//!   size (months, with some nearly empty) it says "even" too readily:
//!   there DP is the one to read (Gries 2008 makes this point).

use std::collections::BTreeMap;

use fahras_analyzers::EXACT_MARKER;
use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::columnar::StrColumn;
use tantivy::postings::Postings;
use tantivy::schema::{IndexRecordOption, Value as _};
use tantivy::{DocAddress, DocSet, TantivyDocument, TERMINATED};

use crate::error::{Error, Result};
use crate::highlighter::Highlighter;
use crate::schema;
use crate::searcher::{Engine, Match, SearchRequest};

/// What the archive is divided into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Parts {
    /// The outlets.
    #[default]
    Source,
    /// The sections.
    Category,
    /// The years (Gregorian, as dated).
    Year,
    /// The months (Gregorian, as dated).
    Month,
}

/// One part of the archive.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Part {
    /// Its name: the outlet, section, year (`2017`) or month (`2017-06`).
    pub part: String,
    /// Its articles (those the query's filters admit).
    pub articles: u64,
    /// Their body words.
    pub words: u64,
    /// Its articles the query matches.
    pub matching: u64,
    /// The places it matches their bodies.
    pub matches: u64,
    /// Matches per million words.
    pub per_million: f64,
    /// Its share of the words (`s_i`).
    pub share_of_words: f64,
    /// Its share of the matches (`v_i`).
    pub share_of_matches: f64,
}

/// How a query's matches spread over the archive's parts.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Dispersion {
    /// What the archive was divided into.
    pub by: Parts,
    /// The rule the articles were matched by.
    #[serde(rename = "match")]
    pub rule: Match,
    /// Articles the query matches.
    pub articles: u64,
    /// Places it matches their bodies.
    pub matches: u64,
    /// Words of every part.
    pub words: u64,
    /// Articles of the archive (as the query's filters admit it) with no
    /// value to be put in a part by (no outlet, section or date): in no
    /// part.
    pub unplaced: u64,
    /// Of those, the articles the query matches.
    pub unplaced_matching: u64,
    /// The matches in them.
    pub unplaced_matches: u64,
    /// The parts, in name order.
    pub parts: Vec<Part>,
    /// By year or month: the periods between the first part and the last
    /// in which the archive (as the query's filters admit it) holds no
    /// article. They are gaps in the archive, not parts with no match, and
    /// take no part in the measures.
    pub gaps: Vec<String>,
    /// Gries's DP (0: as the parts' sizes; towards 1: crowded).
    pub dp: Option<f64>,
    /// DP normalized by its largest value for these parts.
    pub dp_norm: Option<f64>,
    /// Juilland's D (1: even; 0: in one part).
    pub juilland_d: Option<f64>,
    /// What in the query was read differently from how it looked.
    pub notes: Vec<crate::note::Note>,
}

/// Gries's DP and DP_norm of matches `f` over parts of `w` words.
pub fn gries_dp(parts: &[(u64, u64)]) -> Option<(f64, f64)> {
    let total_words: u64 = parts.iter().map(|p| p.1).sum();
    let total: u64 = parts.iter().map(|p| p.0).sum();
    if total == 0 || total_words == 0 || parts.len() < 2 {
        return None;
    }
    let shares =
        parts.iter().map(|&(f, w)| (f as f64 / total as f64, w as f64 / total_words as f64));
    let dp = 0.5 * shares.clone().map(|(v, s)| (v - s).abs()).sum::<f64>();
    let smallest = shares.map(|(_, s)| s).fold(f64::INFINITY, f64::min);
    Some((dp, if smallest < 1.0 { dp / (1.0 - smallest) } else { 0.0 }))
}

/// Juilland's D of matches `f` over parts of `w` words (parts without words
/// left out).
pub fn juilland_d(parts: &[(u64, u64)]) -> Option<f64> {
    let rates: Vec<f64> =
        parts.iter().filter(|p| p.1 > 0).map(|&(f, w)| f as f64 / w as f64).collect();
    let n = rates.len() as f64;
    let mean = rates.iter().sum::<f64>() / n;
    if rates.len() < 2 || mean == 0.0 {
        return None;
    }
    let sd = (rates.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / n).sqrt();
    Some(1.0 - (sd / mean) / (n - 1.0).sqrt())
}

/// Where each article belongs.
enum Placer {
    Text(Option<StrColumn>),
    Date(Option<tantivy::columnar::Column<tantivy::DateTime>>, bool),
}

impl Placer {
    fn place(&self, doc: u32, name: &mut String) -> bool {
        name.clear();
        match self {
            Placer::Text(column) => {
                let Some(column) = column else { return false };
                let Some(ord) = column.term_ords(doc).next() else { return false };
                column.ord_to_str(ord, name).unwrap_or(false) && !name.is_empty()
            }
            Placer::Date(column, month) => {
                let Some(date) = column.as_ref().and_then(|c| c.first(doc)) else { return false };
                let at = date.into_utc();
                use std::fmt::Write as _;
                let _ = if *month {
                    write!(name, "{:04}-{:02}", at.year(), u8::from(at.month()))
                } else {
                    write!(name, "{:04}", at.year())
                };
                true
            }
        }
    }
}

#[derive(Default)]
struct Tally {
    articles: u64,
    words: u64,
    matching: u64,
    matches: u64,
}

/// How the places `request` matches spread over the parts `by` divides the
/// archive into (see [the module](mod@crate::research::dispersion)).
pub fn dispersion(engine: &Engine, request: &SearchRequest, by: Parts) -> Result<Dispersion> {
    engine.needs_fahras_analyzer("dispersions")?;
    let searcher = engine.searcher();
    let plan = engine.plan(&searcher, request)?;
    let tantivy_err = |e| engine.tantivy_err(e);
    // In index order, so that each segment's articles are one run.
    let mut admitted: Vec<DocAddress> = searcher
        .search(&*plan.archive, &DocSetCollector)
        .map_err(tantivy_err)?
        .into_iter()
        .collect();
    admitted.sort_unstable();
    let mut matching: Vec<DocAddress> = searcher
        .search(&*plan.ranked.base, &DocSetCollector)
        .map_err(tantivy_err)?
        .into_iter()
        .collect();
    matching.sort_unstable();
    request.options.cancel.check()?;

    // Each admitted article's part (its index in `names`) and body words.
    let body = engine.fields().body;
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    let mut tallies: Vec<Tally> = Vec::new();
    let mut unplaced = Tally::default();
    // Per segment: each document's part (usize::MAX: not admitted or
    // unplaced).
    let mut part_of: Vec<Vec<usize>> = Vec::new();
    let mut name = String::new();
    const NONE: usize = usize::MAX;
    const UNPLACED: usize = usize::MAX - 1;
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let fast = segment.fast_fields();
        let placer = match by {
            Parts::Source => Placer::Text(fast.str(schema::SOURCE).map_err(tantivy_err)?),
            Parts::Category => Placer::Text(fast.str(schema::CATEGORY).map_err(tantivy_err)?),
            Parts::Year => Placer::Date(fast.date(schema::DATE).ok(), false),
            Parts::Month => Placer::Date(fast.date(schema::DATE).ok(), true),
        };
        let mut parts = vec![NONE; segment.max_doc() as usize];
        let start = admitted.partition_point(|a| (a.segment_ord as usize) < ord);
        let end = admitted.partition_point(|a| (a.segment_ord as usize) <= ord);
        for address in &admitted[start..end] {
            let doc = address.doc_id;
            parts[doc as usize] = if placer.place(doc, &mut name) {
                // A part's name is copied once, when first seen.
                let at = match names.get(name.as_str()) {
                    Some(&at) => at,
                    None => {
                        names.insert(name.clone(), tallies.len());
                        tallies.push(Tally::default());
                        tallies.len() - 1
                    }
                };
                tallies[at].articles += 1;
                at
            } else {
                unplaced.articles += 1;
                UNPLACED
            };
        }
        // The body words: every word has one exact term.
        let inverted = segment.inverted_index(body).map_err(tantivy_err)?;
        let from = EXACT_MARKER.to_string();
        let to = char::from_u32(EXACT_MARKER as u32 + 1).unwrap_or(EXACT_MARKER).to_string();
        let mut stream = inverted
            .terms()
            .range()
            .ge(from.as_bytes())
            .lt(to.as_bytes())
            .into_stream()
            .map_err(|e| Error::io(engine.store().root(), e))?;
        while stream.advance() {
            let mut postings = inverted
                .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)
                .map_err(|e| Error::io(engine.store().root(), e))?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                match parts[doc as usize] {
                    NONE => {}
                    UNPLACED => unplaced.words += u64::from(postings.term_freq()),
                    at => tallies[at].words += u64::from(postings.term_freq()),
                }
                doc = postings.advance();
            }
        }
        part_of.push(parts);
        request.options.cancel.check()?;
    }

    // The matches, read from every matching article.
    let mut highlighter =
        Highlighter::with_index_chain(&searcher, &*plan.highlight, &plan.phrases, engine.fields())
            .map_err(tantivy_err)?;
    let mut notes = plan.said();
    if highlighter.marks_nothing_in_bodies() {
        // Nothing to count in the bodies (`source:x`, `-قطر`).
        notes.push(crate::note::Note::NoWordInText);
    }
    let mut total_matches = 0u64;
    for &address in &matching {
        request.options.cancel.check()?;
        let at = part_of[address.segment_ord as usize][address.doc_id as usize];
        let doc: TantivyDocument = searcher.doc(address).map_err(tantivy_err)?;
        let found = match doc.get_first(body).and_then(|v| v.as_str()) {
            Some(text) => highlighter.occurrences_seeing(text, |_| {}).len() as u64,
            None => 0,
        };
        total_matches += found;
        let tally = match at {
            NONE => continue,
            UNPLACED => &mut unplaced,
            at => &mut tallies[at],
        };
        tally.matching += 1;
        tally.matches += found;
    }

    let words: u64 = tallies.iter().map(|t| t.words).sum();
    let placed_matches: u64 = tallies.iter().map(|t| t.matches).sum();
    let pairs: Vec<(u64, u64)> =
        names.values().map(|&i| (tallies[i].matches, tallies[i].words)).collect();
    let (dp, dp_norm) = gries_dp(&pairs).unzip();
    let gaps = match by {
        Parts::Year | Parts::Month => gaps_between(names.keys(), by == Parts::Month),
        _ => Vec::new(),
    };
    let parts = names
        .into_iter()
        .map(|(part, i)| {
            let t = &tallies[i];
            let share = |n: u64, of: u64| if of == 0 { 0.0 } else { n as f64 / of as f64 };
            Part {
                part,
                articles: t.articles,
                words: t.words,
                matching: t.matching,
                matches: t.matches,
                per_million: share(t.matches, t.words) * 1e6,
                share_of_words: share(t.words, words),
                share_of_matches: share(t.matches, placed_matches),
            }
        })
        .collect();
    Ok(Dispersion {
        by,
        rule: plan.rule,
        articles: matching.len() as u64,
        matches: total_matches,
        words,
        unplaced: unplaced.articles,
        unplaced_matching: unplaced.matching,
        unplaced_matches: unplaced.matches,
        parts,
        gaps,
        dp,
        dp_norm,
        juilland_d: juilland_d(&pairs),
        notes,
    })
}

/// The years (`2017`) or months (`2017-06`) from the first of `held` to
/// the last that are not in it. `held` is in order.
fn gaps_between<'a>(held: impl Iterator<Item = &'a String>, months: bool) -> Vec<String> {
    let parse = |label: &str| -> Option<i64> {
        let year: i64 = label.get(..4)?.parse().ok()?;
        if months {
            let month: i64 = label.get(5..7)?.parse().ok()?;
            Some(year * 12 + month - 1)
        } else {
            Some(year)
        }
    };
    let label = |n: i64| {
        if months {
            format!("{:04}-{:02}", n.div_euclid(12), n.rem_euclid(12) + 1)
        } else {
            format!("{n:04}")
        }
    };
    let mut gaps = Vec::new();
    let mut last: Option<i64> = None;
    for n in held.filter_map(|l| parse(l)) {
        if let Some(before) = last {
            gaps.extend((before + 1..n).map(label));
        }
        last = Some(n);
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_periods_between_held_ones_are_gaps() {
        let held: Vec<String> = ["2016-11", "2017-02", "2017-03"].map(String::from).to_vec();
        assert_eq!(gaps_between(held.iter(), true), ["2016-12", "2017-01"]);
        let held: Vec<String> = ["2013", "2016"].map(String::from).to_vec();
        assert_eq!(gaps_between(held.iter(), false), ["2014", "2015"]);
        assert!(gaps_between([].iter(), true).is_empty());
    }

    /// Worked by hand: three parts of 100, 300 and 600 words.
    #[test]
    fn measures_follow_their_formulas() {
        // As the sizes: 1, 3, 6 matches.
        let even = [(1, 100), (3, 300), (6, 600)];
        let (dp, norm) = gries_dp(&even).unwrap();
        assert!(dp.abs() < 1e-12 && norm.abs() < 1e-12);
        assert!((juilland_d(&even).unwrap() - 1.0).abs() < 1e-12);
        // All in the smallest part: DP = ½(|1 − 0.1| + 0.3 + 0.6) = 0.9,
        // its largest value (1 − 0.1), so DP_norm 1; D = 0.
        let crowded = [(10, 100), (0, 300), (0, 600)];
        let (dp, norm) = gries_dp(&crowded).unwrap();
        assert!((dp - 0.9).abs() < 1e-12 && (norm - 1.0).abs() < 1e-12);
        assert!(juilland_d(&crowded).unwrap().abs() < 1e-12);
        // Rates 0.02, 0.01, 0.01: mean 0.01333, σ 0.004714; D = 1 −
        // 0.35355/√2 = 0.75.
        let d = juilland_d(&[(2, 100), (3, 300), (6, 600)]).unwrap();
        assert!((d - 0.75).abs() < 1e-9, "{d}");
        assert!(gries_dp(&[(5, 100)]).is_none());
    }
}
