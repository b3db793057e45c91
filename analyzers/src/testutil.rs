//! Test helpers: run a chain, compare tokens, print code points on failure.

use tantivy_tokenizer_api::{Token, TokenStream, Tokenizer};

/// Runs `tokenizer` over `text` and collects its tokens.
pub(crate) fn analyze<T: Tokenizer>(mut tokenizer: T, text: &str) -> Vec<Token> {
    let mut stream = tokenizer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push(token.clone());
    }
    tokens
}

/// Asserts a token's position, text and byte offsets.
pub(crate) fn assert_token(token: &Token, position: usize, text: &str, from: usize, to: usize) {
    assert_eq!(token.position, position, "position of {token:?}");
    assert_eq!(token.text, text, "text of {token:?}\n{}", diff(text, &token.text));
    assert_eq!(token.offset_from, from, "offset_from of {token:?}");
    assert_eq!(token.offset_to, to, "offset_to of {token:?}");
}

/// Returns `s` as a list of `U+XXXX` code points.
pub(crate) fn code_points(s: &str) -> String {
    s.chars().map(|c| format!("U+{:04X}", c as u32)).collect::<Vec<_>>().join(" ")
}

fn diff(expected: &str, got: &str) -> String {
    format!(
        "expected: {expected}\n          {}\n     got: {got}\n          {}",
        code_points(expected),
        code_points(got)
    )
}

/// Checks a table of `(input, expected)`: the chain's terms for `input`,
/// joined by spaces, must equal `expected`. All failures are reported at once.
pub(crate) fn assert_folds<T: Tokenizer>(tokenizer: T, table: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for &(input, expected) in table {
        let got: Vec<String> =
            analyze(tokenizer.clone(), input).into_iter().map(|t| t.text).collect();
        let got = got.join(" ");
        if got != expected {
            failures.push(format!(
                "input: {input}  ({})\n{}",
                code_points(input),
                diff(expected, &got)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n\n{}",
        failures.len(),
        table.len(),
        failures.join("\n\n")
    );
}
