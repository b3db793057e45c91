//! Timelines: how many articles a query matches per day, week, month or
//! year, from the date fast field (no stored text is read).
//!
//! Periods run from the first to the last period any series has an article
//! in, empty ones counted as 0; weeks start on Monday (ISO 8601). Articles
//! without a date are counted apart. Months and years are Gregorian, or
//! Umm al-Qura Hijri ones ([`Grouping`] with [`Calendar::Hijri`]).

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};
use time::{Date, Duration, Month};

use crate::calendar::{self, Calendar, HijriDate};
use crate::error::{Error, Result};
use crate::schema;
use crate::searcher::query::DateFilter;
use tantivy::Searcher;

use crate::research::facets::Facet;
use crate::searcher::{Engine, SearchRequest};

/// The length of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Period {
    /// A calendar day (UTC).
    Day,
    /// Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

impl Period {
    /// The number of the period holding `date`: consecutive periods have
    /// consecutive numbers.
    pub fn key(self, date: Date) -> i64 {
        let days = i64::from(date.to_julian_day());
        match self {
            Period::Day => days,
            // Julian day 0 was a Monday.
            Period::Week => days.div_euclid(7),
            Period::Month => i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1,
            Period::Year => i64::from(date.year()),
        }
    }

    /// The label of period `key`: `2018-03-05` (a day, a week's Monday),
    /// `2018-03`, `2018`.
    pub fn label(self, key: i64) -> String {
        match self {
            Period::Day | Period::Week => {
                let days = if self == Period::Week { key * 7 } else { key };
                let date = i32::try_from(days)
                    .ok()
                    .and_then(|d| Date::from_julian_day(d).ok())
                    .unwrap_or(Date::MIN);
                format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
            }
            Period::Month => format!("{:04}-{:02}", key.div_euclid(12), key.rem_euclid(12) + 1),
            Period::Year => format!("{key:04}"),
        }
    }

    /// The first day of period `key`, and the first day after it.
    pub fn span(self, key: i64) -> (Date, Date) {
        let day = |d: i64| {
            i32::try_from(d).ok().and_then(|d| Date::from_julian_day(d).ok()).unwrap_or(Date::MIN)
        };
        let month = |k: i64| {
            let m = Month::try_from(u8::try_from(k.rem_euclid(12) + 1).unwrap_or(1))
                .unwrap_or(Month::January);
            let y = i32::try_from(k.div_euclid(12)).unwrap_or(0);
            Date::from_calendar_date(y, m, 1).unwrap_or(Date::MIN)
        };
        match self {
            Period::Day => (day(key), day(key) + Duration::days(1)),
            Period::Week => (day(key * 7), day(key * 7) + Duration::days(7)),
            Period::Month => (month(key), month(key + 1)),
            Period::Year => (month(key * 12), month((key + 1) * 12)),
        }
    }
}

/// Periods of a length in a calendar: what a timeline counts by.
///
/// Days and weeks are the same in both calendars (a Hijri day or week is
/// labelled with the Hijri date of its first day, `1439-09-01`); Hijri
/// months and years are Umm al-Qura ones, labelled `1439-09` and `1439`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grouping {
    /// The length of a period.
    pub period: Period,
    /// The calendar of months and years, and of labels.
    pub calendar: Calendar,
}

impl From<Period> for Grouping {
    /// Gregorian periods.
    fn from(period: Period) -> Grouping {
        Grouping { period, calendar: Calendar::Gregorian }
    }
}

impl Grouping {
    /// Periods of `period` in `calendar`.
    pub fn new(period: Period, calendar: Calendar) -> Grouping {
        Grouping { period, calendar }
    }

    /// The number of the period holding `date`: consecutive periods have
    /// consecutive numbers (see [`Period::key`]).
    pub fn key(self, date: Date) -> i64 {
        match (self.calendar, self.period) {
            (Calendar::Gregorian, _) | (Calendar::Hijri, Period::Day | Period::Week) => {
                self.period.key(date)
            }
            (Calendar::Hijri, Period::Month) => {
                let hijri = hijri_of(date);
                i64::from(hijri.year) * 12 + i64::from(hijri.month) - 1
            }
            (Calendar::Hijri, Period::Year) => i64::from(hijri_of(date).year),
        }
    }

    /// The label of period `key`: as [`Period::label`], or in the Hijri
    /// calendar `1439-09-01` (a day, a week's Monday), `1439-09`, `1439`.
    pub fn label(self, key: i64) -> String {
        match (self.calendar, self.period) {
            (Calendar::Gregorian, _) => self.period.label(key),
            (Calendar::Hijri, Period::Day | Period::Week) => {
                let HijriDate { year, month, day } = hijri_of(self.span(key).0);
                format!("{year:04}-{month:02}-{day:02}")
            }
            (Calendar::Hijri, Period::Month) => {
                format!("{:04}-{:02}", key.div_euclid(12), key.rem_euclid(12) + 1)
            }
            (Calendar::Hijri, Period::Year) => format!("{key:04}"),
        }
    }

    /// The labels of the periods `keys`.
    pub fn labels(self, keys: impl IntoIterator<Item = i64>) -> Vec<String> {
        keys.into_iter().map(|k| self.label(k)).collect()
    }

    /// The name of period `key` where it has one: a Hijri month's Arabic
    /// name (`رمضان` for `1439-09`); `None` for every other period.
    pub fn name(self, key: i64) -> Option<&'static str> {
        match (self.calendar, self.period) {
            (Calendar::Hijri, Period::Month) => {
                calendar::hijri_month_name(u8::try_from(key.rem_euclid(12) + 1).ok()?)
            }
            _ => None,
        }
    }

    /// The first day of period `key`, and the first day after it.
    pub fn span(self, key: i64) -> (Date, Date) {
        let month = |k: i64| {
            let year = i32::try_from(k.div_euclid(12)).unwrap_or(0);
            calendar::hijri_month_start(year, k.rem_euclid(12) + 1).unwrap_or(Date::MIN)
        };
        match (self.calendar, self.period) {
            (Calendar::Gregorian, _) | (Calendar::Hijri, Period::Day | Period::Week) => {
                self.period.span(key)
            }
            (Calendar::Hijri, Period::Month) => (month(key), month(key + 1)),
            (Calendar::Hijri, Period::Year) => (month(key * 12), month((key + 1) * 12)),
        }
    }
}

/// The Hijri day of `date` (the first Hijri day ICU4X holds for a date
/// beyond it, which no archive has).
fn hijri_of(date: Date) -> HijriDate {
    calendar::to_hijri(date).unwrap_or(HijriDate { year: 1, month: 1, day: 1 })
}

/// One query's counts.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct Counts {
    /// Articles per period key.
    pub by_period: BTreeMap<i64, u64>,
    /// Matching articles without a date.
    pub undated: u64,
    /// The days of the first and the last dated article.
    #[serde(skip)]
    pub span: Option<(Date, Date)>,
}

impl Counts {
    /// The dated articles in all.
    pub fn dated(&self) -> u64 {
        self.by_period.values().sum()
    }

    /// Counts one article dated `date` (or undated) in its period.
    fn count(&mut self, period: Grouping, date: Option<DateTime>) {
        match date {
            Some(date) => {
                let day = date.into_utc().date();
                *self.by_period.entry(period.key(day)).or_default() += 1;
                self.span = Some(match self.span {
                    Some((first, last)) => (first.min(day), last.max(day)),
                    None => (day, day),
                });
            }
            None => self.undated += 1,
        }
    }

    /// Adds `other`'s counts to these.
    fn add(&mut self, other: Counts) {
        for (key, n) in other.by_period {
            *self.by_period.entry(key).or_default() += n;
        }
        self.undated += other.undated;
        self.span = match (self.span, other.span) {
            (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
            (a, b) => a.or(b),
        };
    }
}

/// Counts matching articles per period.
pub(crate) struct TimelineCollector {
    period: Grouping,
}

impl TimelineCollector {
    /// A collector of periods of `period` (a [`Period`] is Gregorian).
    pub(crate) fn new(period: impl Into<Grouping>) -> TimelineCollector {
        TimelineCollector { period: period.into() }
    }
}

/// One segment's counts.
pub(crate) struct SegmentTimeline {
    period: Grouping,
    dates: Option<Column<DateTime>>,
    counts: Counts,
}

impl Collector for TimelineCollector {
    type Fruit = Counts;
    type Child = SegmentTimeline;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTimeline> {
        let dates = reader.fast_fields().date(schema::DATE).ok();
        Ok(SegmentTimeline { period: self.period, dates, counts: Counts::default() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut all = Counts::default();
        for segment in segments {
            all.add(segment);
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentTimeline {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let date = self.dates.as_ref().and_then(|c| c.first(doc));
        self.counts.count(self.period, date);
    }

    fn harvest(self) -> Counts {
        self.counts
    }
}

/// Counts matching articles per period and per value of a fast text field
/// (`source` or `category`): one [`Counts`] per value, and one for the
/// articles without a value (key `None`).
pub(crate) struct SplitTimelineCollector {
    period: Grouping,
    field: &'static str,
}

impl SplitTimelineCollector {
    /// A collector of periods of `period`, split by the fast field `field`.
    pub(crate) fn new(period: impl Into<Grouping>, field: &'static str) -> SplitTimelineCollector {
        SplitTimelineCollector { period: period.into(), field }
    }
}

/// Counts by value.
pub type SplitCounts = BTreeMap<Option<String>, Counts>;

/// One segment's counts by value ordinal.
pub(crate) struct SegmentSplitTimeline {
    period: Grouping,
    dates: Option<Column<DateTime>>,
    values: Option<StrColumn>,
    by_ord: BTreeMap<Option<u64>, Counts>,
}

impl Collector for SplitTimelineCollector {
    type Fruit = SplitCounts;
    type Child = SegmentSplitTimeline;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentSplitTimeline> {
        let fast = reader.fast_fields();
        Ok(SegmentSplitTimeline {
            period: self.period,
            dates: fast.date(schema::DATE).ok(),
            values: fast.str(self.field)?,
            by_ord: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SplitCounts>) -> tantivy::Result<SplitCounts> {
        let mut all = SplitCounts::new();
        for segment in segments {
            for (value, counts) in segment {
                all.entry(value).or_default().add(counts);
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentSplitTimeline {
    type Fruit = SplitCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let ord = self.values.as_ref().and_then(|c| c.ords().first(doc));
        let date = self.dates.as_ref().and_then(|c| c.first(doc));
        self.by_ord.entry(ord).or_default().count(self.period, date);
    }

    fn harvest(self) -> SplitCounts {
        let mut text = String::new();
        let mut out = SplitCounts::new();
        for (ord, counts) in self.by_ord {
            let value = ord.and_then(|ord| {
                let column = self.values.as_ref()?;
                column.ord_to_str(ord, &mut text).ok()?.then(|| text.clone())
            });
            out.insert(value, counts);
        }
        out
    }
}

/// Most periods one timeline holds (a century of weeks is 5,218).
pub const MAX_PERIODS: i64 = 20_000;

/// The periods of `keys` (an axis) that `dates` cuts: the first when the
/// span starts after its first day, the last when it ends before its
/// last. They hold only the days inside, and a count of them is not a
/// whole period's.
pub(crate) fn cut_periods(period: Grouping, dates: &DateFilter, keys: &[i64]) -> Vec<i64> {
    let day = |secs: i64| time::OffsetDateTime::from_unix_timestamp(secs).ok().map(|t| t.date());
    let mut cut = Vec::new();
    if let (Some(&first), Some(from)) = (keys.first(), dates.from.and_then(day)) {
        if period.span(first).0 < from {
            cut.push(first);
        }
    }
    if let (Some(&last), Some(until)) = (keys.last(), dates.until.and_then(day)) {
        // `until` is the first instant after the span.
        if period.span(last).1 > until && cut.last() != Some(&last) {
            cut.push(last);
        }
    }
    cut
}

/// The periods a timeline shows: from the first to the last period any of
/// `series` has a dated article in, or the whole span asked for in
/// `dates` (`from`, `to`), empty periods too. Too many is an error.
pub(crate) fn axis(period: Grouping, dates: &DateFilter, series: &[&Counts]) -> Result<Vec<i64>> {
    let first = series.iter().filter_map(|c| c.by_period.keys().next()).min().copied();
    let last = series.iter().filter_map(|c| c.by_period.keys().next_back()).max().copied();
    let day = |secs: i64| time::OffsetDateTime::from_unix_timestamp(secs).ok().map(|t| t.date());
    let from = dates.from.and_then(day).map(|d| period.key(d)).or(first);
    let to = dates.until.and_then(|s| day(s - 1)).map(|d| period.key(d)).or(last);
    let (Some(from), Some(to)) = (from, to) else { return Ok(Vec::new()) };
    if to - from >= MAX_PERIODS {
        return Err(Error::TooManyPeriods {
            periods: to - from + 1,
            from: period.label(from),
            to: period.label(to),
        });
    }
    Ok((from..=to).collect())
}

/// The articles `request`'s query matches, counted per `period` (a
/// [`Period`], Gregorian, or a [`Grouping`]
/// in another calendar), and those without a date.
pub fn timeline(
    engine: &Engine,
    request: &SearchRequest,
    period: impl Into<Grouping>,
) -> Result<Counts> {
    let searcher = engine.searcher();
    let plan = engine.plan(&searcher, request)?;
    engine.count_with(&searcher, &*plan.ranked.base, request, &TimelineCollector::new(period))
}

/// [`timeline()`] split by the value of `facet` (source or
/// category; a year facet is refused): one series per value, and one
/// (key `None`) for the articles without one.
pub fn timeline_split(
    engine: &Engine,
    request: &SearchRequest,
    period: impl Into<Grouping>,
    facet: Facet,
) -> Result<SplitCounts> {
    let searcher = engine.searcher();
    let plan = engine.plan(&searcher, request)?;
    period_counts(engine, &searcher, &*plan.ranked.base, request, period.into(), Some(facet))
}

/// The archive a timeline of `request` counts in: the articles its
/// filters and dates admit, whatever its words, per `period`; split by
/// the value of `split` as [`timeline_split`] splits, or not
/// (the one key `None`).
pub fn archive_timeline(
    engine: &Engine,
    request: &SearchRequest,
    period: impl Into<Grouping>,
    split: Option<Facet>,
) -> Result<SplitCounts> {
    let searcher = engine.searcher();
    let plan = engine.plan(&searcher, request)?;
    period_counts(engine, &searcher, &*plan.archive, request, period.into(), split)
}

/// [`timeline()`] (split or not, as [`archive_timeline`])
/// and the archive it is counted in, from one reading of the query.
pub fn timeline_with_archive(
    engine: &Engine,
    request: &SearchRequest,
    period: impl Into<Grouping>,
    split: Option<Facet>,
) -> Result<(SplitCounts, SplitCounts)> {
    let period = period.into();
    let searcher = engine.searcher();
    let plan = engine.plan(&searcher, request)?;
    let matches = period_counts(engine, &searcher, &*plan.ranked.base, request, period, split)?;
    let archive = period_counts(engine, &searcher, &*plan.archive, request, period, split)?;
    Ok((matches, archive))
}

/// The articles `query` matches per period, split by `split`'s values
/// or under the one key `None`.
fn period_counts(
    engine: &Engine,
    searcher: &Searcher,
    query: &dyn tantivy::query::Query,
    request: &SearchRequest,
    period: Grouping,
    split: Option<Facet>,
) -> Result<SplitCounts> {
    let field = match split {
        None => {
            let counts =
                engine.count_with(searcher, query, request, &TimelineCollector::new(period))?;
            return Ok(SplitCounts::from([(None, counts)]));
        }
        Some(Facet::Source) => schema::SOURCE,
        Some(Facet::Category) => schema::CATEGORY,
        Some(Facet::Year) => return Err(Error::CannotSplitBy { facet: "year" }),
    };
    engine.count_with(searcher, query, request, &SplitTimelineCollector::new(period, field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn periods_number_consecutively_and_label_their_start() {
        for period in [Period::Day, Period::Week, Period::Month, Period::Year] {
            let a = period.key(date!(2018 - 12 - 31));
            let (start, end) = period.span(a);
            assert!(start <= date!(2018 - 12 - 31) && date!(2018 - 12 - 31) < end, "{period:?}");
            assert_eq!(period.key(end), a + 1, "{period:?}");
        }
        assert_eq!(Period::Month.label(Period::Month.key(date!(2018 - 03 - 15))), "2018-03");
        // 2018-03-15 was a Thursday: its week starts on Monday the 12th.
        assert_eq!(Period::Week.label(Period::Week.key(date!(2018 - 03 - 15))), "2018-03-12");
        assert_eq!(Period::Year.label(2017), "2017");
    }

    #[test]
    fn hijri_periods_number_consecutively_and_label_their_start() {
        for period in [Period::Day, Period::Week, Period::Month, Period::Year] {
            let grouping = Grouping::new(period, Calendar::Hijri);
            for day in [date!(2018 - 05 - 15), date!(2018 - 05 - 16), date!(2018 - 09 - 10)] {
                let key = grouping.key(day);
                let (start, end) = grouping.span(key);
                assert!(start <= day && day < end, "{period:?} {day}");
                assert_eq!(grouping.key(end), key + 1, "{period:?} {day}");
                assert_eq!(grouping.key(start - Duration::days(1)), key - 1, "{period:?} {day}");
            }
        }
        let month = Grouping::new(Period::Month, Calendar::Hijri);
        // 1 Ramadan 1439 was 16 May 2018.
        let ramadan = month.key(date!(2018 - 05 - 16));
        assert_eq!(month.label(ramadan), "1439-09");
        assert_eq!(month.name(ramadan), Some("رمضان"));
        assert_eq!(month.label(month.key(date!(2018 - 05 - 15))), "1439-08");
        assert_eq!(month.span(ramadan), (date!(2018 - 05 - 16), date!(2018 - 06 - 15)));
        let year = Grouping::new(Period::Year, Calendar::Hijri);
        assert_eq!(year.label(year.key(date!(2018 - 09 - 11))), "1440");
        assert_eq!(year.label(year.key(date!(2018 - 09 - 10))), "1439");
        let day = Grouping::new(Period::Day, Calendar::Hijri);
        assert_eq!(day.label(day.key(date!(2018 - 05 - 16))), "1439-09-01");
        assert_eq!(Grouping::from(Period::Month).name(ramadan), None);
    }
}
