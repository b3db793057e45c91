//! JSON Lines input: plain, gzip (`.gz`) or zstd (`.zst`) compressed, or
//! standard input. Lines are split on `\n` only (bodies may hold U+2028),
//! a trailing `\r` is dropped, blank lines are skipped, and a line over the
//! size limit is reported without being held in memory.
//!
//! Reading is sequential; each line is parsed later, in parallel, by
//! [`parse_line`] (in `record.rs`).

mod record;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

pub(crate) use self::record::parse_line;
use super::{has_extension, CountingReader, IngestErrorKind, RawContent, RawItem, RawSource, Unit};
use crate::error::{Error, Result};

/// Reads raw JSON lines.
pub(crate) struct JsonlSource {
    path: Arc<Path>,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    max_line_bytes: u64,
}

impl JsonlSource {
    /// Reads `reader` (decompressed and decoded) as the input `path`.
    pub(crate) fn new(
        path: &Path,
        reader: Box<dyn Read + Send>,
        max_line_bytes: u64,
    ) -> JsonlSource {
        JsonlSource {
            path: path.into(),
            reader: Box::new(BufReader::with_capacity(1 << 20, reader)),
            line: 0,
            max_line_bytes,
        }
    }
}

/// The file at `path`, decompressed by its extension (`.gz`, `.zst`),
/// its compressed bytes counted into `read`.
pub(crate) fn decompressed(path: &Path, read: Arc<AtomicU64>) -> Result<Box<dyn Read + Send>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let counted = CountingReader::new(file, read);
    Ok(if has_extension(path, "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(counted)))
    } else if has_extension(path, "zst") {
        Box::new(zstd::stream::read::Decoder::new(counted).map_err(|e| Error::io(path, e))?)
    } else {
        Box::new(counted)
    })
}

impl RawSource for JsonlSource {
    fn next_batch(&mut self, max: usize, out: &mut Vec<RawItem>) -> Result<bool> {
        let path = self.path.clone();
        let mut batch_bytes = 0usize;
        for _ in 0..max {
            if batch_bytes > super::BATCH_BYTES {
                return Ok(true);
            }
            let mut bytes = Vec::new();
            let status = read_line_capped(&mut self.reader, &mut bytes, self.max_line_bytes)
                .map_err(|e| Error::io(&*path, e))?;
            self.line += 1;
            if self.line == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
                // A byte-order mark, as Windows editors write.
                bytes.drain(..3);
            }
            let item = |content| RawItem {
                path: path.clone(),
                line: self.line,
                unit: Unit::Line,
                content,
            };
            match status {
                LineStatus::End => return Ok(false),
                LineStatus::Line if bytes.iter().all(u8::is_ascii_whitespace) => {}
                LineStatus::Line => {
                    batch_bytes += bytes.len();
                    out.push(item(RawContent::JsonLine(bytes)))
                }
                LineStatus::Binary(at_byte) => {
                    out.push(item(RawContent::Rejected(IngestErrorKind::Binary { at_byte })));
                    return Ok(false);
                }
                LineStatus::TooLong(len) => {
                    out.push(item(RawContent::Rejected(IngestErrorKind::TooLong {
                        bytes: len,
                        max_bytes: self.max_line_bytes,
                    })))
                }
            }
        }
        Ok(true)
    }
}

/// What [`read_line_capped`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum LineStatus {
    /// A line is in the buffer.
    Line,
    /// A line of this many bytes was skipped: over the limit.
    TooLong(u64),
    /// End of input.
    End,
    /// A line over the limit holds a NUL byte at this offset of the line:
    /// the input is not text, and reading stops there.
    Binary(u64),
}

/// Reads one `\n`-terminated line into `buf` (without `\n` or a final
/// `\r`), holding at most `max_bytes` of it in memory.
pub(crate) fn read_line_capped(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max_bytes: u64,
) -> io::Result<LineStatus> {
    buf.clear();
    let mut len: u64 = 0;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        if len + chunk.len() as u64 > max_bytes {
            // Over the limit and holding NUL bytes: not text (`/dev/zero`),
            // and its end may never come.
            if let Some(nul) = chunk.iter().position(|&b| b == 0) {
                return Ok(LineStatus::Binary(len + nul as u64));
            }
        }
        len += chunk.len() as u64;
        if len <= max_bytes {
            buf.extend_from_slice(chunk);
        } else if !buf.is_empty() {
            buf.clear();
            buf.shrink_to(1 << 16);
        }
        let consumed = done.unwrap_or(chunk.len());
        reader.consume(consumed);
        if done.is_some() {
            break;
        }
    }
    if !any {
        return Ok(LineStatus::End);
    }
    if len > max_bytes {
        return Ok(LineStatus::TooLong(len));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(LineStatus::Line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_split_on_newline_only_and_capped() {
        let data = "a\u{2028}b\r\n\n0123456789\nlast".as_bytes();
        let mut reader = BufReader::with_capacity(4, data);
        let mut buf = Vec::new();
        let mut got = Vec::new();
        loop {
            match read_line_capped(&mut reader, &mut buf, 8).unwrap() {
                LineStatus::End => break,
                LineStatus::Line => got.push(String::from_utf8(buf.clone()).unwrap()),
                LineStatus::TooLong(n) => got.push(format!("too long: {n}")),
                LineStatus::Binary(n) => got.push(format!("binary: {n}")),
            }
        }
        assert_eq!(got, ["a\u{2028}b", "", "too long: 10", "last"]);
    }
}
