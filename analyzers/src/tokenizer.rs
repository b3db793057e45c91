//! [`ArabicTokenizer`]: splits text into words of Arabic, Latin and digits.

use tantivy_tokenizer_api::{Token, TokenStream, Tokenizer};

use crate::chars::{class, ends_word};
use crate::normalize::normalize_and_strip_into;
use crate::scan::{self, Scan};

/// Default limit on a word's length, in bytes of UTF-8.
const DEFAULT_MAX_WORD_BYTES: usize = 255;

/// Splits text into words of Arabic, Latin and digits.
///
/// - Harakat, tatweel, ZWNJ/ZWJ and the bidi marks LRM/RLM/ALM inside a word
///   do not split it: `كتـــاب` and `أَحْمَد` are one token each.
/// - Punctuation (`،` `؛` `؟` `«` `»` …), spaces and NBSP split words.
/// - A change between an Arabic letter and a non-Arabic letter or digit
///   splits: `2015م` → `2015` `م`, `بـCNN` → `بـ` `CNN`.
/// - Words longer than `max_word_bytes` are skipped (they still take a
///   position), so a runaway line cannot make a giant term.
///
/// Offsets are byte offsets into the original text; `text[from..to]` is the
/// word exactly as written, diacritics and all. The token text is that slice
/// ([`ArabicTokenizer::new`]), for filters to normalize, or already
/// normalized and stripped of marks ([`ArabicTokenizer::normalizing`]): the
/// work of [`ArabicNormalizer`](crate::ArabicNormalizer) and
/// [`StripDiacritics`](crate::StripDiacritics) done while the word is read,
/// which the named chains use since analysis runs over every byte of every
/// article.
#[derive(Clone, Debug)]
pub struct ArabicTokenizer {
    max_word_bytes: usize,
    normalize: bool,
    token: Token,
}

impl Default for ArabicTokenizer {
    /// [`ArabicTokenizer::new`] with a limit of 255 bytes.
    fn default() -> Self {
        ArabicTokenizer::new(DEFAULT_MAX_WORD_BYTES)
    }
}

impl ArabicTokenizer {
    /// Creates a tokenizer that skips words longer than `max_word_bytes`;
    /// token texts are the words as written.
    pub fn new(max_word_bytes: usize) -> Self {
        ArabicTokenizer { max_word_bytes, normalize: false, token: Token::default() }
    }

    /// Creates a tokenizer (with the default limit of 255 bytes) whose
    /// token texts are normalized and stripped of marks as they are read,
    /// as [`ArabicNormalizer`](crate::ArabicNormalizer) then
    /// [`StripDiacritics`](crate::StripDiacritics) would leave them; a word
    /// that is only marks yields no token.
    pub fn normalizing() -> Self {
        ArabicTokenizer { normalize: true, ..ArabicTokenizer::default() }
    }
}

/// The token stream of [`ArabicTokenizer`].
pub struct ArabicTokenStream<'a> {
    text: &'a str,
    cursor: usize,
    max_word_bytes: usize,
    normalize: bool,
    token: &'a mut Token,
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream<'a> {
        self.token.reset();
        ArabicTokenStream {
            text,
            cursor: 0,
            max_word_bytes: self.max_word_bytes,
            normalize: self.normalize,
            token: &mut self.token,
        }
    }
}

impl ArabicTokenStream<'_> {
    /// Finds the next word at or after the cursor; returns its byte range.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let rest = &self.text[self.cursor..];
        let mut chars = rest.char_indices();
        let (start, first_class) = chars.find_map(|(i, c)| {
            let k = class(c);
            (k & class::WORD != 0).then_some((i, k))
        })?;
        let arabic = first_class & class::ARABIC;
        let mut end = rest.len();
        for (i, c) in chars {
            // The next word may start right here (`2015م`).
            if ends_word(class(c), arabic) {
                end = i;
                break;
            }
        }
        let from = self.cursor + start;
        let to = self.cursor + end;
        self.cursor = to;
        Some((from, to))
    }
}

impl ArabicTokenStream<'_> {
    /// Finds the next word and returns its byte range and where its
    /// as-written tail starts (see [`Scan::Word`]), the normalized form of
    /// the rest written into the token text: the [fast path](crate::scan)
    /// when it can, the general one (which writes all of it) when it cannot.
    #[inline(always)]
    fn next_normalized_word(&mut self) -> Option<(usize, usize, usize)> {
        match scan::next_word(self.text, self.cursor, &mut self.token.text) {
            Scan::End => None,
            Scan::Word { from, to, kept } => {
                self.cursor = to;
                Some((from, to, kept))
            }
            Scan::Slow { at } => {
                self.cursor = at;
                let (from, to) = self.next_word()?;
                normalize_and_strip_into(&self.text[from..to], &mut self.token.text);
                Some((from, to, to))
            }
        }
    }

    /// Advances to the next word that `finish` keeps, and returns false at
    /// the end of the text.
    ///
    /// Every word takes a position, kept or not. `finish` gets the token
    /// text, holding the normalized form of the start of the word, and the
    /// rest of the word, which normalization keeps as written (all of it
    /// when the token text is empty); it completes the token text (the rest
    /// appended, or anything made of the word) and says whether to keep it.
    /// This is how [`ArabicStemmingTokenizer`](crate::ArabicStemmingTokenizer)
    /// stems a word without first copying it whole.
    #[inline]
    pub(crate) fn advance_with(
        &mut self,
        mut finish: impl FnMut(&mut String, &str) -> bool,
    ) -> bool {
        loop {
            let word = if self.normalize {
                self.next_normalized_word()
            } else {
                self.token.text.clear();
                self.next_word().map(|(from, to)| (from, to, from))
            };
            let Some((from, to, kept)) = word else {
                return false;
            };
            self.token.position = self.token.position.wrapping_add(1);
            if to - from > self.max_word_bytes || (kept == to && self.token.text.is_empty()) {
                continue;
            }
            self.token.offset_from = from;
            self.token.offset_to = to;
            if finish(&mut self.token.text, &self.text[kept..to]) {
                return true;
            }
        }
    }
}

impl TokenStream for ArabicTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.advance_with(|text, rest| {
            text.push_str(rest);
            true
        })
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{analyze, assert_token};

    #[test]
    fn splits_on_arabic_punctuation_and_nbsp() {
        let text = "قال،«الوزير»؟ نعم\u{00A0}لا؛ ثم";
        let tokens = analyze(ArabicTokenizer::default(), text);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.offset_from..t.offset_to]).collect();
        assert_eq!(words, ["قال", "الوزير", "نعم", "لا", "ثم"]);
    }

    #[test]
    fn marks_stay_inside_words() {
        let text = "أَحْمَدُ كتـــاب مي\u{200C}خواهم ب\u{200F}يت";
        let tokens = analyze(ArabicTokenizer::default(), text);
        assert_eq!(tokens.len(), 4);
        assert_token(&tokens[0], 0, "أَحْمَدُ", 0, "أَحْمَدُ".len());
        assert_eq!(&text[tokens[1].offset_from..tokens[1].offset_to], "كتـــاب");
        assert_eq!(&text[tokens[2].offset_from..tokens[2].offset_to], "مي\u{200C}خواهم");
        assert_eq!(&text[tokens[3].offset_from..tokens[3].offset_to], "ب\u{200F}يت");
    }

    #[test]
    fn splits_at_a_change_of_script() {
        let text = "عام 2015م وبـCOVID-19 و٢٠٢٤م";
        let tokens = analyze(ArabicTokenizer::default(), text);
        let words: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(words, ["عام", "2015", "م", "وبـ", "COVID", "19", "و", "٢٠٢٤", "م"]);
        let positions: Vec<usize> = tokens.iter().map(|t| t.position).collect();
        assert_eq!(positions, (0..9).collect::<Vec<_>>());
    }

    #[test]
    fn a_lone_mark_is_not_a_word() {
        let tokens = analyze(ArabicTokenizer::default(), "\u{064E} \u{0640}\u{0640} ،");
        assert!(tokens.is_empty(), "{tokens:?}");
    }

    #[test]
    fn the_normalizing_tokenizer_equals_the_two_filters() {
        use tantivy_tokenizer_api::TokenFilter;
        let text = "أَحْمَدُ كتـــاب ﻛﺘﺎﺏ مسو\u{0654}ول ٢٠٢٤م COVID ﱞ ب\u{200F}يت";
        let filters = crate::StripDiacritics
            .transform(crate::ArabicNormalizer.transform(ArabicTokenizer::default()));
        let texts = |tokens: Vec<tantivy_tokenizer_api::Token>| {
            tokens.into_iter().map(|t| (t.text, t.position, t.offset_from)).collect::<Vec<_>>()
        };
        assert_eq!(
            texts(analyze(ArabicTokenizer::normalizing(), text)),
            texts(analyze(filters, text))
        );
    }

    #[test]
    fn overlong_words_are_skipped_but_keep_their_position() {
        let long = "ب".repeat(200);
        let text = format!("قبل {long} بعد");
        let tokens = analyze(ArabicTokenizer::default(), &text);
        assert_eq!(tokens.len(), 2);
        assert_eq!(tokens[1].position, 2);
    }
}
