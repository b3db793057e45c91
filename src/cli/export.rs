//! `fahras export`: every matching article, whole, for pandas, R or a
//! spreadsheet.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::Args;

use super::query_args::QueryArgs;
use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::ingest::Record;
use fahras::searcher::{Engine, SearchRequest, Sort};

/// Write every matching article whole (not snippets, not only the top ten).
///
/// The query is read as `search` reads it; the articles written hold all
/// its words (`--any`: any of them). Articles are written as they are read,
/// in rank (or date) order. Exit status: 0 found, 1 nothing found, 2
/// error.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// The query (`*` for every article).
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// jsonl (one JSON object a line) or csv (a header row, then one row an
    /// article, quoted where needed, newlines kept inside fields).
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// The fields to write, in order: id, title, body, date, source,
    /// category, url. (`--fields`, as in `search`, names the fields the
    /// query searches.)
    #[arg(long, value_delimiter = ',', default_value = "id,title,body,date,source,category,url")]
    pub columns: Vec<String>,
    /// Order.
    #[arg(long, value_parser = super::choice::parser::<Sort>(), default_value = "relevance")]
    pub sort: Sort,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Start a CSV file with the UTF-8 byte-order mark, so that Excel reads
    /// Arabic as Arabic instead of mojibake.
    #[arg(long)]
    pub excel: bool,
    #[command(flatten)]
    pub query_args: QueryArgs,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// JSON Lines.
    Jsonl,
    /// Comma-separated values.
    Csv,
}

/// The fields `export` knows, in their default order.
const FIELDS: [&str; 7] = ["id", "title", "body", "date", "source", "category", "url"];

/// Runs `fahras export`.
pub(crate) fn run(args: ExportArgs) -> Result<Outcome> {
    let fields: Vec<&str> = args
        .columns
        .iter()
        .map(|name| {
            FIELDS.iter().copied().find(|f| *f == name.trim()).ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown field \"{name}\"; the fields are {}",
                    FIELDS.join(", ")
                ))
            })
        })
        .collect::<Result<_>>()?;
    let engine = Engine::open(&args.dir.index)?;
    let request = SearchRequest {
        options: args.query_args.counting_options()?,
        sort: args.sort,
        snippet_chars: 0,
        // Every article, copies of a story included.
        collapse: false,
        ..SearchRequest::new(&args.query)
    };
    super::print_notes(
        &engine.notes(&request)?,
        super::stdout_layout(super::printer::bidi::BidiChoice::Auto),
    );
    let (out, name): (Box<dyn Write>, String) = match &args.output {
        Some(path) => {
            let file = File::create(path).map_err(|e| Error::io(path, e))?;
            (Box::new(file), path.display().to_string())
        }
        None => (Box::new(io::stdout().lock()), "<stdout>".to_string()),
    };
    let mut out = BufWriter::new(out);
    let io_err = |e: io::Error| Error::io(&name, e);
    let value = |record: &Record, field: &str| -> Option<String> {
        match field {
            "id" => Some(record.id.clone()),
            "title" => Some(record.title.clone()),
            "body" => Some(record.body.clone()),
            "date" => record.date.map(|d| d.day()),
            "source" => record.source.clone(),
            "category" => record.category.clone(),
            _ => record.url.clone(),
        }
    };
    let written = match args.format {
        Format::Jsonl => {
            fahras::research::export::for_each_match(&engine, &request, |_, _, record| {
                // The fields in the order asked (a serde_json map would sort them).
                let mut line = String::from("{");
                for (n, field) in fields.iter().enumerate() {
                    if n > 0 {
                        line.push(',');
                    }
                    line.push_str(&serde_json::json!(field).to_string());
                    line.push(':');
                    line.push_str(&serde_json::json!(value(&record, field)).to_string());
                }
                line.push('}');
                writeln!(out, "{line}").map_err(io_err)
            })?
        }
        Format::Csv => {
            if args.excel {
                out.write_all("\u{feff}".as_bytes()).map_err(io_err)?;
            }
            let mut csv = csv::Writer::from_writer(&mut out);
            let csv_err = |e: csv::Error| Error::io(&name, io::Error::other(e));
            csv.write_record(&fields).map_err(csv_err)?;
            let n = fahras::research::export::for_each_match(&engine, &request, |_, _, record| {
                let row: Vec<String> =
                    fields.iter().map(|f| value(&record, f).unwrap_or_default()).collect();
                csv.write_record(&row).map_err(csv_err)
            })?;
            csv.flush().map_err(io_err)?;
            n
        }
    };
    out.flush().map_err(io_err)?;
    say!(
        "fahras: {written} article{} holding {} exported",
        if written == 1 { "" } else { "s" },
        super::rule_words(request.options.rule())
    );
    Ok(if written > 0 { Outcome::Success } else { Outcome::Partial })
}
