//! Counting stories instead of articles (`--stories`): each story among the
//! matches counts once, as its first article — the earliest dated, then
//! the first indexed — so a wire story run by five outlets adds one to the
//! month, the outlet and the section where it first appeared. Articles
//! without a story (an index built before stories) count as their own.
//!
//! Any counting collector runs over those first articles only: one pass
//! finds them, a second feeds them to the collector segment by segment.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::Query;
use tantivy::{DateTime, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::schema;

/// Runs `collector` over the first article of each story `query` matches.
pub(crate) fn collect_each_story<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
) -> tantivy::Result<C::Fruit> {
    let firsts = searcher.search(query, &FirstOfStory)?;
    let mut fruits = Vec::with_capacity(firsts.len());
    for (ord, docs) in firsts.into_iter().enumerate() {
        let reader = searcher.segment_reader(ord as SegmentOrdinal);
        let mut child = collector.for_segment(ord as SegmentOrdinal, reader)?;
        for doc in docs {
            child.collect(doc, 0.0);
        }
        fruits.push(child.harvest());
    }
    collector.merge_fruits(fruits)
}

/// Finds each story's first matching article: per segment, the sorted ids
/// of those articles.
struct FirstOfStory;

/// One match: (story, date, ingest position, segment, doc).
type Seen = (u64, i64, u64, SegmentOrdinal, DocId);

struct SegmentFirsts {
    segment: SegmentOrdinal,
    story: Column<u64>,
    seq: Column<u64>,
    date: Option<Column<DateTime>>,
    seen: Vec<Seen>,
    alone: Vec<DocId>,
}

impl Collector for FirstOfStory {
    type Fruit = Vec<Vec<DocId>>;
    type Child = SegmentFirsts;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFirsts> {
        let fast = reader.fast_fields();
        Ok(SegmentFirsts {
            segment,
            story: fast.u64(schema::STORY)?,
            seq: fast.u64(schema::SEQ)?,
            date: fast.date(schema::DATE).ok(),
            seen: Vec::new(),
            alone: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        segments: Vec<(SegmentOrdinal, Vec<Seen>, Vec<DocId>)>,
    ) -> tantivy::Result<Vec<Vec<DocId>>> {
        let count = segments.iter().map(|s| s.0 as usize + 1).max().unwrap_or(0);
        let mut out = vec![Vec::new(); count];
        let mut first: HashMap<u64, Seen> = HashMap::new();
        for (segment, seen, alone) in segments {
            out[segment as usize].extend(alone);
            for s in seen {
                let entry = first.entry(s.0).or_insert(s);
                if (s.1, s.2) < (entry.1, entry.2) {
                    *entry = s;
                }
            }
        }
        for (_, _, _, segment, doc) in first.into_values() {
            out[segment as usize].push(doc);
        }
        for docs in &mut out {
            docs.sort_unstable();
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentFirsts {
    type Fruit = (SegmentOrdinal, Vec<Seen>, Vec<DocId>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        match self.story.first(doc) {
            Some(story) => {
                // Undated articles come after every dated one.
                let date = self
                    .date
                    .as_ref()
                    .and_then(|c| c.first(doc))
                    .map_or(i64::MAX, |d| d.into_timestamp_secs());
                let seq = self.seq.first(doc).unwrap_or(u64::MAX);
                self.seen.push((story, date, seq, self.segment, doc));
            }
            None => self.alone.push(doc),
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.segment, self.seen, self.alone)
    }
}
