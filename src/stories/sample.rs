//! An article's containment sketch: a fixed share of its shingles, kept
//! as they are, so that a cut copy can be told from an article that only
//! shares some of its text.
//!
//! A MinHash signature estimates Jaccard similarity, and a cut to a third
//! of its source has a Jaccard similarity near 0.33: too far from the
//! source's for its bins to say whether the cut is *contained* in it.
//! Sampling by hash value does (Broder, "On the resemblance and
//! containment of documents", 1997, his MOD_m sketch): every shingle
//! whose hash falls below a fixed line is kept, the same line for every
//! article, so the kept shingles of a cut are a subset of its source's,
//! and the share of the shorter article's kept shingles found among the
//! longer one's estimates how much of it is in the longer one. A true cut
//! scores 1.0 however few shingles are kept.
//!
//! - The line keeps one shingle in [`RATE`] (the top 32 bits of each
//!   shingle's hash are kept, in order);
//! - a body with fewer than [`AT_LEAST`] shingles below the line keeps its
//!   [`AT_LEAST`] smallest instead (a short article keeps enough to be
//!   compared), and says up to which value it is complete;
//! - two sketches are compared below the lower of their two lines, where
//!   both are complete.
//!
//! The [`KEYS`] smallest kept values are also the keys through which an
//! article meets the articles it may be a cut of, or a cut from: when A is
//! contained in B, any of B's k smallest shingles that is in A is among
//! A's k smallest too, so they share a key with probability
//! 1 − (1 − |A|/|B|)^k (0.998 for a cut to a third, with k = 16).

use super::signature::mix;

/// One shingle in `RATE` is kept, by hash value.
pub(crate) const RATE: u32 = 4;
/// The fewest values kept (a body with fewer shingles keeps them all).
pub(crate) const AT_LEAST: usize = 16;
/// Keys an article is found by: its smallest kept values.
pub(crate) const KEYS: usize = 16;
/// Shingles of the lead (the body's first ones, in order) kept apart.
pub(crate) const LEAD: usize = 32;
/// Values below this are kept.
const LINE: u32 = u32::MAX / RATE;

/// The kept shingles of one article, as the top 32 bits of their hashes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Sample {
    /// Every shingle value up to this one is in `values`.
    pub complete_to: u32,
    /// The kept values, ascending, distinct.
    pub values: Vec<u32>,
    /// The first [`LEAD`] shingles' values, in text order: a cut keeps
    /// its source's lead, a digest quoting a brief does not start with it.
    pub lead: Vec<u32>,
}

/// How much of one sample is in another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Contained {
    /// Values of the first sample compared (those below both lines).
    pub compared: u32,
    /// Of those, values also in the second.
    pub found: u32,
}

impl Contained {
    /// `found / compared` (0 when nothing was compared).
    pub(crate) fn share(&self) -> f64 {
        if self.compared == 0 {
            0.0
        } else {
            f64::from(self.found) / f64::from(self.compared)
        }
    }
}

impl Sample {
    /// The sample of a set of distinct shingle hashes, ascending, whose
    /// first shingles in text order were `lead`.
    pub(crate) fn of_shingles(shingles: &[u64], lead: &[u64]) -> Sample {
        let mut values: Vec<u32> = Vec::new();
        let mut all = true;
        for &h in shingles {
            let value = (h >> 32) as u32;
            if value >= LINE && values.len() >= AT_LEAST {
                all = false;
                break;
            }
            if values.last() != Some(&value) {
                values.push(value);
            }
        }
        let complete_to = match values.last() {
            _ if all => u32::MAX,
            Some(&last) => last.max(LINE - 1),
            None => 0,
        };
        let lead = lead.iter().take(LEAD).map(|&h| (h >> 32) as u32).collect();
        Sample { complete_to, values, lead }
    }

    /// How much of `self` is in `other`: both are complete up to the lower
    /// of their two lines, so a value of `self` up to there that `other`
    /// lacks is a shingle the other article does not have.
    pub(crate) fn contained_in(&self, other: &[u32], other_complete_to: u32) -> Contained {
        let line = self.complete_to.min(other_complete_to);
        contained(&self.values, line, other)
    }

    /// The values an article is found by (see the module's docs).
    pub(crate) fn keys(values: &[u32]) -> impl Iterator<Item = u64> + '_ {
        values.iter().take(KEYS).map(|&v| mix(u64::from(v) ^ 0x243f_6a88_85a3_08d3 << 32))
    }

    /// Bytes: `complete_to`, the lead's length, the lead, then the values
    /// (little-endian u32s).
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 * (self.values.len() + self.lead.len() + 2));
        out.extend_from_slice(&self.complete_to.to_le_bytes());
        out.extend_from_slice(&(self.lead.len() as u32).to_le_bytes());
        for v in self.lead.iter().chain(&self.values) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// Reads [`Self::to_bytes`] back; `None` when the length is not a
    /// multiple of four or the values are out of order.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Sample> {
        if bytes.len() < 4 || !bytes.len().is_multiple_of(4) {
            return None;
        }
        let mut words = bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let complete_to = words.next()?;
        let lead_len = words.next()? as usize;
        let lead: Vec<u32> = words.by_ref().take(lead_len).collect();
        let values: Vec<u32> = words.collect();
        (lead.len() == lead_len && values.windows(2).all(|w| w[0] < w[1])).then_some(Sample {
            complete_to,
            values,
            lead,
        })
    }
}

/// How many of the values of lead `mine` are in lead `theirs`.
pub(crate) fn leads_shared(mine: &[u32], theirs: &[u32]) -> usize {
    mine.iter().filter(|v| theirs.contains(v)).count()
}

/// Values of `mine` up to `line`, and how many of them `theirs` has (both
/// ascending).
pub(crate) fn contained(mine: &[u32], line: u32, theirs: &[u32]) -> Contained {
    let (mut compared, mut found) = (0u32, 0u32);
    let mut j = 0;
    for &v in mine {
        if v > line {
            break;
        }
        compared += 1;
        while j < theirs.len() && theirs[j] < v {
            j += 1;
        }
        if j < theirs.len() && theirs[j] == v {
            found += 1;
        }
    }
    Contained { compared, found }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(range: std::ops::Range<u64>) -> Sample {
        let lead: Vec<u64> = range.clone().map(mix).collect();
        Sample::of_shingles(&hashes(range), &lead)
    }

    fn hashes(range: std::ops::Range<u64>) -> Vec<u64> {
        let mut out: Vec<u64> = range.map(mix).collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn a_subset_is_contained_whole_and_a_stranger_not() {
        let long = sample(0..900);
        let cut = sample(0..60);
        let other = sample(10_000..10_080);
        assert!(long.values.len() > 150 && long.values.len() < 300, "{}", long.values.len());
        let c = cut.contained_in(&long.values, long.complete_to);
        assert!(c.compared >= 5 && c.found == c.compared, "{c:?}");
        assert_eq!(other.contained_in(&long.values, long.complete_to).found, 0);
        // Half inside, half outside.
        let mut half = hashes(0..400);
        half.extend(hashes(20_000..20_400));
        half.sort_unstable();
        let half = Sample::of_shingles(&half, &[]).contained_in(&long.values, long.complete_to);
        assert!((half.share() - 0.5).abs() < 0.15, "{half:?}");
    }

    #[test]
    fn short_bodies_keep_every_shingle_and_keys_are_shared_by_a_cut() {
        let tiny = sample(0..10);
        assert_eq!((tiny.values.len(), tiny.complete_to), (10, u32::MAX));
        let cut = sample(0..300);
        let long = sample(0..900);
        let keys: Vec<u64> = Sample::keys(&long.values).collect();
        assert!(Sample::keys(&cut.values).any(|k| keys.contains(&k)));
        assert_eq!(leads_shared(&cut.lead, &long.lead), LEAD);
        assert_eq!(Sample::from_bytes(&long.to_bytes()), Some(long));
        assert_eq!(Sample::from_bytes(&[1, 2, 3]), None);
    }
}
