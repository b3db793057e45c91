//! A timeline chart: one or more series of counts on one axis of periods,
//! as `fahras timeline` prints it and `GET /api/timeline` returns it.
//!
//! Each query is a series, or with a split one series per source or
//! category (busiest first, the articles without one last as `(none)`).
//! The axis runs from the first to the last period any series has an
//! article in, or over the whole span asked for with `from`/`to`; empty
//! periods count 0. With `share`, each count is per 1,000 of all the
//! articles of its period (of the same source or category when split).

use serde::Serialize;

use crate::error::{Error, Result};
use crate::facets::Facet;
use crate::searcher::{Engine, Match, QueryOptions, SearchRequest};
use crate::timeline::{span_of, Counts, Period};

/// Most periods one chart holds (a century of weeks is 5,218).
pub const MAX_PERIODS: i64 = 20_000;

/// What to chart.
#[derive(Debug, Clone)]
pub struct ChartRequest {
    /// One series per query (or per value of `split`, for each query).
    pub queries: Vec<String>,
    /// Fields, dates and mode of every query.
    pub options: QueryOptions,
    /// The length of a period.
    pub period: Period,
    /// Counts per 1,000 articles of the period instead of counts.
    pub share: bool,
    /// One series per value of this facet (source or category).
    pub split: Option<Facet>,
    /// Count each story once (its first article) instead of every article.
    pub stories: bool,
}

/// One series of a chart.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    /// The query it counts.
    pub query: String,
    /// With a split: the source or category (`(none)` for articles without).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// One count (or share in ‰) per period of [`Chart::periods`].
    pub counts: Vec<f64>,
    /// Matching articles with a date.
    pub dated: u64,
    /// Matching articles without a date (on no period).
    pub undated: u64,
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
}

/// A chart: its periods and series.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// The rule the articles were matched by: all the words unless `any`
    /// (`"match"` in JSON; see [`Match`]).
    #[serde(rename = "match")]
    pub rule: Match,
    /// The length of a period.
    pub by: Period,
    /// Whether counts are shares (‰).
    pub share: bool,
    /// The facet split on, if any.
    pub split: Option<Facet>,
    /// Whether stories are counted (each once, at its first article)
    /// rather than articles; only present when they are.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stories: bool,
    /// The periods' labels (`2018-03`), in order.
    pub periods: Vec<String>,
    /// The series.
    pub series: Vec<Series>,
}

impl Chart {
    /// Whether any series counts an article.
    pub fn found(&self) -> bool {
        self.series.iter().any(|s| s.dated + s.undated > 0)
    }

    /// The chart as JSON, counts as whole numbers unless shares.
    pub fn to_json(&self) -> serde_json::Value {
        let cell =
            |v: f64| if self.share { serde_json::json!(v) } else { serde_json::json!(v as u64) };
        let mut json = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        for (i, series) in self.series.iter().enumerate() {
            json["series"][i]["counts"] = series.counts.iter().map(|&v| cell(v)).collect();
        }
        json
    }
}

/// Label of the series of the articles without a value.
pub const NONE: &str = "(none)";

impl Engine {
    /// Counts `request`'s queries per period: the chart of `fahras
    /// timeline`.
    pub fn chart(&self, request: &ChartRequest) -> Result<Chart> {
        let period = request.period;
        let search = |q: &str| SearchRequest {
            options: request.options.clone(),
            stories: request.stories,
            ..SearchRequest::new(q)
        };
        let mut lines: Vec<(String, Option<String>, Counts)> = Vec::new();
        for query in &request.queries {
            match request.split {
                None => lines.push((query.clone(), None, self.timeline(&search(query), period)?)),
                Some(facet) => {
                    let mut values: Vec<(Option<String>, Counts)> =
                        self.timeline_split(&search(query), period, facet)?.into_iter().collect();
                    values.sort_by(|a, b| {
                        (a.0.is_none(), b.1.dated() + b.1.undated)
                            .cmp(&(b.0.is_none(), a.1.dated() + a.1.undated))
                            .then_with(|| a.0.cmp(&b.0))
                    });
                    for (value, counts) in values {
                        let value = value.unwrap_or_else(|| NONE.to_string());
                        lines.push((query.clone(), Some(value), counts));
                    }
                }
            }
        }
        let mut keys = span_of(&lines.iter().map(|l| &l.2).collect::<Vec<_>>());
        // A span asked for (`from`, `to`) is shown whole, empty periods too.
        let day =
            |secs: i64| time::OffsetDateTime::from_unix_timestamp(secs).ok().map(|t| t.date());
        let dates = &request.options.dates;
        let from = dates.from.and_then(day).map(|d| period.key(d));
        let to = dates.until.and_then(|s| day(s - 1)).map(|d| period.key(d));
        if let (Some(first), Some(last)) =
            (from.or(keys.first().copied()), to.or(keys.last().copied()))
        {
            if last - first >= MAX_PERIODS {
                return Err(Error::Invalid(format!(
                    "{} periods from {} to {}: too many to show; take a longer period or a shorter span",
                    last - first + 1,
                    period.label(first),
                    period.label(last)
                )));
            }
            keys = (first..=last).collect();
        }
        // Every article of each period (the same dates and filters; split,
        // of the same source or category), for shares.
        let all: Option<Vec<Counts>> = if !request.share {
            None
        } else if let Some(facet) = request.split {
            let every = self.timeline_split(&search("*"), period, facet)?;
            let of = |value: &Option<String>| {
                let value = value.as_deref().filter(|v| *v != NONE).map(str::to_string);
                every.get(&value).cloned().unwrap_or_default()
            };
            Some(lines.iter().map(|l| of(&l.1)).collect())
        } else {
            let every = self.timeline(&search("*"), period)?;
            Some(vec![every; lines.len()])
        };
        let series = lines
            .into_iter()
            .enumerate()
            .map(|(i, (query, value, counts))| {
                let values = keys
                    .iter()
                    .map(|key| {
                        let n = counts.by_period.get(key).copied().unwrap_or(0) as f64;
                        match &all {
                            Some(all) => {
                                let of = all[i].by_period.get(key).copied().unwrap_or(0) as f64;
                                if of > 0.0 {
                                    1000.0 * n / of
                                } else {
                                    0.0
                                }
                            }
                            None => n,
                        }
                    })
                    .collect();
                Series {
                    query,
                    value,
                    counts: values,
                    dated: counts.dated(),
                    undated: counts.undated,
                }
            })
            .collect();
        Ok(Chart {
            rule: request.options.rule(),
            by: period,
            share: request.share,
            split: request.split,
            stories: request.stories,
            periods: keys.iter().map(|&k| period.label(k)).collect(),
            series,
        })
    }
}
