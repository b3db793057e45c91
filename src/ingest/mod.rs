//! Reading archives: raw items from JSON Lines files (plain, `.gz`, `.zst`,
//! standard input) and plain-text folders, parsed into [`Record`]s.
//!
//! Reading is sequential and cheap; parsing ([`RawItem::parse`]) is done in
//! parallel by the indexer. Every problem becomes an [`IngestError`] naming
//! the file and line, never a panic.

pub mod date;
pub mod error;
pub mod jsonl;
pub mod textdir;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde_json::{Map, Value};
use tantivy::DateTime;

pub use self::error::{IngestError, IngestErrorKind};
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
    pub date: Option<DateTime>,
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
        let slot = FIELDS.iter().position(|f| *f == field).ok_or_else(|| {
            Error::Invalid(format!("unknown field \"{field}\"; fields are {}", FIELDS.join(", ")))
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
    /// The input as given.
    pub path: Arc<str>,
    /// 1-based line number (1 for a whole-file record).
    pub line: u64,
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
    /// Input that could not be kept (e.g. a line over the size limit):
    /// only why.
    Rejected(IngestErrorKind),
}

impl RawItem {
    /// Parses the item into a record.
    pub fn parse(&self, fields: &FieldMap) -> Result<Record, IngestError> {
        let result = match &self.content {
            RawContent::JsonLine(bytes) => parse_json(bytes, fields),
            RawContent::TextFile { bytes, id } => textdir::parse_text(bytes, id.clone()),
            RawContent::Rejected(problem) => Err(problem.clone()),
        };
        result.map_err(|kind| IngestError { path: self.path.to_string(), line: self.line, kind })
    }

    /// The raw input, as a rejects file gets it: the line or the file;
    /// `None` when it was not kept.
    pub fn raw_bytes(&self) -> Option<&[u8]> {
        match &self.content {
            RawContent::JsonLine(bytes) | RawContent::TextFile { bytes, .. } => Some(bytes),
            RawContent::Rejected(_) => None,
        }
    }
}

/// A source of raw items.
pub trait RawSource: Send {
    /// Appends up to `max` items to `out`; returns false at the end.
    fn next_batch(&mut self, max: usize, out: &mut Vec<RawItem>) -> Result<bool>;
}

/// An input named on the command line.
#[derive(Debug, Clone)]
pub enum Input {
    /// Standard input, as JSON Lines.
    Stdin,
    /// A JSON Lines file, maybe compressed.
    Jsonl(PathBuf),
    /// A folder of `.txt` articles, listed once when it is named.
    TextDir(textdir::Listing),
}

impl Input {
    /// Classifies a command-line argument, checking that it exists.
    pub fn from_arg(arg: &str) -> Result<Input> {
        if arg == "-" {
            return Ok(Input::Stdin);
        }
        let path = PathBuf::from(arg);
        let meta = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
        Ok(if meta.is_dir() {
            // Listing it now also finds an unreadable folder before the
            // index is touched.
            Input::TextDir(textdir::Listing::of(&path)?)
        } else {
            Input::Jsonl(path)
        })
    }

    /// The input as the user wrote it.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::Jsonl(p) => p.display().to_string(),
            Input::TextDir(listing) => listing.root().display().to_string(),
        }
    }

    /// The number of bytes progress is measured against, when known.
    pub fn total_bytes(&self) -> Option<u64> {
        match self {
            Input::Stdin => None,
            Input::Jsonl(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            Input::TextDir(listing) => Some(listing.total_bytes()),
        }
    }

    /// Opens the input; `read` counts the input bytes consumed.
    pub fn open(&self, max_line_bytes: u64, read: Arc<AtomicU64>) -> Result<Box<dyn RawSource>> {
        Ok(match self {
            Input::Stdin => Box::new(jsonl::JsonlSource::stdin(max_line_bytes, read)),
            Input::Jsonl(path) => Box::new(jsonl::JsonlSource::open(path, max_line_bytes, read)?),
            Input::TextDir(listing) => Box::new(textdir::TextDirSource::open(listing, read)),
        })
    }
}

/// Returns the JSON type name of `value`, for messages.
fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn parse_json(bytes: &[u8], fields: &FieldMap) -> Result<Record, IngestErrorKind> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return Err(IngestErrorKind::InvalidUtf8 { at_byte: e.valid_up_to() }),
    };
    // `from_str` does not validate UTF-8 a second time.
    let mut object: Map<String, Value> = match serde_json::from_str(text) {
        Ok(Value::Object(object)) => object,
        Ok(other) => {
            return Err(IngestErrorKind::InvalidJson(format!(
                "expected an object, found {}",
                type_name(&other)
            )))
        }
        Err(e) => return Err(IngestErrorKind::InvalidJson(e.to_string())),
    };
    let mut take = |slot: usize| object.remove(fields.key(slot));
    let id = match take(0) {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::String(_)) => return Err(IngestErrorKind::EmptyField(fields.key(0).into())),
        Some(Value::Number(n)) if n.is_u64() || n.is_i64() => n.to_string(),
        None | Some(Value::Null) => {
            return Err(IngestErrorKind::MissingField(fields.key(0).into()))
        }
        Some(other) => {
            return Err(IngestErrorKind::WrongType {
                field: fields.key(0).into(),
                expected: "a string or an integer",
                found: type_name(&other),
            })
        }
    };
    let title = match take(1) {
        Some(Value::String(s)) => s,
        None => return Err(IngestErrorKind::MissingField(fields.key(1).into())),
        Some(other) => return Err(wrong_string(fields.key(1), &other)),
    };
    let body = match take(2) {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::String(_)) => return Err(IngestErrorKind::EmptyField(fields.key(2).into())),
        None | Some(Value::Null) => {
            return Err(IngestErrorKind::MissingField(fields.key(2).into()))
        }
        Some(other) => return Err(wrong_string(fields.key(2), &other)),
    };
    let mut optional = |slot: usize| -> Result<Option<String>, IngestErrorKind> {
        match object.remove(fields.key(slot)) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(wrong_string(fields.key(slot), &other)),
        }
    };
    let date = match optional(3)? {
        None => None,
        Some(text) => Some(date::parse_date(&text).ok_or(IngestErrorKind::BadDate(text))?),
    };
    Ok(Record {
        id,
        title,
        body,
        date,
        source: optional(4)?,
        category: optional(5)?,
        url: optional(6)?,
    })
}

fn wrong_string(field: &str, value: &Value) -> IngestErrorKind {
    IngestErrorKind::WrongType {
        field: field.into(),
        expected: "a string",
        found: type_name(value),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Record, IngestErrorKind> {
        parse_json(line.as_bytes(), &FieldMap::default())
    }

    #[test]
    fn a_full_record() {
        let r = parse(r#"{"id":"a1","title":"عنوان","body":"نص","date":"2018-03-01","source":"bbc","category":"","url":null}"#).unwrap();
        assert_eq!((r.id.as_str(), r.title.as_str(), r.body.as_str()), ("a1", "عنوان", "نص"));
        assert_eq!(r.source.as_deref(), Some("bbc"));
        assert_eq!(r.category, None);
        assert!(r.date.is_some());
    }

    #[test]
    fn each_problem_has_its_reason() {
        let cases = [
            (r#"{"id":"a","title":"t"}"#, "missing field `body`"),
            (r#"{"id":"a","title":"t","body":"  "}"#, "field `body` is empty"),
            (r#"{"id":"a","title":"t","body":5}"#, "field `body` must be a string, found a number"),
            (
                r#"{"id":[1],"title":"t","body":"b"}"#,
                "field `id` must be a string or an integer, found an array",
            ),
            (
                r#"{"id":"a","title":"t","body":"b","date":"01/03/2018"}"#,
                "unparseable date \"01/03/2018\"",
            ),
            (r#"{"id":"a","title":"t","body":"b""#, "invalid JSON: EOF while parsing"),
            (r#"[1,2]"#, "invalid JSON: expected an object, found an array"),
            (r#"{"id":"a","title":"t","body":"\ud800"}"#, "invalid JSON: "),
        ];
        for (line, reason) in cases {
            let got = parse(line).unwrap_err().to_string();
            assert!(got.starts_with(reason), "{line}\n  expected: {reason}\n  got: {got}");
        }
        let got =
            parse_json(b"{\"id\":\"a\",\"title\":\"\xff\"}", &FieldMap::default()).unwrap_err();
        assert_eq!(got, IngestErrorKind::InvalidUtf8 { at_byte: 19 });
    }

    #[test]
    fn integer_ids_and_mapped_fields() {
        let mut map = FieldMap::default();
        map.map("title", "headline").unwrap();
        map.map("body", "text").unwrap();
        let r = parse_json(r#"{"id":42,"headline":"h","text":"t"}"#.as_bytes(), &map).unwrap();
        assert_eq!((r.id.as_str(), r.title.as_str(), r.body.as_str()), ("42", "h", "t"));
        assert!(FieldMap::default().map("nope", "x").is_err());
    }
}
