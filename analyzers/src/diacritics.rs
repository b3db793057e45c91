//! [`StripDiacritics`]: removes the marks that do not change which word it is.

use tantivy_tokenizer_api::{Token, TokenFilter, TokenStream, Tokenizer};

use crate::chars::is_strippable;

/// Removes the marks that do not change which word it is.
///
/// Rules:
/// - harakat and tanween U+064B–U+065F (`أَحْمَدُ` → `أحمد`, `عاماً` → `عاما`);
/// - superscript alef U+0670 (`هٰذا` → `هذا`);
/// - Quranic annotation marks U+0610–U+061A and U+06D6–U+06ED;
/// - tatweel U+0640 (`كتـــاب` → `كتاب`);
/// - ZWNJ, ZWJ and the bidi marks LRM, RLM, ALM that the tokenizer kept
///   inside a word.
///
/// A token that is nothing but marks is dropped.
///
/// Preconditions: run after [`ArabicNormalizer`](crate::ArabicNormalizer),
/// which needs to see a combining hamza (U+0654) to fold it onto its seat.
///
/// Source: Unicode Standard 15, §9.2 (Arabic), Table 9-4 and 9-5 (combining
/// marks); Larkey et al. (2007), §3.1, "remove diacritics" and "remove tatweel".
#[derive(Clone, Copy, Debug, Default)]
pub struct StripDiacritics;

impl TokenFilter for StripDiacritics {
    type Tokenizer<T: Tokenizer> = StripDiacriticsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> StripDiacriticsFilter<T> {
        StripDiacriticsFilter { tokenizer }
    }
}

/// [`StripDiacritics`] wrapped around a tokenizer.
#[derive(Clone, Debug)]
pub struct StripDiacriticsFilter<T> {
    tokenizer: T,
}

impl<T: Tokenizer> Tokenizer for StripDiacriticsFilter<T> {
    type TokenStream<'a> = StripDiacriticsTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StripDiacriticsTokenStream { tail: self.tokenizer.token_stream(text) }
    }
}

/// The token stream of [`StripDiacriticsFilter`].
pub struct StripDiacriticsTokenStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for StripDiacriticsTokenStream<T> {
    fn advance(&mut self) -> bool {
        loop {
            if !self.tail.advance() {
                return false;
            }
            let text = &mut self.tail.token_mut().text;
            // Every strippable mark is outside ASCII, so an ASCII token (and
            // most Arabic words) is passed through after one scan.
            if text.is_ascii() || !text.chars().any(is_strippable) {
                return true;
            }
            // Removing characters never needs more room: edit in place.
            text.retain(|c| !is_strippable(c));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::assert_folds;
    use crate::{ArabicNormalizer, ArabicTokenizer};

    #[test]
    fn table() {
        let chain =
            StripDiacritics.transform(ArabicNormalizer.transform(ArabicTokenizer::default()));
        assert_folds(
            chain,
            &[
                ("أَحْمَدُ", "احمد"),
                ("عاماً", "عاما"),
                ("أيضًا", "ايضا"),
                ("هٰذا", "هذا"),
                ("مُحَمَّدٌ", "محمد"),
                ("كتـــاب", "كتاب"),
                ("الرَّحْمٰنِ", "الرحمن"),
                ("ذٰلِكَ\u{06DA}", "ذلك"),
                ("ب\u{200F}يت", "بيت"),
                ("مي\u{200C}شود", "ميشود"),
                ("ﱞ", ""),
            ],
        );
    }
}
