//! Parquet input (`.parquet`, as Hugging Face datasets ship): each row a
//! record, its top-level columns named as CSV headers name theirs (and
//! mapped with `--field` the same way). Strings are taken as they are,
//! numbers written in decimal, dates as `YYYY-MM-DD`, timestamps as RFC
//! 3339 in UTC; nested values as the `parquet` crate prints them. A row is
//! placed by its number (`FILE: record N:`), counted from 1.
//!
//! Rows are read with the `parquet` crate's record reader (no Arrow), then
//! checked and turned into records in parallel by
//! [`delimited::parse_row`](super::delimited::parse_row), as table rows are.

use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::reader::RowIter;
use parquet::record::{Field, Row as ParquetRow};

use super::delimited::Row;
use super::{IngestErrorKind, RawContent, RawItem, RawSource, Unit};
use crate::error::Result;

/// Reads the rows of a Parquet file.
pub(crate) struct ParquetSource {
    path: Arc<Path>,
    rows: RowIter<'static>,
    header: Arc<Vec<String>>,
    number: u64,
    /// The file's size and rows, to count bytes read by rows read.
    size: u64,
    total_rows: u64,
    counted: u64,
    read: Arc<AtomicU64>,
    value: String,
    /// A row could not be read: the rest of the file is not read.
    damaged: bool,
}

impl ParquetSource {
    /// Opens `path`, reading its footer (the schema and where each row
    /// group is). A file that is not Parquet gives the reason.
    pub(crate) fn open(path: &Path, read: Arc<AtomicU64>) -> Result<ParquetSource, String> {
        let bad = |e: parquet::errors::ParquetError| format!("not a readable Parquet file: {e}");
        let file = File::open(path).map_err(|e| e.to_string())?;
        let size = file.metadata().map_err(|e| e.to_string())?.len();
        let reader = SerializedFileReader::new(file).map_err(bad)?;
        let schema = reader.metadata().file_metadata().schema();
        let header = schema.get_fields().iter().map(|f| f.name().to_string()).collect();
        let total_rows = reader.metadata().file_metadata().num_rows().max(1) as u64;
        Ok(ParquetSource {
            path: path.into(),
            rows: reader.into_iter(),
            header: Arc::new(header),
            number: 0,
            size,
            total_rows,
            counted: 0,
            read,
            value: String::new(),
            damaged: false,
        })
    }

    /// The row as table fields, in the header's order.
    fn fields(&mut self, row: &ParquetRow) -> csv::ByteRecord {
        let mut fields = csv::ByteRecord::with_capacity(0, self.header.len());
        for (_, field) in row.get_column_iter() {
            match field {
                Field::Null => fields.push_field(b""),
                Field::Str(text) => fields.push_field(text.as_bytes()),
                Field::Bytes(bytes) => fields.push_field(bytes.data()),
                other => {
                    self.value.clear();
                    write_value(&mut self.value, other);
                    fields.push_field(self.value.as_bytes());
                }
            }
        }
        fields
    }
}

/// A scalar as a table would hold it: dates and timestamps as text the
/// date parser reads, others as the `parquet` crate prints them.
fn write_value(out: &mut String, field: &Field) {
    use std::fmt::Write;
    let day = time::Duration::days;
    let epoch = time::OffsetDateTime::UNIX_EPOCH;
    let rfc3339 = |at: Option<time::OffsetDateTime>| {
        at.and_then(|at| at.format(&time::format_description::well_known::Rfc3339).ok())
    };
    let text = match *field {
        Field::Date(days) => epoch.checked_add(day(days.into())).map(|at| at.date().to_string()),
        Field::TimestampMillis(ms) => rfc3339(epoch.checked_add(time::Duration::milliseconds(ms))),
        Field::TimestampMicros(us) => rfc3339(epoch.checked_add(time::Duration::microseconds(us))),
        _ => None,
    };
    match text {
        Some(text) => out.push_str(&text),
        None => {
            let _ = write!(out, "{field}");
        }
    }
}

impl RawSource for ParquetSource {
    fn next_batch(&mut self, max: usize, out: &mut Vec<RawItem>) -> Result<bool> {
        for _ in 0..max {
            let row = if self.damaged { None } else { self.rows.next() };
            let Some(row) = row else {
                self.read.fetch_add(self.size - self.counted, Ordering::Relaxed);
                self.counted = self.size;
                return Ok(false);
            };
            self.number += 1;
            let row = match row {
                Ok(row) => row,
                Err(e) => {
                    // Damage stays local: the rows before it are kept.
                    self.damaged = true;
                    let kind = IngestErrorKind::Damaged {
                        after: self.number - 1,
                        unit: Unit::Record,
                        offset: None,
                        reason: e.to_string(),
                    };
                    out.push(RawItem {
                        path: self.path.clone(),
                        line: self.number,
                        unit: Unit::Record,
                        content: RawContent::Rejected(kind),
                    });
                    continue;
                }
            };
            let fields = self.fields(&row);
            let content = RawContent::Row(Row {
                header: self.header.clone(),
                fields,
                delimiter: None,
                unclosed_quote: None,
                raw: None,
                raw_header: None,
            });
            out.push(RawItem {
                path: self.path.clone(),
                line: self.number,
                unit: Unit::Record,
                content,
            });
        }
        // Progress: the file's share of bytes for its share of rows.
        let done = (self.size as u128 * self.number as u128 / self.total_rows as u128) as u64;
        let done = done.min(self.size);
        self.read.fetch_add(done.saturating_sub(self.counted), Ordering::Relaxed);
        self.counted = self.counted.max(done);
        Ok(true)
    }
}
