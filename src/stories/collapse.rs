//! Search results with each story once: its best-ranked article stands for
//! it, the other matching copies are listed under it, and the total counts
//! stories as well as articles.
//!
//! The ranking is not changed: the ranked list is read from the top, each
//! article whose story has already appeared is set aside as a copy, and the
//! list is fetched deeper until the page is full. One pass over every match
//! (no scores) counts the distinct stories and gathers the copies of the
//! stories on the page.

use std::collections::{HashMap, HashSet};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::schema;
use crate::searcher::bounded::{visit_up_to, TotalRelation};
use crate::searcher::Copy;

/// Reads a ranked list (fetched `n` at a time by `fetch`, best first) down
/// to the `offset + limit` first stories, and returns the page of them:
/// each story's best-ranked article with its story.
pub(crate) fn collapse_ranking(
    searcher: &Searcher,
    offset: usize,
    limit: usize,
    mut fetch: impl FnMut(usize) -> tantivy::Result<Vec<(Score, DocAddress)>>,
) -> tantivy::Result<Vec<(Score, DocAddress, Option<u64>)>> {
    let want = offset + limit;
    let mut n = (want * 2).max(crate::searcher::rerank::DEPTH);
    let columns: Vec<Column<u64>> = searcher
        .segment_readers()
        .iter()
        .map(|s| s.fast_fields().u64(schema::STORY))
        .collect::<tantivy::Result<_>>()?;
    loop {
        let ranked = fetch(n)?;
        let exhausted = ranked.len() < n;
        // A set: a list's `contains` made a long page (kwic's every line,
        // 20,000 articles) quadratic, seconds no cancel could stop.
        let mut seen: HashSet<u64> = HashSet::with_capacity(want.min(ranked.len()));
        let mut leaders = Vec::with_capacity(want);
        for (score, address) in ranked {
            let story = columns[address.segment_ord as usize].first(address.doc_id);
            if let Some(story) = story {
                if !seen.insert(story) {
                    continue;
                }
            }
            leaders.push((score, address, story));
            if leaders.len() == want {
                break;
            }
        }
        if leaders.len() == want || exhausted {
            return Ok(leaders.into_iter().skip(offset).collect());
        }
        // Deep enough at once for the stories still wanted, at the copies
        // per story seen so far (a story run by fourteen outlets took
        // three fetches, 30, 120 and 480, growing by four).
        let per_story = n as f64 / leaders.len().max(1) as f64;
        n = (n * 2).max((want as f64 * per_story * 1.25).ceil() as usize);
    }
}

/// What [`StoryTally`] finds over all the matches.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// Matching articles.
    pub articles: usize,
    /// Distinct stories among them (an article without a story counts as
    /// one).
    pub stories: usize,
    /// The matching articles of each story asked about.
    pub members: HashMap<u64, Vec<DocAddress>>,
}

/// Counts matches and distinct stories, and gathers the matches of some
/// stories (those on the page). Story ids are ingest positions, below the
/// number of articles ever indexed, so the stories seen are a bitset.
pub(crate) struct StoryTally {
    /// The stories whose matching articles to gather, as a bitset.
    gather: std::sync::Arc<Vec<u64>>,
    /// One more than the largest story id of the index.
    bound: u64,
}

impl StoryTally {
    /// A tally over `searcher`'s index gathering the copies of `gather`.
    pub(crate) fn new(searcher: &Searcher, gather: Vec<u64>) -> tantivy::Result<StoryTally> {
        let mut bound = 0;
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().u64(schema::STORY)?;
            if column.num_docs() > 0 {
                bound = bound.max(column.max_value() + 1);
            }
        }
        let mut bits = vec![0u64; bound.div_ceil(64) as usize];
        for story in gather.into_iter().filter(|&s| s < bound) {
            bits[(story / 64) as usize] |= 1 << (story % 64);
        }
        Ok(StoryTally { gather: std::sync::Arc::new(bits), bound })
    }
}

/// [`StoryTally`] on one segment.
pub(crate) struct SegmentTally {
    segment: SegmentOrdinal,
    column: Column<u64>,
    gather: std::sync::Arc<Vec<u64>>,
    articles: usize,
    unstoried: usize,
    seen: Vec<u64>,
    members: Vec<(u64, DocAddress)>,
}

/// One segment's tally: articles, articles without a story, the bitset of
/// stories seen, the gathered members.
type SegmentFruit = (usize, usize, Vec<u64>, Vec<(u64, DocAddress)>);

impl Collector for StoryTally {
    type Fruit = Tally;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        Ok(SegmentTally {
            segment,
            column: reader.fast_fields().u64(schema::STORY)?,
            gather: self.gather.clone(),
            articles: 0,
            unstoried: 0,
            seen: vec![0; self.bound.div_ceil(64) as usize],
            members: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentFruit>) -> tantivy::Result<Tally> {
        let mut tally = Tally::default();
        let mut seen: Vec<u64> = Vec::new();
        let mut unstoried = 0;
        for (articles, alone, bits, members) in segments {
            tally.articles += articles;
            unstoried += alone;
            if seen.is_empty() {
                seen = bits;
            } else {
                for (word, other) in seen.iter_mut().zip(bits) {
                    *word |= other;
                }
            }
            for (story, address) in members {
                tally.members.entry(story).or_default().push(address);
            }
        }
        let distinct: u32 = seen.iter().map(|w| w.count_ones()).sum();
        tally.stories = distinct as usize + unstoried;
        Ok(tally)
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.articles += 1;
        match self.column.first(doc) {
            Some(story) => {
                let (word, bit) = ((story / 64) as usize, 1u64 << (story % 64));
                match self.seen.get_mut(word) {
                    Some(seen) => {
                        *seen |= bit;
                        if self.gather[word] & bit != 0 {
                            self.members.push((story, DocAddress::new(self.segment, doc)));
                        }
                    }
                    None => self.unstoried += 1,
                }
            }
            None => self.unstoried += 1,
        }
    }

    fn harvest(self) -> SegmentFruit {
        (self.articles, self.unstoried, self.seen, self.members)
    }
}

/// [`StoryTally`]'s counts over every match (`bound` none), or over the
/// first `bound` only: the articles and the distinct stories among them
/// (then a lower bound, [`TotalRelation::Gte`]), and the matching articles
/// of the stories `gather` (the page's), gathered in the same pass when
/// every match was visited, else found by a query of their own, so that
/// they are complete whatever the bound.
pub(crate) fn tally(
    searcher: &Searcher,
    query: &dyn tantivy::query::Query,
    bound: Option<usize>,
    gather: &[u64],
) -> tantivy::Result<(Tally, TotalRelation)> {
    let collector = StoryTally::new(searcher, gather.to_vec())?;
    let Some(limit) = bound else {
        return Ok((searcher.search(query, &collector)?, TotalRelation::Eq));
    };
    let mut segments: Vec<Option<SegmentTally>> =
        searcher.segment_readers().iter().map(|_| None).collect();
    let mut failed = None;
    let mut read = 0;
    let visited = visit_up_to(searcher, query, limit, |ord, reader, docs| {
        // The one past the limit only says there are more.
        let docs = &docs[..docs.len().min(limit - read)];
        read += docs.len();
        let segment = match &mut segments[ord as usize] {
            Some(segment) => segment,
            empty => match collector.for_segment(ord, reader) {
                Ok(segment) => empty.insert(segment),
                Err(error) => {
                    failed = Some(error);
                    return;
                }
            },
        };
        for &doc in docs {
            segment.collect(doc, 0.0);
        }
    })?;
    if let Some(error) = failed {
        return Err(error);
    }
    let fruits = segments.into_iter().flatten().map(SegmentCollector::harvest).collect();
    let mut tally = collector.merge_fruits(fruits)?;
    let relation = if visited > limit { TotalRelation::Gte } else { TotalRelation::Eq };
    // Every match was visited: the page's copies are all gathered. Else
    // some may lie past the limit, and are found by a query of their own.
    if relation == TotalRelation::Gte && !gather.is_empty() {
        tally.members.clear();
        let story_field = searcher.schema().get_field(schema::STORY)?;
        // The page's stories are a handful of articles: their union leads
        // the intersection, each of its articles checked against the query
        // (a set-of-terms query walked the story field's whole dictionary).
        let stories: Vec<(Occur, Box<dyn tantivy::query::Query>)> = gather
            .iter()
            .map(|&s| {
                let term = Term::from_field_u64(story_field, s);
                let query = TermQuery::new(term, IndexRecordOption::Basic);
                (Occur::Should, Box::new(query) as Box<dyn tantivy::query::Query>)
            })
            .collect();
        let members = BooleanQuery::new(vec![
            (Occur::Must, query.box_clone()),
            (Occur::Must, Box::new(BooleanQuery::new(stories))),
        ]);
        let columns: Vec<Column<u64>> = searcher
            .segment_readers()
            .iter()
            .map(|s| s.fast_fields().u64(schema::STORY))
            .collect::<tantivy::Result<_>>()?;
        for address in searcher.search(&members, &DocSetCollector)? {
            if let Some(story) = columns[address.segment_ord as usize].first(address.doc_id) {
                tally.members.entry(story).or_default().push(address);
            }
        }
    }
    Ok((tally, relation))
}

/// Reads the id and source of copies from the fast fields, each
/// segment's columns opened once.
pub(crate) struct CopyReader<'a> {
    searcher: &'a Searcher,
    columns: HashMap<SegmentOrdinal, [Option<StrColumn>; 2]>,
}

impl<'a> CopyReader<'a> {
    /// A reader over `searcher`'s segments.
    pub(crate) fn new(searcher: &'a Searcher) -> CopyReader<'a> {
        CopyReader { searcher, columns: HashMap::new() }
    }

    /// The id and source of each address.
    pub(crate) fn read(&mut self, addresses: &[DocAddress]) -> tantivy::Result<Vec<Copy>> {
        let mut out = Vec::with_capacity(addresses.len());
        for address in addresses {
            let columns = match self.columns.entry(address.segment_ord) {
                std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
                std::collections::hash_map::Entry::Vacant(entry) => {
                    let fast = self.searcher.segment_reader(address.segment_ord).fast_fields();
                    entry.insert([fast.str(schema::ID)?, fast.str(schema::SOURCE)?])
                }
            };
            let value = |column: &Option<StrColumn>| -> tantivy::Result<Option<String>> {
                let Some(column) = column else { return Ok(None) };
                let Some(ord) = column.ords().first(address.doc_id) else { return Ok(None) };
                let mut text = String::new();
                column.ord_to_str(ord, &mut text)?;
                Ok(Some(text))
            };
            out.push(Copy {
                id: value(&columns[0])?.unwrap_or_default(),
                source: value(&columns[1])?,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::Record;
    use crate::searcher::{Copy, SearchRequest};
    use crate::testing::{engine, engine_in_commits, ids_of, record, search};

    const STORY: &str = "قال وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة إن المحادثات \
        مع الوفد الزائر تناولت التعاون في مجالات الطاقة والنقل والتعليم، وأضاف أن الجانبين \
        اتفقا على تشكيل لجنة مشتركة تجتمع كل ثلاثة أشهر لمتابعة تنفيذ الاتفاقات الموقعة \
        بين البلدين خلال الزيارة التي استمرت يومين";

    /// Three copies of one story (c1 with a dateline, so longer; c2 and c3
    /// the same text) and another article (o1) on other talks.
    fn copies() -> [Record; 4] {
        [
            record("c1", "محادثات الطاقة", &format!("عمان - وكالات: {STORY}")).source("wam"),
            record("c2", "محادثات الطاقة", STORY).source("spa"),
            record("o1", "نقابة", "انتهت المحادثات بين النقابة والشركة دون اتفاق على الأجور")
                .source("qna"),
            record("c3", "محادثات الطاقة", STORY).source("afp"),
        ]
    }

    fn copy(id: &str, source: &str) -> Copy {
        Copy { id: id.to_string(), source: Some(source.to_string()) }
    }

    #[test]
    fn copies_are_listed_under_the_best_ranked_one() {
        let engine = engine(copies().to_vec());
        let results = search(&engine, &SearchRequest::new("المحادثات"));
        assert_eq!((results.total, results.stories), (4, Some(2)));
        let mut ids = ids_of(&results);
        ids.sort();
        assert_eq!(ids, ["c2", "o1"]);
        // c2 and c3 tie above the longer c1: c2, indexed first, stands
        // for the story; the story is c1's, the first indexed.
        let c2 = results.hits.iter().find(|h| h.id == "c2").unwrap();
        assert_eq!(c2.copies, [copy("c1", "wam"), copy("c3", "afp")]);
        assert_eq!(c2.story, Some(0));
        let o1 = results.hits.iter().find(|h| h.id == "o1").unwrap();
        assert_eq!((o1.story, o1.copies.len()), (Some(2), 0));
    }

    #[test]
    fn without_collapsing_every_copy_is_a_hit() {
        let engine = engine(copies().to_vec());
        let request = SearchRequest { collapse: false, ..SearchRequest::new("المحادثات") };
        let results = search(&engine, &request);
        assert_eq!((results.total, results.stories), (4, None));
        assert_eq!(results.hits.len(), 4);
        assert!(results.hits.iter().all(|h| h.copies.is_empty() && h.story.is_none()));
    }

    #[test]
    fn a_page_of_stories_skips_the_copies_of_earlier_pages() {
        let engine = engine(copies().to_vec());
        let whole = ids_of(&search(&engine, &SearchRequest::new("المحادثات")));
        let page = |offset| {
            let request =
                SearchRequest { offset, limit: 1, ..SearchRequest::new("المحادثات") };
            let results = search(&engine, &request);
            assert_eq!((results.total, results.stories), (4, Some(2)));
            ids_of(&results)
        };
        assert_eq!([page(0), page(1)].concat(), whole);
        assert!(page(2).is_empty());
    }

    #[test]
    fn a_word_of_one_copy_only_finds_that_copy_with_no_other() {
        let engine = engine(copies().to_vec());
        // The dateline is c1's alone.
        let results = search(&engine, &SearchRequest::new("وكالات"));
        assert_eq!((results.total, results.stories), (1, Some(1)));
        assert_eq!(ids_of(&results), ["c1"]);
        assert!(results.hits[0].copies.is_empty());
    }

    #[test]
    fn copies_in_other_segments_join_their_story() {
        let [c1, c2, o1, c3] = copies();
        let engine = engine_in_commits(vec![vec![c1, o1], vec![c2, c3]]);
        assert_eq!(engine.searcher().segment_readers().len(), 2);
        let results = search(&engine, &SearchRequest::new("المحادثات"));
        assert_eq!((results.total, results.stories), (4, Some(2)));
        let leader = results.hits.iter().find(|h| h.id == "c2").expect("c2 stands for the story");
        let mut ids: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["c2", "o1"]);
        // In segment order, which need not be the order of the commits.
        let mut copies = leader.copies.clone();
        copies.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(copies, [copy("c1", "wam"), copy("c3", "afp")]);
    }

    #[test]
    fn copies_are_listed_in_ingest_order_whatever_their_segments() {
        // Six copies, each committed apart (six segments, which tantivy
        // lists in an order of its own); the last says the word twice and
        // stands for the story.
        let batches = (0..6)
            .map(|i| {
                let body =
                    if i == 5 { format!("{STORY} المحادثات") } else { STORY.to_string() };
                vec![record(&format!("c{i}"), "محادثات الطاقة", &body).source(&format!("s{i}"))]
            })
            .collect();
        let engine = engine_in_commits(batches);
        assert_eq!(engine.searcher().segment_readers().len(), 6);
        let results = search(&engine, &SearchRequest::new("المحادثات"));
        assert_eq!((results.total, results.stories), (6, Some(1)));
        assert_eq!(ids_of(&results), ["c5"]);
        let listed: Vec<&str> = results.hits[0].copies.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(listed, ["c0", "c1", "c2", "c3", "c4"]);
    }
}
