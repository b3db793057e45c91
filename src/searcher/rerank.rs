//! The ranking's second phase: the best articles by BM25 over stems first,
//! then exact forms, neighbouring-word pairs and runs of words as phrases,
//! added to those only.
//!
//! Added to the query itself, these would be scored on every article that
//! holds the words, and phrases keep tantivy from skipping blocks of
//! articles that cannot reach the top (block-max WAND needs plain term
//! clauses): a six-word query on a million articles took four times as
//! long with them. Here tantivy finds the best [`DEPTH`] articles by BM25
//! alone (the window), the best articles holding a run of the query's words
//! join them, and the bonus queries are scored on the window only, by
//! seeking their scorers to each article. A window article's final score is
//! exactly what the one-phase query gives it.
//!
//! The window is the same whatever page is asked for, so pages are slices
//! of one ranking: past the window, articles follow in BM25 order, without
//! the bonus (as Elasticsearch's rescoring window does). Were the window as
//! deep as the page, page 4 would re-rank a deeper window than page 3, and
//! an article could show on both or on neither.

use tantivy::collector::TopDocs;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocSet, Score, Searcher, SeekDangerResult};

/// How many of the best articles by BM25 get the second phase: the window,
/// the same for every page. On news-title-dev, MRR@10 with the bonus on the
/// best 10, 20, 30, 50 and 100 articles: 0.6202, 0.6257, 0.6273, 0.6271,
/// 0.6273; each step costs the first phase some speed (its threshold to
/// skip blocks is the 30th score instead of the 10th).
pub const DEPTH: usize = 30;

/// A query in two phases: `base` selects and scores the articles, and the
/// `bonus` queries' scores are added to the best of them.
pub(crate) struct Ranked {
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
pub(crate) fn top(
    searcher: &Searcher,
    ranked: &Ranked,
    offset: usize,
    limit: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    if ranked.bonus.is_empty() {
        let top = TopDocs::with_limit(limit).and_offset(offset).order_by_score();
        return searcher.search(&*ranked.base, &top);
    }
    let want = offset + limit;
    let mut fetch = DEPTH.max(want);
    loop {
        let best = searcher.search(&*ranked.base, &TopDocs::with_limit(fetch).order_by_score())?;
        let more = best.len() == fetch;
        let ranking = rank_window(searcher, ranked, best)?;
        // Articles of the window that BM25 put past it leave gaps behind:
        // fetch deeper until the page is full or nothing is left.
        if ranking.len() >= want || !more {
            return Ok(ranking.into_iter().skip(offset).take(limit).collect());
        }
        fetch += want - ranking.len();
    }
}

/// The whole ranking of the articles `best` (BM25's best, in its order):
/// the window (the first [`DEPTH`] of them, and the best articles of the
/// recall queries) with the second phase, then the others in BM25 order.
fn rank_window(
    searcher: &Searcher,
    ranked: &Ranked,
    mut best: Vec<(Score, DocAddress)>,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    let rest = best.split_off(DEPTH.min(best.len()));
    let mut window = best;
    // Scorers only move forward: visit the articles in address order.
    window.sort_by_key(|&(_, address)| address);
    let mut joined = Vec::new();
    for query in &ranked.recall {
        let best = searcher.search(&**query, &TopDocs::with_limit(DEPTH).order_by_score())?;
        for (_, address) in best {
            if window.binary_search_by_key(&address, |&(_, a)| a).is_err()
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
        window.extend(joined);
        window.sort_by_key(|&(_, address)| address);
    }
    for bonus in &ranked.bonus {
        add_bonus(searcher, &**bonus, &mut window)?;
    }
    let in_window =
        |address: &DocAddress| window.binary_search_by_key(address, |&(_, a)| a).is_ok();
    let rest: Vec<(Score, DocAddress)> =
        rest.into_iter().filter(|(_, address)| !in_window(address)).collect();
    window.extend(rest);
    // Best first; equal scores in address order, as tantivy orders them. A
    // joined article may score below some past the window: it then ranks
    // among them, so the order stays one of falling scores.
    window.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(window)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Record;
    use crate::searcher::{Engine, SearchRequest};
    use crate::testing::{engine, record};

    /// `apart` articles holding the three words of [`QUERY`] far apart,
    /// short, so BM25 ranks them first; `together`, a long article that
    /// says them once, in order; and a hundred articles without them,
    /// so that the words are rare enough to weigh.
    fn window(apart: usize) -> Vec<Record> {
        let mut records: Vec<Record> = (0..apart)
            .map(|i| {
                let body = "الفرنسي قال إن المؤتمر ناقش الملف مع وزير النقل وممثلين عن الخارجية";
                record(&format!("apart{i:02}"), "خبر", body).source("wam")
            })
            .collect();
        let filler = "ناقش المجلس خطة الميزانية الجديدة وأقر مشاريع الطرق والمدارس والمستشفيات";
        let body = format!("{filler} {filler} {filler} ثم التقى وزير الخارجية الفرنسي {filler}");
        records.push(record("together", "تقرير", &body).source("afp"));
        records.extend((0..100).map(|i| record(&format!("other{i:03}"), "خبر", filler)));
        records
    }

    const QUERY: &str = "وزير الخارجية الفرنسي";

    /// The ids of `top(offset, limit)` for `request`, with their scores.
    fn top_of(
        engine: &Engine,
        request: &SearchRequest,
        offset: usize,
        limit: usize,
    ) -> Vec<(String, f32)> {
        let searcher = engine.searcher();
        let plan = engine.plan(&searcher, request).expect("a plan");
        top(&searcher, &plan.ranked, offset, limit)
            .expect("ranked")
            .into_iter()
            .map(|(score, address)| {
                let doc = searcher.doc(address).expect("stored");
                (engine.fields().record_of(&doc).id, score)
            })
            .collect()
    }

    #[test]
    fn a_run_found_together_is_recalled_from_past_the_window() {
        let engine = engine(window(DEPTH + 5));
        let request = SearchRequest::new(QUERY);
        let ranked = top_of(&engine, &request, 0, 10);
        assert_eq!(ranked[0].0, "together");
        // BM25 alone ranks it last, past the window.
        let mut plain = SearchRequest::new(QUERY);
        plain.options.phrase_weight = 0.0;
        let all = top_of(&engine, &plain, 0, DEPTH + 6);
        assert_eq!(all.len(), DEPTH + 6);
        assert_eq!(all.last().unwrap().0, "together");
    }

    #[test]
    fn a_recalled_article_the_filters_exclude_is_dropped() {
        let engine = engine(window(DEPTH + 5));
        let request = SearchRequest::new(format!("{QUERY} -source:afp"));
        let ranked = top_of(&engine, &request, 0, DEPTH + 6);
        assert_eq!(ranked.len(), DEPTH + 5);
        assert!(ranked.iter().all(|(id, _)| id.starts_with("apart")), "{ranked:?}");
    }

    #[test]
    fn pages_are_slices_of_one_ranking() {
        let engine = engine(window(DEPTH + 5));
        let request = SearchRequest::new(QUERY);
        let whole = top_of(&engine, &request, 0, DEPTH + 6);
        let mut paged = Vec::new();
        for offset in (0..DEPTH + 6).step_by(7) {
            paged.extend(top_of(&engine, &request, offset, 7));
        }
        assert_eq!(paged, whole);
        // Scores fall all the way down.
        assert!(whole.windows(2).all(|w| w[0].1 >= w[1].1));
        let searcher = engine.searcher();
        let plan = engine.plan(&searcher, &request).unwrap();
        let page = top(&searcher, &plan.ranked, 30, 10).unwrap();
        assert_eq!(page.len(), 6);
    }
}
