//! Integration tests: one binary, a module per area.

mod util;

// Indexing: bad input reported with FILE:LINE, nothing valid lost, reindex.
mod cli_index;
// File names that are not UTF-8; how text folders are walked.
mod cli_inputs;
// Searching: spelling variants, query syntax, filters, exit statuses.
mod cli_search;
// Export: every match whole, JSON Lines or CSV.
mod export;
// Facets: counts by source, category and year.
mod facets;
// Concordance: lines that point into their articles.
mod kwic;
// Collocations: counts checked by hand, scores by their formulas.
mod collocates;
// Keywords: two sides counted by hand, G² and log ratio by their formulas.
mod keywords;
// Word lists and n-grams counted by hand.
mod words;
// Dispersion: parts counted by hand, DP and Juilland's D by their formulas.
mod dispersion;
// Timelines: counts per period that add up.
mod timeline;
// Dates as archives print them; the Hijri calendar in timelines and filters.
mod dates;
// One counting rule: a query counts the same in every command, and says so.
mod counting;
// Search output laid out for the terminal: widths, words, highlights.
mod terminal;
// The query language as people paste it; filters; eval = search.
mod query_language;
// Highlights fall on the original (diacritized) words.
mod highlight;
// `eval` metrics on a fixture with hand-computed answers.
mod eval;
// `bench` runs `search` itself: the same requests, the same timed steps.
mod bench;
// Query and archive text as data: no panic on any query, no terminal control.
mod hostile_text;
// Killed and competing writers, damaged files, hostile input.
mod faults;
// `fahras serve`: the API, its errors and headers, a live index.
#[cfg(feature = "server")]
mod serve;
// The page in headless Chromium over WebDriver: a reader's walk, markup as text.
#[cfg(feature = "server")]
mod browser;
// `--json` schemas, locked with deny_unknown_fields.
mod json;
// Proximity added to the best articles gives the one-query ranking.
mod rerank;
// Copies grouped into stories; search shows each story once.
mod stories;
// A ranked list's total: exact to 10,000, then a lower bound.
mod totals;
// CSV and TSV archives.
mod tables;
// Gigaword SGML, Parquet, Windows-1256 and ISO-8859-6, bad records of each.
mod archives;
// The docs' runnable examples, run on the sample and compared with their output.
mod examples;
