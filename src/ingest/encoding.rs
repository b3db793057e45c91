//! Text encodings of old archives: `--encoding windows-1256|iso-8859-6`
//! decodes each record (a line, a row's field, a document, a file) that
//! is not UTF-8 already; a record that is UTF-8 with a broken byte is
//! refused, never decoded into nonsense; and input that is not UTF-8 but reads
//! as Arabic in one of them is rejected with the flag to add, never
//! decoded by a guess.
//!
//! The tables are the WHATWG Encoding Standard's (`encoding_rs`), which
//! map all 128 high bytes of Windows-1256 and leave 44 of ISO-8859-6's
//! unmapped.

use std::borrow::Cow;

use encoding_rs::{ISO_8859_6, WINDOWS_1256};

use super::IngestErrorKind;

/// The encoding an input is read in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (the default): bytes are checked, not converted.
    #[default]
    Utf8,
    /// Windows-1256 (CP-1256), the Arabic code page of Windows.
    Windows1256,
    /// ISO-8859-6, the ISO Arabic code page.
    Iso8859_6,
}

impl Encoding {
    /// Its `--encoding` name.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1256 => "windows-1256",
            Encoding::Iso8859_6 => "iso-8859-6",
        }
    }

    fn table(self) -> Option<&'static encoding_rs::Encoding> {
        match self {
            Encoding::Utf8 => None,
            Encoding::Windows1256 => Some(WINDOWS_1256),
            Encoding::Iso8859_6 => Some(ISO_8859_6),
        }
    }

    /// One record's bytes as UTF-8: unchanged for UTF-8 (checked later,
    /// by the parser) and for a record that is valid UTF-8 already (a
    /// UTF-8 line in a mixed file, or ASCII); decoded from the code page
    /// otherwise. A record that is UTF-8 with broken bytes (most of its
    /// non-ASCII bytes form UTF-8 sequences, see `utf8_share`) is
    /// refused rather than decoded into nonsense.
    pub fn decode_record(self, bytes: &[u8]) -> Result<Cow<'_, [u8]>, IngestErrorKind> {
        if self.table().is_none() {
            return Ok(Cow::Borrowed(bytes));
        }
        let at_byte = match std::str::from_utf8(bytes) {
            Ok(_) => return Ok(Cow::Borrowed(bytes)),
            Err(e) => e.valid_up_to(),
        };
        if utf8_share(bytes) >= BROKEN_UTF8 {
            return Err(IngestErrorKind::BrokenUtf8 { at_byte, encoding: self.name() });
        }
        Ok(self.decode(bytes))
    }

    /// `bytes` decoded into UTF-8 (borrowed when nothing changes).
    pub fn decode(self, bytes: &[u8]) -> Cow<'_, [u8]> {
        match self.table() {
            None => Cow::Borrowed(bytes),
            Some(table) => match table.decode_with_bom_removal(bytes).0 {
                Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
                Cow::Owned(text) => Cow::Owned(text.into_bytes()),
            },
        }
    }
}

/// Why `bytes` (a record, invalid UTF-8 from byte `at_byte`) was refused:
/// [`IngestErrorKind::OtherEncoding`] when they read as Arabic in one of
/// the code pages `--encoding` takes, else plain invalid UTF-8.
pub(crate) fn not_utf8(bytes: &[u8], at_byte: usize) -> IngestErrorKind {
    let best = [Encoding::Windows1256, Encoding::Iso8859_6]
        .into_iter()
        .filter_map(|encoding| Some((encoding, arabic_share(encoding, bytes)?)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    match best {
        Some((encoding, share)) if share >= MOSTLY => {
            IngestErrorKind::OtherEncoding { at_byte, encoding: encoding.name() }
        }
        _ => IngestErrorKind::InvalidUtf8 { at_byte },
    }
}

/// The share of a record's non-ASCII bytes in well-formed UTF-8 sequences
/// that makes it broken UTF-8 rather than a code page. UTF-8 with a bad
/// byte scores near 1 whatever its script (Arabic, French, emoji);
/// Windows-1256 or ISO-8859-6 Arabic near 0: its letters are UTF-8 lead
/// bytes followed by more lead bytes, and only a letter before a few
/// punctuation marks (`،` is 0xA1) makes a sequence by chance.
const BROKEN_UTF8: f64 = 0.5;

/// The share of the non-ASCII bytes of `bytes` that are in well-formed
/// UTF-8 sequences of two to four bytes; 0 when there are none.
pub(crate) fn utf8_share(bytes: &[u8]) -> f64 {
    let non_ascii = |b: &[u8]| b.iter().filter(|b| !b.is_ascii()).count();
    let (mut in_sequences, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    // Valid runs and invalid bytes in turn, as the UTF-8 validator finds them.
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(_) => {
                in_sequences += non_ascii(rest);
                break;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                in_sequences += non_ascii(&rest[..valid]);
                let bad = e.error_len().unwrap_or(rest.len() - valid);
                invalid += bad;
                rest = &rest[valid + bad..];
            }
        }
    }
    match in_sequences + invalid {
        0 => 0.0,
        all => in_sequences as f64 / all as f64,
    }
}

/// The share of Arabic letters among the non-ASCII characters that makes
/// bytes "read as Arabic". UTF-8 Arabic with one broken byte, read as
/// Windows-1256, gives about half (a lead byte decodes to ط or ظ, its
/// continuation byte mostly to Latin letters and signs).
const MOSTLY: f64 = 0.8;

/// Fewer Arabic letters than this say nothing.
const AT_LEAST: usize = 3;

/// The share of Arabic letters among the non-ASCII characters of `bytes`
/// decoded as `encoding`; `None` when a byte is unmapped (the decoding
/// is not clean) or there are too few letters to tell.
fn arabic_share(encoding: Encoding, bytes: &[u8]) -> Option<f64> {
    let text = encoding.table()?.decode_without_bom_handling_and_without_replacement(bytes)?;
    let (mut arabic, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        // Letters, harakat and the Arabic comma, semicolon and question
        // mark (both code pages have them); NBSP and ZWNJ/ZWJ too.
        if ('\u{060C}'..='\u{06D3}').contains(&c) || matches!(c, '\u{A0}' | '\u{200C}' | '\u{200D}')
        {
            arabic += 1;
        } else {
            other += 1;
        }
    }
    (arabic >= AT_LEAST).then(|| arabic as f64 / (arabic + other) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "أعلنت الحكومة اليوم عن خطة جديدة لدعم التعليم في القرى.";

    fn encoded(encoding: Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.table().unwrap().encode(text);
        assert!(!unmappable, "{text} has a letter {encoding:?} lacks");
        bytes.into_owned()
    }

    #[test]
    fn arabic_in_either_code_page_is_named() {
        for encoding in [Encoding::Windows1256, Encoding::Iso8859_6] {
            let bytes = encoded(encoding, ARABIC);
            let at = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
            assert_eq!(
                not_utf8(&bytes, at),
                IngestErrorKind::OtherEncoding { at_byte: at, encoding: encoding.name() }
            );
            assert_eq!(encoding.decode(&bytes).as_ref(), ARABIC.as_bytes());
        }
    }

    #[test]
    fn broken_utf8_never_reaches_a_code_page() {
        let mut broken = ARABIC.as_bytes().to_vec();
        broken[20] = 0xFF;
        let at_byte = std::str::from_utf8(&broken).unwrap_err().valid_up_to();
        for encoding in [Encoding::Windows1256, Encoding::Iso8859_6] {
            assert_eq!(
                encoding.decode_record(&broken),
                Err(IngestErrorKind::BrokenUtf8 { at_byte, encoding: encoding.name() })
            );
            // Valid UTF-8 stays as it is; the code page is decoded.
            assert_eq!(encoding.decode_record(ARABIC.as_bytes()).unwrap(), ARABIC.as_bytes());
            let bytes = encoded(encoding, ARABIC);
            assert_eq!(encoding.decode_record(&bytes).unwrap(), ARABIC.as_bytes());
        }
    }

    // From the trial of issue 29: broken UTF-8 in other scripts was
    // decoded from the code page (`Café` became `Cafأ©`).
    #[test]
    fn broken_utf8_of_any_script_never_reaches_a_code_page() {
        for text in ["Café crème brûlée et thé", "Привет, как дела сегодня", "قطر 🎉🎉🎉 🎊🎊 ⚽⚽"]
        {
            let mut broken = text.as_bytes().to_vec();
            broken.push(0xFF);
            for encoding in [Encoding::Windows1256, Encoding::Iso8859_6] {
                assert!(
                    matches!(
                        encoding.decode_record(&broken),
                        Err(IngestErrorKind::BrokenUtf8 { .. })
                    ),
                    "{text}"
                );
            }
        }
        // Windows-1256 Arabic with its punctuation is still decoded.
        let text = "قال الوزير، في بيان له؛ إن القرار نهائي؟ «نعم».";
        let bytes = encoded(Encoding::Windows1256, text);
        assert_eq!(Encoding::Windows1256.decode_record(&bytes).unwrap(), text.as_bytes());
    }

    #[test]
    fn utf8_with_a_broken_byte_is_only_invalid_utf8() {
        let mut bytes = ARABIC.as_bytes().to_vec();
        bytes[20] = 0xFF;
        assert_eq!(not_utf8(&bytes, 20), IngestErrorKind::InvalidUtf8 { at_byte: 20 });
        // Latin-1 French is not Arabic either.
        let french = b"caf\xe9 cr\xe8me br\xfbl\xe9e";
        assert_eq!(not_utf8(french, 3), IngestErrorKind::InvalidUtf8 { at_byte: 3 });
    }
}
