//! The proximity bonus: neighbouring query words found together.

use tantivy::query::{PhraseQuery, Query};
use tantivy::schema::Field;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::Term;

/// Each pair of neighbouring words of `text`, as (first term, gap, second
/// term): articles that keep the query's word pairs together rank higher.
/// This is the proximity part of Metzler & Croft's sequential dependence
/// model ("A Markov Random Field Model for Term Dependencies", SIGIR
/// 2005). Words with a stop word between them still pair (the stop word
/// leaves a gap in the positions); words further apart do not.
pub(crate) fn proximity_pairs(
    field: Field,
    analyzer: &mut TextAnalyzer,
    text: &str,
) -> Vec<(Term, usize, Term)> {
    let mut stream = analyzer.token_stream(text);
    let mut previous: Option<(usize, String)> = None;
    let mut pairs = Vec::new();
    while let Some(token) = stream.next() {
        if let Some((position, word)) = previous.take() {
            let gap = token.position - position;
            if gap <= 2 {
                pairs.push((
                    Term::from_field_text(field, &word),
                    gap,
                    Term::from_field_text(field, &token.text),
                ));
            }
        }
        previous = Some((token.position, token.text.clone()));
    }
    pairs
}

/// The phrase of a pair, with a slop of one word.
pub(crate) fn pair_query(first: Term, gap: usize, second: Term) -> Box<dyn Query> {
    let mut phrase = PhraseQuery::new_with_offset(vec![(0, first), (gap, second)]);
    phrase.set_slop(1);
    Box::new(phrase)
}
