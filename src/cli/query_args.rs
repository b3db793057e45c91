//! The flags that decide what a query matches and how it ranks, shared by
//! `search`, `eval` and `bench` so that all three run one ranking.

use clap::Args;

use fahras::analysis::QueryMode;
use fahras::error::{Error, Result};
use fahras::searcher::query::{parse_period, DateFilter};
use fahras::searcher::query::{
    DEFAULT_EXACT_WEIGHT, DEFAULT_PHRASE_WEIGHT, DEFAULT_PROXIMITY_WEIGHT,
};
use fahras::searcher::{Match, QueryOptions, SearchRequest};

/// `--from` and `--to`: the span of dates a command reads.
#[derive(Debug, Clone, Args)]
pub(crate) struct DateArgs {
    /// Only articles dated in or after this period: 2017, 2017-06,
    /// 2017-06-05 or an RFC 3339 time.
    ///
    /// A Hijri (Umm al-Qura) year, month or day takes an `h`: 1439h,
    /// 1439-09h (Ramadan 1439), 1439-09-01h.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only articles dated in or before this period (a month or year
    /// includes all of it).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

impl DateArgs {
    /// The span: from the start of `--from`'s period to the end of
    /// `--to`'s.
    pub(crate) fn span(&self) -> Result<DateFilter> {
        date_span(self.from.as_deref(), self.to.as_deref())
    }
}

/// Query flags.
#[derive(Debug, Clone, Args)]
pub(crate) struct QueryArgs {
    /// Fields searched by words without a field: title, body
    /// (comma-separated; default both).
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    pub fields: Vec<String>,
    #[command(flatten)]
    pub dates: DateArgs,
    /// Match words exactly (normalized, not stemmed).
    #[arg(long, short = 'e')]
    pub exact: bool,
    /// Require every word (AND), in a ranked search too (counts do by
    /// default).
    ///
    /// A ranked `search` ranks the articles holding any of the words (OR,
    /// BM25) and says how many hold all of them; `timeline`, `facets`,
    /// `kwic`, `collocates`, `export` and `search --count` count the
    /// articles holding all the words unless `--any`. Words with a sign or
    /// a connector (`+a`, `-a`, `a AND b`, `a OR b`) mean what they say
    /// under either rule.
    #[arg(long, conflicts_with = "any")]
    pub all: bool,
    /// Count the articles holding any of the words (OR), not all of them.
    ///
    /// For `timeline`, `facets`, `kwic`, `collocates`, `export` and
    /// `search --count`, whose default is every word required.
    #[arg(long)]
    pub any: bool,
    /// Weight of each word's exact (unstemmed) form in the score, next to
    /// its stem at 1 (0: stems only).
    #[arg(long, value_name = "W", default_value_t = DEFAULT_EXACT_WEIGHT)]
    pub exact_weight: f32,
    /// Weight of neighbouring query words found together (0: off).
    #[arg(long, visible_alias = "proximity", value_name = "W", default_value_t = DEFAULT_PROXIMITY_WEIGHT)]
    pub proximity_weight: f32,
    /// Weight of a run of three to six query words found together in
    /// order, as a name or a quotation is written (0: off).
    #[arg(long, value_name = "W", default_value_t = DEFAULT_PHRASE_WEIGHT)]
    pub phrase_weight: f32,
    /// Forgive typos: every word of four letters or more also matches the
    /// words one edit away (a letter replaced, dropped, added or two
    /// swapped), common ones first. `word~N` does it for one word.
    #[arg(long)]
    pub fuzzy: bool,
}

impl QueryArgs {
    /// The request for `query` with these flags and every other default.
    pub(crate) fn request(&self, query: impl Into<String>) -> Result<SearchRequest> {
        let query = query.into();
        warn_if_empty(&query);
        Ok(SearchRequest { options: self.options()?, ..SearchRequest::new(query) })
    }

    /// The request for `query`, counted: every word required unless
    /// `--any`, and an unreadable filter is an error (see
    /// [`QueryOptions::counting`]).
    pub(crate) fn counting_request(&self, query: impl Into<String>) -> Result<SearchRequest> {
        let mut request = self.request(query)?;
        request.options.counting = true;
        Ok(request)
    }

    /// The library's options for these flags, for a count (every word
    /// required unless `--any`).
    pub(crate) fn counting_options(&self) -> Result<QueryOptions> {
        Ok(QueryOptions { counting: true, ..self.options()? })
    }

    /// The library's options for these flags.
    pub(crate) fn options(&self) -> Result<QueryOptions> {
        let dates = self.dates.span()?;
        for (flag, weight) in [
            ("--exact-weight", self.exact_weight),
            ("--proximity-weight", self.proximity_weight),
            ("--phrase-weight", self.phrase_weight),
        ] {
            if !weight.is_finite() || weight < 0.0 {
                return Err(Error::Invalid(format!(
                    "{flag} {weight}: expected a weight of 0 or more"
                )));
            }
        }
        Ok(QueryOptions {
            mode: if self.exact { QueryMode::Exact } else { QueryMode::Stemmed },
            fields: self.fields.clone(),
            dates,
            matching: match (self.all, self.any) {
                (true, _) => Some(Match::All),
                (_, true) => Some(Match::Any),
                _ => None,
            },
            exact_weight: self.exact_weight,
            proximity_weight: self.proximity_weight,
            phrase_weight: self.phrase_weight,
            fuzzy: self.fuzzy,
            ..QueryOptions::default()
        })
    }
}

/// The span of `--from` and `--to`: a period each (a year, a month, a day
/// or an RFC 3339 time), from the start of the first to the end of the
/// second.
fn date_span(from: Option<&str>, to: Option<&str>) -> Result<DateFilter> {
    let period = |flag: &str, text: &str| {
        parse_period(text).ok_or_else(|| {
            Error::Invalid(format!(
                "{flag} \"{}\": not a date; write 2017, 2017-06, 2017-06-05, an RFC 3339 time, \
                 or a Hijri year or month: 1439h, 1439-09h",
                text.trim()
            ))
        })
    };
    let from = from.map(|d| period("--from", d)).transpose()?;
    let to = to.map(|d| period("--to", d)).transpose()?;
    Ok(DateFilter { from: from.map(|p| p.start), until: to.map(|p| p.end) })
}

/// Says on stderr that an empty query matches nothing, and what to write
/// instead (the command goes on: nothing matches, exit 1).
pub(crate) fn warn_if_empty(query: &str) {
    if query.trim().is_empty() {
        say!("fahras: the query is empty: give words to search, or * for every article");
    }
}
