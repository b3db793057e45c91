//! Assigns each article, in ingest order, to a story: the story of the
//! earlier article it is most like, if any is like enough, else a new one.
//!
//! Two articles are copies of one story when the shorter one's shingles
//! are at least [`CONTAINMENT`] contained in the longer one's and their
//! Jaccard similarity is at least [`JACCARD`] (both estimated from
//! signatures), and, when either body is shorter than
//! [`SHORT`] words, their headlines are the same
//! once analyzed. Every pair with Jaccard ≥ 0.8, the usual near-duplicate
//! line, passes; so does a copy with a paragraph added or cut, whose
//! Jaccard may fall to 0.6; a short brief quoted inside a long article
//! (Jaccard near 0) does not.
//!
//! The earlier articles an article is compared with are, for each of its
//! band keys (see [`super::bands`]), the first article (in ingest order)
//! that had that key. They are found in a table in memory: a run on an
//! index that already has articles first reads their signatures back (a
//! fast field) in ingest order (another fast field), so the groups are the
//! same whether an archive is indexed in one run or several, and `reindex`
//! (which replays ingest order) rebuilds them unchanged.
//!
//! Memory: about 580 bytes an article for the length of a run (the stored
//! signature, 22 table entries), 42 MB for 72,000 articles.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use tantivy::columnar::Column;
use tantivy::Searcher;

use super::bands::{self, KEYS};
use super::signature::{Signature, Stored, SHINGLE, SHORT};
use crate::schema;

/// Least containment of the shorter article in the longer for copies.
pub const CONTAINMENT: f64 = 0.8;
/// Least Jaccard similarity for copies.
pub const JACCARD: f64 = 0.5;

/// What the grouper decided for one article: the values its document
/// carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    /// The story.
    pub story: u64,
    /// Position in ingest order.
    pub seq: u64,
    /// The signature's stored form (`None`: a body with no word).
    pub stored: Option<Stored>,
}

/// An earlier article that may be a copy.
#[derive(Clone, Copy)]
struct Candidate {
    stored: Stored,
    story: u64,
    seq: u64,
}

/// Keys are already well-mixed hashes: use them as they are.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Groups articles as an indexing run adds them.
pub struct Grouper {
    /// Each band key's first holder: a position in `articles`.
    first: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
    /// Every article with a signature, committed ones first, in ingest order.
    articles: Vec<Candidate>,
    next_seq: u64,
}

impl Grouper {
    /// A grouper for a run over the committed articles `searcher` shows
    /// (`None` for a new index): their signatures are read back, in ingest
    /// order, into the table new articles are looked up in.
    pub fn new(searcher: Option<&Searcher>) -> tantivy::Result<Grouper> {
        let mut committed: Vec<Candidate> = Vec::new();
        let mut next_seq = 0;
        let mut bytes = Vec::new();
        for reader in searcher.map(Searcher::segment_readers).unwrap_or_default() {
            let fast = reader.fast_fields();
            let seq: Column<u64> = fast.u64(schema::SEQ)?;
            let story: Column<u64> = fast.u64(schema::STORY)?;
            let signatures = fast.bytes(schema::STORY_SIGNATURE)?;
            for doc in reader.doc_ids_alive() {
                let Some(s) = seq.first(doc) else { continue };
                next_seq = next_seq.max(s + 1);
                let Some(signatures) = &signatures else { continue };
                let Some(ord) = signatures.term_ords(doc).next() else { continue };
                bytes.clear();
                signatures.ord_to_bytes(ord, &mut bytes)?;
                if let (Some(stored), Some(story)) = (Stored::from_bytes(&bytes), story.first(doc))
                {
                    committed.push(Candidate { stored, story, seq: s });
                }
            }
        }
        committed.sort_unstable_by_key(|c| c.seq);
        let mut grouper = Grouper {
            first: HashMap::default(),
            articles: Vec::with_capacity(committed.len()),
            next_seq,
        };
        for candidate in committed {
            let keys = bands::keys(&candidate.stored);
            grouper.remember(candidate, &keys);
        }
        Ok(grouper)
    }

    /// Assigns the next article, with the body signature `signature`.
    pub fn assign(&mut self, signature: Option<&Signature>) -> Assignment {
        let seq = self.next_seq;
        self.next_seq += 1;
        let Some(signature) = signature else {
            return Assignment { story: seq, seq, stored: None };
        };
        let stored = signature.stored();
        // (containment, jaccard, earliest first) and story of the best copy.
        let mut best: Option<((f64, f64, u64), u64)> = None;
        let mut seen = [u32::MAX; KEYS];
        let keys = bands::keys(&stored);
        for (i, &key) in keys.iter().enumerate() {
            let Some(&slot) = self.first.get(&key) else { continue };
            if seen[..i].contains(&slot) {
                continue;
            }
            seen[i] = slot;
            let candidate = &self.articles[slot as usize];
            let likeness = stored.likeness(&candidate.stored);
            if likeness.jaccard < JACCARD || likeness.containment < CONTAINMENT {
                continue;
            }
            // A short body is a copy only under the same headline.
            let shortest = stored.shingles.min(candidate.stored.shingles) as usize;
            if shortest + SHINGLE - 1 < SHORT && stored.title != candidate.stored.title {
                continue;
            }
            let rank = (likeness.containment, likeness.jaccard, u64::MAX - candidate.seq);
            if best.is_none_or(|b| rank > b.0) {
                best = Some((rank, candidate.story));
            }
        }
        // A new story is numbered by its first article's ingest position:
        // story ids are small and dense, so a set of them is a bitset.
        let story = best.map_or(seq, |b| b.1);
        self.remember(Candidate { stored, story, seq }, &keys);
        Assignment { story, seq, stored: Some(stored) }
    }

    /// Adds an article to the table: it becomes the first holder of each
    /// of its keys not yet held.
    fn remember(&mut self, candidate: Candidate, keys: &[u64; KEYS]) {
        let slot = self.articles.len() as u32;
        for &key in keys {
            self.first.entry(key).or_insert(slot);
        }
        self.articles.push(candidate);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::signature::Scratch;

    fn signature(text: &str) -> Signature {
        Signature::of("", text, &mut Scratch::default()).unwrap()
    }

    const STORY: &str = "قال وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة إن المحادثات \
        مع الوفد الزائر تناولت التعاون في مجالات الطاقة والنقل والتعليم، وأضاف أن الجانبين \
        اتفقا على تشكيل لجنة مشتركة تجتمع كل ثلاثة أشهر لمتابعة تنفيذ الاتفاقات الموقعة \
        بين البلدين خلال الزيارة التي استمرت يومين";

    #[test]
    fn a_copy_joins_the_story_of_its_source_and_another_article_starts_one() {
        let mut grouper = Grouper::new(None).unwrap();
        let first = grouper.assign(Some(&signature(STORY)));
        assert_eq!((first.story, first.seq), (0, 0));
        let copy = grouper.assign(Some(&signature(&format!("عمان - وكالات: {STORY}"))));
        assert_eq!((copy.story, copy.seq), (0, 1));
        let other = grouper.assign(Some(&signature(
            "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار خفض الإنتاج وسجل خام برنت \
             أعلى مستوى له منذ ثلاثة أشهر وسط توقعات بزيادة الطلب في فصل الشتاء",
        )));
        assert_eq!((other.story, other.seq), (2, 2));
        // No words: a story of its own.
        assert_eq!(grouper.assign(None).story, 3);
        // A short brief inside a long article is not a copy of it.
        let brief =
            grouper.assign(Some(&signature("اتفقا على تشكيل لجنة مشتركة تجتمع كل ثلاثة أشهر")));
        assert_eq!(brief.story, 4);
    }
}
