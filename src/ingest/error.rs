//! Record problems: which file, which line, and why.

use std::fmt;
use std::path::PathBuf;

/// Why a record was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum IngestErrorKind {
    /// The line is not valid UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte in the line.
        at_byte: usize,
    },
    /// The record is not UTF-8 but reads as Arabic in an encoding
    /// `--encoding` takes.
    OtherEncoding {
        /// Byte offset of the first byte that is not UTF-8.
        at_byte: usize,
        /// The `--encoding` name it reads as.
        encoding: &'static str,
    },
    /// The line is not a JSON object.
    InvalidJson(String),
    /// A required field is absent.
    MissingField(String),
    /// A required text field is empty.
    EmptyField(String),
    /// A field has the wrong JSON type.
    WrongType {
        /// The field's name in the input.
        field: String,
        /// What it must be.
        expected: &'static str,
        /// What it is.
        found: &'static str,
    },
    /// The date cannot be read: not `YYYY-MM-DD`, RFC 3339, an Arabic
    /// month name's form, nor the stated format. Unless the run is strict,
    /// the article is indexed without a date, and this is reported.
    BadDate {
        /// The value as written.
        value: String,
        /// The pattern the run was given (`%d/%m/%Y`), if any.
        format: Option<String>,
    },
    /// A table row with another number of fields than its header.
    Columns {
        /// Fields in the row.
        found: usize,
        /// Columns in the header.
        expected: usize,
    },
    /// A Gigaword `<DOC>` without its `</DOC>`: before the next `<DOC>`
    /// (on this line) or the end of the file (`None`).
    UnclosedDoc(Option<u64>),
    /// Text in an SGML file outside any `<DOC>`.
    OutsideDoc,
    /// A CSV or TSV field whose opening quote is never closed: the rest of
    /// the file was read into it.
    UnclosedQuote {
        /// The line of the opening quote.
        line: u64,
        /// The last line of the file.
        last: u64,
    },
    /// A table (CSV, TSV, Parquet) has no column for a required field.
    MissingColumn {
        /// The column the field is read from.
        name: String,
        /// The columns the table has, comma-separated.
        columns: String,
    },
    /// Read as a code page (`encoding`), but the record is UTF-8 with
    /// broken bytes: decoding it would store nonsense, so it is not.
    BrokenUtf8 {
        /// Byte offset of the first invalid byte.
        at_byte: usize,
        /// The code page it was to be read in.
        encoding: &'static str,
    },
    /// The file's data ends in damage (a truncated or corrupt compressed
    /// stream, a read error): what came before it was read.
    Damaged {
        /// Complete lines (or records) read before the damage.
        after: u64,
        /// Whether `after` counts lines or records.
        unit: Unit,
        /// Bytes of the (decompressed) stream read before the damage.
        offset: Option<u64>,
        /// What the decoder or the system said.
        reason: String,
    },
    /// A whole-file record (a text file) could not be read.
    Unreadable(String),
    /// A row or line over the size limit holds NUL bytes: the file is not
    /// text, and the rest of it is not read.
    Binary {
        /// Byte offset of the first NUL byte of that row.
        at_byte: u64,
    },
    /// The line is longer than the limit.
    TooLong {
        /// The line's length in bytes.
        bytes: u64,
        /// The limit in bytes.
        max_bytes: u64,
    },
}

impl fmt::Display for IngestErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use IngestErrorKind::*;
        match self {
            InvalidUtf8 { at_byte } => write!(f, "invalid UTF-8 at byte {at_byte}"),
            OtherEncoding { at_byte, encoding } => write!(
                f,
                "not UTF-8 (byte {at_byte}), but reads as Arabic in {encoding}: \
                 index it with --encoding {encoding}"
            ),
            InvalidJson(e) => write!(f, "invalid JSON: {e}"),
            MissingField(name) => write!(f, "missing field `{name}`"),
            EmptyField(name) => write!(f, "field `{name}` is empty"),
            WrongType { field, expected, found } => {
                write!(f, "field `{field}` must be {expected}, found {found}")
            }
            BadDate { value, format } => {
                write!(f, "unreadable date \"{value}\" (expected ")?;
                if let Some(format) = format {
                    write!(f, "{format}, ")?;
                }
                write!(
                    f,
                    "YYYY-MM-DD, RFC 3339 or a day, an Arabic month name and a year, e.g. \
                     15 مارس 2018, in the years 1678 to 2261)"
                )?;
                use crate::ingest::date::{numeric_day_month, numeric_orders};
                match (numeric_day_month(value), numeric_orders(value)) {
                    // `31/02/2018`: no order makes it a day.
                    (_, Some((false, false))) => {
                        write!(f, "; there is no such day, whichever of its numbers is the month")
                    }
                    (Some(sep), _) if format.is_none() => write!(
                        f,
                        "; a day and a month in numbers are read in the order you state: \
                         pass --date-format %d{sep}%m{sep}%Y (day first) or %m{sep}%d{sep}%Y"
                    ),
                    (_, Some((day_first, month_first))) if day_first != month_first => write!(
                        f,
                        "; it is a day only read {} first: is that the archive's order?",
                        if day_first { "day" } else { "month" }
                    ),
                    _ => Ok(()),
                }
            }
            Columns { found, expected } => {
                write!(f, "the row has {found} fields, the header {expected} columns")
            }
            UnclosedDoc(Some(line)) => {
                write!(f, "<DOC> has no </DOC> before the next <DOC> at line {line}")
            }
            UnclosedDoc(None) => write!(f, "<DOC> has no </DOC> before the end of the file"),
            OutsideDoc => write!(f, "text outside any <DOC>…</DOC>"),
            UnclosedQuote { line, last } => write!(
                f,
                "the quote opened at line {line} is never closed: lines {line}–{last}, the rest of \
                 the file, would be one field; none of them is indexed (--rejects gets them)"
            ),
            MissingColumn { name, columns } => write!(
                f,
                "missing field `{name}`: no such column (the columns are {columns}; map one with --field)"
            ),
            BrokenUtf8 { at_byte, encoding } => write!(
                f,
                "broken UTF-8 (invalid byte {at_byte}), not {encoding}: not decoded, as that \
                 would store nonsense; mend the byte and index it as UTF-8"
            ),
            Damaged { after, unit, offset, reason } => {
                let unit = match unit {
                    Unit::Line => "line",
                    Unit::Record => "record",
                };
                write!(f, "damaged after {unit} {after}")?;
                if let Some(offset) = offset {
                    write!(f, " (byte offset {offset} of the decompressed stream)")?;
                }
                write!(f, ": {reason}; what came before it is kept")
            }
            Unreadable(reason) => write!(f, "cannot be read: {reason}"),
            Binary { at_byte } => write!(
                f,
                "NUL bytes (byte {at_byte}) in a row over the size limit: not text; \
                 the rest of the file is not read"
            ),
            TooLong { bytes, max_bytes } => write!(
                f,
                "line is {bytes} bytes, over the limit of {max_bytes}; not copied to the rejects file"
            ),
        }
    }
}

/// What a record's position counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Unit {
    /// Lines of a text file (`FILE:LINE:`).
    #[default]
    Line,
    /// Records of a file that has no lines, as Parquet (`FILE: record N:`).
    Record,
}

/// A rejected record: `FILE:LINE: reason` (`FILE: record N: reason`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// The input file as given (`-` for standard input); any bytes, as
    /// file names in old archives are not always UTF-8.
    pub path: PathBuf,
    /// 1-based line number (1 for a whole-file record), or record number.
    pub line: u64,
    /// Whether `line` counts lines or records.
    pub unit: Unit,
    /// Why it was rejected.
    pub kind: IngestErrorKind,
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let IngestErrorKind::Damaged { .. } | IngestErrorKind::Unreadable(_) = self.kind {
            // The kind says where.
            return write!(f, "{}: {}", self.path.display(), self.kind);
        }
        match self.unit {
            Unit::Line => write!(f, "{}:{}: {}", self.path.display(), self.line, self.kind),
            Unit::Record => {
                write!(f, "{}: record {}: {}", self.path.display(), self.line, self.kind)
            }
        }
    }
}

impl std::error::Error for IngestError {}
