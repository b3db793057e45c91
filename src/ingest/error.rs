//! Record problems: which file, which line, and why.

use std::fmt;
use std::path::PathBuf;

/// Why a record was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestErrorKind {
    /// The line is not valid UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte in the line.
        at_byte: usize,
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
    /// The date is neither `YYYY-MM-DD` nor RFC 3339.
    BadDate(String),
    /// A table row with another number of fields than its header.
    Columns {
        /// Fields in the row.
        found: usize,
        /// Columns in the header.
        expected: usize,
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
            InvalidJson(e) => write!(f, "invalid JSON: {e}"),
            MissingField(name) => write!(f, "missing field `{name}`"),
            EmptyField(name) => write!(f, "field `{name}` is empty"),
            WrongType { field, expected, found } => {
                write!(f, "field `{field}` must be {expected}, found {found}")
            }
            BadDate(value) => write!(
                f,
                "unparseable date \"{value}\" (expected YYYY-MM-DD or RFC 3339, e.g. 2018-03-01T12:00:00Z, in the years 1678 to 2261)"
            ),
            Columns { found, expected } => {
                write!(f, "the row has {found} fields, the header {expected} columns")
            }
            TooLong { bytes, max_bytes } => write!(
                f,
                "line is {bytes} bytes, over the limit of {max_bytes}; not copied to the rejects file"
            ),
        }
    }
}

/// A rejected record: `FILE:LINE: reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// The input file as given (`-` for standard input); any bytes, as
    /// file names in old archives are not always UTF-8.
    pub path: PathBuf,
    /// 1-based line number (1 for a whole-file record).
    pub line: u64,
    /// Why it was rejected.
    pub kind: IngestErrorKind,
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.kind)
    }
}

impl std::error::Error for IngestError {}
