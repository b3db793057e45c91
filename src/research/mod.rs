//! The research features: what researchers count and read beyond a ranked
//! list, one file each, every one a function of an open
//! [`Engine`](crate::searcher::Engine).
//!
//! | to | call |
//! |---|---|
//! | count matches per day, week, month, year (a chart of one or more queries) | [`chart()`], [`timeline()`] |
//! | see what the archive holds per period and outlet | [`coverage()`] |
//! | count matches by source, category, year | [`facets()`] |
//! | read every match in context (concordance) | [`kwic()`] |
//! | the words found near the matches, scored | [`collocates()`] |
//! | the words one set of articles uses more than another (keywords) | [`keywords()`] |
//! | the words or n-grams of the matching articles, by frequency | [`words()`] |
//! | how evenly the matches spread over outlets or periods (DP, Juilland's D) | [`dispersion()`] |
//! | every matching article, whole | [`export::matches`], [`export::for_each_match`] |
//! | the stories with copies; how many copies | [`dups::stories`], [`dups::copy_counts`] |
//! | the index's articles, dates, outlets and history | [`stats()`] |

pub mod chart;
pub mod collocates;
pub mod coverage;
pub mod dispersion;
pub mod dups;
pub mod export;
pub mod facets;
mod gram_tally;
pub mod keywords;
pub mod kwic;
mod reading;
pub mod stats;
pub mod timeline;
pub mod words;

pub use self::chart::chart;
pub use self::collocates::collocates;
pub use self::collocates::GroupBy;
pub use self::coverage::coverage;
pub use self::dispersion::dispersion;
pub use self::facets::facets;
pub use self::keywords::keywords;
pub use self::kwic::kwic;
pub use self::stats::stats;
pub use self::timeline::timeline;
pub use self::words::words;
