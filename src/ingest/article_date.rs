//! [`ArticleDate`]: an article's date as the library hands it out.

use std::fmt;

use tantivy::DateTime;

use super::date::format_day;

/// An article's date, as its outlet dated it: the outlet's calendar day and
/// wall-clock time, to the second (see `fahras index`'s date formats).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleDate(DateTime);

impl ArticleDate {
    /// The date at `seconds` after 1970-01-01T00:00:00 on the outlet's
    /// clock; `None` outside the years the index can hold (1678 to 2261).
    pub fn from_unix_seconds(seconds: i64) -> Option<ArticleDate> {
        seconds.checked_mul(1_000_000_000)?;
        Some(ArticleDate(DateTime::from_timestamp_secs(seconds)))
    }

    /// Seconds after 1970-01-01T00:00:00 on the outlet's clock.
    pub fn unix_seconds(self) -> i64 {
        self.0.into_timestamp_secs()
    }

    /// The day, `YYYY-MM-DD`: the day the outlet dated the article.
    pub fn day(self) -> String {
        format_day(self.0)
    }

    pub(crate) fn from_tantivy(date: DateTime) -> ArticleDate {
        ArticleDate(date)
    }

    pub(crate) fn tantivy(self) -> DateTime {
        self.0
    }
}

impl fmt::Display for ArticleDate {
    /// The day, `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.day())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_its_day_and_its_seconds() {
        let date = super::super::date::parse_date("2018-03-15T01:00:00+03:00").unwrap();
        let date = ArticleDate::from_tantivy(date);
        // The outlet's wall clock: still 15 March, not 14 March in UTC.
        assert_eq!(date.day(), "2018-03-15");
        assert_eq!(date.to_string(), "2018-03-15");
        let again = ArticleDate::from_unix_seconds(date.unix_seconds()).unwrap();
        assert_eq!(again, date);
        assert!(ArticleDate::from_unix_seconds(i64::MAX / 10).is_none());
    }
}
