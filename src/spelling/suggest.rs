//! "Did you mean": when a query finds nothing or very little, the query
//! with each word the archive does not hold replaced by its most common
//! neighbour, one edit away (two when none is one away), and how many
//! articles that finds.

use serde::Serialize;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use fahras_analyzers::chains::arabic_exact_marked;
use fahras_analyzers::EXACT_MARKER;

use super::hamza::one_token;
use super::typos;
use crate::analysis::{query_analyzer, QueryMode};
use crate::schema::Fields;

/// A query to try instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Suggestion {
    /// The query with its unknown words replaced.
    pub query: String,
    /// The articles it finds.
    pub articles: usize,
}

/// A search that finds fewer articles than this gets a suggestion.
pub(crate) const FEW: usize = 3;

/// Most words of a query to look at: a long one that finds nothing has
/// more wrong with it than a slip.
pub(crate) const MAX_WORDS: usize = 8;

/// The query with each word no article's body holds replaced by its most
/// common neighbour; None when no word was replaced.
pub(crate) fn respelled(searcher: &Searcher, fields: &Fields, query: &str) -> Option<String> {
    let words: Vec<&str> = query.split_whitespace().collect();
    if words.len() > MAX_WORDS {
        return None;
    }
    let schema = searcher.schema();
    let tokenizer = crate::searcher::query::build::tokenizer_of(schema, fields.body)?;
    let mut stems = query_analyzer(&tokenizer, QueryMode::Stemmed)?;
    let mut exact = TextAnalyzer::from(arabic_exact_marked());
    let mut replaced = false;
    let mut out = Vec::with_capacity(words.len());
    for word in words {
        let letters = word.chars().all(char::is_alphabetic) && word.chars().count() >= 3;
        let form = letters.then(|| one_token(&mut exact, word)).flatten();
        let Some(form) = form else {
            out.push(word.to_string());
            continue;
        };
        let form = form.trim_start_matches(EXACT_MARKER).to_string();
        let known = one_token(&mut stems, word).is_none_or(|stem| {
            searcher.doc_freq(&Term::from_field_text(fields.body, &stem)).unwrap_or(0) > 0
        });
        let marked = format!("{EXACT_MARKER}{form}");
        let best = (!known)
            .then(|| {
                [1, 2].into_iter().find_map(|distance| {
                    let near = typos::near_forms(searcher, fields.body, &form, distance).ok()?;
                    typos::best_neighbour(&form, &marked, near)
                })
            })
            .flatten();
        match best {
            Some((key, _)) => {
                replaced = true;
                // As the archive writes it (رئيس), not its searched form (رءيس).
                let form = key.trim_start_matches(EXACT_MARKER);
                out.push(
                    super::written::written_form(searcher, fields.body, form)
                        .unwrap_or_else(|| form.to_string()),
                );
            }
            None => out.push(word.to_string()),
        }
    }
    replaced.then(|| out.join(" "))
}
