//! Spelling families that must index to one term, through the whole chain,
//! and properties that must hold for any input.

use fahras_analyzers::chains::{
    arabic_exact, arabic_exact_filters, arabic_exact_marked, arabic_indexing, arabic_stemmed,
    arabic_stemmed_all, arabic_stemmed_filters,
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

/// Pieces that stress the invariants rather than the Arabic rules: marks of
/// every kind inside words (combining, Arabic, enclosing), bidi and zero-width
/// format characters, controls (NUL among them), presentation forms that
/// decompose to several words (`ﷺ`, `﷽`), case mappings that change length
/// (`İ`), letters and digits of other scripts and planes (`𞸀` is an
/// Arabic mathematical letter), a noncharacter.
fn hostile_mix() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "ا", "ك", "ت", "ب", "و", "ي", "ه", "ة", "أ", "ؤ", "ال", "هم", "\u{0301}", "\u{0308}",
        "\u{20DD}", "\u{064E}", "\u{0651}", "\u{0654}", "\u{0670}", "\u{06E1}", "\u{08F0}",
        "\u{200E}", "\u{200F}", "\u{061C}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202E}",
        "\u{2066}", "\u{2067}", "\u{2069}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}",
        "\u{FEFF}", "\0", "\t", "\n", "\r", "\u{7F}", "\u{85}", "\u{1B}", "\u{0600}", "\u{0605}",
        "\u{06DD}", "\u{08E2}", "\u{0610}", "\u{06D6}", "\u{0640}", "ﷲ", "\u{FDFA}", "\u{FDFD}",
        "ﻵ", "\u{FE70}", "\u{FE7F}", "\u{FC5E}", "\u{FDFC}", "İ", "ẞ", "Σ", "ǅ", "Ⅻ", "१", "٫",
        "𞸀", "😀", "\u{E000}", "\u{FFFD}", "\u{FFFF}", " ", "\u{00A0}", "\u{2029}", "\u{3000}",
        "7", "٢", "۴", "a", "Z", "=",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// Any code points, controls and NUL included (`any::<String>()` is
/// `"\\PC*"`, which has no controls).
fn any_chars() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..48).prop_map(String::from_iter)
}

/// Checks what every chain promises of its tokens over `text`: a non-empty
/// term without spaces; offsets on char boundaries around a non-empty slice
/// of the text; positions that grow from word to word, words in text order
/// and not overlapping; tokens at one position (the two families of
/// `arabic_indexing`) on one word.
fn check_tokens(text: &str) -> Result<(), TestCaseError> {
    let chains = [
        ("arabic_stemmed", analyze(arabic_stemmed(), text)),
        ("arabic_stemmed_all", analyze(arabic_stemmed_all(), text)),
        ("arabic_exact", analyze(arabic_exact(), text)),
        ("arabic_exact_filters", analyze(arabic_exact_filters(), text)),
        ("arabic_indexing", analyze(arabic_indexing(), text)),
        ("arabic_exact_marked", analyze(arabic_exact_marked(), text)),
    ];
    for (chain, tokens) in chains {
        let mut last: Option<&Token> = None;
        for t in &tokens {
            prop_assert!(!t.text.is_empty(), "{chain}: empty term {t:?}");
            prop_assert!(!t.text.contains(char::is_whitespace), "{chain}: space in {t:?}");
            prop_assert!(
                t.offset_from < t.offset_to && t.offset_to <= text.len(),
                "{chain}: offsets of {t:?} in {} bytes",
                text.len()
            );
            prop_assert!(
                text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to),
                "{chain}: offsets of {t:?} inside a char"
            );
            if let Some(prev) = last {
                if t.position == prev.position {
                    prop_assert_eq!(
                        (t.offset_from, t.offset_to),
                        (prev.offset_from, prev.offset_to),
                        "{}: two words at one position",
                        chain
                    );
                } else {
                    prop_assert!(t.position > prev.position, "{chain}: {t:?} after {prev:?}");
                    prop_assert!(t.offset_from >= prev.offset_to, "{chain}: {t:?} after {prev:?}");
                }
            }
            last = Some(t);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn tokens_are_valid_on_arabic_text(text in arabic_mix()) {
        check_tokens(&text)?;
    }

    #[test]
    fn tokens_are_valid_on_hostile_text(text in hostile_mix()) {
        check_tokens(&text)?;
    }

    #[test]
    fn tokens_are_valid_on_any_printable_string(text in any::<String>()) {
        check_tokens(&text)?;
    }

    #[test]
    fn tokens_are_valid_on_any_chars(text in any_chars()) {
        check_tokens(&text)?;
    }

    #[test]
    fn normalization_is_idempotent(text in arabic_mix()) {
        for term in terms(arabic_exact(), &text) {
            prop_assert_eq!(terms(arabic_exact(), &term), vec![term.clone()]);
        }
    }

    /// Stemming only removes letters, and a word it shortens keeps at
    /// least two: each stem is checked against its word's exact form.
    #[test]
    fn stems_keep_at_least_two_letters(text in arabic_mix()) {
        let words = analyze(arabic_exact(), &text);
        let stems = analyze(arabic_stemmed_all(), &text);
        prop_assert_eq!(stems.len(), words.len());
        for (stem, word) in stems.iter().zip(&words) {
            prop_assert_eq!(stem.position, word.position);
            let (stem_letters, word_letters) = (stem.text.chars().count(), word.text.chars().count());
            prop_assert!(stem_letters <= word_letters, "{} → {}", word.text, stem.text);
            if stem.text != word.text {
                prop_assert!(stem_letters >= 2, "{} → {}", word.text, stem.text);
            }
        }
    }

    #[test]
    fn stemming_a_stem_is_stable(text in arabic_mix()) {
        for term in terms(arabic_stemmed_all(), &text) {
            prop_assert_eq!(terms(arabic_stemmed_all(), &term), vec![term.clone()]);
        }
    }

    #[test]
    fn one_pass_normalization_equals_the_filters(text in prop_oneof![arabic_mix(), hostile_mix()]) {
        prop_assert_eq!(
            keys(analyze(arabic_exact(), &text)),
            keys(analyze(arabic_exact_filters(), &text))
        );
    }

    #[test]
    fn one_pass_stop_words_and_stems_equal_the_filters(
        text in prop_oneof![arabic_mix(), hostile_mix()]
    ) {
        prop_assert_eq!(
            keys(analyze(arabic_stemmed(), &text)),
            keys(analyze(arabic_stemmed_filters(), &text))
        );
        let all_filters = LightStemmer::new().transform(arabic_exact());
        prop_assert_eq!(keys(analyze(arabic_stemmed_all(), &text)), keys(analyze(all_filters, &text)));
    }
}
