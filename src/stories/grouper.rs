//! Assigns each article, in ingest order, to a story: the story of the
//! earlier article it is most like, if any is like enough, else a new one.
//!
//! Two articles are copies of one story when either rule holds:
//!
//! - **alike**: the shorter one's shingles are at least [`CONTAINMENT`]
//!   contained in the longer one's and their Jaccard similarity is at
//!   least [`JACCARD`] (both estimated from signatures), and, when either
//!   body is shorter than [`SHORT`] words, their headlines are the same
//!   once analyzed. Every pair with Jaccard ≥ 0.8, the usual
//!   near-duplicate line, passes; so does a copy with a paragraph added or
//!   cut, whose Jaccard may fall to 0.6;
//! - **cut**: the shorter one has at least [`CUT_MIN_SHINGLES`] shingles
//!   (50 words), and either at least [`CUT_CONTAINMENT`] of its sampled
//!   shingles are among the longer one's (see [`super::sample`]) and at
//!   least [`CUT_LEAD_SHARED`] of its first 32 shingles are among the
//!   longer one's first 32 (a cut keeps its source's lead), or, under the
//!   same analyzed headline, at least [`TITLED_CUT_CONTAINMENT`] of its
//!   sampled shingles are in the longer one: a version cut to a third of
//!   its source, whose Jaccard is near 0.33, or abridged (its lead kept,
//!   the rest condensed). A brief under 50 words quoted inside a long
//!   article is not a copy of it, nor is a brief quoted further down a
//!   digest led by another item.
//!
//! An article joins the story of an earlier article that is alike, the
//! most alike first; else of one it is a cut of (or a cut from), the most
//! contained first. The cut rule needs the samples, which indexes before
//! format 4 lack: there the alike rule alone groups, until `dedupe`.
//!
//! The earlier articles an article is compared with are, for each of its
//! band keys (see [`super::bands`]) and sample keys (see
//! [`super::sample`]), the first article (in ingest order) that had that
//! key. They are found in a table in memory: a run on an index that
//! already has articles first reads their signatures and samples back
//! (fast fields) in ingest order (another fast field), so the groups are
//! the same whether an archive is indexed in one run or several, and
//! `reindex` (which replays ingest order) rebuilds them unchanged.
//!
//! Memory: about 580 bytes an article for the length of a run (the stored
//! signature, 22 table entries), and about 650 more with samples (some 90
//! sampled and lead values of 4 bytes, 16 more table entries): 89 MB in
//! all for 72,000 articles.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use tantivy::columnar::Column;
use tantivy::Searcher;

use super::bands::{self, KEYS};
use super::sample::{self, Sample};
use super::signature::{Signature, Stored, SHINGLE, SHORT};
use crate::schema;

/// Least containment of the shorter article in the longer for copies.
pub(crate) const CONTAINMENT: f64 = 0.8;
/// Least Jaccard similarity for copies.
pub(crate) const JACCARD: f64 = 0.5;
/// Least share of the shorter article's sampled shingles found in the
/// longer one's, for a cut.
pub(crate) const CUT_CONTAINMENT: f64 = 0.9;
/// The same, for a cut under the same headline (an abridged version: its
/// lead kept, the rest condensed in other words).
pub(crate) const TITLED_CUT_CONTAINMENT: f64 = 0.5;
/// Fewest of the first [`sample::LEAD`] shingles of one article among the
/// other's, for a cut under another headline.
pub(crate) const CUT_LEAD_SHARED: usize = 8;
/// Fewest shingles of the shorter article, for a cut: 50 words.
pub(crate) const CUT_MIN_SHINGLES: u32 = 50 - SHINGLE as u32 + 1;
/// Keys an article may look up: its band keys, then its sample keys.
const ALL_KEYS: usize = KEYS + sample::KEYS;

/// What the grouper decided for one article: the values its document
/// carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Assignment {
    /// The story.
    pub story: u64,
    /// Position in ingest order.
    pub seq: u64,
    /// The signature's stored form (`None`: a body with no word).
    pub stored: Option<Stored>,
    /// The sample of shingles (`None`: no word, or an index without
    /// samples).
    pub sample: Option<Sample>,
}

/// An earlier article that may be a copy.
#[derive(Clone, Copy)]
struct Candidate {
    stored: Stored,
    story: u64,
    seq: u64,
    /// Where its sample's lead then values are in `Grouper::values`.
    values_at: usize,
    lead_len: u32,
    values_len: u32,
    /// Its sample is complete up to this value.
    complete_to: u32,
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
pub(crate) struct Grouper {
    /// Each band key's first holder: a position in `articles`.
    first: HashMap<u64, u32, BuildHasherDefault<KeyHasher>>,
    /// Every article with a signature, committed ones first, in ingest order.
    articles: Vec<Candidate>,
    /// The sample values of every article, one after the other.
    values: Vec<u32>,
    /// Whether articles have samples (indexes from format 4).
    sampled: bool,
    next_seq: u64,
}

impl Grouper {
    /// A grouper for a run over the committed articles `searcher` shows
    /// (`None` for a new index): their signatures (and samples, when
    /// `sampled`) are read back, in ingest order, into the table new
    /// articles are looked up in. `sampled` says whether the index has
    /// samples, so whether the cut rule applies.
    pub(crate) fn new(searcher: Option<&Searcher>, sampled: bool) -> tantivy::Result<Grouper> {
        let mut committed: Vec<(Candidate, Sample)> = Vec::new();
        let mut next_seq = 0;
        let mut bytes = Vec::new();
        for reader in searcher.map(Searcher::segment_readers).unwrap_or_default() {
            let fast = reader.fast_fields();
            let seq: Column<u64> = fast.u64(schema::SEQ)?;
            let story: Column<u64> = fast.u64(schema::STORY)?;
            let signatures = fast.bytes(schema::STORY_SIGNATURE)?;
            let samples = if sampled { fast.bytes(schema::STORY_SAMPLE)? } else { None };
            for doc in reader.doc_ids_alive() {
                let Some(s) = seq.first(doc) else { continue };
                next_seq = next_seq.max(s + 1);
                let Some(signatures) = &signatures else { continue };
                let Some(ord) = signatures.term_ords(doc).next() else { continue };
                bytes.clear();
                signatures.ord_to_bytes(ord, &mut bytes)?;
                let (Some(stored), Some(story)) = (Stored::from_bytes(&bytes), story.first(doc))
                else {
                    continue;
                };
                let mut sample = Sample::default();
                if let Some(ord) = samples.as_ref().and_then(|c| c.term_ords(doc).next()) {
                    bytes.clear();
                    samples.as_ref().map(|c| c.ord_to_bytes(ord, &mut bytes)).transpose()?;
                    sample = Sample::from_bytes(&bytes).unwrap_or_default();
                }
                let candidate = Candidate {
                    stored,
                    story,
                    seq: s,
                    values_at: 0,
                    lead_len: 0,
                    values_len: 0,
                    complete_to: 0,
                };
                committed.push((candidate, sample));
            }
        }
        committed.sort_unstable_by_key(|c| c.0.seq);
        let mut grouper = Grouper {
            first: HashMap::default(),
            articles: Vec::with_capacity(committed.len()),
            values: Vec::new(),
            sampled,
            next_seq,
        };
        for (candidate, sample) in committed {
            let keys = grouper.keys(&candidate.stored, &sample);
            grouper.remember(candidate, &sample, &keys);
        }
        Ok(grouper)
    }

    /// The band keys of `stored`, then (with samples) the sample keys.
    fn keys(&self, stored: &Stored, sample: &Sample) -> Vec<u64> {
        let mut keys = Vec::with_capacity(ALL_KEYS);
        keys.extend(bands::keys(stored));
        if self.sampled {
            keys.extend(Sample::keys(&sample.values));
        }
        keys
    }

    /// Assigns the next article, with the body signature `signature`.
    pub(crate) fn assign(&mut self, signature: Option<&Signature>) -> Assignment {
        let seq = self.next_seq;
        self.next_seq += 1;
        let Some(signature) = signature else {
            return Assignment { story: seq, seq, stored: None, sample: None };
        };
        let stored = signature.stored();
        let sample = &signature.sample;
        // (rule: 1 alike, 0 cut; containment, jaccard, earliest first) and
        // story of the best copy.
        let mut best: Option<((u8, f64, f64, u64), u64)> = None;
        let keys = self.keys(&stored, sample);
        let mut seen: Vec<u32> = Vec::with_capacity(keys.len());
        for &key in &keys {
            let Some(&slot) = self.first.get(&key) else { continue };
            if seen.contains(&slot) {
                continue;
            }
            seen.push(slot);
            let candidate = &self.articles[slot as usize];
            let likeness = stored.likeness(&candidate.stored);
            let rank = if likeness.jaccard >= JACCARD && likeness.containment >= CONTAINMENT {
                // A short body is a copy only under the same headline.
                let shortest = stored.shingles.min(candidate.stored.shingles) as usize;
                if shortest + SHINGLE - 1 < SHORT && stored.title != candidate.stored.title {
                    continue;
                }
                (1, likeness.containment, likeness.jaccard, u64::MAX - candidate.seq)
            } else if let Some(contained) = self.cut(&stored, sample, candidate) {
                (0, contained, likeness.jaccard, u64::MAX - candidate.seq)
            } else {
                continue;
            };
            if best.is_none_or(|b| rank > b.0) {
                best = Some((rank, candidate.story));
            }
        }
        // A new story is numbered by its first article's ingest position:
        // story ids are small and dense, so a set of them is a bitset.
        let story = best.map_or(seq, |b| b.1);
        let candidate = Candidate {
            stored,
            story,
            seq,
            values_at: 0,
            lead_len: 0,
            values_len: 0,
            complete_to: 0,
        };
        self.remember(candidate, sample, &keys);
        let sample = self.sampled.then(|| sample.clone());
        Assignment { story, seq, stored: Some(stored), sample }
    }

    /// The share of the shorter article's sampled shingles in the longer
    /// one's, when the pair passes the cut rule.
    fn cut(&self, stored: &Stored, sample: &Sample, candidate: &Candidate) -> Option<f64> {
        if !self.sampled || stored.shingles.min(candidate.stored.shingles) < CUT_MIN_SHINGLES {
            return None;
        }
        let lead_at = candidate.values_at;
        let values_at = lead_at + candidate.lead_len as usize;
        let their_lead = &self.values[lead_at..values_at];
        let theirs = &self.values[values_at..values_at + candidate.values_len as usize];
        let contained = if stored.shingles <= candidate.stored.shingles {
            sample.contained_in(theirs, candidate.complete_to)
        } else {
            let line = sample.complete_to.min(candidate.complete_to);
            sample::contained(theirs, line, &sample.values)
        };
        let share = contained.share();
        let titled = stored.title == candidate.stored.title;
        if titled {
            return (share >= TITLED_CUT_CONTAINMENT).then_some(share);
        }
        // Under another headline, the two must start alike too: a digest
        // that quotes a brief further down is not a copy of it.
        let leads = sample::leads_shared(&sample.lead, their_lead);
        (share >= CUT_CONTAINMENT && leads >= CUT_LEAD_SHARED).then_some(share)
    }

    /// Adds an article to the table: it becomes the first holder of each
    /// of its keys not yet held.
    fn remember(&mut self, mut candidate: Candidate, sample: &Sample, keys: &[u64]) {
        let slot = self.articles.len() as u32;
        for &key in keys {
            self.first.entry(key).or_insert(slot);
        }
        if self.sampled {
            candidate.values_at = self.values.len();
            candidate.lead_len = sample.lead.len() as u32;
            candidate.values_len = sample.values.len() as u32;
            self.values.extend_from_slice(&sample.lead);
            candidate.complete_to = sample.complete_to;
            self.values.extend_from_slice(&sample.values);
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
        let mut grouper = Grouper::new(None, true).unwrap();
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

    /// `n` words drawn from a fixed list by a fixed sequence: a long text
    /// whose 5-word shingles hardly repeat.
    fn words(n: usize, seed: u64) -> String {
        const WORDS: &[&str] = &[
            "الوزير",
            "المملكة",
            "الاقتصاد",
            "النفط",
            "الأسواق",
            "الحكومة",
            "البرلمان",
            "المدينة",
            "الرياض",
            "الدوحة",
            "القاهرة",
            "المؤتمر",
            "الاتفاق",
            "التعاون",
            "الشركة",
            "الأسعار",
            "الطلاب",
            "المدارس",
            "المستشفى",
            "الأمطار",
            "الطريق",
            "المشروع",
            "الميزانية",
            "الانتخابات",
            "المنتخب",
            "المباراة",
            "الجمهور",
            "الصحيفة",
            "التقرير",
            "البنك",
            "الاستثمار",
            "الصادرات",
        ];
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                WORDS[(x >> 33) as usize % WORDS.len()]
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_cut_to_a_third_joins_with_samples_and_not_without() {
        let long = words(600, 7);
        let third: String = long.split(' ').take(200).collect::<Vec<_>>().join(" ");
        let brief: String = long.split(' ').skip(300).take(40).collect::<Vec<_>>().join(" ");
        let other = words(200, 8);
        for cut_first in [false, true] {
            let mut grouper = Grouper::new(None, true).unwrap();
            let (a, b) = if cut_first { (&third, &long) } else { (&long, &third) };
            let first = grouper.assign(Some(&signature(a)));
            assert!(first.sample.is_some());
            assert_eq!(grouper.assign(Some(&signature(b))).story, first.story, "{cut_first}");
            // Under 50 words: not a copy, however contained.
            assert_ne!(grouper.assign(Some(&signature(&brief))).story, first.story);
            assert_ne!(grouper.assign(Some(&signature(&other))).story, first.story);
        }
        // An index without samples (before format 4): the alike rule only.
        let mut grouper = Grouper::new(None, false).unwrap();
        let first = grouper.assign(Some(&signature(&long)));
        let cut = grouper.assign(Some(&signature(&third)));
        assert_ne!(cut.story, first.story);
        assert_eq!(cut.sample, None);
    }
}
