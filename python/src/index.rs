//! `fahras._fahras.Index`: an open index and the library calls on it, each
//! answering with the JSON shape of the command's `--json` (the `fahras`
//! package turns those into hits and tables).
//!
//! The index is followed as the server follows it: a call sees the last
//! commit, so articles indexed after the `Index` was opened are found.
//! Every call lets go of Python's lock while the library works, so threads
//! may search one `Index` at once.

use fahras::note::Front;
use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::{json, Value};

use fahras::calendar::Calendar;
use fahras::json::{facets_count, hit_line, summary_line, ArticleLine, HitLine};
use fahras::research::chart::ChartRequest;
use fahras::research::collocates::{CollocateOptions, GroupBy, Measure};
use fahras::research::coverage::CoverageRequest;
use fahras::research::dispersion::Parts;
use fahras::research::export::Matches;
use fahras::research::facets::Facet;
use fahras::research::keywords::{KeywordOptions, KeywordSort};
use fahras::research::kwic::{KwicOptions, KwicSort};
use fahras::research::timeline::Period;
use fahras::research::words::{WordOptions, MAX_NGRAM};
use fahras::searcher::live::LiveEngine;
use fahras::searcher::{Engine, SearchRequest, Sort};

use crate::convert::{serialized, to_python};
use crate::errors::{invalid, OrRaise};
use crate::options::{named, QueryArgs};

/// An open index (see the `fahras.Index` class for the documented calls).
#[pyclass(module = "fahras._fahras", frozen)]
pub(crate) struct Index {
    live: LiveEngine,
    path: PathBuf,
}

/// A JSON value or the library's error, made while Python's lock is free.
type Made = fahras::Result<Value>;

/// `value` as the command line prints it: through its JSON text, so that a
/// score (an `f32`) reads as the command prints it (`7.339635`), not as
/// the `f64` nearest to it (`7.339634895324707`).
fn to_value(value: &impl serde::Serialize) -> Made {
    serde_json::to_string(value)
        .and_then(|text| serde_json::from_str(&text))
        .map_err(|e| fahras::Error::Invalid(e.to_string()))
}

impl Index {
    /// Runs `work` on the engine without Python's lock, and gives its JSON
    /// to Python.
    fn call<'py>(
        &self,
        py: Python<'py>,
        work: impl FnOnce(&Engine) -> Made + Send,
    ) -> PyResult<Bound<'py, PyAny>> {
        let value =
            py.detach(|| self.live.engine().and_then(|engine| work(&engine))).or_raise(py)?;
        to_python(py, &value)
    }
}

/// A hit line as `search --json` prints it, as a dict: the same keys (a
/// collapsed hit's `story` and `copies` only when collapsed), its score (an
/// `f32`) as the command line prints it (`7.339635`), not as the `f64`
/// nearest to the `f32` (`7.339634895324707`).
fn hit_dict<'py>(py: Python<'py>, line: &HitLine<'_>) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    let score: f64 = line.score.to_string().parse().unwrap_or(f64::from(line.score));
    let pairs = |marks: &[(usize, usize)]| -> Vec<[usize; 2]> {
        marks.iter().map(|&(a, b)| [a, b]).collect()
    };
    dict.set_item("type", line.kind)?;
    dict.set_item("rank", line.rank)?;
    dict.set_item("id", line.id)?;
    dict.set_item("score", score)?;
    dict.set_item("title", line.title)?;
    dict.set_item("date", line.date)?;
    dict.set_item("source", line.source)?;
    dict.set_item("category", line.category)?;
    dict.set_item("url", line.url)?;
    dict.set_item("snippet", line.snippet)?;
    dict.set_item("highlights", pairs(line.highlights))?;
    dict.set_item("title_highlights", pairs(line.title_highlights))?;
    if let Some(story) = &line.story {
        dict.set_item("story", story)?;
    }
    if let Some(copies) = &line.copies {
        dict.set_item("copies", copies)?;
    }
    Ok(dict)
}

/// `value`'s JSON with its notes in Python's words (`date_from`, not
/// `--from`).
fn with_notes(value: &impl serde::Serialize, notes: &[fahras::note::Note]) -> Made {
    let mut json = to_value(value)?;
    json["notes"] = json!(fahras::note::render(notes, Front::Python));
    Ok(json)
}

/// `value`, given as the keyword argument `name`, if it is from 1 to `max`.
fn within(py: Python<'_>, name: &str, value: usize, max: usize) -> PyResult<()> {
    if value == 0 || value > max {
        return Err(invalid(py, format!("{name}={value}: expected 1 to {max}")));
    }
    Ok(())
}

/// The facet a `split` names: none, source or category.
fn split_of(py: Python<'_>, split: Option<&str>, none_is: &[&str]) -> PyResult<Option<Facet>> {
    match split.map(str::trim) {
        None => Ok(None),
        Some(name) if none_is.contains(&name) => Ok(None),
        Some("source") => Ok(Some(Facet::Source)),
        Some("category") => Ok(Some(Facet::Category)),
        Some(other) => Err(invalid(
            py,
            format!("split=\"{other}\": expected \"source\", \"category\" or None"),
        )),
    }
}

#[pymethods]
impl Index {
    /// Opens the index at `path`.
    #[new]
    fn new(py: Python<'_>, path: PathBuf) -> PyResult<Index> {
        // Opened once here, so a missing or unreadable index is an error
        // now, with its reason, and not at the first search.
        py.detach(|| Engine::open(&path).map(drop)).or_raise(py)?;
        Ok(Index { live: LiveEngine::new(&path), path })
    }

    /// The folder.
    #[getter]
    fn path(&self) -> PathBuf {
        self.path.clone()
    }

    /// `search --json`: `{"hits": [hit lines], "summary": summary line}`.
    #[allow(clippy::too_many_arguments)]
    fn search<'py>(
        &self,
        py: Python<'py>,
        query: String,
        limit: usize,
        offset: usize,
        sort: &str,
        snippet: usize,
        collapse: bool,
        facets: Option<String>,
        exact_total: bool,
        args: QueryArgs,
    ) -> PyResult<Bound<'py, PyAny>> {
        let facets = match facets {
            Some(list) => Facet::parse_list(&list).or_raise(py)?,
            None => Vec::new(),
        };
        let counting = !facets.is_empty();
        let request = SearchRequest {
            options: args.options(py, counting)?,
            limit,
            offset,
            sort: named::<Sort>(py, "sort", sort)?,
            snippet_chars: snippet,
            facets,
            collapse,
            exact_total,
            ..SearchRequest::new(query)
        };
        let (results, summary) = py
            .detach(|| -> fahras::Result<_> {
                let engine = self.live.engine()?;
                let results = engine.search(&request)?;
                let summary =
                    to_value(&summary_line(&request.query, &request, &results, Front::Python))?;
                Ok((results, summary))
            })
            .or_raise(py)?;
        // The hits straight to Python objects: the hot path of a notebook's
        // search, without a JSON value between.
        let hits = PyList::empty(py);
        for hit in &results.hits {
            hits.append(hit_dict(py, &hit_line(hit))?)?;
        }
        let answer = PyDict::new(py);
        answer.set_item("hits", hits)?;
        answer.set_item("summary", to_python(py, &summary)?)?;
        Ok(answer.into_any())
    }

    /// `search --count --json`'s summary line.
    fn count<'py>(
        &self,
        py: Python<'py>,
        query: String,
        collapse: bool,
        args: QueryArgs,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request =
            SearchRequest::new(query).limit(0).collapse(collapse).options(args.options(py, true)?);
        self.call(py, move |engine| {
            let results = engine.search(&request)?;
            to_value(&summary_line(&request.query, &request, &results, Front::Python))
        })
    }

    /// `timeline --json`.
    #[allow(clippy::too_many_arguments)]
    fn timeline<'py>(
        &self,
        py: Python<'py>,
        queries: Vec<String>,
        by: &str,
        calendar: &str,
        share: bool,
        split: Option<&str>,
        stories: bool,
        min_articles: u64,
        args: QueryArgs,
    ) -> PyResult<Bound<'py, PyAny>> {
        if queries.is_empty() {
            return Err(invalid(py, "timeline: give at least one query"));
        }
        if min_articles == 0 {
            return Err(invalid(py, "min_articles=0: expected 1 or more"));
        }
        let request = ChartRequest {
            queries: queries.iter().map(|q| q.trim().to_string()).collect(),
            options: args.options(py, true)?,
            period: named::<Period>(py, "by", by)?,
            calendar: named::<Calendar>(py, "calendar", calendar)?,
            share,
            split: split_of(py, split, &[])?,
            stories,
            min_articles,
        };
        self.call(py, move |engine| Ok(fahras::research::chart(engine, &request)?.to_json()))
    }

    /// `facets --json`.
    fn facets<'py>(
        &self,
        py: Python<'py>,
        query: String,
        facets: &str,
        stories: bool,
        args: QueryArgs,
    ) -> PyResult<Bound<'py, PyAny>> {
        let facets = Facet::parse_list(facets).or_raise(py)?;
        let request = SearchRequest {
            options: args.options(py, true)?,
            stories,
            ..SearchRequest::new(query)
        };
        self.call(py, move |engine| {
            let (total, counts) = fahras::research::facets(engine, &request, &facets)?;
            Ok(facets_count(total, request.options.rule(), &counts))
        })
    }

    /// `coverage --json`.
    fn coverage<'py>(
        &self,
        py: Python<'py>,
        query: String,
        by: &str,
        calendar: &str,
        split: Option<&str>,
        args: QueryArgs,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = CoverageRequest {
            query,
            options: args.options(py, true)?,
            period: named::<Period>(py, "by", by)?,
            calendar: named::<Calendar>(py, "calendar", calendar)?,
            split: split_of(py, split, &["none"])?,
        };
        self.call(py, move |engine| {
            let coverage = fahras::research::coverage(engine, &request)?;
            with_notes(&coverage, &coverage.notes)
        })
    }

    /// `kwic --json`.
    #[allow(clippy::too_many_arguments)]
    fn kwic<'py>(
        &self,
        py: Python<'py>,
        query: String,
        context: usize,
        lines: Option<usize>,
        offset: usize,
        every: bool,
        sort: &str,
        collapse: bool,
        args: QueryArgs,
    ) -> PyResult<Bound<'py, PyAny>> {
        within(py, "context", context, fahras::research::kwic::MAX_CONTEXT_CHARS)?;
        let options = KwicOptions {
            context_chars: context,
            lines,
            all: every,
            sort: named::<KwicSort>(py, "sort", sort)?,
            offset,
        };
        let request = SearchRequest::new(query).collapse(collapse).options(args.options(py, true)?);
        self.call(py, move |engine| {
            let concordance = fahras::research::kwic(engine, &request, &options)?;
            with_notes(&concordance, &concordance.notes)
        })
    }

    /// `collocates --json`.
    #[allow(clippy::too_many_arguments)]
    fn collocates<'py>(
        &self,
        py: Python<'py>,
        query: String,
        window: usize,
        min_freq: u64,
        by: &str,
        measure: &str,
        limit: usize,
        stop_words: bool,
        collapse: bool,
        args: QueryArgs,
    ) -> PyResult<Bound<'py, PyAny>> {
        within(py, "window", window, fahras::research::collocates::MAX_WINDOW)?;
        let options = CollocateOptions {
            window,
            min_freq: min_freq.max(1),
            by: named::<GroupBy>(py, "by", by)?,
            measure: named::<Measure>(py, "measure", measure)?,
            limit,
            stop_words,
        };
        let request = SearchRequest::new(query).collapse(collapse).options(args.options(py, true)?);
        self.call(py, move |engine| {
            let found = fahras::research::collocates(engine, &request, &options)?;
            with_notes(&found, &found.notes)
        })
    }

    /// `keywords --json`: `query` the focus, `vs` the reference (the rest
    /// of the archive when `None`).
    #[allow(clippy::too_many_arguments)]
    fn keywords<'py>(
        &self,
        py: Python<'py>,
        query: String,
        vs: Option<String>,
        by: &str,
        min_ll: f64,
        min_freq: u64,
        negative: bool,
        sort: &str,
        smooth: f64,
        limit: usize,
        collapse: bool,
        args: QueryArgs,
    ) -> PyResult<Bound<'py, PyAny>> {
        if !min_ll.is_finite() || min_ll < 0.0 {
            return Err(invalid(py, format!("min_ll={min_ll}: expected a number of 0 or more")));
        }
        if !smooth.is_finite() || smooth <= 0.0 {
            return Err(invalid(py, format!("smooth={smooth}: expected a number above 0")));
        }
        let options = KeywordOptions {
            by: named::<GroupBy>(py, "by", by)?,
            min_ll,
            min_freq: min_freq.max(1),
            smooth,
            negative,
            sort: named::<KeywordSort>(py, "sort", sort)?,
            limit,
        };
        let query_options = args.options(py, true)?;
        let focus = SearchRequest::new(query).collapse(collapse).options(query_options.clone());
        let reference =
            vs.map(|vs| SearchRequest::new(vs).collapse(collapse).options(query_options));
        self.call(py, move |engine| {
            let found = fahras::research::keywords(engine, &focus, reference.as_ref(), &options)?;
            with_notes(&found, &found.notes)
        })
    }

    /// `words --json`.
    #[allow(clippy::too_many_arguments)]
    fn words<'py>(
        &self,
        py: Python<'py>,
        query: String,
        ngrams: usize,
        by: &str,
        min_freq: u64,
        stop_words: bool,
        limit: usize,
        collapse: bool,
        args: QueryArgs,
    ) -> PyResult<Bound<'py, PyAny>> {
        within(py, "ngrams", ngrams, MAX_NGRAM)?;
        let options = WordOptions {
            by: named::<GroupBy>(py, "by", by)?,
            ngram: ngrams,
            min_freq: min_freq.max(1),
            stop_words,
            limit,
        };
        let request = SearchRequest::new(query).collapse(collapse).options(args.options(py, true)?);
        self.call(py, move |engine| {
            let found = fahras::research::words(engine, &request, &options)?;
            with_notes(&found, &found.notes)
        })
    }

    /// `dispersion --json`.
    fn dispersion<'py>(
        &self,
        py: Python<'py>,
        query: String,
        by: &str,
        args: QueryArgs,
    ) -> PyResult<Bound<'py, PyAny>> {
        let by = named::<Parts>(py, "by", by)?;
        let request = SearchRequest::new(query).options(args.options(py, true)?);
        self.call(py, move |engine| {
            let found = fahras::research::dispersion(engine, &request, by)?;
            with_notes(&found, &found.notes)
        })
    }

    /// `dups --json`: the stories with at least `min_size` articles,
    /// largest first (all of them when `limit` is 0).
    fn dups<'py>(
        &self,
        py: Python<'py>,
        min_size: usize,
        limit: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.call(py, move |engine| {
            if !engine.groups_stories() {
                return Err(fahras::Error::Invalid(format!(
                    "{}: this index was built before stories were grouped; reindex it \
                     (`fahras reindex --index {}`)",
                    engine.store().root().display(),
                    engine.store().root().display()
                )));
            }
            let mut stories = fahras::research::dups::stories(engine, min_size)?;
            if limit > 0 {
                stories.truncate(limit);
            }
            to_value(&stories)
        })
    }

    /// `stats --json`.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.call(py, fahras::research::stats)
    }

    /// `show --json`'s article, or None.
    fn get<'py>(&self, py: Python<'py>, id: String) -> PyResult<Bound<'py, PyAny>> {
        self.call(py, move |engine| match engine.get(&id)? {
            Some(record) => to_value(&ArticleLine::of(&record)),
            None => Ok(Value::Null),
        })
    }

    /// `export`'s articles, one at a time.
    fn export(
        &self,
        py: Python<'_>,
        query: String,
        sort: &str,
        args: QueryArgs,
    ) -> PyResult<Export> {
        let request = SearchRequest {
            options: args.options(py, true)?,
            sort: named::<Sort>(py, "sort", sort)?,
            snippet_chars: 0,
            // Every article, copies of a story included, as `export`.
            collapse: false,
            ..SearchRequest::new(query)
        };
        let matches = py
            .detach(|| {
                self.live
                    .engine()
                    .and_then(|engine| fahras::research::export::matches(&engine, &request))
            })
            .or_raise(py)?;
        Ok(Export { matches: std::sync::Mutex::new(matches) })
    }
}

/// The articles an export yields, read as they are reached.
#[pyclass(module = "fahras._fahras", frozen)]
pub(crate) struct Export {
    matches: std::sync::Mutex<Matches>,
}

#[pymethods]
impl Export {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let next = py.detach(|| {
            let mut matches = self.matches.lock().unwrap_or_else(|p| p.into_inner());
            matches.next()
        });
        match next {
            None => Ok(None),
            Some(found) => {
                let (_, record) = found.or_raise(py)?;
                let line = ArticleLine::of(&record);
                Ok(Some(serialized(
                    py,
                    &json!({
                        "id": line.id, "title": line.title, "body": line.body, "date": line.date,
                        "source": line.source, "category": line.category, "url": line.url,
                    }),
                )?))
            }
        }
    }

    /// The number of articles the export holds in all, read or not.
    #[getter]
    fn total(&self) -> usize {
        self.matches.lock().unwrap_or_else(|p| p.into_inner()).total()
    }
}
