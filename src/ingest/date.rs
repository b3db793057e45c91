//! Article dates: `YYYY-MM-DD` or RFC 3339, an Arabic month name
//! (`15 مارس 2018`), or the form `--date-format` states ([`DateFormat`]).

mod names;
mod pattern;

use std::fmt;
use std::str::FromStr;

use tantivy::DateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Parses `YYYY-MM-DD` or an RFC 3339 timestamp, as the outlet's own
/// calendar day and clock: `2018-03-15T01:00:00+03:00` is 15 March at
/// 01:00 (kept as that wall-clock time, not moved to 14 March 22:00 UTC),
/// so an article is counted on the day it was dated, whatever the outlet's
/// time zone. None for a date tantivy cannot hold (it keeps nanoseconds in
/// an i64: years 1678 to 2261), which it would otherwise silently clamp.
pub(crate) fn parse_date(text: &str) -> Option<DateTime> {
    let text = text.trim();
    let at = if text.len() == 10 {
        let date = Date::parse(text, format_description!("[year]-[month]-[day]")).ok()?;
        PrimitiveDateTime::new(date, time::Time::MIDNIGHT).assume_utc()
    } else {
        // The wall-clock time where it was written.
        OffsetDateTime::parse(text, &Rfc3339).ok()?.replace_offset(UtcOffset::UTC)
    };
    i64::try_from(at.unix_timestamp_nanos()).ok()?;
    Some(DateTime::from_utc(at))
}

/// How an archive writes its dates.
///
/// Every format reads `YYYY-MM-DD` and RFC 3339 (see `parse_date`), and
/// a day, an Arabic month name and a year (`15 مارس 2018`, `الخميس ١٥
/// آذار ٢٠١٨ 14:05`), which cannot be misread. A day and a month in
/// numbers (`03/04/2018`: 3 April or 4 March?) are read only as a pattern
/// says (`%d/%m/%Y`), never guessed.
///
/// ```
/// use fahras::ingest::DateFormat;
///
/// let iso = DateFormat::default();
/// assert_eq!(iso.date("15 مارس 2018").map(|d| d.day()).as_deref(), Some("2018-03-15"));
/// assert!(iso.date("03/04/2018").is_none());
/// let day_first: DateFormat = "%d/%m/%Y".parse().unwrap();
/// assert_eq!(day_first.date("03/04/2018 14:05").map(|d| d.day()).as_deref(), Some("2018-04-03"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateFormat {
    /// The pattern given, and its text; none for the ISO default.
    pattern: Option<(pattern::Pattern, String)>,
}

impl DateFormat {
    /// The name of the default format.
    pub const ISO: &'static str = "iso";
    /// The name of `%d %B %Y`.
    pub const ARABIC: &'static str = "arabic";

    /// The article date `text` stands for; `None` when it is not written
    /// in this format.
    pub fn date(&self, text: &str) -> Option<super::ArticleDate> {
        self.read(text).map(super::ArticleDate::from_tantivy)
    }

    /// The article date `text` stands for, as `parse_date` keeps it;
    /// `None` when it is not written in this format.
    pub(crate) fn read(&self, text: &str) -> Option<DateTime> {
        if let Some(date) = parse_date(text) {
            return Some(date);
        }
        let folded = names::fold(text);
        let at = match &self.pattern {
            Some((pattern, _)) => pattern.read(&folded),
            None => None,
        };
        let at = at.or_else(|| pattern::Pattern::arabic().read(&folded))?.assume_utc();
        i64::try_from(at.unix_timestamp_nanos()).ok()?;
        Some(DateTime::from_utc(at))
    }

    /// The pattern as given (`%d/%m/%Y`), or `None` for the default.
    pub fn pattern(&self) -> Option<&str> {
        self.pattern.as_ref().map(|(_, text)| text.as_str())
    }
}

impl FromStr for DateFormat {
    type Err = String;

    /// `iso` (the default), `arabic` (`%d %B %Y`), or a pattern (see
    /// [`DateFormat`] and the `pattern` module's rules).
    fn from_str(spec: &str) -> Result<DateFormat, String> {
        let spec = spec.trim();
        let text = match spec {
            DateFormat::ISO => return Ok(DateFormat::default()),
            DateFormat::ARABIC => "%d %B %Y",
            other => other,
        };
        Ok(DateFormat { pattern: Some((pattern::Pattern::parse(text)?, text.to_string())) })
    }
}

impl fmt::Display for DateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.pattern().unwrap_or(DateFormat::ISO))
    }
}

/// Returns true if and only if `text` is a day and a month in numbers and
/// a year (`03/04/2018`, `15-03-2018 14:05`): a form whose order of day
/// and month only the archive's owner can tell. Returns its separator.
pub(crate) fn numeric_day_month(text: &str) -> Option<char> {
    let folded = names::fold(text);
    let date = folded.split([' ', 'T']).next().unwrap_or_default();
    let separator = date.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = date.split(separator).collect();
    let numeric = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let shaped = parts.len() == 3
        && numeric(parts[0], 1..=2)
        && numeric(parts[1], 1..=2)
        && numeric(parts[2], 4..=4);
    shaped.then_some(separator)
}

/// For a day and a month in numbers and a year (see [`numeric_day_month`]):
/// whether it is a day read day first, and read month first.
/// `31/02/2018` is neither: no order makes it a day.
pub(crate) fn numeric_orders(text: &str) -> Option<(bool, bool)> {
    let separator = numeric_day_month(text)?;
    let folded = names::fold(text);
    let date = folded.split([' ', 'T']).next().unwrap_or_default();
    let n: Vec<u32> = date.split(separator).filter_map(|p| p.parse().ok()).collect();
    let [a, b, year] = n[..] else { return None };
    let is_day = |day: u32, month: u32| {
        let month = u8::try_from(month).ok().and_then(|m| time::Month::try_from(m).ok());
        let year = i32::try_from(year).ok();
        match (month, year, u8::try_from(day)) {
            (Some(month), Some(year), Ok(day)) => {
                time::Date::from_calendar_date(year, month, day).is_ok()
            }
            _ => false,
        }
    };
    Some((is_day(a, b), is_day(b, a)))
}

/// Formats a date as `YYYY-MM-DD`: the day the outlet dated it.
pub(crate) fn format_day(date: DateTime) -> String {
    let at = date.into_utc();
    format!("{:04}-{:02}-{:02}", at.year(), u8::from(at.month()), at.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numeric_date_says_which_orders_make_a_day() {
        assert_eq!(numeric_orders("31/02/2018"), Some((false, false)));
        assert_eq!(numeric_orders("13/05/2018"), Some((true, false)));
        assert_eq!(numeric_orders("05/13/2018"), Some((false, true)));
        assert_eq!(numeric_orders("03/04/2018 14:05"), Some((true, true)));
        assert_eq!(numeric_orders("2018-03-04"), None);
    }

    #[test]
    fn accepts_day_and_rfc3339() {
        assert_eq!(format_day(parse_date("2018-03-01").unwrap()), "2018-03-01");
        assert_eq!(format_day(parse_date("2018-03-01T23:30:00Z").unwrap()), "2018-03-01");
        // Beyond what tantivy holds: refused, not clamped to 1677.
        assert!(parse_date("1000-01-01").is_none());
        assert!(parse_date("2300-01-01").is_none());
        // The outlet's own day, not UTC's (issue 31): a Gulf outlet's
        // article of 01:00 on the 15th is of the 15th.
        assert_eq!(format_day(parse_date("2018-03-15T01:00:00+03:00").unwrap()), "2018-03-15");
        assert_eq!(format_day(parse_date("2018-03-02T00:30:00+02:00").unwrap()), "2018-03-02");
        assert_eq!(format_day(parse_date("2018-03-01T23:30:00-05:00").unwrap()), "2018-03-01");
    }

    #[test]
    fn formats_read_iso_arabic_names_and_their_pattern() {
        let day = |f: &DateFormat, text: &str| f.read(text).map(format_day);
        let iso = DateFormat::default();
        assert_eq!(day(&iso, "2018-03-15"), Some("2018-03-15".into()));
        assert_eq!(day(&iso, "الخميس 15 مارس 2018"), Some("2018-03-15".into()));
        assert_eq!(day(&iso, "15/03/2018"), None);
        let day_first: DateFormat = "%d/%m/%Y".parse().unwrap();
        assert_eq!(day(&day_first, "15/03/2018 14:05"), Some("2018-03-15".into()));
        assert_eq!(day(&day_first, "2018-03-15"), Some("2018-03-15".into()));
        assert_eq!(day(&day_first, "15 آذار 2018"), Some("2018-03-15".into()));
        assert_eq!(day(&day_first, "15-03-2018"), None);
        assert_eq!(day_first.to_string(), "%d/%m/%Y");
        let arabic: DateFormat = "arabic".parse().unwrap();
        assert_eq!(arabic.pattern(), Some("%d %B %Y"));
        assert_eq!("iso".parse::<DateFormat>(), Ok(DateFormat::default()));
        // Beyond what tantivy holds, as parse_date.
        assert_eq!(day(&day_first, "01/01/1000"), None);
        assert!("%d/%m".parse::<DateFormat>().is_err());
        // LDC Gigaword's DATE_TIME element, as docs/formats.md says to read it.
        let ldc: DateFormat = "%Y-%m-%d %H:%M".parse().unwrap();
        let at = ldc.read("2000-01-01 00:09").unwrap().into_utc();
        assert_eq!(
            (format_day(ldc.read("2000-01-01 00:09").unwrap()), at.minute()),
            ("2000-01-01".into(), 9)
        );
        assert!(iso.read("2000-01-01 00:09").is_none());
    }

    #[test]
    fn numeric_day_month_forms_are_told_apart() {
        assert_eq!(numeric_day_month("03/04/2018"), Some('/'));
        assert_eq!(numeric_day_month("15-03-2018 14:05"), Some('-'));
        assert_eq!(numeric_day_month("١٥.٠٣.٢٠١٨"), Some('.'));
        for other in ["2018-03-15", "15 مارس 2018", "أمس", "15/03/18", "2018/03/15"] {
            assert_eq!(numeric_day_month(other), None, "{other}");
        }
    }

    #[test]
    fn rejects_the_rest() {
        for bad in ["", "2018-13-01", "01/03/2018", "2018-02-30", "yesterday", "2018-03-01 12:00"] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }
}
