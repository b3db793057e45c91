//! CSV and TSV input (`.csv`, `.tsv`, plain or `.gz`/`.zst` compressed):
//! a header row names the columns, quoted fields may hold commas, tabs,
//! quotes and newlines, a UTF-8 byte-order mark is ignored (the `csv`
//! crate's reader). Field names map to columns as JSON keys do
//! (`--field body=text`).
//!
//! Reading splits rows sequentially; each row is checked and turned into a
//! record later, in parallel, by [`parse_row`]. A row whose number of
//! fields differs from the header's is rejected with its line, and so is a
//! field whose opening quote is never closed (the `csv` reader would end
//! it at the end of the file, swallowing every row after it).

use std::collections::VecDeque;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::{FieldMap, IngestErrorKind, RawContent, RawItem, RawSource, Record, Unit};
use crate::error::{Error, Result};
use crate::ingest::date::parse_date;

/// Which separator a table uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    /// `,`
    Comma,
    /// A tab.
    Tab,
}

impl Delimiter {
    /// The separator's byte.
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Tab => b'\t',
        }
    }
}

/// One data row and the header it is read against.
#[derive(Debug, Clone)]
pub struct Row {
    /// The header's column names.
    pub header: Arc<Vec<String>>,
    /// The row's fields, as read.
    pub fields: csv::ByteRecord,
    /// The table's separator, to write the row back out; `None` for a
    /// Parquet row, written back as a JSON object.
    pub delimiter: Option<Delimiter>,
    /// The line of a quote this row opens and never closes.
    pub unclosed_quote: Option<(u64, u64)>,
}

/// What [`Scanner`] has seen of the bytes read: where lines end, and the
/// quoting state, mirroring the `csv` reader's (a quote opens a quoted
/// field only at a field's start; `""` inside one is a quote).
#[derive(Debug, Default)]
struct Scanned {
    /// Offsets of newlines not yet passed, each with whether its line is
    /// blank. What is kept spans the reader's buffer, not the file.
    newlines: VecDeque<(u64, bool)>,
    /// Whether the current line has had a byte other than `\r`.
    line_has_text: bool,
    /// Lines seen so far.
    lines: u64,
    state: Quoting,
    /// The offset and line of the quote that opened the current quoted
    /// field.
    opened: (u64, u64),
    /// The end of the input was reached.
    eof: bool,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    #[default]
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// Watches the bytes the `csv` reader reads, so that a row starting at a
/// byte offset gets its line number (the reader's own count is off after
/// `\r\n` line ends and blank lines), and a quote never closed is known.
struct Scanner<R> {
    inner: R,
    offset: u64,
    delimiter: u8,
    seen: Arc<Mutex<Scanned>>,
}

impl<R: Read> Read for Scanner<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if n == 0 {
            seen.eof = true;
        }
        let seen = &mut *seen;
        let (mut state, mut has_text) = (seen.state, seen.line_has_text);
        let mut i = 0;
        while i < n {
            let b = buf[i];
            if b != b'"' && b != b'\n' && b != b'\r' && b != self.delimiter {
                // A run of plain bytes: text on the line, in or out of quotes.
                has_text = true;
                if state != Quoting::Quoted {
                    state = Quoting::Unquoted;
                }
                i += 1;
                while i < n && !matches!(buf[i], b'"' | b'\n' | b'\r') && buf[i] != self.delimiter {
                    i += 1;
                }
                continue;
            }
            let at = self.offset + i as u64;
            if b == b'\n' {
                seen.newlines.push_back((at, !has_text));
                has_text = false;
                seen.lines += 1;
            } else if b != b'\r' {
                has_text = true;
            }
            state = match (state, b) {
                (Quoting::FieldStart, b'"') => {
                    seen.opened = (at, seen.lines + 1);
                    Quoting::Quoted
                }
                (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
                (Quoting::Quoted, _) => Quoting::Quoted,
                (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
                // A quote inside an unquoted field is a quote.
                (Quoting::Unquoted, b'"') => Quoting::Unquoted,
                // Only the delimiter and line ends are left.
                (_, _) => Quoting::FieldStart,
            };
            i += 1;
        }
        seen.state = state;
        seen.line_has_text = has_text;
        self.offset += n as u64;
        Ok(n)
    }
}

/// Reads rows of a CSV or TSV file.
pub struct DelimitedSource {
    path: Arc<Path>,
    reader: csv::Reader<Scanner<Box<dyn Read + Send>>>,
    scanned: Arc<Mutex<Scanned>>,
    /// Newlines before the last row's start.
    lines_passed: u64,
    header: Option<Arc<Vec<String>>>,
    record: csv::ByteRecord,
    delimiter: Delimiter,
}

impl DelimitedSource {
    /// Reads `reader` (already decompressed) as a table named `path`.
    pub fn new(path: &Path, reader: Box<dyn Read + Send>, delimiter: Delimiter) -> Self {
        let scanned = Arc::new(Mutex::new(Scanned::default()));
        let reader = Scanner {
            inner: reader,
            offset: 0,
            delimiter: delimiter.byte(),
            seen: scanned.clone(),
        };
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter.byte())
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 20)
            .from_reader(reader);
        DelimitedSource {
            path: path.into(),
            reader,
            scanned,
            lines_passed: 0,
            header: None,
            record: csv::ByteRecord::new(),
            delimiter,
        }
    }
}

impl RawSource for DelimitedSource {
    fn next_batch(&mut self, max: usize, out: &mut Vec<RawItem>) -> Result<bool> {
        let path = self.path.clone();
        for _ in 0..max {
            let more = match self.reader.read_byte_record(&mut self.record) {
                Ok(more) => more,
                Err(e) => return Err(Error::Invalid(format!("{}: {e}", path.display()))),
            };
            if !more {
                return Ok(false);
            }
            // The row's line: one more than the newlines before its start.
            let start = self.record.position().map_or(0, |p| p.byte());
            let end = self.reader.position().byte();
            let mut unclosed_quote = None;
            {
                let mut seen = self.scanned.lock().unwrap_or_else(|e| e.into_inner());
                // After `\r\n` the reader puts a row's start on the `\n`;
                // blank lines before the row are passed with it.
                while seen.newlines.front().is_some_and(|&(at, blank)| at <= start || blank) {
                    seen.newlines.pop_front();
                    self.lines_passed += 1;
                }
                let (opened_at, opened_line) = seen.opened;
                if seen.eof
                    && seen.state == Quoting::Quoted
                    && start <= opened_at
                    && opened_at < end
                {
                    unclosed_quote = Some((opened_line, seen.lines.max(opened_line)));
                }
            }
            let line = self.lines_passed + 1;
            let Some(header) = &self.header else {
                let mut names = Vec::with_capacity(self.record.len());
                for (i, name) in self.record.iter().enumerate() {
                    let mut name = String::from_utf8_lossy(name).trim().to_string();
                    if i == 0 {
                        // A byte-order mark the reader left in place.
                        name = name.trim_start_matches('\u{feff}').to_string();
                    }
                    names.push(name);
                }
                self.header = Some(Arc::new(names));
                continue;
            };
            if self.record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            let next = csv::ByteRecord::with_capacity(self.record.as_slice().len(), header.len());
            let content = RawContent::Row(Row {
                header: header.clone(),
                // The row's own buffer handed over, a new one as large
                // made for the next: no copy, no growth.
                fields: std::mem::replace(&mut self.record, next),
                delimiter: Some(self.delimiter),
                unclosed_quote,
            });
            out.push(RawItem { path: path.clone(), line, unit: Unit::Line, content });
        }
        Ok(true)
    }
}

/// Turns a row into a record, reading each field from the column `fields`
/// maps it to.
pub fn parse_row(row: &Row, fields: &FieldMap) -> std::result::Result<Record, IngestErrorKind> {
    if let Some((line, last)) = row.unclosed_quote {
        return Err(IngestErrorKind::UnclosedQuote { line, last });
    }
    if row.fields.len() != row.header.len() {
        return Err(IngestErrorKind::Columns {
            found: row.fields.len(),
            expected: row.header.len(),
        });
    }
    let mut values: [Option<&str>; 7] = [None; 7];
    for (slot, value) in values.iter_mut().enumerate() {
        let name = fields.key(slot);
        let Some(column) = row.header.iter().position(|h| h == name) else { continue };
        let bytes = &row.fields[column];
        let text = std::str::from_utf8(bytes)
            .map_err(|e| super::encoding::not_utf8(bytes, e.valid_up_to()))?;
        *value = Some(text);
    }
    let required = |slot: usize| -> std::result::Result<&str, IngestErrorKind> {
        values[slot].ok_or_else(|| IngestErrorKind::MissingColumn {
            name: fields.key(slot).into(),
            columns: row.header.join(", "),
        })
    };
    let id = required(0)?.trim();
    if id.is_empty() {
        return Err(IngestErrorKind::EmptyField(fields.key(0).into()));
    }
    let title = required(1)?;
    let body = required(2)?;
    if body.trim().is_empty() {
        return Err(IngestErrorKind::EmptyField(fields.key(2).into()));
    }
    let optional = |slot: usize| values[slot].map(str::trim).filter(|v| !v.is_empty());
    let date = match optional(3) {
        Some(text) => Some(parse_date(text).ok_or_else(|| IngestErrorKind::BadDate(text.into()))?),
        None => None,
    };
    Ok(Record {
        id: id.to_string(),
        title: title.to_string(),
        body: body.to_string(),
        date,
        source: optional(4).map(String::from),
        category: optional(5).map(String::from),
        url: optional(6).map(String::from),
    })
}

/// The row written back as one record of its table, for the rejects file
/// (a Parquet row as a JSON object of its columns).
pub fn row_bytes(row: &Row) -> Vec<u8> {
    let Some(delimiter) = row.delimiter else {
        let object: serde_json::Map<String, serde_json::Value> = row
            .header
            .iter()
            .zip(row.fields.iter())
            .map(|(name, value)| (name.clone(), String::from_utf8_lossy(value).into_owned().into()))
            .collect();
        return serde_json::to_vec(&object).unwrap_or_default();
    };
    let mut out = Vec::new();
    {
        let mut writer =
            csv::WriterBuilder::new().delimiter(delimiter.byte()).from_writer(&mut out);
        let _ = writer.write_byte_record(&row.fields);
        let _ = writer.flush();
    }
    while out.last() == Some(&b'\n') {
        out.pop();
    }
    out
}

/// The header of the table `item` is a row of, written as its first line
/// was (empty for anything else).
pub fn header_bytes(item: &super::RawItem) -> Vec<u8> {
    let RawContent::Row(row) = &item.content else { return Vec::new() };
    let Some(delimiter) = row.delimiter else { return Vec::new() };
    let mut out = Vec::new();
    {
        let mut writer =
            csv::WriterBuilder::new().delimiter(delimiter.byte()).from_writer(&mut out);
        let _ = writer.write_record(row.header.iter());
        let _ = writer.flush();
    }
    while out.last() == Some(&b'\n') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row's line and whether it opens a quote never closed.
    fn rows(table: &'static str) -> Vec<(u64, Option<(u64, u64)>)> {
        let reader = Box::new(std::io::Cursor::new(table.as_bytes()));
        let mut source = DelimitedSource::new(Path::new("t.csv"), reader, Delimiter::Comma);
        let mut items = Vec::new();
        while source.next_batch(1, &mut items).unwrap() {}
        items
            .iter()
            .map(|item| match &item.content {
                RawContent::Row(row) => (item.line, row.unclosed_quote),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn quotes_are_tracked_as_the_csv_reader_reads_them() {
        // A quote inside an unquoted field is a character; `""` inside a
        // quoted one is a quote; a quoted field may span lines.
        let table = "id,body\na,5\" screen\nb,\"say \"\"hi\"\"\nthen\"\nc,x\"\n";
        assert_eq!(rows(table), [(2, None), (3, None), (5, None)]);
        // The last row's quote never closes.
        let table = "id,body\na,ok\n\nb,\"open\nc,more\n";
        assert_eq!(rows(table), [(2, None), (4, Some((4, 5)))]);
        // A quote closed at the very end is fine, with or without a newline.
        assert_eq!(rows("id,body\na,\"x\ny\""), [(2, None)]);
    }
}
