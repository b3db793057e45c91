//! One JSON Lines record: a JSON object whose keys (renamed by a
//! [`FieldMap`]) hold the fields of a [`Record`], checked for type and
//! presence with a reason for each problem.

use serde_json::{Map, Value};

use crate::ingest::{DateFormat, FieldMap, IngestErrorKind, Record};

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

/// Parses one JSON line into a record, reading each field from the key
/// `fields` maps it to and the date as `dates` says (a date it cannot
/// read is kept in [`Record::unread_date`]).
pub(crate) fn parse_line(
    bytes: &[u8],
    fields: &FieldMap,
    dates: &DateFormat,
) -> Result<Record, IngestErrorKind> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return Err(crate::ingest::encoding::not_utf8(bytes, e.valid_up_to())),
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
        // An integer too long for 64 bits: its digits exactly as written.
        Some(Value::Number(n)) => {
            integer_text(text, fields.key(0)).ok_or_else(|| IngestErrorKind::WrongType {
                field: fields.key(0).into(),
                expected: "a string or an integer",
                found: type_name(&Value::Number(n)),
            })?
        }
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
    let written = optional(3)?;
    let date = written.as_deref().and_then(|text| dates.read(text));
    Ok(Record {
        id,
        title,
        body,
        date: date.map(crate::ingest::ArticleDate::from_tantivy),
        unread_date: if date.is_none() { written } else { None },
        source: optional(4)?,
        category: optional(5)?,
        url: optional(6)?,
    })
}

/// The value of the key `key` in the JSON object `text`, as written, when
/// it is an integer (`-` and digits only).
fn integer_text(text: &str, key: &str) -> Option<String> {
    let object: std::collections::HashMap<String, &serde_json::value::RawValue> =
        serde_json::from_str(text).ok()?;
    let raw = object.get(key)?.get();
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| raw.to_string())
}

fn wrong_string(field: &str, value: &Value) -> IngestErrorKind {
    IngestErrorKind::WrongType {
        field: field.into(),
        expected: "a string",
        found: type_name(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<Record, IngestErrorKind> {
        parse_line(line.as_bytes(), &FieldMap::default(), &DateFormat::default())
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
            (r#"{"id":"a","title":"t","body":"b""#, "invalid JSON: EOF while parsing"),
            (r#"[1,2]"#, "invalid JSON: expected an object, found an array"),
            (r#"{"id":"a","title":"t","body":"\ud800"}"#, "invalid JSON: "),
        ];
        for (line, reason) in cases {
            let got = parse(line).unwrap_err().to_string();
            assert!(got.starts_with(reason), "{line}\n  expected: {reason}\n  got: {got}");
        }
        let got = parse_line(
            b"{\"id\":\"a\",\"title\":\"\xff\"}",
            &FieldMap::default(),
            &DateFormat::default(),
        )
        .unwrap_err();
        // A date it cannot read leaves the article undated, kept as written.
        let undated = parse(r#"{"id":"a","title":"t","body":"b","date":"01/03/2018"}"#).unwrap();
        assert_eq!((undated.date, undated.unread_date.as_deref()), (None, Some("01/03/2018")));
        assert_eq!(got, IngestErrorKind::InvalidUtf8 { at_byte: 19 });
    }

    #[test]
    fn integer_ids_and_mapped_fields() {
        let mut map = FieldMap::default();
        map.map("title", "headline").unwrap();
        map.map("body", "text").unwrap();
        let iso = DateFormat::default();
        let r =
            parse_line(r#"{"id":42,"headline":"h","text":"t"}"#.as_bytes(), &map, &iso).unwrap();
        assert_eq!((r.id.as_str(), r.title.as_str(), r.body.as_str()), ("42", "h", "t"));
        // Beyond 64 bits, the digits as written; a fraction is no id.
        let long = r#"{"id":123456789012345678901234567890,"title":"h","body":"t"}"#;
        assert_eq!(parse(long).unwrap().id, "123456789012345678901234567890");
        let fraction = r#"{"id":1.5,"title":"h","body":"t"}"#;
        assert!(matches!(parse(fraction), Err(IngestErrorKind::WrongType { .. })));
        assert!(FieldMap::default().map("nope", "x").is_err());
    }
}
