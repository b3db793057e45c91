//! A hamza typed without its seat: `موتمر` for `مؤتمر`, `ريس` for `رئيس`.
//!
//! The analysis writes a hamza on a seat as `ء` (`مؤتمر` and `مئتمر` meet
//! as `مءتمر`, as `مسؤول` and `مسئول` do), so a word typed with a bare `و`
//! or `ي` where the hamza's seat stands is another word to the index. Folding
//! the seats into `و`/`ي` at index time would join `مسؤول` with `مسوول` but
//! split it from `مسئول` (whose seat is `ي`), and make many words collide
//! (`سئل` "was asked" with `سيل` "flood"). So the variants are made at query
//! time and looked up: each `و`/`ي` after a word's first letter and before
//! its last, in turn, becomes `ء` or gets a `ء` before it (`ريس`: the seat
//! and the `ي` after it typed as one), and the variant the archive holds
//! most, as a whole word, is searched beside the word as typed, at a lower
//! weight, when it is far more common (the word as typed is then most
//! likely the slip). A correct common word
//! is never joined: its own count is what a variant would have to beat.

use fahras_analyzers::EXACT_MARKER;
use tantivy::schema::Field;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{Searcher, Term};

/// Weight of the variant's terms next to the word as typed at 1.
pub(crate) const VARIANT_WEIGHT: f32 = 0.8;

/// How many times more articles than the word as typed the variant must be
/// in before it is searched.
pub(crate) const MORE_COMMON: u64 = 10;

/// A word in at least one article in this many is taken as typed.
pub(crate) const COMMON_SHARE: u64 = 100;

/// The seat-hamza variant of `word` (normalized, one word) to search beside
/// it, if one is far more common in `field`: the variant as it is written
/// (`رئيس`) and its normalized form (`رءيس`).
pub(crate) fn variant(
    searcher: &Searcher,
    field: Field,
    stems: &mut TextAnalyzer,
    word: &str,
) -> Option<(String, String)> {
    // Not the first letter, and not the last: a word ending in و or ي is
    // far more often just that (`ماي`, `هواوي`) than a final hamza.
    let last = word.char_indices().last().map_or(0, |(at, _)| at);
    let seats: Vec<(usize, char)> = word
        .char_indices()
        .skip(1)
        .filter(|&(at, c)| at < last && matches!(c, 'و' | 'ي'))
        .collect();
    if seats.is_empty() || one_token(stems, word).is_none() {
        // No seat, or a stop word.
        return None;
    }
    // Counted on whole words as written (exact forms), not stems: a stem
    // may belong to another word (`هواؤي` would count as `هواء`, air).
    let doc_freq = |text: &str| -> Option<u64> {
        let marked = format!("{EXACT_MARKER}{text}");
        searcher.doc_freq(&Term::from_field_text(field, &marked)).ok()
    };
    let typed = doc_freq(word)?;
    // A word in one article in a hundred or more is no slip: a variant ten
    // times as common would be in a tenth of the archive, which only stop
    // words are (this spares most words their look-ups).
    if typed.saturating_mul(COMMON_SHARE) >= searcher.num_docs() {
        return None;
    }
    let mut best: Option<(u64, String, String)> = None;
    for (at, seat) in seats {
        let end = at + seat.len_utf8();
        let hamza = if seat == 'و' { 'ؤ' } else { 'ئ' };
        // The seat typed bare (`موتمر`), or the seat and the letter after
        // it typed as one (`ريس` for `رئيس`, `روس` for `رؤوس`).
        for (normalized, written) in [
            (
                format!("{}ء{}", &word[..at], &word[end..]),
                format!("{}{hamza}{}", &word[..at], &word[end..]),
            ),
            (
                format!("{}ء{}", &word[..at], &word[at..]),
                format!("{}{hamza}{}", &word[..at], &word[at..]),
            ),
        ] {
            let Some(count) = doc_freq(&normalized) else { continue };
            if best.as_ref().is_none_or(|(n, _, _)| count > *n) {
                best = Some((count, written, normalized));
            }
        }
    }
    let (count, written, normalized) = best?;
    (count >= MORE_COMMON * typed.max(1)).then_some((written, normalized))
}

/// The only token `analyzer` makes of `text`, if it makes one.
pub(crate) fn one_token(analyzer: &mut TextAnalyzer, text: &str) -> Option<String> {
    let mut stream = analyzer.token_stream(text);
    let token = stream.next()?.text.clone();
    stream.next().is_none().then_some(token)
}
