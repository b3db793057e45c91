//! How likely a word is a slip for another: a noisy-channel weight
//! (Kernighan, Church and Gale, "A spelling correction program based on a
//! noisy channel model", COLING 1990) with two classes instead of learnt
//! counts.
//!
//! The slips of fast typing on the standard Arabic (101) keyboard (a key
//! beside the right one, a letter dropped or doubled, two letters swapped)
//! and the letters that sound alike in everyday speech, where the
//! interdentals merge with stops or sibilants (ث with ت or س, ذ with د or
//! ز, ظ with ض or ز: Watson, *The Phonology and Morphology of Arabic*,
//! 2002, ch. 2) are the likely errors. Any other letter replaced or added
//! is far less likely, so among a word's neighbours of close counts the one
//! a slip explains wins.

/// The letter rows of the standard Arabic (101) PC keyboard, left to right
/// (the key that types `لا` is left out).
pub(crate) const ROWS: [&str; 3] = ["ضصثقفغعهخحجد", "شسيبلاتنمكط", "ئءؤرىةوزظ"];

/// Weight of an edit a keyboard slip explains.
pub(crate) const SLIP: f32 = 1.0;

/// Weight of any other edit.
pub(crate) const OTHER: f32 = 0.2;

/// The keys beside `c` on its row.
pub(crate) fn beside(c: char) -> impl Iterator<Item = char> {
    ROWS.iter()
        .find_map(|row| {
            let keys: Vec<char> = row.chars().collect();
            let at = keys.iter().position(|&k| k == c)?;
            let left = at.checked_sub(1).map(|i| keys[i]);
            Some([left, keys.get(at + 1).copied()])
        })
        .into_iter()
        .flatten()
        .flatten()
}

/// How well one slip explains `typed` for `intended` (both normalized
/// words): [`SLIP`] for a key beside the right one, a sound-alike letter, a
/// dropped or doubled letter, or two letters swapped; [`OTHER`] for any
/// other difference.
pub(crate) fn slip_weight(typed: &str, intended: &str) -> f32 {
    let a: Vec<char> = typed.chars().collect();
    let b: Vec<char> = intended.chars().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - head;
    let tail = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count().min(room);
    let explained = match (&a[head..a.len() - tail], &b[head..b.len() - tail]) {
        ([x], [y]) => beside(*y).any(|k| k == *x) || sound_alike(*x, *y),
        ([x1, x2], [y1, y2]) => x1 == y2 && x2 == y1,
        // A letter doubled: the one added is the same as one beside it.
        ([x], []) => (head > 0 && a[head - 1] == *x) || a.get(head + 1) == Some(x),
        ([], [_]) => true,
        _ => false,
    };
    if explained {
        SLIP
    } else {
        OTHER
    }
}

/// Letters that sound alike in everyday speech (see the module's note).
fn sound_alike(x: char, y: char) -> bool {
    const PAIRS: [(char, char); 7] =
        [('ث', 'ت'), ('ث', 'س'), ('ذ', 'د'), ('ذ', 'ز'), ('ظ', 'ض'), ('ظ', 'ز'), ('ص', 'س')];
    PAIRS.iter().any(|&(p, q)| (p, q) == (x, y) || (q, p) == (x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_of_the_keyboard_weigh_most() {
        assert_eq!(slip_weight("الرياظ", "الرياض"), SLIP);
        assert_eq!(slip_weight("الريات", "الرياض"), OTHER);
        assert_eq!(slip_weight("فلصطين", "فلسطين"), SLIP);
        assert_eq!(slip_weight("الريض", "الرياض"), SLIP);
        assert_eq!(slip_weight("الريياض", "الرياض"), SLIP);
        assert_eq!(slip_weight("الريازض", "الرياض"), OTHER);
        assert_eq!(slip_weight("الرايض", "الرياض"), SLIP);
        assert_eq!(slip_weight("مصر", "مصر"), OTHER);
    }

    #[test]
    fn keys_beside_a_letter_are_on_its_row() {
        let near: Vec<char> = beside('س').collect();
        assert_eq!(near, ['ش', 'ي']);
        assert_eq!(beside('ض').collect::<Vec<_>>(), ['ص']);
        assert_eq!(beside('x').count(), 0);
    }
}
