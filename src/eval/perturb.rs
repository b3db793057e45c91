//! Queries as people type them: the same words with the spelling shortcuts
//! of everyday Arabic typing, generated deterministically from each query.
//!
//! Each Arabic word is changed with these rules (probabilities per word):
//! - hamza dropped from alef (`أ` `إ` `آ` → `ا`), always;
//! - teh marbuta typed as heh (`ة` → `ه`), 70%;
//! - final yeh and alef maksura swapped (`ي` ↔ `ى`), 50%;
//! - a stray haraka after a letter (fatha, damma, kasra, tanween fatha), 15%;
//! - a tatweel inside a word of 4+ letters, 5%.
//!
//! The generator is seeded by the query id, so a file made twice is the same.

use super::rng::Rng;

/// FNV-1a's offset basis: the casual stream.
const BASIS: u64 = 0xcbf2_9ce4_8422_2325;

const HARAKAT: [char; 4] = ['\u{064E}', '\u{064F}', '\u{0650}', '\u{064B}'];

/// Returns `query` as typed casually; `seed` (the query id) fixes the
/// choices.
pub fn perturb(query: &str, seed: &str) -> String {
    let mut rng = Rng::new(seed, BASIS);
    let mut out = String::with_capacity(query.len() + 8);
    for (i, word) in query.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let letters: Vec<char> = word.chars().collect();
        let arabic = letters.iter().any(|c| matches!(c, '\u{0621}'..='\u{064A}'));
        if !arabic {
            out.push_str(word);
            continue;
        }
        let teh = rng.chance(70);
        let yeh = rng.chance(50);
        let haraka = rng.chance(15).then(|| HARAKAT[(rng.0 % 4) as usize]);
        let tatweel = letters.len() >= 4 && rng.chance(5);
        let last = letters.len() - 1;
        for (k, &c) in letters.iter().enumerate() {
            let c = match c {
                'أ' | 'إ' | 'آ' => 'ا',
                'ة' if teh => 'ه',
                'ي' if yeh && k == last => 'ى',
                'ى' if yeh && k == last => 'ي',
                c => c,
            };
            out.push(c);
            if k == 1 {
                if let Some(h) = haraka {
                    out.push(h);
                }
                if tatweel && k < last {
                    out.push('\u{0640}');
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_hamza_free() {
        let q = "إطلاق صاروخين من غزة باتجاه إسرائيل";
        let a = perturb(q, "dev-ant-0001");
        assert_eq!(a, perturb(q, "dev-ant-0001"));
        assert!(!a.contains('إ') && !a.contains('أ'), "{a}");
        assert_eq!(a.split(' ').count(), 6);
    }
}
