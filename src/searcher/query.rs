//! From the user's query text to a tantivy query.
//!
//! tantivy's `QueryParser` does the heavy lifting (free words OR-ranked,
//! `+`/`-`, `AND`/`OR`/`NOT`, parentheses, phrases with `~slop`, `field:`,
//! ranges), run with the query side of the field's analysis chain. Fahras
//! adds what Arabic search needs on top:
//! - a syntax check that names the character where a quote or parenthesis
//!   is left open;
//! - `word*`: a real prefix search on the exact (unstemmed) terms — tantivy's
//!   parser would silently search the word itself;
//! - `=word`: this word exactly (normalized, not stemmed), even in a stemmed
//!   query;
//! - `date:[2018-03-01 TO 2018-06-30]` with plain days (tantivy wants RFC
//!   3339); the upper day is included whole;
//! - `*` alone: every article.
//!
//! The prefix and exact words are swapped for placeholder words before
//! parsing and the parsed tree is rewritten afterwards, so they combine with
//! every operator like any other word.

use std::ops::Bound;

use fahras_analyzers::chains::arabic_exact;
use fahras_analyzers::EXACT_MARKER;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, QueryParser,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{DateTime, Searcher, Term};

use super::rerank::Ranked;
use crate::analysis::{query_tokenizers, IndexAnalyzer, QueryMode};
use crate::error::{Error, Result};
use crate::schema;

/// Most terms a prefix expands to before it is matched as a range without
/// ranking (tantivy's constant-score prefix query).
pub const MAX_PREFIX_EXPANSIONS: usize = 1000;

/// What a query searches besides its text.
#[derive(Debug, Clone, Default)]
pub struct QueryOptions {
    /// How words are analyzed.
    pub mode: QueryMode,
    /// Fields searched by words without `field:` (default: title and body).
    pub fields: Vec<String>,
    /// Articles dated on or after this instant.
    pub from: Option<DateTime>,
    /// Articles dated before this instant.
    pub until: Option<DateTime>,
    /// Every word required (AND) instead of OR.
    pub conjunction: bool,
    /// In free-text queries, also match each word's exact form, its score
    /// weighted by this (0: stems only).
    pub exact_weight: f32,
    /// In free-text queries, also match neighbouring words as phrases,
    /// weighted by this (0: off).
    pub proximity_weight: f32,
}

/// A placeholder's meaning.
#[derive(Debug, Clone)]
enum Special {
    Prefix(String),
    Exact(String),
}

/// The names of the fields a query searches: the option's, or the default.
fn searched_fields(options: &QueryOptions) -> Vec<&str> {
    if options.fields.is_empty() {
        schema::DEFAULT_SEARCH_FIELDS.to_vec()
    } else {
        options.fields.iter().map(String::as_str).collect()
    }
}

/// Builds the tantivy query for `text`: which articles match, and their
/// BM25 score. The proximity bonus is apart ([`proximity`]), for
/// [`rerank`](super::rerank) to add to the best articles only.
pub fn build(
    searcher: &Searcher,
    analyzer: IndexAnalyzer,
    text: &str,
    options: &QueryOptions,
) -> Result<Box<dyn Query>> {
    check_syntax(text)?;
    let schema = searcher.schema();
    let query: Box<dyn Query> = if text.trim() == "*" {
        Box::new(AllQuery)
    } else {
        let (rewritten, specials) = rewrite(text);
        let mut fields = Vec::new();
        for name in searched_fields(options) {
            if !schema::QUERY_FIELDS.contains(&name) {
                return Err(Error::Query(format!(
                    "unknown field {name:?}; fields are {}",
                    schema::QUERY_FIELDS.join(", ")
                )));
            }
            fields.push(schema.get_field(name).expect("schema field"));
        }
        let mut parser =
            QueryParser::new(schema.clone(), fields.clone(), query_tokenizers(options.mode));
        if options.conjunction {
            parser.set_conjunction_by_default();
        }
        let parsed = parser.parse_query(&rewritten).map_err(|e| Error::Query(describe(&e)))?;
        let marked = analyzer == IndexAnalyzer::Fahras;
        substitute(searcher, &*parsed, &specials, marked)?
    };
    let Some(range) = date_range(schema, options.from, options.until) else {
        return Ok(query);
    };
    Ok(Box::new(BooleanQuery::new(vec![(Occur::Must, query), (Occur::Must, range)])))
}

/// The proximity bonus of a query of plain words: each pair of neighbouring
/// words as a phrase, in each searched field (see `proximity_pairs`).
/// None for a query with any syntax, or a weight of 0.
pub fn proximity(searcher: &Searcher, text: &str, options: &QueryOptions) -> Vec<Box<dyn Query>> {
    if options.proximity_weight <= 0.0 || !is_plain_words(text) || text.trim() == "*" {
        return Vec::new();
    }
    let schema = searcher.schema();
    let mut pairs = Vec::new();
    for name in searched_fields(options) {
        let Ok(field) = schema.get_field(name) else { continue };
        let Some(tokenizer) = tokenizer_of(schema, field) else { continue };
        let weight = options.proximity_weight;
        proximity_pairs(field, &tokenizer, options.mode, text, weight, &mut pairs);
    }
    pairs
}

/// The name of the analyzer that indexes a text field (None for others).
fn tokenizer_of(schema: &tantivy::schema::Schema, field: Field) -> Option<String> {
    match schema.get_field_entry(field).field_type() {
        tantivy::schema::FieldType::Str(options) => {
            options.get_indexing_options().map(|o| o.tokenizer().to_string())
        }
        _ => None,
    }
}

/// An OR of the analyzed words of `text` over the option's fields (body
/// when none), with no query syntax at all: quotes, `-`, `:` and the like in
/// the text are just punctuation. Used by `eval`, where queries are
/// headlines.
pub fn free_text(searcher: &Searcher, text: &str, options: &QueryOptions) -> Ranked {
    let schema = searcher.schema();
    let names: Vec<&str> = if options.fields.is_empty() {
        vec![schema::BODY]
    } else {
        options.fields.iter().map(String::as_str).collect()
    };
    let mut terms = Vec::new();
    let mut exact_terms = Vec::new();
    let mut bonus = Vec::new();
    for name in names {
        let Ok(field) = schema.get_field(name) else { continue };
        let Some(tokenizer_name) = tokenizer_of(schema, field) else { continue };
        let collect = |mode: QueryMode, out: &mut Vec<Term>| {
            let Some(mut analyzer) = query_tokenizers(mode).get(&tokenizer_name) else { return };
            let mut stream = analyzer.token_stream(text);
            while let Some(token) = stream.next() {
                out.push(Term::from_field_text(field, &token.text));
            }
        };
        collect(options.mode, &mut terms);
        if options.proximity_weight > 0.0 {
            proximity_pairs(
                field,
                &tokenizer_name,
                options.mode,
                text,
                options.proximity_weight,
                &mut bonus,
            );
        }
        if options.exact_weight > 0.0 && tokenizer_name == IndexAnalyzer::Fahras.tokenizer_name() {
            collect(QueryMode::Exact, &mut exact_terms);
        }
    }
    let required = if options.conjunction { terms.len() } else { 0 };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .into_iter()
        .map(|t| {
            (
                Occur::Should,
                Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)) as Box<dyn Query>,
            )
        })
        .collect();
    for term in exact_terms {
        let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(query), options.exact_weight)),
        ));
    }
    let mut query = BooleanQuery::new(clauses);
    if required > 0 {
        query.set_minimum_number_should_match(required);
    }
    Ranked { base: Box::new(query), bonus }
}

/// Each pair of neighbouring query words as a phrase (with a slop of one
/// word), weighted: articles that keep the query's word pairs together rank
/// higher, the proximity part of Metzler & Croft's sequential dependence
/// model ("A Markov Random Field Model for Term Dependencies", SIGIR 2005).
fn proximity_pairs(
    field: Field,
    tokenizer_name: &str,
    mode: QueryMode,
    text: &str,
    weight: f32,
    out: &mut Vec<Box<dyn Query>>,
) {
    let Some(mut analyzer) = query_tokenizers(mode).get(tokenizer_name) else { return };
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

fn date_range(
    schema: &tantivy::schema::Schema,
    from: Option<DateTime>,
    until: Option<DateTime>,
) -> Option<Box<dyn Query>> {
    if from.is_none() && until.is_none() {
        return None;
    }
    let field = schema.get_field(schema::DATE).expect("date field");
    let lower = from.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_date(field, d)));
    let upper =
        until.map_or(Bound::Unbounded, |d| Bound::Excluded(Term::from_field_date(field, d)));
    Some(Box::new(RangeQuery::new(lower, upper)))
}

/// Returns true if and only if `text` is words only: no quotes, operators,
/// fields, prefixes or ranges.
fn is_plain_words(text: &str) -> bool {
    !text.chars().any(|c| {
        matches!(
            c,
            '"' | '(' | ')' | ':' | '+' | '-' | '*' | '=' | '^' | '~' | '[' | ']' | '{' | '}'
        )
    }) && !text.split_whitespace().any(|w| matches!(w, "AND" | "OR" | "NOT"))
}

/// Reports an unbalanced quote or parenthesis with its character position.
pub fn check_syntax(text: &str) -> Result<()> {
    let mut quote_at = None;
    let mut open_parens = Vec::new();
    for (n, c) in text.chars().enumerate() {
        match c {
            '"' => quote_at = if quote_at.is_some() { None } else { Some(n + 1) },
            '(' if quote_at.is_none() => open_parens.push(n + 1),
            ')' if quote_at.is_none() && open_parens.pop().is_none() => {
                return Err(Error::Query(format!(
                    "unbalanced parenthesis: ')' at character {} closes nothing",
                    n + 1
                )));
            }
            _ => {}
        }
    }
    if let Some(at) = quote_at {
        return Err(Error::Query(format!(
            "unbalanced quote: the '\"' at character {at} is never closed"
        )));
    }
    if let Some(at) = open_parens.pop() {
        return Err(Error::Query(format!(
            "unbalanced parenthesis: the '(' at character {at} is never closed"
        )));
    }
    Ok(())
}

fn describe(error: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    match error {
        E::SyntaxError(s) => format!("syntax error near {s:?}"),
        E::FieldDoesNotExist(f) => {
            format!("unknown field {f:?}; fields are {}", schema::QUERY_FIELDS.join(", "))
        }
        E::DateFormatError(_) => {
            "bad date: write days as YYYY-MM-DD, e.g. date:[2018-03-01 TO 2018-06-30]".to_string()
        }
        other => other.to_string(),
    }
}

fn placeholder(n: usize) -> String {
    format!("fahrasph{n}x")
}

/// Swaps `word*` and `=word` for placeholders and completes plain days in
/// date ranges. Text inside quotes is left alone.
fn rewrite(text: &str) -> (String, Vec<Special>) {
    let mut out = String::with_capacity(text.len() + 16);
    let mut specials = Vec::new();
    let mut in_quote = false;
    let mut piece = String::new();
    let flush = |piece: &mut String, out: &mut String, specials: &mut Vec<Special>| {
        if !piece.is_empty() {
            out.push_str(&rewrite_piece(piece, specials));
            piece.clear();
        }
    };
    for c in text.chars() {
        if c == '"' {
            flush(&mut piece, &mut out, &mut specials);
            in_quote = !in_quote;
            out.push(c);
        } else if in_quote {
            out.push(c);
        } else if c.is_whitespace() {
            flush(&mut piece, &mut out, &mut specials);
            out.push(c);
        } else {
            piece.push(c);
        }
    }
    flush(&mut piece, &mut out, &mut specials);
    (complete_dates(&out), specials)
}

fn rewrite_piece(piece: &str, specials: &mut Vec<Special>) -> String {
    let lead_len = piece.len() - piece.trim_start_matches(['+', '-', '(']).len();
    let (lead, rest) = piece.split_at(lead_len);
    let (field, core) = match rest.split_once(':') {
        Some((f, c)) if f.chars().all(|c| c.is_ascii_alphabetic()) && !f.is_empty() => {
            (&rest[..f.len() + 1], c)
        }
        _ => ("", rest),
    };
    let core_trimmed = core.trim_end_matches(')');
    let tail = &core[core_trimmed.len()..];
    let core = core_trimmed;
    let special =
        if let Some(word) = core.strip_suffix('*').filter(|w| !w.is_empty() && !w.contains('*')) {
            Special::Prefix(word.to_string())
        } else if let Some(word) = core.strip_prefix('=').filter(|w| !w.is_empty()) {
            Special::Exact(word.to_string())
        } else {
            return piece.to_string();
        };
    let name = placeholder(specials.len());
    specials.push(special);
    format!("{lead}{field}{name}{tail}")
}

/// `2018-03-01` → `2018-03-01T00:00:00Z` after `[`/`{`/`TO`; the day after
/// `TO` ending with `]` becomes the day's last second.
fn complete_dates(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 32);
    let mut i = 0;
    while i < text.len() {
        let is_day = i + 10 <= bytes.len()
            && bytes[i..i + 10].iter().enumerate().all(|(k, b)| {
                if k == 4 || k == 7 {
                    *b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
            && bytes.get(i + 10).is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b':')
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        if is_day {
            out.push_str(&text[i..i + 10]);
            let closes_inclusive = text[i + 10..].trim_start().starts_with(']');
            out.push_str(if closes_inclusive { "T23:59:59Z" } else { "T00:00:00Z" });
            i += 10;
        } else {
            let c = text[i..].chars().next().expect("in bounds");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Rewrites the parsed tree, replacing placeholder terms.
fn substitute(
    searcher: &Searcher,
    query: &dyn Query,
    specials: &[Special],
    marked: bool,
) -> Result<Box<dyn Query>> {
    if specials.is_empty() {
        return Ok(query.box_clone());
    }
    if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
        let mut clauses = Vec::with_capacity(boolean.clauses().len());
        for (occur, sub) in boolean.clauses() {
            clauses.push((*occur, substitute(searcher, &**sub, specials, marked)?));
        }
        return Ok(Box::new(BooleanQuery::new(clauses)));
    }
    if let Some(term_query) = query.downcast_ref::<TermQuery>() {
        let term = term_query.term();
        if let Some(text) = term.value().as_str() {
            let text = text.trim_start_matches(EXACT_MARKER);
            for (n, special) in specials.iter().enumerate() {
                if text == placeholder(n) {
                    // Only title and body are analyzed; `source:`, `id:` and
                    // `category:` terms are raw.
                    let name = searcher.schema().get_field_name(term.field());
                    let analyzed = schema::DEFAULT_SEARCH_FIELDS.contains(&name);
                    return special_query(
                        searcher,
                        term.field(),
                        special,
                        analyzed,
                        marked && analyzed,
                    );
                }
            }
        }
    }
    Ok(query.box_clone())
}

/// The exact terms of `word` (normalized, marked on a Fahras index).
fn exact_terms(field: Field, word: &str, marked: bool) -> Vec<Term> {
    let mut chain = TextAnalyzer::from(arabic_exact());
    let mut stream = chain.token_stream(word);
    let mut terms = Vec::new();
    while let Some(token) = stream.next() {
        let text =
            if marked { format!("{EXACT_MARKER}{}", token.text) } else { token.text.clone() };
        terms.push(Term::from_field_text(field, &text));
    }
    terms
}

fn special_query(
    searcher: &Searcher,
    field: Field,
    special: &Special,
    analyzed: bool,
    marked: bool,
) -> Result<Box<dyn Query>> {
    let terms_of = |word: &str| {
        if analyzed {
            exact_terms(field, word, marked)
        } else {
            vec![Term::from_field_text(field, word)]
        }
    };
    match special {
        Special::Exact(word) => {
            let mut terms = terms_of(word);
            Ok(match terms.len() {
                0 => Box::new(BooleanQuery::new(Vec::new())),
                1 => Box::new(TermQuery::new(terms.remove(0), IndexRecordOption::WithFreqs)),
                _ => Box::new(PhraseQuery::new(terms)),
            })
        }
        Special::Prefix(word) => {
            let mut terms = terms_of(word);
            match terms.len() {
                0 => Ok(Box::new(BooleanQuery::new(Vec::new()))),
                1 => {
                    let exact = terms.remove(0);
                    let mut prefixes = vec![exact.clone()];
                    if marked {
                        // Also the stems that start with it, so `مكتب*` finds
                        // `المكتبة` and `بالمكتبات`, whose exact forms start
                        // with a proclitic.
                        let value = exact.value();
                        let text =
                            value.as_str().unwrap_or_default().trim_start_matches(EXACT_MARKER);
                        prefixes.push(Term::from_field_text(field, text));
                    }
                    prefix_query(searcher, &prefixes)
                }
                _ => Ok(Box::new(PhrasePrefixQuery::new(terms))),
            }
        }
    }
}

/// Every term of the field starting with one of `prefixes`, ranked by BM25
/// as an OR of those terms; past [`MAX_PREFIX_EXPANSIONS`], an unranked
/// match of the prefixes as term ranges.
fn prefix_query(searcher: &Searcher, prefixes: &[Term]) -> Result<Box<dyn Query>> {
    let field = prefixes[0].field();
    let mut expansions: Vec<Vec<u8>> = Vec::new();
    'prefixes: for prefix in prefixes {
        let start = prefix.serialized_value_bytes().to_vec();
        let mut end = start.clone();
        end.extend_from_slice("\u{10FFFF}".as_bytes());
        for segment in searcher.segment_readers() {
            let inverted =
                segment.inverted_index(field).map_err(|e| Error::Query(e.to_string()))?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(&start)
                .lt(&end)
                .into_stream()
                .map_err(|e| Error::Query(e.to_string()))?;
            while stream.advance() {
                expansions.push(stream.key().to_vec());
                if expansions.len() > MAX_PREFIX_EXPANSIONS * 4 {
                    break 'prefixes;
                }
            }
        }
    }
    expansions.sort_unstable();
    expansions.dedup();
    if expansions.len() > MAX_PREFIX_EXPANSIONS {
        let ranges: Vec<(Occur, Box<dyn Query>)> = prefixes
            .iter()
            .map(|p| {
                (Occur::Should, Box::new(PhrasePrefixQuery::new(vec![p.clone()])) as Box<dyn Query>)
            })
            .collect();
        return Ok(Box::new(BooleanQuery::new(ranges)));
    }
    let terms: Vec<Term> = expansions
        .iter()
        .filter_map(|bytes| std::str::from_utf8(bytes).ok())
        .map(|text| Term::from_field_text(field, text))
        .collect();
    Ok(Box::new(BooleanQuery::new_multiterms_query(terms)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_the_character() {
        assert_eq!(
            check_syntax("قطر \"الأمر التنفيذي").unwrap_err().to_string(),
            "query error: unbalanced quote: the '\"' at character 5 is never closed"
        );
        assert!(check_syntax("(قطر OR مصر").unwrap_err().to_string().contains("character 1"));
        assert!(check_syntax("قطر)").unwrap_err().to_string().contains("')' at character 4"));
        assert!(check_syntax("\"(قطر\" (مصر)").is_ok());
    }

    #[test]
    fn proximity_applies_to_plain_words_only() {
        assert!(is_plain_words("الأمر التنفيذي قطر"));
        assert!(is_plain_words("ما هي عاصمة قطر؟"));
        for syntax in ["\"الأمر التنفيذي\"", "قطر AND مصر", "title:قطر", "مكتب*", "-قطر", "(قطر)"]
        {
            assert!(!is_plain_words(syntax), "{syntax}");
        }
    }

    #[test]
    fn prefix_and_exact_words_become_placeholders() {
        let (text, specials) =
            rewrite("+title:مكتب* (=الكتاب) \"لا* تلمس\" date:[2018-03-01 TO 2018-06-30]");
        assert_eq!(
            text,
            "+title:fahrasph0x (fahrasph1x) \"لا* تلمس\" date:[2018-03-01T00:00:00Z TO 2018-06-30T23:59:59Z]"
        );
        assert!(matches!(&specials[0], Special::Prefix(w) if w == "مكتب"));
        assert!(matches!(&specials[1], Special::Exact(w) if w == "الكتاب"));
    }
}
