//! The byte-level fast path of [`ArabicTokenizer::normalizing`]: finds the
//! next word and writes its normalized, mark-free form in one pass.
//!
//! News text is almost all ASCII and letters of the Arabic block
//! (U+0600..=U+06FF, two bytes in UTF-8, lead byte 0xD8..=0xDB). Those are
//! classified and folded with one table load per character, without decoding
//! a `char`. A word that holds anything else (a presentation form, a ZWNJ, a
//! combining hamza that must move onto its seat) is handed back to the
//! general path, which gives the same result for every input: the property
//! tests compare the two on random text.
//!
//! [`ArabicTokenizer::normalizing`]: crate::ArabicTokenizer::normalizing

use crate::chars::{arabic_block_class, class, ends_word};
use crate::normalize::fold;

/// What normalization does with one character of the Arabic block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fold {
    /// Kept as written.
    Keep,
    /// Removed (a haraka, a Quranic mark, tatweel).
    Drop,
    /// Replaced by another character.
    To(char),
    /// Needs the general path (the combining hamza and madda, which fold
    /// onto the letter before them).
    Slow,
}

/// [`Fold`] of U+0600 + i, built at compile time from the same predicates as
/// the general path.
static ARABIC_FOLDS: [Fold; 256] = {
    let mut table = [Fold::Keep; 256];
    let mut i = 0;
    while i < 256 {
        let c = match char::from_u32(0x0600 + i as u32) {
            Some(c) => c,
            None => '\0',
        };
        table[i] = if matches!(c, '\u{0653}'..='\u{0655}') {
            Fold::Slow
        } else if arabic_block_class(i as u8) & class::MARK != 0 {
            Fold::Drop
        } else {
            match fold(c) {
                Some(f) => Fold::To(f),
                None => Fold::Keep,
            }
        };
        i += 1;
    }
    table
};

/// Whether U+0600 + i is an Arabic letter that normalization keeps as is:
/// the bulk of every Arabic word, read by the tight loop of [`next_word`].
static PLAIN_ARABIC_LETTERS: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let k = arabic_block_class(i as u8);
        table[i] =
            k & class::WORD != 0 && k & class::ARABIC != 0 && matches!(ARABIC_FOLDS[i], Fold::Keep);
        i += 1;
    }
    table
};

/// The outcome of [`next_word`].
pub(crate) enum Scan {
    /// No word is left.
    End,
    /// A word at `from..to`. The output holds the normalized form of
    /// `from..kept`; the rest, `kept..to`, is letters that normalization
    /// keeps as written, for the caller to append, or to read in place
    /// when the whole word is as written (`kept == from`, output empty).
    Word { from: usize, to: usize, kept: usize },
    /// The bytes from `at` on need the general path.
    Slow { at: usize },
}

/// The low byte of the code point of the two-byte sequence `lead, next`
/// when `lead` starts a character of the Arabic block.
#[inline]
fn arabic_low(lead: u8, next: u8) -> u8 {
    ((lead & 0x03) << 6) | (next & 0x3F)
}

#[inline]
fn is_arabic_lead(b: u8) -> bool {
    (0xD8..=0xDB).contains(&b)
}

/// Class bits of an ASCII byte: letters and digits are words.
#[inline]
fn ascii_class(b: u8) -> u8 {
    if b.is_ascii_alphanumeric() {
        class::WORD
    } else {
        0
    }
}

/// Finds the next word of `text` at or after `cursor` and writes the
/// normalized form of all but its as-written tail into `out` (cleared
/// first); see [`Scan::Word`] and the [module docs](self).
#[inline(always)]
pub(crate) fn next_word(text: &str, cursor: usize, out: &mut String) -> Scan {
    let bytes = text.as_bytes();
    let mut i = cursor;
    // Skip to the first letter or digit.
    let (from, first) = loop {
        let Some(&b) = bytes.get(i) else {
            return Scan::End;
        };
        if b < 0x80 {
            if ascii_class(b) & class::WORD != 0 {
                break (i, class::WORD);
            }
            i += 1;
        } else if is_arabic_lead(b) {
            let k = arabic_block_class(arabic_low(b, bytes[i + 1]));
            if k & class::WORD != 0 {
                break (i, k);
            }
            i += 2;
        } else {
            let c = text[i..].chars().next().expect("a char boundary");
            if class(c) & class::WORD != 0 {
                return Scan::Slow { at: i };
            }
            i += c.len_utf8();
        }
    };
    let arabic = first & class::ARABIC;
    out.clear();
    // Characters that normalization keeps are copied in runs.
    let mut run = from;
    let mut i = from;
    loop {
        if arabic != 0 {
            // Most of an Arabic word: letters kept as they are, two bytes
            // each, one table load and no copy.
            while let [lead, next, ..] = bytes[i..] {
                if !is_arabic_lead(lead) || !PLAIN_ARABIC_LETTERS[arabic_low(lead, next) as usize] {
                    break;
                }
                i += 2;
            }
        }
        let Some(&b) = bytes.get(i) else { break };
        if b < 0x80 {
            if ascii_class(b) == 0 || arabic != 0 {
                break;
            }
            if b.is_ascii_uppercase() {
                out.push_str(&text[run..i]);
                out.push(b.to_ascii_lowercase() as char);
                run = i + 1;
            }
            i += 1;
        } else if is_arabic_lead(b) {
            let low = arabic_low(b, bytes[i + 1]);
            let k = arabic_block_class(low);
            if ends_word(k, arabic) {
                break;
            }
            match ARABIC_FOLDS[low as usize] {
                Fold::Keep => {}
                Fold::Drop => {
                    out.push_str(&text[run..i]);
                    run = i + 2;
                }
                Fold::To(c) => {
                    out.push_str(&text[run..i]);
                    out.push(c);
                    run = i + 2;
                }
                Fold::Slow => return Scan::Slow { at: from },
            }
            i += 2;
        } else {
            // Anything else ends the word or needs the general path.
            let c = text[i..].chars().next().expect("a char boundary");
            let k = class(c);
            if ends_word(k, arabic) {
                break;
            }
            return Scan::Slow { at: from };
        }
    }
    Scan::Word { from, to: i, kept: run }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_letters_are_kept_letters() {
        let plain = |c: char| PLAIN_ARABIC_LETTERS[c as usize - 0x0600];
        assert!(plain('ك') && plain('ه') && plain('ء'));
        assert!(!plain('أ') && !plain('ة') && !plain('\u{064E}') && !plain('٣') && !plain('،'));
    }

    #[test]
    fn folds_of_the_arabic_block() {
        let at = |c: char| ARABIC_FOLDS[c as usize - 0x0600];
        assert_eq!(at('ك'), Fold::Keep);
        assert_eq!(at('\u{064E}'), Fold::Drop);
        assert_eq!(at('\u{0640}'), Fold::Drop);
        assert_eq!(at('أ'), Fold::To('ا'));
        assert_eq!(at('ة'), Fold::To('ه'));
        assert_eq!(at('٣'), Fold::To('3'));
        assert_eq!(at('\u{0654}'), Fold::Slow);
    }

    /// The word found at or after `cursor`: (as written, normalized, end).
    fn word_at(text: &str, cursor: usize) -> (&str, String, usize) {
        let mut out = String::new();
        match next_word(text, cursor, &mut out) {
            Scan::Word { from, to, kept } => {
                out.push_str(&text[kept..to]);
                (&text[from..to], out, to)
            }
            _ => panic!("no fast-path word in {text:?} after byte {cursor}"),
        }
    }

    #[test]
    fn hands_rare_characters_to_the_general_path() {
        let mut out = String::new();
        // A presentation form inside a word: the word restarts on the slow path.
        let text = "قال ﻛﺘﺎﺏ";
        let (word, normalized, to) = word_at(text, 0);
        assert_eq!((word, normalized.as_str()), ("قال", "قال"));
        assert!(matches!(next_word(text, to, &mut out), Scan::Slow { at } if at == to + 1));
        // A closing quote ends a word; NBSP and a guillemet are skipped.
        let text = "«قال»\u{00A0}”نعم“";
        let (word, _, to) = word_at(text, 0);
        assert_eq!(word, "قال");
        assert_eq!(word_at(text, to).0, "نعم");
        // ZWNJ inside an Arabic word.
        assert!(matches!(next_word("مي\u{200C}خواهم", 0, &mut out), Scan::Slow { at: 0 }));
    }

    #[test]
    fn normalizes_while_scanning() {
        let text = "  أَحْمَدُ، COVID";
        let (word, normalized, to) = word_at(text, 0);
        assert_eq!((word, normalized.as_str()), ("أَحْمَدُ", "احمد"));
        let (word, normalized, to) = word_at(text, to);
        assert_eq!((word, normalized.as_str()), ("COVID", "covid"));
        assert!(matches!(next_word(text, to, &mut String::new()), Scan::End));
    }
}
