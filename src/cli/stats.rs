//! `fahras stats`: what an index holds.

use std::io::{self, Write};

use clap::Args;

use super::printer::escape::visible_line;
use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::searcher::Engine;

/// Describe an index: articles, size, segments, date range, counts by source
/// and category, analyzer settings, ingest history.
#[derive(Debug, Args)]
pub(crate) struct StatsArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Runs `fahras stats`.
pub(crate) fn run(args: StatsArgs) -> Result<Outcome> {
    let engine = Engine::open(&args.dir.index)?;
    let stats = fahras::research::stats(&engine)?;
    let mut out = io::stdout().lock();
    let io_err = |e| Error::io("<stdout>", e);
    if args.json {
        writeln!(out, "{stats}").map_err(io_err)?;
        return Ok(Outcome::Success);
    }
    let m = &stats["manifest"];
    let index = visible_line(stats["index"].as_str().unwrap_or(""));
    writeln!(out, "index       {index}").map_err(io_err)?;
    writeln!(out, "articles    {}", stats["articles"]).map_err(io_err)?;
    writeln!(out, "size        {:.1} MB", stats["size_bytes"].as_f64().unwrap_or(0.0) / 1e6)
        .map_err(io_err)?;
    writeln!(out, "segments    {}", stats["segments"]).map_err(io_err)?;
    writeln!(
        out,
        "dates       {} .. {}",
        stats["first_date"].as_str().unwrap_or("-"),
        stats["last_date"].as_str().unwrap_or("-")
    )
    .map_err(io_err)?;
    writeln!(
        out,
        "analyzer    {} v{} (format {})",
        m["analyzer"].as_str().unwrap_or("?"),
        m["analyzer_version"],
        m["format_version"]
    )
    .map_err(io_err)?;
    let st = &stats["stories"];
    if st.is_object() {
        let (articles, copies) =
            (st["articles"].as_u64().unwrap_or(0), st["copies"].as_u64().unwrap_or(0));
        let share = if articles > 0 { 100.0 * copies as f64 / articles as f64 } else { 0.0 };
        writeln!(
            out,
            "copies      {copies} articles ({share:.1}%) repeat another: {} stories have copies, \
             {} stories in all (fahras dups lists them)",
            st["stories_with_copies"], st["stories"]
        )
        .map_err(io_err)?;
    } else {
        writeln!(out, "copies      not grouped (an index built before stories: fahras reindex)")
            .map_err(io_err)?;
    }
    for (title, key) in [("sources", "sources"), ("categories", "categories")] {
        let Some(map) = stats[key].as_object() else { continue };
        if map.is_empty() {
            continue;
        }
        writeln!(out, "{title}").map_err(io_err)?;
        let mut entries: Vec<_> = map.iter().collect();
        entries.sort_by(|a, b| b.1.as_u64().cmp(&a.1.as_u64()).then(a.0.cmp(b.0)));
        // serde_json's numbers ignore a width: align the u64s.
        let widest = entries.iter().map(|(_, n)| n.to_string().len()).max().unwrap_or(1);
        for (name, count) in entries {
            let count = count.as_u64().unwrap_or(0);
            writeln!(out, "  {count:>widest$}  {}", visible_line(name)).map_err(io_err)?;
        }
    }
    if let Some(pairs) = m["house_spellings"].as_array().filter(|p| !p.is_empty()) {
        writeln!(out, "names spelt two ways by outlets (both searched)").map_err(io_err)?;
        for pair in pairs {
            // As the archive writes it (an older manifest: as normalized).
            let form = |i: usize| {
                let written = pair["written"][i].as_str().filter(|w| !w.is_empty());
                visible_line(written.or(pair["forms"][i].as_str()).unwrap_or("")).into_owned()
            };
            let n = |i: usize| pair["articles"][i].as_u64().unwrap_or(0);
            writeln!(out, "  {} ({}) / {} ({})", form(0), n(0), form(1), n(1)).map_err(io_err)?;
        }
    }
    if let Some(runs) = m["sources"].as_array() {
        writeln!(out, "ingested").map_err(io_err)?;
        for run in runs {
            writeln!(
                out,
                "  {}  {} indexed, {} rejected  {}",
                run["at"].as_str().unwrap_or(""),
                run["indexed"],
                run["rejected"],
                visible_line(
                    &run["inputs"]
                        .as_array()
                        .map(|a| a.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>().join(" "))
                        .unwrap_or_default()
                )
            )
            .map_err(io_err)?;
        }
    }
    Ok(Outcome::Success)
}
