//! How long each step of [`Engine::search`](super::Engine::search) took.
//!
//! ```
//! use std::time::Duration;
//! use fahras::searcher::Steps;
//!
//! let steps = Steps::default();
//! let names: Vec<&str> = steps.named().iter().map(|&(name, _)| name).collect();
//! assert_eq!(names, ["plan", "rank", "count_all", "hits", "suggest", "facets"]);
//! assert_eq!(steps.sum(), Duration::ZERO);
//! ```

use std::time::{Duration, Instant};

/// The time each step of a search took, in the order they run. A step the
/// search had no need of (no suggestion when enough was found, no facets
/// asked for) took zero. The steps add up to no more than the whole
/// search ([`SearchResults::elapsed`](super::SearchResults::elapsed)):
/// what is left is opening a searcher on the last commit and copying the
/// request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Steps {
    /// Reading the query and building what runs it
    /// (`Engine::plan`).
    pub plan: Duration,
    /// Ranking the page and counting the matches: the first phase (BM25),
    /// the second phase on the best articles and, when collapsed, each
    /// story once with its copies gathered
    /// (`Engine::rank`).
    pub rank: Duration,
    /// Reading the query again with every word required and counting
    /// those articles, when the hits rank any of several words
    /// ([`SearchResults::total_all`](super::SearchResults::total_all)).
    pub count_all: Duration,
    /// Fetching the page's stored articles and their copies, and building
    /// their snippets (`Engine::hits`).
    pub hits: Duration,
    /// Looking for a respelled query, when few articles match
    /// (`Engine::suggest`).
    pub suggest: Duration,
    /// Counting the facets asked for
    /// ([`SearchRequest::facets`](super::SearchRequest::facets)).
    pub facets: Duration,
}

impl Steps {
    /// Each step with its name (the field's), in the order they run: the
    /// one name table of the front ends that report them.
    pub fn named(&self) -> [(&'static str, Duration); 6] {
        [
            ("plan", self.plan),
            ("rank", self.rank),
            ("count_all", self.count_all),
            ("hits", self.hits),
            ("suggest", self.suggest),
            ("facets", self.facets),
        ]
    }

    /// The time of every step together.
    pub fn sum(&self) -> Duration {
        self.named().iter().map(|&(_, time)| time).sum()
    }
}

/// A stopwatch over consecutive steps: each [`Lap::lap`] returns the time
/// since the one before, so the steps timed never overlap (two
/// `Instant::now()` calls a step at most, no allocation).
pub(crate) struct Lap {
    last: Instant,
}

impl Lap {
    /// A stopwatch started now.
    pub(crate) fn start() -> Lap {
        Lap { last: Instant::now() }
    }

    /// The time since the last lap (or the start), starting the next.
    pub(crate) fn lap(&mut self) -> Duration {
        let now = Instant::now();
        let took = now.duration_since(self.last);
        self.last = now;
        took
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laps_never_overlap_and_add_up_to_the_whole() {
        let started = Instant::now();
        let mut lap = Lap::start();
        let steps = Steps { plan: lap.lap(), rank: lap.lap(), hits: lap.lap(), ..Steps::default() };
        assert!(steps.sum() <= started.elapsed());
        assert_eq!(steps.named().len(), 6);
    }
}
