//! `fahras analyze`: show the tokens a text becomes.

use std::io::{self, Write};

use clap::Args;

use super::Outcome;
use fahras::analysis::{analyze, NamedChain};
use fahras::error::{Error, Result};

/// Show how a text is analyzed: each term with its position, byte offsets
/// and the original slice. Use it to see why a word matched or did not.
#[derive(Debug, Args)]
pub(crate) struct AnalyzeArgs {
    /// The chain: stemmed (search default), exact, snowball, or index (both
    /// term families as indexed).
    #[arg(long, short = 'a', value_parser = super::choice::parser::<NamedChain>(), default_value = "stemmed")]
    pub analyzer: NamedChain,
    /// Print a JSON array of {term, position, from, to, original}.
    #[arg(long)]
    pub json: bool,
    /// The text (read from standard input when absent).
    pub text: Vec<String>,
}

/// Runs `fahras analyze`.
pub(crate) fn run(args: AnalyzeArgs) -> Result<Outcome> {
    let text = if args.text.is_empty() {
        io::read_to_string(io::stdin()).map_err(|e| Error::io("<stdin>", e))?
    } else {
        args.text.join(" ")
    };
    let tokens = analyze(args.analyzer, &text);
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
