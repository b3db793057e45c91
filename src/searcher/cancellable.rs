//! A query that stops when its [`Cancel`] fires: every search of a plan
//! runs through it, so any collector over it (counts, top hits, facets,
//! timelines, stories) stops too.
//!
//! It checks before each segment (an error, [`Error::Cancelled`] once
//! mapped) and every [`CHECK_EVERY_DOCS`] matching articles inside one (the
//! matches then end early). A search cut short that way returns what it
//! had, so every caller checks the token after the search and drops that
//! partial answer: [`Engine`] does, in each of its functions.
//!
//! The top-hits-by-score path keeps tantivy's block-max WAND: it is given
//! the wrapped query's own pruning loop, whose threshold is raised past
//! every score once cancelled, so the loop skips what is left.
//!
//! [`Error::Cancelled`]: crate::Error::Cancelled
//! [`Engine`]: super::Engine

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{
    DocId, DocSet, Score, SeekDangerResult, SegmentReader, TantivyError, Term,
    COLLECT_BLOCK_BUFFER_LEN, TERMINATED,
};

use crate::cancel::Cancel;

/// Matching articles between two checks of the token inside a segment.
pub(crate) const CHECK_EVERY_DOCS: u32 = 4096;

/// The text of the tantivy error a cancelled query raises, recognised by
/// [`is_cancelled_error`] (tantivy has no variant of its own for it).
const CANCELLED: &str = "fahras: search cancelled";

/// Returns true if and only if `error` is the one a cancelled
/// [`Cancellable`] query raised.
pub(crate) fn is_cancelled_error(error: &TantivyError) -> bool {
    matches!(error, TantivyError::InternalError(text) if text == CANCELLED)
}

fn check(cancel: &Cancel) -> tantivy::Result<()> {
    if cancel.is_cancelled() {
        Err(TantivyError::InternalError(CANCELLED.to_string()))
    } else {
        Ok(())
    }
}

/// `inner`, stopping when `cancel` fires.
pub(crate) fn cancellable(inner: Box<dyn Query>, cancel: &Cancel) -> Box<dyn Query> {
    Box::new(Cancellable { inner, cancel: cancel.clone() })
}

/// A query and the token that stops it.
#[derive(Debug)]
pub(crate) struct Cancellable {
    inner: Box<dyn Query>,
    cancel: Cancel,
}

impl Clone for Cancellable {
    fn clone(&self) -> Cancellable {
        Cancellable { inner: self.inner.box_clone(), cancel: self.cancel.clone() }
    }
}

impl Query for Cancellable {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        check(&self.cancel)?;
        let inner = self.inner.weight(enable_scoring)?;
        Ok(Box::new(CancellableWeight { inner, cancel: self.cancel.clone() }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct CancellableWeight {
    inner: Box<dyn Weight>,
    cancel: Cancel,
}

impl Weight for CancellableWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        check(&self.cancel)?;
        let inner = self.inner.scorer(reader, boost)?;
        Ok(Box::new(CancellableScorer {
            inner,
            cancel: self.cancel.clone(),
            countdown: CHECK_EVERY_DOCS,
            stopped: false,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        // The inner count may be a lookup (a term's document frequency);
        // checked before and after rather than inside.
        check(&self.cancel)?;
        let count = self.inner.count(reader)?;
        check(&self.cancel)?;
        Ok(count)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        check(&self.cancel)?;
        let mut countdown = CHECK_EVERY_DOCS;
        let mut stopped = false;
        self.inner.for_each_pruning(threshold, reader, &mut |doc, score| {
            if !stopped {
                countdown -= 1;
                if countdown == 0 {
                    countdown = CHECK_EVERY_DOCS;
                    stopped = self.cancel.is_cancelled();
                }
            }
            if stopped {
                // No score beats this: the loop skips the rest.
                Score::MAX
            } else {
                callback(doc, score)
            }
        })?;
        check(&self.cancel)
    }
}

struct CancellableScorer {
    inner: Box<dyn Scorer>,
    cancel: Cancel,
    countdown: u32,
    stopped: bool,
}

impl CancellableScorer {
    /// Returns true if and only if the matches end here: the token fired
    /// (looked at every [`CHECK_EVERY_DOCS`] calls).
    fn stop(&mut self) -> bool {
        if !self.stopped {
            self.countdown -= 1;
            if self.countdown == 0 {
                self.countdown = CHECK_EVERY_DOCS;
                self.stopped = self.cancel.is_cancelled();
            }
        }
        self.stopped
    }
}

impl DocSet for CancellableScorer {
    fn advance(&mut self) -> DocId {
        if self.stop() {
            return TERMINATED;
        }
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.stop() {
            return TERMINATED;
        }
        self.inner.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        if self.stop() {
            return SeekDangerResult::SeekLowerBound(TERMINATED);
        }
        self.inner.seek_danger(target)
    }

    fn fill_buffer(&mut self, buffer: &mut [DocId; COLLECT_BLOCK_BUFFER_LEN]) -> usize {
        // One look a block of 64: cheap next to filling it.
        if self.stopped || self.cancel.is_cancelled() {
            self.stopped = true;
            return 0;
        }
        self.inner.fill_buffer(buffer)
    }

    fn doc(&self) -> DocId {
        if self.stopped {
            TERMINATED
        } else {
            self.inner.doc()
        }
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }
}

impl Scorer for CancellableScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::Count;
    use tantivy::query::AllQuery;
    use tantivy::schema::{Schema, STRING};
    use tantivy::{doc, Index};

    use super::*;

    /// An index of `n` articles in one segment.
    fn index_of(n: usize) -> Index {
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..n {
            writer.add_document(doc!(id => i.to_string())).unwrap();
        }
        writer.commit().unwrap();
        index
    }

    #[test]
    fn a_query_not_cancelled_finds_everything() {
        let index = index_of(10_000);
        let searcher = index.reader().unwrap().searcher();
        let query = cancellable(Box::new(AllQuery), &Cancel::new());
        assert_eq!(searcher.search(&*query, &Count).unwrap(), 10_000);
        let mut scorer = query
            .weight(EnableScoring::disabled_from_searcher(&searcher))
            .unwrap()
            .scorer(searcher.segment_reader(0), 1.0)
            .unwrap();
        assert_eq!(scorer.count_including_deleted(), 10_000);
    }

    #[test]
    fn a_cancelled_query_stops_before_a_segment_and_inside_one() {
        let index = index_of(3 * CHECK_EVERY_DOCS as usize);
        let searcher = index.reader().unwrap().searcher();
        let cancel = Cancel::new();
        let query = cancellable(Box::new(AllQuery), &cancel);
        let weight = query.weight(EnableScoring::disabled_from_searcher(&searcher)).unwrap();
        let mut scorer = weight.scorer(searcher.segment_reader(0), 1.0).unwrap();
        let mut seen = 0;
        while scorer.doc() != TERMINATED {
            seen += 1;
            if seen == 10 {
                cancel.cancel();
            }
            scorer.advance();
        }
        assert_eq!(seen, CHECK_EVERY_DOCS, "the matches end at the first check after the cancel");
        let error = searcher.search(&*query, &Count).unwrap_err();
        assert!(is_cancelled_error(&error), "{error}");
    }
}
