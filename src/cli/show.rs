//! `fahras show`: one whole article.

use std::io::{self, IsTerminal};

use clap::Args;

use super::printer::bidi::{self, BidiChoice};
use super::printer::{Markup, Standard};
use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::json::ArticleLine;
use fahras::json::Json;
use fahras::searcher::Engine;

/// Print one whole article by id (exit 1 if there is none).
#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The article's id.
    pub id: String,
    /// Print it as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Right-to-left text, as for `search`: auto, logical, visual.
    #[arg(long, value_enum, value_name = "HOW", default_value_t = BidiChoice::Auto, env = "FAHRAS_BIDI")]
    pub bidi: BidiChoice,
}

/// Runs `fahras show`.
pub(crate) fn run(args: ShowArgs) -> Result<Outcome> {
    let engine = Engine::open(&args.dir.index)?;
    let Some(record) = engine.get(&args.id)? else {
        say!("fahras: no article with id \"{}\"", args.id);
        return Ok(Outcome::Partial);
    };
    let out = io::stdout().lock();
    let io_err = |e| Error::io("<stdout>", e);
    if args.json {
        Json::new(out).line(&ArticleLine::of(&record)).map_err(io_err)?;
        return Ok(Outcome::Success);
    }
    // On a terminal, laid out as search results are: paragraphs fit its
    // width, in the order the terminal needs; in a pipe, as stored.
    let terminal = io::stdout().is_terminal();
    let layout = bidi::resolve(args.bidi, terminal, |k| std::env::var(k).ok());
    let width = terminal.then(super::search::terminal_width);
    let mut page = Standard::new(out, Markup::Markers(String::new(), String::new()), width, layout);
    page.paragraph(&record.title, false).map_err(io_err)?;
    let mut meta = vec![format!("id {}", record.id)];
    meta.extend(record.date.map(|d| d.day()));
    meta.extend(record.source.clone());
    meta.extend(record.category.clone());
    page.paragraph(&meta.join(" · "), false).map_err(io_err)?;
    if let Some(url) = &record.url {
        page.paragraph(url, false).map_err(io_err)?;
    }
    page.paragraph("", false).map_err(io_err)?;
    for line in record.body.lines() {
        page.paragraph(line, false).map_err(io_err)?;
    }
    Ok(Outcome::Success)
}
