//! Reading archives: raw items from JSON Lines files (plain, `.gz`, `.zst`,
//! standard input), CSV and TSV tables, Gigaword SGML, Parquet and
//! plain-text folders, parsed into [`Record`]s; text in Windows-1256 or
//! ISO-8859-6 decoded record by record ([`Encoding`]).
//!
//! Reading is sequential and cheap; parsing ([`RawItem::parse`]) is done in
//! parallel by the indexer. Every problem becomes an [`IngestError`] naming
//! the file and line, never a panic.

mod article_date;
mod damage;
pub(crate) mod date;
pub(crate) mod delimited;
pub(crate) mod encoding;
pub(crate) mod error;
pub(crate) mod fnv;
pub(crate) mod jsonl;
#[cfg(feature = "parquet")]
pub(crate) mod parquet;
pub(crate) mod sgml;
pub(crate) mod textdir;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

pub use self::article_date::ArticleDate;
pub use self::date::DateFormat;
pub use self::encoding::Encoding;
pub use self::error::{IngestError, IngestErrorKind, Unit};
use crate::error::{Error, Result};

/// One article, ready to index.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Identity: a new record with the same id replaces the old one.
    pub id: String,
    /// Headline (may be empty).
    pub title: String,
    /// Article text (never empty).
    pub body: String,
    /// Publication date.
    pub date: Option<ArticleDate>,
    /// The date as written, when it could not be read: the article is
    /// then kept without a date (`date` is `None`), and the indexer
    /// reports it (or, in a strict run, rejects the record).
    pub unread_date: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Section.
    pub category: Option<String>,
    /// Link to the original.
    pub url: Option<String>,
}

/// The names of the JSON keys that hold each field (`--field body=text`).
#[derive(Debug, Clone)]
pub struct FieldMap {
    names: [String; 7],
}

const FIELDS: [&str; 7] = ["id", "title", "body", "date", "source", "category", "url"];

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap { names: FIELDS.map(String::from) }
    }
}

impl FieldMap {
    /// The field names a record may have.
    pub const FIELDS: [&'static str; 7] = FIELDS;

    /// Reads `field` from the input key `key` (e.g. `title` from `headline`).
    pub fn map(&mut self, field: &str, key: &str) -> Result<()> {
        let slot = FIELDS.iter().position(|f| *f == field).ok_or_else(|| Error::UnknownName {
            what: "field",
            given: field.to_string(),
            role: "",
            known: format!("fields are {}", FIELDS.join(", ")),
        })?;
        self.names[slot] = key.to_string();
        Ok(())
    }

    fn key(&self, field: usize) -> &str {
        &self.names[field]
    }
}

/// An unparsed record and where it came from.
#[derive(Debug, Clone)]
pub struct RawItem {
    /// The input as given (`-` for standard input).
    pub path: Arc<Path>,
    /// 1-based line number (1 for a whole-file record), or record number.
    pub line: u64,
    /// Whether `line` counts lines or records.
    pub unit: Unit,
    /// What was read, by kind.
    pub content: RawContent,
}

/// What a raw item holds: each kind with its own data.
#[derive(Debug, Clone)]
pub enum RawContent {
    /// One JSON Lines record: the line without its newline.
    JsonLine(Vec<u8>),
    /// A whole plain-text article file.
    TextFile {
        /// The file's bytes.
        bytes: Vec<u8>,
        /// The id derived from the file's path.
        id: String,
    },
    /// One row of a CSV or TSV table, or of a Parquet file.
    Row(delimited::Row),
    /// One Gigaword `<DOC>`.
    SgmlDoc(sgml::Doc),
    /// Input that could not be kept (e.g. a line over the size limit):
    /// only why.
    Rejected(IngestErrorKind),
}

impl RawItem {
    /// Parses the item into a record, its text decoded from `encoding`
    /// (see [`Encoding::decode_record`]), its date read as `dates` says.
    pub fn parse(
        &self,
        fields: &FieldMap,
        encoding: Encoding,
        dates: &DateFormat,
    ) -> Result<Record, IngestError> {
        let result = match &self.content {
            RawContent::JsonLine(bytes) => encoding
                .decode_record(bytes)
                .and_then(|bytes| jsonl::parse_line(&bytes, fields, dates)),
            RawContent::TextFile { bytes, id } => encoding
                .decode_record(bytes)
                .and_then(|bytes| textdir::parse_text(&bytes, id.clone(), dates)),
            RawContent::Row(row) => delimited::parse_row(row, fields, encoding, dates),
            RawContent::SgmlDoc(doc) => sgml::parse_doc(doc, fields, encoding, dates),
            RawContent::Rejected(problem) => Err(problem.clone()),
        };
        result.map_err(|kind| {
            // A whole file: the line of its first bad byte.
            let line = match (&self.content, &kind) {
                (
                    RawContent::TextFile { bytes, .. },
                    IngestErrorKind::InvalidUtf8 { at_byte }
                    | IngestErrorKind::OtherEncoding { at_byte, .. }
                    | IngestErrorKind::BrokenUtf8 { at_byte, .. },
                ) => self.line + bytes[..*at_byte].iter().filter(|&&b| b == b'\n').count() as u64,
                _ => self.line,
            };
            IngestError { path: self.path.to_path_buf(), line, unit: self.unit, kind }
        })
    }

    /// The header line, as read, of the CSV or TSV table the item is a
    /// row of (one `Arc` per table).
    pub fn table_header(&self) -> Option<&Arc<Vec<u8>>> {
        match &self.content {
            RawContent::Row(row) => row.raw_header.as_ref(),
            _ => None,
        }
    }

    /// The raw input, as a rejects file gets it: the line or the file;
    /// `None` when it was not kept.
    pub fn raw_bytes(&self) -> Option<std::borrow::Cow<'_, [u8]>> {
        match &self.content {
            RawContent::JsonLine(bytes) | RawContent::TextFile { bytes, .. } => {
                Some(std::borrow::Cow::Borrowed(bytes))
            }
            RawContent::Row(row) => delimited::row_bytes(row),
            RawContent::SgmlDoc(doc) => Some(std::borrow::Cow::Borrowed(
                doc.bytes.strip_suffix(b"\n").unwrap_or(&doc.bytes),
            )),
            RawContent::Rejected(_) => None,
        }
    }
}

/// The bytes of raw items a source hands over in one batch, at most (and
/// one item more): with the writer's budget, what bounds memory.
pub const BATCH_BYTES: usize = 32 << 20;

/// A source of raw items.
pub trait RawSource: Send {
    /// Appends up to `max` items to `out`; returns false at the end.
    fn next_batch(&mut self, max: usize, out: &mut Vec<RawItem>) -> Result<bool>;
}

/// A file format named with `--format`, over what the name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON Lines.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// LDC Gigaword SGML.
    Sgml,
    /// Apache Parquet.
    Parquet,
}

/// An input named on the command line.
#[derive(Debug, Clone)]
pub enum Input {
    /// Standard input: JSON Lines, or what `--format` says (not Parquet,
    /// which must be read from a file).
    Stdin(Format),
    /// A JSON Lines file, maybe compressed.
    Jsonl(PathBuf),
    /// A CSV or TSV file with a header row, maybe compressed.
    Delimited(PathBuf, delimited::Delimiter),
    /// A Gigaword SGML file, maybe compressed.
    Sgml(PathBuf),
    /// A Parquet file.
    Parquet(PathBuf),
    /// A folder of `.txt` articles, listed once when it is named.
    TextDir(textdir::Listing),
}

impl Input {
    /// [`Input::from_arg`], with the format of a file given rather than
    /// taken from its name (`--format`); folders and `-` are as ever (a
    /// table on standard input is refused, as it needs a name).
    pub fn from_arg_as<P: AsRef<Path> + ?Sized>(arg: &P, format: Option<Format>) -> Result<Input> {
        let input = Input::from_arg(arg)?;
        Ok(match (input, format) {
            (
                Input::Jsonl(path)
                | Input::Delimited(path, _)
                | Input::Sgml(path)
                | Input::Parquet(path),
                Some(format),
            ) => match format {
                Format::Jsonl => Input::Jsonl(path),
                Format::Csv => Input::Delimited(path, delimited::Delimiter::Comma),
                Format::Tsv => Input::Delimited(path, delimited::Delimiter::Tab),
                Format::Sgml => Input::Sgml(path),
                Format::Parquet => Input::Parquet(path),
            },
            (Input::Stdin(_), Some(Format::Parquet)) => {
                return Err(Error::UnreadableInput {
                    path: PathBuf::from("standard input"),
                    reason: "Parquet cannot be read from standard input: give it as a file".into(),
                })
            }
            (Input::Stdin(_), Some(format)) => Input::Stdin(format),
            (input, _) => input,
        })
    }

    /// Classifies a command-line argument, checking that it exists: `-`
    /// is standard input, a folder a plain-text folder; a file by its name
    /// (after any `.gz`/`.zst`): `.csv` or `.tsv` a table, `.sgml` or
    /// `.sgm` Gigaword SGML, `.parquet` Parquet, `.jsonl`, `.json` or
    /// `.ndjson` JSON Lines; any other file is SGML when its (decompressed)
    /// content starts with `<DOC`, Parquet when it starts with Parquet's
    /// `PAR1`, else JSON Lines. The name may be any
    /// bytes, not only UTF-8.
    pub fn from_arg<P: AsRef<Path> + ?Sized>(arg: &P) -> Result<Input> {
        let path = arg.as_ref();
        if path.as_os_str() == "-" {
            return Ok(Input::Stdin(Format::Jsonl));
        }
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        Ok(if meta.is_dir() {
            // Listing it now also finds an unreadable folder before the
            // index is touched.
            Input::TextDir(textdir::Listing::of(path)?)
        } else {
            let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase());
            let name = name.unwrap_or_default();
            let bare = name.trim_end_matches(".gz").trim_end_matches(".zst");
            let extension = bare.rsplit_once('.').map_or("", |(_, e)| e);
            let path = path.to_path_buf();
            match extension {
                "csv" => Input::Delimited(path, delimited::Delimiter::Comma),
                "tsv" => Input::Delimited(path, delimited::Delimiter::Tab),
                "sgml" | "sgm" => Input::Sgml(path),
                "parquet" if bare.len() < name.len() => {
                    return Err(Error::UnreadableInput {
                        path,
                        reason: "compressed Parquet is not read; decompress it first (Parquet \
                                 compresses its own pages)"
                            .into(),
                    })
                }
                "parquet" => Input::Parquet(path),
                "jsonl" | "json" | "ndjson" => Input::Jsonl(path),
                _ => match sniff(&path)? {
                    Some(Format::Sgml) => Input::Sgml(path),
                    Some(Format::Parquet) => Input::Parquet(path),
                    _ => Input::Jsonl(path),
                },
            }
        })
    }

    /// The input as the user wrote it, for people (a name that is not
    /// UTF-8 shows U+FFFD where its bad bytes are).
    pub fn display(&self) -> String {
        match self {
            Input::Stdin(_) => "-".to_string(),
            Input::Jsonl(p) | Input::Delimited(p, _) | Input::Sgml(p) | Input::Parquet(p) => {
                p.display().to_string()
            }
            Input::TextDir(listing) => listing.root().display().to_string(),
        }
    }

    /// The number of bytes progress is measured against, when known.
    pub fn total_bytes(&self) -> Option<u64> {
        match self {
            Input::Stdin(_) => None,
            Input::Jsonl(p) | Input::Delimited(p, _) | Input::Sgml(p) | Input::Parquet(p) => {
                std::fs::metadata(p).ok().map(|m| m.len())
            }
            Input::TextDir(listing) => Some(listing.total_bytes()),
        }
    }

    /// Whether the input can be read in `encoding`: Parquet only as UTF-8,
    /// the encoding of its text by definition.
    pub fn check_encoding(&self, encoding: Encoding) -> Result<()> {
        match self {
            Input::Parquet(path) if encoding != Encoding::Utf8 => Err(Error::UnreadableInput {
                path: path.clone(),
                reason: "Parquet holds its text as UTF-8; --encoding is for text files \
                         (index the Parquet files in a run of their own)"
                    .into(),
            }),
            _ => Ok(()),
        }
    }

    /// Opens the input, its text to be decoded from `encoding` record by
    /// record; `read` counts the input bytes consumed. A read error or
    /// damaged compressed data part way through ends the input with an
    /// [`IngestErrorKind::Damaged`] item after what was read before it.
    pub fn open(
        &self,
        max_line_bytes: u64,
        encoding: Encoding,
        read: Arc<AtomicU64>,
    ) -> Result<Box<dyn RawSource>> {
        let guarded =
            |path: &Path, reader: Box<dyn std::io::Read + Send>| damage::Guarded::new(path, reader);
        let (path, guard): (&Path, damage::Guarded) = match self {
            Input::Stdin(_) => {
                let stdin = Path::new("-");
                let reader = Box::new(CountingReader::new(std::io::stdin(), read));
                (stdin, guarded(stdin, reader))
            }
            Input::Jsonl(path) | Input::Delimited(path, _) | Input::Sgml(path) => {
                (path, guarded(path, jsonl::decompressed(path, read.clone())?))
            }
            Input::Parquet(path) => {
                self.check_encoding(encoding)?;
                return Ok(parquet_source(path, read));
            }
            Input::TextDir(listing) => {
                return Ok(Box::new(textdir::TextDirSource::open(listing, read)))
            }
        };
        let format = match self {
            Input::Stdin(format) => *format,
            Input::Delimited(_, delimited::Delimiter::Comma) => Format::Csv,
            Input::Delimited(_, delimited::Delimiter::Tab) => Format::Tsv,
            Input::Sgml(_) => Format::Sgml,
            _ => Format::Jsonl,
        };
        let damage = guard.damage();
        let reader: Box<dyn std::io::Read + Send> = Box::new(guard);
        let source: Box<dyn RawSource> = match format {
            Format::Csv | Format::Tsv => {
                let delimiter = if format == Format::Csv {
                    delimited::Delimiter::Comma
                } else {
                    delimited::Delimiter::Tab
                };
                Box::new(delimited::DelimitedSource::new(
                    path,
                    reader,
                    delimiter,
                    encoding,
                    max_line_bytes,
                ))
            }
            Format::Sgml => Box::new(sgml::SgmlSource::new(path, reader, max_line_bytes)),
            Format::Jsonl | Format::Parquet => {
                Box::new(jsonl::JsonlSource::new(path, reader, max_line_bytes))
            }
        };
        Ok(Box::new(damage::DamageReport::new(path, source, damage)))
    }
}

/// What the start of the file at `path` (decompressed by its extension)
/// says it is: Gigaword SGML when it starts with `<DOC`, Parquet (not
/// compressed) with `PAR1`; `None` when neither.
fn sniff(path: &Path) -> Result<Option<Format>> {
    use std::io::Read;
    let mut head = Vec::with_capacity(256);
    let reader = jsonl::decompressed(path, Arc::new(AtomicU64::new(0)))?;
    // A file that cannot be read this far is for its reader to report.
    let _ = reader.take(256).read_to_end(&mut head);
    let compressed = has_extension(path, "gz") || has_extension(path, "zst");
    Ok(if head.starts_with(b"PAR1") && !compressed {
        Some(Format::Parquet)
    } else if sgml::starts_with_doc(&head) {
        Some(Format::Sgml)
    } else {
        None
    })
}

/// A Parquet file's rows; a file that cannot be opened as Parquet is one
/// rejected item saying why, and the run goes on.
#[cfg(feature = "parquet")]
fn parquet_source(path: &Path, read: Arc<AtomicU64>) -> Box<dyn RawSource> {
    match parquet::ParquetSource::open(path, read) {
        Ok(source) => Box::new(source),
        Err(reason) => Box::new(damage::Failed::new(path, Unit::Record, reason)),
    }
}

#[cfg(not(feature = "parquet"))]
fn parquet_source(path: &Path, _read: Arc<AtomicU64>) -> Box<dyn RawSource> {
    let reason = "this fahras was built without Parquet (the cargo feature `parquet`)";
    Box::new(damage::Failed::new(path, Unit::Record, reason.into()))
}

/// Counts bytes read through it into a shared counter (for progress).
pub struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> CountingReader<R> {
    /// Wraps `inner`, adding every byte read to `count`.
    pub fn new(inner: R, count: Arc<AtomicU64>) -> Self {
        CountingReader { inner, count }
    }
}

impl<R: std::io::Read> std::io::Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Returns true if and only if `path` ends with `ext` (case-insensitive).
pub(crate) fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
}
