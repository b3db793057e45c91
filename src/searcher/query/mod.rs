//! From the user's query text to tantivy queries: the one path that
//! `search`, `eval`, `bench` and every other caller share.
//!
//! - `syntax` reads the text forgivingly (no text is an error);
//! - `build` analyzes its words and assembles the tantivy queries;
//! - `filter` restricts by date, outlet, section and id;
//! - `prefix` expands `word*` and matches `=word`;
//! - `exclusion` keeps an excluded phrase's lookups forwards;
//! - `proximity` pairs neighbouring words for the second-phase bonus.
//!
//! The ranking's defaults live here, in [`QueryOptions::default`].

pub(crate) mod build;
pub(crate) mod exclusion;
pub(crate) mod filter;
pub(crate) mod prefix;
pub(crate) mod proximity;
pub(crate) mod syntax;

use crate::note::Note;
use std::path::Path;

use tantivy::query::Query;
use tantivy::Searcher;

use self::build::Builder;
pub use self::filter::{parse_period, DateFilter};
use super::rerank::Ranked;
use crate::analysis::{IndexAnalyzer, QueryMode};
use crate::cancel::Cancel;
use crate::error::{Error, Result};
use crate::schema;
use crate::spelling::house::HouseSpellings;

/// Weight of a word's exact (unstemmed) form in the score, next to its stem
/// at 1. Tuned on the news-title-dev set (see the README's relevance table).
pub const DEFAULT_EXACT_WEIGHT: f32 = 0.3;

/// Weight of each pair of neighbouring words found together (see
/// `proximity`); tuned on the same set.
pub const DEFAULT_PROXIMITY_WEIGHT: f32 = 0.3;

/// Weight of a run of three to six query words found together, in order
/// (a name, a remembered quotation); tuned on the same set and on
/// remembered three-word sequences (see the README).
pub const DEFAULT_PHRASE_WEIGHT: f32 = 5.0;

/// Which articles a query of several words matches: the one counting rule.
///
/// A ranked search ranks the articles holding **any** of the words (BM25
/// over their OR; relevance is measured on it). A count (timeline,
/// facets, kwic, collocates, export, `search --count`) counts the articles
/// holding **all** of them, so that `مقاطعة قطر` counts the articles about
/// the boycott of Qatar, not every article that names Qatar. The rule
/// applies to the words written without a sign or connector; `+`, `-`,
/// `AND`, `OR` and `NOT` mean what they say under either (see
/// `syntax`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Match {
    /// Every word required (AND): `--all`, `all=true`; the default of a count.
    All,
    /// Any word is enough (OR): `--any`, `any=true`; the default of a
    /// ranked search.
    Any,
}

/// How a query is searched besides its text. [`Default`] is the ranking
/// every command uses unless told otherwise.
#[derive(Debug, Clone)]
pub struct QueryOptions {
    /// How words are analyzed.
    pub mode: QueryMode,
    /// Fields searched by words without `field:` (none: title and body).
    pub fields: Vec<String>,
    /// Only articles dated in this span (`--from`, `--to`).
    pub dates: DateFilter,
    /// The rule asked for (`--all`, `--any`); None: the default of the
    /// use, [`Match::Any`] for a ranked list, [`Match::All`] for a count
    /// (see [`QueryOptions::rule`]).
    pub matching: Option<Match>,
    /// Also match each word's exact form, its score weighted by this (0:
    /// stems only).
    pub exact_weight: f32,
    /// Also match neighbouring words as phrases, weighted by this (0: off).
    pub proximity_weight: f32,
    /// Also match a run of three to six words as one phrase, weighted by
    /// this (0: off); its best articles join the ranked ones.
    pub phrase_weight: f32,
    /// Every word of four letters or more also matches its exact forms one
    /// edit away (`--fuzzy`).
    pub fuzzy: bool,
    /// Stops the search when cancelled (see [`crate::Cancel`]); the
    /// default is never cancelled.
    pub cancel: Cancel,
    /// The query is counted (timeline, facets, kwic, collocates, export,
    /// `search --count`): its words are all required unless
    /// [`QueryOptions::matching`] says otherwise (see [`Match`]), and a
    /// filter that cannot be read is an error rather than left out with a
    /// note, since leaving it out would count more articles than were
    /// asked for.
    pub counting: bool,
}

impl QueryOptions {
    /// The rule the query's words are matched by: the one asked for, else
    /// [`Match::All`] for a count and [`Match::Any`] for a ranked list.
    pub fn rule(&self) -> Match {
        self.matching.unwrap_or(if self.counting { Match::All } else { Match::Any })
    }

    /// These options with `rule` asked for.
    pub fn with_rule(&self, rule: Match) -> QueryOptions {
        QueryOptions { matching: Some(rule), ..self.clone() }
    }

    /// The defaults of a count (timeline, facets, kwic, collocates, export,
    /// `search --count`): every word required, an unreadable filter an
    /// error.
    pub fn counting() -> QueryOptions {
        QueryOptions { counting: true, ..QueryOptions::default() }
    }

    /// Plain words searched in these fields only (`title`, `body`).
    pub fn fields(mut self, fields: impl IntoIterator<Item = impl Into<String>>) -> QueryOptions {
        self.fields = fields.into_iter().map(Into::into).collect();
        self
    }

    /// Only articles dated in this span.
    pub fn dates(mut self, dates: DateFilter) -> QueryOptions {
        self.dates = dates;
        self
    }

    /// Matching by this rule: all the words, or any of them.
    pub fn rule_of(mut self, rule: Match) -> QueryOptions {
        self.matching = Some(rule);
        self
    }

    /// Words as written (`true`) or by their stems (the default).
    pub fn exact(mut self, exact: bool) -> QueryOptions {
        self.mode = if exact { QueryMode::Exact } else { QueryMode::Stemmed };
        self
    }

    /// Also words one edit away.
    pub fn fuzzy(mut self, fuzzy: bool) -> QueryOptions {
        self.fuzzy = fuzzy;
        self
    }

    /// Stopped when `cancel` is cancelled.
    pub fn cancel(mut self, cancel: Cancel) -> QueryOptions {
        self.cancel = cancel;
        self
    }
}

impl Default for QueryOptions {
    fn default() -> QueryOptions {
        QueryOptions {
            mode: QueryMode::Stemmed,
            fields: Vec::new(),
            dates: DateFilter::default(),
            matching: None,
            exact_weight: DEFAULT_EXACT_WEIGHT,
            proximity_weight: DEFAULT_PROXIMITY_WEIGHT,
            phrase_weight: DEFAULT_PHRASE_WEIGHT,
            fuzzy: false,
            cancel: Cancel::new(),
            counting: false,
        }
    }
}

/// A word of the query also searched in another spelling.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Correction {
    /// The word as typed.
    pub typed: String,
    /// The spelling also searched (normalized but for the hamza's seat).
    pub searched: String,
}

/// A query ready to run.
pub(crate) struct Plan {
    /// What matches and how it ranks.
    pub ranked: Ranked,
    /// The articles the query's filters and dates admit, whatever its
    /// words: the part of the archive its counts are counted in.
    pub archive: Box<dyn Query>,
    /// The terms to mark in snippets wherever they are.
    pub highlight: Box<dyn Query>,
    /// The phrases whose words are marked only where they stand together.
    pub phrases: Vec<build::Phrase>,
    /// What was read differently from how it looked, one line each.
    pub notes: Vec<Note>,
    /// Words also searched in another spelling.
    pub corrections: Vec<Correction>,
    /// The rule its words were matched by.
    pub rule: Match,
    /// Whether the other rule would match other articles: the query has
    /// two words (or phrases, groups…) or more without a sign, or one
    /// beside a required one. False for one word, a phrase, `a OR b`,
    /// `+a +b`: either rule gives one count.
    pub rule_matters: bool,
}

impl Plan {
    /// Its notes, and its other spellings as notes: what a count over
    /// the query says besides itself (`search` gives the spellings apart).
    pub(crate) fn said(&self) -> Vec<Note> {
        let spellings = self.corrections.iter().map(|c| Note::AlsoSearched {
            typed: crate::note::shown(&c.typed),
            searched: crate::note::shown(&c.searched),
        });
        self.notes.iter().cloned().chain(spellings).collect()
    }
}

/// The text fields a query searches: the option's, or title and body.
/// An unknown name is an error: it is a request no text can satisfy.
pub fn searched_fields(options: &QueryOptions) -> Result<Vec<&'static str>> {
    if options.fields.is_empty() {
        return Ok(schema::DEFAULT_SEARCH_FIELDS.to_vec());
    }
    let mut fields = Vec::new();
    for name in &options.fields {
        let Some(known) = schema::DEFAULT_SEARCH_FIELDS.iter().find(|f| **f == name.trim()) else {
            return Err(Error::UnknownName {
                what: "field",
                given: name.to_string(),
                role: " to search",
                known: format!("the text fields are {}", schema::DEFAULT_SEARCH_FIELDS.join(", ")),
            });
        };
        if !fields.contains(known) {
            fields.push(*known);
        }
    }
    Ok(fields)
}

/// Reads `text` and builds its queries on the index at `root`, analyzed by
/// `analyzer`.
pub(crate) fn plan(
    searcher: &Searcher,
    root: &Path,
    analyzer: IndexAnalyzer,
    house: &HouseSpellings,
    text: &str,
    options: &QueryOptions,
) -> Result<Plan> {
    let fields = searched_fields(options)?;
    let parsed = syntax::parse(text);
    if options.counting {
        if let Some(what) = parsed.unreadable.first() {
            return Err(Error::UnreadableFilter { filter: what.clone() });
        }
    }
    let mut notes = parsed.notes;
    let err = |e| Error::tantivy(root, e);
    let mut built = Builder::new(searcher, analyzer, house, options, options.mode, &fields)
        .short_query(text)
        .build(&parsed.clauses, &mut notes)
        .map_err(err)?;
    if built.only_stop_words && options.mode == QueryMode::Stemmed {
        notes.push(Note::StopWordsOnly);
        built = Builder::new(searcher, analyzer, house, options, QueryMode::Exact, &fields)
            .build(&parsed.clauses, &mut notes)
            .map_err(err)?;
    }
    let mut seen = Vec::new();
    notes.retain(|n| {
        let new = !seen.contains(n);
        seen.push(n.clone());
        new
    });
    notes.truncate(syntax::MAX_NOTES);
    Ok(Plan {
        ranked: Ranked { base: built.base, bonus: built.bonus, recall: built.recall },
        archive: built.archive,
        highlight: built.highlight,
        phrases: built.phrases,
        notes,
        corrections: built.corrections,
        rule: options.rule(),
        rule_matters: built.rule_matters,
    })
}
