//! Stories: the copies of one article in an archive (a wire story run by
//! many outlets, a re-post under a new headline, a correction with a
//! paragraph added), found at index time and grouped under one story id.
//!
//! - [`signature`]: the MinHash of an article's analyzed body;
//! - [`sample`]: a share of its shingles, to tell a cut copy;
//! - [`bands`]: the keys through which copies meet;
//! - [`grouper`]: which story each new article joins;
//! - [`crate::research::dups`]: the stories with copies (`fahras dups`);
//! - [`collapse`]: search results with each story once;
//! - [`each`]: counts of stories instead of articles (`--stories`).

pub(crate) mod bands;
pub(crate) mod collapse;
pub(crate) mod each;
pub(crate) mod grouper;
pub(crate) mod sample;
pub(crate) mod signature;
