//! Queries typed in a hurry: slips that normalization cannot undo,
//! generated deterministically from each query.
//!
//! Rules:
//! - a hamza on a seat dropped (`ؤ` → `و`, `ئ` → `ي`), always;
//! - `ب` typed as `پ`, in every word of a quarter of the queries (as in
//!   transliterations that borrow the Persian letter);
//! - one keyboard slip per query, in one Arabic word of three letters or
//!   more: a letter replaced by its neighbour on the same row of the
//!   standard Arabic (101) keyboard, a letter dropped, or a letter doubled,
//!   each a third of the time.
//!
//! The generator is seeded by the query id (a different stream from
//! [`perturb`](super::perturb)'s), so a file made twice is the same.

use super::rng::Rng;
use crate::spelling::slips::ROWS;

/// The hurried stream's own start (not FNV's basis, which the casual one uses).
const BASIS: u64 = 0x6c62_272e_07bb_0142;

/// A neighbour of `c` on its keyboard row, if `c` is on one.
fn neighbour(c: char, rng: &mut Rng) -> Option<char> {
    for row in ROWS {
        let keys: Vec<char> = row.chars().collect();
        if let Some(at) = keys.iter().position(|&k| k == c) {
            let left = at.checked_sub(1).map(|i| keys[i]);
            let right = keys.get(at + 1).copied();
            return match (left, right) {
                (Some(l), Some(r)) => Some(if rng.below(2) == 0 { l } else { r }),
                (l, r) => l.or(r),
            };
        }
    }
    None
}

/// Returns `query` as typed in a hurry; `seed` (the query id) fixes the
/// choices.
pub fn hurry(query: &str, seed: &str) -> String {
    let mut rng = Rng::new(seed, BASIS);
    let peh = rng.below(4) == 0;
    let mut words: Vec<Vec<char>> = query
        .split(' ')
        .map(|word| {
            word.chars()
                .map(|c| match c {
                    'ؤ' => 'و',
                    'ئ' => 'ي',
                    'ب' if peh => 'پ',
                    c => c,
                })
                .collect()
        })
        .collect();
    let arabic = |w: &Vec<char>| {
        w.len() >= 3 && w.iter().all(|c| matches!(c, '\u{0621}'..='\u{064A}' | 'پ'))
    };
    let candidates: Vec<usize> = (0..words.len()).filter(|&i| arabic(&words[i])).collect();
    if !candidates.is_empty() {
        let word = &mut words[candidates[rng.below(candidates.len())]];
        let at = rng.below(word.len());
        match rng.below(3) {
            0 => {
                if let Some(n) = neighbour(word[at], &mut rng) {
                    word[at] = n;
                } else {
                    word.remove(at);
                }
            }
            1 => {
                word.remove(at);
            }
            _ => word.insert(at, word[at]),
        }
    }
    let words: Vec<String> = words.into_iter().map(|w| w.into_iter().collect()).collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Edit distance (substitution, deletion, insertion) between two texts.
    fn distance(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut diagonal = row[0];
            row[0] = i;
            for j in 1..=b.len() {
                let above = row[j];
                row[j] = (diagonal + usize::from(a[i - 1] != b[j - 1]))
                    .min(row[j] + 1)
                    .min(row[j - 1] + 1);
                diagonal = above;
            }
        }
        row[b.len()]
    }

    #[test]
    fn one_slip_and_the_seats_dropped_the_same_each_time() {
        let query = "رئيس مؤتمر القمة العربية";
        for n in 0..50 {
            let seed = format!("q{n}");
            let typed = hurry(query, &seed);
            assert_eq!(typed, hurry(query, &seed));
            assert!(!typed.contains('ؤ') && !typed.contains('ئ'), "{typed}");
            let slip = distance("رييس موتمر القمة العربية", &typed.replace('پ', "ب"));
            assert_eq!(slip, 1, "{typed}");
        }
    }

    #[test]
    fn a_quarter_of_the_queries_get_peh() {
        let with = (0..400).filter(|n| hurry("باب البيت", &format!("q{n}")).contains('پ')).count();
        assert!((60..140).contains(&with), "{with} of 400");
    }
}
