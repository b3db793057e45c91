//! Coverage: what the archive itself holds, per period and per outlet (or
//! section): the articles every count of a timeline is a part of.
//!
//! A count means little without it: a month in which an outlet has no
//! article is a gap in the archive, not a month without interest. The rows
//! are the values of the split (busiest first, the articles without one
//! last as `(none)`), the columns the periods from the first to the last
//! dated article selected (or the span asked for with `from`/`to`). Each
//! row says its first and last dated article, the periods between them
//! it has no article in, and its articles without a date (on no period).
//!
//! What is selected is the query's filters and dates (`source:`,
//! `category:`, `date:`, `--from`, `--to`); its words play no part.

use serde::Serialize;

use crate::calendar::Calendar;
use crate::error::Result;
use crate::research::chart::NONE;
use crate::research::facets::Facet;
use crate::research::timeline::{axis, cut_periods, Counts, Grouping, Period};
use crate::searcher::query::syntax::{self, Clause, Node};
use crate::searcher::{Engine, QueryOptions, SearchRequest};

/// What to cover.
#[derive(Debug, Clone)]
pub struct CoverageRequest {
    /// A query whose filters select the articles (`*` or empty: all).
    pub query: String,
    /// Dates (`from`, `to`) and the rest of the query's options.
    pub options: QueryOptions,
    /// The length of a period.
    pub period: Period,
    /// The calendar of months and years.
    pub calendar: Calendar,
    /// One row per value of this facet (source or category); `None`: one
    /// row for all.
    pub split: Option<Facet>,
}

/// One row: the articles of one source or category.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Row {
    /// The source or category (`(none)` for articles without one; `all`
    /// when not split).
    pub value: String,
    /// Articles per period of [`Coverage::periods`].
    pub articles: Vec<u64>,
    /// Articles with a date.
    pub dated: u64,
    /// Articles without a date.
    pub undated: u64,
    /// The day of its first dated article (`2017-06-05`).
    pub first: Option<String>,
    /// The day of its last dated article.
    pub last: Option<String>,
    /// Periods from its first to its last dated article with no article:
    /// holes in its run.
    pub gaps: usize,
}

/// The archive's articles per period and value.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Coverage {
    /// The length of a period.
    pub by: Period,
    /// The calendar of the periods; only present when not Gregorian.
    #[serde(skip_serializing_if = "Calendar::is_gregorian")]
    pub calendar: Calendar,
    /// The facet split on, if any.
    pub split: Option<Facet>,
    /// The periods' labels, in order.
    pub periods: Vec<String>,
    /// The labels of the periods `from`/`to` cut: they hold only the days
    /// inside. Only present when there are some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cut: Vec<String>,
    /// Articles per period over all rows.
    pub total: Vec<u64>,
    /// The rows, busiest first.
    pub rows: Vec<Row>,
    /// Articles selected, dated or not.
    pub articles: u64,
    /// Of those, articles without a date.
    pub undated: u64,
    /// What was read differently from how it looked, one line each (among
    /// them, that a query's words are not counted here).
    pub notes: Vec<crate::note::Note>,
}

/// The archive's articles per period (and per source or category):
/// what `fahras coverage` shows.
pub fn coverage(engine: &Engine, request: &CoverageRequest) -> Result<Coverage> {
    let period = Grouping::new(request.period, request.calendar);
    let query = if request.query.trim().is_empty() { "*" } else { request.query.as_str() };
    let search = SearchRequest { options: request.options.clone(), ..SearchRequest::new(query) };
    let mut notes = Vec::new();
    if has_words(&syntax::parse(query).clauses) {
        notes.push(crate::note::Note::CoverageIgnoresWords);
    }
    let mut values: Vec<(Option<String>, Counts)> =
        crate::research::timeline::archive_timeline(engine, &search, period, request.split)?
            .into_iter()
            .collect();
    values.sort_by(|a, b| {
        (a.0.is_none(), b.1.dated() + b.1.undated)
            .cmp(&(b.0.is_none(), a.1.dated() + a.1.undated))
            .then_with(|| a.0.cmp(&b.0))
    });
    // Not split, the one row is every article.
    let none = if request.split.is_some() { NONE } else { "all" };
    let mut rows: Vec<(String, Counts)> = values
        .into_iter()
        .map(|(value, counts)| (value.unwrap_or_else(|| none.to_string()), counts))
        .collect();
    rows.retain(|(_, c)| c.dated() + c.undated > 0);
    let keys =
        axis(period, &request.options.dates, &rows.iter().map(|r| &r.1).collect::<Vec<_>>())?;
    let day = |d: time::Date| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
    let mut total = vec![0; keys.len()];
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|(value, counts)| {
            let articles: Vec<u64> =
                keys.iter().map(|k| counts.by_period.get(k).copied().unwrap_or(0)).collect();
            for (t, n) in total.iter_mut().zip(&articles) {
                *t += n;
            }
            let gaps = match counts.span {
                Some((first, last)) => (period.key(first)..=period.key(last))
                    .filter(|k| !counts.by_period.contains_key(k))
                    .count(),
                None => 0,
            };
            Row {
                value,
                articles,
                dated: counts.dated(),
                undated: counts.undated,
                first: counts.span.map(|s| day(s.0)),
                last: counts.span.map(|s| day(s.1)),
                gaps,
            }
        })
        .collect();
    Ok(Coverage {
        by: request.period,
        calendar: request.calendar,
        split: request.split,
        periods: period.labels(keys.iter().copied()),
        cut: period.labels(cut_periods(period, &request.options.dates, &keys)),
        total,
        articles: rows.iter().map(|r| r.dated + r.undated).sum(),
        undated: rows.iter().map(|r| r.undated).sum(),
        rows,
        notes,
    })
}

/// Whether `clauses` search any words (rather than only filter).
fn has_words(clauses: &[Clause]) -> bool {
    clauses.iter().any(|c| match &c.node {
        Node::Filter(_) | Node::All => false,
        Node::Group(inner) => has_words(inner),
        _ => true,
    })
}
