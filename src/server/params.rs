//! Query-string parameters: each endpoint names the ones it takes, so a
//! misspelt one is a 400 that lists them rather than silently ignored.
//! The query-flag parameters mean what the command line's flags mean.

use axum::extract::rejection::QueryRejection;
use axum::extract::Query;

use super::arabic::isolated;
use super::reply::ApiError;
use crate::analysis::QueryMode;
use crate::cancel::Cancel;
use crate::choice::Choice;
use crate::research::facets::Facet;
use crate::searcher::query::filter::{parse_period, DateFilter};
use crate::searcher::{Match, QueryOptions, SearchRequest, Sort};

/// Longest query (or text to analyze) taken, in bytes.
pub(super) const MAX_QUERY_BYTES: usize = 4096;
/// Most hits one page gives.
pub(super) const MAX_LIMIT: usize = 1000;

/// The parameters every query endpoint takes (besides `q`).
pub(super) const QUERY_PARAMS: &[&str] =
    &["q", "fields", "from", "to", "exact", "all", "any", "fuzzy"];

/// A request's parameters, and the token that stops its work.
pub(super) struct Params {
    pairs: Vec<(String, String)>,
    cancel: Cancel,
}

/// The extractor's output: the pairs, or why they could not be read.
pub(super) type RawParams = Result<Query<Vec<(String, String)>>, QueryRejection>;

impl Params {
    /// Reads the pairs, refusing any name not in `known`.
    pub(super) fn new(raw: RawParams, known: &[&[&str]]) -> Result<Params, ApiError> {
        let Query(pairs) = raw.map_err(|e| {
            ApiError::bad(format!("bad query string: {e}")).ar("تعذّرت قراءة معاملات العنوان")
        })?;
        for (name, _) in &pairs {
            if !known.iter().any(|list| list.contains(&name.as_str())) {
                let all: Vec<&str> = known.iter().flat_map(|l| l.iter().copied()).collect();
                return Err(ApiError::bad(format!(
                    "unknown parameter \"{name}\"; this endpoint takes {}",
                    all.join(", ")
                ))
                .ar(format!("معامل غير معروف: {}", isolated(name))));
            }
        }
        Ok(Params { pairs, cancel: Cancel::new() })
    }

    /// The token the query options of this request carry: cancelled, it
    /// stops their work.
    pub(super) fn cancel(&self) -> Cancel {
        self.cancel.clone()
    }

    /// The last value of `name`.
    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Every value of `name`, in order.
    pub(super) fn all(&self, name: &str) -> Vec<&str> {
        self.pairs.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }

    /// A text parameter that must be there once, at most [`MAX_QUERY_BYTES`].
    pub(super) fn text(&self, name: &str) -> Result<String, ApiError> {
        let given = self.all(name).len();
        if given > 1 {
            return Err(ApiError::bad(format!(
                "{name} is given {given} times; this endpoint takes one (only /api/timeline takes several q, a series each)"
            ))
            .ar(format!("المعامل {} مكرر {given} مرات، وهنا يؤخذ مرة واحدة", isolated(name))));
        }
        let value = self.get(name).ok_or_else(|| {
            ApiError::bad(format!("the parameter \"{name}\" is missing: give {name}=…"))
                .ar(format!("المعامل {} ناقص", isolated(name)))
        })?;
        checked_length(name, value)?;
        Ok(value.to_string())
    }

    /// A number in `range`, or `default` when absent.
    pub(super) fn number(
        &self,
        name: &str,
        default: usize,
        range: std::ops::RangeInclusive<usize>,
    ) -> Result<usize, ApiError> {
        let Some(text) = self.get(name) else { return Ok(default) };
        match text.trim().parse::<usize>() {
            Ok(n) if range.contains(&n) => Ok(n),
            _ => Err(ApiError::bad(format!(
                "{name}={text}: expected a whole number from {} to {}",
                range.start(),
                range.end()
            ))
            .ar(format!(
                "{}: يُنتظر عدد صحيح من {} إلى {}",
                isolated(&format!("{name}={text}")),
                range.start(),
                range.end()
            ))),
        }
    }

    /// A number of 0 or more, or `default` when absent.
    pub(super) fn decimal(&self, name: &str, default: f64) -> Result<f64, ApiError> {
        let Some(text) = self.get(name) else { return Ok(default) };
        match text.trim().parse::<f64>() {
            Ok(n) if n.is_finite() && n >= 0.0 => Ok(n),
            _ => Err(ApiError::bad(format!("{name}={text}: expected a number of 0 or more"))
                .ar(format!("{}: يُنتظر عدد لا يقل عن 0", isolated(&format!("{name}={text}"))))),
        }
    }

    /// A yes/no parameter: absent, `false` or `0` is no; present empty,
    /// `true` or `1` is yes.
    pub(super) fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.get(name).map(str::trim) {
            None | Some("false" | "0") => Ok(false),
            Some("" | "true" | "1") => Ok(true),
            Some(other) => Err(ApiError::bad(format!("{name}={other}: expected true or false"))
                .ar(format!("{}: يُنتظر true أو false", isolated(&format!("{name}={other}"))))),
        }
    }

    /// `collapse`: copies of one story once (the default), or every
    /// article with `collapse=false`.
    pub(super) fn collapse(&self) -> Result<bool, ApiError> {
        Ok(self.get("collapse").is_none() || self.flag("collapse")?)
    }

    /// One of `choices`, or the first when absent.
    pub(super) fn choice<T: Copy>(&self, name: &str, choices: &[(&str, T)]) -> Result<T, ApiError> {
        let Some(text) = self.get(name) else { return Ok(choices[0].1) };
        choices.iter().find(|(n, _)| *n == text.trim()).map(|(_, v)| *v).ok_or_else(|| {
            let names: Vec<&str> =
                choices.iter().map(|(n, _)| *n).filter(|n| !n.is_empty()).collect();
            one_of(name, text, &names)
        })
    }

    /// `all=true` or `any=true`: every word required, or any enough (the
    /// command line's `--all`, `--any`); neither: the default of the use
    /// (see [`Match`]).
    /// The value of a [`Choice`] named by `name`, or its default (the
    /// first of its names).
    pub(super) fn named<T: Choice>(&self, name: &str) -> Result<T, ApiError> {
        let Some(text) = self.get(name) else { return Ok(T::NAMES[0].1) };
        T::named(text).map_err(|e| one_of(name, text, &e.names))
    }

    pub(super) fn rule(&self) -> Result<Option<Match>, ApiError> {
        match (self.flag("all")?, self.flag("any")?) {
            (true, true) => Err(ApiError::bad(
                "all=true and any=true: give one (all: every word required; any: any word)",
            )),
            (true, false) => Ok(Some(Match::All)),
            (false, true) => Ok(Some(Match::Any)),
            (false, false) => Ok(None),
        }
    }

    /// The query options of [`QUERY_PARAMS`], as the command line's
    /// `--fields`, `--from`, `--to`, `--exact`, `--all`, `--any` and
    /// `--fuzzy`.
    pub(super) fn options(&self) -> Result<QueryOptions, ApiError> {
        let fields: Vec<String> = self
            .all("fields")
            .iter()
            .flat_map(|v| v.split(','))
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty())
            .collect();
        for field in &fields {
            if field != "title" && field != "body" {
                return Err(ApiError::bad(format!(
                    "fields={field}: the fields searched are title and body"
                )));
            }
        }
        let period = |name: &str| {
            self.get(name)
                .filter(|t| !t.trim().is_empty())
                .map(|text| {
                    parse_period(text).ok_or_else(|| {
                        ApiError::bad(format!(
                            "{name}={text}: not a date; write 2017, 2017-06, 2017-06-05, an RFC 3339 time, or a Hijri 1439h, 1439-09h"
                        ))
                        .ar(super::arabic::not_a_date(text))
                    })
                })
                .transpose()
        };
        let (from, to) = (period("from")?, period("to")?);
        Ok(QueryOptions {
            mode: if self.flag("exact")? { QueryMode::Exact } else { QueryMode::Stemmed },
            fields,
            dates: DateFilter { from: from.map(|p| p.start), until: to.map(|p| p.end) },
            matching: self.rule()?,
            fuzzy: self.flag("fuzzy")?,
            cancel: self.cancel(),
            ..QueryOptions::default()
        })
    }

    /// [`Params::request`], counted: an unreadable filter is an error (see
    /// `QueryOptions::counting`).
    pub(super) fn counting_request(&self) -> Result<SearchRequest, ApiError> {
        let mut request = self.request()?;
        request.options.counting = true;
        Ok(request)
    }

    /// The search request of `q` and the query parameters.
    pub(super) fn request(&self) -> Result<SearchRequest, ApiError> {
        Ok(SearchRequest { options: self.options()?, ..SearchRequest::new(self.text("q")?) })
    }

    /// `sort`: relevance (default) or date.
    pub(super) fn sort(&self) -> Result<Sort, ApiError> {
        self.named("sort")
    }

    /// `facet`: a comma-separated list of source, category, year.
    pub(super) fn facets(&self) -> Result<Vec<Facet>, ApiError> {
        let mut facets = Vec::new();
        for value in self.all("facet") {
            for facet in Facet::parse_list(value).map_err(ApiError::from)? {
                if !facets.contains(&facet) {
                    facets.push(facet);
                }
            }
        }
        Ok(facets)
    }
}

/// A value that is none of `names`.
fn one_of(name: &str, text: &str, names: &[&str]) -> ApiError {
    ApiError::bad(format!("{name}={text}: expected one of {}", names.join(", "))).ar(format!(
        "{}: يُنتظر واحد من {}",
        isolated(&format!("{name}={text}")),
        names.iter().map(|n| isolated(n)).collect::<Vec<_>>().join("، ")
    ))
}

/// Refuses a text over [`MAX_QUERY_BYTES`].
pub(super) fn checked_length(name: &str, value: &str) -> Result<(), ApiError> {
    if value.len() > MAX_QUERY_BYTES {
        return Err(ApiError::bad(format!(
            "{name} is {} bytes long; the limit is {MAX_QUERY_BYTES}",
            value.len()
        ))
        .ar(super::arabic::too_long(value.len(), MAX_QUERY_BYTES)));
    }
    Ok(())
}
