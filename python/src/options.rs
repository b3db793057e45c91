//! What the Python calls share: the query's fields, dates and rule, read
//! from the keyword arguments the `fahras` package passes on, and the named
//! choices (`by="month"`), read from the library's one table of names.

use pyo3::prelude::*;

use fahras::analysis::QueryMode;
use fahras::choice::Choice;
use fahras::searcher::query::{parse_period, DateFilter};
use fahras::searcher::{Match, QueryOptions};

use crate::errors::invalid;

/// The keyword arguments every query call takes, as a dict (the package
/// fills in each key).
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
pub(crate) struct QueryArgs {
    /// `fields=["title"]`: the fields plain words search.
    pub(crate) fields: Option<Vec<String>>,
    /// `date_from="2017-06"`.
    pub(crate) date_from: Option<String>,
    /// `date_to="2017-12"`.
    pub(crate) date_to: Option<String>,
    /// `match="all"` or `"any"`; None: the call's default.
    pub(crate) rule: Option<String>,
    /// `exact=True`: words as written, not stemmed.
    pub(crate) exact: bool,
    /// `fuzzy=True`: also words one edit away.
    pub(crate) fuzzy: bool,
}

impl QueryArgs {
    /// The library's options for these arguments; `counting` for the calls
    /// that count (all the words required unless `match="any"`, and a
    /// filter that cannot be read is an error).
    pub(crate) fn options(&self, py: Python<'_>, counting: bool) -> PyResult<QueryOptions> {
        let fields = self.fields.clone().unwrap_or_default();
        for field in &fields {
            if field != "title" && field != "body" {
                return Err(invalid(
                    py,
                    format!("fields: \"{field}\" is not a field searched; they are title and body"),
                ));
            }
        }
        let period = |name: &str, text: &Option<String>| -> PyResult<_> {
            let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty()) else {
                return Ok(None);
            };
            parse_period(text).map(Some).ok_or_else(|| {
                invalid(
                    py,
                    format!(
                        "{name}=\"{}\": not a date; write 2017, 2017-06, 2017-06-05, an RFC \
                         3339 time, a datetime.date, or a Hijri year or month: 1439h, 1439-09h",
                        text.trim()
                    ),
                )
            })
        };
        let from = period("date_from", &self.date_from)?;
        let to = period("date_to", &self.date_to)?;
        // Arguments, not query text: a span with no day in it is a mistake
        // to say, not a note to find later.
        if let (Some(from), Some(to)) = (&from, &to) {
            if from.start >= to.end {
                return Err(invalid(
                    py,
                    format!(
                        "date_from=\"{}\" comes after date_to=\"{}\": no day lies between them",
                        self.date_from.as_deref().unwrap_or_default().trim(),
                        self.date_to.as_deref().unwrap_or_default().trim()
                    ),
                ));
            }
        }
        let matching = match self.rule.as_deref().map(str::trim) {
            None => None,
            Some("all") => Some(Match::All),
            Some("any") => Some(Match::Any),
            Some(other) => {
                return Err(invalid(py, format!("match=\"{other}\": expected \"all\" or \"any\"")))
            }
        };
        Ok(QueryOptions {
            mode: if self.exact { QueryMode::Exact } else { QueryMode::Stemmed },
            fields,
            dates: DateFilter { from: from.map(|p| p.start), until: to.map(|p| p.end) },
            matching,
            fuzzy: self.fuzzy,
            counting,
            ..QueryOptions::default()
        })
    }
}

/// The value of choice `T` named `text` by the keyword argument `name`.
pub(crate) fn named<T: Choice>(py: Python<'_>, name: &str, text: &str) -> PyResult<T> {
    T::named(text).map_err(|e| {
        let names: Vec<String> = e.names.iter().map(|n| format!("\"{n}\"")).collect();
        invalid(py, format!("{name}=\"{text}\": expected one of {}", names.join(", ")))
    })
}
