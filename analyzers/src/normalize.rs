//! [`ArabicNormalizer`]: folds the spellings of one word to one form.
//!
//! Also the helpers that do its work (and that of
//! [`StripDiacritics`](crate::StripDiacritics)) for the normalizing
//! tokenizer, one character at a time.

use std::mem;

use tantivy_tokenizer_api::{Token, TokenFilter, TokenStream, Tokenizer};
use unicode_normalization::char::decompose_compatible;

use crate::chars::{
    is_arabic_digit, is_presentation_form, is_strippable, ALEF, HAMZA, HAMZA_ABOVE, HAMZA_BELOW,
    HEH, MADDAH_ABOVE, WAW, YEH,
};

/// Folds the spellings of one word to one form.
///
/// Rules, each applied to every character of the token text:
/// - Presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE) and lam-alef ligatures
///   → their compatibility decomposition (Unicode NFKC, UAX #15): `ﻛﺘﺎﺏ` →
///   `كتاب`, `ﻻ` → `لا`. Spaces that some decompositions carry are dropped.
/// - Alef with hamza above/below, with madda, wasla and the wavy-hamza alefs
///   (`أ` `إ` `آ` `ٱ` `ٲ` `ٳ` `ٵ`) → `ا`; the same with a combining hamza or
///   madda (`ا` + U+0653/U+0654/U+0655).
/// - Hamza seats: `ؤ` `ئ` (and `و`/`ي` + combining U+0654) → `ء`, so
///   `مسؤول` and `مسئول`, `رئيس` and `رءيس` meet. Hamza spelling varies with
///   the writer's convention, not the word (Egyptian practice writes `مسئول`).
/// - `ى` (alef maksura) → `ي`; Farsi yeh `ی` → `ي`.
/// - `ة` (teh marbuta) → `ه`; Urdu/Persian hehs `ہ` `ۀ` `ۃ` `ە` → `ه`.
/// - Keheh and swash kaf `ک` `ڪ` → `ك`.
/// - The letters Persian and Urdu add for sounds Arabic lacks, which Arabic
///   writers borrow for foreign names and words, → the Arabic letter each is
///   drawn from (the same letter with three dots, or kaf with a second
///   stroke): `پ` (p) → `ب`, `چ` (ch) → `ج`, `ڤ` (v) → `ف`, `ژ` (zh) → `ز`,
///   `گ` (g) → `ك`; so `ترامپ` meets `ترامب` and `ڤيتنام` meets `فيتنام`.
///   These five letters and their Arabic stand-ins are described by S. Amery
///   and M. Arab Asadi, "A study of how missing letters are represented in
///   Arabic spelling", *Studies on Arabic Language and Literature* (Semnan
///   University), 2025, doi:10.22075/lasem.2025.38383.1498, which finds
///   پ → ب and ڤ → ف the accepted substitutions. For `گ` writers also use
///   `ج`, `غ` or `ق` by region; the letter it is drawn from is the one
///   choice that favours no region. The Maghrebi letters for g follow the
///   same rule: `ڨ` (qaf with three dots, Algeria and Tunisia) → `ق`, `ڭ`
///   (kaf with three dots, Morocco) → `ك`.
/// - Arabic-Indic `٠`–`٩` and Persian `۰`–`۹` digits → `0`–`9`.
/// - Latin (and every cased script) → lowercase.
///
/// Preconditions: none; run it straight after the tokenizer and before
/// [`StripDiacritics`](crate::StripDiacritics), which removes the harakat a
/// presentation form may decompose to.
///
/// The alef, yeh and teh marbuta folds are those of Larkey, Ballesteros &
/// Connell, "Light Stemming for Arabic Information Retrieval" (2007), §3.1,
/// also used by Lucene's `ArabicNormalizer`; the Persian letters follow
/// Lucene's `PersianNormalizer`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ArabicNormalizer;

impl TokenFilter for ArabicNormalizer {
    type Tokenizer<T: Tokenizer> = ArabicNormalizerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ArabicNormalizerFilter<T> {
        ArabicNormalizerFilter { tokenizer, buffer: String::new() }
    }
}

/// The [`ArabicNormalizer`] wrapped around a tokenizer.
#[derive(Clone, Debug)]
pub struct ArabicNormalizerFilter<T> {
    tokenizer: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for ArabicNormalizerFilter<T> {
    type TokenStream<'a> = ArabicNormalizerTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.buffer.clear();
        ArabicNormalizerTokenStream {
            tail: self.tokenizer.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

/// The token stream of [`ArabicNormalizerFilter`].
pub struct ArabicNormalizerTokenStream<'a, T> {
    tail: T,
    buffer: &'a mut String,
}

impl<T: TokenStream> TokenStream for ArabicNormalizerTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        loop {
            if !self.tail.advance() {
                return false;
            }
            let text = &mut self.tail.token_mut().text;
            if !needs_normalizing(text) {
                return true;
            }
            normalize_into(text, self.buffer);
            mem::swap(text, self.buffer);
            if !text.is_empty() {
                return true;
            }
        }
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Returns the one-letter fold of `c`, or `None` when `c` is left as is
/// (presentation forms and combining hamza are handled apart).
#[inline]
pub(crate) const fn fold(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' | 'ٵ' => ALEF,
        'ؤ' | 'ئ' | 'ٶ' | 'ٸ' => HAMZA,
        'ى' | 'ی' => YEH,
        'ة' | 'ہ' | 'ۀ' | 'ۃ' | 'ە' => HEH,
        'ک' | 'ڪ' | 'گ' | 'ڭ' => 'ك',
        'ڨ' => 'ق',
        'پ' => 'ب',
        'چ' => 'ج',
        'ڤ' => 'ف',
        'ژ' => 'ز',
        '\u{0660}'..='\u{0669}' => digit(c, 0x0660),
        '\u{06F0}'..='\u{06F9}' => digit(c, 0x06F0),
        'A'..='Z' => c.to_ascii_lowercase(),
        _ => return None,
    })
}

#[inline]
const fn digit(c: char, zero: u32) -> char {
    (b'0' + (c as u32 - zero) as u8) as char
}

/// Returns true if and only if some character of `text` is changed by
/// [`normalize_into`]. The common case, a plain Arabic or lowercase Latin
/// word, costs one scan and no write.
#[inline]
pub(crate) fn needs_normalizing(text: &str) -> bool {
    text.chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_uppercase()
        } else {
            fold(c).is_some()
                || matches!(c, MADDAH_ABOVE | HAMZA_ABOVE | HAMZA_BELOW)
                || is_presentation_form(c)
                || is_arabic_digit(c)
                // No Arabic-block character has case: skip the table look-up.
                || (!matches!(c, '\u{0600}'..='\u{06FF}') && c.is_uppercase())
        }
    })
}

/// Writes the normalized form of `text` into `out` (cleared first).
pub(crate) fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    for c in text.chars() {
        if is_presentation_form(c) {
            decompose_compatible(c, |d| push_folded(d, out));
        } else {
            push_folded(c, out);
        }
    }
}

/// Writes the normalized form of `text` into `out` (cleared first) and
/// leaves out every mark [`StripDiacritics`](crate::StripDiacritics) would
/// strip: the two filters in one pass, as [`ArabicTokenizer::normalizing`]
/// uses them.
///
/// [`ArabicTokenizer::normalizing`]: crate::ArabicTokenizer::normalizing
pub(crate) fn normalize_and_strip_into(text: &str, out: &mut String) {
    out.clear();
    // Copy runs of characters that need nothing in one `push_str`: most
    // letters of most words.
    let mut run_start = 0;
    for (i, c) in text.char_indices() {
        if is_plain(c) {
            continue;
        }
        out.push_str(&text[run_start..i]);
        push_normalized(c, out);
        run_start = i + c.len_utf8();
    }
    out.push_str(&text[run_start..]);
}

/// Returns true if and only if `c` is kept as is by normalization and
/// stripping: a lowercase ASCII letter or digit, or an Arabic letter that
/// has no variant to fold.
#[inline]
fn is_plain(c: char) -> bool {
    match c {
        'a'..='z' | '0'..='9' => true,
        '\u{0621}'..='\u{064A}' => {
            !matches!(c, 'أ' | 'إ' | 'آ' | 'ؤ' | 'ئ' | 'ة' | 'ى' | '\u{0640}')
        }
        _ => false,
    }
}

#[inline]
fn push_normalized(c: char, out: &mut String) {
    if c.is_ascii() {
        if c != ' ' {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    // The combining hamza and madda are harakat too: fold them onto their
    // seat before anything is stripped.
    if !matches!(c, MADDAH_ABOVE | HAMZA_ABOVE | HAMZA_BELOW) && is_strippable(c) {
        return;
    }
    if is_presentation_form(c) {
        // A code point without a decomposition (unassigned, noncharacter)
        // comes back as itself.
        decompose_compatible(
            c,
            |d| if d == c { push_folded(d, out) } else { push_normalized(d, out) },
        );
    } else {
        push_folded(c, out);
    }
}

#[inline]
fn push_folded(c: char, out: &mut String) {
    if let Some(f) = fold(c) {
        out.push(f);
        return;
    }
    match c {
        // A combining hamza on waw or yeh is the hamza-seat letter spelled in
        // two code points: fold it like `ؤ`/`ئ`. On alef it is dropped, which
        // leaves the bare alef that `أ`/`إ`/`آ` fold to.
        HAMZA_ABOVE | HAMZA_BELOW | MADDAH_ABOVE => {
            // The seat may carry a haraka already (`ؤَ`): look past marks.
            let seat_end = out.trim_end_matches(is_strippable).len();
            let seat = &out[..seat_end];
            if seat.ends_with(WAW) || seat.ends_with(YEH) {
                let marks = out[seat_end..].to_string();
                out.truncate(seat_end);
                out.pop();
                out.push(HAMZA);
                out.push_str(&marks);
            }
        }
        // Isolated-form harakat (U+FE70..) decompose to a space + haraka.
        ' ' => {}
        _ if !c.is_ascii() && !matches!(c, '\u{0600}'..='\u{06FF}') && c.is_uppercase() => {
            out.extend(c.to_lowercase())
        }
        _ => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::assert_folds;
    use crate::ArabicTokenizer;

    fn chain() -> ArabicNormalizerFilter<ArabicTokenizer> {
        ArabicNormalizer.transform(ArabicTokenizer::default())
    }

    #[test]
    fn table() {
        assert_folds(
            chain(),
            &[
                ("أحمد", "احمد"),
                ("إسلام", "اسلام"),
                ("آمن", "امن"),
                ("ٱلله", "الله"),
                ("ا\u{0654}حمد", "احمد"),
                ("ا\u{0655}سلام", "اسلام"),
                ("ا\u{0653}من", "امن"),
                ("مسؤول", "مسءول"),
                ("مسئول", "مسءول"),
                ("مسو\u{0654}ول", "مسءول"),
                ("رئيس", "رءيس"),
                ("مستشفى", "مستشفي"),
                ("کتاب", "كتاب"),
                ("ﻛﺘﺎﺏ", "كتاب"),
                ("ﻻ", "لا"),
                ("ﻷن", "لان"),
                ("مدرسة", "مدرسه"),
                ("ہمہ", "همه"),
                ("ترامپ", "ترامب"),
                ("چاي", "جاي"),
                ("ڤيتنام", "فيتنام"),
                ("گوگل", "كوكل"),
                ("ژاك", "زاك"),
                ("ڨالمة", "قالمه"),
                ("ڭناوة", "كناوه"),
                ("٢٠٢٤", "2024"),
                ("۱۳۹۹", "1399"),
                ("COVID", "covid"),
                ("Ünïcode", "ünïcode"),
                ("كتاب", "كتاب"),
            ],
        );
    }
}
