//! `fahras analyze`: show the tokens a text becomes.

use std::io::{self, Write};

use clap::Args;
use serde::Serialize;

use super::Outcome;
use crate::analysis::{named, NamedChain};
use crate::error::{Error, Result};

/// Show how a text is analyzed: each term with its position, byte offsets
/// and the original slice. Use it to see why a word matched or did not.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The chain: stemmed (search default), exact, snowball, or index (both
    /// term families as indexed).
    #[arg(long, short = 'a', value_enum, default_value_t = NamedChain::Stemmed)]
    pub analyzer: NamedChain,
    /// Print a JSON array of {term, position, from, to, original}.
    #[arg(long)]
    pub json: bool,
    /// The text (read from standard input when absent).
    pub text: Vec<String>,
}

/// One token, as printed.
#[derive(Debug, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct TokenLine {
    /// The indexed term.
    pub term: String,
    /// Word position.
    pub position: usize,
    /// Byte offset of the start in the text.
    pub from: usize,
    /// Byte offset of the end in the text.
    pub to: usize,
    /// The text's slice `[from, to)`, as written.
    pub original: String,
}

/// Analyzes `text` with `chain`.
pub fn tokens(chain: NamedChain, text: &str) -> Vec<TokenLine> {
    let mut analyzer = named(chain);
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(TokenLine {
            term: t.text.clone(),
            position: t.position,
            from: t.offset_from,
            to: t.offset_to,
            original: text[t.offset_from..t.offset_to].to_string(),
        });
    }
    out
}

/// Runs `fahras analyze`.
pub fn run(args: AnalyzeArgs) -> Result<Outcome> {
    let text = if args.text.is_empty() {
        io::read_to_string(io::stdin()).map_err(|e| Error::io("<stdin>", e))?
    } else {
        args.text.join(" ")
    };
    let tokens = tokens(args.analyzer, &text);
    let mut out = io::stdout().lock();
    let io_err = |e| Error::io("<stdout>", e);
    if args.json {
        serde_json::to_writer(&mut out, &tokens).map_err(|e| Error::io("<stdout>", e.into()))?;
        writeln!(out).map_err(io_err)?;
    } else {
        for t in &tokens {
            writeln!(
                out,
                "{:>4}  {:<20} {:>6}..{:<6} {}",
                t.position, t.term, t.from, t.to, t.original
            )
            .map_err(io_err)?;
        }
    }
    Ok(Outcome::Success)
}
