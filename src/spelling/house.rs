//! One foreign name, spelt by house style: `ترمب` (Al Arabiya) and `ترامب`
//! (most others), `بوتن` and `بوتين`, `نتنياهو` and `نتانياهو`.
//!
//! Transliterations differ most often by a long vowel written or left out,
//! or by the letter written for /g/, a sound Standard Arabic lacks (`ج`,
//! `غ`, `ق` or `ك`: `سامسونج`/`سامسونغ`, `الإنجليزي`/`الإنكليزي`), and each
//! outlet keeps to its own. A rule that joined every two words one
//! long vowel apart would also join native words of different meaning
//! (`كتب` "books" and `كتاب` "book", `حكم` and `حاكم`). Three tests tell
//! them apart, run when an index run ends over every two forms the archive
//! holds one `ا`, `و` or `ي` apart inside the word, or with every one of a
//! /g/ letter written as another, each in 20 articles or more:
//!
//! - **Who writes which.** The choice between two spellings of one name
//!   depends on the outlet; between two words, mostly not. Cramér's V of
//!   the table form × source (from Pearson's chi-squared, V = √(χ² / n) for
//!   two rows; Cramér, *Mathematical Methods of Statistics*, 1946, §21.9)
//!   is near 1 when each outlet writes one form. On the shared corpora:
//!   ترمب/ترامب 0.95, بوتن/بوتين 0.82, نتنياهو/نتانياهو 0.79; كتب/كتاب
//!   0.27, سلم/سلام 0.32, حكم/حاكم 0.13, قتل/قتيل 0.11. But 1,410 pairs pass
//!   0.7, most of them two words that outlets of different countries use
//!   for their own news (`قابس`, Gabès, in Tunisian outlets, `قابوس`,
//!   Qaboos, in Gulf ones; `المحتجين` protesters, `المحتاجين` the needy).
//! - **What is said around it.** The stems within three words of each form,
//!   in the 16 articles of each with the least content hash (the same
//!   archive, the same sample), compared by cosine: one name keeps the
//!   same company (`دونالد`, `الرئيس`, `الأمريكي`), two words do not.
//! - **Stems that are the names.** The other spelling is searched by its
//!   stem, so the stemmer must keep to the name: the two stems one vowel
//!   apart, each in at most [`MAX_STEM_SHARE`] times its form's articles
//!   (`الماءه`, for مائة, stems to `ماء`, water, and is left out).
//!
//! On the 72k articles of the shared corpora this finds 36 pairs (with the
//! stemmer of analyzer version 3); read by hand, 35 are one name or word:
//! ترمب/ترامب, بوتن/بوتين, نتنياهو/نتانياهو, زخاروفا/زاخاروفا, loans such as
//! فاينانشال/فاينانشيال, اليونسكو/اليونيسكو and الكمبيوتر/الكومبيوتر,
//! الرحمن/الرحمان, مئتي/مائتي,
//! and 21 pairs of /g/ letters (سامسونج/سامسونغ, البنتاجون/البنتاغون,
//! انستجرام/انستغرام, دييجو/دييغو, جرينتش/غرينتش, الإنجليزي/الإنكليزي …); one
//! is doubtful (كابل/كابول: Kabul in some outlets, also a cable). Missed:
//! جوجل/غوغل (270 and 399 articles, kept by outlet, but the words around
//! them differ), and names in fewer than 20 articles (اردوجان, نيكاراجوا,
//! إنستقرام). An archive of one outlet gives no evidence, and no pairs.
//!
//! Each form is kept as the archive most often writes it too (`مئتي`, not
//! the normalized `مءتي`), read in the articles sampled for its context,
//! for `stats` and the notes of a search.
//!
//! The pairs are kept in the index's manifest, and a query looks its words
//! up there: looking the forms up at query time cost the search a fifth of
//! its time (a dozen term-dictionary look-ups a word, each a walk through
//! memory the cache does not hold). Finding them takes about 2 s at the
//! end of an index run on the 72k archive (its indexing takes 11 s).

use std::collections::HashMap;

use fahras_analyzers::chains::{arabic_indexing, arabic_stemmed_all};
use fahras_analyzers::EXACT_MARKER;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::schema::Value;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term, TERMINATED};

use super::hamza::one_token;
use super::written;
use crate::schema;

/// Cramér's V from which two spellings are taken for one name: above the
/// native word pairs measured (0.32 at most) and the two names (0.45).
pub(crate) const MIN_ASSOCIATION: f64 = 0.7;

/// Cosine similarity of the words around two forms (their stems within
/// [`CONTEXT_WORDS`] on either side, in a sample of articles) from which
/// they are taken for one name. Outlets of one country write about its
/// places and people, so form and source also go together for two
/// different words (`قابس`, Gabès, in Tunisian outlets, `قابوس`, Qaboos, in
/// Gulf ones; `المحتجين` protesters and `المحتاجين` the needy); the words
/// around them tell them apart.
pub(crate) const MIN_SIMILARITY: f64 = 0.4;

/// Words on either side of a form that make its context.
pub(crate) const CONTEXT_WORDS: u32 = 3;

/// Articles read for a form's context, spread over all that hold it.
pub(crate) const CONTEXT_ARTICLES: usize = 16;

/// Articles each spelling must be in for its sources to say anything.
pub(crate) const MIN_ARTICLES: u64 = 20;

/// Shortest form (in letters) looked at: shorter words have many
/// neighbours one vowel away.
pub(crate) const MIN_LETTERS: usize = 4;

/// The long vowels a transliteration writes or leaves out.
const LONG_VOWELS: [char; 3] = ['ا', 'و', 'ي'];

/// Two spellings of one name, as the index's manifest keeps them.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Spelling {
    /// The two forms (normalized exact forms), the shorter (or, for two
    /// /g/ letters, the first in code point order) first.
    pub forms: [String; 2],
    /// The articles each is in.
    pub articles: [u64; 2],
    /// Cramér's V of form × source.
    pub association: f64,
    /// Cosine of the words around each form.
    #[serde(default)]
    pub similarity: f64,
    /// Each form as the archive most often writes it (`مئتي` for `مءتي`);
    /// empty in a manifest written before they were kept.
    #[serde(default)]
    pub written: [String; 2],
}

impl Spelling {
    /// Form `i` as the archive writes it, or as normalized where that is
    /// not known.
    pub fn shown(&self, i: usize) -> &str {
        match self.written[i].as_str() {
            "" => &self.forms[i],
            written => written,
        }
    }
}

/// The spellings of the manifest, by form.
#[derive(Debug, Default)]
pub(crate) struct HouseSpellings {
    /// A form's other spellings: (the form, the articles it is in, the
    /// articles the looked-up form is in, the form as written).
    by_form: HashMap<String, Vec<(String, u64, u64, String)>>,
}

impl HouseSpellings {
    /// The table of `spellings`.
    pub(crate) fn new(spellings: &[Spelling]) -> HouseSpellings {
        let mut by_form: HashMap<String, Vec<(String, u64, u64, String)>> = HashMap::new();
        for spelling in spellings {
            let [a, b] = &spelling.forms;
            let [n, m] = spelling.articles;
            let (shown_a, shown_b) = (spelling.shown(0).to_string(), spelling.shown(1).to_string());
            by_form.entry(a.clone()).or_default().push((b.clone(), m, n, shown_b));
            by_form.entry(b.clone()).or_default().push((a.clone(), n, m, shown_a));
        }
        for others in by_form.values_mut() {
            others.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        }
        HouseSpellings { by_form }
    }

    /// The most common other spelling of `word` (a normalized single word,
    /// unmarked), if it has one: (the form, its weight next to the word as
    /// typed, the form as the archive writes it). The weight makes an article with the other spelling score as
    /// one with the typed spelling would (the ratio of their inverse
    /// document frequencies, BM25's): a one-word query ranks the articles
    /// of both spellings alike whichever is typed.
    pub(crate) fn variant(&self, word: &str, articles: u64) -> Option<(String, f32, String)> {
        let (form, count, typed, written) = self.by_form.get(word)?.first()?;
        let articles = articles as f32;
        let idf = |n: u64| (1.0 + (articles - n as f32 + 0.5) / (n as f32 + 0.5)).ln();
        Some((form.clone(), idf(*typed) / idf(*count), written.clone()))
    }
}

/// Every two spellings of one name that the exact forms of `field` hold:
/// forms one long vowel apart inside the word, each in [`MIN_ARTICLES`] or
/// more articles, whose choice depends on the source ([`MIN_ASSOCIATION`]).
pub(crate) fn find(searcher: &Searcher, field: Field) -> tantivy::Result<Vec<Spelling>> {
    let Ok(source) = searcher.schema().get_field(schema::SOURCE) else { return Ok(Vec::new()) };
    let marker = EXACT_MARKER as u8;
    // A form in enough articles is in its share of them in some segment:
    // the many forms below that share in every segment are skipped, and
    // the others counted in all.
    let segments = searcher.segment_readers().len().max(1) as u64;
    let share = MIN_ARTICLES.div_ceil(segments) as u32;
    let mut counts: HashMap<String, u64> = HashMap::new();
    for reader in searcher.segment_readers() {
        let index = reader.inverted_index(field)?;
        let mut stream = index.terms().range().ge([marker]).lt([marker + 1]).into_stream()?;
        while stream.advance() {
            if stream.value().doc_freq < share {
                continue;
            }
            let Ok(key) = std::str::from_utf8(stream.key()) else { continue };
            if !counts.contains_key(&key[1..]) {
                let n = searcher.doc_freq(&Term::from_field_text(field, key))?;
                counts.insert(key[1..].to_string(), n);
            }
        }
    }
    counts.retain(|_, n| *n >= MIN_ARTICLES);
    let mut pairs = Vec::new();
    let mut letters = Vec::new();
    for form in counts.keys() {
        letters.clear();
        letters.extend(form.chars());
        if letters.len() < MIN_LETTERS {
            continue;
        }
        for longer in with_one_vowel(&letters) {
            if counts.contains_key(&longer) {
                pairs.push((form.clone(), longer));
            }
        }
        for other in with_other_g(&letters) {
            // Each pair once: from the form that sorts first.
            if counts.contains_key(&other) && *form < other {
                pairs.push((form.clone(), other));
            }
        }
    }
    pairs.sort();
    let mut sources: HashMap<String, HashMap<String, u64>> = HashMap::new();
    let mut associated = Vec::new();
    for (short, long) in pairs {
        for form in [&short, &long] {
            if !sources.contains_key(form) {
                let table = by_source(searcher, field, source, form)?;
                sources.insert(form.clone(), table);
            }
        }
        let association = cramers_v(&sources[&short], &sources[&long]);
        if association >= MIN_ASSOCIATION {
            associated.push((short, long, association));
        }
    }
    // Reading the articles for the contexts is most of the work: the forms
    // are shared among threads, each with its own analysis chain.
    let mut forms: Vec<&String> = associated.iter().flat_map(|(a, b, _)| [a, b]).collect();
    forms.sort();
    forms.dedup();
    let near: HashMap<&String, Context> = forms
        .into_par_iter()
        .map_init(
            || TextAnalyzer::from(arabic_indexing()),
            |chain, form| contexts(searcher, field, chain, form).map(|context| (form, context)),
        )
        .collect::<tantivy::Result<_>>()?;
    let mut spellings = Vec::new();
    let mut stems = TextAnalyzer::from(arabic_stemmed_all());
    for (short, long, association) in &associated {
        // The other spelling is searched by its stem: the stemmer must see
        // the two alike and keep to them (`الماءه`, for مائة, stems to
        // `ماء`, water).
        if !stems_alike(&mut stems, short, long)
            || !stem_is_the_word(searcher, field, &mut stems, short, counts[short])?
            || !stem_is_the_word(searcher, field, &mut stems, long, counts[long])?
        {
            continue;
        }
        let similarity = cosine(&near[short].words, &near[long].words);
        if similarity >= MIN_SIMILARITY {
            let articles = [counts[short], counts[long]];
            let forms = [short.clone(), long.clone()];
            let written = [short, long].map(|f| near[f].written.clone().unwrap_or_default());
            spellings.push(Spelling {
                forms,
                articles,
                association: *association,
                similarity,
                written,
            });
        }
    }
    Ok(spellings)
}

/// Whether the stems of `short` and `long` are one long vowel apart (or
/// one): the stemmer cut the same affixes from both.
fn stems_alike(stems: &mut TextAnalyzer, short: &str, long: &str) -> bool {
    let (Some(a), Some(b)) = (one_token(stems, short), one_token(stems, long)) else {
        return false;
    };
    let letters: Vec<char> = a.chars().collect();
    a == b
        || (letters.len() >= 2 && with_one_vowel(&letters).contains(&b))
        || with_other_g(&letters).contains(&b)
}

/// The letters outlets write for /g/, a sound Standard Arabic lacks: `جوجل`
/// and `غوغل` (Google), `إنستقرام` and `إنستغرام`, `كونغرس` and `كونجرس`.
const G_LETTERS: [char; 4] = ['ج', 'غ', 'ق', 'ك'];

/// The forms of `letters` with every one of one /g/ letter written as
/// another (`جوجل` → `غوغل`, `قوقل`, `كوكل`).
fn with_other_g(letters: &[char]) -> Vec<String> {
    let mut forms = Vec::new();
    for from in G_LETTERS {
        if !letters.contains(&from) {
            continue;
        }
        for to in G_LETTERS.into_iter().filter(|&to| to != from) {
            forms.push(letters.iter().map(|&c| if c == from { to } else { c }).collect());
        }
    }
    forms
}

/// How many times more articles a form's stem may be in than the form:
/// the stem of a name is the name with its clitics (`ترامب`: `وترامب`,
/// `بترامب`), a few times the name's articles; a stem that is a common word
/// (`التعريفه` stems to `تعريف`, definition) would bring its articles in.
pub(crate) const MAX_STEM_SHARE: u64 = 3;

/// Whether the stem of `form` (in `articles` articles) is in at most
/// [`MAX_STEM_SHARE`] times as many articles.
fn stem_is_the_word(
    searcher: &Searcher,
    field: Field,
    stems: &mut TextAnalyzer,
    form: &str,
    articles: u64,
) -> tantivy::Result<bool> {
    let Some(stem) = one_token(stems, form) else { return Ok(false) };
    let stem_articles = searcher.doc_freq(&Term::from_field_text(field, &stem))?;
    Ok(stem_articles <= MAX_STEM_SHARE * articles)
}

/// The forms of `letters` with one long vowel added inside the word (not
/// before its first letter or after its last, where a vowel is most often
/// grammar: `كتابي`, `ومصر`), none doubling a vowel beside it.
fn with_one_vowel(letters: &[char]) -> Vec<String> {
    let mut forms = Vec::new();
    for at in 1..letters.len() {
        for vowel in LONG_VOWELS {
            if letters[at - 1] == vowel || letters[at] == vowel {
                continue;
            }
            let mut form: String = letters[..at].iter().collect();
            form.push(vowel);
            form.extend(&letters[at..]);
            forms.push(form);
        }
    }
    forms
}

/// The live articles holding `form` (exact, unmarked) in `field`, counted
/// by their source; articles without one are left out.
fn by_source(
    searcher: &Searcher,
    field: Field,
    source: Field,
    form: &str,
) -> tantivy::Result<HashMap<String, u64>> {
    let term = Term::from_field_text(field, &format!("{EXACT_MARKER}{form}"));
    let name = searcher.schema().get_field_name(source).to_string();
    let mut counts = HashMap::new();
    let mut text = String::new();
    for reader in searcher.segment_readers() {
        let index = reader.inverted_index(field)?;
        let Some(mut postings) = index.read_postings(&term, IndexRecordOption::Basic)? else {
            continue;
        };
        let Some(column) = reader.fast_fields().str(&name)? else { continue };
        let mut per_ord = vec![0u64; column.num_terms()];
        let alive = reader.alive_bitset();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|set| set.is_alive(doc)) {
                if let Some(n) =
                    column.ords().first(doc).and_then(|ord| per_ord.get_mut(ord as usize))
                {
                    *n += 1;
                }
            }
            doc = postings.advance();
        }
        for (ord, n) in per_ord.into_iter().enumerate().filter(|&(_, n)| n > 0) {
            if column.ord_to_str(ord as u64, &mut text)? {
                *counts.entry(text.clone()).or_default() += n;
            }
        }
    }
    Ok(counts)
}

/// What a sample of the articles holding a form says of it.
struct Context {
    /// The stems within [`CONTEXT_WORDS`] of each occurrence, with their
    /// counts.
    words: HashMap<String, u32>,
    /// The form as these articles most often write it.
    written: Option<String>,
}

/// The [`Context`] of `form` (exact, unmarked) in a sample of the articles
/// holding it, read from the stored `field`.
fn contexts(
    searcher: &Searcher,
    field: Field,
    chain: &mut TextAnalyzer,
    form: &str,
) -> tantivy::Result<Context> {
    let marked = format!("{EXACT_MARKER}{form}");
    let term = Term::from_field_text(field, &marked);
    // The sample is the articles of least content hash: the same whatever
    // order the indexing threads gave the articles, so the same archive
    // gives the same pairs (a sample by position did not: pairs near the
    // threshold came and went between two indexes of one archive).
    let mut sample: Vec<(u64, DocAddress)> = Vec::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let index = reader.inverted_index(field)?;
        let Some(mut postings) = index.read_postings(&term, IndexRecordOption::Basic)? else {
            continue;
        };
        let hashes = reader.fast_fields().u64(schema::CONTENT_HASH).ok();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if reader.alive_bitset().is_none_or(|set| set.is_alive(doc)) {
                let hash = hashes.as_ref().and_then(|h| h.first(doc)).unwrap_or(u64::from(doc));
                sample.push((hash, DocAddress::new(ord as u32, doc)));
            }
            doc = postings.advance();
        }
    }
    if sample.len() > CONTEXT_ARTICLES {
        sample.select_nth_unstable(CONTEXT_ARTICLES);
        sample.truncate(CONTEXT_ARTICLES);
    }
    sample.sort_unstable();
    let addresses = sample.into_iter().map(|(_, address)| address);
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut spellings: HashMap<String, u32> = HashMap::new();
    let mut tokens: Vec<(u32, String)> = Vec::new();
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address)?;
        let Some(text) = doc.get_first(field).and_then(|v| v.as_str()) else { continue };
        tokens.clear();
        let mut stream = chain.token_stream(text);
        while let Some(token) = stream.next() {
            if token.text == marked {
                written::add_spelling(&text[token.offset_from..token.offset_to], &mut spellings);
            }
            tokens.push((token.position as u32, token.text.clone()));
        }
        for (at, _) in tokens.iter().filter(|(_, t)| *t == marked) {
            let near = |p: &u32| p.abs_diff(*at) <= CONTEXT_WORDS && p != at;
            for (_, stem) in tokens.iter().filter(|(p, t)| near(p) && !t.starts_with(EXACT_MARKER))
            {
                match counts.get_mut(stem) {
                    Some(n) => *n += 1,
                    None => {
                        counts.insert(stem.clone(), 1);
                    }
                }
            }
        }
    }
    Ok(Context { words: counts, written: written::most_frequent(spellings) })
}

/// The cosine of two count vectors.
fn cosine(a: &HashMap<String, u32>, b: &HashMap<String, u32>) -> f64 {
    let norm =
        |v: &HashMap<String, u32>| v.values().map(|&n| f64::from(n).powi(2)).sum::<f64>().sqrt();
    let dot: f64 =
        a.iter().filter_map(|(k, &x)| b.get(k).map(|&y| f64::from(x) * f64::from(y))).sum();
    let norms = norm(a) * norm(b);
    if norms == 0.0 {
        0.0
    } else {
        dot / norms
    }
}

/// Cramér's V of the table of two rows (`a`, `b`: counts by column).
fn cramers_v(a: &HashMap<String, u64>, b: &HashMap<String, u64>) -> f64 {
    let total_a: u64 = a.values().sum();
    let total_b: u64 = b.values().sum();
    let n = (total_a + total_b) as f64;
    if total_a == 0 || total_b == 0 {
        return 0.0;
    }
    let mut chi2 = 0.0;
    let columns = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
    for column in columns {
        let x = a.get(column).copied().unwrap_or(0) as f64;
        let y = b.get(column).copied().unwrap_or(0) as f64;
        let t = x + y;
        for (observed, row) in [(x, total_a as f64), (y, total_b as f64)] {
            let expected = t * row / n;
            chi2 += (observed - expected).powi(2) / expected;
        }
    }
    (chi2 / n).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pairs: &[(&str, u64)]) -> HashMap<String, u64> {
        pairs.iter().map(|&(k, n)| (k.to_string(), n)).collect()
    }

    #[test]
    fn vowels_are_added_inside_the_word_only() {
        let letters: Vec<char> = "ترمب".chars().collect();
        let forms = with_one_vowel(&letters);
        assert!(forms.contains(&"ترامب".to_string()));
        assert!(forms.contains(&"ترميب".to_string()));
        assert!(!forms.iter().any(|f| f.starts_with('ا') || f.ends_with('ي')));
        assert_eq!(forms.len(), 9);
    }

    #[test]
    fn a_g_is_written_with_each_other_letter_for_it() {
        let letters: Vec<char> = "جوجل".chars().collect();
        let forms = with_other_g(&letters);
        assert_eq!(forms, ["غوغل", "قوقل", "كوكل"]);
        let letters: Vec<char> = "انستقرام".chars().collect();
        assert!(with_other_g(&letters).contains(&"انستغرام".to_string()));
        assert!(with_other_g(&"ترمب".chars().collect::<Vec<_>>()).is_empty());
    }

    #[test]
    fn an_occurrence_of_either_spelling_scores_as_the_typed_one() {
        let spelling = Spelling {
            forms: ["ترمب".into(), "ترامب".into()],
            articles: [500, 4000],
            association: 0.95,
            similarity: 0.6,
            written: ["ترمب".into(), String::new()],
        };
        let table = HouseSpellings::new(&[spelling]);
        let idf = |n: f32| (1.0 + (70_000.0 - n + 0.5) / (n + 0.5)).ln();
        // The commoner spelling weighs more (its idf is lower), the rarer
        // less: weight × idf is the typed spelling's idf either way.
        let (form, weight, written) = table.variant("ترمب", 70_000).unwrap();
        // Not known as written: shown as normalized.
        assert_eq!(written, "ترامب");
        assert_eq!(form, "ترامب");
        assert!((weight * idf(4000.0) - idf(500.0)).abs() < 1e-4, "{weight}");
        let (form, weight, written) = table.variant("ترامب", 70_000).unwrap();
        assert_eq!(written, "ترمب");
        assert_eq!(form, "ترمب");
        assert!((weight * idf(500.0) - idf(4000.0)).abs() < 1e-4, "{weight}");
        assert!(table.variant("كتاب", 70_000).is_none());
    }

    #[test]
    fn spellings_kept_by_outlet_associate_fully() {
        let a = table(&[("x", 50), ("y", 0)]);
        let b = table(&[("y", 70)]);
        assert!((cramers_v(&a, &b) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn spellings_every_outlet_writes_do_not_associate() {
        let a = table(&[("x", 40), ("y", 20)]);
        let b = table(&[("x", 20), ("y", 10)]);
        assert!(cramers_v(&a, &b) < 1e-9);
    }
}
