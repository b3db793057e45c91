//! `fahras show`: one whole article.

use std::io::{self, Write};

use clap::Args;

use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::ingest::date::format_day;
use fahras::json::ArticleLine;
use fahras::json::Json;
use fahras::searcher::Engine;

/// Print one whole article by id (exit 1 if there is none).
#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The article's id.
    pub id: String,
    /// Print it as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Runs `fahras show`.
pub fn run(args: ShowArgs) -> Result<Outcome> {
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
    let mut out = out;
    writeln!(out, "{}", record.title).map_err(io_err)?;
    let mut meta = vec![format!("id {}", record.id)];
    meta.extend(record.date.map(format_day));
    meta.extend(record.source.clone());
    meta.extend(record.category.clone());
    writeln!(out, "{}", meta.join(" · ")).map_err(io_err)?;
    if let Some(url) = &record.url {
        writeln!(out, "{url}").map_err(io_err)?;
    }
    writeln!(out, "\n{}", record.body).map_err(io_err)?;
    Ok(Outcome::Success)
}
