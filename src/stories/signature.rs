//! An article's near-duplicate signature: MinHash over the 5-word shingles
//! of its analyzed body.
//!
//! The body goes through the exact chain (normalized letters, no
//! diacritics, no punctuation, not stemmed, stop words kept), so two copies
//! that differ in diacritics, ة/ه, hamza seats or punctuation have the same
//! words. Each run of five consecutive words is a shingle; the set of
//! shingles is summarized by one-permutation MinHash (Li, Owen and Zhang,
//! "One Permutation Hashing", NIPS 2012) with optimal densification
//! (Shrivastava, "Optimal Densification for Fast and Accurate Minwise
//! Hashing", ICML 2017): each shingle is hashed once, the top bits of the
//! hash pick one of [`BINS`] bins and the rest compete for that bin's
//! minimum; an empty bin borrows the value of a bin chosen by a fixed hash
//! sequence. Two sets agree on a bin with probability equal to their
//! Jaccard similarity, so one hash a shingle does the work of 64 hash
//! functions.
//!
//! A body of fewer than five words is one shingle of all its words; a body
//! with no word has no signature. The signature also keeps a hash of the
//! analyzed headline: a body of fewer than [`SHORT`] words says too little
//! to tell one article from another (a photo caption's `(صورة)`, a
//! column's standing disclaimer), so two such articles are copies only
//! when their headlines agree too (see [`super::grouper`]).

use fahras_analyzers::chains;
use tantivy::tokenizer::{TokenStream, Tokenizer};

use super::sample::{Sample, LEAD};

/// MinHash bins in a signature.
pub(crate) const BINS: usize = 64;
/// Words in a shingle.
pub(crate) const SHINGLE: usize = 5;
/// Bodies with fewer words than this are copies only with the same
/// headline (fewer than `SHORT - 4` distinct shingles, as compared).
pub(crate) const SHORT: usize = 25;
/// Bytes of [`Stored::to_bytes`]: a 16-bit value per bin, the shingle
/// count (little-endian u32), the headline's hash (u64).
pub(crate) const BYTES: usize = BINS * 2 + 4 + 8;

/// The MinHash of one article's shingles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Signature {
    /// Each bin's minimum (58 bits), after densification.
    pub mins: [u64; BINS],
    /// Distinct shingles in the body.
    pub shingles: u32,
    /// The hash of the headline's analyzed words.
    pub title: u64,
    /// A share of the shingles themselves, to measure containment (see
    /// [`super::sample`]).
    pub sample: Sample,
}

/// The stored form of a signature: 16 bits a bin, enough to compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Stored {
    /// The low 16 bits of each bin's minimum.
    pub bins: [u16; BINS],
    /// Distinct shingles in the body.
    pub shingles: u32,
    /// The hash of the headline's analyzed words.
    pub title: u64,
}

/// How alike two articles' shingle sets are, estimated from signatures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Likeness {
    /// |A ∩ B| / |A ∪ B|.
    pub jaccard: f64,
    /// |A ∩ B| / min(|A|, |B|): how much of the shorter is in the longer.
    pub containment: f64,
}

/// Murmur3's 64-bit finalizer: every input bit moves every output bit.
pub(crate) fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The hash of one analyzed word (FNV-1a, stable across builds).
fn word_hash(word: &str) -> u64 {
    crate::ingest::fnv::fnv1a(word.as_bytes())
}

/// The hash of a shingle from its words' hashes, in order.
fn shingle_hash(words: &[u64]) -> u64 {
    let mut h = 0x9e37_79b9_7f4a_7c15u64;
    for &w in words {
        h = (h ^ w).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
    }
    mix(h)
}

impl Signature {
    /// The signature of an article's `body` (with its `title` when the
    /// body is short), or `None` when the body has no word. `scratch` is
    /// reused between calls to avoid allocating per article.
    pub(crate) fn of(title: &str, body: &str, scratch: &mut Scratch) -> Option<Signature> {
        let Scratch { words, shingles, chain } = scratch;
        words.clear();
        shingles.clear();
        let mut stream = chain.token_stream(body);
        while let Some(token) = stream.next() {
            words.push(word_hash(&token.text));
        }
        if words.is_empty() {
            return None;
        }
        let mut title_hash = 0x6a09_e667_f3bc_c908u64;
        let mut stream = chain.token_stream(title);
        while let Some(token) = stream.next() {
            title_hash = mix(title_hash ^ word_hash(&token.text));
        }

        if words.len() < SHINGLE {
            shingles.push(shingle_hash(words));
        } else {
            shingles.extend(words.windows(SHINGLE).map(shingle_hash));
        }
        let lead: [u64; LEAD] = std::array::from_fn(|i| shingles.get(i).copied().unwrap_or(0));
        let lead = &lead[..shingles.len().min(LEAD)];
        shingles.sort_unstable();
        shingles.dedup();
        let mut signature = Signature::of_shingles(shingles, lead);
        signature.title = title_hash;
        Some(signature)
    }

    /// The signature of a set of distinct shingle hashes, whose first
    /// ones in text order were `lead`.
    fn of_shingles(shingles: &[u64], lead: &[u64]) -> Signature {
        const EMPTY: u64 = u64::MAX;
        const VALUE_BITS: u32 = 64 - BINS.trailing_zeros();
        let mut mins = [EMPTY; BINS];
        for &h in shingles {
            let bin = (h >> VALUE_BITS) as usize;
            let value = h & ((1 << VALUE_BITS) - 1);
            if value < mins[bin] {
                mins[bin] = value;
            }
        }
        let filled = mins;
        for (i, slot) in mins.iter_mut().enumerate() {
            if *slot != EMPTY {
                continue;
            }
            // The same sequence of bins for every article, so two articles
            // with the same filled bins borrow the same values.
            for attempt in 1u64.. {
                let from = (mix((i as u64) << 32 | attempt) % BINS as u64) as usize;
                if filled[from] != EMPTY {
                    *slot = filled[from];
                    break;
                }
            }
        }
        Signature {
            mins,
            shingles: shingles.len().min(u32::MAX as usize) as u32,
            title: 0,
            sample: Sample::of_shingles(shingles, lead),
        }
    }

    /// The stored form.
    pub(crate) fn stored(&self) -> Stored {
        let mut bins = [0u16; BINS];
        for (out, &min) in bins.iter_mut().zip(&self.mins) {
            *out = min as u16;
        }
        Stored { bins, shingles: self.shingles, title: self.title }
    }
}

impl Stored {
    /// [`BYTES`] bytes: the bins, then the shingle count.
    pub(crate) fn to_bytes(self) -> [u8; BYTES] {
        let mut out = [0u8; BYTES];
        for (i, bin) in self.bins.iter().enumerate() {
            out[2 * i..2 * i + 2].copy_from_slice(&bin.to_le_bytes());
        }
        out[BINS * 2..BINS * 2 + 4].copy_from_slice(&self.shingles.to_le_bytes());
        out[BINS * 2 + 4..].copy_from_slice(&self.title.to_le_bytes());
        out
    }

    /// Reads [`Self::to_bytes`] back; `None` for any other length.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Stored> {
        if bytes.len() != BYTES {
            return None;
        }
        let mut bins = [0u16; BINS];
        for (i, bin) in bins.iter_mut().enumerate() {
            *bin = u16::from_le_bytes([bytes[2 * i], bytes[2 * i + 1]]);
        }
        let count = u32::from_le_bytes(bytes[BINS * 2..BINS * 2 + 4].try_into().ok()?);
        let title = u64::from_le_bytes(bytes[BINS * 2 + 4..].try_into().ok()?);
        Some(Stored { bins, shingles: count, title })
    }

    /// The estimated likeness of two articles. Bins that agree estimate the
    /// Jaccard similarity J; with the set sizes, |A ∩ B| = J(|A| + |B|)/(1 + J)
    /// gives the containment. (Two 16-bit values of unrelated sets agree by
    /// chance once in 65,536 bins, which is left uncorrected.)
    pub(crate) fn likeness(&self, other: &Stored) -> Likeness {
        let agree = self.bins.iter().zip(&other.bins).filter(|(a, b)| a == b).count();
        let jaccard = agree as f64 / BINS as f64;
        let (a, b) = (f64::from(self.shingles), f64::from(other.shingles));
        let shorter = a.min(b).max(1.0);
        let containment = (jaccard * (a + b) / (1.0 + jaccard) / shorter).min(1.0);
        Likeness { jaccard, containment }
    }
}

/// Buffers reused from one article to the next, and the analysis chain.
pub(crate) struct Scratch {
    words: Vec<u64>,
    shingles: Vec<u64>,
    chain: chains::ExactChain,
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch { words: Vec::new(), shingles: Vec::new(), chain: chains::arabic_exact() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signature(text: &str) -> Stored {
        Signature::of("", text, &mut Scratch::default()).unwrap().stored()
    }

    const TEXT: &str = "أعلنت وزارة الخارجية القطرية اليوم أن وزير الخارجية سيلتقي نظيره \
        الأمريكي في الدوحة الأسبوع المقبل لبحث العلاقات الثنائية والتطورات في المنطقة، \
        وقال المتحدث باسم الوزارة إن اللقاء يأتي في إطار التشاور المستمر بين البلدين \
        حول القضايا الإقليمية والدولية ذات الاهتمام المشترك";

    #[test]
    fn spelling_diacritics_and_punctuation_do_not_change_the_signature() {
        let respelt = TEXT
            .replace("الدوحة", "الدوحه")
            .replace("الأمريكي", "الامريكي")
            .replace("،", " - ")
            .replace("وزارة", "وِزارَة");
        assert_eq!(signature(TEXT), signature(&respelt));
    }

    #[test]
    fn an_added_sentence_keeps_most_bins_and_containment_high() {
        let longer = format!("{TEXT}. وأضاف أن الجانبين سيوقعان اتفاقية جديدة للتعاون");
        let likeness = signature(TEXT).likeness(&signature(&longer));
        assert!(likeness.jaccard > 0.5 && likeness.jaccard < 1.0, "{likeness:?}");
        assert!(likeness.containment > 0.8, "{likeness:?}");
    }

    #[test]
    fn unrelated_texts_share_almost_no_bins() {
        let other = "ارتفعت أسعار النفط في الأسواق العالمية اليوم بعد قرار منظمة أوبك \
            خفض الإنتاج، وسجل خام برنت أعلى مستوى له منذ ثلاثة أشهر وسط توقعات بزيادة الطلب";
        let likeness = signature(TEXT).likeness(&signature(other));
        assert!(likeness.jaccard < 0.1, "{likeness:?}");
    }

    #[test]
    fn bytes_round_trip_and_short_bodies() {
        let stored = signature(TEXT);
        assert_eq!(Stored::from_bytes(&stored.to_bytes()), Some(stored));
        assert_eq!(Stored::from_bytes(&[0; 3]), None);
        assert_eq!(signature("خبر عاجل").shingles, 1);
        assert_eq!(signature("خبر عاجل"), signature("خَبَرٌ: عاجل!"));
        assert!(Signature::of("عنوان", "... !!", &mut Scratch::default()).is_none());
        // The headline's hash, from its analyzed words.
        let titled =
            |title: &str| Signature::of(title, "(صورة)", &mut Scratch::default()).unwrap().stored();
        assert_ne!(titled("زيارة الوزير").title, titled("افتتاح المعرض").title);
        assert_eq!(titled("زيارة الوزير"), titled("زيارةُ الوزير"));
    }
}
