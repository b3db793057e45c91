//! LDC Gigaword SGML (`.sgml`, `.sgm`, or a file whose content starts with
//! `<DOC`, plain or `.gz`/`.zst` compressed): a sequence of
//!
//! ```text
//! <DOC id="AAW_ARB_20030101.0001" type="story" >
//! <HEADLINE>…</HEADLINE>
//! <DATELINE>…</DATELINE>
//! <TEXT>
//! <P>…</P>
//! </TEXT>
//! </DOC>
//! ```
//!
//! Reading cuts the file into documents from a line that starts with
//! `<DOC` to a line that is `</DOC>`; each is parsed later, in parallel,
//! by [`parse_doc`]. By default the id is the `id` attribute; the title
//! the HEADLINE; the body the DATELINE then the TEXT's paragraphs (each
//! paragraph's lines joined by spaces, paragraphs by a blank line); the
//! source and date come from the id (`AAW_ARB_20030101.0001` → `aaw_arb`,
//! 2003-01-01); the category is the `type` attribute. `--field` maps a
//! field to another element or attribute (`--field body=TEXT` leaves the
//! dateline out).

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use super::jsonl::{read_line_capped, LineStatus};
use super::{encoding, FieldMap, IngestErrorKind, RawContent, RawItem, RawSource, Record, Unit};
use crate::error::{Error, Result};
use crate::ingest::date::{parse_date, DateFormat};

/// One `<DOC>` as read: its lines, and whether `</DOC>` ended it.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The lines from `<DOC` on, each ending in `\n`.
    pub bytes: Vec<u8>,
    /// Why it ended without `</DOC>`, if it did.
    pub unclosed: Option<Unclosed>,
}

/// What came where `</DOC>` should have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unclosed {
    /// Another `<DOC` on this line.
    NextDoc(u64),
    /// The end of the file.
    End,
}

/// Reads the documents of a Gigaword SGML file.
pub(crate) struct SgmlSource {
    path: Arc<Path>,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    max_bytes: u64,
    /// The document being read and its first line.
    open: Option<(Doc, u64)>,
    /// The first line of a run of text outside any document.
    stray: Option<u64>,
    buf: Vec<u8>,
}

impl SgmlSource {
    /// Reads `reader` (decompressed and decoded) as the file `path`. A
    /// document over `max_bytes` is reported without being held.
    pub(crate) fn new(path: &Path, reader: Box<dyn Read + Send>, max_bytes: u64) -> Self {
        SgmlSource {
            path: path.into(),
            reader: Box::new(BufReader::with_capacity(1 << 20, reader)),
            line: 0,
            max_bytes,
            open: None,
            stray: None,
            buf: Vec::new(),
        }
    }

    fn item(&self, line: u64, content: RawContent) -> RawItem {
        RawItem { path: self.path.clone(), line, unit: Unit::Line, content }
    }

    /// Ends the open document, if any, as `unclosed` says.
    fn close(&mut self, unclosed: Option<Unclosed>, out: &mut Vec<RawItem>) {
        if let Some((mut doc, start)) = self.open.take() {
            doc.unclosed = unclosed;
            let content = if doc.bytes.len() as u64 > self.max_bytes {
                RawContent::Rejected(IngestErrorKind::TooLong {
                    bytes: doc.bytes.len() as u64,
                    max_bytes: self.max_bytes,
                })
            } else {
                RawContent::SgmlDoc(doc)
            };
            out.push(self.item(start, content));
        }
    }

    /// Reports a run of text outside any document that has just ended.
    fn end_stray(&mut self, out: &mut Vec<RawItem>) {
        if let Some(line) = self.stray.take() {
            out.push(self.item(line, RawContent::Rejected(IngestErrorKind::OutsideDoc)));
        }
    }
}

impl RawSource for SgmlSource {
    fn next_batch(&mut self, max: usize, out: &mut Vec<RawItem>) -> Result<bool> {
        let start = out.len();
        let mut batch_bytes = 0usize;
        while out.len() - start < max && batch_bytes <= super::BATCH_BYTES {
            // A line over the limit is cut to it: the document it is in is
            // then over the limit too, and reported so.
            let status = read_line_capped(&mut self.reader, &mut self.buf, self.max_bytes)
                .map_err(|e| Error::io(&*self.path, e))?;
            self.line += 1;
            let buf = std::mem::take(&mut self.buf);
            let mut line: &[u8] = match status {
                LineStatus::End => {
                    self.close(Some(Unclosed::End), out);
                    self.end_stray(out);
                    return Ok(false);
                }
                LineStatus::Binary(at_byte) => {
                    // Not text: the open document ends with the file.
                    self.close(Some(Unclosed::End), out);
                    self.end_stray(out);
                    out.push(RawItem {
                        path: self.path.clone(),
                        line: self.line,
                        unit: Unit::Line,
                        content: RawContent::Rejected(IngestErrorKind::Binary { at_byte }),
                    });
                    return Ok(false);
                }
                LineStatus::Line => &buf,
                LineStatus::TooLong(_) => b"",
            };
            if self.line == 1 {
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            }
            let trimmed = line.trim_ascii();
            if starts_with_tag(trimmed, b"DOC") {
                self.end_stray(out);
                self.close(Some(Unclosed::NextDoc(self.line)), out);
                self.open = Some((Doc { bytes: Vec::new(), unclosed: None }, self.line));
            }
            match &mut self.open {
                Some((doc, _)) => {
                    if matches!(status, LineStatus::TooLong(_)) {
                        // Over the limit: reported as such when it ends.
                        doc.bytes.resize(self.max_bytes as usize + 1, b' ');
                    } else if (doc.bytes.len() as u64) <= self.max_bytes {
                        batch_bytes += line.len() + 1;
                        doc.bytes.extend_from_slice(line);
                        doc.bytes.push(b'\n');
                    }
                    if ends_with_close(trimmed) {
                        self.close(None, out);
                    }
                }
                None if trimmed.is_empty() => self.end_stray(out),
                None => {
                    self.stray.get_or_insert(self.line);
                }
            }
            self.buf = buf;
        }
        Ok(true)
    }
}

/// True when `head`, the start of a file, is Gigaword SGML: `<DOC` after
/// any byte-order mark and white space.
pub(crate) fn starts_with_doc(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    starts_with_tag(head.trim_ascii_start(), b"DOC")
}

/// True when `text` starts with the tag `<name` (any case) followed by
/// `>` or a space.
fn starts_with_tag(text: &[u8], name: &[u8]) -> bool {
    text.len() > name.len() + 1
        && text[0] == b'<'
        && text[1..=name.len()].eq_ignore_ascii_case(name)
        && matches!(text[name.len() + 1], b'>' | b' ' | b'\t' | b'\r' | b'/')
}

/// True when a line ends a document: `</DOC>` (any case) at its end.
fn ends_with_close(line: &[u8]) -> bool {
    line.len() >= 6 && line[line.len() - 6..].eq_ignore_ascii_case(b"</DOC>")
}

/// The default element or attribute of each field, in [`FieldMap`]
/// order; `None`: from the id (date, source) or nowhere (url).
const DEFAULTS: [Option<&str>; 7] =
    [Some("id"), Some("HEADLINE"), Some("TEXT"), None, None, Some("type"), None];

/// Turns one document into a record.
pub(crate) fn parse_doc(
    doc: &Doc,
    fields: &FieldMap,
    text_encoding: encoding::Encoding,
    dates: &DateFormat,
) -> std::result::Result<Record, IngestErrorKind> {
    if let Some(unclosed) = doc.unclosed {
        return Err(IngestErrorKind::UnclosedDoc(match unclosed {
            Unclosed::NextDoc(line) => Some(line),
            Unclosed::End => None,
        }));
    }
    let bytes = text_encoding.decode_record(&doc.bytes)?;
    let text =
        std::str::from_utf8(&bytes).map_err(|e| encoding::not_utf8(&bytes, e.valid_up_to()))?;
    let open_end = text.find('>').unwrap_or(text.len());
    let start_tag = &text[..open_end];
    let inner = &text[(open_end + 1).min(text.len())..];
    // The value of a field's element or attribute, from `--field` or the
    // default: `None` when the document has none.
    let value = |slot: usize| -> Option<String> {
        let key = fields.key(slot);
        let name = if key == FieldMap::FIELDS[slot] { DEFAULTS[slot]? } else { key };
        attribute(start_tag, name).or_else(|| element(inner, name))
    };
    let id = value(0).ok_or_else(|| IngestErrorKind::MissingField(name_of(fields, 0)))?;
    let id = id.trim().to_string();
    if id.is_empty() {
        return Err(IngestErrorKind::EmptyField(name_of(fields, 0)));
    }
    let title = value(1).unwrap_or_default();
    let missing = || IngestErrorKind::MissingField(name_of(fields, 2));
    let body = if fields.key(2) == "body" {
        // The dateline, then the text.
        let mut body = String::new();
        if element_into(inner, "DATELINE", &mut body) && !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        if !element_into(inner, "TEXT", &mut body) {
            return Err(missing());
        }
        if body[start..].trim().is_empty() {
            return Err(IngestErrorKind::EmptyField(name_of(fields, 2)));
        }
        body
    } else {
        let body = value(2).ok_or_else(missing)?;
        if body.trim().is_empty() {
            return Err(IngestErrorKind::EmptyField(name_of(fields, 2)));
        }
        body
    };
    let (id_source, id_date) = from_id(&id);
    let (date, unread_date) = match fields.key(3) {
        "date" => (id_date, None),
        _ => match value(3).filter(|d| !d.trim().is_empty()) {
            Some(text) => match dates.read(&text) {
                Some(date) => (Some(date), None),
                None => (None, Some(text.trim().to_string())),
            },
            None => (None, None),
        },
    };
    let source = match fields.key(4) {
        "source" => id_source,
        _ => value(4).filter(|s| !s.is_empty()),
    };
    Ok(Record {
        id,
        title,
        body,
        date: date.map(crate::ingest::ArticleDate::from_tantivy),
        unread_date,
        source,
        category: value(5).filter(|c| !c.is_empty()),
        url: value(6).filter(|u| !u.is_empty()),
    })
}

/// The name a field is read from, for messages.
fn name_of(fields: &FieldMap, slot: usize) -> String {
    let key = fields.key(slot);
    match DEFAULTS[slot] {
        Some(name) if key == FieldMap::FIELDS[slot] => name.to_string(),
        _ => key.to_string(),
    }
}

/// The source and date a Gigaword id holds: `AAW_ARB_20030101.0001` →
/// (`aaw_arb`, 2003-01-01). Other ids give neither.
fn from_id(id: &str) -> (Option<String>, Option<tantivy::DateTime>) {
    let stem = id.split_once('.').map_or(id, |(stem, _)| stem);
    let Some((source, day)) = stem.rsplit_once('_') else { return (None, None) };
    if day.len() != 8 || !day.bytes().all(|b| b.is_ascii_digit()) || source.is_empty() {
        return (None, None);
    }
    let date = parse_date(&format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..]));
    (Some(source.to_ascii_lowercase()), date)
}

/// The value of the attribute `name` (any case) in a start tag.
fn attribute(start_tag: &str, name: &str) -> Option<String> {
    // After `<DOC`: name=value pairs, the value quoted or bare.
    let mut rest = start_tag.get(1..)?.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    loop {
        rest = rest.trim_start();
        let end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        if end == 0 {
            return None;
        }
        let key = &rest[..end];
        rest = rest[end..].trim_start();
        let Some(after) = rest.strip_prefix('=') else { continue };
        rest = after.trim_start();
        let (value, after) = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let body = &rest[1..];
                let close = body.find(quote).unwrap_or(body.len());
                (&body[..close], body.get(close + 1..).unwrap_or(""))
            }
            _ => {
                let close = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..close], &rest[close..])
            }
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(entities(value.trim()));
        }
        rest = after;
    }
}

/// The text of the first element `name` (any case): its paragraphs
/// (`<P>` elements, or blank-line separated text) each on one line,
/// joined by a blank line; `None` when there is no such element.
fn element(inner: &str, name: &str) -> Option<String> {
    let mut text = String::new();
    element_into(inner, name, &mut text).then_some(text)
}

/// [`element`], appended to `text`; false when there is no such element.
fn element_into(inner: &str, name: &str, text: &mut String) -> bool {
    let Some(open) = find_tag(inner, name, false) else { return false };
    let content = &inner[open..];
    let Some(start) = content.find('>') else { return false };
    let content = &content[start + 1..];
    let close = find_tag(content, name, true).unwrap_or(content.len());
    let content = &content[..close];
    text.reserve(content.len());
    let before = text.len();
    for paragraph in paragraphs(content) {
        if text.len() > before {
            text.push_str("\n\n");
        }
        // The lines of a paragraph were wrapped by the agency's editor:
        // joined by one space.
        let lines = paragraph.lines().map(str::trim).filter(|line| !line.is_empty());
        for (i, line) in lines.enumerate() {
            if i > 0 {
                text.push(' ');
            }
            push_decoded(text, line);
        }
    }
    true
}

/// The non-blank paragraphs of an element's content: split at `<P>` and
/// `</P>` tags and at blank lines.
fn paragraphs(content: &str) -> impl Iterator<Item = &str> {
    let mut rest = content;
    std::iter::from_fn(move || loop {
        if rest.is_empty() {
            return None;
        }
        let tag = find_tag(rest, "P", false).into_iter().chain(find_tag(rest, "P", true)).min();
        // Only up to the tag: a paragraph's blank line is before it.
        let blank = blank_line(&rest[..tag.unwrap_or(rest.len())]);
        let (end, next) = match (tag, blank) {
            (Some(t), Some((b, after))) if b < t => (b, after),
            (Some(t), _) => (t, t + rest[t..].find('>').map_or(rest.len() - t, |i| i + 1)),
            (None, Some((b, after))) => (b, after),
            (None, None) => (rest.len(), rest.len()),
        };
        let paragraph = rest[..end].trim();
        rest = &rest[next..];
        if !paragraph.is_empty() {
            return Some(paragraph);
        }
    })
}

/// Where the first blank line starts, and where the text after it does.
fn blank_line(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = text[from..].find('\n') {
        let start = from + i;
        let rest = &text[start + 1..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t', '\r']).len();
        if rest[gap..].starts_with('\n') {
            return Some((start, start + 1 + gap + 1));
        }
        from = start + 1;
    }
    None
}

/// Where the tag `<name>` (or `</name>` when `closing`) starts, any case,
/// with or without attributes.
fn find_tag(text: &str, name: &str, closing: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let prefix = if closing { 2 } else { 1 };
    let mut from = 0;
    while let Some(i) = text[from..].find('<') {
        let at = from + i;
        let name_at = at + prefix;
        let fits = !closing || bytes.get(at + 1) == Some(&b'/');
        if fits
            && bytes.len() > name_at + name.len()
            && bytes[name_at..name_at + name.len()].eq_ignore_ascii_case(name.as_bytes())
            && matches!(bytes[name_at + name.len()], b'>' | b' ' | b'\t' | b'\n' | b'\r')
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// `text` with SGML's character references replaced (see [`push_decoded`]).
fn entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_decoded(&mut out, text);
    out
}

/// Appends `text` to `out` with SGML's character references replaced:
/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric ones; others
/// stay as written.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let replaced = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, e + 1))
        });
        match replaced {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc {
        Doc { bytes: text.as_bytes().to_vec(), unclosed: None }
    }

    const GIGAWORD: &str = "<DOC id=\"AAW_ARB_20030101.0001\" type=\"story\" >\n\
        <HEADLINE>\nافتتاح مهرجان\nالدوحة\n</HEADLINE>\n\
        <DATELINE>\nالدوحة 1-1 (اف ب) -\n</DATELINE>\n\
        <TEXT>\n<P>\nافتتح اليوم\nمهرجان الدوحة &amp; المسرح.\n</P>\n<P>\nوقال المدير إن &lt;الدورة&gt; ناجحة.\n</P>\n</TEXT>\n</DOC>\n";

    #[test]
    fn a_gigaword_document_gives_every_field() {
        let record = parse_doc(
            &doc(GIGAWORD),
            &FieldMap::default(),
            Default::default(),
            &DateFormat::default(),
        )
        .unwrap();
        assert_eq!(record.id, "AAW_ARB_20030101.0001");
        assert_eq!(record.title, "افتتاح مهرجان الدوحة");
        assert_eq!(
            record.body,
            "الدوحة 1-1 (اف ب) -\n\nافتتح اليوم مهرجان الدوحة & المسرح.\n\nوقال المدير إن <الدورة> ناجحة."
        );
        assert_eq!(record.source.as_deref(), Some("aaw_arb"));
        assert_eq!(record.date.map(|d| d.day()).as_deref(), Some("2003-01-01"));
        assert_eq!(record.category.as_deref(), Some("story"));
    }

    #[test]
    fn fields_map_to_other_elements_and_attributes() {
        let mut fields = FieldMap::default();
        fields.map("body", "TEXT").unwrap();
        fields.map("source", "type").unwrap();
        let record =
            parse_doc(&doc(GIGAWORD), &fields, Default::default(), &DateFormat::default()).unwrap();
        assert!(record.body.starts_with("افتتح اليوم"), "{}", record.body);
        assert_eq!(record.source.as_deref(), Some("story"));
        fields.map("title", "NOPE").unwrap();
        assert_eq!(
            parse_doc(&doc(GIGAWORD), &fields, Default::default(), &DateFormat::default())
                .unwrap()
                .title,
            ""
        );
    }

    #[test]
    fn text_without_paragraph_tags_splits_at_blank_lines() {
        let text = "<DOC id=X_Y_20100203.1><TEXT>\nسطر أول\nيكمل\n\n  \nفقرة ثانية\n</TEXT></DOC>";
        let record =
            parse_doc(&doc(text), &FieldMap::default(), Default::default(), &DateFormat::default())
                .unwrap();
        assert_eq!(record.body, "سطر أول يكمل\n\nفقرة ثانية");
        assert_eq!(record.source.as_deref(), Some("x_y"));
        assert_eq!(record.date.map(|d| d.day()).as_deref(), Some("2010-02-03"));
    }

    #[test]
    fn problems_have_reasons() {
        let fields = FieldMap::default();
        let no_text = doc("<DOC id=\"A_B_20030101.1\">\n<HEADLINE>x</HEADLINE>\n</DOC>\n");
        assert_eq!(
            parse_doc(&no_text, &fields, Default::default(), &DateFormat::default()),
            Err(IngestErrorKind::MissingField("TEXT".into()))
        );
        let no_id = doc("<DOC type=story>\n<TEXT>نص</TEXT>\n</DOC>\n");
        assert_eq!(
            parse_doc(&no_id, &fields, Default::default(), &DateFormat::default()),
            Err(IngestErrorKind::MissingField("id".into()))
        );
        let open = Doc { unclosed: Some(Unclosed::NextDoc(9)), ..doc(GIGAWORD) };
        assert_eq!(
            parse_doc(&open, &fields, Default::default(), &DateFormat::default()),
            Err(IngestErrorKind::UnclosedDoc(Some(9)))
        );
        assert_eq!(entities("a &amp;&#1576;&#x628; &nbsp; & b"), "a &بب &nbsp; & b");
    }

    #[test]
    fn documents_are_cut_at_their_lines() {
        let text =
            format!("{GIGAWORD}stray\n\n<DOC id=\"A_B_20030102.2\">\n<TEXT>نص</TEXT>\n{GIGAWORD}");
        let mut source =
            SgmlSource::new(Path::new("g.sgml"), Box::new(std::io::Cursor::new(text)), 1 << 20);
        let mut items = Vec::new();
        while source.next_batch(2, &mut items).unwrap() {}
        let got: Vec<_> = items
            .iter()
            .map(|item| {
                (
                    item.line,
                    item.parse(&FieldMap::default(), Default::default(), &DateFormat::default())
                        .map(|r| r.id)
                        .map_err(|e| e.kind),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (1, Ok("AAW_ARB_20030101.0001".to_string())),
                (19, Err(IngestErrorKind::OutsideDoc)),
                (21, Err(IngestErrorKind::UnclosedDoc(Some(23)))),
                (23, Ok("AAW_ARB_20030101.0001".to_string())),
            ]
        );
    }
}
