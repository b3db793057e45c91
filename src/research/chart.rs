//! A timeline chart: one or more series of counts on one axis of periods,
//! as `fahras timeline` prints it and `GET /api/timeline` returns it.
//!
//! Each query is a series, or with a split one series per source or
//! category (busiest first, the articles without one last as `(none)`).
//! The axis runs from the first to the last period any series has an
//! article in, or over the whole span asked for with `from`/`to`.
//!
//! Every count comes with the archive it is counted in: the articles of its
//! period that the query's filters and dates admit, whatever its words (of
//! the same source or category when split). A period with no such article
//! is a **gap**, not a zero: its count is `None`. With `share`, each count
//! is per 1,000 of those articles, and a period with fewer than
//! `min_articles` of them is **thin**: not divided (`None`), since one
//! article in a period would make a share of 1,000‰.

use serde::Serialize;

use crate::calendar::Calendar;
use crate::error::Result;
use crate::research::facets::Facet;
pub use crate::research::timeline::MAX_PERIODS;
use crate::research::timeline::{axis, cut_periods, Counts, Grouping, Period};
use crate::searcher::{Engine, Match, QueryOptions, SearchRequest};

/// The fewest articles a period must have in the archive for a share of
/// them to be shown (`--min-articles`).
pub const MIN_ARTICLES: u64 = 30;

/// What to chart.
#[derive(Debug, Clone)]
pub struct ChartRequest {
    /// One series per query (or per value of `split`, for each query).
    pub queries: Vec<String>,
    /// Fields, dates and mode of every query.
    pub options: QueryOptions,
    /// The length of a period.
    pub period: Period,
    /// The calendar of months and years.
    pub calendar: Calendar,
    /// Counts per 1,000 articles of the period instead of counts.
    pub share: bool,
    /// One series per value of this facet (source or category).
    pub split: Option<Facet>,
    /// Count each story once (its first article) instead of every article.
    pub stories: bool,
    /// With `share`: the fewest articles a period needs in the archive to
    /// be divided by ([`MIN_ARTICLES`] by default).
    pub min_articles: u64,
}

/// One series of a chart.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Series {
    /// The query it counts.
    pub query: String,
    /// With a split: the source or category (`(none)` for articles without).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// One count (or share in ‰) per period of [`Chart::periods`]; `None`
    /// for a gap (no article of the period in the archive) or, in shares,
    /// a thin period (fewer than [`ChartRequest::min_articles`]).
    pub counts: Vec<Option<f64>>,
    /// The matching articles of each period, shares or not.
    pub matching: Vec<u64>,
    /// The archive's articles of each period: those the query's filters
    /// and dates admit (split: of this source or category), whatever its
    /// words. What a share divides by.
    pub articles: Vec<u64>,
    /// Matching articles with a date.
    pub dated: u64,
    /// Matching articles without a date (on no period).
    pub undated: u64,
    /// The archive's articles without a date (as [`Series::articles`]).
    pub archive_undated: u64,
    /// Periods with no article in the archive.
    pub gaps: usize,
    /// In shares: periods with some articles, but fewer than
    /// [`ChartRequest::min_articles`], so not divided.
    pub thin: usize,
}

impl Series {
    /// Its name on a legend: the query, the value, or both when the chart
    /// has several queries.
    pub fn name(&self, several_queries: bool) -> String {
        match (&self.value, several_queries) {
            (None, _) => self.query.clone(),
            (Some(value), false) => value.clone(),
            (Some(value), true) => format!("{} · {value}", self.query),
        }
    }

    /// What period `k` holds.
    pub fn point(&self, k: usize) -> Point {
        match self.counts[k] {
            Some(v) => Point::Value(v),
            None if self.articles[k] == 0 => Point::Gap,
            None => Point::Thin { matching: self.matching[k], articles: self.articles[k] },
        }
    }
}

/// One period of a series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Point {
    /// A count, or a share in ‰.
    Value(f64),
    /// No article of the period in the archive: nothing to count in.
    Gap,
    /// Too few articles in the archive to divide by.
    Thin {
        /// Matching articles.
        matching: u64,
        /// The archive's articles.
        articles: u64,
    },
}

/// A chart: its periods and series.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Chart {
    /// The rule the articles were matched by: all the words unless `any`
    /// (`"match"` in JSON; see [`Match`]).
    #[serde(rename = "match")]
    pub rule: Match,
    /// The length of a period.
    pub by: Period,
    /// The calendar of the periods; only present when not Gregorian.
    #[serde(skip_serializing_if = "Calendar::is_gregorian")]
    pub calendar: Calendar,
    /// Whether counts are shares (‰).
    pub share: bool,
    /// With shares: the fewest articles a period is divided by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_articles: Option<u64>,
    /// The facet split on, if any.
    pub split: Option<Facet>,
    /// Whether stories are counted (each once, at its first article)
    /// rather than articles; only present when they are.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stories: bool,
    /// The periods' labels (`2018-03`, `1439-09`), in order.
    pub periods: Vec<String>,
    /// The labels of the periods `from`/`to` cut (a week or month that
    /// starts before `from` or ends after `to`): their counts hold only the
    /// days inside. Only present when there are some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cut: Vec<String>,
    /// The periods' names, one per label, where they have them (Hijri
    /// months: `رمضان`); only present then.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// The series.
    pub series: Vec<Series>,
}

impl Chart {
    /// Whether any series counts an article.
    pub fn found(&self) -> bool {
        self.series.iter().any(|s| s.dated + s.undated > 0)
    }

    /// The chart as JSON, counts as whole numbers unless shares, `null`
    /// for gaps and thin periods.
    pub fn to_json(&self) -> serde_json::Value {
        let cell = |v: Option<f64>| match v {
            None => serde_json::Value::Null,
            Some(v) if self.share => serde_json::json!(v),
            Some(v) => serde_json::json!(v as u64),
        };
        let mut json = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        for (i, series) in self.series.iter().enumerate() {
            json["series"][i]["counts"] = series.counts.iter().map(|&v| cell(v)).collect();
        }
        json
    }
}

/// Label of the series of the articles without a value.
pub const NONE: &str = "(none)";

/// A split value as a series names it: `(none)` for no value.
fn label_of(value: Option<String>) -> String {
    value.unwrap_or_else(|| NONE.to_string())
}

/// Counts `request`'s queries per period: the chart of `fahras
/// timeline`.
pub fn chart(engine: &Engine, request: &ChartRequest) -> Result<Chart> {
    let period = Grouping::new(request.period, request.calendar);
    let search = |q: &str| SearchRequest {
        options: request.options.clone(),
        stories: request.stories,
        ..SearchRequest::new(q)
    };
    // Each query's matches, and the archive they are counted in (split:
    // per value), as (query, value, matches, archive).
    let mut lines: Vec<(String, Option<String>, Counts, Counts)> = Vec::new();
    let mut every_value: Vec<(String, crate::research::timeline::SplitCounts)> = Vec::new();
    for query in &request.queries {
        let (matches, mut archive) = crate::research::timeline::timeline_with_archive(
            engine,
            &search(query),
            period,
            request.split,
        )?;
        if request.split.is_none() {
            let of = archive.remove(&None).unwrap_or_default();
            let counts = matches.into_values().next().unwrap_or_default();
            lines.push((query.clone(), None, counts, of));
            continue;
        }
        for (value, counts) in matches {
            let of = archive.remove(&value).unwrap_or_default();
            lines.push((query.clone(), Some(label_of(value)), counts, of));
        }
        every_value.push((query.clone(), archive));
    }
    let keys =
        axis(period, &request.options.dates, &lines.iter().map(|l| &l.2).collect::<Vec<_>>())?;
    // Split, a value with articles on the axis but no match is a series
    // of zeros: an outlet that never wrote of it is a finding, not a
    // series to leave out.
    if let (Some(&first), Some(&last)) = (keys.first(), keys.last()) {
        for (query, rest) in every_value {
            for (value, archive) in rest {
                if archive.by_period.range(first..=last).next().is_some() {
                    lines.push((query.clone(), Some(label_of(value)), Counts::default(), archive));
                }
            }
        }
    }
    if request.split.is_some() {
        // Per query (in the order asked), busiest first, `(none)` last.
        let order = |q: &str| request.queries.iter().position(|x| x == q).unwrap_or(0);
        lines.sort_by(|a, b| {
            let total = |l: &(String, Option<String>, Counts, Counts)| l.2.dated() + l.2.undated;
            let none = |l: &(String, Option<String>, Counts, Counts)| l.1.as_deref() == Some(NONE);
            (order(&a.0), none(a), total(b))
                .cmp(&(order(&b.0), none(b), total(a)))
                .then_with(|| a.1.cmp(&b.1))
        });
    }
    let min_articles = request.min_articles.max(1);
    let series = lines
        .into_iter()
        .map(|(query, value, counts, archive)| {
            let matching: Vec<u64> =
                keys.iter().map(|k| counts.by_period.get(k).copied().unwrap_or(0)).collect();
            let articles: Vec<u64> =
                keys.iter().map(|k| archive.by_period.get(k).copied().unwrap_or(0)).collect();
            let values: Vec<Option<f64>> = matching
                .iter()
                .zip(&articles)
                .map(|(&n, &of)| match of {
                    0 => None,
                    of if request.share && of < min_articles => None,
                    of if request.share => Some(1000.0 * n as f64 / of as f64),
                    _ => Some(n as f64),
                })
                .collect();
            let gaps = articles.iter().filter(|&&a| a == 0).count();
            let thin = if request.share {
                articles.iter().filter(|&&a| a > 0 && a < min_articles).count()
            } else {
                0
            };
            Series {
                query,
                value,
                counts: values,
                matching,
                articles,
                dated: counts.dated(),
                undated: counts.undated,
                archive_undated: archive.undated,
                gaps,
                thin,
            }
        })
        .collect();
    let names: Vec<String> =
        keys.iter().filter_map(|&k| period.name(k)).map(str::to_string).collect();
    Ok(Chart {
        rule: request.options.rule(),
        by: request.period,
        calendar: request.calendar,
        share: request.share,
        min_articles: request.share.then_some(min_articles),
        split: request.split,
        stories: request.stories,
        periods: period.labels(keys.iter().copied()),
        cut: period.labels(cut_periods(period, &request.options.dates, &keys)),
        names: if names.len() == keys.len() { names } else { Vec::new() },
        series,
    })
}
