//! `fahras dups`: the stories with copies, largest first.

use std::io::{self, Write};

use clap::Args;

use super::printer::escape::visible_line;
use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::searcher::Engine;

/// List the stories that have copies: size, sources, first and last date,
/// a title, and the ids of the copies.
#[derive(Debug, Args)]
pub(crate) struct DupsArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// Only stories of at least this many articles (1: every story, those
    /// without copies too).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_size: u64,
    /// Print at most this many stories (0: all).
    #[arg(long, short = 'n', value_name = "N", default_value_t = 0)]
    pub limit: usize,
    /// One JSON object a story.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV: story, size, first_date, last_date, sources, title, ids.
    #[arg(long)]
    pub csv: bool,
}

/// Runs `fahras dups`.
pub(crate) fn run(args: DupsArgs) -> Result<Outcome> {
    let engine = Engine::open(&args.dir.index)?;
    if !engine.groups_stories() {
        return Err(Error::Invalid(format!(
            "{}: this index was built before stories were grouped; run `fahras reindex --index {}`",
            args.dir.index.display(),
            args.dir.index.display()
        )));
    }
    let mut stories = fahras::research::dups::stories(&engine, args.min_size as usize)?;
    if args.limit > 0 {
        stories.truncate(args.limit);
    }
    let mut out = io::stdout().lock();
    let io_err = |e| Error::io("<stdout>", e);
    let sources = |list: &[(String, usize)]| -> String {
        list.iter().map(|(s, n)| format!("{s} {n}")).collect::<Vec<_>>().join(", ")
    };
    if args.csv {
        let mut csv = csv::Writer::from_writer(&mut out);
        let csv_err = |e: csv::Error| Error::io("<stdout>", io::Error::other(e));
        csv.write_record(["story", "size", "first_date", "last_date", "sources", "title", "ids"])
            .map_err(csv_err)?;
        for s in &stories {
            csv.write_record([
                s.story.as_str(),
                &s.size.to_string(),
                s.first_date.as_deref().unwrap_or(""),
                s.last_date.as_deref().unwrap_or(""),
                &sources(&s.sources),
                &s.title,
                &s.ids.join(" "),
            ])
            .map_err(csv_err)?;
        }
        csv.flush().map_err(io_err)?;
    } else if args.json {
        for s in &stories {
            let line = serde_json::to_string(s).map_err(|e| Error::Invalid(e.to_string()))?;
            writeln!(out, "{line}").map_err(io_err)?;
        }
    } else {
        for s in &stories {
            let dates = match (&s.first_date, &s.last_date) {
                (Some(a), Some(b)) if a == b => a.clone(),
                (Some(a), Some(b)) => format!("{a} .. {b}"),
                _ => "no date".into(),
            };
            let noun = if s.size == 1 { "article" } else { "articles" };
            // Archive text: controls shown as escapes, never sent.
            let sources = sources(&s.sources);
            writeln!(out, "{} {noun} · {dates} · {}", s.size, visible_line(&sources))
                .map_err(io_err)?;
            writeln!(out, "  {}", visible_line(&s.title)).map_err(io_err)?;
            writeln!(out, "  {}", visible_line(&s.ids.join(" "))).map_err(io_err)?;
        }
        let counts = fahras::research::dups::copy_counts(&engine)?;
        let plural =
            |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        eprintln!(
            "fahras: {} shown; {} of {} have copies; {} of {} are copies",
            plural(stories.len() as u64, "story", "stories"),
            plural(counts.stories_with_copies, "story", "stories"),
            counts.stories,
            plural(counts.copies, "article", "articles"),
            counts.articles
        );
    }
    Ok(if stories.is_empty() { Outcome::Partial } else { Outcome::Success })
}
