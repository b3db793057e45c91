//! [`ArabicStemmingTokenizer`]: the normalizing tokenizer and the light
//! stemmer in one pass, the stemmed chain's hot path.
//!
//! As a separate filter, the stemmer receives each word copied whole into
//! the token text and then cuts it down, moving the stem to the front. But
//! most words of news text are written exactly as normalization leaves
//! them (no hamza on an alef, no teh marbuta, no marks); for those this
//! tokenizer looks the word up where it lies in the text and copies only
//! its stem into the token text. Other words take the filter's way. The
//! terms are those of `LightStemmer` over `ArabicTokenizer::normalizing()`;
//! the property tests compare the two on random text.

use tantivy_tokenizer_api::{Token, TokenStream, Tokenizer};

use super::{known_by_rules, starts_with_arabic_letter, stem_memoized, LightStemmer, StemMemo};
use crate::chars::HEH;
use crate::tokenizer::{ArabicTokenStream, ArabicTokenizer};

/// Normalizes, stems and (if so configured) drops stop words in one pass.
///
/// The terms, positions and offsets of [`LightStemmer`] over
/// [`ArabicTokenizer::normalizing`], made faster: a word written exactly as
/// normalization leaves it is looked up where it lies in the text and only
/// its stem is copied into the token text, instead of the word being copied
/// whole and then cut down.
#[derive(Clone, Debug)]
pub struct ArabicStemmingTokenizer {
    tokenizer: ArabicTokenizer,
    memo: StemMemo,
    drop_stop_words: bool,
}

impl ArabicStemmingTokenizer {
    /// The tokenizer of `stemmer` (which says whether stop words are
    /// dropped) over [`ArabicTokenizer::normalizing`].
    pub fn new(stemmer: LightStemmer) -> ArabicStemmingTokenizer {
        ArabicStemmingTokenizer {
            tokenizer: ArabicTokenizer::normalizing(),
            memo: StemMemo::default(),
            drop_stop_words: stemmer.drop_stop_words,
        }
    }
}

impl Tokenizer for ArabicStemmingTokenizer {
    type TokenStream<'a> = ArabicStemmingTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicStemmingTokenStream<'a> {
        ArabicStemmingTokenStream {
            words: self.tokenizer.token_stream(text),
            memo: &mut self.memo,
            drop_stop_words: self.drop_stop_words,
        }
    }
}

/// The token stream of [`ArabicStemmingTokenizer`].
pub struct ArabicStemmingTokenStream<'a> {
    words: ArabicTokenStream<'a>,
    memo: &'a mut StemMemo,
    drop_stop_words: bool,
}

impl TokenStream for ArabicStemmingTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let memo = &mut *self.memo;
        let drop_stop_words = self.drop_stop_words;
        self.words.advance_with(|text, rest| finish(text, rest, memo, drop_stop_words))
    }

    fn token(&self) -> &Token {
        self.words.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.words.token_mut()
    }
}

/// Completes the token text of a word, stemmed (see
/// [`ArabicTokenStream::advance_with`]); returns false for a stop word that
/// is dropped.
#[inline]
fn finish(text: &mut String, rest: &str, memo: &mut StemMemo, drop_stop_words: bool) -> bool {
    if !text.is_empty() || !starts_with_arabic_letter(rest) {
        text.push_str(rest);
        let stop = stem_memoized(text, memo, !drop_stop_words);
        return !(stop && drop_stop_words);
    }
    // The whole word is as written: stem it where it lies.
    let known = memo.known(rest.as_bytes(), known_by_rules);
    if known.stop && drop_stop_words {
        return false;
    }
    let cut = known.cut;
    text.push_str(&rest[cut.start..cut.end]);
    if cut.heh {
        text.pop();
        text.push(HEH);
    }
    true
}
