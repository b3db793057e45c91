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

use super::{Encoding, FieldMap, IngestErrorKind, RawContent, RawItem, RawSource, Record, Unit};
use crate::error::{Error, Result};
use crate::ingest::DateFormat;

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
    /// The table's separator; `None` for a Parquet row, written back to a
    /// rejects file as a JSON object.
    pub delimiter: Option<Delimiter>,
    /// The line of a quote this row opens and never closes.
    pub unclosed_quote: Option<(u64, u64)>,
    /// The row's bytes exactly as read (without its line end), for a
    /// rejects file; `None` for Parquet, and for a row cut at the limit.
    pub raw: Option<Vec<u8>>,
    /// The header line exactly as read (shared by the table's rows).
    pub raw_header: Option<Arc<Vec<u8>>>,
}

/// What [`Scanner`] has seen of the bytes read: where lines end, and the
/// quoting state, mirroring the `csv` reader's (a quote opens a quoted
/// field only at a field's start; `""` inside one is a quote). Offsets
/// are of the bytes handed to the `csv` reader (a row over the limit is
/// handed only up to the limit).
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
    /// The bytes handed to the reader from offset `raw_start` on: the
    /// rows not yet taken, as they were read.
    raw: Vec<u8>,
    raw_start: u64,
    /// Bytes of the current row so far (all of them, handed over or not).
    row_bytes: u64,
    /// The row being cut: the offset where it was cut and the quoting
    /// state of what the reader got.
    cut: Option<(u64, Quoting)>,
    /// Rows cut at the limit: the offset of the cut and the row's size.
    too_long: VecDeque<(u64, u64)>,
    /// The offset in the file of a NUL byte in a row over the limit: the
    /// file is not read further.
    binary: Option<u64>,
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
/// `\r\n` line ends and blank lines), a quote never closed is known, each
/// row's bytes are kept as read, and a row over `max_row_bytes` is handed
/// over only up to the limit (its quote closed, so the reader ends it
/// where the row ends): the `csv` reader never holds more than that.
struct Scanner<R> {
    inner: R,
    /// Bytes handed to the reader so far.
    offset: u64,
    /// Bytes read from `inner` so far.
    read_offset: u64,
    delimiter: u8,
    max_row_bytes: u64,
    seen: Arc<Mutex<Scanned>>,
    /// Bytes read from `inner`, and those of them ready to hand over.
    scratch: Vec<u8>,
    out: Vec<u8>,
    out_at: usize,
}

impl<R: Read> Scanner<R> {
    /// Reads a chunk from `inner` and scans it into `out`.
    fn fill(&mut self) -> std::io::Result<()> {
        self.out.clear();
        self.out_at = 0;
        let mut guard = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let seen = &mut *guard;
        if seen.binary.is_some() {
            seen.eof = true;
            return Ok(());
        }
        self.scratch.resize(1 << 16, 0);
        let n = loop {
            match self.inner.read(&mut self.scratch) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                other => break other?,
            }
        };
        if n == 0 {
            seen.eof = true;
            if let Some((at, _)) = seen.cut.take() {
                seen.too_long.push_back((at, seen.row_bytes));
            }
            return Ok(());
        }
        let (mut state, mut has_text) = (seen.state, seen.line_has_text);
        for (i, &b) in self.scratch[..n].iter().enumerate() {
            let was = state;
            seen.row_bytes += 1;
            if seen.cut.is_none() && seen.row_bytes > self.max_row_bytes {
                seen.cut = Some((self.offset + self.out.len() as u64, state));
            }
            if seen.cut.is_some() && b == 0 {
                seen.binary = Some(self.read_offset + i as u64);
                let (at, _) = seen.cut.take().unwrap_or_default();
                seen.too_long.push_back((at, seen.row_bytes));
                break;
            }
            let ends_row = b == b'\n' && was != Quoting::Quoted;
            if ends_row {
                if let Some((at, passed)) = seen.cut.take() {
                    seen.too_long.push_back((at, seen.row_bytes - 1));
                    if passed == Quoting::Quoted {
                        // Close the cut field for the reader.
                        self.out.push(b'"');
                    }
                }
                seen.row_bytes = 0;
            }
            let at = self.offset + self.out.len() as u64;
            if seen.cut.is_none() {
                self.out.push(b);
            }
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
                (_, b'\n' | b'\r') => Quoting::FieldStart,
                (_, b) if b == self.delimiter => Quoting::FieldStart,
                (Quoting::QuoteInQuoted, _) | (Quoting::Unquoted, _) | (Quoting::FieldStart, _) => {
                    Quoting::Unquoted
                }
            };
        }
        seen.state = state;
        seen.line_has_text = has_text;
        seen.raw.extend_from_slice(&self.out);
        self.offset += self.out.len() as u64;
        self.read_offset += n as u64;
        Ok(())
    }
}

impl<R: Read> Read for Scanner<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.out_at == self.out.len() {
            self.fill()?;
            if self.out.is_empty() && self.seen.lock().map_or(true, |s| s.eof) {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.out_at);
        buf[..n].copy_from_slice(&self.out[self.out_at..self.out_at + n]);
        self.out_at += n;
        Ok(n)
    }
}

/// A table's column names, and its header line as read.
type Header = (Arc<Vec<String>>, Arc<Vec<u8>>);

/// Reads rows of a CSV or TSV file.
pub(crate) struct DelimitedSource {
    path: Arc<Path>,
    reader: csv::Reader<Scanner<Box<dyn Read + Send>>>,
    scanned: Arc<Mutex<Scanned>>,
    /// Newlines before the last row's start.
    lines_passed: u64,
    header: Option<Header>,
    record: csv::ByteRecord,
    delimiter: Delimiter,
    encoding: Encoding,
    max_row_bytes: u64,
    /// Whether the NUL bytes that ended the file were reported.
    binary_reported: bool,
}

impl DelimitedSource {
    /// Reads `reader` (already decompressed, not decoded: the header is
    /// decoded from `encoding`, rows when they are parsed) as a table
    /// named `path`; a row over `max_row_bytes` is rejected, not held.
    pub(crate) fn new(
        path: &Path,
        reader: Box<dyn Read + Send>,
        delimiter: Delimiter,
        encoding: Encoding,
        max_row_bytes: u64,
    ) -> Self {
        let scanned = Arc::new(Mutex::new(Scanned::default()));
        let reader = Scanner {
            inner: reader,
            offset: 0,
            read_offset: 0,
            delimiter: delimiter.byte(),
            max_row_bytes,
            seen: scanned.clone(),
            scratch: Vec::new(),
            out: Vec::new(),
            out_at: 0,
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
            encoding,
            max_row_bytes,
            binary_reported: false,
        }
    }

    fn item(&self, line: u64, content: RawContent) -> RawItem {
        RawItem { path: self.path.clone(), line, unit: Unit::Line, content }
    }
}

/// `bytes` without the line breaks before it and one line end after it.
fn row_slice(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != b'\n' && b != b'\r').unwrap_or(bytes.len());
    let bytes = &bytes[start..];
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes.strip_suffix(b"\r").unwrap_or(bytes)
}

impl RawSource for DelimitedSource {
    fn next_batch(&mut self, max: usize, out: &mut Vec<RawItem>) -> Result<bool> {
        let path = self.path.clone();
        let mut batch_bytes = 0usize;
        for _ in 0..max {
            if batch_bytes > super::BATCH_BYTES {
                return Ok(true);
            }
            let more = match self.reader.read_byte_record(&mut self.record) {
                Ok(more) => more,
                Err(e) => {
                    return Err(Error::UnreadableInput {
                        path: path.to_path_buf(),
                        reason: e.to_string(),
                    })
                }
            };
            if !more {
                let binary = self.scanned.lock().unwrap_or_else(|e| e.into_inner()).binary;
                if let (Some(at_byte), false) = (binary, self.binary_reported) {
                    self.binary_reported = true;
                    let line = self.lines_passed + 1;
                    out.push(
                        self.item(line, RawContent::Rejected(IngestErrorKind::Binary { at_byte })),
                    );
                }
                return Ok(false);
            }
            // The row's line: one more than the newlines before its start.
            let start = self.record.position().map_or(0, |p| p.byte());
            let end = self.reader.position().byte();
            let mut unclosed_quote = None;
            let mut cut = None;
            let raw;
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
                while let Some(&(at, bytes)) = seen.too_long.front() {
                    if at >= end {
                        break;
                    }
                    seen.too_long.pop_front();
                    if at >= start {
                        cut = Some(bytes);
                    }
                }
                let from = (start.saturating_sub(seen.raw_start) as usize).min(seen.raw.len());
                let to = (end.saturating_sub(seen.raw_start) as usize).min(seen.raw.len());
                raw = row_slice(&seen.raw[from..to]).to_vec();
                seen.raw.drain(..to);
                seen.raw_start += to as u64;
            }
            let line = self.lines_passed + 1;
            let Some((header, raw_header)) = &self.header else {
                let mut names = Vec::with_capacity(self.record.len());
                for (i, name) in self.record.iter().enumerate() {
                    let name = self.encoding.decode(name);
                    let mut name = String::from_utf8_lossy(&name).trim().to_string();
                    if i == 0 {
                        // A byte-order mark the reader left in place.
                        name = name.trim_start_matches('\u{feff}').to_string();
                    }
                    names.push(name);
                }
                self.header = Some((Arc::new(names), Arc::new(raw)));
                continue;
            };
            if let (Some(bytes), None) = (cut, unclosed_quote) {
                let too_long = IngestErrorKind::TooLong { bytes, max_bytes: self.max_row_bytes };
                out.push(self.item(line, RawContent::Rejected(too_long)));
                continue;
            }
            if self.record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            batch_bytes += raw.len() * 2;
            let next = csv::ByteRecord::with_capacity(self.record.as_slice().len(), header.len());
            let content = RawContent::Row(Row {
                header: header.clone(),
                // The row's own buffer handed over, a new one as large
                // made for the next: no copy, no growth.
                fields: std::mem::replace(&mut self.record, next),
                delimiter: Some(self.delimiter),
                unclosed_quote,
                // A row cut at the limit is not kept: it is not whole.
                raw: cut.is_none().then_some(raw),
                raw_header: Some(raw_header.clone()),
            });
            out.push(RawItem { path: path.clone(), line, unit: Unit::Line, content });
        }
        Ok(true)
    }
}

/// Turns a row into a record, reading each field from the column `fields`
/// maps it to.
pub(crate) fn parse_row(
    row: &Row,
    fields: &FieldMap,
    encoding: Encoding,
    dates: &DateFormat,
) -> std::result::Result<Record, IngestErrorKind> {
    if let Some((line, last)) = row.unclosed_quote {
        return Err(IngestErrorKind::UnclosedQuote { line, last });
    }
    if row.fields.len() != row.header.len() {
        return Err(IngestErrorKind::Columns {
            found: row.fields.len(),
            expected: row.header.len(),
        });
    }
    let mut decoded: [Option<std::borrow::Cow<'_, [u8]>>; 7] = Default::default();
    for (slot, value) in decoded.iter_mut().enumerate() {
        let name = fields.key(slot);
        let Some(column) = row.header.iter().position(|h| h == name) else { continue };
        *value = Some(encoding.decode_record(&row.fields[column])?);
    }
    let mut values: [Option<&str>; 7] = [None; 7];
    for (value, bytes) in values.iter_mut().zip(&decoded) {
        if let Some(bytes) = bytes {
            let text = std::str::from_utf8(bytes)
                .map_err(|e| super::encoding::not_utf8(bytes, e.valid_up_to()))?;
            *value = Some(text);
        }
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
    let date = optional(3).and_then(|text| dates.read(text));
    Ok(Record {
        id: id.to_string(),
        title: title.to_string(),
        body: body.to_string(),
        date: date.map(crate::ingest::ArticleDate::from_tantivy),
        unread_date: optional(3).filter(|_| date.is_none()).map(String::from),
        source: optional(4).map(String::from),
        category: optional(5).map(String::from),
        url: optional(6).map(String::from),
    })
}

/// The row as a rejects file gets it: a table row's bytes as read; a
/// Parquet row as a JSON object of its columns, a value that is not UTF-8
/// written with its own bytes (so it is rejected again, not mended by a
/// guess, until someone fixes it).
pub(crate) fn row_bytes(row: &Row) -> Option<std::borrow::Cow<'_, [u8]>> {
    if row.delimiter.is_some() {
        return row.raw.as_deref().map(std::borrow::Cow::Borrowed);
    }
    let mut out = vec![b'{'];
    for (i, (name, value)) in row.header.iter().zip(row.fields.iter()).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_string(&mut out, name.as_bytes());
        out.push(b':');
        json_string(&mut out, value);
    }
    out.push(b'}');
    Some(std::borrow::Cow::Owned(out))
}

/// Appends `bytes` as a JSON string: its UTF-8 parts escaped as JSON
/// escapes them, any other byte as it is.
fn json_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'"');
    for chunk in bytes.utf8_chunks() {
        let escaped = serde_json::to_string(chunk.valid()).unwrap_or_default();
        out.extend_from_slice(&escaped.as_bytes()[1..escaped.len() - 1]);
        out.extend_from_slice(chunk.invalid());
    }
    out.push(b'"');
}

/// The header line of the table `item` is a row of, as it was read
/// (empty for anything else).
pub(crate) fn header_bytes(item: &super::RawItem) -> &[u8] {
    match &item.content {
        RawContent::Row(Row { raw_header: Some(header), .. }) => header,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row's line and whether it opens a quote never closed.
    fn rows(table: &'static str) -> Vec<(u64, Option<(u64, u64)>)> {
        let reader = Box::new(std::io::Cursor::new(table.as_bytes()));
        let mut source = DelimitedSource::new(
            Path::new("t.csv"),
            reader,
            Delimiter::Comma,
            Encoding::Utf8,
            1 << 20,
        );
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
