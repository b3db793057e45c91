//! The JSON shapes of results, shared by every front end (the command
//! line's `--json`, and any server): JSON Lines, one object per line.
//!
//! A search gives one `hit` object per result, in rank order, then one
//! `summary` object:
//!
//! ```json
//! {"type":"hit","rank":1,"id":"seed-000","score":14.2,"title":"…","date":"2025-12-05","source":"تحيا مصر","category":null,"url":null,"snippet":"…","highlights":[[12,17]],"title_highlights":[[4,9]]}
//! {"type":"summary","query":"الأمر التنفيذي","total":1,"match":"any","returned":1,"offset":0,"notes":[],"corrections":[],"did_you_mean":null,"elapsed_ms":1.8,"steps_ms":{"plan":0.3,"rank":0.6,"count_all":0.0,"hits":0.8,"suggest":0.1,"facets":0.0}}
//! ```
//!
//! - `total` counts the matching articles by the rule `match` names:
//!   `"any"` (holding any of the words: a ranked list, unless `--all`) or
//!   `"all"` (holding all of them: `--all`, and a count, `--count`, unless
//!   `--any`); when a ranked list ranks any of several words, `total_any`
//!   (the same as `total`) and `total_all` (the articles holding all of
//!   them, what the counting commands count) give both numbers;
//! - `rank` counts from 1 and includes the offset; `score` is BM25 (0 when
//!   sorted by date);
//! - `date` is `YYYY-MM-DD`; absent fields are `null`;
//! - `snippet` is a passage of the original body (line breaks as spaces);
//!   `highlights` are `[start, end)` **character** offsets into `snippet`,
//!   and `title_highlights` the same into `title`.
//!
//! - `elapsed_ms` is the whole search, and `steps_ms` what each of its
//!   steps took, in the order they run (see [`Steps`]): `plan` (reading
//!   the query), `rank` (the ranked page and the total), `count_all` (the
//!   articles holding all the words, beside a ranked list), `hits`
//!   (fetching the articles and their snippets), `suggest` (`did_you_mean`)
//!   and `facets`; a step not needed took 0. Both are milliseconds rounded
//!   to the microsecond, so the steps add up to no more than `elapsed_ms`
//!   but for that rounding. `fahras bench` reports the same steps.
//!
//! With facets asked for (`--facet`), the summary has a `facets` object
//! too (see [`facets_object`]). An article is one `article` object with
//! every stored field.

use crate::note::Front;
use std::io;
use std::time::Duration;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::ingest::Record;
use crate::research::facets::FacetCounts;
use crate::searcher::{Correction, Hit, Match, SearchRequest, SearchResults, Steps, Suggestion};

/// A hit line.
#[derive(Serialize)]
pub struct HitLine<'a> {
    /// Always `"hit"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// 1-based rank.
    pub rank: usize,
    /// Article id.
    pub id: &'a str,
    /// BM25 score.
    pub score: f32,
    /// Headline.
    pub title: &'a str,
    /// `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    /// Outlet.
    pub source: Option<&'a str>,
    /// Section.
    pub category: Option<&'a str>,
    /// Link.
    pub url: Option<&'a str>,
    /// Passage of the body.
    pub snippet: &'a str,
    /// `[start, end)` character offsets into `snippet`.
    pub highlights: &'a [(usize, usize)],
    /// `[start, end)` character offsets into `title`.
    pub title_highlights: &'a [(usize, usize)],
    /// When results are collapsed: the article's story (as `fahras dups`
    /// lists it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// When results are collapsed: the ids of the story's other matching
    /// articles, shown once under this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copies: Option<Vec<&'a str>>,
}

/// The summary line.
#[derive(Serialize)]
pub struct SummaryLine<'a> {
    /// Always `"summary"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The query as given.
    pub query: &'a str,
    /// Matching articles in all, by the rule of `match`: exact, or with
    /// `total_relation` `"gte"` a lower bound (10,000).
    pub total: usize,
    /// `"eq"`: `total` (and `stories`) are exact; `"gte"`: there are more
    /// (a ranked list counts up to 10,000 unless asked for the exact
    /// total), as Elasticsearch's `hits.total.relation`.
    pub total_relation: &'static str,
    /// `"any"` or `"all"`: whether `total` (and the hits) count the
    /// articles holding any of the words or all of them.
    #[serde(rename = "match")]
    pub rule: Match,
    /// When the hits rank the articles holding any of several words: the
    /// articles holding all of them (as the counting commands count).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_all: Option<usize>,
    /// With `total_all`: `"eq"` or `"gte"`, as `total_relation`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_all_relation: Option<&'static str>,
    /// With `total_all`: the articles holding any of the words (`total`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_any: Option<usize>,
    /// When results are collapsed: matching stories (copies counted once).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stories: Option<usize>,
    /// Hits printed.
    pub returned: usize,
    /// Hits skipped.
    pub offset: usize,
    /// What in the query was read differently from how it looked (also
    /// printed on stderr as `note: …`), in the words of the front end
    /// (see [`crate::note`]).
    pub notes: Vec<String>,
    /// The same notes in Arabic, when the front end asks for them (the
    /// HTTP API, for its page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes_ar: Option<Vec<String>>,
    /// Words also searched in another spelling: `{"typed": "ريس",
    /// "searched": "رئيس"}` (also on stderr as a note).
    pub corrections: &'a [Correction],
    /// When fewer than three articles match: `{"query": …, "articles": N}`,
    /// the query with its unknown words respelled; else null.
    pub did_you_mean: Option<&'a Suggestion>,
    /// The whole search (searching, fetching, snippets) in milliseconds.
    pub elapsed_ms: f64,
    /// Each step of the search in milliseconds, by name (see
    /// [`StepsMs`]).
    pub steps_ms: StepsMs,
    /// With facets asked for: the [`facets_object`] of the matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<serde_json::Value>,
    /// With facets: the rule they were counted by (`"all"` unless
    /// `--any`, whatever the hits rank).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets_match: Option<Match>,
}

/// The steps of a search as one object, `{"plan": 0.3, "rank": 0.6, …}`:
/// each step's milliseconds (rounded to the microsecond) under its name,
/// in the order they run (see [`Steps::named`]).
#[derive(Debug, Clone, Copy)]
pub struct StepsMs(pub Steps);

impl Serialize for StepsMs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let steps = self.0.named();
        let mut map = serializer.serialize_map(Some(steps.len()))?;
        for (name, time) in steps {
            map.serialize_entry(name, &ms(time))?;
        }
        map.end()
    }
}

/// `time` in milliseconds, rounded to the microsecond.
fn ms(time: Duration) -> f64 {
    (time.as_secs_f64() * 1e6).round() / 1e3
}

/// Facet counts as one object, each facet's values most first (years in
/// order) and the matches without one:
/// `{"source": {"counts": [["الجزيرة", 12], …], "missing": 0}, …}`.
pub fn facets_object(counts: &[FacetCounts]) -> serde_json::Value {
    let mut facets = serde_json::Map::new();
    for facet in counts {
        facets.insert(
            facet.facet.name().to_string(),
            serde_json::json!({"counts": facet.counts, "missing": facet.missing}),
        );
    }
    serde_json::Value::Object(facets)
}

/// A facet count as `facets --json` prints it: `{"total": N, "match":
/// "all", "facets": {"source": {"counts": [[value, n], …], "missing": n},
/// …}}`; `match` says whether the articles counted hold all the query's
/// words or any of them.
pub fn facets_count(total: usize, rule: Match, counts: &[FacetCounts]) -> serde_json::Value {
    serde_json::json!({"total": total, "match": rule, "facets": facets_object(counts)})
}

/// An article line (`show --json`).
#[derive(Serialize)]
pub struct ArticleLine<'a> {
    /// Always `"article"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Article id.
    pub id: &'a str,
    /// Headline.
    pub title: &'a str,
    /// Full text as stored.
    pub body: &'a str,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Outlet.
    pub source: Option<&'a str>,
    /// Section.
    pub category: Option<&'a str>,
    /// Link.
    pub url: Option<&'a str>,
}

impl<'a> ArticleLine<'a> {
    /// Borrows a record.
    pub fn of(record: &'a Record) -> Self {
        ArticleLine {
            kind: "article",
            id: &record.id,
            title: &record.title,
            body: &record.body,
            date: record.date.map(crate::ingest::ArticleDate::day),
            source: record.source.as_deref(),
            category: record.category.as_deref(),
            url: record.url.as_deref(),
        }
    }
}

/// Prints JSON Lines.
pub struct Json<W> {
    out: W,
}

impl<W: io::Write> Json<W> {
    /// A printer writing to `out`.
    pub fn new(out: W) -> Self {
        Json { out }
    }

    /// Writes one serializable value as a line.
    pub fn line<T: Serialize>(&mut self, value: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, value)?;
        self.out.write_all(b"\n")
    }

    /// Prints hit lines and the summary line.
    pub fn results(
        &mut self,
        query: &str,
        request: &SearchRequest,
        results: &SearchResults,
    ) -> io::Result<()> {
        for hit in &results.hits {
            self.line(&hit_line(hit))?;
        }
        self.line(&summary_line(query, request, results, Front::CommandLine))?;
        self.out.flush()
    }
}

/// The summary line of `results`, found for `query` by `request`, its
/// notes in the words of `front`.
pub fn summary_line<'a>(
    query: &'a str,
    request: &SearchRequest,
    results: &'a SearchResults,
    front: Front,
) -> SummaryLine<'a> {
    SummaryLine {
        kind: "summary",
        query,
        total: results.total,
        total_relation: results.total_relation.name(),
        rule: results.rule,
        total_all: results.total_all,
        total_all_relation: results.total_all.map(|_| results.total_all_relation.name()),
        total_any: results.total_all.map(|_| results.total),
        stories: results.stories,
        returned: results.hits.len(),
        offset: request.offset.min(results.total),
        notes: crate::note::render(&results.notes, front),
        notes_ar: None,
        corrections: &results.corrections,
        did_you_mean: results.did_you_mean.as_ref(),
        elapsed_ms: ms(results.elapsed),
        steps_ms: StepsMs(results.steps),
        facets: (!request.facets.is_empty()).then(|| facets_object(&results.facets)),
        facets_match: (!request.facets.is_empty()).then_some(results.facets_rule),
    }
}

/// The hit line of `hit`.
pub fn hit_line(hit: &Hit) -> HitLine<'_> {
    HitLine {
        kind: "hit",
        rank: hit.rank,
        id: &hit.id,
        score: hit.score,
        title: &hit.title.text,
        date: hit.date.as_deref(),
        source: hit.source.as_deref(),
        category: hit.category.as_deref(),
        url: hit.url.as_deref(),
        snippet: &hit.snippet.text,
        highlights: &hit.snippet.highlights,
        title_highlights: &hit.title.highlights,
        story: hit.story.map(crate::research::dups::story_text),
        copies: hit.story.map(|_| hit.copies.iter().map(|c| c.id.as_str()).collect()),
    }
}
