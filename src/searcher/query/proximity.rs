//! The proximity bonus: neighbouring query words found together.

use tantivy::query::{BoostQuery, PhraseQuery, Query};
use tantivy::schema::Field;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::Term;

/// Each pair of neighbouring words of `text` as a phrase with a slop of one
/// word, weighted: articles that keep the query's word pairs together rank
/// higher. This is the proximity part of Metzler & Croft's sequential
/// dependence model ("A Markov Random Field Model for Term Dependencies",
/// SIGIR 2005). Words with a stop word between them still pair (the stop
/// word leaves a gap in the positions); words further apart do not.
pub fn proximity_pairs(
    field: Field,
    analyzer: &mut TextAnalyzer,
    text: &str,
    weight: f32,
    out: &mut Vec<Box<dyn Query>>,
) {
    let mut stream = analyzer.token_stream(text);
    let mut previous: Option<(usize, String)> = None;
    while let Some(token) = stream.next() {
        if let Some((position, word)) = previous.take() {
            let gap = token.position - position;
            if gap <= 2 {
                let mut phrase = PhraseQuery::new_with_offset(vec![
                    (0, Term::from_field_text(field, &word)),
                    (gap, Term::from_field_text(field, &token.text)),
                ]);
                phrase.set_slop(1);
                out.push(Box::new(BoostQuery::new(Box::new(phrase), weight)));
            }
        }
        previous = Some((token.position, token.text.clone()));
    }
}
