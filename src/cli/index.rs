//! `fahras index`: add articles to an index, creating it when needed.

use std::path::PathBuf;

use clap::Args;

use super::printer;
use super::progress::{Progress, ProgressMode};
use super::{AnalyzerArg, IndexDir, Outcome};
use fahras::analysis::IndexAnalyzer;
use fahras::error::{Error, Result};
use fahras::indexer::{self, rejects, IndexOptions, RejectsMode};
use fahras::ingest::{DateFormat, Encoding, FieldMap, Format, Input};
use fahras::searcher::Engine;
use fahras::store::Store;

/// Add articles to an index.
///
/// Inputs are JSON Lines files (`.jsonl`, `.jsonl.gz`, `.jsonl.zst`), `-`
/// for JSON Lines on standard input, CSV and TSV tables, LDC Gigaword SGML,
/// Parquet, or folders of `.txt` articles (see docs/formats.md). An article's `id` is its identity: indexing it again
/// replaces the old version. Bad records are reported as FILE:LINE: reason
/// and skipped; the exit status is 1 when any was rejected. A date that
/// cannot be read is reported too, and its article indexed without a date
/// (see --date-format).
#[derive(Debug, Args)]
pub(crate) struct IndexArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// Files or folders to index (`-` for standard input).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Read every input file as this format, whatever its name says.
    ///
    /// By default the name tells (after any `.gz`/`.zst`, which are
    /// decompressed either way): `.csv`, `.tsv`, `.sgml`/`.sgm` (Gigaword),
    /// `.parquet`, `.jsonl`; another file is Gigaword SGML when it starts
    /// with `<DOC`, else JSON Lines. Standard input (`-`) is JSON Lines
    /// unless this says otherwise.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,
    /// The text encoding of the inputs (not Parquet, which is UTF-8).
    ///
    /// Without it, input must be UTF-8; a record that is not but reads as
    /// Arabic in windows-1256 or iso-8859-6 is rejected naming the flag.
    #[arg(long, value_enum, value_name = "ENCODING", default_value = "utf-8")]
    pub encoding: EncodingArg,
    /// Map a field to another JSON key, column, or SGML element or
    /// attribute, e.g. --field body=text.
    ///
    /// Fields: id, title, body, date, source, category, url. Repeatable.
    #[arg(long = "field", value_name = "FIELD=KEY")]
    pub fields: Vec<String>,
    /// How dates are written: iso (default), arabic, or e.g. %d/%m/%Y.
    ///
    /// Every format reads YYYY-MM-DD, RFC 3339, and a day, an Arabic month
    /// name and a year (15 مارس 2018, الخميس ١٥ آذار ٢٠١٨; the Egyptian and
    /// Gulf names, the Levantine and Iraqi ones, the North African ones,
    /// in any alef/hamza/ya spelling). A day and a month in numbers are
    /// read only in the order a pattern states, never guessed: %d day, %m
    /// month, %Y year, %B Arabic month name, %H hour, %M minute, %S
    /// second; a space matches any spaces, other characters themselves. A
    /// weekday name may come before the date, and a time (14:05) after it.
    /// `arabic` is %d %B %Y. E.g. --date-format %d/%m/%Y reads 15/03/2018
    /// and 15/03/2018 14:05. A date that cannot be read is reported and
    /// its article indexed without a date (--strict stops the run there).
    #[arg(long, value_name = "FORMAT", default_value = "iso")]
    pub date_format: String,
    /// Threads for parsing and for tantivy's writer (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Writer memory budget in MB, shared by the threads.
    #[arg(long, value_name = "MB", default_value_t = 512)]
    pub memory: usize,
    /// Copy each rejected record to FILE (or a folder: DIR/) as it was
    /// read, to mend and index again.
    ///
    /// A table's rows go under its header line, Parquet rows as JSON
    /// lines. A folder (an existing one, or a name ending in `/`) gets one
    /// file per input, and a text folder's rejected articles under their
    /// own names (a text folder's rejects need a folder). Never an input;
    /// an existing FILE is refused without --rejects-append or --force.
    /// Written only when something is rejected.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Add this run's rejects to the end of an existing --rejects file.
    #[arg(long, requires = "rejects", conflicts_with = "force")]
    pub rejects_append: bool,
    /// Replace an existing --rejects file (when something is rejected).
    #[arg(long, requires = "rejects")]
    pub force: bool,
    /// Stop at the first bad record, commit nothing more, exit 2 (with
    /// --commit-every, what was committed before it stays).
    ///
    /// A date that cannot be read is then a bad record; without --strict
    /// its article is indexed without a date.
    #[arg(long)]
    pub strict: bool,
    /// Longest accepted JSON line, CSV or TSV row, or Gigaword document,
    /// in bytes (Parquet records have no limit).
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    pub max_line_bytes: u64,
    /// Analyzer for title and body when creating the index.
    ///
    /// `fahras` (default) is the Arabic analysis; `snowball` and `plain`
    /// are baselines for comparison (see `fahras eval`).
    #[arg(long, value_enum)]
    pub analyzer: Option<AnalyzerArg>,
    /// Commit after every N added articles, so a crash loses at most N;
    /// running the same command again skips what is already there.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub commit_every: u64,
    /// Then merge the index into one segment, for the fastest searches
    /// (what `fahras optimize` does; worth it once an archive stops growing).
    #[arg(long)]
    pub optimize: bool,
    /// No progress display (errors are still printed).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// The `--field FIELD=KEY` mappings.
fn field_map(mappings: &[String]) -> Result<FieldMap> {
    let mut map = FieldMap::default();
    for mapping in mappings {
        let (field, key) = mapping.split_once('=').ok_or_else(|| {
            Error::Invalid(format!("--field \"{mapping}\": expected FIELD=KEY, e.g. body=text"))
        })?;
        map.map(field, key).map_err(|e| Error::Invalid(format!("--field \"{mapping}\": {e}")))?;
    }
    Ok(map)
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FormatArg {
    /// JSON Lines.
    Jsonl,
    /// Comma-separated, a header row.
    Csv,
    /// Tab-separated, a header row.
    Tsv,
    /// LDC Gigaword SGML (`<DOC>` documents).
    Sgml,
    /// Apache Parquet.
    Parquet,
}

/// `--encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum EncodingArg {
    /// UTF-8 (a byte-order mark is ignored).
    #[value(name = "utf-8")]
    Utf8,
    /// Windows-1256 (CP-1256), Arabic Windows.
    #[value(name = "windows-1256")]
    Windows1256,
    /// ISO-8859-6, ISO Arabic.
    #[value(name = "iso-8859-6")]
    Iso8859_6,
}

/// Runs `fahras index`.
pub(crate) fn run(args: IndexArgs) -> Result<Outcome> {
    // Check every input before touching the index: a typo must not leave an
    // empty index behind.
    let format = args.format.map(|f| match f {
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Csv => Format::Csv,
        FormatArg::Tsv => Format::Tsv,
        FormatArg::Sgml => Format::Sgml,
        FormatArg::Parquet => Format::Parquet,
    });
    let inputs =
        args.inputs.iter().map(|p| Input::from_arg_as(p, format)).collect::<Result<Vec<_>>>()?;
    // A folder reads its .txt articles only: other archives in it are said.
    for input in &inputs {
        if let Input::TextDir(listing) = input {
            let others = listing.other_archives();
            if let Some(first) = others.first() {
                let more = if others.len() > 1 {
                    format!(" and {} more", others.len() - 1)
                } else {
                    String::new()
                };
                say!(
                    "note: {}: {} file{} of another format ({}{more}) not indexed: a folder is \
                     read as .txt articles; name those files as inputs to index them",
                    printer::escape::visible_line(&listing.root().display().to_string()),
                    others.len(),
                    if others.len() == 1 { "" } else { "s" },
                    printer::escape::visible_line(&first.display().to_string()),
                );
            }
        }
    }
    let encoding = match args.encoding {
        EncodingArg::Utf8 => Encoding::Utf8,
        EncodingArg::Windows1256 => Encoding::Windows1256,
        EncodingArg::Iso8859_6 => Encoding::Iso8859_6,
    };
    for input in &inputs {
        input.check_encoding(encoding)?;
    }
    let dates: DateFormat = args
        .date_format
        .parse()
        .map_err(|e| Error::Invalid(format!("--date-format \"{}\": {e}", args.date_format)))?;
    let options = IndexOptions {
        threads: args.threads.unwrap_or_else(indexer::default_threads).max(1),
        memory_bytes: args.memory << 20,
        strict: args.strict,
        max_line_bytes: args.max_line_bytes,
        encoding,
        fields: field_map(&args.fields)?,
        dates,
        rejects: args.rejects.clone(),
        rejects_mode: if args.rejects_append {
            RejectsMode::Append
        } else if args.force {
            RejectsMode::Replace
        } else {
            RejectsMode::New
        },
        commit_every: args.commit_every,
    };
    // The rejects target, checked before the index is touched.
    if let Some(target) = &options.rejects {
        rejects::check(target, options.rejects_mode, &inputs).map_err(|e| match e {
            Error::RejectsExist { rejects } => Error::Invalid(format!(
                "--rejects {}: already exists (rejects of an earlier run?); add \
                 --rejects-append to add to it, --force to replace it, or name another",
                rejects.display()
            )),
            Error::RejectsIsInput { rejects, input } => Error::Invalid(format!(
                "--rejects {}: is, or is inside, the input {}; it would be overwritten: name \
                 another file",
                rejects.display(),
                input.display()
            )),
            Error::RejectsNeedFolder { rejects, input } => Error::Invalid(format!(
                "--rejects {}: the text folder {} has its rejected articles copied as files: \
                 give a folder (--rejects {}/)",
                rejects.display(),
                input.display(),
                rejects.display()
            )),
            Error::RejectsNotPlain { rejects, what } => Error::Invalid(format!(
                "--rejects {}: is {what}; the rejects are written to a temporary file beside \
                 it and renamed into place: name a plain file (or a folder)",
                rejects.display()
            )),
            other => other,
        })?;
    }
    let root = &args.dir.index;
    let (mut store, created) =
        Store::open_or_create(root, args.analyzer.map_or(IndexAnalyzer::Fahras, Into::into))?;
    if let Some(wanted) = args.analyzer.map(IndexAnalyzer::from) {
        if !created && wanted != store.manifest.analyzer {
            return Err(Error::Invalid(format!(
                "{}: the index uses the {} analyzer; to change it run `fahras reindex --analyzer {}`",
                root.display(),
                store.manifest.analyzer.name(),
                wanted.name()
            )));
        }
    }
    let mut progress =
        Progress::new(if args.quiet { ProgressMode::Quiet } else { ProgressMode::Auto });
    let result = indexer::index_inputs(&mut store, &inputs, &options, &mut progress);
    let summary = match result {
        Ok(summary) => summary,
        Err(error) => {
            drop(store);
            // A new index that committed nothing is removed: nothing
            // half-made is left behind. One that committed (--commit-every)
            // keeps what it committed, as the message says.
            let empty = || Engine::open(root).is_ok_and(|e| e.articles() == 0);
            if created && empty() {
                let _ = std::fs::remove_dir_all(root);
            }
            return Err(error);
        }
    };
    if created && !args.quiet {
        say!("fahras: created index {}", root.display());
    }
    let secs = summary.elapsed.as_secs_f64().max(1e-9);
    let undated = if summary.undated > 0 {
        format!("; {} without a date, as their date could not be read (see above)", summary.undated)
    } else {
        String::new()
    };
    say!(
        "fahras: {} indexed ({} replaced), {} unchanged, {} rejected{undated}; {:.1} MB in {:.2} s ({:.0} articles/s)",
        summary.indexed,
        summary.replaced,
        summary.unchanged,
        summary.rejected,
        summary.bytes as f64 / 1e6,
        secs,
        summary.indexed as f64 / secs
    );
    if args.optimize {
        super::optimize::report(&indexer::optimize::optimize(&store)?);
    }
    Ok(if summary.rejected > 0 { Outcome::Partial } else { Outcome::Success })
}
