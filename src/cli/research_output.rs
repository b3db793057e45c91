//! How a research command prints its answer: one JSON object, CSV rows, or
//! a table for a person (and its notes first, on standard error).

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use super::printer::bidi::{self, Bidi, BidiChoice};
use super::printer::table::Table;
use fahras::error::{Error, Result};
use fahras::note::Note;

/// The form of an answer: `--json`, `--csv` or a table.
#[derive(Debug, Clone, Copy, clap::Args)]
pub(crate) struct Form {
    /// Print one JSON object: the counts, the settings and the rows.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV: a header row, then the rows with every number of the
    /// JSON rows.
    #[arg(long)]
    pub csv: bool,
    /// How right-to-left text is laid out: auto, logical or visual.
    #[arg(long, value_enum, default_value_t = BidiChoice::Auto, env = "FAHRAS_BIDI")]
    pub bidi: BidiChoice,
    /// Fit the table to N columns [default: the terminal's width (COLUMNS,
    /// else its size); in a pipe, no limit; 0: no limit]. Past it, the
    /// least needed columns are left out, then long words cut with …, and
    /// a line on standard error says so.
    #[arg(long, value_name = "N", value_parser = super::search::parse_width)]
    pub width: Option<usize>,
}

/// Prints `found` (with its `notes`) as `form` asks: its JSON, the CSV
/// `rows` write, or the `table` for a person, within the width given.
pub(crate) fn print<T: Serialize>(
    found: &T,
    notes: &[Note],
    form: Form,
    rows: impl FnOnce(&mut csv::Writer<&mut dyn Write>) -> csv::Result<()>,
    table: impl FnOnce(&mut dyn Write, Bidi, Option<usize>) -> io::Result<()>,
) -> Result<()> {
    super::print_notes(notes, super::stdout_layout(form.bidi));
    let stdout_err = |e: io::Error| Error::io("<stdout>", e);
    let mut out = io::BufWriter::new(io::stdout().lock());
    if form.json {
        serde_json::to_writer(&mut out, found).map_err(|e| stdout_err(e.into()))?;
        writeln!(out).map_err(stdout_err)?;
    } else if form.csv {
        let mut writer = csv::Writer::from_writer(&mut out as &mut dyn Write);
        rows(&mut writer).and_then(|()| Ok(writer.flush()?)).map_err(|e| stdout_err(e.into()))?;
    } else {
        let terminal = io::stdout().is_terminal();
        let layout = bidi::resolve(form.bidi, terminal, |k| std::env::var(k).ok());
        let width = super::search::line_width(form.width, terminal, layout);
        table(&mut out, layout, width).map_err(stdout_err)?;
    }
    out.flush().map_err(stdout_err)
}

/// Prints `table` within `width` and says on standard error what fitting
/// it left out.
pub(crate) fn print_fitted(
    out: &mut dyn Write,
    table: Table<'_>,
    width: Option<usize>,
    layout: Bidi,
) -> io::Result<()> {
    let fitted = table.print(out, width, layout)?;
    out.flush()?;
    if let Some(said) = width.and_then(|width| fitted.said(width)) {
        say!("{said}");
    }
    Ok(())
}
