//! Two term families from one analysis pass: [`DualForms`] indexes each
//! word's exact form and its stem, [`MarkExact`] marks query terms for the
//! exact family.

use tantivy_tokenizer_api::{Token, TokenFilter, TokenStream, Tokenizer};

use crate::stem::{stem_memoized, StemMemo};

/// The character in front of every exact-family term. It is never part of a
/// word (the tokenizer keeps only letters and digits), so the two families
/// cannot collide.
pub const EXACT_MARKER: char = '=';

/// Emits a marked exact term and a stem for each token.
///
/// For every incoming (normalized) token, first its exact form behind
/// [`EXACT_MARKER`] (`والكتاب` → `=والكتاب`) and then its stem (`كتاب`), at
/// the same position and offsets; a stop word gets only its exact form. One
/// indexed field then answers both stemmed queries and exact, phrase and
/// prefix queries, and each word is tokenized and normalized once instead of
/// twice (Xapian keeps raw and stemmed terms in one posting space the same
/// way, with a `Z` prefix on stems). [`MarkExact`] is the matching query-side
/// filter.
///
/// Preconditions: normalized, diacritic-free tokens.
#[derive(Clone, Copy, Debug, Default)]
pub struct DualForms;

impl TokenFilter for DualForms {
    type Tokenizer<T: Tokenizer> = DualFormsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> DualFormsFilter<T> {
        DualFormsFilter { tokenizer, exact: Token::default(), memo: StemMemo::default() }
    }
}

/// [`DualForms`] wrapped around a tokenizer.
#[derive(Clone, Debug)]
pub struct DualFormsFilter<T> {
    tokenizer: T,
    exact: Token,
    memo: StemMemo,
}

impl<T: Tokenizer> Tokenizer for DualFormsFilter<T> {
    type TokenStream<'a> = DualFormsTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DualFormsTokenStream {
            tail: self.tokenizer.token_stream(text),
            exact: &mut self.exact,
            memo: &mut self.memo,
            state: DualState::Start,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DualState {
    Start,
    /// The current token is the exact form; the stem comes next.
    Exact,
    /// The current token is the stem, held by the tail.
    Stem,
}

/// The token stream of [`DualFormsFilter`].
pub struct DualFormsTokenStream<'a, T> {
    tail: T,
    exact: &'a mut Token,
    memo: &'a mut StemMemo,
    state: DualState,
}

impl<T: TokenStream> TokenStream for DualFormsTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        if self.state == DualState::Exact {
            let text = &mut self.tail.token_mut().text;
            // A stop word gets no stem: stemmed queries drop stop words, so
            // those postings would never be read (exact search keeps them).
            if !stem_memoized(text, self.memo, false) {
                self.state = DualState::Stem;
                return true;
            }
        }
        if !self.tail.advance() {
            self.state = DualState::Start;
            return false;
        }
        let token = self.tail.token();
        self.exact.offset_from = token.offset_from;
        self.exact.offset_to = token.offset_to;
        self.exact.position = token.position;
        self.exact.position_length = token.position_length;
        self.exact.text.clear();
        self.exact.text.push(EXACT_MARKER);
        self.exact.text.push_str(&token.text);
        self.state = DualState::Exact;
        true
    }

    fn token(&self) -> &Token {
        match self.state {
            DualState::Exact => self.exact,
            _ => self.tail.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.state {
            DualState::Exact => self.exact,
            _ => self.tail.token_mut(),
        }
    }
}

/// Puts [`EXACT_MARKER`] in front of every token: `الكتاب` → `=الكتاب`.
///
/// The query-side filter of [`DualForms`]: a query term marked so meets the
/// exact family of the index only.
///
/// Preconditions: normalized, diacritic-free tokens, not stemmed.
#[derive(Clone, Copy, Debug, Default)]
pub struct MarkExact;

impl TokenFilter for MarkExact {
    type Tokenizer<T: Tokenizer> = MarkExactFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MarkExactFilter<T> {
        MarkExactFilter { tokenizer }
    }
}

/// [`MarkExact`] wrapped around a tokenizer.
#[derive(Clone, Debug)]
pub struct MarkExactFilter<T> {
    tokenizer: T,
}

impl<T: Tokenizer> Tokenizer for MarkExactFilter<T> {
    type TokenStream<'a> = MarkExactTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MarkExactTokenStream { tail: self.tokenizer.token_stream(text) }
    }
}

/// The token stream of [`MarkExactFilter`].
pub struct MarkExactTokenStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for MarkExactTokenStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.tail.token_mut().text.insert(0, EXACT_MARKER);
        true
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
    use crate::chains::{arabic_exact_marked, arabic_indexing};
    use crate::testutil::analyze;

    #[test]
    fn one_pass_emits_both_families_at_one_position() {
        let text = "والكتابُ جديد في";
        let tokens = analyze(arabic_indexing(), text);
        let got: Vec<(&str, usize, usize, usize)> = tokens
            .iter()
            .map(|t| (t.text.as_str(), t.position, t.offset_from, t.offset_to))
            .collect();
        let first = "والكتابُ".len();
        assert_eq!(
            got,
            [
                ("=والكتاب", 0, 0, first),
                ("كتاب", 0, 0, first),
                ("=جديد", 1, first + 1, first + 1 + "جديد".len()),
                ("جديد", 1, first + 1, first + 1 + "جديد".len()),
                ("=في", 2, text.len() - "في".len(), text.len()),
            ]
        );
    }

    #[test]
    fn query_side_exact_terms_carry_the_marker() {
        let tokens = analyze(arabic_exact_marked(), "الكتابُ");
        assert_eq!(tokens.len(), 1);
        assert_eq!(tokens[0].text, "=الكتاب");
    }
}
