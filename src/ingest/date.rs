//! Article dates: `YYYY-MM-DD` or RFC 3339.

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
pub fn parse_date(text: &str) -> Option<DateTime> {
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

/// Formats a date as `YYYY-MM-DD`: the day the outlet dated it.
pub fn format_day(date: DateTime) -> String {
    let at = date.into_utc();
    format!("{:04}-{:02}-{:02}", at.year(), u8::from(at.month()), at.day())
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn rejects_the_rest() {
        for bad in ["", "2018-13-01", "01/03/2018", "2018-02-30", "yesterday", "2018-03-01 12:00"] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }
}
