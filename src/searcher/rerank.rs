//! Proximity as a second phase: the best articles by BM25 first, then the
//! bonus for neighbouring query words found together, added to those only.
//!
//! The bonus is a set of two-word phrase queries (see
//! [`query::proximity`](super::query::proximity)). Added to the query
//! itself, they would be scored on every article that holds both words, and
//! they keep tantivy from skipping blocks of articles that cannot reach the
//! top (block-max WAND needs plain term clauses): a six-word query on a
//! million articles took four times as long with them. Here tantivy finds
//! the best [`DEPTH`] articles by BM25 alone, and the phrases are scored on
//! those only, by seeking their scorers to each candidate. A candidate's
//! final score is exactly what the one-phase query gave it; only an article
//! outside the first [`DEPTH`] by BM25 can no longer be lifted into the
//! page by the bonus.

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocSet, Score, Searcher, SeekDangerResult};

/// How many of the best articles by BM25 get the second phase (more when
/// a page reaches deeper). On news-title-dev, MRR@10 with the bonus on the
/// best 10, 20, 30, 50 and 100 articles: 0.6202, 0.6257, 0.6273, 0.6271,
/// 0.6273; each step costs the first phase some speed (its threshold to
/// skip blocks is the 30th score instead of the 10th).
pub const DEPTH: usize = 30;

/// A query in two phases: `base` selects and scores the articles, and the
/// `bonus` queries' scores are added to the best of them.
pub struct Ranked {
    /// Which articles match, and their BM25 score.
    pub base: Box<dyn Query>,
    /// Added to the best articles' scores (empty but for plain-word
    /// queries): exact forms, proximity pairs, runs of words as phrases.
    pub bonus: Vec<Box<dyn Query>>,
    /// Their best articles are candidates too: a name of three words found
    /// together in one article ranks it first even when BM25 alone puts it
    /// past the first [`DEPTH`].
    pub recall: Vec<Box<dyn Query>>,
}

/// The articles `offset..offset + limit` by score, best first.
pub fn top(
    searcher: &Searcher,
    ranked: &Ranked,
    offset: usize,
    limit: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    if ranked.bonus.is_empty() {
        let top = TopDocs::with_limit(limit).and_offset(offset).order_by_score();
        return searcher.search(&*ranked.base, &top);
    }
    let depth = DEPTH.max(offset + limit);
    let mut candidates =
        searcher.search(&*ranked.base, &TopDocs::with_limit(depth).order_by_score())?;
    // Scorers only move forward: visit the candidates in address order.
    candidates.sort_by_key(|&(_, address)| address);
    let mut joined = Vec::new();
    for query in &ranked.recall {
        let best = searcher.search(&**query, &TopDocs::with_limit(depth).order_by_score())?;
        for (_, address) in best {
            if candidates.binary_search_by_key(&address, |&(_, a)| a).is_err()
                && !joined.iter().any(|&(_, a)| a == address)
            {
                joined.push((0.0, address));
            }
        }
    }
    if !joined.is_empty() {
        // Their first-phase score, as if BM25 had ranked them; one the
        // base query does not match (a filter excludes it) is dropped.
        joined.sort_by_key(|&(_, address)| address);
        let matched = add_bonus(searcher, &*ranked.base, &mut joined)?;
        let mut matched = matched.into_iter();
        joined.retain(|_| matched.next().unwrap_or(false));
        candidates.extend(joined);
        candidates.sort_by_key(|&(_, address)| address);
    }
    for bonus in &ranked.bonus {
        add_bonus(searcher, &**bonus, &mut candidates)?;
    }
    // Best first; equal scores in address order, as tantivy orders them.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(candidates.into_iter().skip(offset).take(limit).collect())
}

/// [`top`] and the number of matching articles.
pub fn top_and_count(
    searcher: &Searcher,
    ranked: &Ranked,
    offset: usize,
    limit: usize,
) -> tantivy::Result<(usize, Vec<(Score, DocAddress)>)> {
    // Counting apart lets the top-k search skip blocks; a count needs no
    // scores, and a single term's count is its document frequency.
    let total = searcher.search(&*ranked.base, &Count)?;
    Ok((total, top(searcher, ranked, offset, limit)?))
}

/// Adds `bonus`'s score to each candidate it matches, and tells which it
/// matched; the candidates are in address order.
fn add_bonus(
    searcher: &Searcher,
    bonus: &dyn Query,
    candidates: &mut [(Score, DocAddress)],
) -> tantivy::Result<Vec<bool>> {
    let mut matched = vec![false; candidates.len()];
    let weight = bonus.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut segment = None;
    let mut scorer = None;
    for ((score, address), matched) in candidates.iter_mut().zip(&mut matched) {
        if segment != Some(address.segment_ord) {
            segment = Some(address.segment_ord);
            scorer = Some(weight.scorer(searcher.segment_reader(address.segment_ord), 1.0)?);
        }
        let scorer = scorer.as_mut().expect("a scorer for this segment");
        // `seek_danger` checks one document without running on to the
        // next match: a phrase scorer's `seek` would check every document
        // holding both words until it found one. It must not be asked for a
        // document before the one it stands on, which it has ruled out.
        if address.doc_id >= scorer.doc()
            && scorer.seek_danger(address.doc_id) == SeekDangerResult::Found
        {
            *score += scorer.score();
            *matched = true;
        }
    }
    Ok(matched)
}
