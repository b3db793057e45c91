//! The small deterministic generator the query variants are drawn with
//! (xorshift64*, seeded by FNV-1a of the query id), so that a query file
//! made twice is the same.

/// A deterministic generator.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    /// A generator for `seed`, starting from `basis` (the FNV offset basis,
    /// or another number for a stream of its own); never zero.
    pub(crate) fn new(seed: &str, basis: u64) -> Rng {
        let hash = seed.bytes().fold(basis, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
        Rng(hash | 1)
    }

    /// The next number, 31 bits.
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33
    }

    /// True `percent` times in a hundred.
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// A number below `n` (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
