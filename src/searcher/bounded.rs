//! Totals as Elasticsearch gives them: a ranked list counts its matches
//! exactly up to [`TOTAL_LIMIT`] and, past it, says only that there are
//! more (`track_total_hits`'s default). The ranking itself no longer needs
//! every match visited, so tantivy's block-max WAND skips what cannot enter
//! the top. Counts that researchers cite (`--count`, the research
//! commands) never take this path.

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocId, DocSet, Searcher, SegmentReader, COLLECT_BLOCK_BUFFER_LEN, TERMINATED};

/// How far a ranked list counts its matches exactly.
pub const TOTAL_LIMIT: usize = 10_000;

/// Whether a total is the number itself or a lower bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TotalRelation {
    /// The total is exact.
    #[default]
    Eq,
    /// There are more than the total (which is then [`TOTAL_LIMIT`]).
    Gte,
}

impl TotalRelation {
    /// `eq` or `gte`, as Elasticsearch writes it.
    pub fn name(self) -> &'static str {
        match self {
            TotalRelation::Eq => "eq",
            TotalRelation::Gte => "gte",
        }
    }
}

/// Visits the matches of `query`, segment by segment and a block of
/// documents at a time (deleted ones left out), until `visit` has been
/// given more than `limit` of them. Returns how many it was given (at most
/// `limit + 1`).
pub(crate) fn visit_up_to(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
    mut visit: impl FnMut(u32, &SegmentReader, &[DocId]),
) -> tantivy::Result<usize> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut seen = 0;
    let mut buffer = [0; COLLECT_BLOCK_BUFFER_LEN];
    let mut alive = Vec::with_capacity(COLLECT_BLOCK_BUFFER_LEN);
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let mut scorer = weight.scorer(reader, 1.0)?;
        if scorer.doc() == TERMINATED {
            continue;
        }
        let bitset = reader.alive_bitset();
        loop {
            let n = scorer.fill_buffer(&mut buffer);
            if n == 0 {
                break;
            }
            let docs: &[DocId] = match bitset {
                None => &buffer[..n],
                Some(bitset) => {
                    alive.clear();
                    alive.extend(buffer[..n].iter().copied().filter(|&d| bitset.is_alive(d)));
                    &alive
                }
            };
            // No more than one past the limit.
            let docs = &docs[..docs.len().min(limit + 1 - seen)];
            visit(ord as u32, reader, docs);
            seen += docs.len();
            if seen > limit {
                return Ok(seen);
            }
            if n < COLLECT_BLOCK_BUFFER_LEN {
                break;
            }
        }
    }
    Ok(seen)
}

/// The matches of `query`: every one when `bound` is none (a single
/// term's count is then its document frequency), else exactly up to it.
pub(crate) fn count(
    searcher: &Searcher,
    query: &dyn Query,
    bound: Option<usize>,
) -> tantivy::Result<(usize, TotalRelation)> {
    match bound {
        None => Ok((searcher.search(query, &tantivy::collector::Count)?, TotalRelation::Eq)),
        Some(limit) => count_up_to(searcher, query, limit),
    }
}

/// The matches of `query`, counted exactly up to `limit` (then `limit`,
/// [`TotalRelation::Gte`]).
pub(crate) fn count_up_to(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
) -> tantivy::Result<(usize, TotalRelation)> {
    let seen = visit_up_to(searcher, query, limit, |_, _, _| {})?;
    Ok(if seen > limit { (limit, TotalRelation::Gte) } else { (seen, TotalRelation::Eq) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::searcher::{Engine, SearchRequest};
    use crate::testing::{engine, record};

    fn many(n: usize) -> Engine {
        engine((0..n).map(|i| record(&format!("a{i}"), "خبر", "ارتفعت أسعار النفط")).collect())
    }

    #[test]
    fn a_count_stops_one_past_its_limit_and_says_so() {
        let engine = many(300);
        let searcher = engine.searcher();
        let plan = engine.plan(&searcher, &SearchRequest::new("النفط")).unwrap();
        let base = &*plan.ranked.base;
        assert_eq!(count_up_to(&searcher, base, 1000).unwrap(), (300, TotalRelation::Eq));
        assert_eq!(count_up_to(&searcher, base, 300).unwrap(), (300, TotalRelation::Eq));
        assert_eq!(count_up_to(&searcher, base, 299).unwrap(), (299, TotalRelation::Gte));
        assert_eq!(count_up_to(&searcher, base, 5).unwrap(), (5, TotalRelation::Gte));
        let mut given = 0;
        assert_eq!(visit_up_to(&searcher, base, 5, |_, _, docs| given += docs.len()).unwrap(), 6);
        assert_eq!(given, 6);
    }
}
