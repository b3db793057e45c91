//! Every Arabic code point the analysis treats specially, named after its
//! Unicode name, and the `is_*` predicates built on them.
//!
//! Ranges follow the Unicode Standard, chapter 9.2 "Arabic", and the
//! `Arabic`, `Arabic Presentation Forms-A/B` code charts.

/// U+0640 ARABIC TATWEEL (kashida): a stretching stroke, not a letter.
pub(crate) const TATWEEL: char = '\u{0640}';
/// U+200C ZERO WIDTH NON-JOINER.
pub(crate) const ZWNJ: char = '\u{200C}';
/// U+200D ZERO WIDTH JOINER.
pub(crate) const ZWJ: char = '\u{200D}';
/// U+200E LEFT-TO-RIGHT MARK.
pub(crate) const LRM: char = '\u{200E}';
/// U+200F RIGHT-TO-LEFT MARK.
pub(crate) const RLM: char = '\u{200F}';
/// U+061C ARABIC LETTER MARK.
pub(crate) const ALM: char = '\u{061C}';
/// U+0653 ARABIC MADDAH ABOVE (combining).
pub(crate) const MADDAH_ABOVE: char = '\u{0653}';
/// U+0654 ARABIC HAMZA ABOVE (combining).
pub(crate) const HAMZA_ABOVE: char = '\u{0654}';
/// U+0655 ARABIC HAMZA BELOW (combining).
pub(crate) const HAMZA_BELOW: char = '\u{0655}';

/// ARABIC LETTER ALEF, the target of every alef/hamza-on-alef form.
pub(crate) const ALEF: char = 'ا';
/// ARABIC LETTER HAMZA (on the line), the target of hamza on waw and yeh.
pub(crate) const HAMZA: char = 'ء';
/// ARABIC LETTER YEH, the target of alef maksura and Farsi yeh.
pub(crate) const YEH: char = 'ي';
/// ARABIC LETTER WAW.
pub(crate) const WAW: char = 'و';
/// ARABIC LETTER HEH, the target of teh marbuta and the Urdu hehs.
pub(crate) const HEH: char = 'ه';

/// Returns true if and only if `c` is a haraka, tanween or other combining
/// vowel sign: U+064B ARABIC FATHATAN ..= U+065F ARABIC WAVY HAMZA BELOW, and
/// U+0670 ARABIC LETTER SUPERSCRIPT ALEF.
#[inline]
pub(crate) const fn is_haraka(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Returns true if and only if `c` is a Quranic annotation sign:
/// U+0610 ..= U+061A (small high ligatures, small fatha/damma/kasra) and
/// U+06D6 ..= U+06ED (small high/low marks, small waw and yeh, rounded zero).
#[inline]
pub(crate) const fn is_quranic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}')
}

/// Returns true if and only if `c` is an invisible format character that may
/// sit inside an Arabic word without breaking it: ZWNJ, ZWJ, LRM, RLM, ALM.
#[inline]
pub(crate) const fn is_invisible_format(c: char) -> bool {
    matches!(c, ZWNJ | ZWJ | LRM | RLM | ALM)
}

/// Returns true if and only if `c` carries no letter of its own and is
/// removed by diacritic stripping: harakat, Quranic marks, tatweel and the
/// invisible format characters.
#[inline]
pub(crate) const fn is_strippable(c: char) -> bool {
    is_haraka(c) || c == TATWEEL || is_quranic_mark(c) || is_invisible_format(c)
}

/// Returns true if and only if `c` is in the Arabic Presentation Forms-A
/// (U+FB50 ..= U+FDFF) or -B (U+FE70 ..= U+FEFE) blocks, whose compatibility
/// decompositions are the base letters. U+FEFF (byte order mark) is excluded.
#[inline]
pub(crate) fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// Returns true if and only if `c` is an Arabic-script letter or digit, that
/// is, belongs to the Arabic, Arabic Supplement, Arabic Extended-A or the
/// presentation-form blocks. Used to split at a change of script (`2015م`).
#[inline]
pub(crate) fn is_arabic_script(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
        || is_presentation_form(c)
}

/// Returns true if and only if `c` is an Arabic-Indic (U+0660..) or Extended
/// Arabic-Indic (Persian, U+06F0..) digit.
#[inline]
pub(crate) const fn is_arabic_digit(c: char) -> bool {
    matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Character class bits of [`class()`].
pub(crate) mod class {
    /// A letter or digit: starts or continues a word.
    pub(crate) const WORD: u8 = 1;
    /// A mark that [`is_strippable`](super::is_strippable): continues a word.
    pub(crate) const MARK: u8 = 2;
    /// An Arabic letter (for the change-of-script split).
    pub(crate) const ARABIC: u8 = 4;
}

/// Returns true if and only if a character of class `k` ends a word whose
/// first letter had the [`class::ARABIC`] bit `arabic`: it is neither a
/// letter nor a mark, or it is a letter of the other script (`2015م`).
/// Marks go with the word they follow.
#[inline]
pub(crate) const fn ends_word(k: u8, arabic: u8) -> bool {
    k & (class::WORD | class::MARK) == 0 || (k & class::MARK == 0 && k & class::ARABIC != arabic)
}

/// Classes of U+0600..=U+06FF, built once at compile time from the
/// predicates below, so the tokenizer pays one load per Arabic character.
static ARABIC_BLOCK: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = match char::from_u32(0x0600 + i as u32) {
            Some(c) => c,
            None => '\0',
        };
        let mut bits = 0;
        if arabic_block_is_letter(c) {
            bits |= class::WORD;
            if !is_arabic_digit(c) {
                bits |= class::ARABIC;
            }
        }
        if is_strippable(c) {
            bits |= class::MARK;
        }
        table[i] = bits;
        i += 1;
    }
    table
};

const fn arabic_block_is_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}' // hamza .. farsi yeh variants
        | '\u{0641}'..='\u{064A}' // feh .. yeh
        | '\u{0660}'..='\u{0669}' // Arabic-Indic digits
        | '\u{066E}'..='\u{066F}' // dotless beh, qaf
        | '\u{0671}'..='\u{06D3}' // alef wasla .. yeh barree with hamza
        | '\u{06D5}' // ae
        | '\u{06EE}'..='\u{06FC}' // dal/reh with inverted v, Persian digits, ..
        | '\u{06FF}' // heh with inverted v
    )
}

/// The [`class`](mod@class) bits of U+0600 + `low`, a character of the Arabic block.
#[inline]
pub(crate) const fn arabic_block_class(low: u8) -> u8 {
    ARABIC_BLOCK[low as usize]
}

/// The [`class`](mod@class) bits of `c`: a table load for ASCII and the Arabic block,
/// Unicode's tables for the rest.
#[inline]
pub(crate) fn class(c: char) -> u8 {
    let code = c as u32;
    if code < 0x80 {
        return if (c as u8).is_ascii_alphanumeric() { class::WORD } else { 0 };
    }
    if (0x0600..0x0700).contains(&code) {
        return ARABIC_BLOCK[(code - 0x0600) as usize];
    }
    let mut bits = 0;
    if is_strippable(c) {
        bits |= class::MARK;
    } else if c.is_alphanumeric() {
        bits |= class::WORD;
        if is_arabic_letter(c) {
            bits |= class::ARABIC;
        }
    }
    bits
}

/// Returns true if and only if `c` counts as an Arabic letter for the script
/// split: Arabic script and not a digit.
#[inline]
pub(crate) fn is_arabic_letter(c: char) -> bool {
    is_arabic_script(c) && !is_arabic_digit(c)
}
