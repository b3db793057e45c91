//! Filters: which articles may match at all, whatever the words.
//!
//! `date:`, `source:`, `category:` and `id:` restrict the results the way
//! `--from` and `--to` do, whatever operator stands between the words:
//! values of one field are alternatives (`source:a source:b` is either),
//! different fields must all hold, and `-source:a` excludes. Filters add
//! nothing to the score.
//!
//! Dates are periods: a year, a month or a day means all of it, in UTC, so
//! `date:2017-06` and `--from 2017-06 --to 2017-06` are the whole of June.

use crate::note::{shown, Note};
use std::ops::Bound;

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Searcher, Term};
use time::{Date, Month, PrimitiveDateTime, Time};

use super::syntax::Filter;
use crate::calendar::{self, HijriDate};
use crate::schema;

/// A span of time, `[from, until)` in seconds since the epoch (UTC); either
/// end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateFilter {
    /// First second included.
    pub from: Option<i64>,
    /// First second after the span.
    pub until: Option<i64>,
}

impl DateFilter {
    /// Whether it restricts anything.
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }

    /// Whether no instant is in it (its end comes before its start).
    pub fn is_empty(&self) -> bool {
        matches!((self.from, self.until), (Some(from), Some(until)) if until <= from)
    }
}

/// A period of the calendar: `[start, end)` in seconds (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First second.
    pub start: i64,
    /// First second after it.
    pub end: i64,
}

fn seconds(date: Date) -> i64 {
    PrimitiveDateTime::new(date, Time::MIDNIGHT).assume_utc().unix_timestamp()
}

/// Reads `2017`, `2017-06`, `2017-06-05` or an RFC 3339 instant (a period
/// of one second); or, with an `h` after it, a year, month or day of the
/// Umm al-Qura Hijri calendar: `1439h`, `1439-09h` (Ramadan 1439, 16 May
/// to 14 June 2018), `1439-09-01h`.
pub fn parse_period(text: &str) -> Option<Period> {
    let text: String = text.trim().chars().map(ascii_digit).collect();
    let text = text.as_str();
    if let Some(hijri) = text.strip_suffix(['h', 'H']) {
        return parse_hijri_period(hijri);
    }
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i32> {
        let part = text.get(range)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    match bytes.len() {
        4 => {
            let year = number(0..4)?;
            let start = Date::from_calendar_date(year, Month::January, 1).ok()?;
            let end = Date::from_calendar_date(year + 1, Month::January, 1).ok()?;
            Some(Period { start: seconds(start), end: seconds(end) })
        }
        7 if bytes[4] == b'-' => {
            let year = number(0..4)?;
            let month = Month::try_from(u8::try_from(number(5..7)?).ok()?).ok()?;
            let start = Date::from_calendar_date(year, month, 1).ok()?;
            let (next_year, next_month) = if month == Month::December {
                (year + 1, Month::January)
            } else {
                (year, month.next())
            };
            let end = Date::from_calendar_date(next_year, next_month, 1).ok()?;
            Some(Period { start: seconds(start), end: seconds(end) })
        }
        10 => {
            let day = crate::ingest::date::parse_date(text)?.into_timestamp_secs();
            Some(Period { start: day, end: day + 86_400 })
        }
        _ => {
            // As articles' timestamps are kept: the wall-clock time where
            // it was written.
            let at = crate::ingest::date::parse_date(text)?.into_timestamp_secs();
            Some(Period { start: at, end: at + 1 })
        }
    }
}

/// Reads a Hijri `1439`, `1439-09` or `1439-09-01` (its `h` taken off).
fn parse_hijri_period(text: &str) -> Option<Period> {
    let mut parts = text.split('-');
    let mut number = |digits: std::ops::RangeInclusive<usize>| -> Option<Option<i64>> {
        let Some(part) = parts.next() else { return Some(None) };
        let fits = digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
        fits.then(|| part.parse().ok())
    };
    let year = i32::try_from(number(4..=4)??).ok()?;
    let month = number(2..=2)?;
    let day = number(2..=2)?;
    if parts.next().is_some() {
        return None;
    }
    let (start, end) = match (month, day) {
        (None, _) => {
            (calendar::hijri_month_start(year, 1)?, calendar::hijri_month_start(year + 1, 1)?)
        }
        (Some(month @ 1..=12), None) => (
            calendar::hijri_month_start(year, month)?,
            calendar::hijri_month_start(year, month + 1)?,
        ),
        (Some(month), Some(day)) => {
            let month = u8::try_from(month).ok()?;
            let day = u8::try_from(day).ok()?;
            let date = calendar::from_hijri(HijriDate { year, month, day })?;
            (date, date + time::Duration::days(1))
        }
        _ => return None,
    };
    Some(Period { start: seconds(start), end: seconds(end) })
}

/// Reads a `date:` value: one period, or a range `[a TO b]` whose ends are
/// periods (`]` includes the last period whole, `}` excludes it; `*` leaves
/// an end open).
pub(crate) fn parse_date_filter(text: &str) -> Option<DateFilter> {
    let text: String = text.trim().chars().map(ascii_digit).collect();
    let text = text.as_str();
    let Some(open) = text.chars().next().filter(|c| matches!(c, '[' | '{')) else {
        let mut period = parse_period(text)?;
        if text.len() > 10 && !text.ends_with(['h', 'H']) {
            // An instant stands for its day (UTC): a one-second span finds
            // nothing.
            period.start -= period.start.rem_euclid(86_400);
            period.end = period.start + 86_400;
        }
        return Some(DateFilter { from: Some(period.start), until: Some(period.end) });
    };
    let close = text.chars().last().filter(|c| matches!(c, ']' | '}'))?;
    let inner = &text[1..text.len() - 1];
    let (low, high) = inner.split_once(" TO ").or_else(|| inner.split_once(" to "))?;
    let end = |word: &str| -> Option<Option<Period>> {
        match word.trim() {
            "*" => Some(None),
            w => parse_period(w).map(Some),
        }
    };
    let (low, high) = (end(low)?, end(high)?);
    Some(DateFilter {
        from: low.map(|p| if open == '[' { p.start } else { p.end }),
        until: high.map(|p| if close == ']' { p.end } else { p.start }),
    })
}

/// Arabic-Indic and Persian digits as ASCII ones (the analysis folds them
/// the same way), anything else as it is.
fn ascii_digit(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    }
}

/// tantivy keeps a date as nanoseconds in an i64 (1677 to 2262): a span
/// beyond that (`--from 1000`) is clamped to it, not overflowed.
const DATE_LIMIT_SECS: i64 = i64::MAX / 1_000_000_000 - 1;

fn date_term(field: Field, secs: i64) -> Term {
    let secs = secs.clamp(-DATE_LIMIT_SECS, DATE_LIMIT_SECS);
    Term::from_field_date(field, DateTime::from_timestamp_secs(secs))
}

/// The tantivy query of a date span (None when it is open).
pub(crate) fn date_query(field: Field, span: DateFilter) -> Option<Box<dyn Query>> {
    if span.is_open() {
        return None;
    }
    let term = |s: i64| date_term(field, s);
    let lower = span.from.map_or(Bound::Unbounded, |s| Bound::Included(term(s)));
    let upper = span.until.map_or(Bound::Unbounded, |s| Bound::Excluded(term(s)));
    Some(Box::new(RangeQuery::new(lower, upper)))
}

/// Every dated article: the whole range a date can take.
fn has_date_query(field: Field) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(date_term(field, -DATE_LIMIT_SECS)),
        Bound::Included(date_term(field, DATE_LIMIT_SECS)),
    ))
}

/// The filters of a query, sorted by field.
#[derive(Debug, Default)]
pub(crate) struct Filters {
    /// Required: each field's values are alternatives.
    pub include: Vec<Filter>,
    /// Excluded.
    pub exclude: Vec<Filter>,
    /// `--from` / `--to`.
    pub span: DateFilter,
}

impl Filters {
    /// Whether there is nothing to filter.
    pub(crate) fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty() && self.span.is_open()
    }

    /// The clauses that apply the filters (scoring nothing), and notes for
    /// values no article has.
    pub(crate) fn clauses(
        &self,
        searcher: &Searcher,
        notes: &mut Vec<Note>,
    ) -> tantivy::Result<Vec<(Occur, Box<dyn Query>)>> {
        let schema = searcher.schema();
        let field = |name| schema.get_field(name).expect("schema field");
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let unscored =
            |q: Box<dyn Query>| -> Box<dyn Query> { Box::new(ConstScoreQuery::new(q, 0.0)) };
        if let Some(range) = date_query(field(schema::DATE), self.span) {
            clauses.push((Occur::Must, unscored(range)));
        }
        for kind in [schema::DATE, schema::SOURCE, schema::CATEGORY, schema::ID] {
            let mut alternatives = Vec::new();
            for filter in self.include.iter().filter(|f| kind_of(f) == kind) {
                alternatives.push((Occur::Should, filter_query(searcher, filter, notes)?));
            }
            if !alternatives.is_empty() {
                clauses.push((Occur::Must, unscored(Box::new(BooleanQuery::new(alternatives)))));
            }
        }
        for filter in &self.exclude {
            clauses.push((Occur::MustNot, filter_query(searcher, filter, notes)?));
        }
        Ok(clauses)
    }
}

/// The query of one filter (a value no article has is noted).
fn filter_query(
    searcher: &Searcher,
    filter: &Filter,
    notes: &mut Vec<Note>,
) -> tantivy::Result<Box<dyn Query>> {
    let schema = searcher.schema();
    let field = schema.get_field(kind_of(filter)).expect("schema field");
    Ok(match filter {
        // `date:[* TO *]` holds no bound: it means "has a date", as in Lucene.
        Filter::Date(span) => date_query(field, *span).unwrap_or_else(|| has_date_query(field)),
        Filter::Id(id) => {
            Box::new(TermQuery::new(Term::from_field_text(field, id), IndexRecordOption::Basic))
        }
        Filter::Source(value) | Filter::Category(value) => {
            let terms = terms_ignoring_case(searcher, field, value)?;
            if terms.is_empty() {
                notes.push(Note::NoArticleHas { field: kind_of(filter), value: shown(value) });
            }
            let clauses = terms
                .into_iter()
                .map(|t| {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>,
                    )
                })
                .collect();
            Box::new(BooleanQuery::new(clauses))
        }
    })
}

/// The schema field a filter applies to.
fn kind_of(filter: &Filter) -> &'static str {
    match filter {
        Filter::Date(_) => schema::DATE,
        Filter::Source(_) => schema::SOURCE,
        Filter::Category(_) => schema::CATEGORY,
        Filter::Id(_) => schema::ID,
    }
}

/// The terms of a raw field equal to `value` regardless of case. Outlets
/// and sections are few, so their whole term dictionaries are read.
fn terms_ignoring_case(
    searcher: &Searcher,
    field: Field,
    value: &str,
) -> tantivy::Result<Vec<Term>> {
    let wanted = value.trim().to_lowercase();
    let mut found: Vec<Vec<u8>> = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            let key = stream.key();
            if let Ok(text) = std::str::from_utf8(key) {
                if text.to_lowercase() == wanted && !found.iter().any(|k| k == key) {
                    found.push(key.to_vec());
                }
            }
        }
    }
    Ok(found
        .iter()
        .filter_map(|k| std::str::from_utf8(k).ok())
        .map(|text| Term::from_field_text(field, text))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> i64 {
        crate::ingest::date::parse_date(text).unwrap().into_timestamp_secs()
    }

    #[test]
    fn periods_are_whole_years_months_and_days() {
        assert_eq!(
            parse_period("2017").unwrap(),
            Period { start: day("2017-01-01"), end: day("2018-01-01") }
        );
        assert_eq!(
            parse_period("2017-12").unwrap(),
            Period { start: day("2017-12-01"), end: day("2018-01-01") }
        );
        assert_eq!(
            parse_period("2016-02").unwrap(),
            Period { start: day("2016-02-01"), end: day("2016-03-01") }
        );
        assert_eq!(
            parse_period("2017-06-05").unwrap(),
            Period { start: day("2017-06-05"), end: day("2017-06-06") }
        );
        for bad in ["", "17", "2017-13", "2017-6", "yesterday", "2017-02-30", "２٠١٧"] {
            assert!(parse_period(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn ranges_take_periods_at_both_ends() {
        let range = parse_date_filter("[2017-01 TO 2018-06]").unwrap();
        assert_eq!(
            range,
            DateFilter { from: Some(day("2017-01-01")), until: Some(day("2018-07-01")) }
        );
        let range = parse_date_filter("{2017 TO 2018}").unwrap();
        assert_eq!(
            range,
            DateFilter { from: Some(day("2018-01-01")), until: Some(day("2018-01-01")) }
        );
        let range = parse_date_filter("[2018-03-01 TO *]").unwrap();
        assert_eq!(range, DateFilter { from: Some(day("2018-03-01")), until: None });
        assert!(parse_date_filter("[2018 TO").is_none());
        assert_eq!(parse_date_filter("٢٠١٨"), parse_date_filter("2018"));
        assert_eq!(parse_date_filter("2018-03-05T10:00:00Z"), parse_date_filter("2018-03-05"));
        assert!(parse_date_filter("[2018 2019]").is_none());
    }

    #[test]
    fn hijri_periods_take_an_h() {
        // Ramadan 1439: 16 May to 14 June 2018 (Umm al-Qura).
        let ramadan = Period { start: day("2018-05-16"), end: day("2018-06-15") };
        assert_eq!(parse_period("1439-09h"), Some(ramadan));
        assert_eq!(parse_period("١٤٣٩-٠٩h"), Some(ramadan));
        assert_eq!(
            parse_period("1439-09-01h"),
            Some(Period { start: ramadan.start, end: ramadan.start + 86_400 })
        );
        // 1 Muharram 1439 was 21 September 2017; 1440, 11 September 2018.
        assert_eq!(
            parse_period("1439h"),
            Some(Period { start: day("2017-09-21"), end: day("2018-09-11") })
        );
        assert_eq!(
            parse_period("1439-12h"),
            Some(Period { start: day("2018-08-12"), end: day("2018-09-11") })
        );
        for bad in ["1439-13h", "1439-00h", "1439-9h", "h", "1439-09-31h", "143h", "1439--h"] {
            assert_eq!(parse_period(bad), None, "{bad}");
        }
        let filter = parse_date_filter("1439-09-01h").unwrap();
        assert_eq!(
            (filter.from, filter.until),
            (Some(ramadan.start), Some(ramadan.start + 86_400))
        );
        let range = parse_date_filter("[1439-09h TO 1439-10h}").unwrap();
        assert_eq!((range.from, range.until), (Some(ramadan.start), Some(ramadan.end)));
    }
}
