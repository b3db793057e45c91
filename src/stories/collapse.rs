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

use crate::schema;
use crate::searcher::Copy;

/// Reads a ranked list (fetched `n` at a time by `fetch`, best first) down
/// to the `offset + limit` first stories, and returns the page of them:
/// each story's best-ranked article with its story.
pub fn collapse_ranking(
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
        n *= 4;
    }
}

/// What [`StoryTally`] finds over all the matches.
#[derive(Debug, Default)]
pub struct Tally {
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
pub struct StoryTally {
    /// The stories whose matching articles to gather, as a bitset.
    gather: std::sync::Arc<Vec<u64>>,
    /// One more than the largest story id of the index.
    bound: u64,
}

impl StoryTally {
    /// A tally over `searcher`'s index gathering the copies of `gather`.
    pub fn new(searcher: &Searcher, gather: Vec<u64>) -> tantivy::Result<StoryTally> {
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
pub struct SegmentTally {
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

/// Reads the id and source of copies from the fast fields, each
/// segment's columns opened once.
pub struct CopyReader<'a> {
    searcher: &'a Searcher,
    columns: HashMap<SegmentOrdinal, [Option<StrColumn>; 2]>,
}

impl<'a> CopyReader<'a> {
    /// A reader over `searcher`'s segments.
    pub fn new(searcher: &'a Searcher) -> CopyReader<'a> {
        CopyReader { searcher, columns: HashMap::new() }
    }

    /// The id and source of each address.
    pub fn read(&mut self, addresses: &[DocAddress]) -> tantivy::Result<Vec<Copy>> {
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
