//! What Fahras knows of how Arabic words are spelt, in one place below both
//! the indexer and the searcher:
//!
//! - [`hamza`]: a word written with another hamza seat than the archive
//!   writes it (`مسئول`, `مسؤول`), searched in the archive's spelling too;
//! - [`house`]: the two spellings an archive gives one name
//!   (`ترامب`/`ترمب`), mined from the articles when they are indexed and
//!   looked up when a query names one of them;
//! - [`typos`] and [`slips`]: a rare word one edit from a common one, and
//!   the keyboard slips behind such edits;
//! - [`written`]: a normalized term shown as the articles write it;
//! - [`suggest`]: "did you mean", the query with its unknown words
//!   respelled.

pub(crate) mod hamza;
pub(crate) mod house;
pub(crate) mod slips;
pub(crate) mod suggest;
pub(crate) mod typos;
pub(crate) mod written;
