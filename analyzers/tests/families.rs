//! Spelling families that must index to one term, through the whole chain,
//! and properties that must hold for any input.

use fahras_analyzers::chains::{
    arabic_exact, arabic_exact_filters, arabic_indexing, arabic_stemmed, arabic_stemmed_all,
    arabic_stemmed_filters,
};
use fahras_analyzers::{stem_in_place, ArabicStopWords, LightStemmer, EXACT_MARKER};
use proptest::prelude::*;
use tantivy_tokenizer_api::{Token, TokenFilter, TokenStream, Tokenizer};

fn analyze<T: Tokenizer>(mut tokenizer: T, text: &str) -> Vec<Token> {
    let mut stream = tokenizer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push(token.clone());
    }
    tokens
}

fn terms<T: Tokenizer>(tokenizer: T, text: &str) -> Vec<String> {
    analyze(tokenizer, text).into_iter().map(|t| t.text).collect()
}

/// Term, position and offsets of each token.
fn keys(tokens: Vec<Token>) -> Vec<(String, usize, usize, usize)> {
    tokens.into_iter().map(|t| (t.text, t.position, t.offset_from, t.offset_to)).collect()
}

/// Returns true if and only if `word` (normalized) is dropped by
/// [`ArabicStopWords`].
fn is_stop_word(word: &str) -> bool {
    terms(ArabicStopWords.transform(arabic_exact()), word).is_empty()
}

fn code_points(s: &str) -> String {
    s.chars().map(|c| format!("U+{:04X}", c as u32)).collect::<Vec<_>>().join(" ")
}

/// Each family's members must give the same single stemmed term.
#[test]
fn families_meet_in_one_term() {
    let families: &[&[&str]] = &[
        &["أحمد", "احمد", "أَحْمَد"],
        &["مدرسة", "مدرسه"],
        &["مستشفى", "مستشفي"],
        &["كتـــاب", "كتاب", "ﻛﺘﺎﺏ", "کتاب"],
        &["٢٠٢٤", "2024", "۲۰۲۴"],
        &["والكتاب", "بالكتاب", "للكتاب", "الكتاب", "كتاب"],
        &["المعلمون", "المعلمين", "المعلمات", "معلم"],
        &["كتابهم", "كتابها", "كتاب"],
        &["مسؤول", "مسئول", "مسو\u{0654}ول"],
        &["رئيس", "رءيس"],
        &["الدوحة", "الدوحه", "الدوحـــة", "الدَّوْحَة"],
        &["فلسطين", "الفلسطينية", "فلسطيني"],
    ];
    let mut failures = Vec::new();
    for family in families {
        let first = terms(arabic_stemmed(), family[0]);
        if first.len() != 1 {
            failures.push(format!("{} gives {first:?}", family[0]));
            continue;
        }
        for word in &family[1..] {
            let got = terms(arabic_stemmed(), word);
            if got != first {
                failures.push(format!(
                    "{word} ({}) gives {got:?}, but {} gives {first:?} ({})",
                    code_points(word),
                    family[0],
                    code_points(&first[0])
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn mixed_latin_and_arabic_sentence() {
    let got = terms(arabic_exact(), "أعلن إبراهيم أن COVID-19 انتهى عام ٢٠٢٤");
    assert_eq!(got, ["اعلن", "ابراهيم", "ان", "covid", "19", "انتهي", "عام", "2024"]);
}

/// Golden stems: `data/stems.tsv` holds `word<TAB>stem` lines.
#[test]
fn golden_stems() {
    let table = include_str!("data/stems.tsv");
    let mut failures = Vec::new();
    for (n, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (word, expected) = line.split_once('\t').expect("word<TAB>stem");
        let got = terms(arabic_stemmed_all(), word).join(" ");
        if got != expected {
            failures.push(format!(
                "data/stems.tsv:{}: {word}: expected {expected} ({}), got {got} ({})",
                n + 1,
                code_points(expected),
                code_points(&got)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The chains remember recent stems once they have seen a few hundred
/// words; over a whole corpus (most words seen many times) they must give
/// what the rules give word by word.
#[test]
fn remembered_stems_are_the_rules_stems_over_a_corpus() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/sample/fahras-sample.jsonl");
    // Three times over: the second and third pass are answered from memory.
    let text = std::fs::read_to_string(path).expect("the bundled sample").repeat(3);
    let by_rules = |words: Vec<String>| -> Vec<String> {
        words
            .into_iter()
            .map(|mut w| {
                stem_in_place(&mut w);
                w
            })
            .collect()
    };
    let exact = terms(arabic_exact(), &text);
    assert!(exact.len() > 5000, "{} words", exact.len());
    assert_eq!(terms(arabic_stemmed_all(), &text), by_rules(exact.clone()));
    assert_eq!(
        keys(analyze(arabic_stemmed(), &text)),
        keys(analyze(arabic_stemmed_filters(), &text))
    );
    // The index chain: each `=exact` term, then its stem unless a stop word.
    let indexed = analyze(arabic_indexing(), &text);
    let mut expected = Vec::new();
    for token in analyze(arabic_stemmed_all(), &text).iter().zip(&exact) {
        let (stem, word) = token;
        expected.push(format!("{EXACT_MARKER}{word}"));
        if !is_stop_word(word) {
            expected.push(stem.text.clone());
        }
    }
    assert_eq!(indexed.into_iter().map(|t| t.text).collect::<Vec<_>>(), expected);
}

fn arabic_mix() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "ا", "أ", "إ", "آ", "ب", "ت", "ة", "ث", "ج", "ه", "و", "ؤ", "ي", "ى", "ئ", "ء", "ل", "م",
        "ن", "ال", "وال", "ات", "ون", "ين", "هم", "ها", "\u{064E}", "\u{064B}", "\u{0651}",
        "\u{0652}", "\u{0670}", "\u{0640}", "\u{0654}", "\u{0653}", "\u{0655}", "\u{200C}",
        "\u{200F}", "\u{061C}", "\u{06DA}", "ﻛ", "ﺘ", "ﻻ", "\u{FE70}", "\u{FC5E}", "ک", "ی", "٢",
        "۴", "7", "A", "z", "É", " ", "\u{00A0}", "،", "؟", "«", "”", "-", ".", "\u{FEFF}",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn offsets_are_valid_and_tokens_non_empty(text in arabic_mix()) {
        for chain_tokens in [
            analyze(arabic_stemmed(), &text),
            analyze(arabic_exact(), &text),
            analyze(arabic_indexing(), &text),
        ] {
            let mut last_position = None;
            for t in chain_tokens {
                prop_assert!(!t.text.is_empty());
                prop_assert!(t.offset_from < t.offset_to && t.offset_to <= text.len());
                prop_assert!(text.is_char_boundary(t.offset_from));
                prop_assert!(text.is_char_boundary(t.offset_to));
                if let Some(p) = last_position { prop_assert!(t.position >= p); }
                last_position = Some(t.position);
            }
        }
    }

    #[test]
    fn normalization_is_idempotent(text in arabic_mix()) {
        for term in terms(arabic_exact(), &text) {
            prop_assert_eq!(terms(arabic_exact(), &term), vec![term.clone()]);
        }
    }

    #[test]
    fn stemming_a_stem_is_stable(text in arabic_mix()) {
        for term in terms(arabic_stemmed_all(), &text) {
            prop_assert!(term.chars().count() >= 2 || terms(arabic_exact(), &term) == vec![term.clone()]);
            prop_assert_eq!(terms(arabic_stemmed_all(), &term), vec![term.clone()]);
        }
    }

    #[test]
    fn one_pass_normalization_equals_the_filters(text in arabic_mix()) {
        let key = |t: Token| (t.text, t.position, t.offset_from, t.offset_to);
        let fused: Vec<_> = analyze(arabic_exact(), &text).into_iter().map(key).collect();
        let filters: Vec<_> = analyze(arabic_exact_filters(), &text).into_iter().map(key).collect();
        prop_assert_eq!(fused, filters);
    }

    #[test]
    fn one_pass_stop_words_and_stems_equal_the_filters(text in arabic_mix()) {
        prop_assert_eq!(
            keys(analyze(arabic_stemmed(), &text)),
            keys(analyze(arabic_stemmed_filters(), &text))
        );
        let all_filters = LightStemmer::new().transform(arabic_exact());
        prop_assert_eq!(keys(analyze(arabic_stemmed_all(), &text)), keys(analyze(all_filters, &text)));
    }

    #[test]
    fn any_string_never_panics(text in any::<String>()) {
        let _ = analyze(arabic_indexing(), &text);
        let _ = analyze(arabic_stemmed(), &text);
    }
}
