//! Prints each word read from standard input (one a line, normalized as
//! the chains normalize it) with its stem by the rules alone and its stem
//! as the stemmer gives it, separated by tabs:
//!
//! ```sh
//! printf 'وزارة\nبشكل\n' | cargo run -q -p fahras-analyzers --example stems
//! ```
//!
//! `gen_clitics.py` reads it to list the words whose proclitics the rules
//! decide wrongly.

use std::io::{self, BufRead, BufWriter, Write};

use fahras_analyzers::chains::arabic_exact;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

fn main() -> io::Result<()> {
    let mut normalize = TextAnalyzer::from(arabic_exact());
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lines() {
        let line = line?;
        let mut stream = normalize.token_stream(&line);
        let Some(token) = stream.next() else {
            writeln!(out, "{line}\t\t\t")?;
            continue;
        };
        let normalized = token.text.clone();
        let (mut by_rules, mut stemmed) = (normalized.clone(), normalized.clone());
        fahras_analyzers::stem_by_rules_in_place(&mut by_rules);
        fahras_analyzers::stem_in_place(&mut stemmed);
        writeln!(out, "{line}\t{normalized}\t{by_rules}\t{stemmed}")?;
    }
    out.flush()
}
