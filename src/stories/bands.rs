//! Locality-sensitive hashing of signatures into band keys, so that an
//! article meets the earlier articles likely to be its copies without
//! being compared with all of them.
//!
//! The 64 bins make [`BANDS`] bands of [`ROWS`] bins (the last bin is left
//! out); two articles share a band key when they agree on all three bins
//! of that band. With Jaccard similarity J they share at least one of the
//! 21 keys with probability 1 − (1 − J³)²¹ (Leskovec, Rajaraman and
//! Ullman, *Mining of Massive Datasets*, ch. 3.4): 0.94 at J = 0.5, 0.994
//! at 0.6, 0.9998 at 0.7 — and 0.02 at J = 0.1, so unrelated articles are
//! rarely compared. A further key is the hash of the whole
//! signature: identical shingle sets always meet through it.
//!
//! Keys are computed from the stored 16-bit bin values, so that they can
//! be recomputed from an index; two unrelated bands of three bins agree by
//! chance once in 2⁴⁸.

use super::signature::{mix, Stored};

/// Bins per band.
pub(crate) const ROWS: usize = 3;
/// Bands per signature.
pub(crate) const BANDS: usize = super::signature::BINS / ROWS;
/// Keys per signature: the bands, then the whole-signature key.
pub(crate) const KEYS: usize = BANDS + 1;

/// The [`KEYS`] keys of `signature`.
pub(crate) fn keys(signature: &Stored) -> [u64; KEYS] {
    let mut out = [0u64; KEYS];
    for (band, key) in out.iter_mut().take(BANDS).enumerate() {
        let bins = &signature.bins[band * ROWS..(band + 1) * ROWS];
        let packed = bins.iter().fold(0u64, |h, &b| h << 16 | u64::from(b));
        *key = mix(packed ^ (band as u64 + 1) << 48);
    }
    out[BANDS] = whole_key(signature);
    out
}

/// The key of the whole signature and the shingle count.
fn whole_key(signature: &Stored) -> u64 {
    let mut h = mix(u64::from(signature.shingles) ^ 0x5851_f42d_4c95_7f2d);
    for chunk in signature.bins.chunks(4) {
        h = mix(h ^ chunk.iter().fold(0u64, |h, &b| h << 16 | u64::from(b)));
    }
    h
}
