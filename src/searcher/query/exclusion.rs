//! An excluded query (`-"مقاطعة قطر"`, `-covid-19`) whose articles are
//! looked up by plain seeks.
//!
//! tantivy tests a candidate against an exclusion with `seek_danger`, whose
//! contract allows a target below where the excluded scorer stands (its
//! first match, found when it was made). A phrase scorer asserts the
//! opposite (`target >= doc`, tantivy 0.27 `phrase_scorer.rs`), so a debug
//! build panics on `قطر مجلس -"مقاطعة قطر"` and a release build seeks its
//! postings backwards. [`excluded`] answers those tests itself, by `seek`,
//! which it calls only forwards.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term};

/// `inner`, to be excluded: its articles looked up by plain seeks.
pub(crate) fn excluded(inner: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(Excluded { inner })
}

#[derive(Debug)]
struct Excluded {
    inner: Box<dyn Query>,
}

impl Clone for Excluded {
    fn clone(&self) -> Excluded {
        Excluded { inner: self.inner.box_clone() }
    }
}

impl Query for Excluded {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExcludedWeight { inner: self.inner.weight(enable_scoring)? }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct ExcludedWeight {
    inner: Box<dyn Weight>,
}

impl Weight for ExcludedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ExcludedScorer { inner: self.inner.scorer(reader, boost)? }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }
}

struct ExcludedScorer {
    inner: Box<dyn Scorer>,
}

impl DocSet for ExcludedScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.inner.doc() >= target {
            return self.inner.doc();
        }
        self.inner.seek(target)
    }

    /// By `seek` (the scorer stays valid), and never backwards: standing
    /// past `target`, the scorer has passed no match since the last test.
    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        let doc = self.seek(target);
        if doc == target {
            SeekDangerResult::Found
        } else {
            SeekDangerResult::SeekLowerBound(doc)
        }
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl Scorer for ExcludedScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}
