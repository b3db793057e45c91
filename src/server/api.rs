//! The API's handlers: each reads its parameters, calls the library
//! function the command line calls, and answers with the command's
//! `--json` shape.

use crate::note::{Front, Note};
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::gate::{search_cost, Cost, Endpoint};
use super::html;
use super::params::{checked_length, Params, RawParams, MAX_LIMIT, QUERY_PARAMS};
use super::reply::{run, to_json, ApiError};
use super::Shared;
use crate::analysis::{analyze as analyze_text, NamedChain};
use crate::calendar::Calendar;
use crate::json::{hit_line, summary_line, ArticleLine, HitLine, SummaryLine};
use crate::research::chart::ChartRequest;
use crate::research::collocates::{CollocateOptions, MAX_WINDOW};
use crate::research::coverage::CoverageRequest;
use crate::research::dispersion::Parts;
use crate::research::facets::Facet;
use crate::research::keywords::KeywordOptions;
use crate::research::kwic::{KwicOptions, MAX_CONTEXT_CHARS};
use crate::research::timeline::Period;
use crate::research::words::{WordOptions, MAX_NGRAM};
use crate::searcher::{QueryOptions, SearchRequest};

type SharedState = State<Arc<Shared>>;

/// Reads the parameters, or answers with why not.
macro_rules! params {
    ($raw:expr, $($known:expr),+) => {
        match Params::new($raw, &[$($known),+]) {
            Ok(params) => params,
            Err(error) => return error.into_response(),
        }
    };
}

/// Gives the value, or answers with the error.
macro_rules! or_answer {
    ($result:expr) => {
        match $result {
            Ok(value) => value,
            Err(error) => return ApiError::from(error).into_response(),
        }
    };
}

/// A hit as `search --json` prints it, and its title and snippet as HTML
/// (escaped, matches in `<mark>`).
#[derive(Serialize)]
struct ApiHit<'a> {
    #[serde(flatten)]
    line: HitLine<'a>,
    title_html: String,
    snippet_html: String,
    /// The snippet starts after the body's beginning (the page shows `…`).
    snippet_cut_before: bool,
    /// The snippet ends before the body's end.
    snippet_cut_after: bool,
    /// The source of each of `copies`, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    copy_sources: Vec<Option<&'a str>>,
}

/// `search --json`'s summary line with the hits in it.
#[derive(Serialize)]
struct ApiResults<'a> {
    #[serde(flatten)]
    summary: SummaryLine<'a>,
    hits: Vec<ApiHit<'a>>,
}

/// `GET /api/search`.
pub(super) async fn search(State(shared): SharedState, raw: RawParams) -> Response {
    let params = params!(
        raw,
        QUERY_PARAMS,
        &["sort", "limit", "offset", "facet", "snippet", "collapse", "stories", "exact_total"]
    );
    let request = or_answer!((|| -> Result<_, ApiError> {
        let mut request = params.request()?;
        request.sort = params.sort()?;
        request.limit = params.number("limit", 10, 0..=MAX_LIMIT)?;
        request.offset = params.number("offset", 0, 0..=1_000_000_000)?;
        request.facets = params.facets()?;
        request.snippet_chars = params.number("snippet", request.snippet_chars, 0..=2000)?;
        // Each story once unless collapse=false; facets count stories with
        // stories=true.
        request.collapse = params.collapse()?;
        request.stories = params.flag("stories")?;
        // A ranked page counts to 10,000, then says "gte"; exact_total=true
        // counts every match.
        request.exact_total = params.flag("exact_total")?;
        // A count (limit=0) or facets count: an unreadable filter is an
        // error, not a wider count.
        request.options.counting = request.limit == 0 || !request.facets.is_empty();
        Ok(request)
    })());
    let cost = search_cost(&request.query, request.options.fuzzy);
    run(shared, cost, params.cancel(), move |engine| {
        let results = engine.search(&request)?;
        let hits = results
            .hits
            .iter()
            .map(|hit| ApiHit {
                line: hit_line(hit),
                title_html: html::marked(&hit.title.text, &hit.title.highlights),
                snippet_html: html::marked(&hit.snippet.text, &hit.snippet.highlights),
                snippet_cut_before: hit.snippet.cut_before,
                snippet_cut_after: hit.snippet.cut_after,
                copy_sources: hit.copies.iter().map(|c| c.source.as_deref()).collect(),
            })
            .collect();
        let mut summary = summary_line(&request.query, &request, &results, Front::Api);
        summary.notes_ar = Some(crate::note::arabic(&results.notes));
        summary.kind = "results";
        to_json(&ApiResults { summary, hits })
    })
    .await
}

/// `show --json`'s article, with the matches of `q` (if given) marked.
#[derive(Serialize)]
struct ApiArticle<'a> {
    #[serde(flatten)]
    line: ArticleLine<'a>,
    highlights: &'a [(usize, usize)],
    title_highlights: &'a [(usize, usize)],
    story: Option<&'a str>,
    story_size: usize,
    copies: &'a [crate::searcher::StoryCopy],
}

/// `GET /api/articles/{id}`.
pub(super) async fn article(
    State(shared): SharedState,
    Path(id): Path<String>,
    raw: RawParams,
) -> Response {
    let params = params!(raw, QUERY_PARAMS);
    let request = or_answer!((|| -> Result<_, ApiError> {
        checked_length("id", &id)?;
        let query = if params.get("q").is_some() { params.text("q")? } else { String::new() };
        let request = SearchRequest { options: params.options()?, ..SearchRequest::new(query) };
        Ok(request)
    })());
    run(shared, Cost::Light, params.cancel(), move |engine| {
        let Some(found) = engine.get_marked(&id, &request)? else {
            return Err(ApiError::missing(format!("no article with id \"{id}\""))
                .ar(format!("لا مقالة في الأرشيف معرّفها {}", super::arabic::isolated(&id))));
        };
        to_json(&ApiArticle {
            line: ArticleLine::of(&found.record),
            highlights: &found.highlights,
            title_highlights: &found.title_highlights,
            story: found.story.as_deref(),
            story_size: found.story_size,
            copies: &found.copies,
        })
    })
    .await
}

/// `GET /api/timeline`: `q` once per series.
pub(super) async fn timeline(State(shared): SharedState, raw: RawParams) -> Response {
    let params = params!(
        raw,
        QUERY_PARAMS,
        &["by", "calendar", "share", "split", "stories", "min_articles"]
    );
    let request = or_answer!((|| -> Result<_, ApiError> {
        let queries: Vec<String> = params.all("q").iter().map(|q| q.to_string()).collect();
        if queries.is_empty() {
            params.text("q")?;
        }
        if queries.len() > 20 {
            return Err(ApiError::bad("at most 20 series (q) in one timeline")
                .ar("عشرون سلسلة على الأكثر في خط زمني واحد"));
        }
        for query in &queries {
            checked_length("q", query)?;
        }
        let period = period_param(&params)?;
        let calendar = params.named::<Calendar>("calendar")?;
        let split = params.choice(
            "split",
            &[("", None), ("source", Some(Facet::Source)), ("category", Some(Facet::Category))],
        )?;
        Ok(ChartRequest {
            queries,
            options: QueryOptions { counting: true, ..params.options()? },
            period,
            calendar,
            share: params.flag("share")?,
            split,
            stories: params.flag("stories")?,
            min_articles: params.number(
                "min_articles",
                crate::research::chart::MIN_ARTICLES as usize,
                1..=1_000_000,
            )? as u64,
        })
    })());
    let cost = Cost::Heavy(Endpoint::Timeline);
    run(shared, cost, params.cancel(), move |engine| {
        to_json(&crate::research::chart(engine, &request)?.to_json())
    })
    .await
}

/// `GET /api/coverage`: the archive's articles per period (`by`) and
/// source or category (`split`: source, category or none), selected by the
/// filters of `q` (optional) and `from`/`to`.
pub(super) async fn coverage(State(shared): SharedState, raw: RawParams) -> Response {
    let params = params!(raw, &["q", "from", "to", "by", "calendar", "split"]);
    let request = or_answer!((|| -> Result<_, ApiError> {
        let query = params.get("q").unwrap_or("*").to_string();
        checked_length("q", &query)?;
        let split = params.choice(
            "split",
            &[
                ("source", Some(Facet::Source)),
                ("category", Some(Facet::Category)),
                ("none", None),
                ("", Some(Facet::Source)),
            ],
        )?;
        Ok(CoverageRequest {
            query,
            options: QueryOptions { counting: true, ..params.options()? },
            period: period_param(&params)?,
            calendar: params.named::<Calendar>("calendar")?,
            split,
        })
    })());
    let cost = Cost::Heavy(Endpoint::Coverage);
    run(shared, cost, params.cancel(), move |engine| {
        let coverage = crate::research::coverage(engine, &request)?;
        with_notes(&coverage, &coverage.notes)
    })
    .await
}

/// `value`'s JSON with its `notes` in the API's words (`from=`, not
/// `--from`) and in Arabic as `notes_ar`, for the page.
fn with_notes(value: &impl Serialize, notes: &[Note]) -> Result<Vec<u8>, ApiError> {
    let mut json = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
    json["notes"] = serde_json::json!(crate::note::render(notes, Front::Api));
    json["notes_ar"] = serde_json::json!(crate::note::arabic(notes));
    to_json(&json)
}

/// `by`: month (the default), day, week or year.
fn period_param(params: &Params) -> Result<Period, ApiError> {
    params.named("by")
}

/// `GET /api/kwic`.
pub(super) async fn kwic(State(shared): SharedState, raw: RawParams) -> Response {
    let params =
        params!(raw, QUERY_PARAMS, &["context", "lines", "offset", "sort", "every", "collapse"]);
    let (request, options) = or_answer!((|| -> Result<_, ApiError> {
        let mut request = params.counting_request()?;
        request.collapse = params.collapse()?;
        let every = params.flag("every")?;
        let options = KwicOptions {
            context_chars: params.number("context", 40, 1..=MAX_CONTEXT_CHARS)?,
            lines: Some(params.number("lines", 100, 0..=10_000)?),
            all: every,
            sort: params.named("sort")?,
            offset: params.number("offset", 0, 0..=10_000_000)?,
        };
        Ok((request, options))
    })());
    let cost = Cost::Heavy(Endpoint::Kwic);
    run(shared, cost, params.cancel(), move |engine| {
        let concordance = crate::research::kwic(engine, &request, &options)?;
        with_notes(&concordance, &concordance.notes)
    })
    .await
}

/// `GET /api/collocates`.
pub(super) async fn collocates(State(shared): SharedState, raw: RawParams) -> Response {
    let params = params!(
        raw,
        QUERY_PARAMS,
        &["window", "min_freq", "by", "measure", "limit", "stop_words", "collapse"]
    );
    let (request, options) = or_answer!((|| -> Result<_, ApiError> {
        let defaults = CollocateOptions::default();
        let options = CollocateOptions {
            window: params.number("window", defaults.window, 1..=MAX_WINDOW)?,
            min_freq: params.number("min_freq", defaults.min_freq as usize, 1..=1_000_000)? as u64,
            by: params.named("by")?,
            measure: params.named("measure")?,
            limit: params.number("limit", defaults.limit, 1..=MAX_LIMIT)?,
            stop_words: params.flag("stop_words")?,
        };
        let mut request = params.counting_request()?;
        request.collapse = params.collapse()?;
        Ok((request, options))
    })());
    let cost = Cost::Heavy(Endpoint::Collocates);
    run(shared, cost, params.cancel(), move |engine| {
        let found = crate::research::collocates(engine, &request, &options)?;
        with_notes(&found, &found.notes)
    })
    .await
}

/// `GET /api/keywords`: `q` the focus, `vs` the reference (default: the
/// rest of the archive).
pub(super) async fn keywords(State(shared): SharedState, raw: RawParams) -> Response {
    let params = params!(
        raw,
        QUERY_PARAMS,
        &["vs", "by", "min_ll", "min_freq", "negative", "sort", "smooth", "limit", "collapse"]
    );
    let (focus, reference, options) = or_answer!((|| -> Result<_, ApiError> {
        let defaults = KeywordOptions::default();
        let options = KeywordOptions {
            by: params.named("by")?,
            min_ll: params.decimal("min_ll", defaults.min_ll)?,
            min_freq: params.number("min_freq", defaults.min_freq as usize, 1..=1_000_000)? as u64,
            smooth: match params.decimal("smooth", defaults.smooth)? {
                n if n > 0.0 => n,
                _ => return Err(ApiError::bad("smooth=0: expected a number above 0")),
            },
            negative: params.flag("negative")?,
            sort: params.named("sort")?,
            limit: params.number("limit", defaults.limit, 1..=MAX_LIMIT)?,
        };
        let mut focus = params.counting_request()?;
        focus.collapse = params.collapse()?;
        let reference = match params.get("vs") {
            Some(_) => {
                let vs = params.text("vs")?;
                Some(SearchRequest { query: vs, ..focus.clone() })
            }
            None => None,
        };
        Ok((focus, reference, options))
    })());
    let cost = Cost::Heavy(Endpoint::Keywords);
    run(shared, cost, params.cancel(), move |engine| {
        let found = crate::research::keywords(engine, &focus, reference.as_ref(), &options)?;
        with_notes(&found, &found.notes)
    })
    .await
}

/// `GET /api/words`.
pub(super) async fn words(State(shared): SharedState, raw: RawParams) -> Response {
    let params = params!(
        raw,
        QUERY_PARAMS,
        &["ngrams", "by", "min_freq", "stop_words", "limit", "collapse"]
    );
    let (request, options) = or_answer!((|| -> Result<_, ApiError> {
        let defaults = WordOptions::default();
        let options = WordOptions {
            by: params.named("by")?,
            ngram: params.number("ngrams", 1, 1..=MAX_NGRAM)?,
            min_freq: params.number("min_freq", defaults.min_freq as usize, 1..=1_000_000)? as u64,
            stop_words: params.flag("stop_words")?,
            limit: params.number("limit", defaults.limit, 1..=MAX_LIMIT)?,
        };
        let mut request = params.counting_request()?;
        request.collapse = params.collapse()?;
        Ok((request, options))
    })());
    let cost = Cost::Heavy(Endpoint::Words);
    run(shared, cost, params.cancel(), move |engine| {
        let found = crate::research::words(engine, &request, &options)?;
        with_notes(&found, &found.notes)
    })
    .await
}

/// `GET /api/dispersion`.
pub(super) async fn dispersion(State(shared): SharedState, raw: RawParams) -> Response {
    let params = params!(raw, QUERY_PARAMS, &["by"]);
    let (request, by) = or_answer!((|| -> Result<_, ApiError> {
        Ok((params.counting_request()?, params.named::<Parts>("by")?))
    })());
    let cost = Cost::Heavy(Endpoint::Dispersion);
    run(shared, cost, params.cancel(), move |engine| {
        let found = crate::research::dispersion(engine, &request, by)?;
        with_notes(&found, &found.notes)
    })
    .await
}

/// `GET /api/stats`.
pub(super) async fn stats(State(shared): SharedState, raw: RawParams) -> Response {
    let params = params!(raw, &[]);
    run(shared, Cost::Light, params.cancel(), |engine| to_json(&crate::research::stats(engine)?))
        .await
}

/// `GET /api/analyze`: needs no index.
pub(super) async fn analyze(raw: RawParams) -> Response {
    let params = params!(raw, &["text", "analyzer"]);
    let text = or_answer!(params.text("text"));
    let chain = or_answer!(params.named::<NamedChain>("analyzer"));
    match to_json(&analyze_text(chain, &text)) {
        Ok(bytes) => super::reply::json_body(bytes),
        Err(error) => error.into_response(),
    }
}
