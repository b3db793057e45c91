//! A term as the archive writes it: the index holds normalized forms
//! (`مءتي`, `السعوديه`, with hamza seats and teh marbuta folded), which no
//! one typed; wherever a user is shown a form, it is shown as the articles
//! most often spell it (`مئتي`, `السعودية`).

use std::collections::HashMap;

use fahras_analyzers::chains::arabic_exact_marked;
use fahras_analyzers::EXACT_MARKER;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term, TERMINATED};

use crate::research::kwic::is_haraka;

/// Articles read for a form's spelling: the first in index order.
pub(crate) const ARTICLES_READ: usize = 4;

/// The most frequent spelling (without harakat) of the normalized exact
/// form `form` in the first [`ARTICLES_READ`] articles of `field` that
/// hold it; `None` if none does (or the field is not stored).
pub(crate) fn written_form(searcher: &Searcher, field: Field, form: &str) -> Option<String> {
    let marked = format!("{EXACT_MARKER}{form}");
    let term = Term::from_field_text(field, &marked);
    let mut addresses = Vec::new();
    'segments: for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let index = reader.inverted_index(field).ok()?;
        let Ok(Some(mut postings)) = index.read_postings(&term, IndexRecordOption::Basic) else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if reader.alive_bitset().is_none_or(|set| set.is_alive(doc)) {
                addresses.push(DocAddress::new(ord as u32, doc));
                if addresses.len() == ARTICLES_READ {
                    break 'segments;
                }
            }
            doc = postings.advance();
        }
    }
    let mut chain = TextAnalyzer::from(arabic_exact_marked());
    let mut spellings: HashMap<String, u32> = HashMap::new();
    for address in addresses {
        let Ok(doc) = searcher.doc::<TantivyDocument>(address) else { continue };
        let Some(text) = doc.get_first(field).and_then(|v| v.as_str()) else { continue };
        count_spellings(&mut chain, text, &marked, &mut spellings);
    }
    most_frequent(spellings)
}

/// Adds to `spellings` how `text` writes each word whose exact term is
/// `marked` (analyzed by `chain`, an exact chain with the marker).
pub(crate) fn count_spellings(
    chain: &mut TextAnalyzer,
    text: &str,
    marked: &str,
    spellings: &mut HashMap<String, u32>,
) {
    let mut stream = chain.token_stream(text);
    while let Some(token) = stream.next() {
        if token.text == marked {
            add_spelling(&text[token.offset_from..token.offset_to], spellings);
        }
    }
}

/// Counts `word`, as written in an article, in `spellings` (without its
/// harakat).
pub(crate) fn add_spelling(word: &str, spellings: &mut HashMap<String, u32>) {
    *spellings.entry(word.chars().filter(|&c| !is_haraka(c)).collect()).or_default() += 1;
}

/// The spelling seen most often; of two as often, the first in code point
/// order, so that one archive always gives one answer.
pub(crate) fn most_frequent(spellings: HashMap<String, u32>) -> Option<String> {
    spellings.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(s, _)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_frequent_spelling_without_harakat_is_the_written_form() {
        let mut chain = TextAnalyzer::from(arabic_exact_marked());
        let mut spellings = HashMap::new();
        let marked = format!("{EXACT_MARKER}السعوديه");
        count_spellings(
            &mut chain,
            "زار السعودية ثم السعوديّة، وكتب آخر السعوديه. وفي الرياض",
            &marked,
            &mut spellings,
        );
        assert_eq!(spellings.get("السعودية"), Some(&2));
        assert_eq!(spellings.get("السعوديه"), Some(&1));
        assert_eq!(most_frequent(spellings).as_deref(), Some("السعودية"));
        assert_eq!(most_frequent(HashMap::new()), None);
    }
}
